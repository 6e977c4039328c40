/**
 * Report reminders in real Chromium with the built extension: a rep whose weekly report is due
 * within its reminder lead time gets a browser notification (checked through the browser's own
 * notification API), the toolbar badge counts what is due, the reminder alarm wakes a stopped
 * service worker and shows it again, and submitting the report clears both.
 *
 * The data is seeded so that "now" is inside the lead time whatever the clock says: the profile's
 * time zone is chosen so that it is about noon there, and the admin's weekly rule is "today, an
 * hour from now" (the weekly report is reminded 2 hours before).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionSession } from './fixtures';

const NOTIFIED_KEY = 'fieldkit.reminders.notified';
const ALARM = 'fieldkit.reminder';

/** A fixed-offset zone where it is about noon now (Etc/GMT-N is UTC+N). */
function noonZone(now: Date): string {
  const offset = 12 - now.getUTCHours();
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

function wallClock(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday!) + 1;
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, weekday };
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * 86_400_000);
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / 86_400_000 / 7 - (3 - ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const REP = { id: 'owner-e2e-rep', name: '张伟' };

function entry(kind: 'weekly' | 'monthly', periodStart: string, status: 'submitted' | 'draft', at: string) {
  const content =
    kind === 'weekly'
      ? { kind, lastWeekSummary: [], nextWeekPlan: [{ priority: '拜访华东润滑油', support: '' }], keyAccountVisits: [], gradeChanges: [] }
      : { kind, results: ['完成'], problems: [], nextMonthPlan: ['继续'] };
  return {
    id: `01JE2E${kind === 'weekly' ? 'W' : 'M'}${periodStart.replaceAll('-', '')}${status === 'draft' ? 'D' : 'S'}`.padEnd(26, '0').slice(0, 26),
    schemaVersion: 1,
    author: REP,
    createdAt: at,
    updatedAt: at,
    periodStart,
    isoWeek: isoWeek(periodStart),
    ...(kind === 'monthly' ? { month: periodStart.slice(0, 7) } : {}),
    status,
    ...(status === 'submitted' ? { submittedAt: at } : {}),
    content,
    annotations: [],
  };
}

/** Writes settings rows and diary entries straight into the extension's database, in one transaction. */
function seed(page: Page, rows: { settings: { key: string; value: unknown }[]; entries: unknown[] }) {
  return page.evaluate(
    (data) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open('fieldkit');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['settings', 'diaryEntries'], 'readwrite');
          for (const row of data.settings) tx.objectStore('settings').put(row);
          for (const row of data.entries) tx.objectStore('diaryEntries').put(row);
          tx.oncomplete = () => {
            open.result.close();
            done();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    rows,
  );
}

type Chrome = {
  notifications: { getAll(): Promise<Record<string, boolean>>; clear(id: string): Promise<boolean> };
  action: { getBadgeText(details: object): Promise<string>; getBadgeBackgroundColor(details: object): Promise<number[]>; getTitle(details: object): Promise<string> };
  alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined>; create(name: string, info: { when: number }): Promise<void> };
  storage: { local: { set(items: object): Promise<void> } };
};

/** What the browser shows: our notification ids, the badge text and colour, the button's title, the reminder alarm. */
function browserState(page: Page) {
  return page.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
    const notifications = Object.keys(await chrome.notifications.getAll()).sort();
    return {
      notifications,
      badge: await chrome.action.getBadgeText({}),
      colour: await chrome.action.getBadgeBackgroundColor({}),
      title: await chrome.action.getTitle({}),
      alarm: (await chrome.alarms.get('fieldkit.reminder'))?.scheduledTime,
    };
  });
}

/** Forgets what was shown: no notifications on screen, nothing remembered as notified. */
function forgetShown(page: Page) {
  return page.evaluate(async (key) => {
    const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
    await chrome.storage.local.set({ [key]: {} });
  }, NOTIFIED_KEY);
}

/** Sets the reminder alarm off `delay` ms from now, as the background would for the next reminder. */
function fireAlarm(page: Page, delay = 0) {
  return page.evaluate(
    async ({ name, delay }) => {
      const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
      await chrome.alarms.create(name, { when: Date.now() + delay });
    },
    { name: ALARM, delay },
  );
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeout = 20_000): Promise<T> {
  const end = Date.now() + timeout;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > end) throw new Error(`timed out; last seen: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
    value = await read();
  }
  return value;
}

describe('report reminders in Chromium', () => {
  let session: ExtensionSession;
  let page: Page;
  const now = new Date();
  const zone = noonZone(now);
  const local = wallClock(now, zone);
  const monday = addDays(local.day, 1 - local.weekday);
  const thisMonth = `${local.day.slice(0, 7)}-01`;
  const lastMonth = `${addDays(thisMonth, -1).slice(0, 7)}-01`;
  const dueAt = `${String(Number(local.time.slice(0, 2)) + 1).padStart(2, '0')}:${local.time.slice(3)}`;
  const weeklyId = `fieldkit.due:weekly:${monday}`;

  beforeAll(async () => {
    session = await launchExtension({ locale: 'zh-CN' });
    page = await session.openPage('options.html');
    // The first reckoning of this fresh profile is done (it schedules the alarm); start from a clean slate.
    await until(() => browserState(page), (s) => s.alarm !== undefined);
    await forgetShown(page);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('notifies a rep whose weekly report is due within the hour, and the badge counts what is due', async () => {
    const at = now.toISOString();
    await seed(page, {
      settings: [
        { key: 'language', value: 'zh-CN' },
        { key: 'profile', value: { id: REP.id, name: REP.name, role: 'rep', timeZone: zone } },
        // An admin's rule: the weekly report is due today, an hour from now (reminded 2 hours before).
        { key: 'deadlineRules', value: { weekly: { type: 'weekday', weekday: local.weekday, time: dueAt } } },
      ],
      // Last week's weekly and this and last month's reports are in: left are this week's weekly and today's daily.
      entries: [entry('weekly', addDays(monday, -7), 'submitted', at), entry('monthly', thisMonth, 'submitted', at), entry('monthly', lastMonth, 'submitted', at), entry('weekly', monday, 'draft', at)],
    });
    // The rows were written around Dexie (no change broadcast reaches the worker's live watch), so
    // the reminder alarm is what makes it look again — as it does on its own at the next change.
    await fireAlarm(page);
    const state = await until(() => browserState(page), (s) => s.notifications.includes(weeklyId) && s.badge === '2');
    expect(state.notifications).toEqual([weeklyId]); // the daily is due tonight: no reminder yet
    expect(state.colour).toEqual([0xc2, 0x41, 0x0c, 255]);
    expect(state.title).toBe('Fieldkit · 2 份报告待交');
    // One alarm, for the next change: the weekly passes its deadline (a second after it), within the hour.
    expect(state.alarm).toBeGreaterThan(Date.now());
    expect(state.alarm).toBeLessThanOrEqual(now.getTime() + 3_601_000);
  });

  it('the reminder alarm wakes a stopped service worker, which shows the reminder again', async () => {
    await forgetShown(page);
    const cleared = await browserState(page);
    expect(cleared.notifications).toEqual([]);
    // Stop the worker as Chrome does when it is idle, and watch it start again.
    const cdp = await session.context.newCDPSession(page);
    const statuses: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) if (v.scriptURL.endsWith('/background.js')) statuses.push(v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await until(async () => statuses.at(-1), (s) => s === 'stopped');
    const stoppedAt = statuses.length;
    // Nothing in the database changed and the worker is stopped: only the alarm can bring the
    // notification back. It starts the worker again.
    await fireAlarm(page, 1000);
    await until(async () => statuses.slice(stoppedAt), (s) => s.includes('running'));
    const state = await until(() => browserState(page), (s) => s.notifications.includes(weeklyId));
    expect(state.notifications).toEqual([weeklyId]);
    expect(state.badge).toBe('2');
    await cdp.detach();
  });

  it('after a browser restart the badge and the alarm are back, and what was reminded of is not shown again', async () => {
    const remembered = () => page.evaluate(async (key) => ((await (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, Record<string, string>>> } } } }).chrome.storage.local.get(key))[key] ?? {}), NOTIFIED_KEY);
    const before = await remembered();
    expect(Object.keys(before)).toEqual([`weekly:${monday}:upcoming`]);
    const { userDataDir } = session;
    await session.close({ keepProfile: true });
    session = await launchExtension({ locale: 'zh-CN', userDataDir });
    page = await session.openPage('options.html');
    const state = await until(() => browserState(page), (s) => s.badge === '2' && s.alarm !== undefined);
    expect(state.title).toBe('Fieldkit · 2 份报告待交');
    // Remembered across the restart: the same stage is not notified again (its time is unchanged).
    expect(await remembered()).toEqual(before);
  });

  it('submitting the report clears its notification and the count', async () => {
    await seed(page, { settings: [], entries: [{ ...entry('weekly', monday, 'submitted', new Date().toISOString()), id: entry('weekly', monday, 'draft', '').id }] });
    await fireAlarm(page);
    const state = await until(() => browserState(page), (s) => !s.notifications.includes(weeklyId) && s.badge === '1');
    expect(state.notifications).toEqual([]);
    expect(state.title).toBe('Fieldkit · 1 份报告待交');
  });
});
