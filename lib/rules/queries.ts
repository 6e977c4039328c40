import { defineQuery } from '../store/query';
import type { RuleSet } from './rule-set-schema';
import type { AssessmentResult } from './assessment-schema';

/** Every stored version of one rule set, oldest first. */
export const ruleSetVersions = defineQuery({
  name: 'rules.versionsOf',
  table: 'ruleSets',
  index: 'id',
  example: { id: 'dealer-kpi' },
  run: async (db, { id }: { id: string }): Promise<RuleSet[]> => db.ruleSets.where('id').equals(id).sortBy('version'),
});

/** Scores of one subject for one period (every rule set). */
export const scoresOfSubject = defineQuery({
  name: 'rules.scoresOf',
  table: 'assessments',
  index: '[subject.id+period]',
  example: { subjectId: 'rep-1', period: '2026-11' },
  run: async (db, { subjectId, period }: { subjectId: string; period: string }): Promise<AssessmentResult[]> =>
    db.assessments.where('[subject.id+period]').equals([subjectId, period]).toArray(),
});

/** Scores computed with one rule-set version (what an edit of that version would have changed). */
export const scoresOfRuleSetVersion = defineQuery({
  name: 'rules.scoresOfVersion',
  table: 'assessments',
  index: '[ruleSetId+ruleSetVersion]',
  example: { ruleSetId: 'dealer-kpi', version: 1 },
  run: async (db, { ruleSetId, version }: { ruleSetId: string; version: number }): Promise<AssessmentResult[]> =>
    db.assessments.where('[ruleSetId+ruleSetVersion]').equals([ruleSetId, version]).toArray(),
});

export const ruleQueries = [ruleSetVersions, scoresOfSubject, scoresOfRuleSetVersion];
