/**
 * How a screenshot is brought under its size cap, as pure decisions: the first size to encode at,
 * and after each JPEG encoding what to try next. `lib/host/screenshot.ts` does the encoding
 * (createImageBitmap + OffscreenCanvas, which the MV3 service worker has); these functions only
 * decide, so every branch is tested without a canvas.
 *
 * The order: keep the pixels and lower the JPEG quality first (text in a screenshot stays
 * readable down to about 0.5), then shrink the picture and start again a little higher.
 */

export interface EncodeStep {
  width: number;
  height: number;
  /** JPEG quality, 0–1. */
  quality: number;
}

/** Qualities tried at one size, best first. */
export const QUALITIES = [0.85, 0.75, 0.65, 0.55, 0.45] as const;
/** Narrower than this a captured page is unreadable: stop shrinking and keep the smallest result. */
export const MIN_WIDTH = 320;
/** Encodings at most, whatever happens (each costs tens of ms on a full-HD capture). */
export const MAX_ENCODINGS = 12;

/** Bytes a data URL decodes to, without decoding it (the visit photos' arithmetic, shared). */
export { dataUrlBytes } from '../visits/photo-size';

/** Whether an image can be kept as it is: under the byte cap and no wider than allowed. */
export function isSmallEnough(bytes: number, width: number, limits: { maxWidth: number; maxBytes: number }): boolean {
  return bytes <= limits.maxBytes && width <= limits.maxWidth;
}

/** The first encoding: at most `maxWidth` wide (never enlarged), aspect kept, best quality. */
export function firstStep(width: number, height: number, maxWidth: number): EncodeStep {
  const scale = Math.min(1, maxWidth / width);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)), quality: QUALITIES[0] };
}

/**
 * After encoding `step` into `bytes`: 'done' when it fits, the next step to try, or 'give-up'
 * when nothing smaller is worth trying (the caller keeps the smallest result it got).
 */
export function nextStep(step: EncodeStep, bytes: number, maxBytes: number): EncodeStep | 'done' | 'give-up' {
  if (bytes <= maxBytes) return 'done';
  const at = QUALITIES.findIndex((q) => q <= step.quality + 1e-9);
  if (at >= 0 && at < QUALITIES.length - 1) {
    // Far over the cap, a single quality step will not do: skip one.
    const skip = bytes > maxBytes * 2 && at < QUALITIES.length - 2 ? 2 : 1;
    return { ...step, quality: QUALITIES[at + skip]! };
  }
  if (step.width <= MIN_WIDTH) return 'give-up';
  // JPEG size grows roughly with the pixel count: shrink by the square root of the excess, a
  // little more to land under the cap, but never by more than half or less than a tenth.
  const scale = Math.min(0.9, Math.max(0.5, Math.sqrt(maxBytes / bytes) * 0.95));
  const width = Math.max(MIN_WIDTH, Math.round(step.width * scale));
  const height = Math.max(1, Math.round((step.height * width) / step.width));
  return { width, height, quality: QUALITIES[2] };
}
