// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { FieldkitDatabase } from '../../lib/store/database';
import { saveRecord } from '../../lib/store/records';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import { IntelView } from '../../components/intel/IntelView';
import { localResolver, type ViewResolver } from '../../lib/intel/browse';
import { today } from '../../lib/kernel/dates';
import type { Locale } from '../../lib/kernel/i18n';
import { intelDraft } from '../fixtures/records';

const REP = { id: 'owner-101', name: '张伟' };
const WAIT = { timeout: 10_000 };

let db: FieldkitDatabase;
beforeEach(() => {
  db = new FieldkitDatabase({ name: 'fieldkit-intel-view-browse', indexedDB: new IDBFactory(), IDBKeyRange });
  location.hash = '#intel';
});
afterEach(() => {
  cleanup();
  db.close();
  location.hash = '';
});

function renderView(locale: Locale, resolver?: ViewResolver) {
  return render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <IntelView {...(resolver ? { resolver } : {})} />
      </LocaleProvider>
    </DatabaseProvider>,
  );
}

/** A day `n` days before today, so the default 90-day period covers it. */
function daysAgo(n: number): string {
  const d = new Date(`${today()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

async function seed() {
  const rows = [
    { competitorName: '美孚', product: '美孚1号 0W-40', sku: 'M1-0W40-4L', spec: '4L', observedDay: daysAgo(40), region: '华东', prices: [{ kind: 'retail' as const, amount: 488, currency: 'CNY', unit: '元/桶' }], promotion: { type: 'gift' as const, description: '买 4L 送机滤' } },
    { competitorName: '美孚', product: '美孚1号 0W-40', sku: 'M1-0W40-4L', spec: '4L', observedDay: daysAgo(20), region: '华南', prices: [{ kind: 'retail' as const, amount: 468, currency: 'CNY', unit: '元/桶' }, { kind: 'supply' as const, amount: 320, currency: 'CNY', unit: '元/桶' }], promotion: { type: 'priceCut' as const, description: '直降 20 元' }, sourceUrl: 'https://shop.example.com/item/1', sourceTitle: '美孚官方旗舰店', screenshot: PNG },
    { competitorName: '美孚', product: '美孚1号 0W-40', sku: 'M1-0W40-4L', spec: '4L', observedDay: daysAgo(5), region: '华东', prices: [{ kind: 'retail' as const, amount: 458, currency: 'CNY', unit: '元/桶' }], promotion: { type: 'gift' as const, description: '买4L送机滤' } },
    { competitorName: '嘉实多', product: 'EDGE 5W-30', sku: 'EDGE-5W30', observedDay: daysAgo(10), region: '华东', prices: [{ kind: 'wholesale' as const, amount: 305, currency: 'CNY', unit: '元/桶' }], promotion: { type: 'bundle' as const, description: '买三送一' }, channel: '电商' },
  ];
  for (const row of rows) await saveRecord(db, 'intelItems', intelDraft(row), { author: REP });
}

describe('the Intel list: search, filters and counts', () => {
  it('searches case-insensitively across fields, filters by competitor and price type, counts and clears (en)', async () => {
    await seed();
    const user = userEvent.setup();
    renderView('en');
    const list = await screen.findByRole('list', { name: 'Competitor intel' }, WAIT);
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(4), WAIT);
    // No filter, no count.
    expect(screen.queryByTestId('intel-found')).toBeNull();

    await user.type(screen.getByLabelText('Search intel'), 'edge');
    await waitFor(() => expect(screen.getByTestId('intel-found').textContent).toBe('1 item found'), WAIT);
    expect(within(screen.getByRole('list', { name: 'Competitor intel' })).getByText('嘉实多')).toBeTruthy();

    await user.clear(screen.getByLabelText('Search intel'));
    await user.click(screen.getByRole('button', { name: 'Filters' }));
    const panel = await screen.findByTestId('intel-filters');
    await waitFor(() => expect(within(panel).getAllByRole('option', { name: '美孚' })).toHaveLength(1), WAIT);
    await user.selectOptions(within(panel).getByLabelText('Competitor'), '美孚');
    await waitFor(() => expect(screen.getByTestId('intel-found').textContent).toBe('3 items found'), WAIT);
    expect(screen.getByRole('button', { name: 'Filters (1)' })).toBeTruthy();
    await user.selectOptions(within(panel).getByLabelText('Price type'), 'supply');
    await waitFor(() => expect(screen.getByTestId('intel-found').textContent).toBe('1 item found'), WAIT);

    // An end before the start is said, not shown as an empty list.
    await user.type(within(panel).getByLabelText('From'), daysAgo(1));
    await user.type(within(panel).getByLabelText('To'), daysAgo(30));
    expect(await screen.findByText('The end date is before the start date: swap them to see intel.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Competitor intel' })).getAllByRole('listitem')).toHaveLength(4), WAIT);
    expect(screen.queryByTestId('intel-found')).toBeNull();
    expect((screen.getByLabelText('Search intel') as HTMLInputElement).value).toBe('');
  }, 30_000);

  it('finds Chinese substrings in promotion terms and channels, filters by region and by dealer, and says when nothing matches (zh-CN)', async () => {
    const { addLocalDealer } = await import('../../lib/dealers/local');
    const dealer = await addLocalDealer(db, { name: '华东润滑油' }, { author: REP });
    await seed();
    await saveRecord(db, 'intelItems', intelDraft({ competitorName: '壳牌', sku: 'HX7', observedDay: daysAgo(3), dealerId: dealer.id }), { author: REP });
    const user = userEvent.setup();
    renderView('zh-CN');
    await screen.findByRole('list', { name: '竞品信息' }, WAIT);

    await user.type(screen.getByLabelText('搜索竞品信息'), '机滤');
    await waitFor(() => expect(screen.getByTestId('intel-found').textContent).toBe('找到 2 条'), WAIT);
    await user.clear(screen.getByLabelText('搜索竞品信息'));
    await user.type(screen.getByLabelText('搜索竞品信息'), '电商');
    await waitFor(() => expect(screen.getByTestId('intel-found').textContent).toBe('找到 1 条'), WAIT);
    await user.type(screen.getByLabelText('搜索竞品信息'), ' 美孚');
    await waitFor(() => expect(screen.getByTestId('intel-found').textContent).toBe('没有找到'), WAIT);
    expect(screen.getByText('没有符合筛选条件的竞品信息。可以清除一个筛选条件，或少搜几个词。')).toBeTruthy();
    await user.clear(screen.getByLabelText('搜索竞品信息'));

    await user.click(screen.getByRole('button', { name: '筛选' }));
    const panel = await screen.findByTestId('intel-filters');
    await user.type(within(panel).getByLabelText('区域'), '华南');
    await waitFor(() => expect(screen.getByTestId('intel-found').textContent).toBe('找到 1 条'), WAIT);
    await user.clear(within(panel).getByLabelText('区域'));
    await waitFor(() => expect(within(panel).getByRole('option', { name: '华东润滑油' })).toBeTruthy(), WAIT);
    await user.selectOptions(within(panel).getByLabelText('经销商'), dealer.id);
    await waitFor(() => expect(screen.getByTestId('intel-found').textContent).toBe('找到 1 条'), WAIT);
    expect(within(screen.getByRole('list', { name: '竞品信息' })).getByText('壳牌')).toBeTruthy();
  }, 30_000);

  it('searches the last 12 months unless a start date (or a competitor or dealer) bounds it otherwise (en)', async () => {
    await seed();
    await saveRecord(db, 'intelItems', intelDraft({ competitorName: 'Valvoline', sku: 'VV-OLD', observedDay: daysAgo(400) }), { author: REP });
    const user = userEvent.setup();
    renderView('en');
    await screen.findByRole('list', { name: 'Competitor intel' }, WAIT);
    await user.type(screen.getByLabelText('Search intel'), 'valvoline');
    await waitFor(() => expect(screen.getByTestId('intel-found').textContent).toBe('Nothing found'), WAIT);
    expect(screen.getByText('Searching the last 12 months. Set a start date, a competitor or a dealer to search earlier.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Filters' }));
    await user.type(within(await screen.findByTestId('intel-filters')).getByLabelText('From'), daysAgo(500));
    await waitFor(() => expect(screen.getByTestId('intel-found').textContent).toBe('1 item found'), WAIT);
    expect(screen.queryByText(/^Searching the last 12 months/)).toBeNull();
  }, 30_000);

  it('links the source in a new tab with its title and host, and opens the screenshot in place (zh-CN)', async () => {
    await seed();
    const user = userEvent.setup();
    renderView('zh-CN');
    const link = await screen.findByRole('link', { name: '美孚官方旗舰店' }, WAIT);
    expect(link.getAttribute('href')).toBe('https://shop.example.com/item/1');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(link.parentElement!.textContent).toContain('（shop.example.com）');
    // Closed until asked for: a list of screenshots would bury the text.
    const details = screen.getByText('截图').closest('details')!;
    expect(details.open).toBe(false);
    await user.click(screen.getByText('截图'));
    expect(details.open).toBe(true);
    expect((within(details).getByRole('img', { name: '网页截图' }) as HTMLImageElement).src).toBe(PNG);
  });
});

describe('the Intel tabs', () => {
  it('opens the tab the hash names, keeps the tab in the hash, and shows a product’s prices as a table (en)', async () => {
    await seed();
    location.hash = '#intel/prices';
    const user = userEvent.setup();
    renderView('en');
    expect((await screen.findByRole('button', { name: 'Prices' }, WAIT)).getAttribute('aria-pressed')).toBe('true');
    // 嘉实多 sorts before 美孚: choose 美孚, whose one product is chosen for it (the spec 4L is in its SKU, so not repeated).
    await waitFor(() => expect(screen.getByLabelText('Competitor', { selector: 'select' })).toBeTruthy(), WAIT);
    await user.selectOptions(screen.getByLabelText('Competitor', { selector: 'select' }), '美孚');
    const section = await screen.findByTestId('price-history', {}, WAIT);
    await waitFor(() => expect(within(section).getByRole('heading').textContent).toBe('Price history: 美孚1号 0W-40 · M1-0W40-4L'), WAIT);
    const chart = within(section).getByRole('img');
    expect(chart.getAttribute('aria-label')).toMatch(/^Price chart of 美孚1号 0W-40 · M1-0W40-4L, 3 days with prices, /);
    const table = within(screen.getByTestId('price-table')).getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Date', 'Retail price', 'Supply price']);
    const rows = within(table).getAllByRole('row').slice(1);
    // Newest first, money in the UI language, a missing kind as a dash.
    expect(rows.map((r) => within(r).getAllByRole('cell').slice(1).map((c) => c.textContent))).toEqual([
      ['¥458', '—'],
      ['¥468', '¥320'],
      ['¥488', '—'],
    ]);
    expect(within(section).getByText('Our own price appears here once the dictionary links our product to this one.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Timeline' }));
    expect(location.hash).toBe('#intel/timeline');
    await user.click(screen.getByRole('button', { name: 'List' }));
    expect(location.hash).toBe('#intel');
    await user.click(screen.getByRole('button', { name: 'Analysis' }));
    expect(location.hash).toBe('#intel/analysis');
    expect(screen.getByRole('button', { name: 'Analysis' }).getAttribute('aria-pressed')).toBe('true');
  }, 30_000);

  it('follows a hash change while open (#intel/timeline)', async () => {
    await seed();
    renderView('en');
    await screen.findByRole('button', { name: 'List', pressed: true }, WAIT);
    location.hash = '#intel/timeline';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(await screen.findByRole('button', { name: 'Timeline', pressed: true }, WAIT)).toBeTruthy();
  });

  it('counts promotions per competitor in words, picks a competitor from them, and groups its timeline by day or week (zh-CN)', async () => {
    await seed();
    location.hash = '#intel/timeline';
    const user = userEvent.setup();
    renderView('zh-CN');
    const counts = await screen.findByTestId('promotion-frequency', {}, WAIT);
    await waitFor(() => expect(within(counts).getAllByRole('button')).toHaveLength(2), WAIT);
    const [mobil, castrol] = within(counts).getAllByRole('button');
    // The same gift seen twice (written with and without spaces) counts once.
    expect(mobil!.textContent).toBe('美孚2 次促销赠品 1 次，降价 1 次');
    expect(castrol!.textContent).toBe('嘉实多1 次促销捆绑销售 1 次');
    await user.click(mobil!);
    expect(mobil!.getAttribute('aria-pressed')).toBe('true');
    const timeline = await screen.findByTestId('intel-timeline', {}, WAIT);
    await waitFor(() => expect(within(timeline).getAllByRole('heading', { level: 4 })).toHaveLength(3), WAIT);
    expect(screen.getByText('3 条记录')).toBeTruthy();
    expect(within(timeline).getAllByText(/^零售价 (458|468|488) 元\/桶$/).map((e) => e.textContent)).toEqual(['零售价 458 元/桶', '零售价 468 元/桶', '零售价 488 元/桶']);
    await user.click(screen.getByRole('button', { name: '按周' }));
    await waitFor(() => expect(within(timeline).getAllByRole('heading', { level: 4 })[0]!.textContent).toMatch(/^\d{4}年第\d+周$/), WAIT);

    // A shorter period drops the older observations and their promotions.
    await user.click(screen.getByRole('button', { name: '近 30 天' }));
    await waitFor(() => expect(screen.getByText('2 条记录')).toBeTruthy(), WAIT);
  }, 30_000);

  it('groups by the canonical competitor and draws our own price when a resolver knows them (en)', async () => {
    await seed();
    await saveRecord(db, 'intelItems', intelDraft({ competitorName: 'Mobil', sku: 'M1-0W40-4L', observedDay: daysAgo(2), prices: [{ kind: 'retail', amount: 450, currency: 'CNY', unit: '桶' }] }), { author: REP });
    const resolver: ViewResolver = {
      competitorOf: (item) => (/^(mobil|美孚)$/i.test(item.competitorName) ? { key: 'c-mobil', name: 'Mobil' } : localResolver.competitorOf(item)),
      productOf: (item) =>
        /^m1-0w40/i.test(item.sku)
          ? { key: 'p-m1', name: 'Mobil 1 0W-40', sku: 'M1-0W40-4L', spec: '4L', ownProduct: { name: 'Great Wall 0W-40', prices: [{ kind: 'retail', amount: 420, currency: 'CNY', unit: '桶', from: daysAgo(60) }] } }
          : localResolver.productOf(item),
    };
    location.hash = '#intel/prices';
    const user = userEvent.setup();
    renderView('en', resolver);
    const competitor = await screen.findByLabelText('Competitor', { selector: 'select' }, WAIT);
    await waitFor(() => expect(within(competitor).getAllByRole('option').map((o) => o.textContent)).toEqual(['嘉实多', 'Mobil']), WAIT);
    await user.selectOptions(competitor, 'c-mobil');
    const section = await screen.findByTestId('price-history', {}, WAIT);
    await waitFor(() => expect(within(section).getByText('Our product: Great Wall 0W-40')).toBeTruthy(), WAIT);
    const table = within(screen.getByTestId('price-table')).getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Date', 'Retail price', 'Supply price', 'Our retail price']);
    // Four days: the alias's observation is on the same line.
    expect(within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent)[1])).toEqual(['¥450', '¥458', '¥468', '¥488']);
    expect(within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent)[3])).toEqual(['¥420', '¥420', '¥420', '¥420']);
  }, 30_000);

  it("uses the dictionary by default: an alias is its competitor, and our product's price is drawn (zh-CN)", async () => {
    await seed();
    await saveRecord(db, 'intelItems', intelDraft({ competitorName: 'Mobil', sku: 'M1-0W40-4L', observedDay: daysAgo(2), prices: [{ kind: 'retail', amount: 450, currency: 'CNY', unit: '元/桶' }] }), { author: REP });
    const mobil = await saveRecord(db, 'competitors', { name: '美孚', aliases: ['Mobil'] }, { author: REP });
    const own = await saveRecord(db, 'products', { name: '长城金吉星 0W-40', sku: 'GW-0W40-4L', aliases: [], prices: [{ kind: 'retail', amount: 420, currency: 'CNY', unit: '桶', from: daysAgo(90) }] }, { author: REP });
    await saveRecord(db, 'products', { competitorId: mobil.id, competitorName: '美孚', name: '美孚1号 0W-40', sku: 'M1-0W40-4L', spec: '4L', aliases: [], comparesWith: own.id }, { author: REP });
    location.hash = '#intel/prices';
    const user = userEvent.setup();
    renderView('zh-CN');
    const competitor = await screen.findByLabelText('竞品', { selector: 'select' }, WAIT);
    await waitFor(() => expect(within(competitor).getAllByRole('option').map((o) => o.textContent)).toEqual(['嘉实多', '美孚']), WAIT);
    await user.selectOptions(competitor, '美孚');
    const section = await screen.findByTestId('price-history', {}, WAIT);
    await waitFor(() => expect(within(section).getByText('我方产品：长城金吉星 0W-40')).toBeTruthy(), WAIT);
    const table = within(screen.getByTestId('price-table')).getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['日期', '零售价', '供货价', '我方零售价']);
    // The alias's observation (Mobil, 2 days ago) is on the same chart as 美孚's.
    expect(within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent)[1])).toEqual(['¥450', '¥458', '¥468', '¥488']);
  }, 30_000);
});
