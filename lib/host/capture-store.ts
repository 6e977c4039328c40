/**
 * The background's open intel captures. A capture opens when the content script has read the page,
 * while the form's frame loads: the tab is photographed now, and the form is drawn only after, so
 * it is never in the picture. The picture stays here: the form shows a small preview, and a save
 * names the capture instead of carrying a few hundred kilobytes back.
 *
 * Kept in memory and in `storage.session` (in memory in the browser, trusted contexts only, so no
 * content script can read it), because the worker may be stopped while the rep types. A capture is
 * read only by our own form page in the tab that opened it — and only by the first such frame, so
 * a page that frames the form page itself with the id it saw gets nothing — and is forgotten after
 * a save or after two hours.
 */
import { browser } from 'wxt/browser';
import type { SenderInfo } from '../messaging/router';
import type { CapturePort, CapturedPageFields } from '../intel/handlers';
import { CAPTURE_FORM_PAGE } from '../intel/capture-frame';
import { downscaleScreenshot } from './screenshot';

interface OpenCapture {
  tabId: number;
  openedAt: number;
  page: CapturedPageFields;
  screenshot?: string;
  preview?: string;
  /** The frame that read it first; no other may. */
  frameId?: number;
}

const KEY_PREFIX = 'fieldkit.capture.';
const KEEP_MS = 2 * 60 * 60 * 1000;
/** How long a form that asks before its capture arrived waits for it. */
const ARRIVAL_WAIT_MS = 2000;
const SCREENSHOT_PATTERN = /^data:image\/(png|jpeg);base64,/;
/** The form shows the picture 340 px wide: a preview of that size is a few kilobytes to send. */
const PREVIEW = { maxWidth: 680, maxBytes: 60_000 };

type SessionArea = { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void>; remove(key: string | string[]): Promise<void> };
type Sender = SenderInfo;

export interface CaptureStoreOptions {
  /** A picture of the sender's tab as it looks now (tests give their own). */
  photograph?: (sender: SenderInfo) => Promise<string | undefined>;
  /** A smaller copy of a picture (tests give their own; the worker's canvas by default). */
  shrink?: (dataUrl: string, limits: { maxWidth: number; maxBytes: number }) => Promise<string>;
  session?: SessionArea;
  now?: () => number;
  /** Whether the sender is our form page (by its URL by default). */
  isFormPage?: (sender: SenderInfo) => boolean;
}

async function photographTab(sender: SenderInfo): Promise<string | undefined> {
  const windowId = (sender.tab as { windowId?: number } | undefined)?.windowId;
  const shot = await (windowId === undefined ? browser.tabs.captureVisibleTab({ format: 'jpeg', quality: 70 }) : browser.tabs.captureVisibleTab(windowId, { format: 'jpeg', quality: 70 }));
  // Kept small in IndexedDB and in backups (a 4K screen is several MB as captured); a picture
  // that cannot be decoded here is kept as captured rather than lost.
  return downscaleScreenshot(shot).catch(() => shot);
}

function isOurFormPage(sender: SenderInfo): boolean {
  return (sender.url ?? '').startsWith(browser.runtime.getURL(CAPTURE_FORM_PAGE));
}

export function createCaptureStore(options: CaptureStoreOptions = {}): CapturePort {
  const photograph = options.photograph ?? photographTab;
  const shrink = options.shrink ?? downscaleScreenshot;
  const session = options.session ?? (browser.storage as unknown as { session?: SessionArea }).session;
  const now = options.now ?? Date.now;
  const isFormPage = options.isFormPage ?? isOurFormPage;
  const open = new Map<string, OpenCapture>();
  const arriving = new Map<string, Promise<void>>();

  const forget = async (id: string) => {
    open.delete(id);
    await session?.remove(KEY_PREFIX + id).catch(() => undefined);
  };
  const remember = (id: string, capture: OpenCapture) => {
    open.set(id, capture);
    void session?.set({ [KEY_PREFIX + id]: capture }).catch(() => undefined);
  };

  /** A capture an earlier run of the worker kept. */
  async function restore(id: string): Promise<OpenCapture | undefined> {
    const stored = session ? ((await session.get(KEY_PREFIX + id).catch((): Record<string, unknown> => ({})))[KEY_PREFIX + id] as OpenCapture | undefined) : undefined;
    if (stored && !open.has(id)) open.set(id, stored);
    return open.get(id);
  }

  /** The capture for this sender, claiming it for the sender's frame on first read. */
  async function claim(sender: Sender, id: string): Promise<OpenCapture | undefined> {
    if (!isFormPage(sender)) return undefined;
    let capture = open.get(id) ?? (arriving.has(id) ? undefined : await restore(id));
    // The frame loads while the capture is photographed (its message may even come first): wait
    // for it rather than answer "none".
    const deadline = Date.now() + ARRIVAL_WAIT_MS;
    while (!capture && !arriving.has(id) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      capture = open.get(id);
    }
    await arriving.get(id);
    capture ??= open.get(id);
    if (!capture || capture.tabId !== sender.tab?.id || now() - capture.openedAt > KEEP_MS) return undefined;
    if (capture.frameId === undefined && sender.frameId !== undefined) remember(id, (capture = { ...capture, frameId: sender.frameId }));
    return capture.frameId === sender.frameId ? capture : undefined;
  }

  return {
    open(sender, id, page) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return Promise.reject(new Error('A capture opens only from a tab'));
      if (open.has(id) || arriving.has(id)) return Promise.reject(new Error('This capture is already open'));
      for (const [known, capture] of open) if (now() - capture.openedAt > KEEP_MS) void forget(known);
      const opening = (async () => {
        // No picture is no reason to fail the capture: a page the browser will not photograph
        // (a permission gone, a tab in the background) still gets its form.
        const shot = await photograph(sender).catch(() => undefined);
        const screenshot = shot && SCREENSHOT_PATTERN.test(shot) ? shot : undefined;
        const preview = screenshot ? await shrink(screenshot, PREVIEW).catch(() => screenshot) : undefined;
        remember(id, { tabId, openedAt: now(), page, ...(screenshot ? { screenshot, preview } : {}) });
      })().finally(() => arriving.delete(id));
      arriving.set(id, opening);
      return opening;
    },
    async read(sender, id) {
      const capture = await claim(sender, id);
      if (!capture) return undefined;
      return { ...capture.page, ...(capture.preview ? { screenshot: capture.preview } : {}) };
    },
    async screenshotOf(sender, id) {
      return (await claim(sender, id))?.screenshot;
    },
    forget,
  };
}
