/**
 * The HubSpot properties Fieldkit creates, all in one `fieldkit` property group per object so a
 * portal admin can see at a glance what the integration owns. Internal names never change once
 * shipped (HubSpot cannot rename a property); labels are bilingual because admins read them.
 */
import type { SnapshotFieldName } from '../../dealers/snapshot';

export const GROUP_NAME = 'fieldkit';
export const GROUP_LABEL = 'Fieldkit 外勤';

export interface PropertySpec {
  name: string;
  label: string;
  type: 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';
  fieldType: 'text' | 'textarea' | 'number' | 'select' | 'date' | 'booleancheckbox';
  description: string;
  options?: { label: string; value: string }[];
  hasUniqueValue?: boolean;
}

/** Dealer fields on companies. Options are stored by code; labels carry the Chinese terms. */
export const COMPANY_PROPERTIES: readonly PropertySpec[] = [
  {
    name: 'fieldkit_dealer_key',
    label: 'Fieldkit dealer id',
    type: 'string',
    fieldType: 'text',
    description: "Fieldkit's local dealer id; unique so a company can be found again from Fieldkit.",
    hasUniqueValue: true,
  },
  {
    name: 'fieldkit_customer_class',
    label: '客户类别 Customer class',
    type: 'enumeration',
    fieldType: 'select',
    description: '经销客户 / 潜在客户 / 下游客户',
    options: [
      { label: '经销客户 Distributor', value: 'distributor' },
      { label: '潜在客户 Potential', value: 'potential' },
      { label: '下游客户 Downstream', value: 'downstream' },
    ],
  },
  {
    name: 'fieldkit_grade',
    label: '客户级别 Customer grade',
    type: 'enumeration',
    fieldType: 'select',
    description: 'A: signs within 1 month; B: 2–3 months; C: 3–6 months.',
    options: ['A', 'B', 'C'].map((v) => ({ label: v, value: v })),
  },
  { name: 'fieldkit_credit_limit', label: '授信额度 Credit limit', type: 'number', fieldType: 'number', description: 'In the company currency.' },
  { name: 'fieldkit_arrears', label: '欠款 Arrears', type: 'number', fieldType: 'number', description: 'Outstanding amount owed by the dealer.' },
  {
    name: 'fieldkit_responsible_rep',
    label: '责任人 Responsible rep',
    type: 'string',
    fieldType: 'text',
    description: 'HubSpot owner id of the rep responsible for this dealer in Fieldkit.',
  },
  // The dealer's KPI snapshot (lib/dealers/snapshot.ts), written by the `dealerKpi` kind and read
  // by the HubSpot app card (hubspot-app/src/app/cards/fieldkit-properties.ts lists the same seven;
  // test/crm/kpi-snapshot.test.ts keeps the two equal).
  {
    name: 'fieldkit_kpi_score',
    label: 'KPI 得分 KPI score',
    type: 'number',
    fieldType: 'number',
    description: 'Weighted dealer KPI score for the month in fieldkit_kpi_period. Empty when some inputs are missing (see fieldkit_kpi_partial).',
  },
  { name: 'fieldkit_kpi_grade', label: 'KPI 等级 KPI grade', type: 'string', fieldType: 'text', description: 'Grade from the KPI score (A, B …). Empty when partial.' },
  { name: 'fieldkit_kpi_period', label: 'KPI 月份 KPI month', type: 'string', fieldType: 'text', description: 'The month scored, as YYYY-MM (e.g. 2026-11).' },
  {
    name: 'fieldkit_kpi_rule_set',
    label: 'KPI 规则集 KPI rule set',
    type: 'string',
    fieldType: 'text',
    description: 'The rule set and version that computed the score, as id@version (e.g. dealer-kpi@1).',
  },
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

/**
 * The company property of each field a `dealerFields` kind writes (lib/store/kind.ts), by the
 * field's CRM-agnostic name: today the KPI snapshot's (lib/dealers/snapshot.ts
 * `SNAPSHOT_FIELD_NAMES`). A field with no property here is refused per record, never sent.
 */
export const DEALER_FIELD_PROPERTIES: Readonly<Record<string, string>> = {
  kpiScore: 'fieldkit_kpi_score',
  kpiGrade: 'fieldkit_kpi_grade',
  kpiPeriod: 'fieldkit_kpi_period',
  kpiRuleSet: 'fieldkit_kpi_rule_set',
  kpiComputedAt: 'fieldkit_kpi_computed_at',
  kpiPartial: 'fieldkit_kpi_partial',
  kpiDetail: 'fieldkit_kpi_detail',
} satisfies Record<SnapshotFieldName, `fieldkit_kpi_${string}`>;

/** Structured data on notes: what lets Fieldkit read its records back. */
export const NOTE_PROPERTIES: readonly PropertySpec[] = [
  {
    name: 'fieldkit_record_id',
    label: 'Fieldkit record id',
    type: 'string',
    fieldType: 'text',
    description: "Fieldkit's local record id (ULID, stored lowercase): the idempotency key.",
  },
  {
    // Plain text, not an enumeration: a kind added to the registry must sync without changing
    // every portal's option list.
    name: 'fieldkit_record_type',
    label: 'Fieldkit record type',
    type: 'string',
    fieldType: 'text',
    description: 'Which Fieldkit record kind this note carries (visitCard, diaryEntry, report, intelItem, …).',
  },
  { name: 'fieldkit_payload', label: 'Fieldkit payload (JSON)', type: 'string', fieldType: 'textarea', description: 'The record as JSON; read by Fieldkit.' },
  { name: 'fieldkit_version', label: 'Fieldkit version', type: 'string', fieldType: 'text', description: 'updatedAt of the local record this note reflects.' },
  { name: 'fieldkit_company_id', label: 'Fieldkit dealer company id', type: 'string', fieldType: 'text', description: 'The associated dealer company id, copied so one search finds a dealer\'s records.' },
];

/** HubSpot's limit for a string property value. */
export const MAX_STRING = 65_536;
