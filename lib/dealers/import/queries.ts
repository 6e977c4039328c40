/**
 * What an import reads before it writes: every dealer a row may name, the dealer-months and the
 * terminals a file touches. Listed in lib/queries.ts with the other named queries.
 */
import { defineQuery, isLive } from '../../store/query';
import type { Dealer, Terminal } from '../schema';
import type { DealerFacts } from '../facts';

/**
 * Every live dealer, for matching a file's rows by name or HubSpot company id. A rep's or a
 * region's dealers (hundreds, not millions), read once per import.
 */
export const dealersForImport = defineQuery({
  name: 'dealers.forImport',
  table: 'dealers',
  index: 'name',
  example: {},
  run: async (db, _args: Record<string, never>): Promise<Dealer[]> => db.dealers.orderBy('name').filter(isLive).toArray(),
});

/** The live monthly-figures rows of the given dealer-months (a dealer-month may have more than one: two devices each imported). */
export const factsOfDealerMonths = defineQuery({
  name: 'dealers.factsOfDealerMonths',
  table: 'dealerFacts',
  index: '[dealerId+period]',
  example: { keys: [['01JC0000000000000000000001', '2026-11']] as [string, string][] },
  run: async (db, { keys }: { keys: readonly [dealerId: string, period: string][] }): Promise<DealerFacts[]> =>
    keys.length === 0 ? [] : db.dealerFacts.where('[dealerId+period]').anyOf([...keys]).filter(isLive).toArray(),
});

/** The live terminals of several dealers at once. */
export const terminalsOfDealers = defineQuery({
  name: 'dealers.terminalsOfDealers',
  table: 'terminals',
  index: 'dealerId',
  example: { dealerIds: ['01JC0000000000000000000001'] },
  run: async (db, { dealerIds }: { dealerIds: readonly string[] }): Promise<Terminal[]> =>
    dealerIds.length === 0 ? [] : db.terminals.where('dealerId').anyOf([...dealerIds]).filter(isLive).toArray(),
});

export const dealerImportQueries = [dealersForImport, factsOfDealerMonths, terminalsOfDealers];
