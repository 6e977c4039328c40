/**
 * A dealer's November 2026 as the extension would write it (the hand-worked month of
 * test/fixtures/dealer-history.ts in the extension: 87.5, grade A), with last month known for
 * the score and some KPIs so trends show, and the company properties HubSpot would return for it.
 */
import { KPI_PROPERTY_NAMES } from '../src/app/cards/fieldkit-properties.ts';
import { KpiSnapshot, snapshotFields } from '../src/app/cards/generated/fieldkit-snapshot.js';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });

export const SNAPSHOT: KpiSnapshot = KpiSnapshot.parse({
  version: 1,
  period: '2026-11',
  computedAt: '2026-11-30T10:00:00.000Z',
  ruleSetId: 'dealer-kpi',
  ruleSetVersion: 1,
  ruleSetName: label('Dealer key-process KPIs and grading', '经销商关键过程绩效指标与分级'),
  score: 87.5,
  knownTotal: 87.5,
  scoreUnit: 'point',
  grade: 'A',
  gradeLabel: label('Grade A', 'A 级'),
  partial: false,
  kpis: [
    { id: 'visitCoverageScore', label: label('Terminal visit coverage', '终端拜访覆盖率'), value: 0.6, unit: 'percent', target: 0.9, better: 'higher', previous: 0.5, score: 66.67 },
    { id: 'distributionScore', label: label('Distribution rate', '终端铺货率'), value: 0.7, unit: 'percent', target: 0.6, better: 'higher', previous: 0.7, score: 100 },
    { id: 'activityScore', label: label('Monthly terminal activity', '月度终端活跃度'), value: 0.7142857142857143, unit: 'percent', target: 0.7, better: 'higher', previous: null, score: 100 },
    { id: 'inventoryScore', label: label('Inventory cover', '库存周转天数'), value: 30, unit: 'day', target: 30, better: 'lower', previous: 45, score: 100 },
    { id: 'salesPerTerminalScore', label: label('Monthly sales per terminal', '终端月平均销售能力'), value: 100, unit: 'unit', target: 100, better: 'higher', previous: null, score: 100 },
    { id: 'complianceScore', label: label('Signed-terminal compliance', '签约终端达标率'), value: 0.625, unit: 'percent', target: 1, better: 'higher', previous: null, score: 62.5 },
  ],
  kpisOmitted: 0,
  scoreSeries: [
    { period: '2026-06', total: null },
    { period: '2026-07', total: null },
    { period: '2026-08', total: null },
    { period: '2026-09', total: 78 },
    { period: '2026-10', total: 80 },
    { period: '2026-11', total: 87.5 },
  ],
});

export const PARTIAL: KpiSnapshot = { ...SNAPSHOT, score: null, knownTotal: 60, grade: null, partial: true };

/** What `useCrmProperties` returns: every value a string, or null when never set. */
export type Properties = Record<string, string | null>;

export const EMPTY_PROPERTIES: Properties = Object.fromEntries(Object.values(KPI_PROPERTY_NAMES).map((name) => [name, null]));

/** The company properties the extension writes for a snapshot, as HubSpot returns them. */
export function propertiesOf(snapshot: KpiSnapshot): Properties {
  const fields = snapshotFields(snapshot);
  return Object.fromEntries(Object.entries(KPI_PROPERTY_NAMES).map(([field, name]) => [name, String(fields[field as keyof typeof fields])]));
}
