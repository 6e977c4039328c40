import { defineKind, type ReadableRecord, type RenderContext } from '../store/kind';
import type { Locale } from '../kernel/i18n';
import { dayText, field, noonOf, present, priceText, rangeText, say } from '../store/readable';
import { IntelItem } from './schema';

type PromotionType = NonNullable<IntelItem['promotion']>['type'];

const PRICE_KINDS = {
  retail: { 'zh-CN': '零售价', en: 'Retail price' },
  wholesale: { 'zh-CN': '批发价', en: 'Wholesale price' },
  supply: { 'zh-CN': '供货价', en: 'Supply price' },
} as const;

const PROMOTION_TYPES: Record<PromotionType, Record<Locale, string>> = {
  discount: { 'zh-CN': '打折', en: 'Discount' },
  bundle: { 'zh-CN': '捆绑销售', en: 'Bundle' },
  gift: { 'zh-CN': '赠品', en: 'Free gift' },
  rebate: { 'zh-CN': '返点', en: 'Rebate' },
  points: { 'zh-CN': '积分累计', en: 'Loyalty points' },
  display: { 'zh-CN': '陈列堆头', en: 'Display' },
  priceCut: { 'zh-CN': '降价', en: 'Price cut' },
  newLaunch: { 'zh-CN': '新品上市', en: 'New product launch' },
  other: { 'zh-CN': '其他促销', en: 'Other promotion' },
};

const CONFIDENCE: Record<IntelItem['confidence'], Record<Locale, string>> = {
  low: { 'zh-CN': '低', en: 'low' },
  medium: { 'zh-CN': '中', en: 'medium' },
  high: { 'zh-CN': '高', en: 'high' },
};

/** An intel item as its reader reads it, in the record's language: prices and promotion in words. */
function renderIntelItem(item: IntelItem, { locale, dealerName }: RenderContext): ReadableRecord {
  const observed = dayText(item.observedDay, locale);
  const promotion = item.promotion
    ? [PROMOTION_TYPES[item.promotion.type][locale], item.promotion.description.trim(), rangeText(item.promotion.from, item.promotion.to, locale, item.observedDay)]
        .filter(Boolean)
        .join(' · ')
    : undefined;
  const title = item.sourceTitle?.trim();
  const source = item.sourceUrl ? (title ? say(locale, `${title}（${item.sourceUrl}）`, `${title} (${item.sourceUrl})`) : item.sourceUrl) : title;
  return {
    title: { 'zh-CN': '竞品信息', en: 'Competitor intel' },
    date: observed,
    lines: present([
      field('竞品', 'Competitor', [item.competitorName, item.brand !== item.competitorName ? item.brand : undefined, item.product].filter(Boolean).join(' · ')),
      field('货号', 'SKU', item.sku),
      field('规格', 'Pack size', item.spec),
      field('观察日', 'Observed on', observed),
      field('经销商', 'Dealer', item.dealerId ? (dealerName(item.dealerId) ?? say(locale, '（未知经销商）', '(unknown dealer)')) : undefined),
      field('渠道', 'Channel', item.channel),
      field('地区', 'Region', item.region),
      ...item.prices.map((p) => field(PRICE_KINDS[p.kind]['zh-CN'], PRICE_KINDS[p.kind].en, priceText(p, locale))),
      field('促销', 'Promotion', promotion),
      field('来源', 'Source', source),
      field('可信度', 'Confidence', CONFIDENCE[item.confidence][locale]),
    ]),
  };
}

/** 竞品信息 / 信息快报: a market observation captured from any page or in the field. */
export const intelItemKind = defineKind({
  name: 'intelItem',
  table: 'intelItems',
  schema: IntelItem,
  indexes: ['[competitorName+sku+observedDay]', 'observedDay', '[dealerId+observedDay]', '[author.id+observedDay]'],
  labels: { 'zh-CN': { one: '竞品信息', other: '竞品信息' }, en: { one: 'competitor intel item', other: 'competitor intel items' } },
  crm: {
    home: 'activity',
    findBy: 'recordId',
    dealerIdOf: (item) => item.dealerId,
    timestampOf: (item) => noonOf(item.observedDay),
    render: renderIntelItem,
    // A screenshot is up to 3 MB as a data URL; a HubSpot property holds 65,536 characters. It
    // goes to the CRM as a file attached to the note (docs/sync.md, "Attachments").
    attachments: {
      fields: ['screenshot'],
      of: (item) => (item.screenshot ? [{ name: 'screenshot', dataUrl: item.screenshot }] : []),
    },
  },
});
