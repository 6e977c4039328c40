/**
 * The content script's half of the intel capture, kept tiny (no React, no database, no network):
 * it reads the page — address, title and selection, as plain text — hands them to the background,
 * and frames the form page (`intel-form.html`, lib/host/intel-form-frame.ts) in a shadow root at
 * the top right. The form runs on the extension's origin, so its code is compiled once and cached
 * by the browser rather than on every capture, and the page cannot read the form.
 */
import { browser } from 'wxt/browser';
import { CAPTURE_FORM_PAGE, CAPTURE_HOST_TAG, CaptureFrameMessage, newCaptureId } from '../intel/capture-frame';

const OPEN_FLAG = '__fieldkitIntelOpen';
/**
 * The schema keeps 5,000 characters of selected text. One more is read so the form can tell the
 * user it cut the selection; anything beyond never leaves the page.
 */
export const MAX_SOURCE_TEXT = 5000;
const WIDTH = 380;
const MARGIN = 12;

/** Only http(s) URLs are kept as a source; file:, data: and javascript: URLs are dropped. */
export function safeSourceUrl(href: string): string | undefined {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href.slice(0, 2048) : undefined;
  } catch {
    return undefined;
  }
}

/** What the page offers, as text: the selection is never read as HTML. */
export function readCapturedPage(win: Window = window): { sourceUrl?: string; sourceTitle?: string; sourceText?: string } {
  const selection = (win.getSelection()?.toString() ?? '').trim();
  const page = { sourceUrl: safeSourceUrl(win.location.href), sourceTitle: win.document.title.slice(0, 500) || undefined, sourceText: selection.slice(0, MAX_SOURCE_TEXT + 1) || undefined };
  return Object.fromEntries(Object.entries(page).filter(([, value]) => value !== undefined));
}

/**
 * Opens the capture in this tab: a second command while one is open focuses it instead. The frame
 * starts loading at once; the background photographs the tab meanwhile, and the form is drawn and
 * shown only after that (the frame stays invisible until the form reports its height).
 */
export async function setUpIntelCapture(win: Window = window): Promise<void> {
  const flags = win as unknown as Record<string, HTMLIFrameElement | undefined>;
  const already = flags[OPEN_FLAG];
  if (already?.isConnected) {
    already.focus();
    return;
  }
  const captureId = newCaptureId();
  // Not awaited: the form's frame asks the background for this capture, which waits for it. A
  // capture the background could not keep still opens the form, without the page's details.
  void browser.runtime.sendMessage({ type: 'intel.captureOpen', payload: { captureId, ...readCapturedPage(win) } }).catch(() => undefined);
  const doc = win.document;
  const host = doc.createElement(CAPTURE_HOST_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  const frame = doc.createElement('iframe');
  frame.src = `${browser.runtime.getURL(CAPTURE_FORM_PAGE)}#${captureId}`;
  frame.title = 'Fieldkit';
  frame.setAttribute('allow', '');
  // Shown once the form says how tall it is, so the page never sees an empty box.
  const style = doc.createElement('style');
  style.textContent = `:host{all:initial}iframe{position:fixed;top:${MARGIN}px;right:${MARGIN}px;width:${WIDTH}px;max-width:calc(100vw - ${2 * MARGIN}px);height:480px;max-height:calc(100vh - ${2 * MARGIN}px);border:0;border-radius:12px;box-shadow:0 24px 48px -12px rgba(0,0,0,.35);z-index:2147483647;background:transparent;color-scheme:normal;visibility:hidden}iframe.shown{visibility:visible}`;
  shadow.append(style, frame);
  flags[OPEN_FLAG] = frame;

  const expectedOrigin = new URL(browser.runtime.getURL('/')).origin;
  const close = () => {
    win.removeEventListener('message', onFrameMessage);
    host.remove();
    flags[OPEN_FLAG] = undefined;
  };
  // Only the frame we made, on our own origin, is listened to: the page cannot fake either.
  const onFrameMessage = (event: MessageEvent) => {
    if (event.source !== frame.contentWindow || event.origin !== expectedOrigin) return;
    const message = CaptureFrameMessage.safeParse(event.data);
    if (!message.success) return;
    if (message.data.type === 'fieldkit-intel:close') return close();
    frame.style.height = `${Math.ceil(message.data.height)}px`;
    if (!frame.classList.contains('shown')) {
      frame.classList.add('shown');
      // The form focuses its first field; the frame itself must hold the page's focus for that to count.
      frame.focus();
    }
  };
  win.addEventListener('message', onFrameMessage);
  doc.documentElement.append(host);
}
