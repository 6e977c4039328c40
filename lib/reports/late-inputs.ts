/**
 * The monthly assessments' "late" inputs, fed from the deadline outcomes the submissions
 * recorded instead of being typed (rules/sales-rep-monthly.json, rules/regional-manager-monthly.json):
 *
 * - rep: `weeklyReportsLateOrIllegible` — the weekly reports of the month that were late or were
 *   never submitted and are past their deadline (the "illegible" part stays a manager's judgement:
 *   a form adds it to this count); `repeatedNonSubmission` — materials (weekly reports or the
 *   monthly report) late or missing this month and the month before.
 * - regional manager (and admin): `monthlyReportLate` — the month's monthly report late, or not
 *   submitted and past its deadline; `repeatedNonSubmission` — that, and last month's too.
 *
 * Which week belongs to which month: **a week belongs to the month its Friday falls in** — the
 * day the weekly report is due by default — so every ISO week is counted in exactly one month
 * (the week of Mon 30 Nov – Sun 6 Dec 2026 belongs to December).
 *
 * A submitted report counts as the outcome recorded at its first submission (`entry.deadline`,
 * so a later change of rules never rewrites history, and a returned report resubmitted later is
 * judged by its first submission); one submitted without a recorded outcome (older data) is
 * judged now by its submit time under the current rules. A report never submitted (missing or a
 * draft) counts as late once its deadline — the end of the grace, if the rule has one — has
 * passed at `now`; before that it is pending and counts for nothing.
 */
import { addMonthsTo, daysOfMonth } from '../kernel/dates';
import type { FieldkitDatabase } from '../store/database';
import { subjectOfDiary, type DeadlineRule, type DeadlineSubject } from './deadline-rules';
import { addDaysToDay, deadlineOf, evaluateSubmission, isoWeekdayOf, phaseAt } from './deadlines';
import type { DiaryEntry } from './diary-schema';
import { entriesOfKindBefore, entryOfPeriod } from './queries';

export type AssessedRole = 'rep' | 'manager' | 'admin';
export type LateLocale = 'zh-CN' | 'en';

/** How one report of the month (or the month before) stands. */
export type ReportStanding = 'onTime' | 'onTimeWithReason' | 'late' | 'missing' | 'pending';

export interface ReportOfMonth {
  kind: 'weekly' | 'monthly';
  /** Monday of the week, or the first day of the month. */
  periodStart: string;
  /** The month the report belongs to (`YYYY-MM`). */
  month: string;
  standing: ReportStanding;
  /** The entry, when one exists (a draft for a missing report). */
  entryId?: string;
}

export interface LateInputSource {
  input: string;
  entryIds: string[];
  /** One sentence in `locale` saying where the value came from. */
  text: string;
}

export interface LateInputs {
  inputs: Record<string, number | boolean>;
  sources: LateInputSource[];
  /** Every report looked at, for a UI that lists them (this month's and the month before's). */
  reports: ReportOfMonth[];
}

/** The Mondays of the weeks that belong to `month`: those whose Friday falls in it. */
export function weeksOfMonth(month: string): string[] {
  const { first, last } = daysOfMonth(month);
  const firstFriday = addDaysToDay(first, (5 - isoWeekdayOf(first) + 7) % 7);
  const mondays: string[] = [];
  for (let friday = firstFriday; friday <= last; friday = addDaysToDay(friday, 7)) mondays.push(addDaysToDay(friday, -4));
  return mondays;
}

/** The month (`YYYY-MM`) a week belongs to: its Friday's. `day` is any day of the week. */
export function monthOfWeek(day: string): string {
  return addDaysToDay(day, 5 - isoWeekdayOf(day)).slice(0, 7);
}

function isSubmitted(entry: DiaryEntry): boolean {
  return entry.status !== 'draft' && Boolean(entry.submittedAt);
}

/** The entry that speaks for a period: a submitted one before a draft, the earliest submission first. */
function entryFor(entries: DiaryEntry[], kind: 'weekly' | 'monthly', periodStart: string): DiaryEntry | undefined {
  const candidates = entries.filter((e) => !e.deletedAt && e.content.kind === kind && e.periodStart === periodStart);
  const submitted = candidates.filter(isSubmitted).sort((a, b) => (a.submittedAt! < b.submittedAt! ? -1 : 1));
  return submitted[0] ?? candidates[0];
}

function standingOf(args: {
  entry: DiaryEntry | undefined;
  rule: DeadlineRule;
  period: { start: string; end: string };
  now: string;
  timeZone: string;
}): ReportStanding {
  const { entry, rule, period, now, timeZone } = args;
  if (entry && isSubmitted(entry)) {
    if (entry.deadline) return entry.deadline.outcome;
    const reason = entry.content.kind === 'weekly' ? entry.content.lateReason : undefined;
    return evaluateSubmission({ rule, period, submittedAt: entry.submittedAt!, timeZone, reason }).outcome;
  }
  return phaseAt(deadlineOf(rule, period, timeZone), now) === 'late' ? 'missing' : 'pending';
}

function reportsOf(args: {
  role: AssessedRole;
  month: string;
  entries: DiaryEntry[];
  now: string;
  rules: Record<DeadlineSubject, DeadlineRule>;
  timeZone: string;
}): ReportOfMonth[] {
  const { role, month, entries, now, rules, timeZone } = args;
  const reports: ReportOfMonth[] = [];
  const add = (kind: 'weekly' | 'monthly', periodStart: string, end: string, reportMonth: string) => {
    const entry = entryFor(entries, kind, periodStart);
    const rule = rules[subjectOfDiary(kind, role)];
    const standing = standingOf({ entry, rule, period: { start: periodStart, end }, now, timeZone });
    reports.push({ kind, periodStart, month: reportMonth, standing, ...(entry ? { entryId: entry.id } : {}) });
  };
  for (const m of [addMonthsTo(month, -1), month]) {
    if (role === 'rep') for (const monday of weeksOfMonth(m)) add('weekly', monday, addDaysToDay(monday, 6), m);
    const { first, last } = daysOfMonth(m);
    add('monthly', first, last, m);
  }
  return reports;
}

const isLate = (r: ReportOfMonth) => r.standing === 'late' || r.standing === 'missing';

function monthWords(month: string, locale: LateLocale): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return locale === 'zh-CN'
    ? `${y}年${m}月`
    : new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

function dayWords(day: string, locale: LateLocale): string {
  const [, m, d] = day.split('-').map(Number) as [number, number, number];
  return locale === 'zh-CN'
    ? `${m}月${d}日`
    : new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

function weekList(reports: ReportOfMonth[], locale: LateLocale): string {
  return reports
    .map((r) =>
      locale === 'zh-CN'
        ? `${dayWords(r.periodStart, locale)}那周（${r.standing === 'missing' ? '未交' : '迟交'}）`
        : `week of ${dayWords(r.periodStart, locale)} (${r.standing === 'missing' ? 'not submitted' : 'submitted late'})`,
    )
    .join(locale === 'zh-CN' ? '、' : ', ');
}

function monthlyWords(report: ReportOfMonth, locale: LateLocale): string {
  const month = monthWords(report.month, locale);
  const zh: Record<ReportStanding, string> = {
    onTime: `${month}月报按时提交`,
    onTimeWithReason: `${month}月报在宽限期内提交并说明了原因`,
    late: `${month}月报迟交`,
    missing: `${month}月报过了截止时间仍未提交`,
    pending: `${month}月报尚未到截止时间`,
  };
  const en: Record<ReportStanding, string> = {
    onTime: `The monthly report for ${month} was on time`,
    onTimeWithReason: `The monthly report for ${month} came in the grace period with a reason`,
    late: `The monthly report for ${month} was late`,
    missing: `The monthly report for ${month} is past its deadline and not submitted`,
    pending: `The monthly report for ${month} is not due yet`,
  };
  return (locale === 'zh-CN' ? zh : en)[report.standing];
}

const idsOf = (reports: ReportOfMonth[]) => reports.flatMap((r) => (r.entryId ? [r.entryId] : []));

/**
 * The assessment inputs of `month` that deadlines decide, with where each came from. `entries`
 * are the author's weekly and monthly entries of the month and the month before (others are
 * ignored); `timeZone` is the author's.
 */
export function lateInputsOf(args: {
  role: AssessedRole;
  month: string;
  entries: DiaryEntry[];
  now: string;
  rules: Record<DeadlineSubject, DeadlineRule>;
  timeZone: string;
  locale?: LateLocale;
}): LateInputs {
  const locale = args.locale ?? 'zh-CN';
  const reports = reportsOf(args);
  const previous = addMonthsTo(args.month, -1);
  const ofMonth = (m: string) => reports.filter((r) => r.month === m);
  const lateThisMonth = ofMonth(args.month).filter(isLate);
  const lateLastMonth = ofMonth(previous).filter(isLate);
  const zh = locale === 'zh-CN';
  const inputs: Record<string, number | boolean> = {};
  const sources: LateInputSource[] = [];

  if (args.role === 'rep') {
    const weeks = ofMonth(args.month).filter((r) => r.kind === 'weekly');
    const late = weeks.filter(isLate);
    const pending = weeks.filter((r) => r.standing === 'pending').length;
    inputs.weeklyReportsLateOrIllegible = late.length;
    const month = monthWords(args.month, locale);
    let text =
      late.length > 0
        ? zh
          ? `${month}的 ${weeks.length} 份周报中迟交或未交 ${late.length} 份：${weekList(late, locale)}`
          : `${late.length} of ${weeks.length} weekly reports for ${month} late or missing: ${weekList(late, locale)}`
        : zh
          ? `${month}的周报没有迟交`
          : `No weekly report for ${month} was late`;
    if (pending > 0) text += zh ? `（${pending} 份尚未到截止时间）` : ` (${pending} not due yet)`;
    sources.push({ input: 'weeklyReportsLateOrIllegible', entryIds: idsOf(late), text });
  } else {
    const report = ofMonth(args.month).find((r) => r.kind === 'monthly')!;
    inputs.monthlyReportLate = isLate(report);
    sources.push({ input: 'monthlyReportLate', entryIds: idsOf([report]), text: monthlyWords(report, locale) });
  }

  const repeated = lateThisMonth.length > 0 && lateLastMonth.length > 0;
  inputs.repeatedNonSubmission = repeated;
  const what = args.role === 'rep' ? (zh ? '材料（周报或月报）' : 'materials (weekly or monthly reports)') : zh ? '月报' : 'the monthly report';
  const text = repeated
    ? zh
      ? `${monthWords(args.month, locale)}和${monthWords(previous, locale)}都有${what}迟交或未交`
      : `Late or missing ${what} in both ${monthWords(args.month, locale)} and ${monthWords(previous, locale)}`
    : lateThisMonth.length > 0
      ? zh
        ? `${monthWords(previous, locale)}的${what}没有迟交，不算连续`
        : `Nothing late in ${monthWords(previous, locale)}, so not repeated`
      : zh
        ? `${monthWords(args.month, locale)}的${what}没有迟交`
        : `Nothing late in ${monthWords(args.month, locale)}`;
  sources.push({ input: 'repeatedNonSubmission', entryIds: repeated ? idsOf([...lateLastMonth, ...lateThisMonth]) : [], text });

  return { inputs, sources, reports };
}

/**
 * `lateInputsOf` for an author, reading their weekly entries (the weeks of the month and the
 * month before) and monthly entries through the reports' named queries.
 */
export async function assessmentLateInputs(
  db: FieldkitDatabase,
  authorId: string,
  month: string,
  role: AssessedRole,
  now: string,
  rules: Record<DeadlineSubject, DeadlineRule>,
  timeZone: string,
  locale: LateLocale = 'zh-CN',
): Promise<LateInputs> {
  const previous = addMonthsTo(month, -1);
  const mondays = [...weeksOfMonth(previous), ...weeksOfMonth(month)];
  const weekly =
    role === 'rep'
      ? (
          await entriesOfKindBefore.run(db, { authorId, kind: 'weekly', before: addDaysToDay(mondays[mondays.length - 1]!, 1), limit: mondays.length + 4 })
        ).filter((e) => e.periodStart >= mondays[0]!)
      : [];
  const monthly = await Promise.all(
    [previous, month].map((m) => entryOfPeriod.run(db, { authorId, kind: 'monthly', periodStart: `${m}-01` })),
  );
  const entries = [...weekly, ...monthly.filter((e): e is DiaryEntry => e !== undefined)];
  return lateInputsOf({ role, month, entries, now, rules, timeZone, locale });
}
