import type { FieldkitDatabase } from './database';
import type { AssessmentResult } from '../schema/assessment';
import type { Author } from '../schema/common';
import type { InputValues } from '../schema/rule-set';
import { activeRuleSet, evaluate, loadRuleSetOrThrow, toAssessmentResult } from '../rules';
import { loadRuleSetLibrary } from './rule-sets';
import { newId } from '../ids';

/**
 * Scores a subject with the active version of a rule set and stores the result as a new record.
 * A stored score is never recomputed in place: it names the rule-set version it used, so editing
 * a rule set later leaves it as it was; scoring again under the new version adds a new record.
 */
export async function scoreAndStore(
  db: FieldkitDatabase,
  request: { ruleSetId: string; subject: AssessmentResult['subject']; period: string; inputs: InputValues; author: Author; now?: Date },
): Promise<AssessmentResult> {
  const ruleSet = activeRuleSet(await loadRuleSetLibrary(db), request.ruleSetId);
  if (!ruleSet) throw new Error(`no rule set "${request.ruleSetId}"`);
  const score = evaluate(loadRuleSetOrThrow(ruleSet), request.inputs);
  const now = (request.now ?? new Date()).toISOString();
  const record = toAssessmentResult(score, ruleSet, { id: newId(), author: request.author, subject: request.subject, period: request.period, inputs: request.inputs, now });
  await db.assessments.add(record);
  return record;
}

/** A subject's stored scores for a period, newest first, each with the version it was computed with. */
export async function scoresOf(db: FieldkitDatabase, subjectId: string, period: string): Promise<AssessmentResult[]> {
  const rows = await db.assessments.where('[subject.id+period]').equals([subjectId, period]).toArray();
  return rows.sort((a, b) => b.computedAt.localeCompare(a.computedAt));
}
