/**
 * The intel form's first requests, sent by a tiny script that the form page runs before its main
 * code (entrypoints/intel-form/index.html): the background reads the capture, the language and the
 * pickers while the page is still evaluating React and the form. `loadIntelCapture` picks the
 * answers up and validates them like any other reply (lib/host/intel-form-frame.ts).
 */
import { captureIdOf } from '../intel/capture-id';

interface RuntimeApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

export const EARLY_REQUESTS = '__fieldkitIntelFormRequests';

export type EarlyRequests = Partial<Record<'settings.language' | 'intel.pickers' | 'intel.captureContext', Promise<unknown>>>;

export function sendEarlyCaptureRequests(win: Window = window): void {
  // The browser's own API, not the polyfill: this script runs before anything else on the page,
  // and both Chrome (MV3) and Firefox answer sendMessage with a promise.
  const api = (globalThis as unknown as { browser?: RuntimeApi; chrome?: RuntimeApi }).browser ?? (globalThis as unknown as { chrome: RuntimeApi }).chrome;
  const send = (type: string, payload: object) => api.runtime.sendMessage({ type, payload });
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
