/**
 * v9 ([intel]): the competitor and product dictionary gains review and merges. No index changes;
 * rows stored before are given the fields later code reads without parsing: aliases and brands
 * (empty), status (approved: only admins wrote the dictionary before review existed) and a SKU
 * (`''` when unknown, so the sku index lists every product). The registry's store spec frozen at v9.
 */
import type { Transaction } from 'dexie';
import { V8 } from './008-report-sources';

export const V9 = {
  version: 9,
  stores: {
    ...V8.stores,
  },
  upgrade: async (tx: Transaction) => {
    await tx
      .table('competitors')
      .toCollection()
      .modify((row: { aliases?: unknown; brands?: unknown; status?: unknown }) => {
        if (!Array.isArray(row.aliases)) row.aliases = [];
        if (!Array.isArray(row.brands)) row.brands = [];
        if (row.status !== 'pending' && row.status !== 'approved') row.status = 'approved';
      });
    await tx
      .table('products')
      .toCollection()
      .modify((row: { aliases?: unknown; sku?: unknown; status?: unknown }) => {
        if (!Array.isArray(row.aliases)) row.aliases = [];
        if (typeof row.sku !== 'string') row.sku = '';
        if (row.status !== 'pending' && row.status !== 'approved') row.status = 'approved';
      });
  },
} as const;
