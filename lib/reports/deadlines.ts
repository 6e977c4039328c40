/**
 * The deadline evaluator: a rule and a period, in the author's IANA time zone, give the instants
 * a submission is due (and, with a grace, the last moment it is still on time with a reason);
 * a submission time then says on time / on time with a stated reason / late. Boundaries are to
 * the second: a 16:00 rule accepts 16:00:00.999 and refuses 16:00:01.
 */
import { TZDate } from '@date-fns/tz';
import { daysOfMonth, addMonthsTo } from '../kernel/dates';
import type { DeadlineRule } from './deadline-rules';
import type { DeadlineOutcome } from './diary-schema';

/** The period a record is about: days YYYY-MM-DD, inclusive. For a "within N days" rule the anchor is `start`. */
export interface DeadlinePeriod {
  start: string;
  end: string;
}

/** ISO instants (UTC, 'Z'). `reasonRequired`: a submission in the grace needs a stated reason. */
export interface Deadline {
  dueAt: string;
  graceUntil?: string;
  reasonRequired: boolean;
}

export type DeadlinePhase = 'open' | 'grace' | 'late';

const DAY_MS = 86_400_000;

function parseDay(day: string): { y: number; m: number; d: number } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

function formatDay(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Calendar arithmetic on YYYY-MM-DD, independent of any time zone. */
export function addDaysToDay(day: string, n: number): string {
  const { y, m, d } = parseDay(day);
  const date = new Date(Date.UTC(y, m - 1, d) + n * DAY_MS);
  return formatDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(day: string): number {
  const { y, m, d } = parseDay(day);
  const js = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return js === 0 ? 7 : js;
}

function secondsOf(time: string): number {
  const [h, mi, s] = time.split(':').map(Number) as [number, number, number?];
  return h * 3600 + mi * 60 + (s ?? 0);
}

/**
 * The instant a wall-clock day and time happen in a time zone. A time in a DST gap moves forward
 * by the gap (02:30 on a spring-forward day is 03:30); an ambiguous one is its first occurrence.
 */
export function wallClockToInstant(day: string, time: string, timeZone: string): string {
  const { y, m, d } = parseDay(day);
  const [h, mi, s] = time.split(':').map(Number) as [number, number, number?];
  const date = new TZDate(y, m - 1, d, h, mi, s ?? 0, timeZone);
  return new Date(date.getTime()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The due day (and grace day, if any) of a rule for a period, as wall-clock days. */
export function dueDayOf(rule: DeadlineRule, period: DeadlinePeriod): { day: string; graceDay?: string } {
  switch (rule.type) {
    case 'sameDay':
      return { day: period.end };
    case 'withinDays':
      return { day: addDaysToDay(period.start, rule.days) };
    case 'monthDay': {
      const month = rule.month === 'next' ? addMonthsTo(period.end.slice(0, 7), 1) : period.end.slice(0, 7);
      const last = daysOfMonth(month).last;
      const lastDay = Number(last.slice(8, 10));
      const d = rule.day === 'last' ? lastDay : Math.min(rule.day, lastDay);
      return { day: `${month}-${String(d).padStart(2, '0')}` };
    }
    case 'weekday': {
      const monday = addDaysToDay(period.start, 1 - isoWeekdayOf(period.start));
      const day = addDaysToDay(monday, (rule.weekOffset ?? 0) * 7 + rule.weekday - 1);
      if (!rule.grace) return { day };
      let offset = (rule.grace.weekday - rule.weekday + 7) % 7;
      if (offset === 0 && secondsOf(rule.grace.time) <= secondsOf(rule.time)) offset = 7;
      return { day, graceDay: addDaysToDay(day, offset) };
    }
  }
}

/** When a record of `period` is due under `rule`, for an author in `timeZone`. */
export function deadlineOf(rule: DeadlineRule, period: DeadlinePeriod, timeZone: string): Deadline {
  const { day, graceDay } = dueDayOf(rule, period);
  const dueAt = wallClockToInstant(day, rule.time, timeZone);
  if (rule.type === 'weekday' && rule.grace && graceDay) {
    return { dueAt, graceUntil: wallClockToInstant(graceDay, rule.grace.time, timeZone), reasonRequired: true };
  }
  return { dueAt, reasonRequired: false };
}

/** Whole seconds since the epoch: a deadline is met up to the last millisecond of its second. */
function wholeSeconds(instant: string): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${instant}`);
  return Math.floor(ms / 1000);
}

/** open: on or before dueAt (to the second); grace: after dueAt, on or before graceUntil; late: after. */
export function phaseAt(deadline: Deadline, at: string): DeadlinePhase {
  const t = wholeSeconds(at);
  if (t <= wholeSeconds(deadline.dueAt)) return 'open';
  if (deadline.graceUntil && t <= wholeSeconds(deadline.graceUntil)) return 'grace';
  return 'late';
}

/**
 * How a submission met its deadline: on time; on time with a reason (in the grace, with a
 * non-blank reason); late (after the grace, in the grace without a reason, or after the due
 * time when there is no grace). The outcome keeps the instants and the time zone it was judged in.
 */
export function evaluateSubmission(args: {
  rule: DeadlineRule;
  period: DeadlinePeriod;
  submittedAt: string;
  timeZone: string;
  reason?: string;
}): DeadlineOutcome {
  const deadline = deadlineOf(args.rule, args.period, args.timeZone);
  const reason = args.reason?.trim() ? args.reason.trim().slice(0, 500) : undefined;
  const phase = phaseAt(deadline, args.submittedAt);
  const outcome: DeadlineOutcome['outcome'] =
    phase === 'open' ? 'onTime' : phase === 'grace' && reason ? 'onTimeWithReason' : 'late';
  return {
    outcome,
    dueAt: deadline.dueAt,
    ...(deadline.graceUntil ? { graceUntil: deadline.graceUntil } : {}),
    ...(reason ? { reason } : {}),
    timeZone: args.timeZone,
    submittedAt: args.submittedAt,
  };
}

/** The device's IANA time zone, or China's when the runtime cannot say. */
export function deviceTimeZone(): string {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) return zone;
  } catch {
    // fall through
  }
  return 'Asia/Shanghai';
}
