import {
  FALLBACK_QUALITY,
  PHOTO_QUALITY,
  PhotoError,
  fitWithin,
  mayBeImage,
  photoFits,
  type DownscaledPhoto,
} from '../../lib/visits/photo-size';

/** Turns a chosen file into a photo ready to store, or throws a PhotoError saying why not. */
export type PhotoDownscaler = (file: File) => Promise<DownscaledPhoto>;

/**
 * The browser's downscaler: decodes the file (turned upright from its camera orientation), draws
 * it with its longest side at most 1600 px and encodes it as JPEG at quality 0.8 — once more at
 * 0.6 if that is still over 1 MB, refused after that. The sizes are lib/visits/photo-size.ts.
 */
export const downscalePhoto: PhotoDownscaler = async (file) => {
  if (!mayBeImage(file.type)) throw new PhotoError('notImage', `${file.name}: ${file.type}`);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (error) {
    throw new PhotoError('unreadable', `${file.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new PhotoError('unreadable', 'no 2d canvas');
    // JPEG has no transparency: a transparent PNG is laid on white, not on black. (Image data, not a UI colour.)
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    for (const quality of [PHOTO_QUALITY, FALLBACK_QUALITY]) {
      const dataUrl = canvas.toDataURL('image/jpeg', quality);
      if (photoFits(dataUrl)) return { mime: 'image/jpeg', width, height, dataUrl };
    }
    throw new PhotoError('tooLarge', `${file.name}: over the limit at quality ${FALLBACK_QUALITY}`);
  } finally {
    bitmap.close();
  }
};
