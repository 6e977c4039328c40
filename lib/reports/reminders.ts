/**
 * What is due: the reports a person writes that are not submitted yet, each with its deadline in
 * the author's time zone and how urgent it is, and when the next reminder should fire (quiet
 * hours respected). Pure functions over the deadline rules (./deadlines.ts) plus one loader that
 * reads the profile, the team's rules and the author's entries through named queries. The browser side
 * (badge, alarm, notifications) is lib/host/reminders.ts; the list is components/reports/DueList.tsx.
 *
 * Which reports are looked at (never years back):
 * - daily: today, and the 6 days before it that were working days — the author logged visit
 *   cards that day or started its daily report. A day off is not an overdue report.
 * - weekly: this week's and last week's; monthly: this month's and last month's.
 * Who writes what: a rep writes daily, weekly and monthly reports; a regional manager the
 * manager's monthly report; an admin none of them.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { FieldkitDatabase } from '../store/database';
import { readSetting } from '../store/settings';
import type { SettingValue } from '../store/settings-schema';
import { loadTeamContext } from '../team/roles';
import { visitsOfAuthorBetween } from '../visits/queries';
import { deadlineRulesFrom, subjectOfDiary, type DeadlineRule, type DeadlineSubject } from './deadline-rules';
import { readDeadlineOverrides } from './deadline-store';
import { addDaysToDay, deadlineOf, deviceTimeZone, phaseAt, wallClockToInstant } from './deadlines';
import type { DiaryEntry } from './diary-schema';
import { periodOf, type ReportPeriod } from './periods';
import { builtInTemplate, DEFAULT_TEMPLATES, deadlineSubjectOf } from './templates';
import { entryOfPeriod, templatesOfKind } from './queries';
import type { Template } from './schema';

export type ReminderKind = 'daily' | 'weekly' | 'monthly';
export const REMINDER_KINDS: readonly ReminderKind[] = ['daily', 'weekly', 'monthly'];
export type Role = 'rep' | 'manager' | 'admin';

/** The reports each role writes (and is reminded of). */
export const KINDS_BY_ROLE: Record<Role, readonly ReminderKind[]> = { rep: ['daily', 'weekly', 'monthly'], manager: ['monthly'], admin: [] };

/** How many past days a missing daily report is still listed (today included). */
export const DAILY_LOOK_BACK_DAYS = 7;

/**
 * - upcoming: within the reminder lead time before the deadline
 * - due: due today (in the author's zone), not yet within the lead time
 * - grace: past the deadline, still on time with a stated reason
 * - overdue: past the deadline (and its grace)
 * A report due on a later day and not yet within its lead time is not listed.
 */
export type DueState = 'upcoming' | 'due' | 'grace' | 'overdue';

export interface DueItem {
  kind: ReminderKind;
  subject: DeadlineSubject;
  /** The period's first day: the entry's `periodStart` and the form's address. */
  periodStart: string;
  /** The period's last day. */
  periodEnd: string;
  /** ISO instants. */
  dueAt: string;
  graceUntil?: string;
  /** When the reminder before the deadline is due: dueAt minus the lead time. */
  remindAt: string;
  state: DueState;
  /** Overdue: calendar days since the day it was due (0 that same day), in the author's zone. */
  daysOverdue?: number;
  /** The author started it (a draft exists). */
  started: boolean;
}

export interface DueInputs {
  /** ISO instant. */
  now: string;
  role: Role;
  /** The author's IANA zone: where "today" and the deadlines fall. */
  timeZone: string;
  rules: Record<DeadlineSubject, DeadlineRule>;
  /** The author's entries of the candidate periods (others are ignored). */
  entries: readonly Pick<DiaryEntry, 'periodStart' | 'status' | 'content'>[];
  /** Lead time of the reminder before each kind's deadline, in minutes. */
  remindBefore: Record<ReminderKind, number>;
  /** Days the author logged visit cards (past dailies count only on working days). */
  workedDays?: readonly string[];
  /** The deadline subject a kind's active template names; absent: the kind's (by role). */
  subjects?: Partial<Record<ReminderKind, DeadlineSubject>>;
}

export interface QuietHours {
  /** Reminders on at all. */
  enabled: boolean;
  /** Local "HH:mm"; from after to is an overnight range (21:00–08:00); from equal to to: no quiet hours. */
  quietFrom: string;
  quietTo: string;
}

const MINUTE = 60_000;
const STATE_RANK: Record<DueState, number> = { overdue: 0, grace: 1, upcoming: 2, due: 3 };

/** The reminder lead times of the built-in templates (an admin's active template may change them: see loadReminderState). */
export function defaultRemindBefore(): Record<ReminderKind, number> {
  const of = (kind: ReminderKind) => DEFAULT_TEMPLATES.find((t) => t.kind === kind)?.remindBeforeMinutes ?? 60;
  return { daily: of('daily'), weekly: of('weekly'), monthly: of('monthly') };
}

/** The calendar day and "HH:mm" of an instant in a time zone. */
export function localClock(instant: string | number, timeZone: string): { day: string; time: string } {
  const date = new TZDate(typeof instant === 'number' ? instant : Date.parse(instant), timeZone);
  return { day: format(date, 'yyyy-MM-dd'), time: format(date, 'HH:mm') };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The periods whose reports are looked at, per kind, newest first (past dailies before the working-day filter). */
export function candidatePeriods({ now, role, timeZone }: Pick<DueInputs, 'now' | 'role' | 'timeZone'>): ReportPeriod[] {
  const today = localClock(now, timeZone).day;
  const periods: ReportPeriod[] = [];
  for (const kind of KINDS_BY_ROLE[role]) {
    if (kind === 'daily') {
      for (let i = 0; i < DAILY_LOOK_BACK_DAYS; i++) periods.push(periodOf('daily', addDaysToDay(today, -i)));
    } else if (kind === 'weekly') {
      periods.push(periodOf('weekly', today), periodOf('weekly', addDaysToDay(today, -7)));
    } else {
      const thisMonth = periodOf('monthly', today);
      periods.push(thisMonth, periodOf('monthly', addDaysToDay(thisMonth.start, -1)));
    }
  }
  return periods;
}

interface Candidate {
  item: Omit<DueItem, 'state' | 'daysOverdue'>;
  /** Not submitted, and (past dailies) a working day. */
  open: boolean;
}

function candidates(input: DueInputs): Candidate[] {
  const today = localClock(input.now, input.timeZone).day;
  const worked = new Set(input.workedDays ?? []);
  const entryOf = (kind: ReminderKind, start: string) => input.entries.find((e) => e.content.kind === kind && e.periodStart === start);
  return candidatePeriods(input).map((period) => {
    const kind = period.kind as ReminderKind;
    const subject = input.subjects?.[kind] ?? subjectOfDiary(kind, input.role);
    const deadline = deadlineOf(input.rules[subject], { start: period.start, end: period.end }, input.timeZone);
    const entry = entryOf(kind, period.start);
    const submitted = entry !== undefined && entry.status !== 'draft';
    const workingDay = kind !== 'daily' || period.start === today || worked.has(period.start) || entry !== undefined;
    const remindAt = iso(Date.parse(deadline.dueAt) - Math.max(0, input.remindBefore[kind]) * MINUTE);
    return {
      open: !submitted && workingDay,
      item: {
        kind,
        subject,
        periodStart: period.start,
        periodEnd: period.end,
        dueAt: deadline.dueAt,
        ...(deadline.graceUntil ? { graceUntil: deadline.graceUntil } : {}),
        remindAt,
        started: entry !== undefined,
      },
    };
  });
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The reports this person writes that are not submitted and are due, about to be, or overdue; most urgent first. */
export function dueItems(input: DueInputs): DueItem[] {
  const now = Date.parse(input.now);
  const today = localClock(now, input.timeZone).day;
  const items: DueItem[] = [];
  for (const { item, open } of candidates(input)) {
    if (!open) continue;
    const phase = phaseAt({ dueAt: item.dueAt, ...(item.graceUntil ? { graceUntil: item.graceUntil } : {}), reasonRequired: false }, input.now);
    if (phase === 'grace') items.push({ ...item, state: 'grace' });
    else if (phase === 'late') {
      const dueDay = localClock(item.dueAt, input.timeZone).day;
      items.push({ ...item, state: 'overdue', daysOverdue: Math.max(0, daysBetween(dueDay, today)) });
    } else if (now >= Date.parse(item.remindAt)) items.push({ ...item, state: 'upcoming' });
    else if (localClock(item.dueAt, input.timeZone).day === today) items.push({ ...item, state: 'due' });
  }
  return items.sort((a, b) => STATE_RANK[a.state] - STATE_RANK[b.state] || Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.kind.localeCompare(b.kind));
}

/**
 * The next instant `dueItems` answers differently with no data change (a report becomes due
 * today, enters its lead time, passes its deadline or its grace; a new day begins). The toolbar
 * badge is recomputed then.
 */
export function nextChangeAt(input: DueInputs): string {
  const now = Date.parse(input.now);
  const today = localClock(now, input.timeZone).day;
  let next = Date.parse(wallClockToInstant(addDaysToDay(today, 1), '00:00', input.timeZone));
  for (const { item, open } of candidates(input)) {
    if (!open) continue;
    for (const at of [item.remindAt, item.dueAt, item.graceUntil]) {
      if (at === undefined) continue;
      // Deadlines are met to the second: the state changes one second after dueAt/graceUntil.
      const ms = at === item.remindAt ? Date.parse(at) : Math.floor(Date.parse(at) / 1000) * 1000 + 1000;
      if (ms > now && ms < next) next = ms;
    }
  }
  return iso(next);
}

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** The quiet window around an instant, if the instant falls in one: its start and end as instants. */
function quietWindowAt(instant: number, quiet: QuietHours, timeZone: string): { start: number; end: number } | undefined {
  const from = minutesOf(quiet.quietFrom);
  const to = minutesOf(quiet.quietTo);
  if (from === to) return undefined;
  const { day, time } = localClock(instant, timeZone);
  const m = minutesOf(time);
  const at = (d: string, t: string) => Date.parse(wallClockToInstant(d, t, timeZone));
  if (from < to) return m >= from && m < to ? { start: at(day, quiet.quietFrom), end: at(day, quiet.quietTo) } : undefined;
  // Overnight: from today's `from` to tomorrow's `to`, or from yesterday's `from` to today's `to`.
  if (m >= from) return { start: at(day, quiet.quietFrom), end: at(addDaysToDay(day, 1), quiet.quietTo) };
  if (m < to) return { start: at(addDaysToDay(day, -1), quiet.quietFrom), end: at(day, quiet.quietTo) };
  return undefined;
}

/** Whether an instant falls in the quiet hours (local to `timeZone`; from is inside, to is not). */
export function inQuietHours(instant: string | number, quiet: Pick<QuietHours, 'quietFrom' | 'quietTo'>, timeZone: string): boolean {
  return quietWindowAt(typeof instant === 'number' ? instant : Date.parse(instant), { enabled: true, ...quiet }, timeZone) !== undefined;
}

/** The stages a report is reminded of, once each: before the deadline, when it passes, when the grace ends. */
export type ReminderStage = 'upcoming' | 'grace' | 'overdue';

/** The key a notified stage is remembered by. */
export function stageKey(item: Pick<DueItem, 'kind' | 'periodStart'>, stage: ReminderStage): string {
  return `${item.kind}:${item.periodStart}:${stage}`;
}

/** The stage an item is in now, as far as reminders go (`due` has none yet). */
export function stageOf(item: DueItem): ReminderStage | undefined {
  return item.state === 'due' ? undefined : item.state;
}

/** When each stage of an item begins. */
function stagesOf(item: DueItem): { stage: ReminderStage; at: number }[] {
  const afterSecond = (at: string) => Math.floor(Date.parse(at) / 1000) * 1000 + 1000;
  const stages: { stage: ReminderStage; at: number }[] = [{ stage: 'upcoming', at: Date.parse(item.remindAt) }];
  if (item.graceUntil) stages.push({ stage: 'grace', at: afterSecond(item.dueAt) }, { stage: 'overdue', at: afterSecond(item.graceUntil) });
  else stages.push({ stage: 'overdue', at: afterSecond(item.dueAt) });
  return stages;
}

/**
 * When a reminder at `at` may fire: outside quiet hours as it is; inside, brought forward to just
 * before they begin when that is still ahead and before the deadline (a 22:59 reminder for a
 * 23:59 deadline fires at 20:59 under 21:00–08:00 quiet hours), else put off until they end.
 */
export function outsideQuietHours(at: number, now: number, quiet: QuietHours, timeZone: string, beforeDeadline = false): number {
  const window = quietWindowAt(at, quiet, timeZone);
  if (!window) return at;
  if (beforeDeadline && now < window.start) return Math.max(window.start - MINUTE, now);
  return Math.max(window.end, now);
}

/**
 * The stage of an item to remind of next and when: its current stage (a report already overdue
 * gets no "due soon" reminder) or, while it is only due, the reminder before the deadline;
 * the first stage not notified yet, moved out of quiet hours.
 */
function pendingReminder(item: DueItem, now: number, quiet: QuietHours, timeZone: string, notified: ReadonlySet<string>): { stage: ReminderStage; at: number } | undefined {
  const current = stageOf(item);
  const stages = stagesOf(item);
  const from = current ? stages.findIndex((s) => s.stage === current) : 0;
  const next = stages.slice(from).find(({ stage }) => !notified.has(stageKey(item, stage)));
  if (!next) return undefined;
  return { stage: next.stage, at: outsideQuietHours(Math.max(next.at, now), now, quiet, timeZone, next.stage === 'upcoming') };
}

/**
 * The next instant a notification should fire for these items, moved out of quiet hours;
 * undefined when reminders are off or nothing is left to remind of. `notified` holds the
 * `stageKey`s already shown.
 */
export function nextReminderAt(items: readonly DueItem[], now: string, quiet: QuietHours, timeZone: string, notified: ReadonlySet<string> = new Set()): string | undefined {
  if (!quiet.enabled) return undefined;
  const nowMs = Date.parse(now);
  let next: number | undefined;
  for (const item of items) {
    const pending = pendingReminder(item, nowMs, quiet, timeZone, notified);
    if (pending && (next === undefined || pending.at < next)) next = pending.at;
  }
  return next === undefined ? undefined : iso(next);
}

/** Alarms may fire a moment early or late; a reminder this close is due now. */
const ALARM_SLACK_MS = 1000;

/** What to notify now: each item whose next reminder is due (not already notified, not in quiet hours), most urgent first. */
export function remindersDue(items: readonly DueItem[], now: string, quiet: QuietHours, timeZone: string, notified: ReadonlySet<string>): { item: DueItem; stage: ReminderStage }[] {
  if (!quiet.enabled) return [];
  const nowMs = Date.parse(now);
  const out: { item: DueItem; stage: ReminderStage }[] = [];
  for (const item of items) {
    const pending = pendingReminder(item, nowMs, quiet, timeZone, notified);
    if (pending && pending.at <= nowMs + ALARM_SLACK_MS) out.push({ item, stage: pending.stage });
  }
  return out;
}

/**
 * What the reminders need of a kind's active template: its lead time and deadline subject. The
 * same rule as lib/reports/template-store.ts `activeTemplateOf` (the stored version with the
 * latest activation mark; a later deactivation on it means the built-in again), read here without
 * the template editor's validation code, which the service worker does not need (its bundle has
 * a size budget). test/unit/reminders.test.ts checks both agree.
 */
export async function activeTemplateForReminders(db: FieldkitDatabase, kind: ReminderKind): Promise<Pick<Template, 'kind' | 'remindBeforeMinutes' | 'deadlineSubject'>> {
  const stored = await templatesOfKind.run(db, { kind });
  const events = stored.flatMap((template) => [
    ...(template.activatedAt ? [{ at: template.activatedAt, order: 1, template, active: true }] : []),
    ...(template.deactivatedAt ? [{ at: template.deactivatedAt, order: 0, template, active: false }] : []),
  ]);
  events.sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order || a.template.id.localeCompare(b.template.id));
  const last = events[events.length - 1];
  const active = last?.active ? last.template : builtInTemplate(kind);
  return { kind, remindBeforeMinutes: typeof active.remindBeforeMinutes === 'number' ? active.remindBeforeMinutes : builtInTemplate(kind).remindBeforeMinutes, ...(active.deadlineSubject ? { deadlineSubject: active.deadlineSubject } : {}) };
}

export interface ReminderState {
  items: DueItem[];
  /** The author's zone the items were worked out in. */
  timeZone: string;
  /** When the items change next without a data change. */
  nextChangeAt: string;
  reminders: SettingValue<'reminders'>;
  role: Role;
  /** The language preference: notifications and the toolbar title speak it. */
  language: SettingValue<'language'>;
}

/**
 * Reads what the reminders need — who this is (the role an admin assigned wins over the
 * profile's own choice), the rules in force, the author's entries of the candidate periods and
 * the days they logged visits — and works out the due items. Every read is a named query or a
 * setting, so a Dexie liveQuery around it follows every change that matters.
 */
export async function loadReminderState(db: FieldkitDatabase, now: Date | string, options: { remindBefore?: Record<ReminderKind, number> } = {}): Promise<ReminderState> {
  const nowIso = typeof now === 'string' ? now : now.toISOString();
  const [team, overrides, reminders, language] = await Promise.all([loadTeamContext(db), readDeadlineOverrides(db), readSetting(db, 'reminders'), readSetting(db, 'language')]);
  const role = team.role;
  const timeZone = team.me.timeZone ?? deviceTimeZone();
  const authorId = team.me.id;
  const periods = candidatePeriods({ now: nowIso, role, timeZone });
  const dailies = periods.filter((p) => p.kind === 'daily');
  const kinds = KINDS_BY_ROLE[role];
  const [entries, visits, templates] = await Promise.all([
    Promise.all(periods.map((p) => entryOfPeriod.run(db, { authorId, kind: p.kind, periodStart: p.start }))),
    dailies.length > 0 ? visitsOfAuthorBetween.run(db, { authorId, from: dailies[dailies.length - 1]!.start, to: dailies[0]!.start }) : Promise.resolve([]),
    // The active template of each kind: its reminder lead time and the deadline it answers to,
    // as the editor and the submission use them.
    Promise.all(kinds.map((kind) => activeTemplateForReminders(db, kind))),
  ]);
  const remindBefore = { ...defaultRemindBefore() };
  const subjects: Partial<Record<ReminderKind, DeadlineSubject>> = {};
  kinds.forEach((kind, i) => {
    remindBefore[kind] = templates[i]!.remindBeforeMinutes;
    subjects[kind] = deadlineSubjectOf(templates[i]!, role);
  });
  const input: DueInputs = {
    now: nowIso,
    role,
    timeZone,
    rules: deadlineRulesFrom(overrides).rules,
    entries: entries.filter((e): e is DiaryEntry => e !== undefined),
    remindBefore: options.remindBefore ?? remindBefore,
    workedDays: [...new Set(visits.map((v) => v.visitDay))],
    subjects,
  };
  return { items: dueItems(input), timeZone, nextChangeAt: nextChangeAt(input), reminders, role, language };
}

/** The due items of the person using this device, now. */
export async function loadDueItems(db: FieldkitDatabase, now: Date | string = new Date()): Promise<DueItem[]> {
  return (await loadReminderState(db, now)).items;
}
