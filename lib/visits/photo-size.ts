/**
 * The arithmetic of a display photo (陈列照片) before it is stored: how far to downscale it, how
 * big the encoded result may be, how many a card keeps. Pure; the browser part (decoding and
 * drawing the image) is components/visits/downscale-photo.ts.
 */

/** The longest side of a stored photo, in pixels: enough to read a shelf, small enough to keep. */
export const MAX_PHOTO_SIDE = 1600;
/** JPEG quality of the first encoding, and of the one retry when that is still too big. */
export const PHOTO_QUALITY = 0.8;
export const FALLBACK_QUALITY = 0.6;
/** The most a stored photo may weigh, decoded (the data URL is about a third longer). */
export const MAX_PHOTO_BYTES = 1_000_000;
/** The longest data URL the record accepts (VisitPhoto.dataUrl): MAX_PHOTO_BYTES in base64, and room for the prefix. */
export const MAX_DATA_URL_LENGTH = 1_400_000;
/** Photos per visit card. */
export const MAX_PHOTOS_PER_VISIT = 6;

/** Why a photo was refused: not an image file, an image that cannot be decoded, still too big, one too many. */
export type PhotoProblem = 'notImage' | 'unreadable' | 'tooLarge' | 'tooMany';

export class PhotoError extends Error {
  override readonly name = 'PhotoError';
  constructor(
    readonly problem: PhotoProblem,
    message: string = problem,
  ) {
    super(message);
  }
}

/** A photo as it is stored: downscaled and encoded. */
export interface DownscaledPhoto {
  mime: 'image/jpeg' | 'image/webp' | 'image/png';
  width: number;
  height: number;
  dataUrl: string;
}

/**
 * The size to draw an image of `width` × `height` at so that its longest side is at most
 * `maxSide`, keeping its proportions: the longest side becomes exactly `maxSide`, the other is
 * rounded and never below 1 px. An image that already fits keeps its size (never enlarged).
 */
export function fitWithin(width: number, height: number, maxSide: number = MAX_PHOTO_SIDE): { width: number; height: number } {
  if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height))) throw new PhotoError('unreadable', `no size: ${width}×${height}`);
  if (!(maxSide >= 1)) throw new RangeError(`maxSide must be at least 1, got ${maxSide}`);
  const w = Math.round(width);
  const h = Math.round(height);
  const longest = Math.max(w, h);
  if (longest <= maxSide) return { width: Math.max(1, w), height: Math.max(1, h) };
  const scale = maxSide / longest;
  return w >= h ? { width: maxSide, height: Math.max(1, Math.round(h * scale)) } : { width: Math.max(1, Math.round(w * scale)), height: maxSide };
}

/**
 * How many bytes a data URL holds once decoded: base64 (what a canvas writes) counts four
 * characters as three bytes less padding; a plain one counts its characters, escapes as one byte.
 */
export function dataUrlBytes(dataUrl: string): number {
  const comma = dataUrl.indexOf(',');
  if (!dataUrl.startsWith('data:') || comma < 0) return Number.NaN;
  const header = dataUrl.slice(5, comma);
  const payload = dataUrl.slice(comma + 1);
  if (header.split(';').includes('base64')) {
    const padding = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0;
    return Math.floor((payload.length * 3) / 4) - padding;
  }
  return payload.replace(/%[0-9a-f]{2}/gi, '_').length;
}

/** Whether an encoded photo may be stored: an image data URL within both limits. */
export function photoFits(dataUrl: string): boolean {
  return dataUrl.startsWith('data:image/') && dataUrl.length <= MAX_DATA_URL_LENGTH && dataUrlBytes(dataUrl) <= MAX_PHOTO_BYTES;
}

/**
 * Whether a file's declared type can be a photo. An empty type (some systems do not say) is
 * given the benefit of the doubt: decoding it decides.
 */
export function mayBeImage(mime: string): boolean {
  return mime === '' || /^image\//i.test(mime);
}

/** How many of `chosen` files a card with `kept` photos may still take. */
export function photoSlotsLeft(kept: number, max: number = MAX_PHOTOS_PER_VISIT): number {
  return Math.max(0, max - kept);
}
