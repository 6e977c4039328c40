/**
 * The framed intel form's side of the capture (`intel-form.html`, framed by lib/host/intel-capture.ts).
 * A frame inside a web page gets partitioned storage, so this page never opens the database: it
 * asks the background for the capture it was opened for (the hash holds its id), the language and
 * the pickers, all at once, and saves through the background.
 */
import { browser } from 'wxt/browser';
import { createMessenger, type Messenger } from '../messaging/client';
import type { Locale } from '../kernel/i18n';
import { today } from '../kernel/dates';
import type { PickerDictionary } from '../intel/dictionary/picker';
import type { RecordDraft } from '../store/records';
import { captureIdOf } from '../intel/capture-frame';
import { EARLY_REQUESTS, type EarlyRequests } from './intel-form-early';

export interface IntelCapture {
  send: Messenger;
  locale: Locale;
  today: string;
  initial: { sourceUrl?: string; sourceTitle?: string; sourceText?: string; screenshot?: string };
  competitors: string[];
  dealers: { id: string; name: string }[];
  dictionary: PickerDictionary;
  /** Saves the draft; the screenshot the capture took is attached by the background, not sent back. */
  save(draft: RecordDraft<'intelItems'>, options?: { addTo?: string }): Promise<{ id: string; addedTo?: boolean }>;
  /** Asks the page's content script to take the form away. */
  close(): void;
  /** Tells the content script how tall the form is, so the frame fits it. */
  reportHeight(height: number): void;
}

export async function loadIntelCapture(win: Window = window): Promise<IntelCapture> {
  const post = (message: unknown) => win.parent !== win && win.parent.postMessage(message, '*');
  // The early script's requests are used once each (validated here like any reply); later ones go out as usual.
  const early: EarlyRequests = { ...(win as unknown as Record<string, EarlyRequests | undefined>)[EARLY_REQUESTS] };
  const send = createMessenger((message) => {
    const sent = early[message.type as keyof EarlyRequests];
    delete early[message.type as keyof EarlyRequests];
    return sent ?? browser.runtime.sendMessage(message);
  });
  const captureId = captureIdOf(win.location.hash);
  const [language, pickers, captured] = await Promise.all([
    send('settings.language', {}).catch(() => ({ locale: 'zh-CN' as const })),
    send('intel.pickers', {}).catch(() => ({ competitors: [], dealers: [], dictionary: { competitors: [], products: [] } })),
    captureId ? send('intel.captureContext', { captureId }).catch(() => ({})) : Promise.resolve({}),
  ]);
  const initial: IntelCapture['initial'] = captured;
  return {
    send,
    locale: language.locale,
    today: today(),
    initial,
    competitors: pickers.competitors,
    dealers: pickers.dealers,
    dictionary: pickers.dictionary,
    save(draft, options) {
      const { screenshot, ...rest } = draft;
      // The picture the capture took stays in the background; one the rep did not keep is not attached.
      const attach = captureId && screenshot && screenshot === initial.screenshot ? { captureId } : screenshot ? { screenshot } : {};
      return send('intel.save', { ...rest, ...attach, ...options });
    },
    // Neither message is a secret, and the framing page's origin is any site's: '*' is right here.
    close: () => post({ type: 'fieldkit-intel:close' }),
    reportHeight: (height) => post({ type: 'fieldkit-intel:height', height }),
  };
}
