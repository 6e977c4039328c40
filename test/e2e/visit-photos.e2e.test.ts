import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { launchExtension, readRows, type ExtensionSession } from './fixtures';

/**
 * A display photo (陈列照片) through the real browser: the side panel decodes a large photo,
 * downscales it on a canvas and stores it as a JPEG of at most 1600 px with its card; a file that
 * is not an image is refused in one sentence; once the day's daily report is submitted the card
 * opens read-only. Screenshots of each step go to test-results/visit-photos/ (looked at, not
 * compared: they carry today's date).
 */
const OUT = resolve('test-results/visit-photos');

let session: ExtensionSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const end = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A 3200 × 2000 photo-like PNG (gradients and noise, so it does not compress to nothing). */
function largePhoto(): Buffer {
  const png = new PNG({ width: 3200, height: 2000 });
  let seed = 7;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const i = (png.width * y + x) << 2;
      png.data[i] = (x * 255) / png.width;
      png.data[i + 1] = (y * 255) / png.height;
      png.data[i + 2] = seed & 0x3f;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png, { deflateLevel: 1 });
}

async function shoot(page: Page, name: string) {
  for (const width of [320, 480]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(200);
    writeFileSync(resolve(OUT, `${name}-${width}.png`), await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' }));
  }
}

const WORDS = {
  'zh-CN': {
    dealers: '经销商',
    dealerName: '经销商名称',
    addDealer: '添加经销商',
    today: '今日',
    logVisit: '记录拜访',
    dealer: '经销商',
    addPhotos: '添加照片',
    notImage: '“notes.txt”不是图片，请选择照片。',
    caption: '照片 1 的说明',
    captionText: '端架陈列',
    enlarge: '放大照片 1',
    save: '保存客户卡',
    open: '查看',
    todayWork: '今日工作内容第 1 行',
    tomorrowPlan: '明日计划第 1 行',
    submit: '提交日报',
    readOnly: '当天日报已提交，客户卡不能再改。',
    photos: '1 张照片',
  },
  en: {
    dealers: 'Dealers',
    dealerName: 'Dealer name',
    addDealer: 'Add dealer',
    today: 'Today',
    logVisit: 'Log a visit',
    dealer: 'Dealer',
    addPhotos: 'Add photos',
    notImage: '“notes.txt” is not an image: choose a photo.',
    caption: 'Caption of photo 1',
    captionText: 'End-cap display',
    enlarge: 'Enlarge photo 1',
    save: 'Save visit card',
    open: 'Open the visit card of',
    todayWork: "Today's work, line 1",
    tomorrowPlan: "Tomorrow's plan, line 1",
    submit: 'Submit daily report',
    readOnly: 'The daily report of that day has been submitted, so this card can no longer be changed.',
    photos: '1 photo',
  },
} as const;

describe('display photos in real Chromium', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`downscales a photo into the card, refuses a text file, and closes the card with the day (${locale})`, async () => {
      mkdirSync(OUT, { recursive: true });
      const w = WORDS[locale];
      session = await launchExtension({ locale });
      const panel = await session.openPage('sidepanel.html');
      await panel.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
      const dealer = locale === 'zh-CN' ? '华东润滑油经销有限公司' : 'Eastern Lubricants Distribution';
      await panel.getByRole('button', { name: w.dealers, exact: true }).click();
      await panel.getByLabel(w.dealerName).fill(dealer);
      await panel.getByRole('button', { name: w.addDealer }).click();
      await panel.getByText(dealer).first().waitFor();
      await panel.getByRole('button', { name: w.today, exact: true }).click();
      await panel.getByRole('button', { name: w.logVisit }).click();
      await panel.getByLabel(w.dealer, { exact: true }).selectOption({ label: dealer });

      const chooser = panel.getByLabel(w.addPhotos);
      await chooser.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
      await panel.getByText(w.notImage).waitFor();
      await chooser.setInputFiles({ name: 'shelf.png', mimeType: 'image/png', buffer: largePhoto() });
      await panel.getByLabel(w.caption).fill(w.captionText);
      await expect(panel.getByText(w.notImage).count()).resolves.toBe(0);
      await panel.getByRole('button', { name: w.enlarge }).click();
      await panel.getByRole('figure').waitFor();
      await shoot(panel, `${locale}-form-photo`);

      await panel.getByRole('button', { name: w.save }).click();
      const [photo] = await until(() => readRows<{ width: number; height: number; mime: string; dataUrl: string; caption?: string; visitCardId: string }>(panel, 'visitPhotos'), (rows) => rows.length === 1, 'the photo');
      expect(photo).toMatchObject({ width: 1600, height: 1000, mime: 'image/jpeg', caption: w.captionText });
      expect(photo!.dataUrl.startsWith('data:image/jpeg;base64,')).toBe(true);
      expect(photo!.dataUrl.length).toBeLessThan(1_400_000);
      const [card] = await readRows<{ id: string; photoCount?: number }>(panel, 'visitCards');
      expect(card).toMatchObject({ id: photo!.visitCardId, photoCount: 1 });
      await panel.getByText(w.photos).waitFor();
      await shoot(panel, `${locale}-list`);

      // Submit the day's report: the card opens read-only after.
      await panel.getByLabel(w.todayWork).fill(dealer);
      await panel.getByLabel(w.tomorrowPlan).fill(dealer);
      await panel.getByRole('button', { name: w.submit }).click();
      await until(() => readRows<{ status: string }>(panel, 'diaryEntries'), (rows) => rows[0]?.status === 'submitted', 'the submitted report');
      await panel.getByRole('button', { name: new RegExp(`^${w.open}`) }).first().click();
      await panel.getByText(w.readOnly).waitFor();
      await panel.getByRole('button', { name: w.enlarge }).click();
      await shoot(panel, `${locale}-read-only`);
      await expect(panel.getByRole('button', { name: w.save }).count()).resolves.toBe(0);
    }, 120_000);
  }
});
