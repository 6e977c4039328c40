import { defineKind } from '../../store/kind';
import { Competitor, Product } from './schema';

/** The competitor dictionary keeps names consistent so intel rolls up per competitor product. */
export const competitorKind = defineKind({
  name: 'competitor',
  table: 'competitors',
  schema: Competitor,
  indexes: ['name'],
  labels: { 'zh-CN': { one: '竞争对手', other: '竞争对手' }, en: { one: 'competitor', other: 'competitors' } },
});

export const productKind = defineKind({
  name: 'product',
  table: 'products',
  schema: Product,
  indexes: ['sku', 'competitorId'],
  labels: { 'zh-CN': { one: '产品', other: '产品' }, en: { one: 'product', other: 'products' } },
});
