/**
 * A dealer's KPI snapshot: the small, stable part of the KPI panel (lib/dealers/panel.ts) that is
 * written to the dealer's CRM record, so that people without Fieldkit, and the CRM's own lists,
 * reports and workflows, see it. It is CRM-agnostic: `snapshotFields` gives named flat fields
 * (strings and numbers) and the CRM adapter maps those names to its own properties.
 *
 * The snapshot is read back from fields anybody can edit by hand, so `snapshotFromFields` treats
 * them as untrusted: it validates everything and says why it refused, never throws.
 *
 * This module is also bundled into the CRM app card (docs/app-card.md), which renders it with
 * `snapshotView`: keep its imports to pure, light modules (zod, units, formatting).
 */
import { z } from '../kernel/zod';
import { formatMonth, formatNumber, formatRelativeTime } from '../kernel/format';
import type { Locale } from '../kernel/i18n';
import { formatWithUnit } from '../rules/units';
import type { Localized } from '../rules/rule-set-schema';
import type { DealerPanelModel, PanelKpi } from './panel';

/** The snapshot's own format version: bump it (and keep reading the old one) when the shape changes. */
export const SNAPSHOT_VERSION = 1;
/** At most this many KPIs are kept: the rest stay in Fieldkit. */
export const MAX_SNAPSHOT_KPIS = 8;
/** Months of score history kept, ending at the snapshot's month. */
export const SNAPSHOT_SERIES_MONTHS = 6;
/** The usual limit of a CRM long-text field, in characters: `kpiDetail` always fits. */
export const MAX_DETAIL_CHARS = 65_536;

const MAX_LABEL = 120;
const MAX_ID = 100;
const MAX_UNIT = 32;
const MAX_GRADE = 40;

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Rule set ids as lib/rules/rule-set-schema.ts allows them (repeated: that module is too heavy to bundle). */
const RULE_SET_ID = /^[a-z][a-z0-9-]{1,63}$/;

const Period = z.string().regex(PERIOD, 'expected a month like 2026-11');
const Label = z.object({ en: z.string().max(MAX_LABEL), 'zh-CN': z.string().max(MAX_LABEL) });
const Num = z.number();
const NullableNum = Num.nullable();

export const SnapshotKpi = z.object({
  id: z.string().min(1).max(MAX_ID),
  label: Label,
  value: NullableNum,
  unit: z.string().min(1).max(MAX_UNIT).optional(),
  target: NullableNum,
  better: z.enum(['higher', 'lower']).optional(),
  /** The value last month (null: not computable then). */
  previous: NullableNum,
  /** Points as the rule set scores it. */
  score: NullableNum,
});
export type SnapshotKpi = z.infer<typeof SnapshotKpi>;

export const KpiSnapshot = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  /** The month scored, `YYYY-MM`. */
  period: Period,
  computedAt: z.iso.datetime({ offset: true }),
  ruleSetId: z.string().regex(RULE_SET_ID),
  ruleSetVersion: z.number().int().positive(),
  ruleSetName: Label.optional(),
  /** The total; null when partial (a total over what could be computed would be a guess). */
  score: NullableNum,
  /** Sum over the items that could be computed; equals `score` when nothing is missing. */
  knownTotal: Num,
  scoreUnit: z.string().min(1).max(MAX_UNIT).optional(),
  grade: z.string().min(1).max(MAX_GRADE).nullable(),
  gradeLabel: Label.optional(),
  partial: z.boolean(),
  kpis: z.array(SnapshotKpi).max(MAX_SNAPSHOT_KPIS),
  /** KPIs the rule set has beyond those kept. */
  kpisOmitted: z.number().int().nonnegative(),
  /** The score month by month, oldest first, ending at `period` (null: partial that month). */
  scoreSeries: z.array(z.object({ period: Period, total: NullableNum })).max(SNAPSHOT_SERIES_MONTHS),
});
export type KpiSnapshot = z.infer<typeof KpiSnapshot>;

// ── Building ──

/** Cuts text to `max` characters (whole code points), marking the cut. */
function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

const clipLabel = (label: Localized): Localized => ({ en: clip(label.en, MAX_LABEL), 'zh-CN': clip(label['zh-CN'], MAX_LABEL) });
const finite = (n: number | null | undefined): number | null => (typeof n === 'number' && Number.isFinite(n) ? n : null);

/** The key KPIs: the heaviest `MAX_SNAPSHOT_KPIS` by weight, in the rule set's order. */
function keyKpis(kpis: readonly PanelKpi[]): PanelKpi[] {
  if (kpis.length <= MAX_SNAPSHOT_KPIS) return [...kpis];
  const kept = new Set(
    kpis
      .map((kpi, index) => ({ index, weight: Number.isFinite(kpi.weight) ? kpi.weight : 0 }))
      .sort((a, b) => b.weight - a.weight || a.index - b.index)
      .slice(0, MAX_SNAPSHOT_KPIS)
      .map((k) => k.index),
  );
  return kpis.filter((_, index) => kept.has(index));
}

function snapshotKpi(kpi: PanelKpi): SnapshotKpi {
  return {
    id: clip(kpi.id, MAX_ID),
    label: clipLabel(kpi.label),
    value: finite(kpi.value),
    ...(kpi.unit ? { unit: clip(kpi.unit, MAX_UNIT) } : {}),
    target: finite(kpi.target),
    ...(kpi.better ? { better: kpi.better } : {}),
    previous: finite(kpi.previous),
    score: finite(kpi.score),
  };
}

/** The snapshot of a panel. Throws only if the panel itself is malformed (a bad period or rule set id). */
export function snapshotOf(model: DealerPanelModel): KpiSnapshot {
  const kpis = keyKpis(model.kpis);
  const { score } = model;
  return KpiSnapshot.parse({
    version: SNAPSHOT_VERSION,
    period: model.period,
    computedAt: model.computedAt,
    ruleSetId: model.ruleSet.id,
    ruleSetVersion: model.ruleSet.version,
    ruleSetName: clipLabel(model.ruleSet.name),
    score: finite(score.total),
    knownTotal: finite(score.knownTotal) ?? 0,
    ...(score.unit ? { scoreUnit: clip(score.unit, MAX_UNIT) } : {}),
    grade: score.grade ? clip(score.grade, MAX_GRADE) : null,
    ...(score.gradeLabel ? { gradeLabel: clipLabel(score.gradeLabel) } : {}),
    partial: score.partial,
    kpis: kpis.map(snapshotKpi),
    kpisOmitted: model.kpis.length - kpis.length,
    scoreSeries: score.series.slice(-SNAPSHOT_SERIES_MONTHS).map((s) => ({ period: s.period, total: finite(s.total) })),
  } satisfies KpiSnapshot);
}

// ── Flat fields ──

/** The names of the flat fields, in the order a CRM adapter lists them. */
export const SNAPSHOT_FIELD_NAMES = ['kpiScore', 'kpiGrade', 'kpiPeriod', 'kpiRuleSet', 'kpiComputedAt', 'kpiPartial', 'kpiDetail'] as const;
export type SnapshotFieldName = (typeof SNAPSHOT_FIELD_NAMES)[number];

export interface SnapshotFields {
  /** The total, or '' when partial (an empty value clears a CRM number field). */
  kpiScore: number | '';
  /** The grade, or '' when there is none. */
  kpiGrade: string;
  /** `YYYY-MM`. */
  kpiPeriod: string;
  /** `ruleSetId@version`, e.g. `dealer-kpi@1`. */
  kpiRuleSet: string;
  /** ISO instant. */
  kpiComputedAt: string;
  kpiPartial: 'true' | 'false';
  /** The whole snapshot as JSON, shorter than `MAX_DETAIL_CHARS`. */
  kpiDetail: string;
}

/** The snapshot as flat fields for CRM properties: the summary ones for lists and reports, and the detail. */
export function snapshotFields(snapshot: KpiSnapshot): SnapshotFields {
  let kept = snapshot;
  let detail = JSON.stringify(kept);
  // The field limits above keep a snapshot far below the limit; should a future field not, drop
  // KPIs (counted as omitted) rather than write a value the CRM refuses.
  while (detail.length >= MAX_DETAIL_CHARS && kept.kpis.length > 0) {
    kept = { ...kept, kpis: kept.kpis.slice(0, -1), kpisOmitted: kept.kpisOmitted + 1 };
    detail = JSON.stringify(kept);
  }
  return {
    kpiScore: snapshot.score ?? '',
    kpiGrade: snapshot.grade ?? '',
    kpiPeriod: snapshot.period,
    kpiRuleSet: `${snapshot.ruleSetId}@${snapshot.ruleSetVersion}`,
    kpiComputedAt: snapshot.computedAt,
    kpiPartial: snapshot.partial ? 'true' : 'false',
    kpiDetail: detail,
  };
}

export type SnapshotReadFailure = 'missing' | 'malformed' | 'unsupported-version';

export type SnapshotRead =
  | { ok: true; snapshot: KpiSnapshot }
  | {
      ok: false;
      /** `missing`: nothing written yet; `malformed`: unreadable (edited by hand?); `unsupported-version`: written by a newer Fieldkit. */
      reason: SnapshotReadFailure;
      /** Why, in English, for logs and a details line. */
      message: string;
    };

const fail = (reason: SnapshotReadFailure, message: string): SnapshotRead => ({ ok: false, reason, message });
const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function readDetail(detail: unknown): SnapshotRead {
  if (typeof detail !== 'string') return fail('malformed', 'kpiDetail is not text');
  if (detail.length > MAX_DETAIL_CHARS) return fail('malformed', `kpiDetail is longer than ${MAX_DETAIL_CHARS} characters`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return fail('malformed', 'kpiDetail is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail('malformed', 'kpiDetail is not a JSON object');
  const version = (parsed as { version?: unknown }).version;
  if (typeof version === 'number' && Number.isInteger(version) && version > SNAPSHOT_VERSION) {
    return fail('unsupported-version', `kpiDetail has format version ${version}; this reader knows up to ${SNAPSHOT_VERSION}`);
  }
  const result = KpiSnapshot.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'kpiDetail';
    return fail('malformed', `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return { ok: true, snapshot: result.data };
}

/**
 * Reads a snapshot back from the fields `snapshotFields` wrote (under the same names). The detail
 * field is the source of truth; the summary fields only tell "never written" from "broken".
 */
export function snapshotFromFields(fields: Readonly<Record<string, string | null | undefined>>): SnapshotRead {
  try {
    if (typeof fields !== 'object' || fields === null) return fail('missing', 'no fields');
    const detail = fields.kpiDetail;
    if (isBlank(detail)) {
      const others = SNAPSHOT_FIELD_NAMES.filter((name) => name !== 'kpiDetail' && !isBlank(fields[name]));
      return others.length === 0 ? fail('missing', 'no KPI snapshot has been written') : fail('malformed', `kpiDetail is empty but ${others.join(', ')} ${others.length === 1 ? 'is' : 'are'} set`);
    }
    return readDetail(detail);
  } catch (error) {
    // A hostile value (a getter that throws, a proxy …) must not take the caller down.
    return fail('malformed', `unreadable fields: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// ── Display ──

export interface TrendView {
  direction: 'increase' | 'decrease' | 'flat';
  /** Whether the change is good news, by the KPI's `better`; neutral when it has none or is flat. */
  sentiment: 'good' | 'bad' | 'neutral';
  /** The size of the change with its unit, without a sign ("3 pts", "4 pp"). */
  text: string;
}

export interface KpiView {
  id: string;
  label: string;
  /** Value with unit, or "—". */
  value: string;
  /** Target with unit and direction ("≥ 90%"), or "—". */
  target: string;
  /** Points, or "—". */
  score: string;
  /** Whether the value meets its target (null: no value, target or direction). */
  onTarget: boolean | null;
  /** Change since last month, null when either month has no value. */
  trend: TrendView | null;
}

export interface SnapshotView {
  locale: Locale;
  /** The total as a bare number ("87.5"), or "—" when partial. */
  score: string;
  /** The total with its unit ("87.5 pts"), or "—". */
  scoreText: string;
  grade: string | null;
  /** "Grade A", "A · Excellent", "A", or "—". */
  gradeText: string;
  partial: boolean;
  /** Why there is no total, when partial. */
  partialText: string | null;
  /** Score change since last month. */
  scoreTrend: TrendView | null;
  /** "November 2026" / "2026年11月". */
  period: string;
  /** The month the trends compare with: "October 2026". */
  previousPeriod: string;
  /** "Dealer KPI (dealer-kpi v1)". */
  ruleSet: string;
  /** "5 minutes ago", "Mon 2 Nov" … in the given time zone. */
  computedAt: string;
  kpis: KpiView[];
  /** "+2 more KPIs in Fieldkit", or null. */
  omittedText: string | null;
  /** Score by month, oldest first: period in words and the total (or "—"). */
  scoreSeries: { period: string; score: string }[];
}

export interface SnapshotViewOptions {
  /** For "computed … ago" (default: now). */
  now?: Date;
  /** The viewer's time zone for days beyond a week (default: the runtime's). */
  timeZone?: string;
}

const DASH = '—';

function previousMonth(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const index = year * 12 + month - 2;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A change in a KPI's unit; rates change by percentage points, not percent. */
function deltaText(delta: number, unit: string | undefined, locale: Locale): string {
  if (unit === 'percent') {
    const points = formatNumber(delta * 100, locale, { maximumFractionDigits: 1 });
    return locale === 'zh-CN' ? `${points}个百分点` : `${points} pp`;
  }
  return formatWithUnit(delta, unit)[locale];
}

function trendOf(value: number | null, previous: number | null, better: 'higher' | 'lower' | undefined, unit: string | undefined, locale: Locale): TrendView | null {
  if (value === null || previous === null) return null;
  const delta = value - previous;
  // Rounding noise (0.1 + 0.2 …) is no change.
  const direction = Math.abs(delta) < 1e-9 ? 'flat' : delta > 0 ? 'increase' : 'decrease';
  const sentiment = direction === 'flat' || !better ? 'neutral' : (direction === 'increase') === (better === 'higher') ? 'good' : 'bad';
  return { direction, sentiment, text: deltaText(Math.abs(delta), unit, locale) };
}

function targetText(kpi: SnapshotKpi, locale: Locale): string {
  if (kpi.target === null) return DASH;
  const text = formatWithUnit(kpi.target, kpi.unit)[locale];
  return kpi.better === 'higher' ? `≥ ${text}` : kpi.better === 'lower' ? `≤ ${text}` : text;
}

function onTarget(kpi: SnapshotKpi): boolean | null {
  if (kpi.value === null || kpi.target === null || !kpi.better) return null;
  return kpi.better === 'higher' ? kpi.value >= kpi.target : kpi.value <= kpi.target;
}

function kpiView(kpi: SnapshotKpi, locale: Locale): KpiView {
  return {
    id: kpi.id,
    label: kpi.label[locale] || kpi.label.en || kpi.id,
    value: kpi.value === null ? DASH : formatWithUnit(kpi.value, kpi.unit)[locale],
    target: targetText(kpi, locale),
    score: kpi.score === null ? DASH : formatWithUnit(kpi.score, 'point')[locale],
    onTarget: onTarget(kpi),
    trend: trendOf(kpi.value, kpi.previous, kpi.better, kpi.unit, locale),
  };
}

/** "Grade A" alone when the label names the grade already, else "A · Excellent". */
function gradeText(grade: string | null, label: string | undefined): string {
  if (grade === null) return DASH;
  if (!label) return grade;
  return label.includes(grade) ? label : `${grade} · ${label}`;
}

const scoreNumber = (total: number | null, locale: Locale) => (total === null ? DASH : formatNumber(total, locale, { maximumFractionDigits: 1 }));

/** Display strings for a snapshot in the UI language, shared by the extension and the CRM card. */
export function snapshotView(snapshot: KpiSnapshot, locale: Locale, options: SnapshotViewOptions = {}): SnapshotView {
  const zh = locale === 'zh-CN';
  const prevPeriod = previousMonth(snapshot.period);
  const previousTotal = snapshot.scoreSeries.find((s) => s.period === prevPeriod)?.total ?? null;
  const gradeLabel = snapshot.gradeLabel?.[locale];
  const known = formatWithUnit(snapshot.knownTotal, snapshot.scoreUnit)[locale];
  const name = snapshot.ruleSetName?.[locale];
  const ref = `${snapshot.ruleSetId} v${snapshot.ruleSetVersion}`;
  return {
    locale,
    score: scoreNumber(snapshot.score, locale),
    scoreText: snapshot.score === null ? DASH : formatWithUnit(snapshot.score, snapshot.scoreUnit)[locale],
    grade: snapshot.grade,
    gradeText: gradeText(snapshot.grade, gradeLabel),
    partial: snapshot.partial,
    partialText: snapshot.partial ? (zh ? `部分数据缺失，暂无总分（已知部分 ${known}）` : `Some inputs are missing, so there is no total (known so far: ${known})`) : null,
    scoreTrend: trendOf(snapshot.score, previousTotal, 'higher', snapshot.scoreUnit, locale),
    period: formatMonth(snapshot.period, locale),
    previousPeriod: formatMonth(prevPeriod, locale),
    ruleSet: name ? `${name} (${ref})` : ref,
    computedAt: formatRelativeTime(snapshot.computedAt, locale, options.now, options.timeZone),
    kpis: snapshot.kpis.map((kpi) => kpiView(kpi, locale)),
    omittedText: snapshot.kpisOmitted > 0 ? (zh ? `另有 ${snapshot.kpisOmitted} 项指标见 Fieldkit` : `${snapshot.kpisOmitted} more ${snapshot.kpisOmitted === 1 ? 'KPI' : 'KPIs'} in Fieldkit`) : null,
    scoreSeries: snapshot.scoreSeries.map((s) => ({ period: formatMonth(s.period, locale), score: scoreNumber(s.total, locale) })),
  };
}
