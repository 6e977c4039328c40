/**
 * Screenshot downscaling: the pure stepping decisions (lib/intel/screenshot-size.ts) and the host
 * loop that follows them (lib/host/screenshot.ts) with a stand-in canvas whose JPEG size grows with
 * pixels and quality, since Node has no OffscreenCanvas.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dataUrlBytes, firstStep, isSmallEnough, MAX_ENCODINGS, MIN_WIDTH, nextStep, QUALITIES } from '../../lib/intel/screenshot-size';
import { downscaleScreenshot } from '../../lib/host/screenshot';

describe('the stepping decisions', () => {
  it('starts at most maxWidth wide with the aspect kept and the best quality; never enlarges', () => {
    expect(firstStep(2560, 1440, 1280)).toEqual({ width: 1280, height: 720, quality: 0.85 });
    expect(firstStep(1000, 700, 1280)).toEqual({ width: 1000, height: 700, quality: 0.85 });
    expect(firstStep(3000, 1, 1280)).toEqual({ width: 1280, height: 1, quality: 0.85 });
  });

  it('stops as soon as the encoding fits', () => {
    expect(nextStep({ width: 1280, height: 720, quality: 0.85 }, 400_000, 400_000)).toBe('done');
  });

  it('lowers the quality first, two steps when more than twice over the cap', () => {
    expect(nextStep({ width: 1280, height: 720, quality: 0.85 }, 500_000, 400_000)).toEqual({ width: 1280, height: 720, quality: 0.75 });
    expect(nextStep({ width: 1280, height: 720, quality: 0.85 }, 900_000, 400_000)).toEqual({ width: 1280, height: 720, quality: 0.65 });
    expect(nextStep({ width: 1280, height: 720, quality: 0.55 }, 900_000, 400_000)).toEqual({ width: 1280, height: 720, quality: 0.45 });
  });

  it('at the lowest quality shrinks by the square root of the excess (between a tenth and a half) and starts again at 0.65', () => {
    const lowest = QUALITIES.at(-1)!;
    // 4× over: sqrt(1/4) × 0.95 = 0.475 → clamped to half.
    expect(nextStep({ width: 1280, height: 720, quality: lowest }, 1_600_000, 400_000)).toEqual({ width: 640, height: 360, quality: 0.65 });
    // Slightly over: shrink by a tenth at least.
    expect(nextStep({ width: 1000, height: 500, quality: lowest }, 410_000, 400_000)).toEqual({ width: 900, height: 450, quality: 0.65 });
    // 1.5× over: sqrt(1/1.5) × 0.95 ≈ 0.776.
    expect(nextStep({ width: 1000, height: 1000, quality: lowest }, 600_000, 400_000)).toEqual({ width: 776, height: 776, quality: 0.65 });
  });

  it('never goes narrower than MIN_WIDTH, and gives up there', () => {
    const lowest = QUALITIES.at(-1)!;
    expect(nextStep({ width: 400, height: 300, quality: lowest }, 9_000_000, 400_000)).toEqual({ width: MIN_WIDTH, height: 240, quality: 0.65 });
    expect(nextStep({ width: MIN_WIDTH, height: 240, quality: lowest }, 9_000_000, 400_000)).toBe('give-up');
  });

  it('keeps an image that is under both limits', () => {
    expect(isSmallEnough(400_000, 1280, { maxWidth: 1280, maxBytes: 400_000 })).toBe(true);
    expect(isSmallEnough(400_001, 1280, { maxWidth: 1280, maxBytes: 400_000 })).toBe(false);
    expect(isSmallEnough(1_000, 1281, { maxWidth: 1280, maxBytes: 400_000 })).toBe(false);
    expect(dataUrlBytes(`data:image/jpeg;base64,${'A'.repeat(400)}`)).toBe(300);
  });
});

/** A stand-in canvas: a JPEG of w×h at quality q weighs w·h·q·`bytesPerPixel` bytes. */
function fakeCanvas(bytesPerPixel: number, source: { width: number; height: number }) {
  const encodings: { width: number; height: number; quality: number; bytes: number }[] = [];
  const drawn: unknown[] = [];
  class FakeOffscreenCanvas {
    constructor(
      readonly width: number,
      readonly height: number,
    ) {}
    getContext() {
      return { fillStyle: '', imageSmoothingQuality: '', fillRect: () => undefined, drawImage: (...args: unknown[]) => drawn.push(args) };
    }
    async convertToBlob({ type, quality }: { type: string; quality: number }) {
      const bytes = Math.round(this.width * this.height * quality * bytesPerPixel);
      encodings.push({ width: this.width, height: this.height, quality, bytes });
      return new Blob([new Uint8Array(bytes)], { type });
    }
  }
  const closed = vi.fn();
  vi.stubGlobal('OffscreenCanvas', FakeOffscreenCanvas);
  vi.stubGlobal('createImageBitmap', async () => ({ width: source.width, height: source.height, close: closed }));
  return { encodings, drawn, closed };
}

const pngOf = (bytes: number) => `data:image/png;base64,${Buffer.alloc(bytes, 7).toString('base64')}`;

describe('downscaleScreenshot', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('returns the input itself when it is already small and narrow enough, without encoding', async () => {
    const canvas = fakeCanvas(1, { width: 1280, height: 800 });
    const input = pngOf(300_000);
    expect(await downscaleScreenshot(input)).toBe(input);
    expect(canvas.encodings).toEqual([]);
    expect(canvas.closed).toHaveBeenCalled();
  });

  it('a full-HD capture: drawn at 1280 px, JPEG, quality lowered until under 400,000 bytes', async () => {
    // 1280×720 at 0.85 with 0.6 B/px ≈ 470 KB; at 0.75 ≈ 415 KB; at 0.65 ≈ 359 KB.
    const canvas = fakeCanvas(0.6, { width: 1920, height: 1080 });
    const out = await downscaleScreenshot(pngOf(2_000_000));
    expect(canvas.encodings.map((e) => [e.width, e.height, e.quality])).toEqual([
      [1280, 720, 0.85],
      [1280, 720, 0.75],
      [1280, 720, 0.65],
    ]);
    expect(out.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(dataUrlBytes(out)).toBe(canvas.encodings.at(-1)!.bytes);
    expect(dataUrlBytes(out)).toBeLessThanOrEqual(400_000);
  });

  it('shrinks the picture when the lowest quality is not enough, and honours custom limits', async () => {
    const canvas = fakeCanvas(2, { width: 2560, height: 1600 });
    const out = await downscaleScreenshot(pngOf(3_000_000), { maxWidth: 1600, maxBytes: 200_000 });
    expect(canvas.encodings[0]).toMatchObject({ width: 1600, height: 1000 });
    expect(canvas.encodings.some((e) => e.width < 1600)).toBe(true);
    expect(dataUrlBytes(out)).toBeLessThanOrEqual(200_000);
    expect(canvas.encodings.length).toBeLessThanOrEqual(MAX_ENCODINGS);
  });

  it('when nothing fits, returns the smallest encoding it made (bounded number of tries)', async () => {
    const canvas = fakeCanvas(100, { width: 1920, height: 1080 });
    const out = await downscaleScreenshot(pngOf(1_000_000), { maxBytes: 1_000 });
    expect(canvas.encodings.length).toBeLessThanOrEqual(MAX_ENCODINGS);
    expect(dataUrlBytes(out)).toBe(Math.min(...canvas.encodings.map((e) => e.bytes)));
    expect(canvas.encodings.at(-1)!.width).toBe(MIN_WIDTH);
  });
});
