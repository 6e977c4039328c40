/**
 * Where the Fieldkit extension writes a dealer's KPI snapshot on a HubSpot company: one property
 * per snapshot field (lib/dealers/snapshot.ts `snapshotFields`), in Fieldkit's own `fieldkit`
 * property group. The extension creates and writes these properties; this card only reads them.
 * Internal names never change once shipped (HubSpot cannot rename a property).
 */
import type { SnapshotFieldName } from './generated/fieldkit-snapshot.js';

/** Snapshot field → HubSpot company property. */
export const KPI_PROPERTY_NAMES = {
  kpiScore: 'fieldkit_kpi_score',
  kpiGrade: 'fieldkit_kpi_grade',
  kpiPeriod: 'fieldkit_kpi_period',
  kpiRuleSet: 'fieldkit_kpi_rule_set',
  kpiComputedAt: 'fieldkit_kpi_computed_at',
  kpiPartial: 'fieldkit_kpi_partial',
  kpiDetail: 'fieldkit_kpi_detail',
} as const satisfies Record<SnapshotFieldName, `fieldkit_kpi_${string}`>;

export type KpiPropertyName = (typeof KPI_PROPERTY_NAMES)[SnapshotFieldName];

/** The property definitions, in the shape of lib/crm/hubspot/properties.ts `PropertySpec`. */
export interface KpiPropertySpec {
  name: KpiPropertyName;
  label: string;
  type: 'string' | 'number' | 'datetime' | 'bool';
  fieldType: 'text' | 'textarea' | 'number' | 'date' | 'booleancheckbox';
  description: string;
  options?: { label: string; value: string }[];
}

export const KPI_PROPERTIES: readonly KpiPropertySpec[] = [
  {
    name: 'fieldkit_kpi_score',
    label: 'KPI 得分 KPI score',
    type: 'number',
    fieldType: 'number',
    description: 'Weighted dealer KPI score for the month in fieldkit_kpi_period. Empty when some inputs are missing (see fieldkit_kpi_partial).',
  },
  { name: 'fieldkit_kpi_grade', label: 'KPI 等级 KPI grade', type: 'string', fieldType: 'text', description: 'Grade from the KPI score (A, B …). Empty when partial.' },
  { name: 'fieldkit_kpi_period', label: 'KPI 月份 KPI month', type: 'string', fieldType: 'text', description: 'The month scored, as YYYY-MM (e.g. 2026-11).' },
  { name: 'fieldkit_kpi_rule_set', label: 'KPI 规则集 KPI rule set', type: 'string', fieldType: 'text', description: 'The rule set and version that computed the score, as id@version (e.g. dealer-kpi@1).' },
  { name: 'fieldkit_kpi_computed_at', label: 'KPI 计算时间 KPI computed at', type: 'datetime', fieldType: 'date', description: 'When Fieldkit computed the snapshot.' },
  {
    name: 'fieldkit_kpi_partial',
    label: 'KPI 数据不全 KPI partial',
    type: 'bool',
    fieldType: 'booleancheckbox',
    description: 'Yes when some KPI inputs were missing, so there is no total score.',
    options: [
      { label: '是 Yes', value: 'true' },
      { label: '否 No', value: 'false' },
    ],
  },
  {
    name: 'fieldkit_kpi_detail',
    label: 'KPI 快照 (JSON) KPI snapshot',
    type: 'string',
    fieldType: 'textarea',
    description: 'The whole KPI snapshot as JSON (under 65,536 characters), read by the Fieldkit app card. Do not edit.',
  },
];

/** The snapshot fields of a company's properties, by snapshot field name. */
export function snapshotFieldsOf(properties: Readonly<Record<string, string | null | undefined>>): Record<SnapshotFieldName, string | null | undefined> {
  return Object.fromEntries(Object.entries(KPI_PROPERTY_NAMES).map(([field, property]) => [field, properties[property]])) as Record<SnapshotFieldName, string | null | undefined>;
}
