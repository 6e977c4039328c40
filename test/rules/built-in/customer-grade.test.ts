import { describe, expect, it } from 'vitest';
import { scoreWith } from '../helpers';

const grade = (monthsToSign: number, clearNeed: boolean, goodRelationship: boolean) =>
  scoreWith('customer-grade', { monthsToSign, clearNeed, goodRelationship }).grade;

describe('customer grade suggestion', () => {
  it('suggests A for a clear need that can sign within a month', () => {
    expect(grade(1, true, true)).toBe('A');
  });
  it('suggests B for 2–3 months with a good relationship, or a 1-month deal without a clear need', () => {
    expect(grade(3, false, true)).toBe('B');
    expect(grade(0.5, false, true)).toBe('B');
  });
  it('suggests C for 3–6 months of follow-up, or sooner without a good relationship', () => {
    expect(grade(6, false, false)).toBe('C');
    expect(grade(2, true, false)).toBe('C');
  });
  it('suggests no grade beyond 6 months', () => {
    expect(grade(7, true, true)).toBe('-');
  });
});
