import { defineQuery, isLive } from '../store/query';
import type { Dealer, Terminal } from './schema';
import type { DealerFacts } from './facts';
import type { VisitMonth } from './visit-months';

/**
 * Dealers in name order, optionally those whose name or city contains `search`; a page at a
 * time. The name index gives the order; the filter runs on that cursor and stops at `limit`.
 */
export const dealersByName = defineQuery({
  name: 'dealers.byName',
  table: 'dealers',
  index: 'name',
  example: { search: '', limit: 50 },
  run: async (db, { search, limit }: { search: string; limit: number }): Promise<Dealer[]> => {
    const q = search.trim().toLowerCase();
    return db.dealers
      .orderBy('name')
      .filter((d) => isLive(d) && (!q || d.name.toLowerCase().includes(q) || (d.city ?? '').toLowerCase().includes(q)))
      .limit(limit)
      .toArray();
  },
});

/**
 * Dealers by id, e.g. the few a list of visit cards names; ids with no dealer are left out.
 * Deleted dealers are kept: a card written before the delete still shows whom it was about.
 */
export const dealersByIds = defineQuery({
  name: 'dealers.byIds',
  table: 'dealers',
  index: ':id',
  example: { ids: ['01JC0000000000000000000001'] },
  run: async (db, { ids }: { ids: readonly string[] }): Promise<Dealer[]> => (await db.dealers.bulkGet([...ids])).filter((d): d is Dealer => d !== undefined),
});

/** Whether there is any live dealer (a visit card needs one). */
export const anyDealer = defineQuery({
  name: 'dealers.any',
  table: 'dealers',
  index: 'name',
  example: {},
  run: async (db, _args: Record<string, never>): Promise<boolean> => (await db.dealers.orderBy('name').filter(isLive).first()) !== undefined,
});

/** The local dealer linked to a CRM dealer. */
export const dealerByCrmId = defineQuery({
  name: 'dealers.byCrmId',
  table: 'dealers',
  index: 'crm.objectId',
  example: { crmId: '1001' },
  run: async (db, { crmId }: { crmId: string }): Promise<Dealer | undefined> => db.dealers.where('crm.objectId').equals(crmId).first(),
});

/**
 * A dealer's live terminals. One ranged read of the index (a single request), tombstones dropped
 * afterwards: a filter inside the query would make Dexie step a cursor row by row.
 */
export const terminalsOfDealer = defineQuery({
  name: 'dealers.terminalsOf',
  table: 'terminals',
  index: 'dealerId',
  example: { dealerId: '01JC0000000000000000000001' },
  run: async (db, { dealerId }: { dealerId: string }): Promise<Terminal[]> => (await db.terminals.where('dealerId').equals(dealerId).toArray()).filter(isLive),
});

/** A dealer's live monthly figures from `from` to `to` (months, inclusive), oldest first: one ranged read, tombstones dropped afterwards. */
export const factsOfDealerBetween = defineQuery({
  name: 'dealers.factsBetween',
  table: 'dealerFacts',
  index: '[dealerId+period]',
  example: { dealerId: '01JC0000000000000000000001', from: '2025-11', to: '2026-11' },
  run: async (db, { dealerId, from, to }: { dealerId: string; from: string; to: string }): Promise<DealerFacts[]> =>
    (await db.dealerFacts.where('[dealerId+period]').between([dealerId, from], [dealerId, to], true, true).toArray()).filter(isLive),
});

/**
 * A dealer's visit-month summaries from `from` to `to` (months, inclusive), oldest first: what a
 * KPI panel reads of its visit cards (lib/dealers/visit-months.ts). A month without cards has no row.
 */
export const visitMonthsOfDealer = defineQuery({
  name: 'dealers.visitMonthsBetween',
  table: 'visitMonths',
  index: ':id',
  example: { dealerId: '01JC0000000000000000000001', from: '2025-11', to: '2026-11' },
  run: async (db, { dealerId, from, to }: { dealerId: string; from: string; to: string }): Promise<VisitMonth[]> =>
    db.visitMonths.where('[dealerId+month]').between([dealerId, from], [dealerId, to], true, true).toArray(),
});

/** The dealers a rep is responsible for (责任人), in no particular order: the reports they cover. */
export const dealersOfRep = defineQuery({
  name: 'dealers.ofRep',
  table: 'dealers',
  index: 'responsibleRepId',
  example: { repId: '101' },
  run: async (db, { repId }: { repId: string }): Promise<Dealer[]> => db.dealers.where('responsibleRepId').equals(repId).filter(isLive).toArray(),
});

export const dealerQueries = [dealersOfRep, factsOfDealerBetween, visitMonthsOfDealer, dealersByName, dealersByIds, anyDealer, dealerByCrmId, terminalsOfDealer];
