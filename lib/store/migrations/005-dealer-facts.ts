/**
 * v5: a dealer's monthly figures from the ERP or HubSpot (lib/dealers/facts.ts), read by dealer
 * and month for the KPI panel. The registry's store spec frozen at v5.
 */
import { V4 } from './004-registry';

export const V5 = {
  version: 5,
  stores: {
    ...V4.stores,
    dealerFacts: 'id, [dealerId+period]',
  },
} as const;
