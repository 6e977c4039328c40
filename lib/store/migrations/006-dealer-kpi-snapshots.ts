/**
 * v6: each dealer's latest KPI snapshot (lib/dealers/kpi-snapshot-kind.ts), the row the sync
 * engine writes to the dealer's CRM record. Read by primary key only, so no index. The
 * registry's store spec frozen at v6.
 */
import { V5 } from './005-dealer-facts';

export const V6 = {
  version: 6,
  stores: {
    ...V5.stores,
    dealerKpis: 'id',
  },
} as const;
