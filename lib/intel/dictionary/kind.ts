import { defineKind, type ReadableRecord, type RenderContext } from '../../store/kind';
import type { Locale } from '../../kernel/i18n';
import { dayText, field, listOf, present, priceText, say } from '../../store/readable';
import { Competitor, Product } from './schema';

const STATUS: Record<Competitor['status'], Record<Locale, string>> = {
  approved: { 'zh-CN': '已审核', en: 'approved' },
  pending: { 'zh-CN': '待审核', en: 'awaiting review' },
};

const PRICE_KINDS = {
  retail: { 'zh-CN': '零售价', en: 'Retail price' },
  wholesale: { 'zh-CN': '批发价', en: 'Wholesale price' },
  supply: { 'zh-CN': '供货价', en: 'Supply price' },
} as const;

/** Where a merged entry went, by name (the note never shows an id). */
function mergedLine(entry: { mergedInto?: string; mergedIntoName?: string }, locale: Locale) {
  if (!entry.mergedInto) return undefined;
  return field('已合并到', 'Merged into', entry.mergedIntoName?.trim() || say(locale, '另一条词典条目', 'another dictionary entry'));
}

/** A competitor as a HubSpot user reads it: its names, brands, and whether it is reviewed or merged. */
function renderCompetitor(competitor: Competitor, { locale }: RenderContext): ReadableRecord {
  return {
    title: { 'zh-CN': '竞品词典：竞争对手', en: 'Competitor dictionary: competitor' },
    date: dayText(competitor.createdAt.slice(0, 10), locale),
    lines: present([
      field('名称', 'Name', competitor.name),
      field('别名', 'Also known as', listOf(competitor.aliases, locale)),
      field('品牌', 'Brands', listOf(competitor.brands, locale)),
      field('状态', 'Status', STATUS[competitor.status][locale]),
      mergedLine(competitor, locale),
    ]),
  };
}

/** A product (a competitor's, or one of ours with its prices) as a HubSpot user reads it. */
function renderProduct(product: Product, { locale }: RenderContext): ReadableRecord {
  const whose = product.competitorId ? product.competitorName?.trim() || say(locale, '（竞争对手）', '(a competitor)') : say(locale, '我司', 'Our company');
  return {
    title: { 'zh-CN': '竞品词典：产品', en: 'Competitor dictionary: product' },
    date: dayText(product.createdAt.slice(0, 10), locale),
    lines: present([
      field('名称', 'Name', product.name),
      field('归属', 'Belongs to', whose),
      field('品牌', 'Brand', product.brand),
      field('规格', 'Pack size', product.spec),
      field('货号', 'SKU', product.sku),
      field('别名', 'Also known as', listOf(product.aliases, locale)),
      ...(product.prices ?? []).map((p) =>
        field(PRICE_KINDS[p.kind]['zh-CN'], PRICE_KINDS[p.kind].en, `${priceText(p, locale)}${say(locale, `（${dayText(p.from, locale)}起）`, ` (from ${dayText(p.from, locale)})`)}`),
      ),
      field('状态', 'Status', STATUS[product.status][locale]),
      mergedLine(product, locale),
    ]),
  };
}

/**
 * The competitor dictionary keeps names consistent so intel rolls up per competitor product.
 * Entries sync as CRM notes without a dealer (like report templates): every device gets the same
 * dictionary, and a HubSpot user can read each entry (docs/intel-dictionary.md says why notes).
 */
export const competitorKind = defineKind({
  name: 'competitor',
  table: 'competitors',
  schema: Competitor,
  indexes: ['name'],
  labels: { 'zh-CN': { one: '竞争对手', other: '竞争对手' }, en: { one: 'competitor', other: 'competitors' } },
  crm: {
    home: 'activity',
    findBy: 'recordId',
    dealerIdOf: () => undefined,
    timestampOf: (competitor) => competitor.createdAt,
    render: renderCompetitor,
  },
});

export const productKind = defineKind({
  name: 'product',
  table: 'products',
  schema: Product,
  indexes: ['sku', 'competitorId'],
  labels: { 'zh-CN': { one: '产品', other: '产品' }, en: { one: 'product', other: 'products' } },
  crm: {
    home: 'activity',
    findBy: 'recordId',
    dealerIdOf: () => undefined,
    timestampOf: (product) => product.createdAt,
    render: renderProduct,
  },
});
