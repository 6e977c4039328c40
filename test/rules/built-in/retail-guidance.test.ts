import { describe, expect, it } from 'vitest';
import { itemAt, scoreWith } from '../helpers';

describe('retail-guidance targets', () => {
  it('computes the sample year by hand', () => {
    const result = scoreWith('retail-guidance', { customers: 200, guidedCustomers: 130, guidanceGiven: 150, guidanceEffective: 114, brandForecast: [100, 80, 50], brandActual: [100, 100, 40] });
    // coverage 130/200 = 65% ≥ 60% → 100 × 40% = 40
    expect(itemAt(result, 'coverage').score).toBe(100);
    // effective 114/150 = 76% vs 80% → 95 × 40% = 38
    expect(itemAt(result, 'effective').score).toBeCloseTo(95, 9);
    // accuracy per brand: 1 − 0/100 = 1; 1 − 20/100 = 0.8; 1 − 10/40 = 0.75 → mean 0.85
    // 0.85 / 0.9 × 100 = 94.44 × 20% = 18.89
    expect(itemAt(result, 'accuracy').value).toBeCloseTo(0.85, 9);
    // 40 + 38 + 18.89 = 96.89 → 96.9 → near (80 ≤ 96.9 < 100)
    expect(result.total).toBe(96.9);
    expect(result.grade).toBe('near');
    // Each item shows its value against the seed's target (60%, 80%) or the default (90%); higher is better.
    for (const [id, target] of [['coverage', 0.6], ['effective', 0.8], ['accuracy', 0.9]] as const) {
      expect(itemAt(result, id)).toMatchObject({ valueUnit: 'percent', target, better: 'higher' });
    }
  });

  it('is met only when every target is met', () => {
    const result = scoreWith('retail-guidance', { customers: 100, guidedCustomers: 60, guidanceGiven: 10, guidanceEffective: 8, brandForecast: [95], brandActual: [100] });
    // 60% = target → 100; 80% = target → 100; accuracy 95% ≥ 90% → 100
    expect(result.total).toBe(100);
    expect(result.grade).toBe('met');
  });

  it('reports brand lists of different lengths as an error', () => {
    const result = scoreWith('retail-guidance', { customers: 100, guidedCustomers: 60, guidanceGiven: 10, guidanceEffective: 8, brandForecast: [95, 10], brandActual: [100] });
    expect(itemAt(result, 'accuracy').error!.en).toBe('series lengths differ (2 and 1)');
  });
});
