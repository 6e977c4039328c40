import { defineKind } from '../store/kind';
import { field, noonOf } from '../crm/readable';
import { Competitor, IntelItem, Product } from './schema';

const PRICE_KINDS = { retail: { 'zh-CN': '零售价', en: 'Retail' }, wholesale: { 'zh-CN': '批发价', en: 'Wholesale' }, supply: { 'zh-CN': '供货价', en: 'Supply' } } as const;

/** 竞品信息 / 信息快报: a market observation captured from any page or in the field. */
export const intelItemKind = defineKind({
  name: 'intelItem',
  table: 'intelItems',
  schema: IntelItem,
  indexes: ['[competitorName+sku+observedDay]', 'observedDay', '[dealerId+observedDay]'],
  labels: { 'zh-CN': { one: '竞品信息', other: '竞品信息' }, en: { one: 'competitor intel item', other: 'competitor intel items' } },
  crm: {
    home: 'activity',
    findBy: 'recordId',
    dealerIdOf: (item) => item.dealerId,
    timestampOf: (item) => noonOf(item.observedDay),
    render: (item) => ({
      title: { 'zh-CN': '竞品信息', en: 'Competitor intel' },
      lines: [
        field('观察日', 'Observed', item.observedDay),
        field('竞品', 'Competitor', [item.competitorName, item.brand !== item.competitorName ? item.brand : undefined, item.product].filter(Boolean).join(' · ')),
        field('SKU', 'SKU', item.sku),
        ...item.prices.map((p) => field(PRICE_KINDS[p.kind]['zh-CN'], PRICE_KINDS[p.kind].en, `${p.currency === 'CNY' ? '¥' : `${p.currency} `}${p.amount} / ${p.unit}`)),
        field('促销', 'Promotion', item.promotion?.description || undefined),
        field('来源', 'Source', item.sourceUrl),
      ].filter((line) => line !== undefined),
    }),
  },
});

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
