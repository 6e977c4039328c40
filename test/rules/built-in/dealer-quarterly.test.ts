import { describe, expect, it } from 'vitest';
import { itemAt, scoreWith } from '../helpers';

const quarter = {
  salesTarget: 1_000_000, salesActual: 920_000, keyProductTarget: 500, keyProductActual: 400, orderChangeRate: 0.14,
  forecastDeviation: 0.35, marketFeedback: '良', directSalesRate: 0.6, priceBreaches: 1,
};
const score = (changes: Partial<typeof quarter>) => scoreWith('dealer-quarterly', { ...quarter, ...changes });

describe('secondary-dealer quarterly template', () => {
  it('computes the sample quarter by hand', () => {
    const result = score({});
    // sales 92% → 92 × 50% = 46; key product 80% → 80 × 20% = 16
    // order change 14% ≤ 18% → 80 × 10% = 8; forecast 35% ≤ 50% → 80 × 5% = 4
    // feedback 良 → 80 × 10% = 8; direct sales 60% → 60 × 5% = 3; price breach −3
    // 46 + 16 + 8 + 4 + 8 + 3 − 3 = 82 → 良好
    expect(result.total).toBe(82);
    expect(result.grade).toBe('良好');
    expect(itemAt(result, 'orderChange').explanation!['zh-CN']).toBe('订单改动率 14%（≤ 18%） → 80 分 × 10% = 8.0');
  });

  it.each([
    [0.06, 100], [0.0601, 80], [0.18, 80], [0.3, 60], [0.31, 0],
  ])('order-change rate %d scores %d (bounds inclusive)', (rate, expected) => {
    expect(itemAt(score({ orderChangeRate: rate }), 'orderChange').score).toBe(expected);
  });

  it('scores 0 below the 60% completion floor and caps completion at 100', () => {
    expect(itemAt(score({ salesActual: 590_000 }), 'salesCompletion').score).toBe(0);
    expect(itemAt(score({ salesActual: 600_000 }), 'salesCompletion').score).toBe(60);
    expect(itemAt(score({ salesActual: 1_300_000 }), 'salesCompletion').score).toBe(100);
  });

  it('limits price-policy deductions to 6', () => {
    // 4 breaches × 3 = 12 → limited to 6; 82 + 3 − 6 = 79
    const result = score({ priceBreaches: 4 });
    expect(itemAt(result, 'priceBreach').score).toBe(-6);
    expect(result.total).toBe(79);
  });
});
