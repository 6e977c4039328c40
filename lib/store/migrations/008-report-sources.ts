/**
 * v8 ([reports]): what a one-click report reads, by index — the dealers a rep is responsible for
 * (`responsibleRepId`), and one author's intel by the day it was observed. The registry's store
 * spec frozen at v8.
 */
import { V7 } from './007-review-roles-photos';

export const V8 = {
  version: 8,
  stores: {
    ...V7.stores,
    dealers: 'id, name, crm.objectId, responsibleRepId',
    intelItems: 'id, [competitorName+sku+observedDay], observedDay, [dealerId+observedDay], [author.id+observedDay]',
  },
} as const;
