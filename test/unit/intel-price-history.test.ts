import { describe, expect, it } from 'vitest';
import { IntelItem } from '../../lib/intel/schema';
import { localResolver, type ViewResolver } from '../../lib/intel/browse';
import { priceHistoryOf, unitKeyOf } from '../../lib/intel/price-history';
import { REP } from '../fixtures/records';

let n = 0;
function item(fields: Partial<IntelItem> = {}): IntelItem {
  n += 1;
  return IntelItem.parse({
    id: `01KC${String(n).padStart(22, '0')}`,
    author: REP,
    createdAt: '2026-11-01T02:00:00.000Z',
    updatedAt: '2026-11-01T02:00:00.000Z',
    schemaVersion: 1,
    observedDay: '2026-11-20',
    competitorName: '美孚',
    sku: 'M1-0W40-4L',
    prices: [],
    ...fields,
  });
}
const price = (kind: 'retail' | 'wholesale' | 'supply', amount: number, unit = '元/桶', currency = 'CNY') => ({ kind, amount, unit, currency });
const KEY = localResolver.productOf({ competitorName: '美孚', sku: 'M1-0W40-4L' }).key;

describe('price history', () => {
  it('draws one line per kind over the observed days, oldest first, with the median of a day', () => {
    const items = [
      item({ observedDay: '2026-11-02', prices: [price('retail', 468), price('supply', 300)] }),
      item({ observedDay: '2026-11-09', prices: [price('retail', 458)] }),
      item({ observedDay: '2026-11-09', prices: [price('retail', 448)] }),
      item({ observedDay: '2026-11-16', prices: [price('supply', 290), price('wholesale', 320)] }),
      // Another product: not on this chart.
      item({ sku: 'OTHER', observedDay: '2026-11-16', prices: [price('retail', 99)] }),
    ];
    const history = priceHistoryOf(items, KEY);
    expect(history.kinds).toEqual(['retail', 'wholesale', 'supply']);
    expect(history.points).toEqual([
      { day: '2026-11-02', retail: 468, supply: 300, observed: 2 },
      { day: '2026-11-09', retail: 453, observed: 2 },
      { day: '2026-11-16', wholesale: 320, supply: 290, observed: 2 },
    ]);
    expect(history).toMatchObject({ basis: { currency: 'CNY', unit: '元/桶' }, excluded: 0, ownKinds: [] });
  });

  it('includes later sightings on their own days and keeps to the period', () => {
    const items = [
      item({
        observedDay: '2026-10-20',
        prices: [price('retail', 470)],
        sightings: [
          { observedDay: '2026-11-05', by: REP, at: '2026-11-05T02:00:00.000Z', prices: [price('retail', 460)] },
          { observedDay: '2026-11-12', by: REP, at: '2026-11-12T02:00:00.000Z', prices: [price('retail', 455)] },
        ],
      }),
    ];
    const history = priceHistoryOf(items, KEY, { from: '2026-11-01', to: '2026-11-30' });
    expect(history.points.map((p) => [p.day, p.retail])).toEqual([
      ['2026-11-05', 460],
      ['2026-11-12', 455],
    ]);
  });

  it('keeps to the unit and currency most prices were given in, and counts the others left out', () => {
    const items = [
      item({ observedDay: '2026-11-02', prices: [price('retail', 468, '元/桶')] }),
      item({ observedDay: '2026-11-03', prices: [price('retail', 460, '桶')] }),
      item({ observedDay: '2026-11-04', prices: [price('retail', 2700, '元/箱')] }),
      item({ observedDay: '2026-11-05', prices: [price('retail', 65, '/桶', 'USD')] }),
    ];
    const history = priceHistoryOf(items, KEY);
    // 元/桶 and 桶 are the same unit.
    expect(history.points.map((p) => p.retail)).toEqual([468, 460]);
    expect(history.excluded).toBe(2);
  });

  it("adds our own product's price as a step line where the dictionary knows it", () => {
    const resolver: ViewResolver = {
      competitorOf: localResolver.competitorOf,
      productOf: (i) => ({
        ...localResolver.productOf(i),
        ownProduct: {
          name: '长城金吉星 0W-40',
          prices: [
            { kind: 'retail', amount: 420, currency: 'CNY', unit: '桶', from: '2026-10-01' },
            { kind: 'retail', amount: 398, currency: 'CNY', unit: '桶', from: '2026-11-10' },
            // A kind the competitor line does not have, and a unit it is not in: not drawn.
            { kind: 'wholesale', amount: 350, currency: 'CNY', unit: '桶', from: '2026-10-01' },
            { kind: 'retail', amount: 2300, currency: 'CNY', unit: '箱', from: '2026-10-01' },
          ],
        },
      }),
    };
    const items = [item({ observedDay: '2026-11-02', prices: [price('retail', 468)] }), item({ observedDay: '2026-11-16', prices: [price('retail', 448)] })];
    const history = priceHistoryOf(items, KEY, { resolver });
    expect(history.ownKinds).toEqual(['retail']);
    expect(history.ownProductName).toBe('长城金吉星 0W-40');
    // The day our price changed is a point of its own.
    expect(history.points).toEqual([
      { day: '2026-11-02', retail: 468, ownRetail: 420, observed: 1 },
      { day: '2026-11-10', ownRetail: 398, observed: 0 },
      { day: '2026-11-16', retail: 448, ownRetail: 398, observed: 1 },
    ]);
  });

  it('is empty, not broken, without prices', () => {
    expect(priceHistoryOf([item({ prices: [] })], KEY)).toEqual({ basis: { currency: 'CNY', unit: '' }, kinds: [], ownKinds: [], points: [], excluded: 0 });
  });

  it('reads units the way reps write them', () => {
    expect(unitKeyOf('元/桶')).toBe(unitKeyOf('桶'));
    expect(unitKeyOf('元/箱')).toBe(unitKeyOf('case'));
    expect(unitKeyOf('元/件装')).toBe('件装');
    expect(unitKeyOf('')).toBe('');
  });
});
