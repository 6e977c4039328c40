/**
 * Report reminders in the browser: the toolbar badge counts what is due (reminders own the badge;
 * sync does not use it), one alarm wakes the worker when the next reminder is due or the list
 * changes, and a notification reminds of each report once per stage (due soon, past the
 * deadline, overdue), never in quiet hours. Clicking it opens that report's form.
 *
 * MV3: the worker is stopped when idle, so nothing here lives in memory. Every wake-up (install,
 * browser start, the alarm, a message) runs the script, which subscribes to the data again and
 * recomputes; the alarm is re-created each time (Chrome may drop alarms on a restart). What was
 * notified is kept in storage.local, so neither a restart nor a woken worker repeats it.
 * The logic is lib/reports/reminders.ts; this file only wires it to the browser.
 */
import { browser } from 'wxt/browser';
import { liveQuery } from 'dexie';
import type { FieldkitDatabase } from '../store/database';
import { resolveLocale } from '../kernel/i18n';
import { loadReminderState, nextReminderAt, remindersDue, stageKey, type DueItem, type ReminderKind, type ReminderState } from '../reports/reminders';
import { actionTitle, notificationWords } from '../reports/reminder-words';

export const REMINDER_ALARM = 'fieldkit.reminder';
export const NOTIFICATION_PREFIX = 'fieldkit.due:';
/** storage.local: the reminder stages already shown, by `stageKey`, with when. */
export const NOTIFIED_KEY = 'fieldkit.reminders.notified';
/** The badge's colours: the accent while things are only due, red once one is past its deadline. */
export const BADGE_DUE = '#c2410c';
export const BADGE_LATE = '#b91c1c';
/** At most this many notifications at once; the rest are in the list and the badge. */
export const MAX_NOTIFICATIONS_AT_ONCE = 3;
/** Notified stages older than this are forgotten (far beyond the look-back). */
const FORGET_AFTER_MS = 70 * 86_400_000;

export function notificationIdOf(item: Pick<DueItem, 'kind' | 'periodStart'>): string {
  return `${NOTIFICATION_PREFIX}${item.kind}:${item.periodStart}`;
}

/** The report a notification is about, from its id; undefined for anything not ours. */
export function reportOfNotification(id: string): { kind: ReminderKind; periodStart: string } | undefined {
  const match = /^fieldkit\.due:(daily|weekly|monthly):(\d{4}-\d{2}-\d{2})$/.exec(id);
  return match ? { kind: match[1] as ReminderKind, periodStart: match[2]! } : undefined;
}

/** The side panel's address of a report's form (the side panel routes it). */
export function reportHash(kind: ReminderKind, periodStart: string): string {
  return `reports/${kind}/${periodStart}`;
}

/**
 * Whether the browser shows this extension's notifications (a user can block them in the
 * browser's settings); undefined where the browser cannot say (Firefox). For extension pages:
 * Settings passes it to components/reports/ReminderSettings.tsx.
 */
export async function notificationPermission(): Promise<'granted' | 'denied' | undefined> {
  try {
    const level = await (browser.notifications as { getPermissionLevel?: () => Promise<string> }).getPermissionLevel?.();
    return level === 'granted' || level === 'denied' ? level : undefined;
  } catch {
    return undefined;
  }
}

/**
 * For extension pages (side panel, popup, options): when what is due changes there — a report
 * submitted, a setting changed — wake the background through the reminder alarm, so the badge and
 * notifications follow even while the worker is stopped (a page's database change reaches an awake
 * worker's watch, but it does not start a stopped one). The worker does the reckoning; Chrome may
 * delay the alarm up to 30 s for an installed extension. Returns the unsubscribe.
 */
export function nudgeRemindersOnChange(db: FieldkitDatabase, now: () => Date = () => new Date()): () => void {
  let last: string | undefined;
  const watch = liveQuery(() => loadReminderState(db, now())).subscribe({
    next: (state) => {
      const signature = JSON.stringify([state.items.map((i) => `${i.kind}:${i.periodStart}:${i.state}`), state.reminders, state.language]);
      if (last !== undefined && signature !== last) void browser.alarms.create(REMINDER_ALARM, { when: Date.now() });
      last = signature;
    },
    error: () => undefined,
  });
  return () => watch.unsubscribe();
}

type Notified = Record<string, string>;

async function loadNotified(): Promise<Notified | undefined> {
  const stored = (await browser.storage.local.get(NOTIFIED_KEY))[NOTIFIED_KEY];
  return stored && typeof stored === 'object' ? (stored as Notified) : undefined;
}

async function saveNotified(notified: Notified, now: number): Promise<void> {
  const kept = Object.fromEntries(Object.entries(notified).filter(([, at]) => now - Date.parse(at) < FORGET_AFTER_MS));
  await browser.storage.local.set({ [NOTIFIED_KEY]: kept });
}

export interface ReminderSetupOptions {
  /** The clock (tests). */
  now?: () => Date;
  /** Tests may skip the global listeners and the live watch. */
  registerListeners?: boolean;
}

export interface Reminders {
  /** Recomputes the badge, shows what is due and schedules the next wake-up. */
  refresh(state?: ReminderState): Promise<void>;
  /** Opens the form a notification is about and clears it; call it straight from the click. */
  openFromNotification(id: string): void;
  stop(): void;
}

export function setUpReminders(db: FieldkitDatabase, options: ReminderSetupOptions = {}): Reminders {
  const now = options.now ?? (() => new Date());

  async function apply(state: ReminderState): Promise<void> {
    const at = now();
    const nowIso = at.toISOString();
    const language = resolveLocale(state.language, browser.i18n.getUILanguage());
    const { items, timeZone, reminders } = state;

    // Badge: every listed report; red once one is past its deadline.
    const late = items.some((i) => i.state === 'grace' || i.state === 'overdue');
    // MV2 (the Firefox build) calls the toolbar button browserAction.
    const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
    await action.setBadgeText({ text: items.length === 0 ? '' : items.length > 99 ? '99+' : String(items.length) });
    await action.setBadgeBackgroundColor({ color: late ? BADGE_LATE : BADGE_DUE });
    await action.setTitle({ title: actionTitle(items, language) });

    // Notifications of reports no longer due (submitted, or out of the look-back) go.
    const listed = new Set(items.map(notificationIdOf));
    const shown = Object.keys(await browser.notifications.getAll());
    await Promise.all(shown.filter((id) => id.startsWith(NOTIFICATION_PREFIX) && !listed.has(id)).map((id) => browser.notifications.clear(id)));

    const stored = await loadNotified();
    const notified: Notified = { ...stored };
    const due = remindersDue(items, nowIso, reminders, timeZone, new Set(Object.keys(notified)));
    if (stored === undefined) {
      // The first run on this profile: what was already past its deadline before Fieldkit could
      // remind of it is in the list and the badge, not in a burst of notifications.
      for (const { item, stage } of due) if (stage !== 'upcoming') notified[stageKey(item, stage)] = nowIso;
    }
    const toShow = due.filter(({ item, stage }) => notified[stageKey(item, stage)] === undefined);
    for (const [index, { item, stage }] of toShow.entries()) {
      notified[stageKey(item, stage)] = nowIso;
      if (index >= MAX_NOTIFICATIONS_AT_ONCE) continue;
      const words = notificationWords(item, stage, at.getTime(), timeZone, language);
      await browser.notifications.create(notificationIdOf(item), {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/reminder.png'),
        title: words.title,
        message: words.message,
      });
    }
    // Remember before scheduling, so the next run does not show the same stage again.
    if (stored === undefined || toShow.length > 0) await saveNotified(notified, at.getTime());

    // One alarm: the next reminder or the next change of the list, whichever comes first.
    const next = [nextReminderAt(items, nowIso, reminders, timeZone, new Set(Object.keys(notified))), state.nextChangeAt]
      .filter((x): x is string => x !== undefined)
      .map((x) => Date.parse(x))
      .reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
    const when = Math.max(next, at.getTime() + 1000);
    const existing = await browser.alarms.get(REMINDER_ALARM);
    if (!existing || existing.scheduledTime !== when) await browser.alarms.create(REMINDER_ALARM, { when });
  }

  // Runs one after another: the live watch and the alarm may both ask at once.
  let chain: Promise<void> = Promise.resolve();
  const refresh = (state?: ReminderState): Promise<void> => {
    chain = chain
      .then(async () => apply(state ?? (await loadReminderState(db, now()))))
      .catch((error: unknown) => console.warn('Fieldkit: could not refresh the reminders', error));
    return chain;
  };

  const openFromNotification = (id: string): void => {
    const report = reportOfNotification(id);
    if (!report) return;
    const hash = reportHash(report.kind, report.periodStart);
    const path = `sidepanel.html#${hash}`;
    const url = browser.runtime.getURL(`/sidepanel.html#${hash}`);
    const inTab = () => browser.tabs.create({ url }).catch(() => browser.windows.create({ url }));
    // Chrome dispatches a notification click as a user gesture, so the side panel may open — but
    // only if open() is called now, before any await. Elsewhere (Firefox), a tab.
    if (browser.sidePanel?.open) {
      void browser.sidePanel.setOptions({ path, enabled: true }).catch(() => undefined);
      void browser.sidePanel.open({ windowId: browser.windows.WINDOW_ID_CURRENT }).catch(inTab);
    } else void inTab();
    void browser.notifications.clear(id);
  };

  if (options.registerListeners === false) return { refresh, openFromNotification, stop: () => undefined };

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REMINDER_ALARM) void refresh();
  });
  browser.runtime.onInstalled.addListener(() => void refresh());
  browser.runtime.onStartup.addListener(() => void refresh());
  browser.notifications.onClicked.addListener((id) => openFromNotification(id));
  // While the worker is awake, any change to what the list reads (entries, settings, roles, visit
  // cards) recomputes at once; the subscription's first answer is the refresh of this wake-up.
  const watch = liveQuery(() => loadReminderState(db, now())).subscribe({
    next: (state) => void refresh(state),
    error: (error: unknown) => console.warn('Fieldkit: the reminders watch failed', error),
  });
  return { refresh, openFromNotification, stop: () => watch.unsubscribe() };
}
