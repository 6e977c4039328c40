/**
 * 经销商 KPI 快照: the latest KPI snapshot of one dealer (lib/dealers/snapshot.ts), as the flat
 * fields written to the dealer's CRM record so that the CRM's lists, reports and workflows — and
 * people without Fieldkit — can use it. One row per dealer, rewritten in place; the refresh job
 * (./kpi-snapshot.ts) saves a new version only when the fields changed.
 *
 * Declared like every kind, so the outbox, sync and the registry's convention test derive from it;
 * its CRM home is `dealerFields` (lib/store/kind.ts): written onto the dealer's own CRM record,
 * never created, never deleted, never pulled back.
 */
import { z } from '../kernel/zod';
import { Id, Instant, Month, recordBase } from '../kernel/record';
import { defineKind, type ReadableRecord, type RenderContext } from '../store/kind';
import { field, monthText, numberText, present, say } from '../store/readable';
import { MAX_DETAIL_CHARS, SNAPSHOT_FIELD_NAMES, type SnapshotFields } from './snapshot';

/** `snapshotFields` as stored: exactly the seven fields, each as the CRM receives it. */
export const StoredSnapshotFields = z.strictObject({
  kpiScore: z.union([z.number().finite(), z.literal('')]),
  kpiGrade: z.string().max(40),
  kpiPeriod: Month,
  kpiRuleSet: z.string().regex(/^[a-z][a-z0-9-]{1,63}@\d+$/, 'expected a rule set reference like dealer-kpi@1'),
  kpiComputedAt: Instant,
  kpiPartial: z.enum(['true', 'false']),
  kpiDetail: z.string().min(2).max(MAX_DETAIL_CHARS - 1),
}) satisfies z.ZodType<SnapshotFields>;

export const DealerKpiSnapshot = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  dealerId: Id,
  /** The month scored (derived: `fields.kpiPeriod`). */
  period: Month,
  fields: StoredSnapshotFields,
});
export type DealerKpiSnapshot = z.infer<typeof DealerKpiSnapshot>;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const FNV_OFFSET = 0x6c62272e07bb014262b821756295c58dn;
const FNV_PRIME = 0x0000000001000000000000000000013bn;
const MASK_128 = (1n << 128n) - 1n;

/** 128-bit FNV-1a of the UTF-8 bytes: stable on every device and every JavaScript engine. */
function fnv1a128(text: string): bigint {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_128;
  return hash;
}

/**
 * The id of a dealer's snapshot row, derived from the dealer's id so every device names the same
 * row the same way (one outbox entry per dealer, and the same id in every device's audit trail).
 * Not the dealer's id itself: a dealer and its snapshot can travel in the same push, and a push
 * names each record by its id. A ULID-shaped string (26 Crockford characters, the first 0–7).
 */
export function kpiSnapshotIdOf(dealerId: string): string {
  let n = fnv1a128(`dealerKpi:${dealerId.toUpperCase()}`);
  let out = '';
  for (let i = 0; i < 25; i++) {
    out = CROCKFORD[Number(n & 31n)]! + out;
    n >>= 5n;
  }
  return CROCKFORD[Number(n & 7n)]! + out;
}

/** The snapshot as a record reader (the sync panel, an audit) reads it; the CRM shows the fields themselves. */
function renderSnapshot(row: DealerKpiSnapshot, { locale, dealerName }: RenderContext): ReadableRecord {
  const { fields } = row;
  const partial = fields.kpiPartial === 'true';
  return {
    title: { 'zh-CN': '经销商 KPI 快照', en: 'Dealer KPI snapshot' },
    date: monthText(row.period, locale),
    lines: present([
      field('经销商', 'Dealer', dealerName(row.dealerId)),
      field('KPI 得分', 'KPI score', fields.kpiScore === '' ? say(locale, '数据不全，暂无总分', 'some inputs missing: no total') : numberText(fields.kpiScore, locale)),
      field('KPI 等级', 'KPI grade', fields.kpiGrade || undefined),
      partial ? field('数据不全', 'Partial', say(locale, '是', 'yes')) : undefined,
      field('规则集', 'Rule set', fields.kpiRuleSet),
    ]),
  };
}

/** 经销商 KPI 快照: written to the dealer's CRM record as fields (`dealerFields`). */
export const dealerKpiKind = defineKind({
  name: 'dealerKpi',
  table: 'dealerKpis',
  schema: DealerKpiSnapshot,
  // Read only by primary key (the id is derived from the dealer's): no index to keep.
  indexes: [],
  derive: (row) => ({ period: row.fields.kpiPeriod }),
  labels: { 'zh-CN': { one: 'KPI 快照', other: 'KPI 快照' }, en: { one: 'KPI snapshot', other: 'KPI snapshots' } },
  // Computed by a job, never typed by a person.
  authored: false,
  // Derived data: recomputed from the records a backup does keep. Restoring an old snapshot would
  // queue it and write last month's score over the CRM's current one.
  backup: false,
  crm: {
    home: 'dealerFields',
    findBy: 'dealerCrmId',
    dealerIdOf: (row) => row.dealerId,
    fieldsOf: (row) => Object.fromEntries(SNAPSHOT_FIELD_NAMES.map((name) => [name, row.fields[name]])),
    render: renderSnapshot,
  },
});
