import { afterEach, describe, expect, it } from 'vitest';
import { IntelItem } from '../../lib/intel/schema';
import {
  activeFilterCount,
  competitorOptions,
  localResolver,
  matchesFilters,
  matchesSearch,
  productLabel,
  productOptions,
  timelineOf,
  type ViewResolver,
} from '../../lib/intel/browse';
import { browseIntelByDay, browseIntelOfCompetitor, browseIntelOfDealer, browseQueryFor } from '../../lib/intel/queries';
import { deleteRecord, saveRecord } from '../../lib/store/records';
import { freshDatabase, intelDraft, REP } from '../fixtures/records';

let n = 0;
/** A stored-shape item (defaults filled by the schema). */
function item(fields: Partial<IntelItem> = {}): IntelItem {
  n += 1;
  const at = `2026-11-${String((n % 28) + 1).padStart(2, '0')}T02:00:00.000Z`;
  return IntelItem.parse({
    id: `01KB${String(n).padStart(22, '0')}`,
    author: REP,
    createdAt: at,
    updatedAt: at,
    schemaVersion: 1,
    observedDay: '2026-11-20',
    competitorName: '美孚',
    sku: 'M1-0W40-4L',
    prices: [{ kind: 'retail', amount: 468, currency: 'CNY', unit: '元/桶' }],
    ...fields,
  });
}

/** A dictionary stand-in: Mobil is 美孚, and 速霸 is its brand. */
const aliasing: ViewResolver = {
  competitorOf: ({ competitorName }) => (/^(mobil|美孚|速霸)$/i.test(competitorName.trim()) ? { key: 'c-mobil', name: '美孚' } : localResolver.competitorOf({ competitorName })),
  productOf: (i) => (/m1-0w40/i.test(i.sku) ? { key: 'p-m1', name: '美孚1号 0W-40', sku: 'M1-0W40-4L', spec: '4L' } : localResolver.productOf(i)),
};

describe('full-text search', () => {
  const shop = item({
    competitorName: '嘉实多',
    brand: 'Castrol',
    product: '极护 5W-30',
    sku: 'EDGE-5W30-4L',
    spec: '4L',
    promotion: { type: 'bundle', description: '买三送一，限时促销' },
    sourceTitle: '嘉实多旗舰店',
    sourceText: '到手价 305 元',
    region: '华东',
    channel: '电商',
  });

  it.each([
    ['a Chinese substring of the competitor', '实多'],
    ['the brand in any case', 'castrol'],
    ['the SKU in lower case', 'edge-5w30'],
    ['the spec', '4l'],
    ['promotion terms', '送一'],
    ['the source title', '旗舰店'],
    ['the source text', '到手价'],
    ['the region', '华东'],
    ['the channel', '电商'],
    ['full-width letters as half-width', 'ＥＤＧＥ'],
    ['several words, each somewhere', '嘉实多 买三'],
  ])('finds %s', (_what, search) => {
    expect(matchesSearch(shop, search)).toBe(true);
  });

  it('needs every word, and an empty search matches everything', () => {
    expect(matchesSearch(shop, '嘉实多 美孚')).toBe(false);
    expect(matchesSearch(shop, 'helix')).toBe(false);
    expect(matchesSearch(shop, '   ')).toBe(true);
    expect(matchesSearch(shop, undefined)).toBe(true);
  });

  it("finds an item by its canonical competitor's name through the resolver", () => {
    const mobil = item({ competitorName: 'Mobil', sku: 'X' });
    expect(matchesSearch(mobil, '美孚')).toBe(false);
    expect(matchesSearch(mobil, '美孚', aliasing)).toBe(true);
  });

  it("looks in later sightings' regions", () => {
    const seen = item({ sightings: [{ observedDay: '2026-11-22', by: REP, at: '2026-11-22T02:00:00.000Z', prices: [], region: '华南' }] });
    expect(matchesSearch(seen, '华南')).toBe(true);
  });
});

describe('filters', () => {
  const a = item({ competitorName: 'Mobil', observedDay: '2026-11-10', region: '华东 上海', dealerId: '01JD0000000000000000000001' });
  const b = item({ competitorName: '嘉实多', sku: 'EDGE', observedDay: '2026-11-25', prices: [{ kind: 'supply', amount: 280, currency: 'CNY', unit: '元/桶' }] });

  it('applies each filter that is set, and nothing else', () => {
    expect(matchesFilters(a, {})).toBe(true);
    expect(matchesFilters(a, { from: '2026-11-10', to: '2026-11-10' })).toBe(true);
    expect(matchesFilters(a, { from: '2026-11-11' })).toBe(false);
    expect(matchesFilters(b, { to: '2026-11-24' })).toBe(false);
    expect(matchesFilters(a, { dealerId: '01JD0000000000000000000001' })).toBe(true);
    expect(matchesFilters(b, { dealerId: '01JD0000000000000000000001' })).toBe(false);
    expect(matchesFilters(b, { priceKind: 'supply' })).toBe(true);
    expect(matchesFilters(a, { priceKind: 'supply' })).toBe(false);
    expect(matchesFilters(a, { region: '上海' })).toBe(true);
    expect(matchesFilters(b, { region: '上海' })).toBe(false);
  });

  it('matches the competitor and product by their canonical keys', () => {
    expect(matchesFilters(a, { competitor: 'c-mobil' }, aliasing)).toBe(true);
    expect(matchesFilters(a, { competitor: 'mobil' })).toBe(true);
    expect(matchesFilters(b, { competitor: 'c-mobil' }, aliasing)).toBe(false);
    expect(matchesFilters(a, { product: 'p-m1' }, aliasing)).toBe(true);
    expect(matchesFilters(b, { product: 'p-m1' }, aliasing)).toBe(false);
  });

  it('counts the filters set, blank text not counted', () => {
    expect(activeFilterCount({})).toBe(0);
    expect(activeFilterCount({ search: '  ', region: '' })).toBe(0);
    expect(activeFilterCount({ competitor: 'x', competitorNames: ['x'], from: '2026-11-01', search: '送' })).toBe(3);
  });
});

describe('pickers', () => {
  it('groups stored competitor names under their canonical competitor', () => {
    expect(competitorOptions(['Mobil', '嘉实多', '美孚', '速霸'], aliasing)).toEqual([
      { key: '嘉实多', name: '嘉实多', names: ['嘉实多'] },
      { key: 'c-mobil', name: '美孚', names: ['Mobil', '美孚', '速霸'] },
    ]);
    // Without a dictionary, names differing only in case or width are one competitor.
    expect(competitorOptions(['Shell', 'SHELL', 'Ｓｈｅｌｌ']).map((o) => o.names)).toEqual([['Shell', 'SHELL', 'Ｓｈｅｌｌ']]);
  });

  it('lists products the most observed first and labels them without repeating parts', () => {
    const items = [item({ sku: 'A', product: '喜力 HX7' }), item({ sku: 'B', product: '喜力 HX8', spec: '1L' }), item({ sku: 'B', product: '喜力 HX8', spec: '1L' })];
    const options = productOptions(items);
    expect(options.map((o) => [o.sku, o.count])).toEqual([
      ['B', 2],
      ['A', 1],
    ]);
    expect(productLabel(options[0]!)).toBe('喜力 HX8 · B · 1L');
    expect(productLabel({ name: 'EDGE-5W30', sku: 'EDGE-5W30', spec: '' })).toBe('EDGE-5W30');
  });
});

describe('the timeline', () => {
  it('puts observations and later sightings newest first, grouped by day or ISO week', () => {
    const first = item({ observedDay: '2026-11-16', sightings: [{ observedDay: '2026-11-24', by: { id: 'r2', name: '李娜' }, at: '2026-11-24T02:00:00.000Z', prices: [{ kind: 'retail', amount: 450, currency: 'CNY', unit: '元/桶' }] }] });
    const second = item({ observedDay: '2026-11-23' });
    const third = item({ observedDay: '2026-11-23' });
    const byDay = timelineOf([first, second, third], 'day');
    expect(byDay.map((g) => [g.key, g.observations.length])).toEqual([
      ['2026-11-24', 1],
      ['2026-11-23', 2],
      ['2026-11-16', 1],
    ]);
    expect(byDay[0]!.observations[0]).toMatchObject({ sighting: 0, by: { name: '李娜' }, prices: [{ amount: 450 }] });
    // Later saved first on the same day.
    expect(byDay[1]!.observations.map((o) => o.item.id)).toEqual([third.id, second.id]);
    const byWeek = timelineOf([first, second, third], 'week');
    expect(byWeek.map((g) => [g.key, g.observations.length])).toEqual([
      ['2026-W48', 3],
      ['2026-W47', 1],
    ]);
    expect(timelineOf([first, second], 'day', { from: '2026-11-20', to: '2026-11-23' }).map((g) => g.key)).toEqual(['2026-11-23']);
  });
});

describe('the browse queries', () => {
  const db = freshDatabase('fieldkit-intel-browse');
  afterEach(async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
  });
  const DEALER = '01JD0000000000000000000001';

  async function seed() {
    const rows = [
      { competitorName: '美孚', sku: 'M1', observedDay: '2026-10-05', region: '华东' },
      { competitorName: 'Mobil', sku: 'M1', observedDay: '2026-11-02', dealerId: DEALER },
      { competitorName: '美孚', sku: 'M2', observedDay: '2026-11-12', dealerId: DEALER, promotion: { type: 'gift' as const, description: '买四送一' } },
      { competitorName: '嘉实多', sku: 'EDGE', observedDay: '2026-11-20', dealerId: DEALER },
      { competitorName: '嘉实多', sku: 'EDGE', observedDay: '2026-11-28', region: '华南' },
    ];
    const saved = [];
    for (const row of rows) saved.push(await saveRecord(db, 'intelItems', intelDraft(row), { author: REP }));
    return saved;
  }

  it('by day: the range bounds the read, newest first, paged with "more"', async () => {
    const saved = await seed();
    await deleteRecord(db, 'intelItems', saved[4]!.id, { author: REP });
    const all = await browseIntelByDay.run(db, { filters: {}, limit: 2 });
    expect(all.items.map((i) => i.observedDay)).toEqual(['2026-11-20', '2026-11-12']);
    expect(all.more).toBe(true);
    const november = await browseIntelByDay.run(db, { filters: { from: '2026-11-01', to: '2026-11-15' }, limit: 10 });
    expect(november).toMatchObject({ more: false });
    expect(november.items.map((i) => i.observedDay)).toEqual(['2026-11-12', '2026-11-02']);
    const searched = await browseIntelByDay.run(db, { filters: { search: '送一' }, limit: 10 });
    expect(searched.items.map((i) => i.sku)).toEqual(['M2']);
  });

  it('of a competitor: every name it is stored under, with the date range and other filters', async () => {
    await seed();
    const filters = { competitor: 'c-mobil', competitorNames: ['美孚', 'Mobil'], from: '2026-11-01' };
    expect(browseQueryFor(filters)).toBe(browseIntelOfCompetitor);
    const page = await browseIntelOfCompetitor.run(db, { filters, limit: 10, resolver: aliasing });
    expect(page.items.map((i) => [i.competitorName, i.observedDay])).toEqual([
      ['美孚', '2026-11-12'],
      ['Mobil', '2026-11-02'],
    ]);
    const firstOnly = await browseIntelOfCompetitor.run(db, { filters, limit: 1, resolver: aliasing });
    expect(firstOnly).toMatchObject({ more: true, items: [{ observedDay: '2026-11-12' }] });
  });

  it('of a competitor: each SKU (an unknown one too) read for the days of the range only', async () => {
    for (const [sku, observedDay] of [
      ['', '2026-09-01'],
      ['', '2026-11-03'],
      ['A', '2026-10-31'],
      ['A', '2026-11-01'],
      ['B', '2026-11-30'],
      ['B', '2026-12-01'],
      ['C', '2026-08-01'],
    ] as const) {
      await saveRecord(db, 'intelItems', intelDraft({ competitorName: '壳牌', sku, observedDay }), { author: REP });
    }
    await saveRecord(db, 'intelItems', intelDraft({ competitorName: '壳牌X', sku: 'A', observedDay: '2026-11-10' }), { author: REP });
    const page = await browseIntelOfCompetitor.run(db, { filters: { competitor: '壳牌', competitorNames: ['壳牌'], from: '2026-11-01', to: '2026-11-30' }, limit: 10 });
    expect(page.items.map((i) => [i.sku, i.observedDay])).toEqual([
      ['B', '2026-11-30'],
      ['', '2026-11-03'],
      ['A', '2026-11-01'],
    ]);
    const all = await browseIntelOfCompetitor.run(db, { filters: { competitor: '壳牌', competitorNames: ['壳牌'] }, limit: 10 });
    expect(all.items).toHaveLength(7);
  });

  it('of a dealer: its items in the range, and the query chosen for a dealer filter', async () => {
    await seed();
    const filters = { dealerId: DEALER, from: '2026-11-10', competitor: '嘉实多', competitorNames: ['嘉实多'] };
    expect(browseQueryFor(filters)).toBe(browseIntelOfDealer);
    const page = await browseIntelOfDealer.run(db, { filters, limit: 10 });
    expect(page.items.map((i) => [i.competitorName, i.observedDay])).toEqual([['嘉实多', '2026-11-20']]);
    expect(browseQueryFor({ search: 'x' })).toBe(browseIntelByDay);
  });
});

describe('periods', () => {
  it('end today and include it; all time has no start', async () => {
    const { periodStart } = await import('../../lib/intel/browse');
    expect(periodStart('30', '2026-11-30')).toBe('2026-11-01');
    expect(periodStart('90', '2026-03-01')).toBe('2025-12-02');
    expect(periodStart('365', '2026-11-30')).toBe('2025-12-01');
    expect(periodStart('all', '2026-11-30')).toBeUndefined();
  });
});
