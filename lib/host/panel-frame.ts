/**
 * The framed panel page's side of the HubSpot panel: which record it shows (the hash the content
 * script sets: `#<portalId>/<companyId>`), and telling its host its height and collapse state.
 */
import { browser } from 'wxt/browser';
import { createMessenger, type Messenger } from '../messaging/client';
import type { Locale } from '../kernel/i18n';

export interface PanelFrame {
  send: Messenger;
  /** The UI language the user chose (or the browser's). */
  language(): Promise<Locale>;
  /** The record in the hash, or undefined when the hash is not one. */
  record(): { portalId: string; companyId: string } | undefined;
  onRecordChange(listener: () => void): () => void;
  reportHeight(height: number): void;
  setCollapsed(collapsed: boolean): void;
}

export function setUpPanelFrame(win: Window = window): PanelFrame {
  const post = (message: unknown) => win.parent !== win && win.parent.postMessage(message, '*');
  const send = createMessenger((message) => browser.runtime.sendMessage(message));
  return {
    send,
    language: () => send('settings.language', {}).then((r) => r.locale, () => 'zh-CN' as const),
    record() {
      const match = /^#(\d{1,20})\/(\d{1,20})$/.exec(win.location.hash);
      return match ? { portalId: match[1]!, companyId: match[2]! } : undefined;
    },
    onRecordChange(listener) {
      win.addEventListener('hashchange', listener);
      return () => win.removeEventListener('hashchange', listener);
    },
    // Heights and collapse state are not secrets: the host page's origin varies by HubSpot region.
    reportHeight: (height) => post({ type: 'fieldkit-panel:height', height }),
    setCollapsed: (collapsed) => post({ type: 'fieldkit-panel:collapse', collapsed }),
  };
}
