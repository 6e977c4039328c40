import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../lib/rules/evaluate';
import { getBuiltInRuleSet, listBuiltInRuleSets } from '../../../lib/rules/built-in';
import { loadRuleSetOrThrow, parseRuleSet } from '../../../lib/rules/load';
import { builtIn, scoreWith } from '../helpers';

const grade = (monthsToSign: number, clearNeed: boolean, goodRelationship: boolean) =>
  scoreWith('customer-grade', { monthsToSign, clearNeed, goodRelationship }).grade;

// Seed 001 L951–955: A = clear need, signs within 1 month; B = clear need, 2–3 months, good
// relationship; C = 3–6 months of follow-up. The months decide the window; missing the window's
// condition costs exactly one grade.
describe('customer grade suggestion (version 2)', () => {
  it('is the shipped version', () => {
    expect(builtIn('customer-grade').ruleSet.version).toBe(2);
  });

  describe('within A’s months (≤ 1)', () => {
    it('suggests A for a clear need, with or without a good relationship (A has no relationship condition)', () => {
      expect(grade(1, true, true)).toBe('A');
      expect(grade(1, true, false)).toBe('A');
      expect(grade(0, true, false)).toBe('A');
    });
    it('falls one grade to B without a clear need, not two: B’s own conditions are not applied again', () => {
      expect(grade(0.5, false, true)).toBe('B');
      expect(grade(0.5, false, false)).toBe('B');
      expect(grade(1, false, false)).toBe('B');
    });
  });

  describe('within B’s months (> 1, ≤ 3)', () => {
    it('suggests B for a clear need and a good relationship, including the 1–2 months the seed leaves open', () => {
      expect(grade(3, true, true)).toBe('B');
      expect(grade(1.5, true, true)).toBe('B');
    });
    it('falls one grade to C without a clear need', () => {
      expect(grade(3, false, true)).toBe('C');
    });
    it('falls one grade to C without a good relationship', () => {
      expect(grade(2, true, false)).toBe('C');
    });
    it('falls one grade to C missing both, never further', () => {
      expect(grade(2, false, false)).toBe('C');
    });
  });

  describe('within C’s months (> 3, ≤ 6)', () => {
    it('suggests C whatever the need and the relationship', () => {
      expect(grade(6, true, true)).toBe('C');
      expect(grade(4, false, false)).toBe('C');
      expect(grade(3.5, true, false)).toBe('C');
    });
  });

  it('suggests no grade beyond 6 months', () => {
    expect(grade(7, true, true)).toBe('-');
    expect(grade(6.5, false, false)).toBe('-');
  });

  // Every combination, by hand: the suggestion is the window's grade or exactly one below it.
  const window = (months: number) => (months <= 1 ? 'A' : months <= 3 ? 'B' : months <= 6 ? 'C' : '-');
  const below: Record<string, string> = { A: 'B', B: 'C', C: 'C', '-': '-' };
  it.each([
    // months, clearNeed, goodRelationship, expected
    [0, true, true, 'A'], [0, true, false, 'A'], [0, false, true, 'B'], [0, false, false, 'B'],
    [1, true, true, 'A'], [1, true, false, 'A'], [1, false, true, 'B'], [1, false, false, 'B'],
    [1.01, true, true, 'B'], [1.01, true, false, 'C'], [1.01, false, true, 'C'], [1.01, false, false, 'C'],
    [3, true, true, 'B'], [3, true, false, 'C'], [3, false, true, 'C'], [3, false, false, 'C'],
    [3.01, true, true, 'C'], [3.01, true, false, 'C'], [3.01, false, true, 'C'], [3.01, false, false, 'C'],
    [6, true, true, 'C'], [6, true, false, 'C'], [6, false, true, 'C'], [6, false, false, 'C'],
    [6.01, true, true, '-'], [6.01, true, false, '-'], [6.01, false, true, '-'], [6.01, false, false, '-'],
  ] as const)('%s months, clear need %s, good relationship %s → %s', (months, clearNeed, goodRelationship, expected) => {
    const suggested = grade(months, clearNeed, goodRelationship);
    expect(suggested).toBe(expected);
    expect([window(months), below[window(months)]]).toContain(suggested);
  });

  it('explains the level it suggests', () => {
    const result = scoreWith('customer-grade', { monthsToSign: 0.5, clearNeed: false, goodRelationship: false });
    expect(result).toMatchObject({ total: 2, grade: 'B', partial: false });
    expect(result.root.explanation).toEqual({
      en: 'Grade level (3 = A, 2 = B, 1 = C) 0.5 months → level 2',
      'zh-CN': '级别分（3 = A，2 = B，1 = C） 0.5 个月 → 2 级',
    });
  });

  it('moves the windows with the parameters', () => {
    const ruleSet = structuredClone(builtIn('customer-grade').ruleSet);
    ruleSet.version = 3;
    ruleSet.parameters.gradeAMonths!.value = 2;
    const compiled = loadRuleSetOrThrow(ruleSet);
    expect(evaluate(compiled, { monthsToSign: 1.5, clearNeed: true, goodRelationship: false }).grade).toBe('A');
    expect(evaluate(compiled, { monthsToSign: 1.5, clearNeed: false, goodRelationship: false }).grade).toBe('B');
  });

  it('refuses windows out of order', () => {
    const ruleSet = structuredClone(builtIn('customer-grade').ruleSet);
    ruleSet.parameters.gradeAMonths!.value = 4;
    const result = parseRuleSet(ruleSet);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([{ path: 'checks[0]', message: "A's months must not exceed B's, nor B's exceed C's." }]);
  });

  it('is partial, not a grade, when an input is missing', () => {
    const result = scoreWith('customer-grade', { monthsToSign: 0.5, clearNeed: null, goodRelationship: true });
    expect(result).toMatchObject({ total: null, grade: null, partial: true, missing: ['clearNeed'] });
  });

  it('writes its reading of the seed in both languages', () => {
    const readings = builtIn('customer-grade').ruleSet.readings;
    expect(readings.map((r) => r.id)).toEqual(['aNeedOnly', 'bNeedAndRelationship', 'fallOneGrade', 'cNoCondition', 'inclusiveLimits', 'beyondC']);
    const fall = readings.find((r) => r.id === 'fallOneGrade')!;
    expect(fall.text.en).toMatch(/exactly one grade lower, never two/);
    expect(fall.text['zh-CN']).toMatch(/只降一级，不降两级/);
  });
});

describe('customer grade version 1 (superseded, kept for stored scores)', () => {
  const v1 = () => getBuiltInRuleSet('customer-grade', 1)!;

  it('still ships, and only version 2 scores new subjects', () => {
    expect(v1().ruleSet.version).toBe(1);
    expect(listBuiltInRuleSets().filter((r) => r.id === 'customer-grade').map((r) => r.version)).toEqual([2]);
  });

  it('recomputes what it computed: A needed a good relationship, B no clear need, and a miss could cost two grades', () => {
    const under = (version: 1 | 2, inputs: Record<string, unknown>) => evaluate(getBuiltInRuleSet('customer-grade', version)!, inputs);
    const readyNoRelationship = { monthsToSign: 1, clearNeed: true, goodRelationship: false };
    expect(under(1, readyNoRelationship)).toMatchObject({ ruleSetVersion: 1, grade: 'C' }); // fell two grades
    expect(under(2, readyNoRelationship)).toMatchObject({ ruleSetVersion: 2, grade: 'A' });
    const soonWithNeither = { monthsToSign: 0.5, clearNeed: false, goodRelationship: false };
    expect(under(1, soonWithNeither).grade).toBe('C'); // fell two grades
    expect(under(2, soonWithNeither).grade).toBe('B');
    const noNeedInBWindow = { monthsToSign: 3, clearNeed: false, goodRelationship: true };
    expect(under(1, noNeedInBWindow).grade).toBe('B');
    expect(under(2, noNeedInBWindow).grade).toBe('C');
  });
});
