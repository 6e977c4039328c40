/**
 * Browsing intel: the Intel view's filters, its full-text search, the canonical names it groups by,
 * and the timeline's observations grouped by day or week. Pure functions; the index-backed reads
 * that feed them are the `intel.browse*` queries in ./queries.ts.
 */
import { isoWeekOf } from '../kernel/dates';
import type { IntelItem, PriceKind } from './schema';

type PriceKindValue = (typeof PriceKind.options)[number];

/** What we sell our own product for, from a day on (shape of the dictionary's `OwnPrice`). */
export interface OwnPriceLike {
  kind: PriceKindValue;
  amount: number;
  currency: string;
  unit: string;
  from: string;
}

/** Our own product, as far as the price chart needs it (a structural subset of the dictionary's `Product`). */
export interface OwnProductLike {
  name: string;
  prices?: readonly OwnPriceLike[];
}

/**
 * Canonical names of an item's competitor and product. The dictionary's `createResolver`
 * (lib/intel/dictionary/resolve.ts) satisfies this shape; without one, `localResolver` groups by
 * the item's own words.
 */
export interface ViewResolver {
  competitorOf(item: { competitorId?: string; competitorName: string }): { key: string; name: string };
  productOf(item: Pick<IntelItem, 'competitorId' | 'competitorName' | 'product' | 'sku' | 'spec'>): {
    key: string;
    name: string;
    sku: string;
    spec?: string;
    ownProduct?: OwnProductLike;
  };
}

/** Text folded for comparing: full-width to half-width (NFKC), lower case, runs of spaces as one. */
export function comparable(value: string | undefined): string {
  return (value ?? '').normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The default until the dictionary is wired: a competitor is its name as written (folded), a
 * product is its competitor and SKU, or its name and spec when it has no SKU.
 */
export const localResolver: ViewResolver = {
  competitorOf: (item) => {
    const name = item.competitorName.trim();
    return { key: comparable(name), name };
  },
  productOf: (item) => {
    const sku = comparable(item.sku);
    const name = (item.product ?? '').trim() || (item.sku ?? '').trim();
    return {
      key: `${comparable(item.competitorName)}|${sku || `${comparable(item.product)}|${comparable(item.spec)}`}`,
      name,
      sku: item.sku ?? '',
      ...(item.spec ? { spec: item.spec } : {}),
    };
  },
};

/** The Intel view's filters; every one optional. Days are inclusive `YYYY-MM-DD`. */
export interface IntelFilters {
  /** A canonical competitor key (`ViewResolver.competitorOf(…).key`). */
  competitor?: string;
  /** The competitor names (as stored) that resolve to `competitor`: what the competitor index is read with. */
  competitorNames?: string[];
  /** A canonical product key (`ViewResolver.productOf(…).key`). */
  product?: string;
  /** Part of the region as written, any case. */
  region?: string;
  dealerId?: string;
  priceKind?: PriceKindValue;
  from?: string;
  to?: string;
  /** Free text: every word must occur somewhere in the item (see `searchTextOf`). */
  search?: string;
}

/** The filters a user has set (search included): how many, for "Filters (2)" and "clear filters". */
export function activeFilterCount(filters: IntelFilters): number {
  return [filters.competitor, filters.product, filters.region?.trim(), filters.dealerId, filters.priceKind, filters.from, filters.to, filters.search?.trim()].filter(Boolean).length;
}

/**
 * Everything full-text search looks in, folded: competitor (as written and canonical), brand,
 * product (as written and canonical), SKU, spec, promotion terms, source title and text, region,
 * channel, and the regions and channels of later sightings.
 */
export function searchTextOf(item: IntelItem, resolver: ViewResolver = localResolver): string {
  const product = resolver.productOf(item);
  return comparable(
    [
      item.competitorName,
      resolver.competitorOf(item).name,
      item.brand,
      item.product,
      product.name,
      item.sku,
      item.spec,
      item.promotion?.description,
      item.sourceTitle,
      item.sourceText,
      item.region,
      item.channel,
      ...item.sightings.flatMap((s) => [s.region, s.channel, s.sourceTitle]),
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

/** The words of a search, folded; quotes are not special. Empty when there is nothing to look for. */
export function searchWords(search: string | undefined): string[] {
  return comparable(search).split(' ').filter(Boolean);
}

/** Whether every word of the search occurs in the item (substrings: Chinese has no spaces between words). */
export function matchesSearch(item: IntelItem, search: string | undefined, resolver: ViewResolver = localResolver): boolean {
  const words = searchWords(search);
  if (words.length === 0) return true;
  const text = searchTextOf(item, resolver);
  return words.every((word) => text.includes(word));
}

/** Whether a live item passes every filter that is set. */
export function matchesFilters(item: IntelItem, filters: IntelFilters, resolver: ViewResolver = localResolver): boolean {
  if (filters.from && item.observedDay < filters.from) return false;
  if (filters.to && item.observedDay > filters.to) return false;
  if (filters.dealerId && item.dealerId !== filters.dealerId) return false;
  if (filters.competitor && resolver.competitorOf(item).key !== filters.competitor) return false;
  if (filters.product && resolver.productOf(item).key !== filters.product) return false;
  if (filters.priceKind && !item.prices.some((p) => p.kind === filters.priceKind)) return false;
  const region = comparable(filters.region);
  if (region && !comparable(item.region).includes(region)) return false;
  return matchesSearch(item, filters.search, resolver);
}

/** Newest observation first; the later saved first on the same day. */
export function newestFirst(a: IntelItem, b: IntelItem): number {
  return b.observedDay.localeCompare(a.observedDay) || b.createdAt.localeCompare(a.createdAt);
}

/** A competitor to pick: its canonical key and name, and the names it is stored under. */
export interface CompetitorOption {
  key: string;
  name: string;
  names: string[];
}

/** Stored competitor names grouped by their canonical competitor, in name order (zh-CN collation). */
export function competitorOptions(storedNames: readonly string[], resolver: ViewResolver = localResolver): CompetitorOption[] {
  const byKey = new Map<string, CompetitorOption>();
  for (const stored of storedNames) {
    const { key, name } = resolver.competitorOf({ competitorName: stored });
    const option = byKey.get(key);
    if (option) {
      if (!option.names.includes(stored)) option.names.push(stored);
    } else byKey.set(key, { key, name, names: [stored] });
  }
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** A product to pick: canonical key, name, SKU and spec, and how many of the given items are of it. */
export interface ProductOption {
  key: string;
  name: string;
  sku: string;
  spec?: string;
  count: number;
}

/** The products among `items`, the most observed first. */
export function productOptions(items: readonly IntelItem[], resolver: ViewResolver = localResolver): ProductOption[] {
  const byKey = new Map<string, ProductOption>();
  for (const item of items) {
    const product = resolver.productOf(item);
    const option = byKey.get(product.key);
    if (option) option.count += 1;
    else byKey.set(product.key, { key: product.key, name: product.name, sku: product.sku, ...(product.spec ? { spec: product.spec } : {}), count: 1 });
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN'));
}

/** A product's name as a picker shows it: "极护 5W-30 · EDGE-5W30-4L · 4L", without repeating a part. */
export function productLabel(option: Pick<ProductOption, 'name' | 'sku' | 'spec'>): string {
  const parts: string[] = [];
  for (const part of [option.name, option.sku, option.spec]) {
    const text = part?.trim();
    if (text && !parts.some((p) => comparable(p).includes(comparable(text)))) parts.push(text);
  }
  return parts.join(' · ');
}

/** One observation on the timeline: an item, or a later sighting added to it. */
export interface Observation {
  day: string;
  item: IntelItem;
  /** Set when this is a later sighting of `item` (its index in `item.sightings`). */
  sighting?: number;
  by: { id: string; name: string };
  prices: IntelItem['prices'];
  dealerId?: string;
  region?: string;
}

/** An item and its later sightings as observations, each on its own day. */
export function observationsOf(item: IntelItem): Observation[] {
  return [
    { day: item.observedDay, item, by: item.author, prices: item.prices, ...(item.dealerId ? { dealerId: item.dealerId } : {}), ...(item.region ? { region: item.region } : {}) },
    ...item.sightings.map((s, i) => ({
      day: s.observedDay,
      item,
      sighting: i,
      by: s.by,
      prices: s.prices,
      ...(s.dealerId ? { dealerId: s.dealerId } : {}),
      ...(s.region ? { region: s.region } : {}),
    })),
  ];
}

/** A day's or an ISO week's observations on the timeline. */
export interface TimelineGroup {
  /** `YYYY-MM-DD` or `YYYY-Www`. */
  key: string;
  observations: Observation[];
}

/**
 * A competitor's timeline: the items' observations (sightings included) between `from` and `to`,
 * newest first, grouped by day or by ISO week.
 */
export function timelineOf(items: readonly IntelItem[], by: 'day' | 'week', range: { from?: string; to?: string } = {}): TimelineGroup[] {
  const observations = items
    .flatMap(observationsOf)
    .filter((o) => (!range.from || o.day >= range.from) && (!range.to || o.day <= range.to))
    .sort((a, b) => b.day.localeCompare(a.day) || b.item.createdAt.localeCompare(a.item.createdAt) || (b.sighting ?? -1) - (a.sighting ?? -1));
  const groups: TimelineGroup[] = [];
  for (const observation of observations) {
    const key = by === 'day' ? observation.day : isoWeekOf(observation.day);
    const last = groups[groups.length - 1];
    if (last?.key === key) last.observations.push(observation);
    else groups.push({ key, observations: [observation] });
  }
  return groups;
}

/** The periods the timeline, the price chart and the promotion counts offer. */
export const PERIODS = ['30', '90', '365', 'all'] as const;
export type Period = (typeof PERIODS)[number];

/** The first day of a period that ends on `today` (inclusive: 30 days are today and the 29 before); undefined for all time. */
export function periodStart(period: Period, today: string): string | undefined {
  if (period === 'all') return undefined;
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const start = new Date(Date.UTC(y, m - 1, d - (Number(period) - 1)));
  return start.toISOString().slice(0, 10);
}
