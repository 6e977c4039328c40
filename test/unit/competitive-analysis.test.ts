// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { composeCompetitiveAnalysis, itemNames, type AnalysisResolver } from '../../lib/intel/analysis/compose';
import { analysisPeriodText, documentOfAnalysis, priceUnitText, productText } from '../../lib/intel/analysis/document';
import { readAnalysisItems, readWindowOf } from '../../lib/intel/analysis/read';
import { renderCompetitiveAnalysis } from '../../lib/intel/analysis/render';
import { analysisWords } from '../../lib/intel/analysis/words';
import { messageArguments } from '../../lib/kernel/i18n';
import { renderHtml } from '../../lib/reports/export/html';
import { renderMarkdown } from '../../lib/reports/export/markdown';
import { renderPlainText } from '../../lib/reports/export/text';
import { ReportDocumentSchema } from '../../lib/reports/export/document';
import { freshDatabase } from '../fixtures/records';
import { AS_OF, BAILIAN, GONE, HOSTILE_TERMS, HOSTILE_TITLE, HUALIAN, LI, NOVEMBER, SHANGHAI, WANG, ZHANG, ZHAO, dealerName, intelItem, novemberItems } from '../fixtures/competitive-analysis/items';

const compose = (items = novemberItems(), extra: Partial<Parameters<typeof composeCompetitiveAnalysis>[1]> = {}) =>
  composeCompetitiveAnalysis(items, { period: NOVEMBER, now: AS_OF, timeZone: SHANGHAI, dealerName, ...extra });

const productOf = (analysis: ReturnType<typeof compose>, competitor: string) => analysis.competitors.find((c) => c.name === competitor)!.products[0]!;

describe('composeCompetitiveAnalysis', () => {
  it('groups per competitor and product, busiest first', () => {
    const analysis = compose();
    expect(analysis.competitors.map((c) => [c.name, c.observations, c.products.map((p) => p.name)])).toEqual([
      ['美孚', 4, ['美孚1号 全合成机油']],
      ['嘉实多', 3, ['极护 EDGE 0W-20']],
      ['壳牌', 2, ['喜力 HX7 5W-30']],
    ]);
    expect(analysis.totals).toEqual({
      competitors: 3,
      products: 3,
      observations: 9,
      authors: 4,
      dealers: 3,
      regions: 4,
      priceUp: 2,
      priceDown: 4,
      promotions: 4,
      promotionsByType: { discount: 2, gift: 1, bundle: 1 },
    });
  });

  it('follows each price kind: first, last, lowest, highest, and every change with its day and percent', () => {
    const mobil = productOf(compose(), '美孚');
    const [retail, supply] = mobil.prices;
    expect(retail).toMatchObject({
      kind: 'retail',
      unit: '元/桶',
      observations: 4,
      first: { day: '2026-11-03', amount: 468 },
      last: { day: '2026-11-20', amount: 449 },
      lowest: { day: '2026-11-12', amount: 429 },
      highest: { day: '2026-11-03', amount: 468 },
      percent: -4.1,
    });
    expect(retail!.changes).toEqual([
      { day: '2026-11-12', previousDay: '2026-11-03', from: 468, to: 429, percent: -8.3, direction: 'down' },
      // The sighting added to the 12th's item, two days later at another dealer.
      { day: '2026-11-14', previousDay: '2026-11-12', from: 429, to: 432, percent: 0.7, direction: 'up' },
      { day: '2026-11-20', previousDay: '2026-11-14', from: 432, to: 449, percent: 3.9, direction: 'up' },
    ]);
    // Seen on one day: no change, and no percent claimed.
    expect(supply).toMatchObject({ kind: 'supply', observations: 1, changes: [], percent: null });
  });

  it('takes a day at its lowest price, so two shops on one day are not a price move', () => {
    const items = [
      intelItem({ competitorName: '美孚', sku: 'A', observedDay: '2026-11-02', prices: [{ kind: 'retail', amount: 100, currency: 'CNY', unit: '元/瓶' }] }),
      intelItem({ competitorName: '美孚', sku: 'A', observedDay: '2026-11-02', prices: [{ kind: 'retail', amount: 110, currency: 'CNY', unit: '元/瓶' }] }),
      intelItem({ competitorName: '美孚', sku: 'A', observedDay: '2026-11-09', prices: [{ kind: 'retail', amount: 100, currency: 'CNY', unit: '' }] }),
    ];
    const [series, ...rest] = productOf(compose(items), '美孚').prices;
    // The price without a unit joins the kind's one unit.
    expect(rest).toEqual([]);
    expect(series).toMatchObject({ observations: 3, changes: [], lowest: { amount: 100 }, highest: { amount: 110, day: '2026-11-02' }, percent: 0 });
  });

  it('keeps other currencies and units apart', () => {
    const items = [
      intelItem({ competitorName: '壳牌', sku: 'B', observedDay: '2026-11-02', prices: [{ kind: 'retail', amount: 10, currency: 'USD', unit: 'USD/bottle' }] }),
      intelItem({ competitorName: '壳牌', sku: 'B', observedDay: '2026-11-03', prices: [{ kind: 'retail', amount: 70, currency: 'CNY', unit: '元/瓶' }] }),
      intelItem({ competitorName: '壳牌', sku: 'B', observedDay: '2026-11-04', prices: [{ kind: 'retail', amount: 800, currency: 'CNY', unit: '元/箱' }] }),
    ];
    const series = productOf(compose(items), '壳牌').prices;
    expect(series.map((s) => [s.currency, s.unit, s.changes.length])).toHaveLength(3);
    expect(series.every((s) => s.changes.length === 0)).toBe(true);
  });

  it('lists promotions with type, terms and period, once however often reported, with where they were seen', () => {
    const items = [
      ...novemberItems(),
      intelItem({ competitorName: '美孚', ...{ product: '美孚1号 全合成机油', sku: 'M1-0W40-4L' }, observedDay: '2026-11-13', author: ZHANG, dealerId: HUALIAN, region: '上海', promotion: { type: 'discount', description: ' 限时促销：满400减40 ', from: '2026-11-11', to: '2026-11-12' } }),
    ];
    const mobil = productOf(compose(items), '美孚');
    expect(mobil.promotions).toEqual([
      { type: 'discount', terms: '限时促销：满400减40', from: '2026-11-11', to: '2026-11-12', firstSeen: '2026-11-12', lastSeen: '2026-11-13', times: 2, dealerIds: [BAILIAN, HUALIAN], regions: ['杭州', '上海'] },
      { type: 'gift', terms: '买4L送1L', from: '2026-11-20', to: '2026-11-30', firstSeen: '2026-11-20', lastSeen: '2026-11-20', times: 1, dealerIds: [], regions: ['上海'] },
    ]);
  });

  it('says where and by whom: dealers by name (with counts), regions, channels, authors', () => {
    const mobil = productOf(compose(), '美孚');
    expect(mobil.dealers).toEqual([
      { id: HUALIAN, name: '华联商贸', observations: 2 },
      { id: BAILIAN, name: '杭州百联汽配', observations: 1 },
    ]);
    expect(mobil.regions).toEqual(['上海', '杭州']);
    expect(mobil.channels).toEqual(['京东', '天猫']);
    expect(mobil.authors).toEqual([
      { ...ZHANG, observations: 2 },
      { ...LI, observations: 1 },
      { ...WANG, observations: 1 },
    ]);
    // A dealer this device no longer has keeps its id and no name.
    expect(productOf(compose(), '壳牌').dealers).toContainEqual({ id: GONE, observations: 1 });
  });

  it('keeps each source page once, with its title and the first day it was used', () => {
    const mobil = productOf(compose(), '美孚');
    expect(mobil.sources).toEqual([
      { url: 'https://item.jd.com/100001.html', title: '美孚1号 全合成机油 0W-40 4L - 京东', day: '2026-11-03', by: '张伟' },
      { url: 'https://detail.tmall.com/item.htm?id=200002', title: '美孚1号 0W-40 4L 天猫旗舰店', day: '2026-11-20', by: '王强' },
    ]);
  });

  it('leaves deleted items out everywhere', () => {
    const analysis = compose();
    const mobil = productOf(analysis, '美孚');
    expect(mobil.prices[0]!.lowest.amount).toBe(429); // the deleted item said 199
    expect(mobil.promotions.map((p) => p.type)).not.toContain('priceCut');
    const deleted = novemberItems().find((item) => item.deletedAt)!;
    expect(analysis.sourceItemIds).not.toContain(deleted.id);
  });

  it('includes both ends of the period and nothing beyond; a sighting counts on its own day', () => {
    const castrol = productOf(compose(), '嘉实多');
    expect(castrol.firstSeen).toBe('2026-11-01');
    expect(castrol.lastSeen).toBe('2026-11-30');
    expect(castrol.prices[0]!.first).toEqual({ day: '2026-11-01', amount: 310 });
    expect(castrol.prices[0]!.last).toEqual({ day: '2026-11-30', amount: 305 });
    // 10-28's item is outside; its sighting on 11-02 is in, by who sighted it; its promotion was seen on 10-28.
    expect(castrol.prices[0]!.changes.map((c) => c.day)).toEqual(['2026-11-02', '2026-11-30']);
    expect(castrol.authors).toEqual([{ ...ZHAO, observations: 3 }]);
    expect(castrol.promotions).toEqual([]);
    // One day periods work too.
    expect(productOf(compose(novemberItems(), { period: { from: '2026-11-30', to: '2026-11-30' } }), '嘉实多').observations).toBe(1);
  });

  it('is an empty analysis, not an error, for a period without intel', () => {
    const analysis = compose(novemberItems(), { period: { from: '2027-01-01', to: '2027-01-31' } });
    expect(analysis.competitors).toEqual([]);
    expect(analysis.totals).toMatchObject({ products: 0, observations: 0, priceUp: 0, priceDown: 0, promotions: 0, promotionsByType: {} });
    expect(compose([]).competitors).toEqual([]);
  });

  it('refuses a period that ends before it starts, saying so', () => {
    expect(() => compose([], { period: { from: '2026-11-30', to: '2026-11-01' } })).toThrow(/must not end before it starts/);
  });

  it('groups by the resolver’s canonical names when given one', () => {
    const items = [
      intelItem({ competitorName: 'Mobil', product: 'Mobil 1 0W-40', sku: '', observedDay: '2026-11-02', prices: [{ kind: 'retail', amount: 468, currency: 'CNY', unit: '元/桶' }] }),
      intelItem({ competitorName: '美孚', product: '美孚1号 0W-40', sku: 'M1-0W40-4L', observedDay: '2026-11-09', prices: [{ kind: 'retail', amount: 429, currency: 'CNY', unit: '元/桶' }] }),
    ];
    // Without: two competitors, each its own product.
    expect(compose(items).competitors.map((c) => c.name)).toHaveLength(2);
    const resolver: AnalysisResolver = {
      competitorOf: () => ({ key: 'c-mobil', name: '美孚' }),
      productOf: () => ({ key: 'p-m1', name: '美孚1号 全合成机油', sku: 'M1-0W40-4L', spec: '0W-40 4L' }),
    };
    const analysis = compose(items, { resolver });
    expect(analysis.competitors).toHaveLength(1);
    const product = analysis.competitors[0]!.products[0]!;
    expect(product).toMatchObject({ key: 'p-m1', name: '美孚1号 全合成机油', sku: 'M1-0W40-4L', observations: 2 });
    expect(product.prices[0]!.changes).toHaveLength(1);
    // The local default keys by the item's own names.
    expect(itemNames.competitorOf({ competitorName: ' Mobil ' })).toEqual({ key: 'mobil', name: 'Mobil' });
  });
});

describe('readAnalysisItems', () => {
  const db = freshDatabase('fieldkit-competitive-analysis');
  afterEach(async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
  });

  it('reads the period and the sightings window around it through the observedDay index, deleted items left out', async () => {
    expect(readWindowOf(NOVEMBER)).toEqual({ from: '2026-10-25', to: '2026-12-07' });
    await db.intelItems.bulkPut([...novemberItems(), intelItem({ competitorName: '远的', observedDay: '2026-10-01' })]);
    const items = await readAnalysisItems(db, NOVEMBER);
    expect(items.map((i) => i.observedDay).sort()).toEqual(['2026-10-28', '2026-10-31', '2026-11-01', '2026-11-03', '2026-11-05', '2026-11-12', '2026-11-20', '2026-11-25', '2026-11-30', '2026-12-01']);
    // What the store gives makes the same analysis as the items themselves.
    expect(compose(items)).toEqual(compose());
  });
});

describe('the analysis as a document', () => {
  const zh = () => documentOfAnalysis(compose(), { locale: 'zh-CN', preparedBy: '王强' });
  const en = () => documentOfAnalysis(compose(), { locale: 'en', preparedBy: '王强' });

  it('matches the golden Markdown in both languages', async () => {
    await expect(renderMarkdown(zh())).toMatchFileSnapshot('../fixtures/competitive-analysis/november.zh-CN.md');
    await expect(renderMarkdown(en())).toMatchFileSnapshot('../fixtures/competitive-analysis/november.en.md');
  });

  it('says the period, the as-of moment with its zone in words, and the counts at the top', () => {
    const doc = zh();
    expect(doc.title).toBe('竞争产品分析报告');
    expect(doc.fields).toEqual([
      { label: '周期', value: '2026年11月' },
      { label: '编制人', value: '王强' },
      { label: '关注的竞品产品', value: '3 个（3 个竞品）' },
      { label: '观察次数', value: '9 次（4 人上报）' },
      { label: '价格变动', value: '上涨 2 次，下降 4 次' },
      { label: '促销', value: '4（打折 2、捆绑销售 1、赠品 1）' },
    ]);
    expect(doc.asOf).toBe('数据截至 2026年12月1日 17:30（中国标准时间）');
    expect(en().asOf).toBe('Numbers as of 1 Dec 2026, 17:30 (China Standard Time)');
    expect(doc.fileName).toBe('competitive-analysis-2026-11');
    expect(ReportDocumentSchema.safeParse(doc).success).toBe(true);
  });

  it('names a week, a month, a day and a custom range', () => {
    expect(analysisPeriodText({ from: '2026-11-23', to: '2026-11-29' }, 'zh-CN')).toBe('2026年第48周（2026年11月23日–11月29日）');
    expect(analysisPeriodText({ from: '2026-11-23', to: '2026-11-29' }, 'en')).toBe('Week 48, 2026 (23 Nov – 29 Nov 2026)');
    expect(analysisPeriodText({ from: '2026-02-01', to: '2026-02-28' }, 'en')).toBe('February 2026');
    expect(analysisPeriodText({ from: '2026-11-03', to: '2026-11-03' }, 'zh-CN')).toBe('2026年11月3日');
    expect(analysisPeriodText({ from: '2026-12-20', to: '2027-01-05' }, 'en')).toBe('20 Dec 2026 – 5 Jan 2027');
    expect(documentOfAnalysis(compose([], { period: { from: '2026-11-03', to: '2026-11-17' } }), { locale: 'en' }).fileName).toBe('competitive-analysis-2026-11-03_2026-11-17');
  });

  it('names products and price units in the reader’s words', () => {
    expect(productText({ name: '美孚1号', sku: 'M1', spec: '0W-40 4L' }, 'en')).toBe('美孚1号 0W-40 4L (M1)');
    expect(productText({ name: '', sku: '', spec: undefined }, 'zh-CN')).toBe('（未注明产品）');
    expect(priceUnitText('CNY', '元/桶', 'en')).toBe('yuan/drum');
    expect(priceUnitText('CNY', '元/桶', 'zh-CN')).toBe('元/桶');
    expect(priceUnitText('CNY', '', 'zh-CN')).toBe('元');
    expect(priceUnitText('USD', 'USD/case', 'en')).toBe('USD/case');
  });

  it('is a clear empty report for a period without intel, in both languages', () => {
    const empty = compose([], { period: { from: '2027-01-01', to: '2027-01-31' } });
    const md = renderMarkdown(documentOfAnalysis(empty, { locale: 'zh-CN' }));
    expect(md).toContain('- 本期（2027年1月）没有竞品信息。');
    expect(md).toContain('*本期没有记录价格。*');
    expect(md).toContain('*本期没有看到促销。*');
    expect(md).not.toContain('|');
    const text = renderPlainText(documentOfAnalysis(empty, { locale: 'en' }));
    expect(text).toContain('• No competitor intel was captured in this period (January 2027).');
    expect(text).toContain('Price moves: 0 up, 0 down');
    expect(text).toContain('Products watched: 0\nObservations: 0\n');
  });

  it('keeps hostile page text as text in a promotion’s terms and a source’s title, in every text format', () => {
    for (const doc of [zh(), en()]) {
      const md = renderMarkdown(doc);
      // Every "<" from the page is escaped: no tag can start.
      expect(md).not.toMatch(/(?<!\\)</);
      expect(md).toContain('\\<img src=x onerror=alert(1)\\> \\| \\*\\*满200减20\\*\\* # 标题');
      expect(md).toContain('\\[点我\\](javascript:alert(1))');
      // Every table row keeps its column count: no pipe from the page splits a cell.
      for (const line of md.split('\n').filter((l) => l.includes('满200减20'))) expect((line.match(/(?<!\\)\|/g) ?? []).length).toBe(10);

      const html = renderHtml(doc);
      const page = new DOMParser().parseFromString(html, 'text/html');
      expect(page.querySelector('img, script, a')).toBeNull();
      expect(page.body.textContent).toContain(HOSTILE_TERMS);
      expect(page.body.textContent).toContain(HOSTILE_TITLE);

      expect(renderPlainText(doc)).toContain(HOSTILE_TERMS);
    }
  });

  it('uses words that exist in both languages with the same arguments', () => {
    expect(Object.keys(analysisWords['zh-CN']).sort()).toEqual(Object.keys(analysisWords.en).sort());
    for (const key of Object.keys(analysisWords.en) as (keyof typeof analysisWords.en)[])
      expect(messageArguments(analysisWords['zh-CN'][key]).sort(), key).toEqual(messageArguments(analysisWords.en[key]).sort());
  });
});

describe('renderCompetitiveAnalysis', () => {
  it('gives every format from the same document', async () => {
    const out = await renderCompetitiveAnalysis(novemberItems(), { period: NOVEMBER, locale: 'en', now: AS_OF, timeZone: SHANGHAI, dealerName, preparedBy: '王强' });
    expect(out.markdown).toBe(renderMarkdown(out.document));
    expect(out.html).toBe(renderHtml(out.document));
    expect(out.text).toBe(renderPlainText(out.document));
    expect(out.printHtml).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(out.printHtml).toContain('@page { size: A4;');
    // A zip (the xlsx container) starts with "PK".
    expect([...out.xlsxBytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
    expect(out.analysis.totals.products).toBe(3);
  });
});
