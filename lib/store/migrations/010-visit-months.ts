/**
 * v10 ([panel]): the visit-month summary (lib/dealers/visit-months.ts), one row per dealer and
 * month of visit cards, keyed `[dealerId+month]`: what a dealer's KPI panel reads instead of the
 * cards themselves. Built here from every card already stored; from then on a DBCore middleware
 * keeps it right on every write. The registry's store spec frozen at v10.
 */
import type { Transaction } from 'dexie';
import { rebuildVisitMonths } from '../../dealers/visit-months';
import { V9 } from './009-intel-dictionary';

export const V10 = {
  version: 10,
  stores: {
    ...V9.stores,
    visitMonths: '[dealerId+month]',
  },
  upgrade: async (tx: Transaction) => {
    await rebuildVisitMonths(tx);
  },
} as const;
