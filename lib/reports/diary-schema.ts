import { z } from '../kernel/zod';
import { Day, Id, Instant, IsoWeek, Month, recordBase } from '../kernel/record';
import { ReportSnapshot } from './snapshot-schema';

const line = z.string().max(500);

/** 日报: today's work, tomorrow's plan, problems; today's visit cards attach by `day`. */
export const DailyContent = z.object({
  kind: z.literal('daily'),
  todayWork: z.array(line).default([]), // 今日工作内容
  tomorrowPlan: z.array(line).default([]), // 明日计划
  problems: z.array(line).default([]), // 需解决的问题
});

/** One line of last week's plan with how far it got. */
export const PlanReview = z.object({
  item: line,
  completion: z.number().min(0).max(100), // percent
  problem: line.default(''),
});

/** 周报 /《周工作汇报表》. */
export const WeeklyContent = z.object({
  kind: z.literal('weekly'),
  lastWeekSummary: z.array(PlanReview).default([]), // 上周工作总结
  nextWeekPlan: z.array(z.object({ priority: line, support: line.default('') })).default([]), // 下周工作计划
  keyAccountVisits: z
    .array(z.object({ dealerId: Id, day: Day, purpose: line, outcome: line }))
    .default([]), // 大客户走访情况
  gradeChanges: z
    .array(z.object({ dealerId: Id, from: z.enum(['A', 'B', 'C']).optional(), to: z.enum(['A', 'B', 'C']) }))
    .default([]), // 客户级别变动
  lateReason: line.optional(), // required when submitted after Friday end of work
});

/** 月报. `localProposal` (合理化方案) is for regional managers. */
export const MonthlyContent = z.object({
  kind: z.literal('monthly'),
  results: z.array(line).default([]), // 工作成果
  problems: z.array(line).default([]), // 存在问题
  nextMonthPlan: z.array(line).default([]), // 下月工作计划
  localProposal: z.string().max(4000).optional(), // 合理化方案
});

/** 市场巡视报告, for managers. */
export const InspectionContent = z.object({
  kind: z.literal('inspection'),
  learned: z.array(line).default([]), // 了解了什么
  handled: z.array(line).default([]), // 处理了什么
  guided: z.array(line).default([]), // 指导了什么
});

export const DiaryContent = z.discriminatedUnion('kind', [
  DailyContent,
  WeeklyContent,
  MonthlyContent,
  InspectionContent,
]);
export type DiaryKind = z.infer<typeof DiaryContent>['kind'];

/** A manager's annotation (批注, the "red pen") on a diary entry. */
export const Annotation = z.object({
  id: Id,
  author: z.object({ id: z.string(), name: z.string() }),
  at: Instant,
  path: z.string().optional(), // which field the note is about, e.g. "lastWeekSummary.0"
  text: z.string().min(1).max(2000),
});

/** One field that changed in a revision: where, and its value before and after (as JSON values). */
export const FieldChange = z.object({
  path: z.string().max(200),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type FieldChange = z.infer<typeof FieldChange>;

/**
 * One step of an entry's life after it was first submitted (the audit trail a manager reads):
 * a submission (with its deadline outcome), an edit of a submitted entry, or a resubmission
 * after it was returned. Manager actions (read, annotate, return, review) are review events,
 * records of their own (./review-schema.ts): a record always belongs to its author.
 */
export const Revision = z.object({
  at: Instant,
  by: z.object({ id: z.string(), name: z.string() }),
  action: z.enum(['submitted', 'edited', 'resubmitted']),
  changes: z.array(FieldChange).max(200).default([]),
});
export type Revision = z.infer<typeof Revision>;

/**
 * How a submission met its deadline, worked out when it was submitted (lib/reports/deadlines.ts)
 * in the author's time zone and kept, so a later change of rules never rewrites history.
 */
export const DeadlineOutcome = z.object({
  outcome: z.enum(['onTime', 'late', 'onTimeWithReason']),
  dueAt: Instant,
  graceUntil: Instant.optional(),
  reason: line.optional(),
  timeZone: z.string().min(1).max(64),
  submittedAt: Instant,
});
export type DeadlineOutcome = z.infer<typeof DeadlineOutcome>;

export const DiaryEntry = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  /** The day the entry is about; for weekly/monthly, the first day of that period. */
  periodStart: Day,
  isoWeek: IsoWeek, // of periodStart — powers "a rep's records by ISO week"
  month: Month.optional(),
  status: z.enum(['draft', 'submitted', 'reviewed']).default('draft'),
  submittedAt: Instant.optional(),
  dueAt: Instant.optional(),
  templateId: Id.optional(),
  /** The version of the template the entry was written with; it renders with that version. */
  templateVersion: z.number().int().positive().optional(),
  content: DiaryContent,
  /** Values of fields an admin added to the template, by field key. */
  extra: z.record(z.string(), z.unknown()).optional(),
  /** Legacy in-record annotations; new ones are review events. */
  annotations: z.array(Annotation).default([]),
  /** Set at the first submission and at each resubmission. */
  deadline: DeadlineOutcome.optional(),
  revisions: z.array(Revision).max(500).optional(),
  /** A generated weekly or monthly report's numbers, as of when it was built (./snapshot-schema.ts). */
  snapshot: ReportSnapshot.optional(),
});
export type DiaryEntry = z.infer<typeof DiaryEntry>;

/** The dealers an entry's content names (a weekly report's key-account visits and grade changes). */
export function dealerIdsNamedIn(entry: Pick<DiaryEntry, 'content'> & { snapshot?: ReportSnapshot }): string[] {
  const named = entry.content.kind === 'weekly' ? [...entry.content.keyAccountVisits.map((v) => v.dealerId), ...entry.content.gradeChanges.map((g) => g.dealerId)] : [];
  // A generated report also covers every dealer its numbers are about.
  const covered = entry.snapshot ? [...entry.snapshot.dealers.map((d) => d.dealerId), ...entry.snapshot.kpis.map((k) => k.dealerId)] : [];
  return [...new Set([...named, ...covered])];
}
