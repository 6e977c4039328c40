import { defineQuery, isLive } from '../../store/query';
import type { Competitor, Product } from './schema';

/**
 * The competitor dictionary, by name: merged and pending rows included (the resolver follows
 * merges; the admin reviews pending ones). A dictionary is a few hundred rows, read whole.
 */
export const competitorsByName = defineQuery({
  name: 'intel.competitorsByName',
  table: 'competitors',
  index: 'name',
  example: {},
  run: async (db, _args: Record<string, never>): Promise<Competitor[]> => db.competitors.orderBy('name').filter(isLive).toArray(),
});

/** Every dictionary product (ours and competitors'), by SKU; those without one ('') first. */
export const dictionaryProducts = defineQuery({
  name: 'intel.dictionaryProducts',
  table: 'products',
  index: 'sku',
  example: {},
  run: async (db, _args: Record<string, never>): Promise<Product[]> => db.products.orderBy('sku').filter(isLive).toArray(),
});

/** Dictionary products with a SKU. */
export const productsBySku = defineQuery({
  name: 'intel.productsBySku',
  table: 'products',
  index: 'sku',
  example: { sku: 'M1-0W40-4L' },
  run: async (db, { sku }: { sku: string }): Promise<Product[]> => db.products.where('sku').equals(sku).filter(isLive).toArray(),
});

/** A competitor's products (our own: no competitor). */
export const productsOfCompetitor = defineQuery({
  name: 'intel.productsOfCompetitor',
  table: 'products',
  index: 'competitorId',
  example: { competitorId: '01JC0000000000000000000001' },
  run: async (db, { competitorId }: { competitorId: string }): Promise<Product[]> => db.products.where('competitorId').equals(competitorId).filter(isLive).toArray(),
});

export const dictionaryQueries = [competitorsByName, dictionaryProducts, productsBySku, productsOfCompetitor];
