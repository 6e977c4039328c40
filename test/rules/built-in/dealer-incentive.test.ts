import { describe, expect, it } from 'vitest';
import { parseRuleSet } from '../../../lib/rules/load';
import { evaluate } from '../../../lib/rules/evaluate';
import { loadRuleSetOrThrow } from '../../../lib/rules/load';
import { builtIn, scoreWith } from '../helpers';

const payout = (actualSales: number) => scoreWith('dealer-incentive', { actualSales }).total;

describe('dealer incentive payout', () => {
  it.each([
    // 3% × 1,000,000 = 30,000
    [1_000_000, 30_000],
    // 30,000 + 5% × 200,000 = 30,000 + 10,000
    [1_200_000, 40_000],
    // 30,000 + 5% × 500,000 = 30,000 + 25,000
    [1_500_000, 55_000],
    // below the minimum: nothing by default
    [900_000, 0],
  ])('pays %d → %d', (actual, expected) => {
    expect(payout(actual)).toBe(expected);
  });

  it('explains the two parts', () => {
    const result = scoreWith('dealer-incentive', { actualSales: 1_200_000 });
    expect(result.root.explanation!['zh-CN']).toBe('激励奖励 = 30,000 + 10,000 = 40,000 元');
    expect(result.root.children![1]!.explanation!.en).toBe('Excess reward CNY 200,000 → CNY 10,000');
  });

  it('pays the target rate below the minimum when payBelowMinimum is set', () => {
    const ruleSet = structuredClone(builtIn('dealer-incentive').ruleSet);
    ruleSet.parameters.payBelowMinimum!.value = true;
    // 3% × 900,000 = 27,000
    expect(evaluate(loadRuleSetOrThrow(ruleSet), { actualSales: 900_000 }).total).toBe(27_000);
  });

  it('warns when the excess rate is not above the target rate or the incentive target is outside +20–50%', () => {
    const ruleSet = structuredClone(builtIn('dealer-incentive').ruleSet);
    ruleSet.parameters.excessRate!.value = 0.03;
    ruleSet.parameters.incentiveTarget!.value = 1_100_000;
    const loaded = parseRuleSet(ruleSet);
    expect(loaded.ok && loaded.warnings.map((w) => w.path)).toEqual(['checks[0]', 'checks[1]']);
    expect(parseRuleSet(builtIn('dealer-incentive').ruleSet).ok && (parseRuleSet(builtIn('dealer-incentive').ruleSet) as { warnings: unknown[] }).warnings).toEqual([]);
  });
});
