/**
 * Deadline rules: when each kind of report or form is due, as data an admin can change
 * (settings `deadlineRules`, one override per subject). The defaults are the brief's table.
 * Times are wall-clock times in the author's own time zone; ./deadlines.ts turns a rule and a
 * period into instants and judges a submission against them.
 */
import { z } from '../kernel/zod';

export const DEADLINE_SUBJECTS = [
  'terminalDaily',
  'daily',
  'weekly',
  'customerFile',
  'rebateTables',
  'monthlyRep',
  'monthlyManager',
  'assessmentForms',
  'feedbackInterview',
  'inspection',
] as const;
export type DeadlineSubject = (typeof DEADLINE_SUBJECTS)[number];

export function isDeadlineSubject(value: string): value is DeadlineSubject {
  return (DEADLINE_SUBJECTS as readonly string[]).includes(value);
}

/** A wall-clock time, "HH:mm" or "HH:mm:ss" (24 h). "End of day" is 23:59:59. */
export const WallTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'expected a time like 18:00 or 23:59:59');

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const IsoWeekday = z.number().int().min(1).max(7);

/** Due on the period's (last) day at a time: the terminal daily report at 16:00, the daily report at the end of the day. */
export const SameDayRule = z.object({ type: z.literal('sameDay'), time: WallTime });

/**
 * Due on a weekday of the period's ISO week (Monday first), `weekOffset` weeks later (0: that
 * week). With a grace, a submission after the due time and up to the grace's weekday and time
 * (the first such moment after the due time, at most a week later) is on time only with a
 * stated reason.
 */
export const WeekdayRule = z.object({
  type: z.literal('weekday'),
  weekday: IsoWeekday,
  time: WallTime,
  weekOffset: z.number().int().min(0).max(4).optional(),
  grace: z.object({ weekday: IsoWeekday, time: WallTime }).optional(),
});

/**
 * Due on a day of the month — a number, capped to the month's last day ("the 30th; the last
 * day in shorter months"), or 'last' — of the month the period ends in or of the next month.
 * "Before the 25th" is day 24 at 23:59:59.
 */
export const MonthDayRule = z.object({
  type: z.literal('monthDay'),
  day: z.union([z.number().int().min(1).max(31), z.literal('last')]),
  time: WallTime,
  month: z.enum(['same', 'next']),
});

/** Due `days` days after the anchor day (the period's start, e.g. the assessment) at a time. */
export const WithinDaysRule = z.object({
  type: z.literal('withinDays'),
  days: z.number().int().min(0).max(366),
  time: WallTime,
});

export const DeadlineRule = z.discriminatedUnion('type', [SameDayRule, WeekdayRule, MonthDayRule, WithinDaysRule]);
export type DeadlineRule = z.infer<typeof DeadlineRule>;

const END_OF_WORK = '18:00';
const END_OF_DAY = '23:59:59';

/** The brief's table ("Deadlines (defaults)"). */
export const DEFAULT_DEADLINE_RULES: Record<DeadlineSubject, DeadlineRule> = {
  terminalDaily: { type: 'sameDay', time: '16:00' },
  daily: { type: 'sameDay', time: END_OF_DAY },
  weekly: { type: 'weekday', weekday: 5, time: END_OF_WORK, grace: { weekday: 1, time: '09:00' } },
  customerFile: { type: 'weekday', weekday: 5, time: END_OF_WORK },
  rebateTables: { type: 'monthDay', day: 24, time: END_OF_DAY, month: 'same' },
  monthlyRep: { type: 'monthDay', day: 'last', time: END_OF_DAY, month: 'same' },
  monthlyManager: { type: 'monthDay', day: 30, time: END_OF_DAY, month: 'same' },
  assessmentForms: { type: 'monthDay', day: 7, time: END_OF_DAY, month: 'next' },
  feedbackInterview: { type: 'withinDays', days: 5, time: END_OF_DAY },
  inspection: { type: 'sameDay', time: END_OF_DAY },
};

export interface DeadlineRuleProblem {
  subject: DeadlineSubject | string;
  message: string;
}

/** One sentence for a refused rule, naming the field (e.g. "time: expected a time like 18:00"). */
export function ruleProblemMessage(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * The rules in force: the defaults with the admin's overrides (settings `deadlineRules`) laid
 * over them. An override that is not a valid rule, or names no known subject, is ignored — the
 * default stays — and named in `problems`.
 */
export function deadlineRulesFrom(overrides: Record<string, unknown>): {
  rules: Record<DeadlineSubject, DeadlineRule>;
  problems: DeadlineRuleProblem[];
} {
  const rules: Record<DeadlineSubject, DeadlineRule> = { ...DEFAULT_DEADLINE_RULES };
  const problems: DeadlineRuleProblem[] = [];
  for (const [subject, value] of Object.entries(overrides ?? {})) {
    if (!isDeadlineSubject(subject)) {
      problems.push({ subject, message: `unknown deadline subject "${subject}"` });
      continue;
    }
    if (value === undefined || value === null) continue;
    const parsed = DeadlineRule.safeParse(value);
    if (parsed.success) rules[subject] = parsed.data;
    else problems.push({ subject, message: ruleProblemMessage(parsed.error) });
  }
  return { rules, problems };
}

/** Which rule a diary entry answers to: a monthly report is the rep's or the regional manager's. */
export function subjectOfDiary(
  kind: 'daily' | 'weekly' | 'monthly' | 'inspection',
  role: 'rep' | 'manager' | 'admin',
): DeadlineSubject {
  if (kind === 'monthly') return role === 'rep' ? 'monthlyRep' : 'monthlyManager';
  return kind;
}
