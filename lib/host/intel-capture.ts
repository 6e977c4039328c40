import { browser } from 'wxt/browser';
import { createMessenger, type Messenger } from '../messaging/client';
import type { Locale } from '../kernel/i18n';
import { today } from '../kernel/dates';
import type { PickerDictionary } from '../intel/dictionary/picker';

const OPEN_FLAG = '__fieldkitIntelOpen';
/**
 * The schema keeps 5,000 characters of selected text. One more is read so the form can tell the
 * user it cut the selection; anything beyond never leaves the page.
 */
export const MAX_SOURCE_TEXT = 5000;

export interface IntelCapture {
  send: Messenger;
  locale: Locale;
  today: string;
  initial: { sourceUrl?: string; sourceTitle?: string; sourceText?: string; screenshot?: string };
  competitors: string[];
  dealers: { id: string; name: string }[];
  dictionary: PickerDictionary;
  release(): void;
}

/** Only http(s) URLs are kept as a source; file:, data: and javascript: URLs are dropped. */
export function safeSourceUrl(href: string): string | undefined {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href.slice(0, 2048) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads what the page offers (as plain text: the selection is never parsed as HTML) and what the
 * background knows (language, pickers, a screenshot taken before our overlay is drawn).
 */
export async function setUpIntelCapture(): Promise<IntelCapture | undefined> {
  const flags = window as unknown as Record<string, boolean>;
  if (flags[OPEN_FLAG]) return undefined;
  flags[OPEN_FLAG] = true;
  const send = createMessenger((message) => browser.runtime.sendMessage(message));
  const selection = (window.getSelection()?.toString() ?? '').trim();
  const [language, pickers, screenshot] = await Promise.all([
    send('settings.language', {}).catch(() => ({ locale: 'zh-CN' as const })),
    send('intel.pickers', {}).catch(() => ({ competitors: [], dealers: [], dictionary: { competitors: [], products: [] } })),
    send('page.captureVisible', {}).then((r) => r.dataUrl, () => undefined),
  ]);
  return {
    send,
    locale: language.locale,
    today: today(),
    initial: {
      sourceUrl: safeSourceUrl(location.href),
      sourceTitle: document.title.slice(0, 500) || undefined,
      sourceText: selection.slice(0, MAX_SOURCE_TEXT + 1) || undefined,
      screenshot: screenshot && /^data:image\/(png|jpeg);base64,/.test(screenshot) ? screenshot : undefined,
    },
    competitors: pickers.competitors,
    dealers: pickers.dealers,
    dictionary: pickers.dictionary,
    release: () => {
      flags[OPEN_FLAG] = false;
    },
  };
}
