/**
 * Every surface, in both languages, at 320 and 480 px: compared with checked-in screenshots,
 * checked with axe-core (no serious or critical violation), and read for words in the wrong
 * language. References live in test/e2e/screenshots/; `UPDATE_SCREENSHOTS=1 npm run test:e2e --
 * surfaces` rewrites them (then look at every picture before committing it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { injectIntelCapture, intelCaptureFrame, launchExtension, type ExtensionSession } from './fixtures';
import { buildLookBackup, FIXED_NOW, teamOf } from './look-data';

const REFERENCES = resolve('test/e2e/screenshots');
const OUT = resolve('test-results/surfaces');
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
/** Share of pixels that may differ (anti-aliasing); a real change moves far more. */
const MAX_DIFF = 0.002;
const WIDTHS = [320, 480] as const;
const LOCALES = ['zh-CN', 'en'] as const;
type Locale = (typeof LOCALES)[number];

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Latin words a Chinese screen may show: product and brand names, codes, units the company uses. */
const ZH_ALLOWED = new Set(['Fieldkit', 'HubSpot', 'English', 'SKU', 'HX7', 'ULTRA', 'KPI', 'ISO', 'API', 'CSV', 'JSON', 'PDF', 'URL', 'Excel', 'Markdown', 'xlsx', 'ERP', 'Ultra', 'qt']);

/** Chinese an English screen may show: the language picker's own name for Chinese. */
const EN_ALLOWED = new Set(['中文', '简体', '简体中文']);

const SHOP_URL = 'https://api.hubapi.com/fieldkit-e2e/look/shop';
/** A competitor's shop page in the test's language, where the capture overlay opens. */
const SHOP_PAGE: Record<Locale, string> = {
  'zh-CN': '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>美孚1号 全合成机油 4L</title></head><body><h1>美孚1号 全合成机油 4L</h1><p>零售价 468 元/桶</p></body></html>',
  en: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mobil 1 Full Synthetic 4L</title></head><body><h1>Mobil 1 Full Synthetic 4L</h1><p>Retail price 468 per drum</p></body></html>',
};

interface Surface {
  name: string;
  /** An extension page, or `capture`: the intel overlay on a web page. */
  path: string;
  /** Run after load, before the checks (open a dealer, pick a tab). */
  prepare?: (page: Page, locale: Locale) => Promise<void>;
  /** Wide surfaces (options) are also shown at their natural width. */
}

const SURFACES: Surface[] = [
  { name: 'today', path: 'sidepanel.html#today' },
  { name: 'dealers', path: 'sidepanel.html#dealers' },
  {
    name: 'dealer-page',
    path: 'sidepanel.html#dealers',
    // The first dealer (the one with terminals and ERP figures): its page, the KPI panel on top.
    prepare: async (page) => {
      await page.locator('main ul li button').first().click();
      await page.getByTestId('dealer-panel').waitFor();
    },
  },
  { name: 'intel', path: 'sidepanel.html#intel' },
  {
    name: 'intel-filtered',
    path: 'sidepanel.html#intel',
    // The list filtered to one competitor, with the count.
    prepare: async (page, locale) => {
      await page.getByRole('button', { name: locale === 'en' ? 'Filters' : '筛选' }).click();
      await page.getByTestId('intel-filters').waitFor();
      await page.getByLabel(locale === 'en' ? 'Competitor' : '竞品', { exact: true }).selectOption({ label: locale === 'en' ? 'Mobil' : '美孚' });
      await page.getByTestId('intel-found').waitFor();
    },
  },
  { name: 'intel-timeline', path: 'sidepanel.html#intel/timeline', prepare: async (page) => void (await page.getByTestId('intel-timeline').waitFor()) },
  {
    name: 'intel-prices',
    path: 'sidepanel.html#intel/prices',
    // One product's prices over time against ours, the table open under the chart.
    prepare: async (page, locale) => {
      await page.getByTestId('price-history').waitFor();
      await page.getByLabel(locale === 'en' ? 'Competitor' : '竞品', { exact: true }).selectOption({ label: locale === 'en' ? 'Mobil' : '美孚' });
      await page.getByTestId('price-legend').waitFor();
      await page.getByTestId('price-table').locator('summary').click();
    },
  },
  // The competitive product analysis of this month, from the look data's intel and its history.
  { name: 'intel-analysis', path: 'sidepanel.html#intel/analysis', prepare: async (page) => void (await page.getByTestId('analysis-document').waitFor()) },
  {
    name: 'intel-analysis-custom',
    path: 'sidepanel.html#intel/analysis',
    // A custom range that ends before it starts: the error names the field, in the UI language.
    prepare: async (page, locale) => {
      await page.getByTestId('analysis-document').waitFor();
      await page.getByRole('button', { name: locale === 'en' ? 'Custom' : '自定义' }).click();
      await page.getByLabel(locale === 'en' ? 'To' : '结束日期', { exact: true }).fill('2026-10-01');
      await page.getByRole('alert').first().waitFor();
    },
  },
  { name: 'reports', path: 'sidepanel.html#reports' },
  // Last week's report as the rep sees it after the manager's review: returned, a red note, read.
  { name: 'reports-reviewed', path: 'sidepanel.html#reports/weekly/2026-11-23' },
  {
    name: 'reports-built',
    // One click from the popup: this week's report built from the records, its numbers opened.
    path: 'sidepanel.html#reports/build/weekly',
    prepare: async (page) => {
      const numbers = page.getByTestId('report-numbers');
      await numbers.waitFor({ timeout: 15_000 });
      await numbers.locator('summary').click();
      await page.evaluate(() => window.scrollTo(0, 0));
    },
  },
  {
    name: 'reports-monthly-built',
    // The month's report built in one click: last month's plan against what the month shows.
    path: 'sidepanel.html#reports/monthly/2026-11-01',
    prepare: async (page, locale) => {
      const build = page.getByTestId('build-report').getByRole('button', { name: locale === 'en' ? 'Build the monthly report from my records' : '一键生成月报' });
      // The first width builds it; after the reload for the next width it is built already.
      const numbers = page.getByTestId('report-numbers');
      const first = await Promise.race([build.waitFor({ timeout: 15_000 }).then(() => 'build' as const), numbers.waitFor({ timeout: 15_000 }).then(() => 'built' as const)]);
      if (first === 'build') await build.click();
      await numbers.waitFor({ timeout: 15_000 });
      await page.evaluate(() => window.scrollTo(0, 0));
    },
  },
  { name: 'settings', path: 'sidepanel.html#settings' },
  { name: 'popup', path: 'popup.html' },
  { name: 'options', path: 'options.html' },
  { name: 'capture', path: 'capture' },
  // The manager's side. These make this browser the regional manager's, so they come last.
  {
    name: 'team',
    path: 'sidepanel.html#team',
    // Last week's reports: one unread and late, one returned, one resubmitted, one reviewed; two not submitted.
    prepare: async (page, locale) => {
      const inbox = await openTeamInbox(page, locale);
      await inbox.getByTestId('inbox-row').nth(3).waitFor();
    },
  },
  {
    name: 'team-reader',
    path: 'sidepanel.html#team',
    // The resubmitted report in the reading layout: two red notes, the rep's reply, the review actions, the history open.
    prepare: async (page, locale) => {
      const inbox = await openTeamInbox(page, locale);
      await inbox.getByTestId('inbox-row').filter({ hasText: teamOf(locale).reps.find((r) => r.key === 'resubmitted')!.name }).getByRole('button').click();
      const reader = page.getByTestId('review-reader');
      await reader.getByTestId('line-note').nth(1).waitFor();
      await reader.getByTestId('audit-trail').locator('summary').click();
      // Opening the history scrolled the page: the picture starts at the top (the tabs stick there).
      await page.evaluate(() => window.scrollTo(0, 0));
    },
  },
  {
    name: 'team-rollup',
    path: 'sidepanel.html#team',
    // Last week's roll-up: the reps grouped by where their report stands, the export bar and posting.
    prepare: async (page, locale) => {
      await openTeamInbox(page, locale);
      await page.getByTestId('team-view').getByRole('button', { name: locale === 'en' ? 'Roll-up' : '团队汇总' }).click();
      const rollup = page.getByTestId('team-rollup');
      await rollup.getByRole('button', { name: locale === 'en' ? 'Previous period' : '上一期' }).click();
      await rollup.getByTestId('rollup-actions').waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
    },
  },
  {
    name: 'options-dictionary-review',
    path: 'options.html#dictionary',
    // The manager reviews a rep's pending addition: "Merge into…" open, the survivor chosen, the warning shown.
    prepare: async (page, locale) => {
      const team = teamOf(locale);
      await putSettings(page, [
        { key: 'profile', value: team.profile },
        { key: 'sync.owners', value: team.owners },
      ]);
      await page.reload();
      await page.waitForSelector('#root > *');
      const section = page.locator('#dictionary');
      await section.getByRole('button', { name: locale === 'en' ? 'Merge into… (Mobil Oil China)' : '合并到…（美孚石油）' }).click();
      await section.getByLabel(locale === 'en' ? 'The entry that stays' : '保留的条目').selectOption('01JDXC00000000000000000001');
    },
  },
];

/** Writes settings rows straight into the extension's IndexedDB (what sync or the Options page would have written). */
function putSettings(page: Page, rows: { key: string; value: unknown }[]) {
  return page.evaluate(
    (values) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fieldkit');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('settings', 'readwrite');
          for (const row of values) tx.objectStore('settings').put(row);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
  );
}

/**
 * This browser becomes the regional manager's: their profile and the CRM's owners and teams (a
 * backup never carries `sync.owners`), then the team inbox at last week, where the reports are.
 */
async function openTeamInbox(page: Page, locale: Locale) {
  const team = teamOf(locale);
  await putSettings(page, [
    { key: 'profile', value: team.profile },
    { key: 'sync.owners', value: team.owners },
  ]);
  await page.reload();
  await page.waitForSelector('#root > *');
  const inbox = page.getByTestId('team-inbox');
  await inbox.getByRole('button', { name: locale === 'en' ? 'Earlier' : '更早' }).click();
  await inbox.getByTestId('inbox-row').first().waitFor();
  return inbox;
}

/**
 * The overlay as the background opens it after a gesture: the shop page is served at the one host
 * the extension may inject into without a gesture, and the built content script is injected.
 */
async function openCapture(session: ExtensionSession, locale: Locale): Promise<Page> {
  await session.context.route('https://api.hubapi.com/fieldkit-e2e/**', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: SHOP_PAGE[locale] }));
  const shop = await session.context.newPage();
  await shop.goto(SHOP_URL);
  await injectIntelCapture(session, SHOP_URL);
  await intelCaptureFrame(shop).getByRole('dialog').waitFor();
  // The rep types at once: the frame takes the page's focus and its first field shows the ring.
  // Focus crosses into the frame a moment after it is shown, so the picture waits for it.
  const frame = await (await shop.waitForSelector('fieldkit-intel iframe.shown')).contentFrame();
  await frame!.waitForFunction(() => document.hasFocus() && document.activeElement?.tagName === 'INPUT', undefined, { timeout: 5_000 });
  return shop;
}

async function importFixture(session: ExtensionSession, locale: Locale): Promise<void> {
  const options = await session.openPage('options.html#backup');
  const file = resolve(OUT, `fixture-${locale}.json`);
  writeFileSync(file, buildLookBackup(locale));
  await options.locator('#backup input[type=file]').setInputFiles(file);
  await options.getByTestId('backup-outcome').getByRole('status').waitFor();
  await options.close();
}

function compare(name: string, actual: Buffer): { ratio: number; written?: boolean } {
  const reference = join(REFERENCES, `${name}.png`);
  if (UPDATE || !existsSync(reference)) {
    writeFileSync(reference, actual);
    return { ratio: 0, written: true };
  }
  const a = PNG.sync.read(actual);
  const b = PNG.sync.read(readFileSync(reference));
  if (a.width !== b.width || a.height !== b.height) {
    writeFileSync(join(OUT, `${name}.actual.png`), actual);
    return { ratio: 1 };
  }
  const diff = new PNG({ width: a.width, height: a.height });
  const changed = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0.1 });
  const ratio = changed / (a.width * a.height);
  if (ratio > MAX_DIFF) {
    writeFileSync(join(OUT, `${name}.actual.png`), actual);
    writeFileSync(join(OUT, `${name}.diff.png`), PNG.sync.write(diff));
  }
  return { ratio };
}

/** Visible text of the page, shadow roots included, as the user reads it. */
function visibleText(page: Page | Frame): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [document.body.innerText];
    const walk = (root: Document | ShadowRoot) =>
      root.querySelectorAll('*').forEach((el) => {
        if (el.shadowRoot) {
          // A shadow root has no innerText of its own: read its rendered children, not its <style>.
          for (const child of Array.from(el.shadowRoot.children)) {
            if (child instanceof HTMLElement && !['STYLE', 'SCRIPT', 'LINK'].includes(child.tagName)) parts.push(child.innerText);
          }
          walk(el.shadowRoot);
        }
      });
    walk(document);
    return parts.join('\n');
  });
}

function wrongLanguageWords(text: string, locale: Locale, allowed: ReadonlySet<string> = ZH_ALLOWED): string[] {
  // Web addresses are data (the page a rep captured from), not words of the UI.
  text = text.replace(/https?:\/\/\S+/g, ' ');
  // A source link names its host in brackets (shop.example.com): an address, not words.
  text = text.replace(/[（(]([a-z0-9-]+\.)+[a-z]{2,}[)）]/gi, ' ');
  if (locale === 'zh-CN') {
    const words = text.match(/[A-Za-z][A-Za-z'’-]*[A-Za-z]/g) ?? [];
    return [...new Set(words.filter((w) => !allowed.has(w) && !/^[A-Z0-9-]+$/.test(w)))];
  }
  // A language picker names each language in itself: 中文 is right on an English page.
  return [...new Set(text.match(/[\u3400-\u9fff]+/g) ?? [])].filter((run) => !EN_ALLOWED.has(run));
}

for (const locale of LOCALES) {
  describe(`every surface in ${locale}`, () => {
    let session: ExtensionSession;
    beforeAll(async () => {
      mkdirSync(REFERENCES, { recursive: true });
      mkdirSync(OUT, { recursive: true });
      session = await launchExtension({ locale });
      await session.context.clock.setFixedTime(FIXED_NOW);
      await importFixture(session, locale);
    }, 120_000);
    afterAll(() => session?.close());

    for (const surface of SURFACES) {
      it(`${surface.name}: matches its screenshots at 320 and 480 px, passes axe, speaks only ${locale}`, async () => {
        const page = surface.path === 'capture' ? await openCapture(session, locale) : await session.openPage(surface.path);
        await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
        const problems: string[] = [];
        for (const [i, width] of WIDTHS.entries()) {
          await page.setViewportSize({ width, height: 900 });
          // Each width starts from the page as it opens; the last one stays prepared for axe and the words.
          if (surface.prepare && i > 0) await page.reload().then(() => page.waitForSelector('#root > *'));
          await surface.prepare?.(page, locale);
          await page.waitForTimeout(300);
          // The overlay's "today" comes from the background, which the test clock does not reach:
          // cover the day it shows, or the reference would change every day. Covered inside the
          // frame itself (Playwright's mask misses a frame's element now and then).
          if (surface.path === 'capture') {
            await intelCaptureFrame(page).getByTestId('date-picker').evaluateAll((pickers) => {
              for (const picker of pickers as HTMLElement[]) {
                picker.style.cssText += ';background:#f0f;border-radius:0';
                for (const child of Array.from(picker.querySelectorAll<HTMLElement>('*'))) child.style.visibility = 'hidden';
              }
            });
          }
          const shot = await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
          const { ratio } = compare(`${locale}-${surface.name}-${width}`, shot);
          if (ratio > MAX_DIFF) problems.push(`${width}px differs from its reference by ${(ratio * 100).toFixed(2)}% (see ${OUT})`);
          // The overlay keeps its own width; a narrow window must not push it off-screen.
        }
        // The capture's form is an extension page in a frame: axe and the words are checked in there.
        const target: Page | Frame = surface.path === 'capture' ? (await (await page.waitForSelector('fieldkit-intel iframe.shown')).contentFrame())! : page;
        await target.evaluate(axeSource);
        const axe = await target.evaluate(async () => {
          const result = await (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
            resultTypes: ['violations'],
          });
          return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        });
        const wrong = wrongLanguageWords(await visibleText(target), locale);
        await page.close();
        expect({ screenshots: problems, axe, wrongLanguage: wrong }).toEqual({ screenshots: [], axe: [], wrongLanguage: [] });
      }, 120_000);
    }
  });
}
