import { describe, expect, it } from 'vitest';
import { scoreWith } from '../helpers';

describe('sales-rep annual score', () => {
  it('divides the sum of 12 monthly scores by 12', () => {
    // 80+82+85+90+78+88+84+86+91+79+83+87 = 1013; 1013 ÷ 12 = 84.4166… → 84.4
    const result = scoreWith('sales-rep-annual', { monthlyScores: [80, 82, 85, 90, 78, 88, 84, 86, 91, 79, 83, 87] });
    expect(result.root.value).toBe(1013);
    expect(result.total).toBe(84.4);
    expect(result.grade).toBe('B');
  });

  it('is partial when a month has no score, instead of counting it as 0', () => {
    const result = scoreWith('sales-rep-annual', { monthlyScores: [80, 82, 85, 90, 78, 88, 84, 86, 91, 79, 83, null] });
    expect(result.partial).toBe(true);
    expect(result.total).toBeNull();
    expect(result.missing).toEqual(['monthlyScores']);
  });

  it('rejects a year that is not 12 months long', () => {
    const result = scoreWith('sales-rep-annual', { monthlyScores: [80, 90] });
    expect(result.inputProblems).toEqual([{ field: 'monthlyScores', message: 'needs at least 12 values, got 2' }]);
  });
});
