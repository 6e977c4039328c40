import { defineKind } from '../store/kind';
import { isoWeekOf } from '../kernel/dates';
import { VisitCard } from './schema';
import { field, listOf, noonOf } from '../crm/readable';

/** 客户卡: one card per customer per visit (seed 000). */
export const visitCardKind = defineKind({
  name: 'visitCard',
  table: 'visitCards',
  schema: VisitCard,
  indexes: ['[dealerId+visitDay]', '[author.id+visitDay]', '[author.id+isoWeek]'],
  derive: (card) => ({ isoWeek: isoWeekOf(card.visitDay) }),
  labels: { 'zh-CN': { one: '客户卡', other: '客户卡' }, en: { one: 'visit card', other: 'visit cards' } },
  crm: {
    home: 'activity',
    findBy: 'recordId',
    dealerIdOf: (card) => card.dealerId,
    timestampOf: (card) => noonOf(card.visitDay),
    render: (card) => ({
      title: { 'zh-CN': '客户卡', en: 'Visit card' },
      lines: [
        field('拜访日', 'Visit day', card.visitDay),
        field('往期销量', 'Previous sales', card.previousPeriodSales),
        field('当期库存', 'Inventory', card.currentInventory),
        field('本次进货', 'Order', card.orderQuantity !== undefined ? `${card.orderQuantity} ${card.unit}` : undefined),
        field('进货品种', 'SKUs ordered', listOf(card.orderedSkus)),
        field('备注', 'Note', card.note),
      ].filter((line) => line !== undefined),
    }),
  },
});
