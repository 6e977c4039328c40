import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../lib/rules/evaluate';
import { loadRuleSetOrThrow } from '../../../lib/rules/load';
import { builtIn, itemAt, scoreWith } from '../helpers';

const dealer = {
  totalTerminals: 200, visitedTerminals: 160, transactedTerminals: 100, transactedTerminalSales: 9000, activeTerminalsThisMonth: 60,
  signedTerminals: 20, signedTerminalsOnTarget: 15, signedTerminalSales: 1800, signedContractVolume: 2000,
  currentInventory: 4500, monthlyShipments: [3500, 4000, 3800, 3600],
};
const score = (changes: Partial<typeof dealer>) => scoreWith('dealer-kpi', { ...dealer, ...changes });

describe('dealer key-process KPIs', () => {
  it('computes the six KPIs, the weighted score, the grade and the support tier by hand', () => {
    const result = score({});
    // coverage 160/200 = 80% vs 90% → 88.89; distribution 100/200 = 50% vs 60% → 83.33
    expect(itemAt(result, 'process.visitCoverageScore').value).toBe(0.8);
    expect(itemAt(result, 'process.visitCoverageScore').score).toBeCloseTo(88.889, 3);
    expect(itemAt(result, 'process.distributionScore').score).toBeCloseTo(83.333, 3);
    // activity 60/100 = 60% vs 70% → 85.71
    expect(itemAt(result, 'process.activityScore').score).toBeCloseTo(85.714, 3);
    // inventory: last 3 months (4000 + 3800 + 3600) / 3 = 3800; 4500 / 3800 = 1.184 months × 30 = 35.5 days
    // 35.5 > 30 (target) but ≤ 45 (1.5 × target) → 70
    expect(itemAt(result, 'process.inventoryScore').value).toBeCloseTo(35.526, 3);
    expect(itemAt(result, 'process.inventoryScore').score).toBe(70);
    expect(itemAt(result, 'process.inventoryScore').explanation!['zh-CN']).toBe('库存周转天数 35.5 天（≤ 45 天） → 70 分 × 25% = 17.5');
    // process = (88.889 + 83.333 + 85.714 + 70) / 4 = 81.984
    expect(itemAt(result, 'process').score).toBeCloseTo(81.984, 3);
    // sales per terminal 9000 / 100 = 90 vs 100 → 90
    // compliance 0.5 × 1800/2000 + 0.5 × 15/20 = 0.45 + 0.375 = 82.5% vs 100% → 82.5
    expect(itemAt(result, 'results.complianceScore').score).toBeCloseTo(82.5, 9);
    // results = 0.5 × 90 + 0.5 × 82.5 = 86.25
    // total = 0.6 × 81.984 + 0.4 × 86.25 = 49.190 + 34.5 = 83.690 → 83.7 → B (70 ≤ 83.7 < 85)
    expect(result.total).toBe(83.7);
    expect(result.grade).toBe('B');
    expect(result.gradeNote).toEqual({ en: 'Tier 2: regular promotional support', 'zh-CN': '二级支持：常规促销支持' });
  });

  it('gives every KPI its target, in the unit of its value, and which way is better', () => {
    const result = score({});
    const kpi = (path: string) => {
      const { value, valueUnit, target, better } = itemAt(result, path);
      return { value, valueUnit, target, better };
    };
    expect(kpi('process.visitCoverageScore')).toEqual({ value: 0.8, valueUnit: 'percent', target: 0.9, better: 'higher' });
    expect(kpi('process.distributionScore')).toEqual({ value: 0.5, valueUnit: 'percent', target: 0.6, better: 'higher' });
    expect(kpi('process.activityScore')).toEqual({ value: 0.6, valueUnit: 'percent', target: 0.7, better: 'higher' });
    // 35.5 days of cover against a 30-day target: lower is better, so this dealer is over target.
    expect(kpi('process.inventoryScore')).toEqual({ value: expect.closeTo(35.526, 3), valueUnit: 'day', target: 30, better: 'lower' });
    expect(kpi('results.salesPerTerminalScore')).toEqual({ value: 90, valueUnit: 'unit', target: 100, better: 'higher' });
    expect(kpi('results.complianceScore')).toEqual({ value: expect.closeTo(0.825, 9), valueUnit: 'percent', target: 1, better: 'higher' });
    // Blocks are not KPIs: no target, no direction.
    for (const block of [result.root, itemAt(result, 'process'), itemAt(result, 'results')]) expect([block.target, block.better]).toEqual([undefined, undefined]);
    // The target is the parameter the score uses: change it and both move together.
    const ruleSet = structuredClone(builtIn('dealer-kpi').ruleSet);
    ruleSet.parameters.visitCoverageTarget!.value = 0.8;
    const lowered = evaluate(loadRuleSetOrThrow(ruleSet), dealer);
    expect(itemAt(lowered, 'process.visitCoverageScore')).toMatchObject({ value: 0.8, target: 0.8, score: 100 });
  });

  it('keeps the targets when a KPI cannot be computed', () => {
    const empty = score({ totalTerminals: 0 });
    expect(itemAt(empty, 'process.visitCoverageScore')).toMatchObject({ status: 'error', target: 0.9, better: 'higher' });
    const { visitedTerminals: _dropped, ...rest } = dealer;
    const missing = scoreWith('dealer-kpi', rest);
    expect(itemAt(missing, 'process.visitCoverageScore')).toMatchObject({ status: 'missing', value: null, target: 0.9 });
  });

  it('caps a KPI above target at 100 and grades a strong dealer A', () => {
    // coverage 100%, distribution 70%, activity 80% → all 100; inventory 3000/3800 × 30 = 23.7 days → 100
    // sales 12000/140 = 85.7 → 85.71; compliance 0.5 × 1 + 0.5 × 1 = 100%
    const result = score({ visitedTerminals: 200, transactedTerminals: 140, activeTerminalsThisMonth: 112, transactedTerminalSales: 12000, currentInventory: 3000, signedTerminalSales: 2000, signedTerminalsOnTarget: 20 });
    // total = 0.6 × 100 + 0.4 × (0.5 × 85.714 + 0.5 × 100) = 60 + 37.14 = 97.1
    expect(result.total).toBe(97.1);
    expect(result.grade).toBe('A');
  });

  it('needs 3 months of shipments and reports a territory without terminals as an error, not 0', () => {
    const short = score({ monthlyShipments: [3500, 4000] });
    expect(short.inputProblems).toEqual([{ field: 'monthlyShipments', message: 'needs at least 3 values, got 2' }]);
    const empty = score({ totalTerminals: 0 });
    expect(itemAt(empty, 'process.visitCoverageScore').status).toBe('error');
    expect(empty.partial).toBe(true);
  });
});
