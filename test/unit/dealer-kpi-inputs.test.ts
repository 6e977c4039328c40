import { describe, expect, it } from 'vitest';
import { gatherDealerInputs, inputValues } from '../../lib/dealers/kpi-inputs';
import { buildDealerPanel } from '../../lib/dealers/panel';
import { getBuiltInRuleSet } from '../../lib/rules/built-in';
import { facts, FACTS, HISTORY, NOVEMBER_CARDS, TERMINALS, card } from '../fixtures/dealer-history';

const ruleSets = { kpi: getBuiltInRuleSet('dealer-kpi')!, warnings: getBuiltInRuleSet('warnings')! };

describe('gatherDealerInputs', () => {
  const inputs = gatherDealerInputs(HISTORY, '2026-11');

  it('counts terminals from the terminal list and the visited ones from the month’s cards', () => {
    expect(inputs.totalTerminals).toMatchObject({ value: 10, source: { kind: 'terminals', count: 10 } });
    // Six terminals visited (one twice); the dealer's own cards are not terminal visits.
    expect(inputs.visitedTerminals).toMatchObject({ value: 6, source: { kind: 'visits', cards: 9, from: '2026-11-01', to: '2026-11-30' } });
    expect(inputs.transactedTerminals).toMatchObject({ value: 7, source: { kind: 'terminals' } });
    expect(inputs.signedTerminals).toMatchObject({ value: 4 });
    expect(inputs.signedContractVolume).toMatchObject({ value: 400, source: { kind: 'terminals' } });
  });

  it('reads ERP figures with their source, and shipments as a run of months', () => {
    expect(inputs.transactedTerminalSales).toEqual({ value: 700, source: { kind: 'figure', figure: 'terminalSales', period: '2026-11', source: { kind: 'import', file: 'erp-2026-11.xlsx', row: 2, at: '2026-11-28T08:00:00.000Z' } } });
    expect(inputs.monthlyShipments).toMatchObject({ value: [300, 300, 600], source: { kind: 'figures', figure: 'shipments', from: '2026-09', to: '2026-11', months: 3 } });
  });

  it('falls back to the latest inventory counted on a dealer visit card when the ERP has none', () => {
    expect(inputs.currentInventory).toEqual({ value: 400, source: { kind: 'visitCard', day: '2026-11-25' } });
    const withFigure = gatherDealerInputs({ ...HISTORY, facts: [...FACTS, facts('2026-11', { inventory: 380 })] }, '2026-11');
    expect(withFigure.currentInventory).toMatchObject({ value: 380, source: { kind: 'figure', figure: 'inventory' } });
  });

  it('takes arrears from the customer file when the month has no figure, and the credit limit from the month', () => {
    expect(inputs.arrears).toMatchObject({ value: 120000, source: { kind: 'dealerFile', field: 'arrears' } });
    expect(inputs.creditLimit).toMatchObject({ value: 100000, source: { kind: 'figure', figure: 'creditLimit' } });
  });

  it('says what is missing and where to get it, never 0', () => {
    const october = gatherDealerInputs(HISTORY, '2026-10');
    expect(october.transactedTerminalSales).toEqual({ missing: { need: 'figure', figure: 'terminalSales', period: '2026-10' } });
    expect(october.monthlyShipments).toEqual({ missing: { need: 'figureMonths', figure: 'shipments', months: 3, period: '2026-10' } });
    expect(october.requiredSkusNotCarried).toEqual({ missing: { need: 'visits', period: '2026-10' } });
    const noTerminals = gatherDealerInputs({ ...HISTORY, terminals: [] }, '2026-11');
    expect(noTerminals.totalTerminals).toEqual({ missing: { need: 'terminalList' } });
    expect(noTerminals.visitedTerminals).toEqual({ missing: { need: 'terminalList' } });
    expect(inputValues(noTerminals)).not.toHaveProperty('totalTerminals');
  });

  it('builds the achievement series from consecutive months only', () => {
    expect(inputs.monthlyAchievement).toMatchObject({ value: [0.9, 0.8, 0.95], source: { from: '2026-09', to: '2026-11', months: 3 } });
    const gap = gatherDealerInputs({ ...HISTORY, facts: FACTS.filter((f) => f.period !== '2026-10') }, '2026-11');
    expect(gap.monthlyAchievement).toMatchObject({ value: [0.95] });
  });

  it('counts required SKUs not carried on the latest card of each customer of the month', () => {
    expect(inputs.requiredSkusNotCarried).toMatchObject({ value: 1 });
    // The terminal's later card has it carried: nothing is missing any more.
    const fixed = gatherDealerInputs({ ...HISTORY, cards: [...NOVEMBER_CARDS, card('2026-11-29', { terminalId: TERMINALS[0]!.id, requiredSkus: [{ sku: 'M1-4L', carried: true }] })] }, '2026-11');
    expect(fixed.requiredSkusNotCarried).toMatchObject({ value: 0 });
  });
});

describe('buildDealerPanel', () => {
  const panel = buildDealerPanel(HISTORY, '2026-11', ruleSets, { now: new Date('2026-11-30T10:00:00Z') });

  it('scores the month as worked by hand: 0.6 × 91.7 + 0.4 × 81.25 = 87.5, grade A', () => {
    // coverage 6/10 = 0.6 → 66.7; distribution 0.7 → 100; activity 5/7 → 100; cover 400 ÷ 400 × 30 = 30 days → 100;
    // sales per terminal 700/7 = 100 → 100; compliance 0.5 × 300/400 + 0.5 × 2/4 = 0.625 → 62.5.
    expect(panel.score).toMatchObject({ total: 87.5, grade: 'A', partial: false });
    const kpi = (id: string) => panel.kpis.find((k) => k.id === id)!;
    expect(kpi('visitCoverageScore')).toMatchObject({ value: 0.6, target: 0.9, better: 'higher', unit: 'percent' });
    expect(kpi('inventoryScore')).toMatchObject({ value: 30, target: 30, better: 'lower', unit: 'day' });
    expect(kpi('complianceScore').value).toBeCloseTo(0.625);
    expect(panel.kpis.map((k) => k.id)).toEqual(['visitCoverageScore', 'distributionScore', 'activityScore', 'inventoryScore', 'salesPerTerminalScore', 'complianceScore']);
  });

  it('names each KPI’s raw inputs with their sources', () => {
    const coverage = panel.kpis.find((k) => k.id === 'visitCoverageScore')!;
    expect(coverage.inputs.map((i) => i.name).sort()).toEqual(['totalTerminals', 'visitedTerminals']);
    const cover = panel.kpis.find((k) => k.id === 'inventoryScore')!;
    expect(cover.inputs.find((i) => i.name === 'currentInventory')).toMatchObject({ value: 400, source: { kind: 'visitCard', day: '2026-11-25' } });
  });

  it('gives trends: last month and last year not computable here are null, never 0', () => {
    const sales = panel.kpis.find((k) => k.id === 'salesPerTerminalScore')!;
    expect(sales.previous).toBeNull();
    expect(sales.lastYear).toBeNull();
    expect(sales.series).toHaveLength(12);
    expect(sales.series.at(-1)).toEqual({ period: '2026-11', value: 100 });
    expect(panel.score.series.at(-2)).toEqual({ period: '2026-10', total: null });
    // Coverage is computable in October too (the terminal list, no visits then): 0.
    expect(panel.kpis.find((k) => k.id === 'visitCoverageScore')!.previous).toBe(0);
  });

  it('raises the warnings the month supports and says which it cannot tell', () => {
    const warning = (id: string) => panel.warnings.find((w) => w.id === id)!;
    expect(warning('arrearsOverCredit').raised).toBe(true);
    expect(warning('targetMissed').raised).toBe(true);
    expect(warning('requiredSkuMissing').raised).toBe(true);
    expect(warning('inventoryRising')).toMatchObject({ raised: false, missing: [{ name: 'inventoryCover', missing: { need: 'figure', figure: 'inventory' } }] });
  });

  it('is plain data (it crosses the message channel)', () => {
    expect(JSON.parse(JSON.stringify(panel))).toEqual(panel);
    expect(panel.dealer).toEqual({ id: HISTORY.dealer.id, name: '华东润滑油经销有限公司', city: '苏州', region: '华东', crmId: '9001' });
  });
});

describe('DealerPanelModelSchema', () => {
  it('accepts what buildDealerPanel builds, after a trip through JSON', async () => {
    const { DealerPanelModelSchema } = await import('../../lib/dealers/panel-schema');
    const panel = buildDealerPanel(HISTORY, '2026-11', ruleSets, { visits: NOVEMBER_CARDS.slice(0, 3) });
    expect(DealerPanelModelSchema.parse(JSON.parse(JSON.stringify(panel)))).toEqual(panel);
    expect(DealerPanelModelSchema.safeParse({ ...panel, score: { ...panel.score, total: 'high' } }).success).toBe(false);
  });
});

describe('defaultPanelPeriod', () => {
  it('opens at the latest month with figures among the last two, else the current month', async () => {
    const { defaultPanelPeriod } = await import('../../lib/dealers/panel-data');
    const { freshDatabase } = await import('../fixtures/records');
    const db = freshDatabase('fieldkit-default-period');
    await db.dealerFacts.bulkAdd(FACTS);
    expect(await defaultPanelPeriod(db, HISTORY.dealer.id, '2026-12-01')).toBe('2026-11');
    expect(await defaultPanelPeriod(db, HISTORY.dealer.id, '2026-11-15')).toBe('2026-11');
    // Figures three months old are too old: the current month.
    expect(await defaultPanelPeriod(db, HISTORY.dealer.id, '2027-02-03')).toBe('2027-02');
    expect(await defaultPanelPeriod(db, '01JDD000000000000000000099', '2026-12-01')).toBe('2026-12');
    db.close();
  });
});
