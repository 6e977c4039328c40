import { describe, expect, it } from 'vitest';
import {
  MAX_DATA_URL_LENGTH,
  MAX_PHOTO_BYTES,
  MAX_PHOTO_SIDE,
  PhotoError,
  dataUrlBytes,
  fitWithin,
  mayBeImage,
  photoFits,
  photoSlotsLeft,
} from '../../lib/visits/photo-size';

/** A base64 data URL whose payload decodes to exactly `bytes` bytes. */
function dataUrlOf(bytes: number, mime = 'image/jpeg'): string {
  const full = Math.floor(bytes / 3) * 4;
  const rest = bytes % 3;
  const tail = rest === 0 ? '' : rest === 1 ? 'AA==' : 'AAA=';
  return `data:${mime};base64,${'A'.repeat(full)}${tail}`;
}

describe('fitWithin: the size a photo is drawn at', () => {
  it('brings the longer side of a landscape phone photo down to 1600 px, keeping proportions', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 });
  });

  it('does the same for a portrait photo (the height is the longer side)', () => {
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 });
  });

  it('rounds the shorter side to whole pixels', () => {
    // 1600 × 3000/4000.5 = 1199.85…
    expect(fitWithin(4000.5, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(5000, 3333)).toEqual({ width: 1600, height: 1067 });
  });

  it('squares stay square', () => {
    expect(fitWithin(2000, 2000)).toEqual({ width: 1600, height: 1600 });
  });

  it('never enlarges a photo that already fits, at or under the limit', () => {
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(1600, 900)).toEqual({ width: 1600, height: 900 });
    expect(fitWithin(MAX_PHOTO_SIDE, MAX_PHOTO_SIDE)).toEqual({ width: 1600, height: 1600 });
  });

  it('one pixel over the limit is scaled', () => {
    expect(fitWithin(1601, 1000)).toEqual({ width: 1600, height: 999 });
  });

  it('keeps a very thin panorama at least 1 px high', () => {
    expect(fitWithin(20000, 3)).toEqual({ width: 1600, height: 1 });
  });

  it('takes another limit', () => {
    expect(fitWithin(1000, 500, 200)).toEqual({ width: 200, height: 100 });
  });

  it('refuses an image without a size as unreadable', () => {
    for (const [w, h] of [
      [0, 100],
      [100, 0],
      [Number.NaN, 10],
      [Number.POSITIVE_INFINITY, 10],
      [-5, 10],
    ] as const) {
      const attempt = () => fitWithin(w, h);
      expect(attempt).toThrow(PhotoError);
      try {
        attempt();
      } catch (error) {
        expect((error as PhotoError).problem).toBe('unreadable');
      }
    }
  });
});

describe('dataUrlBytes and photoFits: the stored limit', () => {
  it('counts decoded bytes of a base64 data URL, padding included', () => {
    expect(dataUrlBytes(dataUrlOf(0))).toBe(0);
    expect(dataUrlBytes(dataUrlOf(1))).toBe(1);
    expect(dataUrlBytes(dataUrlOf(2))).toBe(2);
    expect(dataUrlBytes(dataUrlOf(3))).toBe(3);
    expect(dataUrlBytes(dataUrlOf(1_000_000))).toBe(1_000_000);
    expect(dataUrlBytes(`data:image/png;base64,${btoa('hello!!')}`)).toBe(7);
  });

  it('counts a plain (percent-encoded) data URL by characters, an escape as one byte', () => {
    expect(dataUrlBytes('data:image/svg+xml,%3Csvg%3E')).toBe(5);
  });

  it('is not a number for something that is not a data URL', () => {
    expect(dataUrlBytes('https://example.com/a.jpg')).toBeNaN();
    expect(dataUrlBytes('data:image/jpeg;base64')).toBeNaN();
  });

  it('lets a photo of exactly 1 MB through, and refuses one byte more', () => {
    expect(photoFits(dataUrlOf(MAX_PHOTO_BYTES))).toBe(true);
    expect(photoFits(dataUrlOf(MAX_PHOTO_BYTES + 1))).toBe(false);
    // The record's own limit on the text is never the tighter one for a photo within 1 MB.
    expect(dataUrlOf(MAX_PHOTO_BYTES).length).toBeLessThan(MAX_DATA_URL_LENGTH);
  });

  it('refuses what is not an image data URL', () => {
    expect(photoFits('data:text/plain;base64,aGk=')).toBe(false);
    expect(photoFits('https://example.com/a.jpg')).toBe(false);
  });
});

describe('mayBeImage and photoSlotsLeft', () => {
  it('accepts image types and an unknown (empty) type, refuses the rest', () => {
    expect(mayBeImage('image/jpeg')).toBe(true);
    expect(mayBeImage('image/heic')).toBe(true);
    expect(mayBeImage('')).toBe(true);
    expect(mayBeImage('text/plain')).toBe(false);
    expect(mayBeImage('application/pdf')).toBe(false);
    expect(mayBeImage('video/mp4')).toBe(false);
  });

  it('counts the photos a card may still take, never below zero', () => {
    expect(photoSlotsLeft(0)).toBe(6);
    expect(photoSlotsLeft(5)).toBe(1);
    expect(photoSlotsLeft(6)).toBe(0);
    expect(photoSlotsLeft(9)).toBe(0);
  });
});
