import { Dexie } from 'dexie';
import { defineQuery, isLive } from '../store/query';
import type { IntelItem } from './schema';
import type { FieldkitDatabase } from '../store/database';
import { localResolver, matchesFilters, newestFirst, type IntelFilters, type ViewResolver } from './browse';

/** Intel newest first by the day it was observed, a page at a time (the Intel view, popup). */
export const latestIntel = defineQuery({
  name: 'intel.latest',
  table: 'intelItems',
  index: 'observedDay',
  example: { limit: 50 },
  run: async (db, { limit }: { limit: number }): Promise<IntelItem[]> => db.intelItems.orderBy('observedDay').reverse().filter(isLive).limit(limit).toArray(),
});

/** Observations of one competitor product, oldest first (its price history). */
export const intelOfProduct = defineQuery({
  name: 'intel.ofProduct',
  table: 'intelItems',
  index: '[competitorName+sku+observedDay]',
  example: { competitorName: '美孚', sku: '' },
  run: async (db, { competitorName, sku }: { competitorName: string; sku: string }): Promise<IntelItem[]> =>
    db.intelItems
      .where('[competitorName+sku+observedDay]')
      .between([competitorName, sku, Dexie.minKey], [competitorName, sku, Dexie.maxKey])
      .filter(isLive)
      .toArray(),
});

/** Intel seen at one dealer, newest first (the dealer's page). */
export const intelOfDealer = defineQuery({
  name: 'intel.ofDealer',
  table: 'intelItems',
  index: '[dealerId+observedDay]',
  example: { dealerId: '01JC0000000000000000000001', limit: 10 },
  run: async (db, { dealerId, limit }: { dealerId: string; limit: number }): Promise<IntelItem[]> =>
    db.intelItems
      .where('[dealerId+observedDay]')
      .between([dealerId, Dexie.minKey], [dealerId, Dexie.maxKey])
      .reverse()
      .filter(isLive)
      .limit(limit)
      .toArray(),
});

/**
 * Competitor names already used in live intel: the distinct first parts of the product index,
 * found by skipping from one name to the next (one seek per name, however many items each has),
 * never by reading the whole index.
 */
export const intelCompetitorNames = defineQuery({
  name: 'intel.competitorNames',
  table: 'intelItems',
  index: '[competitorName+sku+observedDay]',
  example: {},
  run: async (db, _args: Record<string, never>): Promise<string[]> => {
    const INDEX = '[competitorName+sku+observedDay]';
    const names: string[] = [];
    let next = await db.intelItems.orderBy(INDEX).first();
    while (next) {
      const name = next.competitorName;
      // The first item of a name is usually live; a name that only deleted items carry is not offered.
      const live = isLive(next) || (await db.intelItems.where(INDEX).between([name, Dexie.minKey], [name, Dexie.maxKey]).filter(isLive).first());
      if (live) names.push(name);
      next = await db.intelItems.where(INDEX).above([name, Dexie.maxKey]).first();
    }
    return names;
  },
});

/** One author's intel observed between two days, inclusive (what a report says was captured). */
export const intelOfAuthorBetween = defineQuery({
  name: 'intel.ofAuthorBetween',
  table: 'intelItems',
  index: '[author.id+observedDay]',
  example: { authorId: 'rep-1', from: '2026-11-23', to: '2026-11-29' },
  run: async (db, { authorId, from, to }: { authorId: string; from: string; to: string }): Promise<IntelItem[]> =>
    db.intelItems.where('[author.id+observedDay]').between([authorId, from], [authorId, to], true, true).filter(isLive).toArray(),
});

/**
 * What the Intel view's filtered reads take: the filters, a page size, and the resolver that
 * names canonical competitors and products (not part of the live query's key: the view passes it
 * as a dependency of its own).
 */
export interface BrowseArgs {
  filters: IntelFilters;
  limit: number;
  resolver?: ViewResolver;
}

/** A page of matches, newest observation first; `more` when at least one more matches beyond it. */
export interface BrowsePage {
  items: IntelItem[];
  more: boolean;
}

const pageOf = (rows: IntelItem[], limit: number): BrowsePage => ({ items: rows.slice(0, limit), more: rows.length > limit });

/**
 * Filtered intel through the day index: the date range bounds the read (all days without one),
 * newest first; the other filters and the search are applied to that range, a page at a time.
 */
export const browseIntelByDay = defineQuery({
  name: 'intel.browseByDay',
  table: 'intelItems',
  index: 'observedDay',
  example: { filters: { from: '2026-11-01', to: '2026-11-30', search: '美孚' }, limit: 50 } as BrowseArgs,
  run: async (db, { filters, limit, resolver = localResolver }: BrowseArgs): Promise<BrowsePage> => {
    const range = filters.from || filters.to ? db.intelItems.where('observedDay').between(filters.from ?? '', filters.to ?? '\uffff', true, true) : db.intelItems.orderBy('observedDay');
    const rows = await range
      .reverse()
      .filter((item) => isLive(item) && matchesFilters(item, filters, resolver))
      .limit(limit + 1)
      .toArray();
    return pageOf(rows, limit);
  },
});

/**
 * One stored competitor name's items between two days through the product index: the index
 * orders by SKU before day, so it is read one SKU at a time, skipping from each SKU to the next
 * with one seek, and each SKU's days are a bounded range.
 */
async function ofCompetitorNameBetween(db: FieldkitDatabase, name: string, from: string | undefined, to: string | undefined): Promise<IntelItem[]> {
  const INDEX = '[competitorName+sku+observedDay]';
  const rows: IntelItem[] = [];
  let next = await db.intelItems.where(INDEX).between([name, Dexie.minKey], [name, Dexie.maxKey]).first();
  while (next) {
    const sku = next.sku;
    rows.push(...(await db.intelItems.where(INDEX).between([name, sku, from ?? Dexie.minKey], [name, sku, to ?? Dexie.maxKey], true, true).toArray()));
    next = await db.intelItems.where(INDEX).between([name, sku, Dexie.maxKey], [name, Dexie.maxKey], false, true).first();
  }
  return rows;
}

/**
 * Filtered intel of one competitor (every name it is stored under) through the product index:
 * the competitor and the date range bound the read; the other filters are applied to it.
 */
export const browseIntelOfCompetitor = defineQuery({
  name: 'intel.browseOfCompetitor',
  table: 'intelItems',
  index: '[competitorName+sku+observedDay]',
  example: { filters: { competitor: '美孚', competitorNames: ['美孚', 'Mobil'], from: '2026-11-01' }, limit: 50 } as BrowseArgs,
  run: async (db, { filters, limit, resolver = localResolver }: BrowseArgs): Promise<BrowsePage> => {
    const names = [...new Set(filters.competitorNames ?? [])];
    const lists = await Promise.all(names.map((name) => ofCompetitorNameBetween(db, name, filters.from, filters.to)));
    const rows = lists.flat().filter((item) => isLive(item) && matchesFilters(item, filters, resolver));
    return pageOf(rows.sort(newestFirst), limit);
  },
});

/** Filtered intel seen at one dealer through the dealer index, the date range bounding the read, newest first. */
export const browseIntelOfDealer = defineQuery({
  name: 'intel.browseOfDealer',
  table: 'intelItems',
  index: '[dealerId+observedDay]',
  example: { filters: { dealerId: '01JC0000000000000000000001', from: '2026-11-01', priceKind: 'retail' }, limit: 50 } as BrowseArgs,
  run: async (db, { filters, limit, resolver = localResolver }: BrowseArgs): Promise<BrowsePage> => {
    const dealerId = filters.dealerId ?? '';
    const rows = await db.intelItems
      .where('[dealerId+observedDay]')
      .between([dealerId, filters.from ?? Dexie.minKey], [dealerId, filters.to ?? Dexie.maxKey], true, true)
      .reverse()
      .filter((item) => isLive(item) && matchesFilters(item, filters, resolver))
      .limit(limit + 1)
      .toArray();
    return pageOf(rows, limit);
  },
});

/**
 * The query that reads the least for these filters: a dealer's items, else a competitor's, else
 * the date range.
 */
export function browseQueryFor(filters: IntelFilters) {
  if (filters.dealerId) return browseIntelOfDealer;
  if (filters.competitor && filters.competitorNames && filters.competitorNames.length > 0) return browseIntelOfCompetitor;
  return browseIntelByDay;
}

export const intelQueries = [
  intelOfAuthorBetween,
  latestIntel,
  intelOfProduct,
  intelOfDealer,
  intelCompetitorNames,
  browseIntelByDay,
  browseIntelOfCompetitor,
  browseIntelOfDealer,
];
