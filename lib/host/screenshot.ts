/**
 * Downscales a captured screenshot before it is stored: at most `maxWidth` pixels wide and
 * `maxBytes` bytes, as JPEG. Runs where a capture happens — the MV3 background service worker,
 * which has no DOM but has `createImageBitmap` and `OffscreenCanvas` — and in extension pages.
 * What to try next after each encoding is decided by lib/intel/screenshot-size.ts.
 */
import { dataUrlBytes, firstStep, isSmallEnough, MAX_ENCODINGS, nextStep } from '../intel/screenshot-size';

export interface DownscaleLimits {
  /** Widest picture kept, in pixels (default 1280: a laptop screen, text still legible). */
  maxWidth?: number;
  /** Largest result in bytes (default 400,000). */
  maxBytes?: number;
}

function blobOf(dataUrl: string): Blob {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(dataUrl);
  if (!match) throw new TypeError('downscaleScreenshot: expected a base64 data URL');
  const binary = atob(match[2]!);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: match[1] });
}

/** Blob → data URL without FileReader (absent from some worker scopes), in chunks (no call-stack overflow). */
async function dataUrlOf(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${blob.type || 'image/jpeg'};base64,${btoa(binary)}`;
}

/**
 * The screenshot at most `maxWidth` wide and `maxBytes` large, as a JPEG data URL; the input
 * itself when it already is both. If even the smallest sensible encoding (320 px wide at the
 * lowest quality) is over the cap, that smallest one is returned: the caller decides whether to
 * keep it (the intel schema caps a screenshot at 3 MB).
 */
export async function downscaleScreenshot(dataUrl: string, { maxWidth = 1280, maxBytes = 400_000 }: DownscaleLimits = {}): Promise<string> {
  const bitmap = await createImageBitmap(blobOf(dataUrl));
  try {
    if (isSmallEnough(dataUrlBytes(dataUrl), bitmap.width, { maxWidth, maxBytes })) return dataUrl;
    let step = firstStep(bitmap.width, bitmap.height, maxWidth);
    let smallest: Blob | undefined;
    for (let i = 0; i < MAX_ENCODINGS; i++) {
      const canvas = new OffscreenCanvas(step.width, step.height);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('downscaleScreenshot: no 2D context');
      // JPEG has no transparency: a transparent PNG would otherwise turn black.
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, step.width, step.height);
      context.imageSmoothingQuality = 'high';
      context.drawImage(bitmap, 0, 0, step.width, step.height);
      const encoded = await canvas.convertToBlob({ type: 'image/jpeg', quality: step.quality });
      if (!smallest || encoded.size < smallest.size) smallest = encoded;
      const next = nextStep(step, encoded.size, maxBytes);
      if (next === 'done' || next === 'give-up') break;
      step = next;
    }
    return dataUrlOf(smallest!);
  } finally {
    bitmap.close();
  }
}
