/** HubSpot companies ↔ Fieldkit dealers. */
import type { RemoteDealer } from '../port';
import type { SimpleObject } from './responses';
import { DEALER_FIELD_PROPERTIES } from './properties';

export const COMPANY_READ_PROPERTIES = [
  'name',
  'domain',
  'city',
  'state',
  'hubspot_owner_id',
  'fieldkit_dealer_key',
  'fieldkit_customer_class',
  'fieldkit_grade',
  'fieldkit_credit_limit',
  'fieldkit_arrears',
  'fieldkit_responsible_rep',
  // The KPI snapshot's summary (not `fieldkit_kpi_detail`: up to 64 KB a company, and nothing in a
  // dealer pull needs it).
  'fieldkit_kpi_score',
  'fieldkit_kpi_grade',
  'fieldkit_kpi_period',
  'fieldkit_kpi_rule_set',
  'fieldkit_kpi_computed_at',
  'fieldkit_kpi_partial',
];

const CLASSES = ['distributor', 'potential', 'downstream'] as const;
const GRADES = ['A', 'B', 'C'] as const;

function oneOf<T extends string>(allowed: readonly T[], v: string | null | undefined): T | undefined {
  return allowed.find((a) => a === v);
}

function num(v: string | null | undefined): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function text(v: string | null | undefined): string | undefined {
  return v === null || v === undefined || v === '' ? undefined : v;
}

/** Fieldkit's dealer fields written to a company. Absent fields are not sent. */
export interface DealerUpdate {
  crmId: string;
  /** Local dealer id, stored in a unique property so the company can be found again. */
  localId?: string;
  customerClass?: 'distributor' | 'potential' | 'downstream';
  grade?: 'A' | 'B' | 'C';
  creditLimit?: number;
  arrears?: number;
  responsibleRepId?: string;
  /**
   * Fields of a `dealerFields` kind by their CRM-agnostic names (the KPI snapshot's), each mapped
   * to its company property by `DEALER_FIELD_PROPERTIES`. Sent as given, `''` included: an empty
   * value clears the property (a partial snapshot has no score, and an old one must not stay).
   */
  fields?: Readonly<Record<string, string | number>>;
}

/** A field a `dealerFields` kind names that no company property stands for. */
export class UnknownDealerField extends Error {
  override readonly name = 'UnknownDealerField';
}

export function companyOf(o: SimpleObject): RemoteDealer {
  const p = o.properties;
  const kpi = {
    kpiScore: text(p.fieldkit_kpi_score),
    kpiGrade: text(p.fieldkit_kpi_grade),
    kpiPeriod: text(p.fieldkit_kpi_period),
    kpiRuleSet: text(p.fieldkit_kpi_rule_set),
    kpiComputedAt: text(p.fieldkit_kpi_computed_at),
    kpiPartial: text(p.fieldkit_kpi_partial),
  };
  const hasKpi = Object.values(kpi).some((v) => v !== undefined);
  const defined = <T extends object>(x: T) => Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as T;
  return defined({
    crmId: o.id,
    objectType: 'companies',
    // A company without a name still has to show up somewhere: fall back to its domain or id.
    name: text(p.name) ?? text(p.domain) ?? `#${o.id}`,
    city: text(p.city),
    region: text(p.state),
    responsibleRepId: text(p.fieldkit_responsible_rep) ?? text(p.hubspot_owner_id),
    customerClass: oneOf(CLASSES, p.fieldkit_customer_class),
    grade: oneOf(GRADES, p.fieldkit_grade),
    creditLimit: num(p.fieldkit_credit_limit),
    arrears: num(p.fieldkit_arrears),
    localId: text(p.fieldkit_dealer_key)?.toUpperCase(),
    kpi: hasKpi ? defined(kpi) : undefined,
    modifiedAt: o.updatedAt.toISOString(),
  });
}

/** Only the fields present in the update are sent, so HubSpot users' edits of others survive. */
export function companyProperties(u: DealerUpdate): Record<string, string> {
  const out: Record<string, string> = {};
  if (u.localId !== undefined) out.fieldkit_dealer_key = u.localId.toLowerCase();
  if (u.customerClass !== undefined) out.fieldkit_customer_class = u.customerClass;
  if (u.grade !== undefined) out.fieldkit_grade = u.grade;
  if (u.creditLimit !== undefined) out.fieldkit_credit_limit = String(u.creditLimit);
  if (u.arrears !== undefined) out.fieldkit_arrears = String(u.arrears);
  if (u.responsibleRepId !== undefined) out.fieldkit_responsible_rep = u.responsibleRepId;
  for (const [field, value] of Object.entries(u.fields ?? {})) {
    const property = Object.hasOwn(DEALER_FIELD_PROPERTIES, field) ? DEALER_FIELD_PROPERTIES[field] : undefined;
    if (!property) throw new UnknownDealerField(`No HubSpot company property stands for the field "${field}".`);
    out[property] = typeof value === 'number' ? String(value) : value;
  }
  return out;
}
