/**
 * The HubSpot properties Fieldkit creates, all in one `fieldkit` property group per object so a
 * portal admin can see at a glance what the integration owns. Internal names never change once
 * shipped (HubSpot cannot rename a property); labels are bilingual because admins read them.
 */
export const GROUP_NAME = 'fieldkit';
export const GROUP_LABEL = 'Fieldkit 外勤';

export interface PropertySpec {
  name: string;
  label: string;
  type: 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';
  fieldType: 'text' | 'textarea' | 'number' | 'select' | 'date';
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
  { name: 'fieldkit_kpi_snapshot', label: 'KPI snapshot (JSON)', type: 'string', fieldType: 'textarea', description: 'Latest dealer KPI values as JSON, written by Fieldkit.' },
  { name: 'fieldkit_kpi_score', label: 'KPI score', type: 'number', fieldType: 'number', description: 'Weighted KPI score (0–100).' },
  { name: 'fieldkit_kpi_grade', label: 'KPI grade', type: 'string', fieldType: 'text', description: 'Grade from the weighted KPI score.' },
  { name: 'fieldkit_rule_set_version', label: 'Rule set version', type: 'string', fieldType: 'text', description: 'Which rule set produced the score.' },
  { name: 'fieldkit_kpi_computed_at', label: 'KPI computed at', type: 'datetime', fieldType: 'date', description: 'When Fieldkit computed the snapshot.' },
];

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
