import { browser } from 'wxt/browser';

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

