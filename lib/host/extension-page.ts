import { browser } from 'wxt/browser';
import { getDatabase, type FieldkitDatabase } from '../store/database';
import { createMessenger, type Messenger } from '../messaging/client';
import { openIntelCapture } from './inject';
import { captureHashOf, injectionBlocked } from '../intel/capture-target';

export interface ExtensionPageContext {
  db: FieldkitDatabase;
  send: Messenger;
  browserLanguage: string;
  appVersion: string;
}

/** What every extension page needs before it renders: the database and a typed messenger. */
export function setUpExtensionPage(): ExtensionPageContext {
  return {
    db: getDatabase(),
    send: createMessenger((message) => browser.runtime.sendMessage(message)),
    browserLanguage: browser.i18n.getUILanguage(),
    appVersion: browser.runtime.getManifest().version,
  };
}

export function openOptionsPage(): void {
  void browser.runtime.openOptionsPage();
}

// sidePanel.open must be called synchronously inside the click, so the window id is looked up
// when the page loads rather than after the click.
let currentWindowId: number | undefined;
/** The tab the popup was opened over (its address is readable: opening the popup granted activeTab). */
let activeTab: { id?: number; url?: string; title?: string } | undefined;
export function rememberCurrentWindow(): void {
  void browser.windows.getCurrent().then((w) => (currentWindowId = w.id));
  void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => (activeTab = tab && { id: tab.id, url: tab.url ?? tab.pendingUrl, title: tab.title }));
}

/** Opens the side panel at a section. Call it straight from a click: it needs the gesture. */
export function openSidePanel(section?: string): void {
  const sidebar = (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;
  if (!browser.sidePanel && sidebar) {
    void sidebar.open().then(() => window.close()); // Firefox
    return;
  }
  if (currentWindowId === undefined) return;
  void browser.sidePanel.setOptions({ path: section ? `sidepanel.html#${section}` : 'sidepanel.html', enabled: true });
  void browser.sidePanel.open({ windowId: currentWindowId }).then(() => window.close(), () => undefined);
}

/**
 * Injects the intel quick form into the active tab (activeTab is granted by the popup click); on
 * a page no extension may script, opens the capture in the side panel instead, straight from the
 * click (it needs the gesture). Rejects when the page refused the form after all.
 */
export async function captureIntelInActiveTab(): Promise<void> {
  if (activeTab && injectionBlocked(activeTab.url)) {
    captureIntelInSidePanel();
    return;
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new Error('no active tab');
  await openIntelCapture(tab.id);
}

/** The capture in the side panel, with the active tab's address and title. Call it from a click. */
export function captureIntelInSidePanel(): void {
  openSidePanel(captureHashOf({ url: activeTab?.url, title: activeTab?.title }).slice(1));
}
