/**
 * The competitive product analysis (竞争产品分析报告) of a period, worked out from intel items:
 * per competitor, per product — how its prices moved (first, last, lowest, highest per price kind,
 * and each change with its day and its percentage), the promotions seen (type, terms, when they
 * run), where it was seen (dealers, regions, channels), by whom, and the pages it came from.
 *
 * Pure: the caller reads the items (./read.ts) and says who the dealers are. Words come later,
 * in the reader's language (./document.ts), so one analysis makes both languages alike.
 *
 * What counts is an *observation*: an item on its own day, and each later sighting of it
 * ("add to it", lib/intel/near-duplicates.ts) on the sighting's day, by whoever saw it. An
 * observation counts when its day is inside the period, both ends included; a deleted item
 * counts nowhere.
 */
import { z } from '../../kernel/zod';
import { Day } from '../../kernel/record';
import { isLive } from '../../store/query';
import type { IntelItem, PriceKind, PromotionType } from '../schema';

type PriceKindValue = z.infer<typeof PriceKind>;
type PromotionTypeValue = z.infer<typeof PromotionType>;

/** The days a report covers, both included. */
export const AnalysisPeriod = z
  .object({ from: Day, to: Day })
  .refine((period) => period.from <= period.to, { message: 'the period must not end before it starts', path: ['to'] });
export type AnalysisPeriod = z.infer<typeof AnalysisPeriod>;

/**
 * Canonical names: the dictionary's resolver (lib/intel/dictionary/resolve.ts `createResolver`)
 * fits this shape; without one, `itemNames` keeps each item's own names.
 */
export interface AnalysisResolver {
  competitorOf(item: { competitorId?: string; competitorName: string }): { key: string; name: string };
  productOf(item: Pick<IntelItem, 'competitorId' | 'competitorName' | 'product' | 'sku' | 'spec'>): { key: string; name: string; sku: string; spec?: string };
}

/** Names compared as people type them: case, width and spacing do not matter. */
function squash(text: string | undefined): string {
  return (text ?? '').normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** The local default: the item's own competitor name, and its SKU (else product name and spec). */
export const itemNames: AnalysisResolver = {
  competitorOf: (item) => ({ key: squash(item.competitorName), name: item.competitorName.trim() }),
  productOf: (item) => {
    const sku = squash(item.sku);
    return {
      key: `${squash(item.competitorName)}|${sku || `${squash(item.product)}|${squash(item.spec)}`}`,
      name: (item.product ?? '').trim() || (item.sku ?? '').trim(),
      sku: item.sku ?? '',
      ...(item.spec?.trim() ? { spec: item.spec.trim() } : {}),
    };
  },
};

export interface PricePoint {
  day: string;
  amount: number;
}

/** One change of price from one day it was seen to the next day it was seen. */
export interface PriceChange {
  day: string;
  previousDay: string;
  from: number;
  to: number;
  /** (to − from) / from in percent, one decimal; null when `from` is 0. */
  percent: number | null;
  direction: 'up' | 'down';
}

/** One price kind of a product in one currency and unit. */
export interface PriceSeries {
  kind: PriceKindValue;
  currency: string;
  /** As the reps typed it ('元/桶'); '' when none said one. */
  unit: string;
  /** How many prices were seen (several a day count each). */
  observations: number;
  /** The first and last day seen, each at the lowest price seen that day. */
  first: PricePoint;
  last: PricePoint;
  /** The lowest and highest price seen, on the first day each was seen. */
  lowest: PricePoint;
  highest: PricePoint;
  changes: PriceChange[];
  /** From first to last, in percent (one decimal); null when seen on one day only or the first price is 0. */
  percent: number | null;
}

export interface PromotionSeen {
  type: PromotionTypeValue;
  /** The promotion's terms in words, as captured (page text: untrusted, rendered escaped). */
  terms: string;
  /** When the promotion runs, as the page said. */
  from?: string;
  to?: string;
  firstSeen: string;
  lastSeen: string;
  /** How many items reported it. */
  times: number;
  dealerIds: string[];
  regions: string[];
}

export interface DealerSeen {
  id: string;
  /** The dealer's name on this device; undefined when it no longer knows the dealer. */
  name?: string;
  observations: number;
}

export interface AuthorSeen {
  id: string;
  name: string;
  observations: number;
}

export interface SourceSeen {
  url?: string;
  title?: string;
  /** The first day this page was the source. */
  day: string;
  by: string;
}

export interface ProductAnalysis {
  key: string;
  name: string;
  sku: string;
  spec?: string;
  brand?: string;
  observations: number;
  firstSeen: string;
  lastSeen: string;
  prices: PriceSeries[];
  promotions: PromotionSeen[];
  dealers: DealerSeen[];
  regions: string[];
  channels: string[];
  authors: AuthorSeen[];
  sources: SourceSeen[];
}

export interface CompetitorAnalysis {
  key: string;
  name: string;
  observations: number;
  products: ProductAnalysis[];
}

export interface AnalysisTotals {
  competitors: number;
  products: number;
  /** Items and sightings inside the period. */
  observations: number;
  authors: number;
  dealers: number;
  regions: number;
  priceUp: number;
  priceDown: number;
  promotions: number;
  promotionsByType: Partial<Record<PromotionTypeValue, number>>;
}

export interface CompetitiveAnalysis {
  period: AnalysisPeriod;
  /** The moment the items were read (ISO instant) and the zone it is told in. */
  asOf: string;
  timeZone: string;
  competitors: CompetitorAnalysis[];
  totals: AnalysisTotals;
  /** Every item that contributed, for drill-down and the CRM note. */
  sourceItemIds: string[];
}

export interface ComposeOptions {
  period: AnalysisPeriod;
  now: Date;
  timeZone: string;
  resolver?: AnalysisResolver;
  dealerName?: (id: string) => string | undefined;
}

/** One look at a product: the item itself on its day, or a later sighting of it. */
interface Observation {
  itemId: string;
  day: string;
  /** For a stable order within a day. */
  at: string;
  by: { id: string; name: string };
  prices: IntelItem['prices'];
  dealerId?: string;
  region?: string;
  channel?: string;
  sourceUrl?: string;
  sourceTitle?: string;
  /** Only the item itself carries its promotion. */
  promotion?: IntelItem['promotion'];
}

function observationsOf(item: IntelItem): Observation[] {
  const own: Observation = {
    itemId: item.id,
    day: item.observedDay,
    at: item.createdAt,
    by: { id: item.author.id, name: item.author.name },
    prices: item.prices ?? [],
    ...(item.dealerId ? { dealerId: item.dealerId } : {}),
    ...(item.region?.trim() ? { region: item.region.trim() } : {}),
    ...(item.channel?.trim() ? { channel: item.channel.trim() } : {}),
    ...(item.sourceUrl ? { sourceUrl: item.sourceUrl } : {}),
    ...(item.sourceTitle?.trim() ? { sourceTitle: item.sourceTitle.trim() } : {}),
    ...(item.promotion ? { promotion: item.promotion } : {}),
  };
  const later = (item.sightings ?? []).map(
    (s): Observation => ({
      itemId: item.id,
      day: s.observedDay,
      at: s.at,
      by: { id: s.by.id, name: s.by.name },
      prices: s.prices ?? [],
      ...(s.dealerId ? { dealerId: s.dealerId } : {}),
      ...(s.region?.trim() ? { region: s.region.trim() } : {}),
      ...(s.channel?.trim() ? { channel: s.channel.trim() } : {}),
      ...(s.sourceUrl ? { sourceUrl: s.sourceUrl } : {}),
      ...(s.sourceTitle?.trim() ? { sourceTitle: s.sourceTitle.trim() } : {}),
    }),
  );
  return [own, ...later];
}

const byDayThenAt = (a: Observation, b: Observation) => a.day.localeCompare(b.day) || a.at.localeCompare(b.at);

const percentOf = (from: number, to: number): number | null => (from === 0 ? null : Math.round(((to - from) / from) * 1000) / 10);

/** Distinct texts in the order first seen, compared loosely. */
function distinct(texts: Iterable<string | undefined>): string[] {
  const seen = new Map<string, string>();
  for (const text of texts) {
    const key = squash(text);
    if (key && !seen.has(key)) seen.set(key, text!.trim());
  }
  return [...seen.values()];
}

function priceSeries(observations: readonly Observation[]): PriceSeries[] {
  type Seen = { day: string; amount: number };
  const groups = new Map<string, { kind: PriceKindValue; currency: string; unit: string; seen: Seen[] }>();
  for (const o of observations)
    for (const price of o.prices) {
      const currency = (price.currency || 'CNY').toUpperCase();
      const unit = (price.unit ?? '').trim();
      const key = `${price.kind}|${currency}|${squash(unit)}`;
      const group = groups.get(key) ?? { kind: price.kind, currency, unit, seen: [] };
      group.seen.push({ day: o.day, amount: price.amount });
      groups.set(key, group);
    }
  // A price the rep gave no unit for belongs with the kind's one unit, when there is exactly one.
  for (const [key, group] of [...groups]) {
    if (group.unit) continue;
    const withUnit = [...groups.values()].filter((g) => g.kind === group.kind && g.currency === group.currency && g.unit);
    if (withUnit.length === 1) {
      withUnit[0]!.seen.push(...group.seen);
      groups.delete(key);
    }
  }
  const series: PriceSeries[] = [];
  for (const group of groups.values()) {
    const seen = [...group.seen].sort((a, b) => a.day.localeCompare(b.day));
    // A day's price is the lowest seen that day: two shops on one day are not a price move.
    const days: PricePoint[] = [];
    for (const s of seen) {
      const last = days[days.length - 1];
      if (last && last.day === s.day) last.amount = Math.min(last.amount, s.amount);
      else days.push({ day: s.day, amount: s.amount });
    }
    const changes: PriceChange[] = [];
    for (let i = 1; i < days.length; i++) {
      const before = days[i - 1]!;
      const now = days[i]!;
      if (now.amount === before.amount) continue;
      changes.push({ day: now.day, previousDay: before.day, from: before.amount, to: now.amount, percent: percentOf(before.amount, now.amount), direction: now.amount > before.amount ? 'up' : 'down' });
    }
    const lowest = seen.reduce((best, s) => (s.amount < best.amount ? s : best), seen[0]!);
    const highest = seen.reduce((best, s) => (s.amount > best.amount ? s : best), seen[0]!);
    const first = days[0]!;
    const last = days[days.length - 1]!;
    series.push({
      kind: group.kind,
      currency: group.currency,
      unit: group.unit,
      observations: seen.length,
      first: { ...first },
      last: { ...last },
      lowest: { day: lowest.day, amount: lowest.amount },
      highest: { day: highest.day, amount: highest.amount },
      changes,
      // Seen on one day only: nothing to compare, which is not "no change".
      percent: first.day === last.day ? null : percentOf(first.amount, last.amount),
    });
  }
  const KIND_ORDER: PriceKindValue[] = ['retail', 'wholesale', 'supply'];
  return series.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || b.observations - a.observations || a.unit.localeCompare(b.unit));
}

function promotionsOf(observations: readonly Observation[]): PromotionSeen[] {
  const found = new Map<string, PromotionSeen>();
  for (const o of observations) {
    const p = o.promotion;
    if (!p) continue;
    const terms = (p.description ?? '').trim();
    const key = `${p.type}|${squash(terms)}|${p.from ?? ''}|${p.to ?? ''}`;
    const known = found.get(key);
    if (known) {
      known.times += 1;
      known.lastSeen = o.day > known.lastSeen ? o.day : known.lastSeen;
      known.firstSeen = o.day < known.firstSeen ? o.day : known.firstSeen;
      if (o.dealerId && !known.dealerIds.includes(o.dealerId)) known.dealerIds.push(o.dealerId);
      known.regions = distinct([...known.regions, o.region]);
    } else
      found.set(key, {
        type: p.type,
        terms,
        ...(p.from ? { from: p.from } : {}),
        ...(p.to ? { to: p.to } : {}),
        firstSeen: o.day,
        lastSeen: o.day,
        times: 1,
        dealerIds: o.dealerId ? [o.dealerId] : [],
        regions: distinct([o.region]),
      });
  }
  return [...found.values()].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.type.localeCompare(b.type));
}

function sourcesOf(observations: readonly Observation[]): SourceSeen[] {
  const found = new Map<string, SourceSeen>();
  for (const o of observations) {
    if (!o.sourceUrl && !o.sourceTitle) continue;
    const key = o.sourceUrl ?? `title:${squash(o.sourceTitle)}`;
    const known = found.get(key);
    if (known) {
      if (!known.title && o.sourceTitle) known.title = o.sourceTitle;
      continue;
    }
    found.set(key, { ...(o.sourceUrl ? { url: o.sourceUrl } : {}), ...(o.sourceTitle ? { title: o.sourceTitle } : {}), day: o.day, by: o.by.name });
  }
  return [...found.values()];
}

function countBy<T extends { id: string }, R extends { id: string }>(rows: readonly T[], make: (row: T) => R): (R & { observations: number })[] {
  const counts = new Map<string, R & { observations: number }>();
  for (const row of rows) {
    const known = counts.get(row.id);
    if (known) known.observations += 1;
    else counts.set(row.id, { ...make(row), observations: 1 });
  }
  return [...counts.values()];
}

const collator = new Intl.Collator('zh-CN');
const busiestFirst = (a: { observations: number; name?: string }, b: { observations: number; name?: string }) => b.observations - a.observations || collator.compare(a.name ?? '', b.name ?? '');

/** The analysis of `items` over `options.period`. An empty period is an analysis with nothing in it. */
export function composeCompetitiveAnalysis(items: readonly IntelItem[], options: ComposeOptions): CompetitiveAnalysis {
  const period = AnalysisPeriod.parse(options.period);
  const resolver = options.resolver ?? itemNames;
  const inPeriod = (day: string) => day >= period.from && day <= period.to;

  type Bucket = { competitor: { key: string; name: string }; product: ReturnType<AnalysisResolver['productOf']>; brand?: string; names: string[]; observations: Observation[] };
  const buckets = new Map<string, Bucket>();
  const sourceItemIds = new Set<string>();
  for (const item of items) {
    if (!isLive(item)) continue;
    const observations = observationsOf(item).filter((o) => inPeriod(o.day));
    if (observations.length === 0) continue;
    sourceItemIds.add(item.id);
    const competitor = resolver.competitorOf(item);
    const product = resolver.productOf(item);
    const key = `${competitor.key}\u0000${product.key}`;
    const bucket = buckets.get(key) ?? { competitor, product, names: [], observations: [] };
    if (!bucket.brand && item.brand?.trim()) bucket.brand = item.brand.trim();
    bucket.names.push(product.name);
    if (!bucket.product.spec && product.spec) bucket.product = { ...bucket.product, spec: product.spec };
    if (!bucket.product.sku && product.sku) bucket.product = { ...bucket.product, sku: product.sku };
    bucket.observations.push(...observations);
    buckets.set(key, bucket);
  }

  const competitors = new Map<string, CompetitorAnalysis>();
  for (const bucket of buckets.values()) {
    const observations = [...bucket.observations].sort(byDayThenAt);
    const dealers = countBy(
      observations.filter((o) => o.dealerId).map((o) => ({ id: o.dealerId! })),
      (row) => {
        const name = options.dealerName?.(row.id);
        return { id: row.id, ...(name ? { name } : {}) };
      },
    );
    const authors = countBy(
      observations.map((o) => o.by),
      (by) => ({ id: by.id, name: by.name }),
    );
    const product: ProductAnalysis = {
      key: bucket.product.key,
      // The first name anyone gave it (an item with only a SKU does not blank a named product).
      name: bucket.names.find((name) => name.trim()) ?? '',
      sku: bucket.product.sku,
      ...(bucket.product.spec ? { spec: bucket.product.spec } : {}),
      ...(bucket.brand ? { brand: bucket.brand } : {}),
      observations: observations.length,
      firstSeen: observations[0]!.day,
      lastSeen: observations[observations.length - 1]!.day,
      prices: priceSeries(observations),
      promotions: promotionsOf(observations),
      dealers: dealers.sort(busiestFirst),
      regions: distinct(observations.map((o) => o.region)),
      channels: distinct(observations.map((o) => o.channel)),
      authors: authors.sort(busiestFirst),
      sources: sourcesOf(observations),
    };
    const competitor = competitors.get(bucket.competitor.key) ?? { key: bucket.competitor.key, name: bucket.competitor.name, observations: 0, products: [] };
    competitor.observations += product.observations;
    competitor.products.push(product);
    competitors.set(bucket.competitor.key, competitor);
  }
  const sorted = [...competitors.values()].sort(busiestFirst);
  for (const competitor of sorted) competitor.products.sort(busiestFirst);

  const products = sorted.flatMap((c) => c.products);
  const promotionsByType: Partial<Record<PromotionTypeValue, number>> = {};
  for (const promotion of products.flatMap((p) => p.promotions)) promotionsByType[promotion.type] = (promotionsByType[promotion.type] ?? 0) + 1;
  const changes = products.flatMap((p) => p.prices.flatMap((s) => s.changes));
  const allObservations = [...buckets.values()].flatMap((b) => b.observations);
  return {
    period,
    asOf: options.now.toISOString(),
    timeZone: options.timeZone,
    competitors: sorted,
    totals: {
      competitors: sorted.length,
      products: products.length,
      observations: allObservations.length,
      authors: new Set(allObservations.map((o) => o.by.id)).size,
      dealers: new Set(allObservations.flatMap((o) => (o.dealerId ? [o.dealerId] : []))).size,
      regions: distinct(allObservations.map((o) => o.region)).length,
      priceUp: changes.filter((c) => c.direction === 'up').length,
      priceDown: changes.filter((c) => c.direction === 'down').length,
      promotions: products.reduce((n, p) => n + p.promotions.length, 0),
      promotionsByType,
    },
    sourceItemIds: [...sourceItemIds].sort(),
  };
}
