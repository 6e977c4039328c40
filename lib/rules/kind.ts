import { defineKind } from '../store/kind';
import { RuleSet } from './rule-set-schema';
import { AssessmentResult } from './assessment-schema';

/** Every saved version of every rule set; never overwritten (./library.ts writes them). */
export const ruleSetKind = defineKind({
  name: 'ruleSet',
  table: 'ruleSets',
  schema: RuleSet,
  primaryKey: '[id+version]',
  indexes: ['id'],
  authored: false,
  labels: { 'zh-CN': { one: '规则集', other: '规则集' }, en: { one: 'rule set', other: 'rule sets' } },
});

/** A stored score, keeping the rule-set id and version it was computed with. */
export const assessmentKind = defineKind({
  name: 'assessment',
  table: 'assessments',
  schema: AssessmentResult,
  indexes: ['[subject.id+period]', '[ruleSetId+ruleSetVersion]'],
  authored: false,
  labels: { 'zh-CN': { one: '考核结果', other: '考核结果' }, en: { one: 'score', other: 'scores' } },
});
