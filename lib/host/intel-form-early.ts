/**
 * The intel form's first requests, sent by a tiny script that the form page runs before its main
 * code (entrypoints/intel-form/index.html): the background reads the capture, the language and the
 * pickers while the page is still evaluating React and the form. `loadIntelCapture` picks the
 * answers up and validates them like any other reply (lib/host/intel-form-frame.ts).
 */
import { browser } from 'wxt/browser';
import { captureIdOf } from '../intel/capture-id';

export const EARLY_REQUESTS = '__fieldkitIntelFormRequests';

export type EarlyRequests = Partial<Record<'settings.language' | 'intel.pickers' | 'intel.captureContext', Promise<unknown>>>;

export function sendEarlyCaptureRequests(win: Window = window): void {
  const send = (type: string, payload: object) => browser.runtime.sendMessage({ type, payload }) as Promise<unknown>;
  const captureId = captureIdOf(win.location.hash);
  const requests: EarlyRequests = {
    'settings.language': send('settings.language', {}),
    'intel.pickers': send('intel.pickers', {}),
    ...(captureId ? { 'intel.captureContext': send('intel.captureContext', { captureId }) } : {}),
  };
  // A failed early request is asked again by the main script: never an unhandled rejection here.
  for (const request of Object.values(requests)) request.catch(() => undefined);
  (win as unknown as Record<string, EarlyRequests>)[EARLY_REQUESTS] = requests;
}
