import { describe, expect, it } from 'vitest';
import { evaluate } from '../../lib/rules/evaluate';
import { loadRuleSetOrThrow } from '../../lib/rules/load';
import { applyRounding } from '../../lib/rules/rounding';
import { ScoreResult } from '../../lib/rules/assessment-schema';
import { miniRuleSet } from './fixtures';

const mini = loadRuleSetOrThrow(miniRuleSet());
const complete = { target: 100, actual: 90, changeRate: 0.14, feedback: '良', breaches: 1 };

describe('evaluate', () => {
  it('scores, weighs and explains every item', () => {
    const result = evaluate(mini, complete);
    // sales 90/100 = 90% → 90 × 60% = 54; changes 14% ≤ 18% → 80 × 20% = 16;
    // feedback 良 → 80 × 20% = 16; breach 1 × −3 = −3. Total 54 + 16 + 16 − 3 = 83.
    expect(result.total).toBe(83);
    expect(result.partial).toBe(false);
    const [sales, changes, quality, breach] = result.root.children!;
    expect(changes!.explanation).toEqual({
      'zh-CN': '订单改动率 14%（≤ 18%） → 80 分 × 20% = 16.0',
      en: 'Order-change rate 14% (≤ 18%) → 80 pts × 20% = 16.0',
    });
    expect(sales!).toMatchObject({ value: 0.9, score: 90, weight: 0.6, contribution: 54, inputs: { completion: 0.9 } });
    expect(quality!.explanation!['zh-CN']).toBe('反馈 良 → 80 分 × 20% = 16.0');
    expect(breach!.explanation!.en).toBe('Breach: 1 × −3 = −3');
    expect(breach!.inputs).toEqual({ breaches: 1, breachPoints: 3 });
    expect(result.root.explanation!.en).toBe('Total = 54 + 16 + 16 − 3 = 83 pts');
    expect(ScoreResult.safeParse(result).success).toBe(true);
  });

  it('reports missing inputs per item and never reads them as 0', () => {
    const result = evaluate(mini, { ...complete, actual: null, feedback: undefined });
    expect(result.partial).toBe(true);
    expect(result.total).toBeNull();
    expect(result.grade).toBeNull();
    expect(result.missing.sort()).toEqual(['actual', 'feedback']);
    const [sales, changes, quality] = result.root.children!;
    expect(sales).toMatchObject({ status: 'missing', missing: ['actual'], score: null, contribution: null });
    expect(sales!.explanation!.en).toBe('Sales: missing Actual');
    expect(quality!.explanation!['zh-CN']).toBe('反馈：缺少 反馈');
    expect(changes!.status).toBe('ok');
    expect(result.root.status).toBe('partial');
    // known: changes 16 − breach 3 = 13
    expect(result.knownTotal).toBe(13);
  });

  it('reports a run-time failure (division by zero) on the item, not as a score', () => {
    const result = evaluate(mini, { ...complete, target: 0 });
    const sales = result.root.children![0]!;
    expect(sales.status).toBe('error');
    expect(sales.error).toEqual({ en: 'division by zero', 'zh-CN': '除数为 0' });
    expect(result.partial).toBe(true);
  });

  it('treats wrongly typed inputs as missing and lists the problem', () => {
    const result = evaluate(mini, { ...complete, breaches: 'two', extra: 1 });
    expect(result.inputProblems).toEqual([
      { field: 'extra', message: 'unknown input' },
      { field: 'breaches', message: 'expected a number, got "two"' },
    ]);
    expect(result.missing).toEqual(['breaches']);
  });

  it('caps a deduction at its limit and floors the block', () => {
    // 5 breaches × 3 = 15, limited to 6.
    const result = evaluate(mini, { ...complete, breaches: 5 });
    expect(result.root.children![3]).toMatchObject({ score: -6 });
    expect(result.root.children![3]!.explanation!.en).toBe('Breach: 5 × −3 (limited to −6) = −6');
    // Everything at its worst: 0 + 0 + 0 − 6 → floor 0.
    const worst = evaluate(mini, { target: 100, actual: 0, changeRate: 0.5, feedback: '差', breaches: 5 });
    expect(worst.total).toBe(0);
    expect(worst.root.explanation!.en).toBe('Total = 0 + 0 + 0 − 6 = 0 pts (−6, floor 0)');
  });

  it('skips explanations and per-item inputs when asked for totals only', () => {
    const result = evaluate(mini, complete, { explain: false });
    expect(result.total).toBe(83);
    expect(result.root.explanation).toBeUndefined();
    expect(result.root.children![0]!.inputs).toBeUndefined();
  });
});

describe('evaluate: KPI target and direction', () => {
  const aimed = loadRuleSetOrThrow(
    (() => {
      const ruleSet = miniRuleSet() as ReturnType<typeof miniRuleSet> & { root: { children: Record<string, unknown>[] } };
      ruleSet.parameters = { ...ruleSet.parameters, completionGoal: { value: 0.95, unit: 'percent', label: { en: 'Goal', 'zh-CN': '目标' } } };
      // Sales aims at a parameter; the order-change rate at an expression over an input, which cannot always be computed.
      Object.assign(ruleSet.root.children[0]!, { target: 'completionGoal', better: 'higher' });
      Object.assign(ruleSet.root.children[1]!, { target: '18% * 100 / target', better: 'lower' });
      return ruleSet;
    })(),
  );

  it('carries the computed target and the declared direction on the items that declare them', () => {
    const result = evaluate(aimed, complete);
    const [sales, changes, quality, breach] = result.root.children!;
    expect(sales).toMatchObject({ value: 0.9, valueUnit: 'percent', target: 0.95, better: 'higher', score: 90 });
    expect(changes).toMatchObject({ value: 0.14, target: 0.18, better: 'lower', score: 80 });
    for (const item of [result.root, quality!, breach!]) {
      expect(item.target).toBeUndefined();
      expect(item.better).toBeUndefined();
    }
    // The target is not part of the rule: it is not listed among what the item read.
    expect(changes!.inputs).toEqual({ changeRate: 0.14 });
    expect(result.total).toBe(83);
    expect(ScoreResult.safeParse(result).success).toBe(true);
  });

  it('carries them when only totals and items are asked for', () => {
    const result = evaluate(aimed, complete, { explain: false });
    expect(result.root.children![0]).toMatchObject({ target: 0.95, better: 'higher' });
  });

  it('gives a null target when it cannot be computed, without failing the item', () => {
    const missing = evaluate(aimed, { ...complete, target: null });
    expect(missing.root.children![1]).toMatchObject({ status: 'ok', score: 80, target: null, better: 'lower' });
    const zero = evaluate(aimed, { ...complete, target: 0 }); // the target divides by zero
    expect(zero.root.children![1]).toMatchObject({ status: 'ok', score: 80, target: null });
    expect(zero.root.children![0]).toMatchObject({ status: 'error', target: 0.95 });
  });

  it('gives the target of an item whose value is missing', () => {
    const result = evaluate(aimed, { ...complete, actual: null });
    expect(result.root.children![0]).toMatchObject({ status: 'missing', value: null, target: 0.95, better: 'higher' });
  });
});

describe('applyRounding', () => {
  it.each([
    [2.675, 2, 'halfUp', 2.68],
    [-2.5, 0, 'halfUp', -3],
    [2.5, 0, 'halfEven', 2],
    [3.5, 0, 'halfEven', 4],
    [84.4166, 1, 'floor', 84.4],
    [84.41, 1, 'ceil', 84.5],
    [-1.29, 1, 'truncate', -1.2],
    [0.1 + 0.2, 1, 'halfUp', 0.3],
  ] as const)('%d to %d decimals %s → %d', (value, decimals, mode, expected) => {
    expect(applyRounding(value, { decimals, mode })).toBe(expected);
  });
});
