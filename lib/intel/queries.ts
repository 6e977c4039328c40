import { Dexie } from 'dexie';
import { defineQuery, isLive } from '../store/query';
import type { IntelItem } from './schema';

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

export const intelQueries = [intelOfAuthorBetween, latestIntel, intelOfProduct, intelOfDealer, intelCompetitorNames];
