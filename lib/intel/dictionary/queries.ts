import { defineQuery, isLive } from '../../store/query';
import type { Competitor, Product } from './schema';

/** The competitor dictionary, by name. */
export const competitorsByName = defineQuery({
  name: 'intel.competitorsByName',
  table: 'competitors',
  index: 'name',
  example: {},
  run: async (db, _args: Record<string, never>): Promise<Competitor[]> => db.competitors.orderBy('name').filter(isLive).toArray(),
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

export const dictionaryQueries = [competitorsByName, productsBySku, productsOfCompetitor];
