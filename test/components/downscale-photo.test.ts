// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { downscalePhoto } from '../../components/visits/downscale-photo';
import { PhotoError } from '../../lib/visits/photo-size';

/**
 * The browser part of the downscaler, with the two things jsdom lacks stood in for: decoding
 * (createImageBitmap) and the canvas (its 2D context and its JPEG encoder).
 */
const drawn: { width: number; height: number; canvas: { width: number; height: number } }[] = [];
const qualities: number[] = [];
let encodedBytes: (quality: number) => number;
const closed = vi.fn();

function bitmapOf(width: number, height: number) {
  return { width, height, close: closed } as unknown as ImageBitmap;
}

beforeEach(() => {
  drawn.length = 0;
  qualities.length = 0;
  closed.mockClear();
  encodedBytes = () => 300_000;
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    // The canvas is sized before its context is asked for, as the downscaler does.
    const { width: canvasWidth, height: canvasHeight } = this;
    return {
      fillRect: () => undefined,
      drawImage: (_image: unknown, _x: number, _y: number, width: number, height: number) => drawn.push({ width, height, canvas: { width: canvasWidth, height: canvasHeight } }),
      set fillStyle(_value: string) {},
      set imageSmoothingEnabled(_value: boolean) {},
      set imageSmoothingQuality(_value: string) {},
    } as unknown as CanvasRenderingContext2D;
  } as never);
  vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockImplementation((type?: string, quality?: unknown) => {
    qualities.push(quality as number);
    const bytes = encodedBytes(quality as number);
    return `data:${type};base64,${'A'.repeat(Math.ceil(bytes / 3) * 4)}`;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const file = (name: string, type: string) => new File(['x'], name, { type });

describe('downscalePhoto (browser part)', () => {
  it('draws a 4032 × 3024 phone photo at 1600 × 1200 and encodes it as JPEG at quality 0.8', async () => {
    const decode = vi.fn(async () => bitmapOf(4032, 3024));
    vi.stubGlobal('createImageBitmap', decode);
    const photo = await downscalePhoto(file('shelf.jpg', 'image/jpeg'));
    expect(decode).toHaveBeenCalledWith(expect.any(File), { imageOrientation: 'from-image' });
    expect(photo).toMatchObject({ mime: 'image/jpeg', width: 1600, height: 1200 });
    expect(photo.dataUrl.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(drawn).toEqual([{ width: 1600, height: 1200, canvas: { width: 1600, height: 1200 } }]);
    expect(qualities).toEqual([0.8]);
    expect(closed).toHaveBeenCalledTimes(1);
  });

  it('encodes once more at 0.6 when 0.8 is over 1 MB', async () => {
    vi.stubGlobal('createImageBitmap', async () => bitmapOf(1600, 1600));
    encodedBytes = (quality) => (quality > 0.7 ? 1_200_000 : 900_000);
    const photo = await downscalePhoto(file('big.png', 'image/png'));
    expect(qualities).toEqual([0.8, 0.6]);
    expect(photo.mime).toBe('image/jpeg');
  });

  it('refuses a photo still over 1 MB at 0.6, and frees the decoded image', async () => {
    vi.stubGlobal('createImageBitmap', async () => bitmapOf(1600, 1600));
    encodedBytes = () => 1_000_001;
    await expect(downscalePhoto(file('noise.jpg', 'image/jpeg'))).rejects.toMatchObject({ problem: 'tooLarge' });
    expect(closed).toHaveBeenCalledTimes(1);
  });

  it('refuses a file that is not an image without trying to decode it', async () => {
    const decode = vi.fn();
    vi.stubGlobal('createImageBitmap', decode);
    const attempt = downscalePhoto(file('notes.txt', 'text/plain'));
    await expect(attempt).rejects.toBeInstanceOf(PhotoError);
    await expect(attempt).rejects.toMatchObject({ problem: 'notImage' });
    expect(decode).not.toHaveBeenCalled();
  });

  it('calls a file the browser cannot decode unreadable (damaged, or a type without a decoder)', async () => {
    vi.stubGlobal('createImageBitmap', async () => {
      throw new DOMException('The source image could not be decoded.', 'InvalidStateError');
    });
    await expect(downscalePhoto(file('broken.jpg', 'image/jpeg'))).rejects.toMatchObject({ problem: 'unreadable' });
    // A file whose type the system did not say is decoded all the same; failing that, unreadable too.
    await expect(downscalePhoto(file('photo', ''))).rejects.toMatchObject({ problem: 'unreadable' });
  });
});
