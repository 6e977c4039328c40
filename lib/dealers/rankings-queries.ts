/**
 * The named queries of the manager rankings (lib/dealers/rankings.ts). A month's ranking scores
 * every live dealer, so these take many dealers at once — but read of each only what that month
 * needs, through the index they name: its own key range, never a whole table.
 */
import { defineQuery, isLive } from '../store/query';
import type { VisitCard } from '../visits/schema';
import type { CrmOwner } from '../crm/port';
import type { DealerFacts } from './facts';
import type { Dealer, Terminal } from './schema';

const EXAMPLE_ID = '01JC0000000000000000000001';

/**
 * Every live dealer, in name order: the subjects of a ranking. The name index gives the order;
 * there is no region index, so the region filter runs in the ranking (and the regions offered
 * come from the same read).
 */
export const dealersForRanking = defineQuery({
  name: 'dealers.forRanking',
  table: 'dealers',
  index: 'name',
  example: {},
  run: async (db, _args: Record<string, never>): Promise<Dealer[]> => db.dealers.orderBy('name').filter(isLive).toArray(),
});

/*
 * The per-dealer reads below are one `getAll` per dealer (a plain key range with no Dexie filter,
 * so Dexie does not walk a cursor row by row; tombstones are dropped after), all in one read
 * transaction. Measured in Chromium, that is the cheapest way through these indexes: a single
 * cursor jumping from range to range (`anyOf` / `inAnyRange`) costs a round trip per row and jump,
 * several times slower.
 */

/** The live terminals of several dealers: one read of the dealer index per dealer. */
export const terminalsPerDealer = defineQuery({
  name: 'dealers.terminalsPerDealer',
  table: 'terminals',
  index: 'dealerId',
  example: { dealerIds: [EXAMPLE_ID] },
  run: async (db, { dealerIds }: { dealerIds: readonly string[] }): Promise<Terminal[]> =>
    db.transaction('r', db.terminals, async () => {
      const lists = await Promise.all(dealerIds.map((dealerId) => db.terminals.where('dealerId').equals(dealerId).toArray()));
      return lists.flat().filter(isLive);
    }),
});

/** The live monthly figures of several dealers from `from` to `to` (months, inclusive): one range per dealer. */
export const factsPerDealerBetween = defineQuery({
  name: 'dealers.factsPerDealerBetween',
  table: 'dealerFacts',
  index: '[dealerId+period]',
  example: { dealerIds: [EXAMPLE_ID], from: '2026-09', to: '2026-11' },
  run: async (db, { dealerIds, from, to }: { dealerIds: readonly string[]; from: string; to: string }): Promise<DealerFacts[]> =>
    db.transaction('r', db.dealerFacts, async () => {
      const lists = await Promise.all(dealerIds.map((dealerId) => db.dealerFacts.where('[dealerId+period]').between([dealerId, from], [dealerId, to], true, true).toArray()));
      return lists.flat().filter(isLive);
    }),
});

/** The live visit cards of several dealers from day `from` to day `to` (inclusive): one range per dealer. */
export const visitsPerDealerBetween = defineQuery({
  name: 'visits.perDealerBetween',
  table: 'visitCards',
  index: '[dealerId+visitDay]',
  example: { dealerIds: [EXAMPLE_ID], from: '2026-10-01', to: '2026-11-30' },
  run: async (db, { dealerIds, from, to }: { dealerIds: readonly string[]; from: string; to: string }): Promise<VisitCard[]> =>
    db.transaction('r', db.visitCards, async () => {
      const lists = await Promise.all(dealerIds.map((dealerId) => db.visitCards.where('[dealerId+visitDay]').between([dealerId, from], [dealerId, to], true, true).toArray()));
      return lists.flat().filter(isLive);
    }),
});

/** The settings row where sync keeps the CRM's owners (written by lib/sync/service.ts). */
export const OWNERS_SETTING = 'sync.owners';

/**
 * The names of the CRM owners a dealer can be assigned to (`responsibleRepId`), by owner id:
 * the owners list sync keeps, read by its key. Empty before the first sync.
 */
export const ownerNames = defineQuery({
  name: 'dealers.ownerNames',
  table: 'settings',
  index: ':id',
  example: {},
  run: async (db, _args: Record<string, never>): Promise<Record<string, string>> => {
    const row = await db.settings.get(OWNERS_SETTING);
    const owners = Array.isArray(row?.value) ? (row.value as unknown[]) : [];
    return Object.fromEntries(
      owners.flatMap((raw) => {
        const owner = raw as Partial<CrmOwner> | null;
        return owner && typeof owner.id === 'string' && typeof owner.name === 'string' && owner.name.trim() ? [[owner.id, owner.name.trim()]] : [];
      }),
    );
  },
});

export const rankingQueries = [dealersForRanking, terminalsPerDealer, factsPerDealerBetween, visitsPerDealerBetween, ownerNames];
