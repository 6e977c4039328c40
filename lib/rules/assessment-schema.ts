import { z } from '../kernel/zod';
import { Instant, recordBase } from '../kernel/record';
import { InputValue, InputValues, Localized, RuleSetId } from './rule-set-schema';

/** One node of a score's explanation tree: what it read, what it got, and why. */
export const ItemResult = z.object({
  id: z.string(),
  /** Dotted path from the root item, e.g. `dailyWork.dealerManagement.rebateTablesLate`. */
  path: z.string(),
  kind: z.enum(['formula', 'bands', 'table', 'deduction', 'flag', 'block']),
  label: Localized,
  /** `partial`: a block some of whose children are missing; its score covers only the others. */
  status: z.enum(['ok', 'partial', 'missing', 'error']),
  /** Inputs, derived quantities and parameters the item's own rule read, with their values. */
  inputs: z.record(z.string(), InputValue).optional(),
  /** The raw value before scoring (a rate, a grade letter, a count of occurrences). */
  value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
  valueUnit: z.string().optional(),
  /**
   * What the value aims at, in `valueUnit`. Present only on items that declare a `target`; null
   * when it cannot be computed (an input it reads is missing, a division by zero).
   */
  target: z.number().nullable().optional(),
  /** Which way the value is better, when the item declares it. */
  better: z.enum(['higher', 'lower']).optional(),
  score: z.number().nullable(),
  weight: z.number(),
  contribution: z.number().nullable(),
  /** Set when a zero rule fired, e.g. "the weekly report was late". */
  zeroedBy: Localized.optional(),
  explanation: Localized.optional(),
  /** Inputs this item needed and did not get: never read as 0. */
  missing: z.array(z.string()),
  error: Localized.optional(),
  get children(): z.ZodOptional<z.ZodArray<typeof ItemResult>> {
    return z.array(ItemResult).optional();
  },
});
export type ItemResult = z.infer<typeof ItemResult>;

export const InputProblem = z.object({ field: z.string(), message: z.string() });
export type InputProblem = z.infer<typeof InputProblem>;

/** What the evaluator returns for one subject: not yet a stored record. */
export const ScoreResult = z.object({
  ruleSetId: RuleSetId,
  ruleSetVersion: z.number().int().positive(),
  /** null when partial: a total over the items that could be computed would be a guess. */
  total: z.number().nullable(),
  /** Sum over the items that could be computed; equals `total` when nothing is missing. */
  knownTotal: z.number(),
  totalUnit: z.string(),
  grade: z.string().nullable(),
  gradeLabel: Localized.optional(),
  gradeNote: Localized.optional(),
  partial: z.boolean(),
  missing: z.array(z.string()),
  inputProblems: z.array(InputProblem),
  root: ItemResult,
});
export type ScoreResult = z.infer<typeof ScoreResult>;

/**
 * A stored score. It keeps the rule set's id and version and the inputs it was computed from, so
 * editing a rule set later never rewrites it and it can always be recomputed and compared.
 */
export const AssessmentResult = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  subject: z.object({
    type: z.enum(['rep', 'regionalManager', 'dealer', 'customer', 'team']),
    id: z.string().min(1),
    name: z.string().optional(),
  }),
  /** The period assessed, in the rule set's period kind: 2026-11, 2026-Q4, 2026, 2026-W48. */
  period: z.string().min(1),
  ruleSetId: RuleSetId,
  ruleSetVersion: z.number().int().positive(),
  inputs: InputValues,
  total: z.number().nullable(),
  knownTotal: z.number(),
  totalUnit: z.string(),
  grade: z.string().nullable(),
  partial: z.boolean(),
  missing: z.array(z.string()),
  items: ItemResult,
  computedAt: Instant,
});
export type AssessmentResult = z.infer<typeof AssessmentResult>;
