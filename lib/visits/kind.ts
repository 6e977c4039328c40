import { defineKind, type RenderContext } from '../store/kind';
import { isoWeekOf } from '../kernel/dates';
import { VisitCard } from './schema';
import { photosOfVisit } from './photo';
import { dayText, field, listOf, noonOf, present, quantityText, say, yesNo } from '../store/readable';

/** The four mandatory actions of a visit, in the order reps say them. */
const ACTIONS = [
  ['checkedInventory', '查库存', 'check stock'],
  ['didDisplay', '做陈列', 'set up display'],
  ['tookOrder', '下订单', 'take order'],
  ['recommendedNewProducts', '推荐新品', 'recommend new products'],
] as const;

/** "1 张陈列照片（存于 Fieldkit）" / "1 display photo (kept in Fieldkit)". */
function photosText(count: number, locale: RenderContext['locale']): string {
  return say(locale, `${count} 张陈列照片（存于 Fieldkit）`, `${count} display ${count === 1 ? 'photo' : 'photos'} (kept in Fieldkit)`);
}

/** The visit card as its reader reads it, in the record's language; the dealer by name. */
function renderVisitCard(card: VisitCard, { locale, dealerName }: RenderContext) {
  const quantity = (value: number | undefined) => (value === undefined ? undefined : quantityText(value, card.unit, locale));
  const actions = ACTIONS.map(([key, zh, en]) => `${say(locale, zh, en)} ${card.actions[key] ? '✓' : '✗'}`).join(say(locale, ' ', ', '));
  const required = card.requiredSkus.map((s) => (s.carried ? say(locale, `${s.sku}（已铺货）`, `${s.sku} (stocked)`) : say(locale, `${s.sku}（未铺货）`, `${s.sku} (not stocked)`)));
  const purchases = card.recentPurchases.map((p) => say(locale, `${dayText(p.day, locale, card.visitDay)} ${quantity(p.quantity)}`, `${quantity(p.quantity)} on ${dayText(p.day, locale, card.visitDay)}`));
  return {
    title: { 'zh-CN': '客户卡', en: 'Visit card' },
    date: dayText(card.visitDay, locale),
    lines: present([
      field('经销商', 'Dealer', dealerName(card.dealerId) ?? say(locale, '（未知经销商）', '(unknown dealer)')),
      field('拜访日', 'Visit day', dayText(card.visitDay, locale)),
      card.keyAccount ? field('大客户走访', 'Key-account visit', yesNo(true, locale)) : undefined,
      field('必做动作', 'Required actions', actions),
      field('往期销量', 'Previous period sales', quantity(card.previousPeriodSales)),
      field('当期库存', 'Stock on hand', quantity(card.currentInventory)),
      field('本次进货', 'Ordered this visit', quantity(card.orderQuantity)),
      field('进货品种', 'SKUs ordered', listOf(card.orderedSkus, locale)),
      field('公司要求分销品种', 'Company-required SKUs', listOf(required, locale)),
      field('最近进货', 'Recent purchases', listOf(purchases, locale)),
      field('备注', 'Note', card.note.trim()),
      // The photos themselves are attached to the note as files.
      card.photoCount ? field('陈列照片', 'Display photos', photosText(card.photoCount, locale)) : undefined,
    ]),
  };
}

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
    render: renderVisitCard,
    // The display photos live in rows of their own; they reach HubSpot as files attached to the card's note.
    attachments: {
      fields: [],
      of: () => [],
      related: async (db, card) => (await photosOfVisit.run(db, { visitCardId: card.id })).map((photo) => ({ name: `photo-${photo.id}`, dataUrl: photo.dataUrl })),
    },
  },
});
