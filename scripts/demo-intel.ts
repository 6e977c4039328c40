/**
 * The demo's competitor intel: the rep 张伟 selects the offer on a competitor's shop page (the
 * issue's example: "美孚1号 全合成机油 0W-40 4L", "¥429.00 ¥468.00 限时促销：买4L送1L，12月1日至12月12日")
 * and opens the capture. The dictionary names the competitor, brand and spec from the title, the
 * parser reads the price and the promotion; Save is the only other click. A second capture of the
 * same shelf shows the near-duplicate and adds to it. Then the Intel view — list, a competitor's
 * timeline, a product's price chart against our own price — and the competitive product analysis
 * of the last two months, exported in every format into the demo folder.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { injectIntelCapture, intelCaptureFrame, readRows, selectTextOf, type ExtensionSession } from '../test/e2e/fixtures';
import { pdfText } from '../test/e2e/pdf-text';
import { toDay } from '../lib/kernel/dates';
import { translator } from '../lib/kernel/i18n';
import { exportBarMessages } from '../components/reports/export-messages';

type Locale = 'zh-CN' | 'en';

const SHOP_URL = 'https://api.hubapi.com/fieldkit-demo/shop/m1';
const PAGE: Record<Locale, { title: string; offer: string }> = {
  'zh-CN': { title: '美孚1号 全合成机油 0W-40 4L', offer: '¥429.00 ¥468.00 限时促销：买4L送1L，12月1日至12月12日' },
  en: { title: 'Mobil 1 Full Synthetic Motor Oil 0W-40 4L', offer: '$52.99 (was $56.99) Holiday deal: buy 4L get 1L free, until 12 Dec' },
};

const WORDS = {
  'zh-CN': {
    dialog: '竞品信息',
    competitor: '竞品',
    save: '保存竞品信息',
    saved: '已离线保存',
    addTo: /^补充到/,
    added: '已补充到之前的记录',
    tabs: { timeline: '时间线', prices: '价格', analysis: '竞品分析' },
    custom: '自定义',
    from: '开始日期',
    to: '结束日期',
    exportBar: '导出分析报告',
  },
  en: {
    dialog: 'Competitor intel',
    competitor: 'Competitor',
    save: 'Save intel',
    saved: 'Saved offline',
    addTo: /^Add to the item/,
    added: 'Added to the earlier item',
    tabs: { timeline: 'Timeline', prices: 'Prices', analysis: 'Analysis' },
    custom: 'Custom',
    from: 'From',
    to: 'To',
    exportBar: 'Export the analysis',
  },
} as const;

async function openCapture(session: ExtensionSession, locale: Locale): Promise<{ shop: Page; form: ReturnType<Page['getByRole']> }> {
  const shop = await session.context.newPage();
  await shop.setViewportSize({ width: 900, height: 900 });
  await shop.goto(SHOP_URL);
  await selectTextOf(shop, 'offer');
  // As the background does after the keyboard command (a test cannot press a browser shortcut).
  await injectIntelCapture(session, SHOP_URL);
  const form = intelCaptureFrame(shop).getByRole('dialog', { name: WORDS[locale].dialog });
  await form.waitFor({ timeout: 20_000 });
  return { shop, form };
}

export async function intelTour({ locale, session, out, headless }: { locale: Locale; session: ExtensionSession; out: string; headless: boolean }): Promise<void> {
  const words = WORDS[locale];
  const log = (message: string) => console.log(`[${locale}] ${message}`);
  const file = (name: string) => resolve(out, `${locale}-${name}`);
  const { title, offer } = PAGE[locale];
  await session.context.route('https://api.hubapi.com/fieldkit-demo/**', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p id="offer">${offer}</p></body></html>` }),
  );

  // 1. The capture: everything read from the page; Save is the only click.
  const first = await openCapture(session, locale);
  const competitor = await first.form.getByLabel(words.competitor, { exact: true }).inputValue();
  if (!competitor) throw new Error(`demo: the dictionary did not name the competitor on "${title}"`);
  await first.shop.waitForTimeout(400); // the near-duplicate check settles
  await first.shop.screenshot({ path: file('capture.png') });
  log(`intel capture on a shop page, filled from the page (competitor “${competitor}”): ${file('capture.png')}`);
  await first.form.getByRole('button', { name: words.save }).click();
  await first.form.getByRole('status').filter({ hasText: words.saved }).waitFor({ timeout: 15_000 });
  await first.shop.close();

  // 2. The same shelf again: the near-duplicate, and "add to it".
  const second = await openCapture(session, locale);
  const hint = second.form.getByTestId('near-duplicate');
  await hint.waitFor({ timeout: 15_000 });
  // The form may still settle (the hint's second look, the frame's height): scroll once it has.
  await second.shop.waitForTimeout(400);
  await hint.scrollIntoViewIfNeeded();
  await second.shop.screenshot({ path: file('capture-near-duplicate.png') });
  log(`a second capture of the same price shows the earlier item: ${file('capture-near-duplicate.png')}`);
  await hint.getByRole('button', { name: words.addTo }).first().click();
  await second.form.getByRole('status').filter({ hasText: words.added }).waitFor({ timeout: 15_000 });
  await second.shop.close();

  // 3. The Intel view: list, timeline, prices.
  const panel = await session.openPage('sidepanel.html#intel');
  await panel.setViewportSize({ width: 420, height: 900 });
  const items = await readRows<{ competitorName: string; sightings: unknown[] }>(panel, 'intelItems');
  log(`the Intel view holds ${items.length} items; the captured one has ${items.find((i) => i.sightings.length > 0)?.sightings.length ?? 0} later sighting(s)`);
  await panel.waitForTimeout(500);
  await panel.screenshot({ path: file('intel-list.png'), fullPage: true });
  for (const [tab, name] of Object.entries(words.tabs).filter(([tab]) => tab !== 'analysis')) {
    await panel.goto(panel.url().replace(/#.*$/, `#intel/${tab}`));
    await panel.getByRole('button', { name, exact: true }).or(panel.getByRole('tab', { name, exact: true })).first().waitFor({ timeout: 10_000 });
    await panel.waitForTimeout(800); // the chart animates in
    await panel.screenshot({ path: file(`intel-${tab}.png`), fullPage: true });
    log(`Intel › ${name}: ${file(`intel-${tab}.png`)}`);
  }

  // 4. The competitive product analysis of the last 60 days, and its exports.
  await panel.goto(panel.url().replace(/#.*$/, '#intel/analysis'));
  const analysis = panel.getByTestId('competitive-analysis');
  await analysis.waitFor({ timeout: 15_000 });
  await analysis.getByRole('button', { name: words.custom, exact: true }).click();
  const today = new Date();
  await analysis.getByLabel(words.from, { exact: true }).fill(toDay(new Date(today.getTime() - 60 * 86_400_000)));
  await analysis.getByLabel(words.to, { exact: true }).fill(toDay(today));
  await analysis.getByTestId('analysis-document').waitFor({ timeout: 20_000 });
  await panel.waitForTimeout(500);
  await panel.screenshot({ path: file('intel-analysis.png'), fullPage: true });
  log(`the competitive product analysis: ${file('intel-analysis.png')}`);

  const t = translator(exportBarMessages, locale);
  const bar = analysis.getByTestId('analysis-actions');
  for (const [button, suffix] of [
    [t('markdown'), 'competitive-analysis.md'],
    [t('xlsx'), 'competitive-analysis.xlsx'],
  ] as const) {
    const [download] = await Promise.all([panel.waitForEvent('download', { timeout: 30_000 }), bar.getByRole('button', { name: button, exact: true }).click()]);
    await download.saveAs(file(suffix));
    log(`analysis ${button} (${download.suggestedFilename()}): ${file(suffix)}`);
  }
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await panel.bringToFront();
  await bar.getByRole('button', { name: t('copy'), exact: true }).click();
  await panel.getByText(t('copied')).waitFor({ timeout: 10_000 });
  const clip = await panel.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return {
      html: item!.types.includes('text/html') ? await (await item!.getType('text/html')).text() : '',
      text: item!.types.includes('text/plain') ? await (await item!.getType('text/plain')).text() : '',
    };
  });
  writeFileSync(file('competitive-analysis-clipboard.html'), `<!doctype html><meta charset="utf-8">\n${clip.html}\n`);
  writeFileSync(file('competitive-analysis-clipboard.txt'), clip.text);
  log(`analysis copy for chat: ${file('competitive-analysis-clipboard.html')} and .txt`);
  // The print page opens in a tab of its own and asks the browser to print; here Chromium prints
  // it to PDF instead (the dialog and page.pdf cannot both print one page).
  await session.context.addInitScript('window.print = () => undefined');
  const [printPage] = await Promise.all([session.context.waitForEvent('page', { timeout: 20_000 }), bar.getByRole('button', { name: t('pdf'), exact: true }).click()]);
  await printPage.locator('article').waitFor({ timeout: 20_000 });
  if (headless) {
    const pdf = await printPage.pdf({ format: 'A4', printBackground: true });
    writeFileSync(file('competitive-analysis.pdf'), pdf);
    log(`analysis printed to PDF (${(await pdfText(pdf)).length} characters of text): ${file('competitive-analysis.pdf')}`);
    await printPage.close();
  }
  if (headless) await panel.close();
}
