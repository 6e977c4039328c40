/**
 * Units of quantity as a vocabulary in both languages.
 *
 * Reps type units ("箱", "cases", "Case"); records keep exactly what was typed (existing cards say
 * "箱"), and display goes through this vocabulary: `formatQuantity(25, '箱', 'en')` is "25 cases",
 * `formatQuantity(25, 'case', 'zh-CN')` is "25 箱". A company's own unit that is not in the
 * vocabulary ("件装", "6-pack tray") is shown as typed in both languages.
 */
import type { Locale } from './i18n';
import { formatMoney, formatNumber } from './format';

interface UnitDefinition {
  /** The Chinese word, also what a zh-CN rep types. */
  readonly zh: string;
  /** English, singular and plural ("1 case", "25 cases"; "25 kg"). */
  readonly one: string;
  readonly other: string;
  /** Other spellings that mean the same unit, in either language (matched case-insensitively). */
  readonly aliases?: readonly string[];
}

export const UNITS = {
  case: { zh: '箱', one: 'case', other: 'cases', aliases: ['cs'] },
  carton: { zh: '条', one: 'carton', other: 'cartons' },
  bottle: { zh: '瓶', one: 'bottle', other: 'bottles', aliases: ['btl', 'btls'] },
  pack: { zh: '包', one: 'pack', other: 'packs', aliases: ['pk', 'pks', 'packet', 'packets'] },
  drum: { zh: '桶', one: 'drum', other: 'drums' },
  piece: { zh: '件', one: 'piece', other: 'pieces', aliases: ['pc', 'pcs'] },
  unit: { zh: '个', one: 'unit', other: 'units', aliases: ['ea', 'each'] },
  box: { zh: '盒', one: 'box', other: 'boxes' },
  bag: { zh: '袋', one: 'bag', other: 'bags' },
  can: { zh: '罐', one: 'can', other: 'cans', aliases: ['听'] },
  set: { zh: '套', one: 'set', other: 'sets' },
  pair: { zh: '双', one: 'pair', other: 'pairs' },
  dozen: { zh: '打', one: 'dozen', other: 'dozen', aliases: ['dz', 'doz'] },
  pallet: { zh: '托', one: 'pallet', other: 'pallets', aliases: ['板'] },
  tonne: { zh: '吨', one: 'tonne', other: 'tonnes', aliases: ['t', 'ton', 'tons', 'metric ton', 'metric tons'] },
  kg: { zh: '公斤', one: 'kg', other: 'kg', aliases: ['千克', 'kgs', 'kilo', 'kilos', 'kilogram', 'kilograms'] },
  jin: { zh: '斤', one: 'jin', other: 'jin', aliases: ['市斤', 'catty', 'catties'] },
  gram: { zh: '克', one: 'g', other: 'g', aliases: ['gram', 'grams'] },
  litre: { zh: '升', one: 'litre', other: 'litres', aliases: ['l', 'liter', 'liters', '公升'] },
  ml: { zh: '毫升', one: 'ml', other: 'ml', aliases: ['millilitre', 'millilitres', 'milliliter', 'milliliters'] },
} as const satisfies Record<string, UnitDefinition>;

export type UnitCode = keyof typeof UNITS;
export const UNIT_CODES = Object.keys(UNITS) as UnitCode[];

function normalize(text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(/\.$/, '').toLowerCase();
}

/** Every spelling (code, Chinese word, English forms, aliases), normalized, to its code. */
const SPELLINGS: ReadonlyMap<string, UnitCode> = new Map(
  UNIT_CODES.flatMap((code) => {
    const unit: UnitDefinition = UNITS[code];
    return [code, unit.zh, unit.one, unit.other, ...(unit.aliases ?? [])].map((spelling) => [normalize(spelling), code] as const);
  }),
);

/** The vocabulary code of what a rep typed ("箱", "case", " Cases " → 'case'); undefined for a unit of the company's own. */
export function parseUnit(typed: string): UnitCode | undefined {
  return SPELLINGS.get(normalize(typed));
}

const englishPlural = new Intl.PluralRules('en');

/**
 * A unit's name in the UI language, for `count` of it (English plural: "case" / "cases").
 * `unit` is a code or what was typed; a unit outside the vocabulary comes back as typed.
 */
export function unitLabel(unit: string, locale: Locale, count = 1): string {
  const code = parseUnit(unit);
  if (!code) return unit.trim();
  const definition: UnitDefinition = UNITS[code];
  if (locale === 'zh-CN') return definition.zh;
  return englishPlural.select(count) === 'one' ? definition.one : definition.other;
}

/** A quantity with its unit in the UI language: "25 箱" / "25 cases", "1 case", "12,000 cases"; a company's own unit as typed. */
export function formatQuantity(quantity: number, unit: string, locale: Locale): string {
  const amount = formatNumber(quantity, locale);
  const label = unitLabel(unit, locale, quantity);
  return label ? `${amount} ${label}` : amount;
}

/** A currency written as a word or sign ("元/瓶", "¥/bottle"); a currency code counts when it is the price's own ("USD/case"). */
const CURRENCY_WORD = /^(元|块|圆|人民币|美元|欧元|港币|[¥￥$€£]|us\$|rmb|yuan)$/i;

function isCurrency(text: string, code: string): boolean {
  return CURRENCY_WORD.test(text) || text.toUpperCase() === code;
}

/**
 * A price per unit, as intel records it (amount, currency, and a unit typed like "元/瓶"):
 * zh-CN "35 元/瓶" (CNY) or "US$5/瓶", en "¥35/bottle" or "$5/case". A unit of the company's own
 * is shown as typed ("¥35/件装"); text that does not read as "<currency>/<unit>" ("箱/6瓶") is
 * shown as typed after the amount.
 */
export function formatUnitPrice(amount: number, currency: string, unit: string, locale: Locale): string {
  const typed = unit.trim();
  const code = (currency.trim() || 'CNY').toUpperCase();
  const money = formatMoney(amount, code, locale);
  const plainYuan = locale === 'zh-CN' && code === 'CNY';
  const amountText = plainYuan ? `${formatNumber(amount, locale)} 元` : money;

  const per = perUnitOf(typed, code);
  if (per === undefined) {
    if (!typed) return amountText;
    return plainYuan ? `${formatNumber(amount, locale)} ${typed}` : `${money} ${typed}`;
  }
  if (per === '') return amountText;
  return `${amountText}/${unitLabel(per, locale, 1)}`;
}

/**
 * The unit after the currency in "元/瓶", "/瓶", "per bottle", "每瓶" or a bare "瓶" (a bare word of
 * the company's own, "件装", is taken as the unit too); '' for a currency alone ("元"); undefined
 * when what stands before the "/" is not a currency ("箱/6瓶").
 */
function perUnitOf(typed: string, code: string): string | undefined {
  if (!typed) return undefined;
  const slash = typed.search(/[/／]/);
  if (slash >= 0) {
    const before = typed.slice(0, slash).trim();
    const after = typed.slice(slash + 1).trim();
    if (before !== '' && !isCurrency(before, code)) return undefined;
    return after || undefined;
  }
  if (parseUnit(typed)) return typed;
  if (isCurrency(typed, code)) return '';
  const spelled = /^(?:per\s+|每)(.+)$/i.exec(typed);
  return spelled ? spelled[1]!.trim() : typed;
}
