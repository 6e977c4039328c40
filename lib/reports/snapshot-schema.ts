/**
 * The numbers a generated weekly or monthly report was built from, kept with the report "as of"
 * the moment it was generated (lib/reports/compose/). They are a snapshot, not a live view: a
 * visit card saved after the report was built does not change what the report says until the rep
 * refreshes it. Exports and the CRM note render them; the next report reads `grades` back to say
 * which customer grades changed since.
 */
import { z } from '../kernel/zod';
import { Day, Id, Instant, Month } from '../kernel/record';

const text = z.string().max(500);
const count = z.number().int().nonnegative();
const quantity = z.number().nonnegative();

/** How far a plan item got, as worked out from the period's records (the rep confirms). */
export const PlanCompletion = z.enum(['done', 'partly', 'not', 'unknown']);
export type PlanCompletion = z.infer<typeof PlanCompletion>;

/** One item of the previous plan, with the suggestion and the records behind it. */
export const PlanEvidence = z.object({
  item: text,
  suggestion: PlanCompletion,
  /** Why, in the records' own words: the daily lines and visits that match (at most 5). */
  evidence: z
    .array(z.object({ kind: z.enum(['daily', 'visit']), day: Day, text }))
    .max(5)
    .default([]),
  /** Dealers the item names, found in the period's visits or not. */
  dealerIds: z.array(Id).max(20).default([]),
  /** A number the item promises ("visit 5 terminals") and how many the records show. */
  target: z.object({ promised: quantity, achieved: quantity }).optional(),
});
export type PlanEvidence = z.infer<typeof PlanEvidence>;

/** The period's visits to one dealer, with the numbers a manager reads first. */
export const DealerPeriod = z.object({
  dealerId: Id,
  visits: count,
  days: z.array(Day).max(62),
  orderQuantity: quantity,
  unit: z.string().max(20),
  /** The last count of stock in the period (当期库存), if any card counted it. */
  inventory: quantity.optional(),
  /** Required SKUs the last card found not carried (必销品种缺货). */
  missingSkus: z.array(z.string().max(200)).max(50).default([]),
  keyAccount: z.boolean(),
});
export type DealerPeriod = z.infer<typeof DealerPeriod>;

/** A key-account visit with the fields that would cost points if left blank (seed 000: −3 each). */
export const KeyAccountCheck = z.object({
  dealerId: Id,
  day: Day,
  missing: z.array(z.enum(['purpose', 'outcome', 'order', 'inventory'])).max(4),
});

export const IntelLine = z.object({
  id: Id,
  day: Day,
  competitor: z.string().max(200),
  product: z.string().max(400).optional(),
  price: z.object({ kind: z.string().max(20), amount: quantity, currency: z.string().max(8), unit: z.string().max(40) }).optional(),
  promotion: z.string().max(500).optional(),
  dealerId: Id.optional(),
});
export type IntelLine = z.infer<typeof IntelLine>;

/** A dealer's KPI score this period against the one before (lib/dealers/panel). */
export const KpiMove = z.object({
  dealerId: Id,
  period: Month,
  score: z.number().finite().nullable(),
  previous: z.number().finite().nullable(),
  grade: z.string().max(40).nullable(),
  partial: z.boolean(),
  ruleSet: z.string().max(80),
});
export type KpiMove = z.infer<typeof KpiMove>;

/** How one report of the period met its deadline, or that it is missing. */
export const DeadlineLine = z.object({
  kind: z.enum(['daily', 'weekly', 'monthly', 'inspection']),
  periodStart: Day,
  outcome: z.enum(['onTime', 'onTimeWithReason', 'late', 'missing', 'draft']),
});
export type DeadlineLine = z.infer<typeof DeadlineLine>;

export const ReportSnapshot = z.object({
  /** When the numbers were read, and in which time zone the period's days are counted. */
  asOf: Instant,
  timeZone: z.string().min(1).max(64),
  from: Day,
  to: Day,
  plan: z.array(PlanEvidence).max(100).default([]),
  /** The period's work, a day at a time, from the daily reports. */
  work: z
    .array(z.object({ day: Day, lines: z.array(text).max(50) }))
    .max(62)
    .default([]),
  dealers: z.array(DealerPeriod).max(500).default([]),
  keyAccounts: z.object({ required: count, visited: count, checks: z.array(KeyAccountCheck).max(200).default([]) }),
  intel: z.array(IntelLine).max(200).default([]),
  kpis: z.array(KpiMove).max(500).default([]),
  deadlines: z.array(DeadlineLine).max(62).default([]),
  /** Problems raised in the period's daily reports, not yet answered by a later one. */
  problems: z
    .array(z.object({ day: Day, text }))
    .max(100)
    .default([]),
  /** The grade of every dealer the report covers, as of `asOf`: the next report's baseline for grade changes. */
  grades: z
    .array(z.object({ dealerId: Id, grade: z.enum(['A', 'B', 'C']).optional() }))
    .max(1000)
    .default([]),
  /** Monthly: each line of last month's plan next to what the month shows. */
  planVsActual: z
    .array(z.object({ plan: text, actual: z.array(text).max(10), suggestion: PlanCompletion }))
    .max(100)
    .optional(),
});
export type ReportSnapshot = z.infer<typeof ReportSnapshot>;
