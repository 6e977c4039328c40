/**
 * A competitor product's price history for the Intel view's chart: one line per price kind
 * (retail, wholesale, supply) over the days it was observed (later sightings included), and our
 * own product's price as a step line when the dictionary knows it. Prices in a unit or currency
 * other than the product's usual one are left out of the lines (a 元/瓶 and a 元/箱 on one axis
 * would mislead) and counted, so the view can say so.
 */
import { parseUnit } from '../kernel/units';
import { comparable, localResolver, observationsOf, type OwnPriceLike, type ViewResolver } from './browse';
import type { IntelItem } from './schema';

export const PRICE_KINDS = ['retail', 'wholesale', 'supply'] as const;
export type PriceKindName = (typeof PRICE_KINDS)[number];

/** One day of the chart: the competitor's price of each kind seen that day, and ours in force that day. */
export interface PricePoint {
  day: string;
  retail?: number;
  wholesale?: number;
  supply?: number;
  ownRetail?: number;
  ownWholesale?: number;
  ownSupply?: number;
  /** How many prices of the basis that day (several observations of one kind are shown as their median). */
  observed: number;
}

export interface PriceHistory {
  /** The currency and unit every line is in: the ones most prices of this product were given in. */
  basis: { currency: string; unit: string };
  /** Kinds with at least one competitor price in the basis, in PRICE_KINDS order. */
  kinds: PriceKindName[];
  /** Kinds of our own price shown (only where the competitor has that kind too). */
  ownKinds: PriceKindName[];
  ownProductName?: string;
  points: PricePoint[];
  /** Prices left out because they were in another currency or unit. */
  excluded: number;
}

export const OWN_KEY: Record<PriceKindName, 'ownRetail' | 'ownWholesale' | 'ownSupply'> = { retail: 'ownRetail', wholesale: 'ownWholesale', supply: 'ownSupply' };

/** What a price is per, comparable: "元/桶", "桶" and "drum" are one unit; '' is the product as listed. */
export function unitKeyOf(unit: string): string {
  const per = unit.includes('/') ? unit.slice(unit.lastIndexOf('/') + 1) : unit;
  const text = per.trim();
  if (!text) return '';
  return parseUnit(text) ?? comparable(text);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The price history of the product `productKey` (a `ViewResolver.productOf` key) among `items`,
 * between `from` and `to` inclusive when given. Our own line comes from the resolver's
 * `ownProduct.prices`: the latest price of each kind from on or before each day.
 */
export function priceHistoryOf(
  items: readonly IntelItem[],
  productKey: string,
  { resolver = localResolver, from, to }: { resolver?: ViewResolver; from?: string; to?: string } = {},
): PriceHistory {
  const ofProduct = items.filter((item) => !item.deletedAt && resolver.productOf(item).key === productKey);
  const observations = ofProduct.flatMap(observationsOf).filter((o) => (!from || o.day >= from) && (!to || o.day <= to));
  const prices = observations.flatMap((o) => o.prices.map((p) => ({ day: o.day, ...p, currency: (p.currency || 'CNY').toUpperCase(), unitKey: unitKeyOf(p.unit) })));

  // The basis: the currency and unit most prices were given in (ties: the first seen).
  const tally = new Map<string, { currency: string; unitKey: string; unit: string; count: number }>();
  for (const p of prices) {
    const key = `${p.currency}|${p.unitKey}`;
    const entry = tally.get(key);
    if (entry) entry.count += 1;
    else tally.set(key, { currency: p.currency, unitKey: p.unitKey, unit: p.unit, count: 1 });
  }
  const basis = [...tally.values()].reduce<{ currency: string; unitKey: string; unit: string; count: number } | undefined>((best, e) => (!best || e.count > best.count ? e : best), undefined);
  const inBasis = basis ? prices.filter((p) => p.currency === basis.currency && p.unitKey === basis.unitKey) : [];

  const byDay = new Map<string, Map<PriceKindName, number[]>>();
  for (const p of inBasis) {
    let kinds = byDay.get(p.day);
    if (!kinds) byDay.set(p.day, (kinds = new Map()));
    const list = kinds.get(p.kind);
    if (list) list.push(p.amount);
    else kinds.set(p.kind, [p.amount]);
  }
  const kinds = PRICE_KINDS.filter((kind) => inBasis.some((p) => p.kind === kind));

  // Our own prices in the same currency and unit, for the kinds the competitor line has.
  const ownProduct = ofProduct.map((item) => resolver.productOf(item).ownProduct).find((own) => own !== undefined);
  const ownPrices: OwnPriceLike[] = basis
    ? (ownProduct?.prices ?? []).filter((p) => kinds.includes(p.kind) && (p.currency || 'CNY').toUpperCase() === basis.currency && unitKeyOf(p.unit) === basis.unitKey)
    : [];
  const ownKinds = kinds.filter((kind) => ownPrices.some((p) => p.kind === kind));

  // Days: every day a competitor price was seen, and every day our price changed within the span.
  const days = new Set(byDay.keys());
  const seen = [...days].sort();
  const first = seen[0];
  const last = seen[seen.length - 1];
  for (const p of ownPrices) if (first && last && p.from > first && p.from <= last) days.add(p.from);

  const ownAt = (kind: PriceKindName, day: string) =>
    ownPrices.filter((p) => p.kind === kind && p.from <= day).reduce<OwnPriceLike | undefined>((latest, p) => (!latest || p.from >= latest.from ? p : latest), undefined)?.amount;

  const points = [...days].sort().map((day) => {
    const point: PricePoint = { day, observed: 0 };
    for (const [kind, amounts] of byDay.get(day) ?? []) {
      point[kind] = median(amounts);
      point.observed += amounts.length;
    }
    for (const kind of ownKinds) {
      const amount = ownAt(kind, day);
      if (amount !== undefined) point[OWN_KEY[kind]] = amount;
    }
    return point;
  });

  return {
    basis: { currency: basis?.currency ?? 'CNY', unit: basis?.unit ?? '' },
    kinds,
    ownKinds,
    ...(ownKinds.length > 0 && ownProduct ? { ownProductName: ownProduct.name } : {}),
    points,
    excluded: prices.length - inBasis.length,
  };
}
