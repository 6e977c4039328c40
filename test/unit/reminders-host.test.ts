import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BADGE_DUE, BADGE_LATE, NOTIFIED_KEY, REMINDER_ALARM, nudgeRemindersOnChange, reportOfNotification, setUpReminders, type Reminders } from '../../lib/host/reminders';
import { saveRecord } from '../../lib/store/records';
import { writeSetting } from '../../lib/store/settings';
import { freshDatabase, REP, visitDraft } from '../fixtures/records';

const db = freshDatabase('reminders-host-test');
/** Live queries answer after a write; a loaded machine can take more than the default second. */
const waitLong = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 10_000 });
const sh = (local: string) => new Date(`${local}+08:00`);
let clock = sh('2026-12-04T16:30:00'); // Friday: the weekly report is due at 18:00
let reminders: Reminders | undefined;

const weekly = (periodStart: string, status: 'draft' | 'submitted') => ({
  periodStart,
  isoWeek: periodStart === '2026-11-23' ? '2026-W48' : '2026-W49',
  status,
  content: { kind: 'weekly' as const, lastWeekSummary: [], nextWeekPlan: [], keyAccountVisits: [], gradeChanges: [] },
  annotations: [],
});
const monthly = { periodStart: '2026-11-01', isoWeek: '2026-W44', month: '2026-11', status: 'submitted' as const, content: { kind: 'monthly' as const, results: [], problems: [], nextMonthPlan: [] }, annotations: [] };

async function seed({ lastWeek = true } = {}) {
  await writeSetting(db, 'profile', { id: REP.id, name: REP.name, role: 'rep', timeZone: 'Asia/Shanghai' });
  await writeSetting(db, 'language', 'zh-CN');
  const context = { author: REP, now: sh('2026-12-01T09:00:00') };
  if (lastWeek) await saveRecord(db, 'diaryEntries', weekly('2026-11-23', 'submitted'), context);
  await saveRecord(db, 'diaryEntries', monthly, context);
}

function start(): Reminders {
  reminders = setUpReminders(db, { now: () => clock, registerListeners: false });
  return reminders;
}

beforeEach(() => {
  clock = sh('2026-12-04T16:30:00');
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
});
afterEach(async () => {
  reminders?.stop();
  vi.restoreAllMocks();
  await Promise.all(db.tables.map((t) => t.clear()));
});

/** The notifications on screen; non-breaking spaces (they keep "30 Nov" on one line) read as spaces. */
const shown = async () =>
  Object.fromEntries(
    Object.entries((await fakeBrowser.notifications.getAll()) as Record<string, { title: string; message: string; iconUrl: string }>).map(([id, n]) => [id, { ...n, message: n.message.replace(/\u00a0/g, ' ') }]),
  );

describe('report reminders in the browser', () => {
  it('counts what is due on the badge, notifies a report due soon once, and schedules the next wake-up', async () => {
    await seed();
    const r = start();
    await r.refresh();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2'); // this week's weekly (due soon) and today's daily
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xc2, 0x41, 0x0c, 255]);
    expect(BADGE_DUE).toBe('#c2410c');
    expect(await fakeBrowser.action.getTitle({})).toBe('Fieldkit · 2 份报告待交');
    const notes = await shown();
    expect(Object.keys(notes)).toEqual(['fieldkit.due:weekly:2026-11-30']);
    expect(notes['fieldkit.due:weekly:2026-11-30']).toMatchObject({ title: '周报快到截止时间了', message: '第49周（11月30日–12月6日），今天 18:00 截止。点击填写。' });
    expect(notes['fieldkit.due:weekly:2026-11-30']!.iconUrl).toMatch(/reminder\.png$/);
    // Next: the weekly passes its deadline at 18:00:01 (before the daily's reminder at 20:59).
    expect((await fakeBrowser.alarms.get(REMINDER_ALARM))?.scheduledTime).toBe(sh('2026-12-04T18:00:01').getTime());

    // A second run (a woken worker, a data change) does not notify again.
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await fakeBrowser.notifications.clear('fieldkit.due:weekly:2026-11-30');
    await r.refresh();
    expect(create).not.toHaveBeenCalled();
    expect(Object.keys((await fakeBrowser.storage.local.get(NOTIFIED_KEY))[NOTIFIED_KEY] as object)).toEqual(['weekly:2026-11-30:upcoming']);
  });

  it('submitting the report clears its notification and lowers the count', async () => {
    await seed();
    const r = start();
    await r.refresh();
    expect(Object.keys(await shown())).toContain('fieldkit.due:weekly:2026-11-30');
    await saveRecord(db, 'diaryEntries', weekly('2026-11-30', 'submitted'), { author: REP, now: clock });
    await r.refresh();
    expect(Object.keys(await shown())).toEqual([]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });

  it('after the deadline the badge turns red and the report is reminded of again, in the language chosen', async () => {
    await seed();
    await writeSetting(db, 'language', 'en');
    const r = start();
    await r.refresh();
    clock = sh('2026-12-04T18:30:00');
    await r.refresh();
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xb9, 0x1c, 0x1c, 255]);
    expect(BADGE_LATE).toBe('#b91c1c');
    expect((await shown())['fieldkit.due:weekly:2026-11-30']).toMatchObject({
      title: 'Weekly report: the deadline has passed',
      message: 'Week 49 (30 Nov – 6 Dec) · still on time with a reason until Mon 7 Dec at 09:00. Click to write it.',
    });
  });

  it('shows nothing in quiet hours and wakes up when there is something to do after them', async () => {
    await seed();
    // A working day (visit cards logged): its daily report is still owed tomorrow.
    await saveRecord(db, 'visitCards', visitDraft({ visitDay: '2026-12-04', isoWeek: '2026-W49' }), { author: REP, now: clock });
    clock = sh('2026-12-04T21:30:00');
    const r = start();
    await r.refresh();
    expect(Object.keys(await shown())).toEqual([]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2'); // the badge is not an interruption
    // The next wake-up is for the list (the daily's last hour begins at 22:59:59); in quiet hours
    // it only updates the badge, and then it is midnight, and so on until reminders resume at 08:00.
    expect((await fakeBrowser.alarms.get(REMINDER_ALARM))?.scheduledTime).toBe(sh('2026-12-04T22:59:59').getTime());
    clock = sh('2026-12-04T22:59:59');
    await r.refresh();
    expect(Object.keys(await shown())).toEqual([]);
    expect((await fakeBrowser.alarms.get(REMINDER_ALARM))?.scheduledTime).toBe(sh('2026-12-05T00:00:00').getTime());
    clock = sh('2026-12-05T08:00:00');
    await r.refresh();
    expect(Object.keys(await shown()).sort()).toEqual(['fieldkit.due:daily:2026-12-04', 'fieldkit.due:weekly:2026-11-30']);
    expect((await shown())['fieldkit.due:daily:2026-12-04']).toMatchObject({ title: '日报已逾期', message: '12月4日周五，已于昨天 23:59 截止。点击填写。' });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('3'); // and Saturday's daily
  });

  it('with reminders off there are no notifications, but the badge still counts', async () => {
    await seed();
    await writeSetting(db, 'reminders', { enabled: false, quietFrom: '21:00', quietTo: '08:00' });
    const r = start();
    await r.refresh();
    expect(Object.keys(await shown())).toEqual([]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
  });

  it('the first run does not greet with a burst about reports long overdue, but still reminds of what is due soon', async () => {
    await seed({ lastWeek: false });
    const r = start();
    await r.refresh();
    expect(Object.keys(await shown())).toEqual(['fieldkit.due:weekly:2026-11-30']);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('3'); // last week's is listed and counted
    const notified = (await fakeBrowser.storage.local.get(NOTIFIED_KEY))[NOTIFIED_KEY] as Record<string, string>;
    expect(Object.keys(notified).sort()).toEqual(['weekly:2026-11-23:overdue', 'weekly:2026-11-30:upcoming']);
  });

  it('an empty badge when nothing is due', async () => {
    await writeSetting(db, 'profile', { id: REP.id, name: REP.name, role: 'admin', timeZone: 'Asia/Shanghai' });
    const r = start();
    await r.refresh();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await fakeBrowser.action.getTitle({})).toBe('Fieldkit');
  });

  it("the toolbar's title follows a language switch while the worker is awake", async () => {
    await seed();
    reminders = setUpReminders(db, { now: () => clock });
    await waitLong(async () => expect(await fakeBrowser.action.getTitle({})).toBe('Fieldkit · 2 份报告待交'));
    await writeSetting(db, 'language', 'en');
    await waitLong(async () => expect(await fakeBrowser.action.getTitle({})).toBe('Fieldkit · 2 reports due'));
  });

  it('wakes on its alarm and recomputes', async () => {
    await seed();
    reminders = setUpReminders(db, { now: () => clock });
    await waitLong(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('2'));
    await saveRecord(db, 'diaryEntries', weekly('2026-11-30', 'submitted'), { author: REP, now: clock });
    // The live watch follows the change while the worker is awake…
    await waitLong(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('1'));
    // …and the alarm recomputes after a stopped worker.
    reminders.stop();
    await fakeBrowser.action.setBadgeText({ text: '' });
    await fakeBrowser.alarms.onAlarm.trigger({ name: REMINDER_ALARM, scheduledTime: Date.now() });
    await waitLong(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('1'));
  });
});

describe('an extension page', () => {
  it('wakes the background through the alarm when what is due changes there, not before', async () => {
    await seed();
    const create = vi.spyOn(fakeBrowser.alarms, 'create');
    const stop = nudgeRemindersOnChange(db, () => clock);
    await new Promise((r) => setTimeout(r, 300));
    expect(create).not.toHaveBeenCalled(); // opening a page changes nothing
    await writeSetting(db, 'activeRuleSets', {}); // nothing the reminders depend on
    await new Promise((r) => setTimeout(r, 300));
    expect(create).not.toHaveBeenCalled();
    await saveRecord(db, 'diaryEntries', weekly('2026-11-30', 'submitted'), { author: REP, now: clock });
    await waitLong(() => expect(create).toHaveBeenCalledWith(REMINDER_ALARM, { when: expect.any(Number) }));
    // The language too: the toolbar's title and the notifications speak it.
    await writeSetting(db, 'language', 'en');
    await waitLong(() => expect(create).toHaveBeenCalledTimes(2));
    stop();
  });
});

describe('clicking a notification', () => {
  it('reads only its own notification ids', () => {
    expect(reportOfNotification('fieldkit.due:weekly:2026-11-30')).toEqual({ kind: 'weekly', periodStart: '2026-11-30' });
    expect(reportOfNotification('fieldkit.due:inspection:2026-11-30')).toBeUndefined();
    expect(reportOfNotification('other:weekly:2026-11-30')).toBeUndefined();
  });

  it("opens the side panel at the report's form, synchronously inside the click, and clears the notification", async () => {
    const calls: string[] = [];
    const sidePanel = {
      setOptions: vi.fn(async (o: { path: string }) => void calls.push(`setOptions ${o.path}`)),
      open: vi.fn(async () => void calls.push('open')),
    };
    (fakeBrowser as unknown as { sidePanel: unknown }).sidePanel = sidePanel;
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await fakeBrowser.notifications.create('fieldkit.due:weekly:2026-11-30', { type: 'basic', iconUrl: '', title: 't', message: 'm' });
    const r = start();
    r.openFromNotification('fieldkit.due:weekly:2026-11-30');
    // Both calls were made before anything was awaited: the gesture is still alive.
    expect(sidePanel.setOptions).toHaveBeenCalledWith({ path: 'sidepanel.html#reports/weekly/2026-11-30', enabled: true });
    expect(sidePanel.open).toHaveBeenCalledTimes(1);
    await waitLong(async () => expect(Object.keys(await shown())).toEqual([]));
    expect(create).not.toHaveBeenCalled();
    delete (fakeBrowser as unknown as { sidePanel?: unknown }).sidePanel;
  });

  it('opens the form in a tab when the side panel cannot open', async () => {
    (fakeBrowser as unknown as { sidePanel: unknown }).sidePanel = { setOptions: vi.fn(async () => undefined), open: vi.fn(async () => Promise.reject(new Error('sidePanel.open() may only be called in response to a user gesture.'))) };
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const r = start();
    r.openFromNotification('fieldkit.due:daily:2026-12-03');
    await waitLong(() => expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/\/sidepanel\.html#reports\/daily\/2026-12-03$/) }));
    delete (fakeBrowser as unknown as { sidePanel?: unknown }).sidePanel;
  });

  it('ignores a notification that is not a report reminder', () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    start().openFromNotification('something-else');
    expect(create).not.toHaveBeenCalled();
  });
});
