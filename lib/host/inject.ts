import { browser, type Browser } from 'wxt/browser';
import { captureHashOf, injectionBlocked } from '../intel/capture-target';

export const INTEL_CONTENT_SCRIPT = '/content-scripts/intel-capture.js';

/**
 * Injects the intel quick form into the tab the user pointed at. Runs only after a gesture
 * (menu click, keyboard command, popup button), which is what grants `activeTab`: Fieldkit has
 * no content script on every page.
 */
export async function openIntelCapture(tabId: number): Promise<void> {
  if (browser.scripting) {
    await browser.scripting.executeScript({ target: { tabId }, files: [INTEL_CONTENT_SCRIPT] });
  } else {
    // Firefox MV2 has no `scripting`; tabs.executeScript does the same under activeTab.
    await (browser.tabs as unknown as { executeScript(id: number, d: { file: string }): Promise<unknown> }).executeScript(tabId, { file: INTEL_CONTENT_SCRIPT });
  }
}


/**
 * Opens the intel capture for the tab a gesture pointed at: the quick form in the page, or — where
 * no extension may inject (browser pages, the extension store, the PDF viewer) — the side panel
 * with the page's address and title. Must be called straight from the gesture's listener: the
 * side panel opens only inside it, so nothing here awaits before `sidePanel.open`.
 */
export function captureIntelFrom(tab: Browser.tabs.Tab): void {
  if (tab.id === undefined) return;
  const page = { url: tab.url ?? tab.pendingUrl, title: tab.title };
  if (injectionBlocked(page.url)) {
    openCaptureInSidePanel(tab.windowId, page);
    return;
  }
  // A page that refused the script after all (a policy, a page still loading): the capture
  // opens in a small window of its own, where no gesture is needed.
  openIntelCapture(tab.id).catch(() => openCaptureWindow(page));
}

function openCaptureInSidePanel(windowId: number | undefined, page: { url?: string; title?: string }): void {
  const path = `sidepanel.html${captureHashOf(page)}`;
  if (!browser.sidePanel?.open || windowId === undefined) {
    void openCaptureWindow(page);
    return;
  }
  void browser.sidePanel.setOptions({ path, enabled: true }).catch(() => undefined);
  browser.sidePanel.open({ windowId }).catch(() => openCaptureWindow(page));
}

async function openCaptureWindow(page: { url?: string; title?: string }): Promise<void> {
  await browser.windows.create({ url: browser.runtime.getURL(`/sidepanel.html${captureHashOf(page)}`), type: 'popup', width: 440, height: 760 }).catch(() => undefined);
}
