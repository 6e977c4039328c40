import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Page, type Worker } from 'playwright-core';
import { findChromium } from './chromium';

export const EXTENSION_PATH = resolve('.output/chrome-mv3');

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** Opens an extension page (e.g. 'sidepanel.html#intel') in a new tab and waits for it to render. */
  openPage(path: string): Promise<Page>;
  /** The profile folder, to relaunch the same profile with `launchExtension({ userDataDir })`. */
  userDataDir: string;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

/**
 * Launches Chromium with the built extension (or the one in `extensionPath`) in a fresh profile. `locale` sets the browser UI
 * language, which Fieldkit follows by default.
 */
export async function launchExtension(options: { locale?: 'en' | 'zh-CN'; userDataDir?: string; headless?: boolean; extensionPath?: string } = {}): Promise<ExtensionSession> {
  const extensionPath = options.extensionPath ?? EXTENSION_PATH;
  const locale = options.locale ?? 'en';
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'fieldkit-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: options.headless ?? true,
    locale,
    env: { ...process.env, LANGUAGE: locale.replace('-', '_'), LANG: `${locale.replace('-', '_')}.UTF-8` },
    args: [
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
      `--lang=${locale}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    userDataDir,
    async openPage(path: string) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      await page.waitForSelector('#root > *', { timeout: 15_000 });
      return page;
    },
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Every row of a table, read straight from the extension's IndexedDB (an extension page), bypassing the UI. */
export function readRows<T = Record<string, unknown>>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('fieldkit');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            resolve(request.result as T[]);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    table,
  );
}

/** Selects the text of the element with this id, as a rep drags over an offer. */
export async function selectTextOf(page: Page, id: string): Promise<void> {
  await page.evaluate((elementId) => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById(elementId)!);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  }, id);
}

/**
 * Injects the intel capture into the tab at `url` exactly as the background does after a gesture
 * (a test cannot press a browser shortcut; the page is served at a host the extension may script).
 */
/**
 * The capture's form in the page: an extension page framed in the capture's shadow root
 * (lib/host/intel-capture.ts), found once the content script shows it.
 */
export function intelCaptureFrame(page: Page): FrameLocator {
  return page.locator('fieldkit-intel iframe.shown').contentFrame();
}

export async function injectIntelCapture(session: ExtensionSession, url: string): Promise<void> {
  await session.serviceWorker.evaluate(async (tabUrl) => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> }; scripting: { executeScript(o: object): Promise<unknown> } } }).chrome;
    const [tab] = await api.tabs.query({ url: `${tabUrl}*` });
    await api.scripting.executeScript({ target: { tabId: tab!.id }, files: ['/content-scripts/intel-capture.js'] });
  }, url);
}
