import { Dexie } from 'dexie';
import { defineQuery, isLive } from '../store/query';
import type { VisitCard } from './schema';

const EXAMPLE_ID = '01JC0000000000000000000001';

/** A rep's cards of one day (Today). */
export const visitsOfAuthorOnDay = defineQuery({
  name: 'visits.ofAuthorOnDay',
  table: 'visitCards',
  index: '[author.id+visitDay]',
  example: { authorId: 'rep-1', day: '2026-11-30' },
  run: async (db, { authorId, day }: { authorId: string; day: string }): Promise<VisitCard[]> =>
    db.visitCards.where('[author.id+visitDay]').equals([authorId, day]).filter(isLive).toArray(),
});

/** A rep's latest cards, newest first (popup, visit history). */
export const recentVisitsOfAuthor = defineQuery({
  name: 'visits.recentOfAuthor',
  table: 'visitCards',
  index: '[author.id+visitDay]',
  example: { authorId: 'rep-1', limit: 5 },
  run: async (db, { authorId, limit }: { authorId: string; limit: number }): Promise<VisitCard[]> =>
    db.visitCards
      .where('[author.id+visitDay]')
      .between([authorId, Dexie.minKey], [authorId, Dexie.maxKey])
      .reverse()
      .filter(isLive)
      .limit(limit)
      .toArray(),
});

/** A rep's cards between two days, inclusive (a month, for the monthly report). */
export const visitsOfAuthorBetween = defineQuery({
  name: 'visits.ofAuthorBetween',
  table: 'visitCards',
  index: '[author.id+visitDay]',
  example: { authorId: 'rep-1', from: '2026-11-01', to: '2026-11-30' },
  run: async (db, { authorId, from, to }: { authorId: string; from: string; to: string }): Promise<VisitCard[]> =>
    db.visitCards.where('[author.id+visitDay]').between([authorId, from], [authorId, to], true, true).filter(isLive).toArray(),
});

/** A rep's cards of one ISO week (the weekly report). */
export const visitsOfAuthorInWeek = defineQuery({
  name: 'visits.ofAuthorInWeek',
  table: 'visitCards',
  index: '[author.id+isoWeek]',
  example: { authorId: 'rep-1', isoWeek: '2026-W49' },
  run: async (db, { authorId, isoWeek }: { authorId: string; isoWeek: string }): Promise<VisitCard[]> =>
    db.visitCards.where('[author.id+isoWeek]').equals([authorId, isoWeek]).filter(isLive).toArray(),
});

/**
 * A dealer's cards from `from` up to and including `to`, newest first: the history a new card
 * is prefilled from (last orders, last inventory, last month's sales).
 */
export const dealerVisitsBetween = defineQuery({
  name: 'visits.ofDealerBetween',
  table: 'visitCards',
  index: '[dealerId+visitDay]',
  example: { dealerId: EXAMPLE_ID, from: '2026-10-01', to: '2026-11-30', limit: 40 },
  run: async (db, { dealerId, from, to, limit }: { dealerId: string; from: string; to: string; limit: number }): Promise<VisitCard[]> =>
    db.visitCards.where('[dealerId+visitDay]').between([dealerId, from], [dealerId, to], true, true).reverse().filter(isLive).limit(limit).toArray(),
});

/**
 * A dealer's live cards from `from` to `to` (days, inclusive), in day order: a KPI panel's window.
 * One ranged read of the index (a single request), tombstones dropped afterwards: a filter inside
 * the query would make Dexie step a cursor card by card.
 */
export const dealerVisitsInRange = defineQuery({
  name: 'visits.ofDealerInRange',
  table: 'visitCards',
  index: '[dealerId+visitDay]',
  example: { dealerId: EXAMPLE_ID, from: '2025-11-01', to: '2026-11-30' },
  run: async (db, { dealerId, from, to }: { dealerId: string; from: string; to: string }): Promise<VisitCard[]> =>
    (await db.visitCards.where('[dealerId+visitDay]').between([dealerId, from], [dealerId, to], true, true).toArray()).filter(isLive),
});

/**
 * The day each dealer was last visited (live cards only), for a page of the Dealers list: one
 * step of a reverse cursor per dealer on its visit index, all in one read. A dealer never visited
 * is absent from the answer.
 */
export const lastVisitDayOfDealers = defineQuery({
  name: 'visits.lastDayOfDealers',
  table: 'visitCards',
  index: '[dealerId+visitDay]',
  example: { dealerIds: [EXAMPLE_ID] },
  run: async (db, { dealerIds }: { dealerIds: readonly string[] }): Promise<Record<string, string>> => {
    const last = await Promise.all(
      dealerIds.map((dealerId) =>
        db.visitCards.where('[dealerId+visitDay]').between([dealerId, Dexie.minKey], [dealerId, Dexie.maxKey]).reverse().filter(isLive).first(),
      ),
    );
    return Object.fromEntries(last.flatMap((card) => (card ? [[card.dealerId, card.visitDay]] : [])));
  },
});

export const visitQueries = [visitsOfAuthorOnDay, recentVisitsOfAuthor, visitsOfAuthorBetween, visitsOfAuthorInWeek, dealerVisitsBetween, dealerVisitsInRange, lastVisitDayOfDealers];
