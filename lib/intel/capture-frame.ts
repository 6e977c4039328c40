/**
 * The intel capture's two halves and what passes between them. A tiny content script (no React,
 * no database: lib/host/intel-capture.ts) reads the page and frames the form, an extension page
 * (`intel-form.html`, lib/host/intel-form-frame.ts). The form runs on the extension's origin:
 * its code is compiled once and cached by the browser instead of on every capture, and the page
 * can neither read what the rep types nor the team's names the pickers hold.
 *
 * Only small, non-secret facts cross the frame boundary by `postMessage` (the form's height, and
 * "close"); what was captured goes through the background, keyed by the capture's id. The frame
 * starts loading at once, while the background photographs the tab: the form is drawn (and shown)
 * only once the picture is taken.
 */
import { zm } from '../kernel/zod-mini';

export { CAPTURE_ID_PATTERN, captureIdOf, newCaptureId } from './capture-id';

export const CAPTURE_FORM_PAGE = '/intel-form.html';
export const CAPTURE_HOST_TAG = 'fieldkit-intel';
/** What the framed form tells the content script that framed it. */
export const CaptureFrameMessage = zm.discriminatedUnion('type', [
  zm.object({ type: zm.literal('fieldkit-intel:height'), height: zm.number().check(zm.minimum(0), zm.maximum(20_000)) }),
  zm.object({ type: zm.literal('fieldkit-intel:close') }),
]);
export type CaptureFrameMessage = zm.infer<typeof CaptureFrameMessage>;

