import type { FieldkitDatabase } from '../store/database';
import type { AssessmentResult } from './assessment-schema';
import type { Author } from '../kernel/record';
import type { InputValues } from './rule-set-schema';
import { activeRuleSet, evaluate, loadRuleSetOrThrow, toAssessmentResult } from './';
import { loadRuleSetLibrary } from './library';
import { newId } from '../kernel/ids';

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
