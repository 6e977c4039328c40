import type { AssessmentResult, ScoreResult } from './assessment-schema';
import type { Author } from '../kernel/record';
import type { InputValues, RuleSet } from './rule-set-schema';

export interface StoreScoreContext {
  id: string;
  author: Author;
  subject: AssessmentResult['subject'];
  period: string;
  inputs: InputValues;
  now: string;
}

/** Turns an evaluation into the record that is stored; it keeps the rule version and the inputs. */
export function toAssessmentResult(score: ScoreResult, ruleSet: RuleSet, context: StoreScoreContext): AssessmentResult {
  if (score.ruleSetId !== ruleSet.id || score.ruleSetVersion !== ruleSet.version) {
    throw new Error(`score was computed with ${score.ruleSetId} v${score.ruleSetVersion}, not ${ruleSet.id} v${ruleSet.version}`);
  }
  return {
    id: context.id,
    schemaVersion: 1,
    author: context.author,
    createdAt: context.now,
    updatedAt: context.now,
    subject: context.subject,
    period: context.period,
    ruleSetId: score.ruleSetId,
    ruleSetVersion: score.ruleSetVersion,
    inputs: context.inputs,
    total: score.total,
    knownTotal: score.knownTotal,
    totalUnit: score.totalUnit,
    grade: score.grade,
    partial: score.partial,
    missing: score.missing,
    items: score.root,
    computedAt: context.now,
  };
}
