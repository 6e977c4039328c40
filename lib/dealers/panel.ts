/**
 * The dealer KPI panel's view-model: everything the panel shows about one dealer and month, built
 * from the dealer's history and the active rule sets. Pure and serialisable (the background
 * builds it and sends it to the panel on a HubSpot page; the HubSpot app card renders the same
 * shape from company properties). Words come as `Localized` pairs so any host renders either
 * language.
 */
import { addMonthsTo } from '../kernel/dates';
import { evaluate } from '../rules/evaluate';
import type { CompiledRuleSet } from '../rules/compile-rule-set';
import type { ItemResult } from '../rules/assessment-schema';
import type { Localized } from '../rules/rule-set-schema';
import type { IntelItem } from '../intel/schema';
import type { VisitCard } from '../visits/schema';
import { DEFAULT_GATHER, gatherDealerInputs, inputValues, type DealerHistory, type GatheredInput, type InputSource, type MissingInput } from './kpi-inputs';

/** The rule sets the panel scores with: the dealer KPIs and the warnings, each its active version. */
export interface PanelRuleSets {
  kpi: CompiledRuleSet;
  warnings: CompiledRuleSet;
}

/** One input as the panel explains it: its label, value and unit, and its source or what is missing. */
export interface PanelInput {
  name: string;
  label: Localized;
  unit?: string;
  value?: number | number[];
  source?: InputSource;
  missing?: MissingInput;
}

export interface PanelKpi {
  id: string;
  label: Localized;
  /** The KPI's own value (a rate, days of cover …), null when it cannot be computed. */
  value: number | null;
  unit?: string;
  target: number | null;
  better?: 'higher' | 'lower';
  /** Points and weight as the rule set scores it. */
  score: number | null;
  weight: number;
  status: ItemResult['status'];
  /** The value last month and the same month last year (null: not computable then). */
  previous: number | null;
  lastYear: number | null;
  /** The value month by month, oldest first, ending at the panel's period. */
  series: { period: string; value: number | null }[];
  /** The item's explanation tree (points and why), for the click-through. */
  explanation: ItemResult;
  /** The raw inputs it reads, with their sources; those missing say where to get them. */
  inputs: PanelInput[];
}

export interface PanelWarning {
  id: string;
  label: Localized;
  raised: boolean;
  /** Why it fired (or not), in both languages. */
  explanation?: Localized;
  /** The inputs it read, with their values and sources (why it fired, in numbers). */
  inputs: PanelInput[];
  /** Inputs it needed and did not get: whether it would fire is unknown. */
  missing: PanelInput[];
}

export interface VisitSummary {
  id: string;
  day: string;
  author: string;
  orderQuantity?: number;
  currentInventory?: number;
  unit: string;
  keyAccount: boolean;
  note: string;
  skusNotCarried: number;
}

export interface IntelSummary {
  id: string;
  day: string;
  competitor: string;
  product?: string;
  price?: { amount: number; currency: string; unit?: string; kind: string };
  promotion?: string;
}

export interface DealerPanelModel {
  dealer: { id: string; name: string; city?: string; region?: string; grade?: string; crmId?: string };
  period: string;
  computedAt: string;
  ruleSet: { id: string; version: number; name: Localized };
  score: {
    total: number | null;
    knownTotal: number;
    unit: string;
    grade: string | null;
    gradeLabel?: Localized;
    gradeNote?: Localized;
    partial: boolean;
    /** The score month by month, oldest first (null: partial that month). */
    series: { period: string; total: number | null }[];
    previous: number | null;
  };
  kpis: PanelKpi[];
  warnings: PanelWarning[];
  /** Every input the panel used, by name. */
  inputs: Record<string, PanelInput>;
  visits: VisitSummary[];
  intel: IntelSummary[];
}

export interface PanelOptions {
  /** How many months the trend lines show (default 12). */
  months?: number;
  now?: Date;
  visits?: readonly VisitCard[];
  intel?: readonly IntelItem[];
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

/** The raw inputs behind names an item read (inputs, or derived quantities expanded to theirs). */
function rawInputsOf(compiled: CompiledRuleSet, names: Iterable<string>): string[] {
  const found = new Set<string>();
  const visit = (name: string, depth: number) => {
    const kind = compiled.kinds.get(name);
    if (kind === 'input') found.add(name);
    else if (kind === 'derived' && depth < 20) {
      for (const inner of compiled.ruleSet.derived?.[name]?.expr.match(IDENTIFIER) ?? []) visit(inner, depth + 1);
    }
  };
  for (const name of names) visit(name, 0);
  return [...found];
}

function panelInput(compiled: CompiledRuleSet, name: string, gathered: GatheredInput | undefined): PanelInput {
  const label = compiled.labels.get(name) ?? { en: name, 'zh-CN': name };
  const unit = compiled.units.get(name);
  return {
    name,
    label,
    ...(unit ? { unit } : {}),
    ...(gathered?.value !== undefined ? { value: gathered.value, source: gathered.source } : {}),
    ...(gathered?.missing ? { missing: gathered.missing } : {}),
  };
}

/** The leaves of a result tree that carry a KPI value (formula and bands items). */
function kpiItems(item: ItemResult): ItemResult[] {
  if (item.children?.length) return item.children.flatMap(kpiItems);
  return item.kind === 'formula' || item.kind === 'bands' ? [item] : [];
}

function findItem(item: ItemResult, id: string): ItemResult | undefined {
  if (item.id === id) return item;
  for (const child of item.children ?? []) {
    const found = findItem(child, id);
    if (found) return found;
  }
  return undefined;
}

const numeric = (value: ItemResult['value'] | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * The panel for one dealer and month. `history` must cover `windowOf(period)` extended back by
 * the trend months (see `panelWindow`).
 */
export function buildDealerPanel(history: DealerHistory, period: string, ruleSets: PanelRuleSets, options: PanelOptions = {}): DealerPanelModel {
  const months = options.months ?? 12;
  const shipmentMonths = Number(ruleSets.kpi.ruleSet.parameters?.shipmentMonths?.value ?? DEFAULT_GATHER.shipmentMonths);
  const gatherOptions = { ...DEFAULT_GATHER, shipmentMonths };
  const scoreOf = (month: string) => {
    const gathered = gatherDealerInputs(history, month, gatherOptions);
    return { gathered, result: evaluate(ruleSets.kpi, inputValues(gathered)) };
  };

  const current = scoreOf(period);
  const trend = Array.from({ length: months }, (_, i) => addMonthsTo(period, i - months + 1)).map((month) => (month === period ? { month, ...current } : { month, ...scoreOf(month) }));
  const lastYearMonth = addMonthsTo(period, -12);
  const lastYear = trend.find((t) => t.month === lastYearMonth) ?? { month: lastYearMonth, ...scoreOf(lastYearMonth) };
  const previous = trend[trend.length - 2];

  const inputs: Record<string, PanelInput> = {};
  const inputOf = (compiled: CompiledRuleSet, name: string, gathered: Record<string, GatheredInput>) => (inputs[name] ??= panelInput(compiled, name, gathered[name]));

  const kpis: PanelKpi[] = kpiItems(current.result.root).map((item) => {
    const valueIn = (result: { result: { root: ItemResult } } | undefined) => numeric(result && findItem(result.result.root, item.id)?.value);
    return {
      id: item.id,
      label: item.label,
      value: numeric(item.value),
      ...(item.valueUnit ? { unit: item.valueUnit } : {}),
      target: item.target ?? null,
      ...(item.better ? { better: item.better } : {}),
      score: item.score,
      weight: item.weight,
      status: item.status,
      previous: valueIn(previous),
      lastYear: valueIn(lastYear),
      series: trend.map((t) => ({ period: t.month, value: valueIn(t) })),
      explanation: item,
      inputs: rawInputsOf(ruleSets.kpi, [...Object.keys(item.inputs ?? {}), ...item.missing]).map((name) => inputOf(ruleSets.kpi, name, current.gathered)),
    };
  });

  const warningGathered = gatherDealerInputs(history, period, gatherOptions);
  const warningResult = evaluate(ruleSets.warnings, inputValues(warningGathered));
  const warnings: PanelWarning[] = (warningResult.root.children ?? [warningResult.root])
    .filter((item) => item.kind === 'flag')
    .map((item) => ({
      id: item.id,
      label: item.label,
      raised: item.status === 'ok' && item.value === true,
      ...(item.explanation ? { explanation: item.explanation } : {}),
      inputs: rawInputsOf(ruleSets.warnings, Object.keys(item.inputs ?? {}))
        .filter((name) => warningGathered[name]?.value !== undefined)
        .map((name) => inputOf(ruleSets.warnings, name, warningGathered)),
      missing: rawInputsOf(ruleSets.warnings, item.missing).map((name) => inputOf(ruleSets.warnings, name, warningGathered)),
    }));

  const { dealer } = history;
  const result = current.result;
  return {
    dealer: {
      id: dealer.id,
      name: dealer.name,
      ...(dealer.city ? { city: dealer.city } : {}),
      ...(dealer.region ? { region: dealer.region } : {}),
      ...(dealer.grade ? { grade: dealer.grade } : {}),
      ...(dealer.crm?.objectId ? { crmId: dealer.crm.objectId } : {}),
    },
    period,
    computedAt: (options.now ?? new Date()).toISOString(),
    ruleSet: { id: ruleSets.kpi.ruleSet.id, version: ruleSets.kpi.ruleSet.version, name: ruleSets.kpi.ruleSet.name },
    score: {
      total: result.total,
      knownTotal: result.knownTotal,
      unit: result.totalUnit,
      grade: result.grade,
      ...(result.gradeLabel ? { gradeLabel: result.gradeLabel } : {}),
      ...(result.gradeNote ? { gradeNote: result.gradeNote } : {}),
      partial: result.partial,
      series: trend.map((t) => ({ period: t.month, total: t.result.total })),
      previous: previous?.result.total ?? null,
    },
    kpis,
    warnings,
    inputs,
    visits: (options.visits ?? []).map(visitSummary),
    intel: (options.intel ?? []).map(intelSummary),
  };
}

/** The months of history a panel for `period` reads: its trend plus the gather window of its first month. */
export function panelWindow(period: string, months = 12): { from: string; to: string } {
  const lastYear = addMonthsTo(period, -12);
  const first = addMonthsTo(period, -(months - 1));
  const earliest = lastYear < first ? lastYear : first;
  return { from: addMonthsTo(earliest, -(DEFAULT_GATHER.seriesMonths + DEFAULT_GATHER.shipmentMonths)), to: period };
}

/**
 * The months whose visit cards a panel for `period` reads: its trend and the same month last
 * year (card-based inputs look at their own month only).
 */
export function panelCardMonths(period: string, months = 12): { from: string; to: string } {
  const lastYear = addMonthsTo(period, -12);
  const first = addMonthsTo(period, -(months - 1));
  return { from: lastYear < first ? lastYear : first, to: period };
}

function visitSummary(card: VisitCard): VisitSummary {
  return {
    id: card.id,
    day: card.visitDay,
    author: card.author.name,
    ...(card.orderQuantity !== undefined ? { orderQuantity: card.orderQuantity } : {}),
    ...(card.currentInventory !== undefined ? { currentInventory: card.currentInventory } : {}),
    unit: card.unit,
    keyAccount: card.keyAccount,
    note: card.note,
    skusNotCarried: card.requiredSkus.filter((s) => !s.carried).length,
  };
}

function intelSummary(item: IntelItem): IntelSummary {
  const price = item.prices[0];
  return {
    id: item.id,
    day: item.observedDay,
    competitor: item.competitorName,
    ...(item.product ? { product: item.product } : {}),
    ...(price ? { price: { amount: price.amount, currency: price.currency, kind: price.kind, ...(price.unit ? { unit: price.unit } : {}) } } : {}),
    ...(item.promotion?.description ? { promotion: item.promotion.description } : {}),
  };
}
