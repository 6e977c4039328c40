import { browser, type Browser } from 'wxt/browser';
import { liveQuery } from 'dexie';
import type { FieldkitDatabase } from '../store/database';
import { createRouter, type Handlers } from '../messaging/router';
import { readSetting } from '../store/settings';
import { resolveLocale, translator } from '../kernel/i18n';
import { backgroundMessages } from './messages';
import { createBaseHandlers } from '../messaging/base-handlers';
import { createIntelHandlers } from '../intel/handlers';
import { captureIntelFrom } from './inject';
import { createCaptureStore } from './capture-store';
import { setUpReminders, type ReminderSetupOptions } from './reminders';

export const CAPTURE_MENU_ID = 'fieldkit-capture-intel';

export interface BackgroundOptions {
  db: FieldkitDatabase;
  /** Extra handlers (sync, connection) merged over the base ones. */
  extraHandlers?: Partial<Handlers>;
  /** Called after a record arrives through a message, to start a sync drain at once. */
  onRecordSaved?: () => void;
  /** Report reminders (badge, alarm, notifications); tests may give a clock or turn them off. */
  reminders?: ReminderSetupOptions | false;
}

async function createMenus(db: FieldkitDatabase): Promise<void> {
  const locale = resolveLocale(await readSetting(db, 'language'), browser.i18n.getUILanguage());
  const t = translator(backgroundMessages, locale);
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: CAPTURE_MENU_ID, title: t('captureIntelMenu'), contexts: ['page', 'image', 'link'] });
  browser.contextMenus.create({ id: `${CAPTURE_MENU_ID}-selection`, title: t('captureIntelSelection'), contexts: ['selection'] });
}

/** Menus are a convenience: failing to (re)create them must not take the worker down. */
function refreshMenus(db: FieldkitDatabase): void {
  createMenus(db).catch((error: unknown) => console.warn('Fieldkit: could not create the context menus', error));
}

/**
 * Registers every listener synchronously, as MV3 requires for a worker woken by an event.
 * Returns a function that stops the settings and reminders watches (tests; the worker itself never stops them).
 */
export function setUpBackground(options: BackgroundOptions): () => void {
  const { db } = options;
  const handlers = {
    ...createBaseHandlers({
      db,
      version: browser.runtime.getManifest().version,
      uiLanguage: () => browser.i18n.getUILanguage(),
    }),
    ...createIntelHandlers(db, options.onRecordSaved, createCaptureStore()),
    ...options.extraHandlers,
  } as Handlers; // entries without a handler are answered with a typed "unknown-type" error
  const route = createRouter(handlers, browser.runtime.id, browser.runtime.getURL('/'));
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => route(message, sender));

  browser.runtime.onInstalled.addListener(() => refreshMenus(db));
  // Menu titles follow a language switch made in options while the worker is awake; menus persist
  // across restarts, so they are also refreshed whenever the worker starts.
  let lastLanguage: string | undefined;
  const languageWatch = liveQuery(() => readSetting(db, 'language')).subscribe({
    next: (language) => {
      if (lastLanguage !== undefined && language !== lastLanguage) refreshMenus(db);
      lastLanguage = language;
    },
    error: () => undefined,
  });
  browser.runtime.onStartup.addListener(() => refreshMenus(db));
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (String(info.menuItemId).startsWith(CAPTURE_MENU_ID) && tab) captureIntelFrom(tab);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'capture-intel' && tab) captureIntelFrom(tab);
    // sidePanel.open must run inside the gesture, before any await.
    if ((command === 'open-side-panel' || command === 'build-weekly-report') && tab?.windowId !== undefined) {
      // The panel's path says what to open: the weekly report to build, or the panel as it was.
      void browser.sidePanel?.setOptions({ path: command === 'build-weekly-report' ? 'sidepanel.html#reports/build/weekly' : 'sidepanel.html', enabled: true }).catch(() => undefined);
      void browser.sidePanel?.open({ windowId: tab.windowId });
    }
  });
  // The toolbar button opens the popup; the side panel opens from there or the keyboard.
  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
  const reminders = options.reminders === false ? undefined : setUpReminders(db, options.reminders);
  return () => {
    languageWatch.unsubscribe();
    reminders?.stop();
  };
}
