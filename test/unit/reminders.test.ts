import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_RULES } from '../../lib/reports/deadline-rules';
import {
  candidatePeriods,
  defaultRemindBefore,
  dueItems,
  inQuietHours,
  loadDueItems,
  loadReminderState,
  nextChangeAt,
  nextReminderAt,
  remindersDue,
  stageKey,
  type DueInputs,
  type QuietHours,
} from '../../lib/reports/reminders';
import { saveRecord } from '../../lib/store/records';
import { writeSetting } from '../../lib/store/settings';
import { saveDeadlineOverrides } from '../../lib/reports/deadline-store';
import { activeTemplateOf, copyBuiltIn, saveTemplateVersion, setActive } from '../../lib/reports/template-store';
import { activeTemplateForReminders } from '../../lib/reports/reminders';
import { freshDatabase, REP, visitDraft } from '../fixtures/records';

const SHANGHAI = 'Asia/Shanghai';
const QUIET: QuietHours = { enabled: true, quietFrom: '21:00', quietTo: '08:00' };

/** An instant given as Shanghai wall-clock time (UTC+8, no DST). */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

function inputs(overrides: Partial<DueInputs> = {}): DueInputs {
  return {
    now: sh('2026-12-04T10:00:00'), // a Friday
    role: 'rep',
    timeZone: SHANGHAI,
    rules: DEFAULT_DEADLINE_RULES,
    entries: [],
    remindBefore: defaultRemindBefore(),
    ...overrides,
  };
}

const entry = (kind: 'daily' | 'weekly' | 'monthly', periodStart: string, status: 'draft' | 'submitted' | 'reviewed') =>
  ({ periodStart, status, content: { kind } }) as DueInputs['entries'][number];

/** Last week's and last month's reports, submitted: only this period's are left. */
const SETTLED = [entry('weekly', '2026-11-23', 'submitted'), entry('monthly', '2026-11-01', 'submitted')];

const summary = (items: ReturnType<typeof dueItems>) => items.map((i) => `${i.kind} ${i.periodStart} ${i.state}${i.daysOverdue !== undefined ? ` +${i.daysOverdue}d` : ''}`);

describe('quiet hours', () => {
  it('covers an overnight range on both sides of midnight, from inclusive and to exclusive', () => {
    expect(inQuietHours(sh('2026-12-04T20:59:59'), QUIET, SHANGHAI)).toBe(false);
    expect(inQuietHours(sh('2026-12-04T21:00:00'), QUIET, SHANGHAI)).toBe(true);
    expect(inQuietHours(sh('2026-12-04T23:59:00'), QUIET, SHANGHAI)).toBe(true);
    expect(inQuietHours(sh('2026-12-05T00:30:00'), QUIET, SHANGHAI)).toBe(true);
    expect(inQuietHours(sh('2026-12-05T07:59:00'), QUIET, SHANGHAI)).toBe(true);
    expect(inQuietHours(sh('2026-12-05T08:00:00'), QUIET, SHANGHAI)).toBe(false);
    expect(inQuietHours(sh('2026-12-05T12:00:00'), QUIET, SHANGHAI)).toBe(false);
  });

  it('covers a same-day range, and none at all when from equals to', () => {
    const lunch = { quietFrom: '12:00', quietTo: '13:30' };
    expect(inQuietHours(sh('2026-12-04T12:15:00'), lunch, SHANGHAI)).toBe(true);
    expect(inQuietHours(sh('2026-12-04T13:30:00'), lunch, SHANGHAI)).toBe(false);
    expect(inQuietHours(sh('2026-12-04T23:00:00'), lunch, SHANGHAI)).toBe(false);
    const none = { quietFrom: '00:00', quietTo: '00:00' };
    for (const t of ['00:00', '03:00', '12:00', '23:59']) expect(inQuietHours(sh(`2026-12-04T${t}:00`), none, SHANGHAI)).toBe(false);
  });

  it("reads the clock in the author's zone, not the machine's", () => {
    // 13:30 UTC is 21:30 in Shanghai (quiet) and 08:30 in New York (not quiet).
    expect(inQuietHours('2026-12-04T13:30:00.000Z', QUIET, SHANGHAI)).toBe(true);
    expect(inQuietHours('2026-12-04T13:30:00.000Z', QUIET, 'America/New_York')).toBe(false);
  });
});

describe('what is due', () => {
  it("lists today's daily as due and this Friday's weekly as due today; the month's report is not listed yet", () => {
    expect(summary(dueItems(inputs({ entries: SETTLED })))).toEqual(['weekly 2026-11-30 due', 'daily 2026-12-04 due']);
  });

  it('a submitted or reviewed report is not due; a draft still is, marked as started', () => {
    const items = dueItems(inputs({ entries: [...SETTLED, entry('daily', '2026-12-04', 'submitted'), entry('weekly', '2026-11-30', 'draft')] }));
    expect(summary(items)).toEqual(['weekly 2026-11-30 due']);
    expect(items[0]!.started).toBe(true);
    expect(dueItems(inputs({ entries: [...SETTLED, entry('daily', '2026-12-04', 'reviewed'), entry('weekly', '2026-11-30', 'submitted')] }))).toEqual([]);
    // An entry of another period does not count for this one.
    expect(summary(dueItems(inputs({ entries: [entry('weekly', '2026-11-23', 'submitted')] })))).toContain('weekly 2026-11-30 due');
  });

  it('is upcoming within the lead time before the deadline (weekly: 2 h before Friday 18:00)', () => {
    expect(summary(dueItems(inputs({ now: sh('2026-12-04T15:59:59') })))).toContain('weekly 2026-11-30 due');
    const items = dueItems(inputs({ now: sh('2026-12-04T16:00:00') }));
    expect(summary(items)).toContain('weekly 2026-11-30 upcoming');
    expect(items.find((i) => i.kind === 'weekly' && i.periodStart === '2026-11-30')).toMatchObject({ dueAt: '2026-12-04T10:00:00Z', graceUntil: '2026-12-07T01:00:00Z', remindAt: '2026-12-04T08:00:00.000Z' });
  });

  it('is in grace after Friday 18:00 until Monday 09:00 to the second, then overdue', () => {
    expect(summary(dueItems(inputs({ now: sh('2026-12-04T18:00:00.900') })))).toContain('weekly 2026-11-30 upcoming');
    expect(summary(dueItems(inputs({ now: sh('2026-12-04T18:00:01') })))).toContain('weekly 2026-11-30 grace');
    expect(summary(dueItems(inputs({ now: sh('2026-12-07T09:00:00.999') })))).toContain('weekly 2026-11-30 grace');
    const monday = dueItems(inputs({ now: sh('2026-12-07T09:00:01') }));
    expect(summary(monday)).toContain('weekly 2026-11-30 overdue +3d'); // counted from Friday, the day it was due
    // The new week's report is not due until its own Friday.
    expect(monday.some((i) => i.periodStart === '2026-12-07' && i.kind === 'weekly')).toBe(false);
    expect(summary(dueItems(inputs({ now: sh('2026-12-10T12:00:00') })))).toContain('weekly 2026-11-30 overdue +6d');
  });

  it('looks back one week for weeklies and one month for monthlies, never further', () => {
    const periods = candidatePeriods({ now: sh('2026-12-04T10:00:00'), role: 'rep', timeZone: SHANGHAI });
    expect(periods.filter((p) => p.kind === 'weekly').map((p) => p.start)).toEqual(['2026-11-30', '2026-11-23']);
    expect(periods.filter((p) => p.kind === 'monthly').map((p) => p.start)).toEqual(['2026-12-01', '2026-11-01']);
    expect(periods.filter((p) => p.kind === 'daily')).toHaveLength(7);
    // Last month's unsubmitted report is overdue; the one before is out of reach.
    const items = dueItems(inputs());
    expect(items[0]).toMatchObject({ kind: 'weekly', periodStart: '2026-11-23', state: 'overdue' });
    expect(items.find((i) => i.kind === 'monthly')).toMatchObject({ periodStart: '2026-11-01', state: 'overdue', daysOverdue: 4 });
    expect(items.some((i) => i.periodStart === '2026-10-01')).toBe(false);
  });

  it('lists a past daily only for a day the rep worked (visit cards or a started report)', () => {
    const base = inputs({ entries: [entry('weekly', '2026-11-23', 'submitted'), entry('monthly', '2026-11-01', 'submitted')] });
    expect(summary(dueItems(base)).filter((s) => s.startsWith('daily'))).toEqual(['daily 2026-12-04 due']);
    const worked = dueItems({ ...base, workedDays: ['2026-12-03', '2026-11-25'], entries: [...base.entries, entry('daily', '2026-12-01', 'draft'), entry('daily', '2026-12-02', 'submitted')] });
    // 11-25 is beyond the 7-day look-back; 12-02 was submitted.
    expect(summary(worked).filter((s) => s.startsWith('daily'))).toEqual(['daily 2026-12-01 overdue +3d', 'daily 2026-12-03 overdue +1d', 'daily 2026-12-04 due']);
  });

  it("follows the role's monthly rule: a rep's is due on the last day, a regional manager's by the 30th", () => {
    const now = sh('2026-12-30T12:00:00');
    const rep = dueItems(inputs({ now, entries: [entry('weekly', '2026-12-21', 'submitted'), entry('monthly', '2026-11-01', 'submitted')] }));
    expect(rep.some((i) => i.kind === 'monthly')).toBe(false); // due Dec 31, reminded 1 day before: not yet
    expect(summary(dueItems(inputs({ now: sh('2026-12-31T00:00:00') })))).toContain('monthly 2026-12-01 upcoming');
    const manager = dueItems(inputs({ now, role: 'manager', entries: [entry('monthly', '2026-11-01', 'submitted')] }));
    expect(manager).toEqual([expect.objectContaining({ kind: 'monthly', subject: 'monthlyManager', periodStart: '2026-12-01', state: 'upcoming', dueAt: '2026-12-30T15:59:59Z' })]);
    // A manager writes no daily or weekly reports; an admin none of these.
    expect(dueItems(inputs({ role: 'manager' })).every((i) => i.kind === 'monthly')).toBe(true);
    expect(dueItems(inputs({ role: 'admin' }))).toEqual([]);
  });

  it("works in the author's time zone: the same instant is late evening in Shanghai and morning in New York", () => {
    const now = '2026-12-04T15:30:00.000Z'; // Fri 23:30 in Shanghai, Fri 10:30 in New York
    const shanghai = dueItems(inputs({ now, entries: SETTLED }));
    expect(summary(shanghai)).toEqual(['weekly 2026-11-30 grace', 'daily 2026-12-04 upcoming']);
    const newYork = dueItems(inputs({ now, entries: SETTLED, timeZone: 'America/New_York' }));
    expect(summary(newYork)).toEqual(['weekly 2026-11-30 due', 'daily 2026-12-04 due']);
    expect(newYork.find((i) => i.kind === 'weekly')!.dueAt).toBe('2026-12-04T23:00:00Z'); // 18:00 EST
  });

  it('an admin-changed rule is used (weekly due Thursday 17:00, no grace)', () => {
    const rules = { ...DEFAULT_DEADLINE_RULES, weekly: { type: 'weekday' as const, weekday: 4, time: '17:00' } };
    const items = dueItems(inputs({ rules }));
    expect(items.find((i) => i.periodStart === '2026-11-30' && i.kind === 'weekly')).toMatchObject({ state: 'overdue', daysOverdue: 1 });
  });
});

describe('when to remind', () => {
  const onlyDaily = (now: string) => dueItems(inputs({ now, role: 'rep', entries: [entry('weekly', '2026-11-30', 'submitted'), entry('weekly', '2026-11-23', 'submitted'), entry('monthly', '2026-11-01', 'submitted')] }));

  it('a reminder that would fall in quiet hours before the deadline comes just before they begin', () => {
    // Daily due 23:59:59, reminded 60 min before: 22:59:59 is quiet under 21:00–08:00, so 20:59.
    const items = onlyDaily(sh('2026-12-04T10:00:00'));
    expect(nextReminderAt(items, sh('2026-12-04T10:00:00'), QUIET, SHANGHAI)).toBe(sh('2026-12-04T20:59:00'));
    // Without quiet hours, at the lead time.
    expect(nextReminderAt(items, sh('2026-12-04T10:00:00'), { ...QUIET, quietFrom: '00:00', quietTo: '00:00' }, SHANGHAI)).toBe(sh('2026-12-04T22:59:59'));
  });

  it('is put off until quiet hours end when it is too late to bring it forward', () => {
    const now = sh('2026-12-04T21:30:00');
    const items = onlyDaily(now);
    expect(nextReminderAt(items, now, QUIET, SHANGHAI)).toBe(sh('2026-12-05T08:00:00'));
    expect(remindersDue(items, now, QUIET, SHANGHAI, new Set())).toEqual([]);
  });

  it('reminds of each stage once: a notified stage waits for the next one', () => {
    const now = sh('2026-12-04T20:59:00');
    const items = onlyDaily(now);
    const due = remindersDue(items, now, QUIET, SHANGHAI, new Set());
    expect(due.map((d) => [d.item.periodStart, d.stage])).toEqual([['2026-12-04', 'upcoming']]);
    const notified = new Set([stageKey(due[0]!.item, 'upcoming')]);
    expect(remindersDue(items, now, QUIET, SHANGHAI, notified)).toEqual([]);
    // An alarm a little late still finds it due, up to the moment quiet hours begin.
    expect(remindersDue(items, sh('2026-12-04T20:59:40'), QUIET, SHANGHAI, new Set())).toHaveLength(1);
    expect(remindersDue(items, sh('2026-12-04T21:00:00'), QUIET, SHANGHAI, new Set())).toEqual([]);
    // Next: overdue after 23:59:59, quiet until 08:00.
    expect(nextReminderAt(items, now, QUIET, SHANGHAI, notified)).toBe(sh('2026-12-05T08:00:00'));
  });

  it('reminds of an overdue report once, and never of the "due soon" stage it skipped', () => {
    const now = sh('2026-12-07T09:30:00');
    const items = dueItems(inputs({ now }));
    const weekly = items.find((i) => i.kind === 'weekly' && i.periodStart === '2026-11-30')!;
    const due = remindersDue([weekly], now, QUIET, SHANGHAI, new Set());
    expect(due.map((d) => d.stage)).toEqual(['overdue']);
    expect(nextReminderAt([weekly], now, QUIET, SHANGHAI, new Set([stageKey(weekly, 'overdue')]))).toBeUndefined();
  });

  it('nothing fires when reminders are off', () => {
    const now = sh('2026-12-07T09:30:00');
    const items = dueItems(inputs({ now }));
    expect(items.length).toBeGreaterThan(0);
    expect(nextReminderAt(items, now, { ...QUIET, enabled: false }, SHANGHAI)).toBeUndefined();
    expect(remindersDue(items, now, { ...QUIET, enabled: false }, SHANGHAI, new Set())).toEqual([]);
  });

  it('the list changes next at the lead time, the deadline, the grace end or midnight', () => {
    expect(nextChangeAt(inputs({ now: sh('2026-12-04T10:00:00') }))).toBe(sh('2026-12-04T16:00:00')); // weekly upcoming
    expect(nextChangeAt(inputs({ now: sh('2026-12-04T17:00:00') }))).toBe(sh('2026-12-04T18:00:01')); // weekly into grace
    expect(nextChangeAt(inputs({ now: sh('2026-12-04T23:30:00') }))).toBe(sh('2026-12-05T00:00:00')); // daily overdue at 00:00:00 — midnight
    expect(nextChangeAt(inputs({ now: sh('2026-12-05T10:00:00') }))).toBe(sh('2026-12-05T22:59:59')); // Saturday's daily upcoming
    expect(nextChangeAt(inputs({ now: sh('2026-12-05T23:10:00') }))).toBe(sh('2026-12-06T00:00:00'));
    expect(nextChangeAt(inputs({ now: sh('2026-12-07T08:00:00') }))).toBe(sh('2026-12-07T09:00:01')); // grace ends
  });
});

describe('loading from the database', () => {
  const db = freshDatabase('reminders-test');
  afterEach(async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
  });

  it("reads the profile's zone and role, the rules in force and the author's own entries only", async () => {
    await writeSetting(db, 'profile', { id: REP.id, name: REP.name, role: 'rep', timeZone: SHANGHAI });
    await writeSetting(db, 'deadlineRules', { weekly: { type: 'weekday', weekday: 5, time: '12:00' }, monthlyRep: { type: 'nonsense' } });
    const author = { author: REP, now: new Date(sh('2026-12-04T09:00:00')) };
    await saveRecord(db, 'diaryEntries', { periodStart: '2026-11-23', isoWeek: '2026-W48', status: 'submitted', content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [], keyAccountVisits: [], gradeChanges: [] }, annotations: [] }, author);
    await saveRecord(db, 'diaryEntries', { periodStart: '2026-11-01', isoWeek: '2026-W44', month: '2026-11', status: 'submitted', content: { kind: 'monthly', results: [], problems: [], nextMonthPlan: [] }, annotations: [] }, author);
    // Someone else's submitted report of this week does not count for this rep.
    await saveRecord(db, 'diaryEntries', { periodStart: '2026-11-30', isoWeek: '2026-W49', status: 'submitted', content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [], keyAccountVisits: [], gradeChanges: [] }, annotations: [] }, { ...author, author: { id: 'owner-202', name: '李娜' } });
    await saveRecord(db, 'visitCards', visitDraft({ visitDay: '2026-12-02', isoWeek: '2026-W49' }), author);

    const state = await loadReminderState(db, sh('2026-12-04T12:30:00'));
    expect(state.timeZone).toBe(SHANGHAI);
    expect(summary(state.items)).toEqual(['daily 2026-12-02 overdue +2d', 'weekly 2026-11-30 overdue +0d', 'daily 2026-12-04 due']);
    expect(state.reminders).toEqual({ enabled: true, quietFrom: '21:00', quietTo: '08:00' });

    await saveRecord(db, 'diaryEntries', { periodStart: '2026-11-30', isoWeek: '2026-W49', status: 'submitted', content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [], keyAccountVisits: [], gradeChanges: [] }, annotations: [] }, author);
    expect(summary(await loadDueItems(db, sh('2026-12-04T12:30:00')))).toEqual(['daily 2026-12-02 overdue +2d', 'daily 2026-12-04 due']);
  });

  it("follows the team's shared rules over this device's older settings row", async () => {
    await writeSetting(db, 'profile', { id: REP.id, name: REP.name, role: 'rep', timeZone: SHANGHAI });
    await writeSetting(db, 'deadlineRules', { daily: { type: 'sameDay', time: '12:00' } });
    const at = sh('2026-12-04T12:30:00');
    expect((await loadDueItems(db, at)).find((i) => i.periodStart === '2026-12-04' && i.kind === 'daily')).toMatchObject({ state: 'overdue' });
    await saveDeadlineOverrides(db, { daily: { type: 'sameDay', time: '20:00' } }, REP);
    expect((await loadDueItems(db, at)).find((i) => i.periodStart === '2026-12-04' && i.kind === 'daily')).toMatchObject({ state: 'due', dueAt: '2026-12-04T12:00:00Z' });
  });

  it("takes the reminder lead time from the kind's active template, as an admin edited it", async () => {
    await writeSetting(db, 'profile', { id: REP.id, name: REP.name, role: 'rep', timeZone: SHANGHAI });
    const at = sh('2026-12-04T16:30:00'); // 90 minutes before Friday 18:00
    const weeklyOf = async () => (await loadDueItems(db, at)).find((i) => i.kind === 'weekly' && i.periodStart === '2026-11-30');
    await expect(weeklyOf()).resolves.toMatchObject({ state: 'upcoming' }); // built-in: 120 minutes before
    const edited = { ...copyBuiltIn('weekly', new Date(at)), remindBeforeMinutes: 30 };
    const saved = await saveTemplateVersion(db, edited, REP, new Date(at));
    expect(saved.ok).toBe(true);
    await expect(weeklyOf()).resolves.toMatchObject({ state: 'due', remindAt: '2026-12-04T09:30:00.000Z' });
  });

  it("reads the active template as the template store does (its own copy, kept out of the worker's bundle)", async () => {
    const same = async () => {
      const [store, mine] = await Promise.all([activeTemplateOf(db, 'weekly'), activeTemplateForReminders(db, 'weekly')]);
      expect(mine).toEqual({ kind: 'weekly', remindBeforeMinutes: store.remindBeforeMinutes, ...(store.deadlineSubject ? { deadlineSubject: store.deadlineSubject } : {}) });
      return mine.remindBeforeMinutes;
    };
    expect(await same()).toBe(120); // the built-in
    const first = await saveTemplateVersion(db, { ...copyBuiltIn('weekly', new Date('2026-12-01T00:00:00Z')), remindBeforeMinutes: 30 }, REP, new Date('2026-12-01T00:00:00Z'));
    expect(await same()).toBe(30);
    if (!first.ok) throw new Error('not saved');
    const second = await saveTemplateVersion(db, { ...copyBuiltIn('weekly', new Date('2026-12-02T00:00:00Z')), remindBeforeMinutes: 45 }, REP, new Date('2026-12-02T00:00:00Z'));
    expect(second.ok).toBe(true);
    expect(await same()).toBe(45);
    await setActive(db, first.template, REP, new Date('2026-12-03T00:00:00Z')); // back to the first
    expect(await same()).toBe(30);
    await setActive(db, { id: '01JBZZZZZZZZZZZZZZZZZZZZZ2', kind: 'weekly' }, REP, new Date('2026-12-05T00:00:00Z')); // the built-in again
    expect(await same()).toBe(120);
  });
});
