/**
 * Prices and a promotion read from page text (a shop page's price block, a distributor's price
 * list, a rep's chat message), in Chinese or English. It suggests; the rep confirms in the form.
 *
 * A number is a price only when money says so: a currency sign or word next to it (¥36, 36元,
 * RMB 980/箱, €4.50), or a price word before it (零售价 468, was 2,399.00). Model numbers and
 * specs (0W-40, 4L, HX7), sales counts (已售2.1万件) and dates are never prices.
 */

export type PriceKind = 'retail' | 'wholesale' | 'supply';
export type PriceLabel = 'original' | 'current' | 'final' | 'coupon';
export type PromotionKind = 'discount' | 'bundle' | 'gift' | 'rebate' | 'points' | 'display' | 'priceCut' | 'newLaunch' | 'other';

export interface ParsedPrice {
  /** The amount, or the low end of a range. */
  amount: number;
  /** The high end of a range (80~95元/件). */
  upTo?: number;
  /** ISO code. */
  currency: string;
  /** Per what, as written (条, 箱, bottle …); absent when not said. */
  unit?: string;
  kind: PriceKind;
  label?: PriceLabel;
  /** The text the price was read from. */
  text: string;
}

export interface ParsedPromotion {
  type: PromotionKind;
  /** The promotion's words as found. */
  terms: string;
  from?: string;
  to?: string;
}

export interface ParsedIntel {
  prices: ParsedPrice[];
  promotion?: ParsedPromotion;
}

/** Longer texts are read up to this many characters (a selection, not a whole page). */
const MAX_TEXT = 5000;

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const RANGE_JOIN = String.raw`\s*(?:~|～|-|–|—|至|到)\s*`;
const UNITS_ZH = '条|箱|瓶|桶|件|支|盒|包|袋|罐|个|台|吨|升|公斤|千克|斤|套|提|听|组|片|只|双|把|块';
const UNITS_EN = 'bottles?|cases?|cartons?|boxes|box|drums?|pails?|pallets?|packs?|units?|pieces?|pcs|litres?|liters?|tins?|cans?|bags?|tons?|tonnes?|kg|KG|Kg|L|l|ml|mL';

/** Currency written before the amount, and its ISO code. */
const PREFIX_CURRENCIES: [RegExp, string][] = [
  [/^(?:US\$|USD)$/i, 'USD'],
  [/^(?:HK\$|HKD)$/i, 'HKD'],
  [/^(?:\$)$/, 'USD'],
  [/^(?:€|EUR)$/i, 'EUR'],
  [/^(?:£|GBP)$/i, 'GBP'],
  [/^(?:¥|￥|RMB|CNY|人民币)$/i, 'CNY'],
];
const PREFIX = String.raw`US\$|HK\$|USD|HKD|EUR|GBP|RMB|CNY|人民币|\$|€|£|¥|￥`;

/** Currency written after the amount. */
const SUFFIX_CURRENCIES: Record<string, string> = { 元: 'CNY', 块: 'CNY', 块钱: 'CNY', 圆: 'CNY', 人民币: 'CNY', 美元: 'USD', 欧元: 'EUR', 港币: 'HKD', 港元: 'HKD', 英镑: 'GBP' };
const SUFFIX = '块钱|元|块|圆|美元|欧元|港币|港元|英镑';

const UNIT_AFTER = String.raw`(?:\s*(?:/|／|每|一|per\s+|a\s+)\s*(${UNITS_ZH}|${UNITS_EN})(?![A-Za-z]))?`;

/** ¥36, RMB 980/箱, US$5.20 per bottle, ¥80~95/件 */
const PREFIXED = new RegExp(String.raw`(${PREFIX})\s*(${NUMBER})(?:${RANGE_JOIN}(?:${PREFIX})?\s*(${NUMBER}))?${UNIT_AFTER}`, 'giu');
/** 36元, 360元/条, 80~95元/件, 268块钱一桶 */
const SUFFIXED = new RegExp(String.raw`(${NUMBER})(?:${RANGE_JOIN}(${NUMBER}))?\s*(万)?\s*(${SUFFIX})(?:\s*(?:/|／|每|一)\s*(${UNITS_ZH}|${UNITS_EN})(?![A-Za-z]))?`, 'gu');
/** A price word, then a bare number: 零售价 468, was 2,399.00, Retail price: 468 per drum */
const WORDED = new RegExp(
  String.raw`(零售价|批发价|供货价|进货价|出厂价|到手价|券后价|原价|现价|售价|促销价|活动价|秒杀价|划线价|单价|retail price|wholesale price|supply price|list price|price|was|now|RRP|MSRP)\s*[:：]?\s*(${NUMBER})(?:${RANGE_JOIN}(${NUMBER}))?${UNIT_AFTER}`,
  'giu',
);

/** 每桶仅需268元, 每箱 980 元 → the unit said before the amount. */
const UNIT_BEFORE = new RegExp(String.raw`每\s*(${UNITS_ZH})[^0-9\n]{0,4}$`, 'u');

const LABELS: [RegExp, PriceLabel][] = [
  [/(原价|划线价|吊牌价|市场价|\bwas\b|\boriginal\b|\blist price\b|\bRRP\b|\bMSRP\b)/i, 'original'],
  [/(到手价)/, 'final'],
  [/(券后价|券后)/, 'coupon'],
  [/(现价|促销价|活动价|秒杀价|特价|\bnow\b|\bsale price\b|\bdeal\b)/i, 'current'],
];
const KINDS: [RegExp, PriceKind][] = [
  [/(批发价|批发|\bwholesale\b)/i, 'wholesale'],
  [/(供货价|进货价|出厂价|拿货价|\bsupply price\b|\bcost price\b|\bex-works\b|\bdealer price\b)/i, 'supply'],
  // Said as retail: the default, but said, so it does not take the kind of the price before it.
  [/(零售|售价|\bretail\b)/i, 'retail'],
];

function amountOf(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const value = Number(text.replace(/,/g, ''));
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

function prefixCurrency(sign: string): string {
  return PREFIX_CURRENCIES.find(([pattern]) => pattern.test(sign))?.[1] ?? 'CNY';
}

interface Found {
  start: number;
  end: number;
  price: ParsedPrice;
}

/** The words just before a match (its label and kind live there), up to the previous price. */
function contextBefore(text: string, start: number, floor: number, width = 12): string {
  return text.slice(Math.max(floor, start - width), start);
}

/** Prices whose kind a word said (the others may take the kind of the price before them). */
const saidKind = new WeakSet<ParsedPrice>();

function labelled(price: ParsedPrice, before: string, own: string, wider = before): ParsedPrice {
  const label = LABELS.find(([pattern]) => pattern.test(own))?.[1] ?? LABELS.find(([pattern]) => pattern.test(before))?.[1];
  const kind = KINDS.find(([pattern]) => pattern.test(own))?.[1] ?? KINDS.find(([pattern]) => pattern.test(wider))?.[1];
  const result: ParsedPrice = { ...price, ...(kind ? { kind } : {}), ...(label ? { label } : {}) };
  if (kind) saidKind.add(result);
  return result;
}

function pricesOf(text: string): ParsedPrice[] {
  const found: Found[] = [];
  const overlaps = (start: number, end: number) => found.some((f) => start < f.end && end > f.start);
  const add = (start: number, end: number, price: Omit<ParsedPrice, 'kind'>, own: string) => {
    if (overlaps(start, end)) return;
    if (price.upTo !== undefined && price.upTo < price.amount) return;
    const floor = found.filter((f) => f.end <= start).reduce((max, f) => Math.max(max, f.end), 0);
    found.push({ start, end, price: labelled({ ...price, kind: 'retail' }, contextBefore(text, start, floor), own, contextBefore(text, start, floor, 30)) });
  };

  for (const match of text.matchAll(WORDED)) {
    const [whole, word, number, high, unit] = match;
    const start = match.index ?? 0;
    const rest = text.slice(start + whole.length);
    // A price word followed by a currency sign or word is read by the patterns below, with its currency.
    if (/^\s*(元|块|圆|美元|欧元|港币|港元|英镑)/u.test(rest)) continue;
    // "now 5 years" is no price: a bare number needs a unit, decimals, or a price word that can only mean price.
    const bare = !/[.,]/.test(number!) && !unit && /^(now|was|price)$/i.test(word!);
    if (bare) continue;
    const amount = amountOf(number);
    if (amount === undefined) continue;
    const upTo = amountOf(high);
    add(start, start + whole.length, { amount, ...(upTo !== undefined ? { upTo } : {}), currency: 'CNY', ...(unit ? { unit } : {}), text: whole.trim() }, word!);
  }
  // Currency-marked amounts win over a price word's bare number at the same place.
  const marked: Found[] = [];
  for (const match of text.matchAll(PREFIXED)) {
    const [whole, sign, number, high, unit] = match;
    const amount = amountOf(number);
    if (amount === undefined) continue;
    const upTo = amountOf(high);
    marked.push({ start: match.index ?? 0, end: (match.index ?? 0) + whole.length, price: { amount, ...(upTo !== undefined ? { upTo } : {}), currency: prefixCurrency(sign!), ...(unit ? { unit } : {}), kind: 'retail', text: whole.trim() } });
  }
  for (const match of text.matchAll(SUFFIXED)) {
    const [whole, number, high, tenThousand, word, unitAfter] = match;
    const start = match.index ?? 0;
    // Part of a bigger number or a spec ("2.1万元" is read as 2.1 … skip numbers glued to letters).
    if (start > 0 && /[A-Za-z]/.test(text[start - 1]!)) continue;
    // 3.6万元 is 36,000 yuan.
    const scale = tenThousand ? 10_000 : 1;
    const low = amountOf(number);
    if (low === undefined) continue;
    const amount = Math.round(low * scale * 100) / 100;
    const high2 = amountOf(high);
    const upTo = high2 === undefined ? undefined : Math.round(high2 * scale * 100) / 100;
    const unit = unitAfter ?? UNIT_BEFORE.exec(text.slice(Math.max(0, start - 12), start))?.[1];
    marked.push({ start, end: start + whole.length, price: { amount, ...(upTo !== undefined ? { upTo } : {}), currency: SUFFIX_CURRENCIES[word!] ?? 'CNY', ...(unit ? { unit } : {}), kind: 'retail', text: whole.trim() } });
  }
  // A currency-marked price replaces a worded one it overlaps (its currency is certain).
  for (const m of marked.sort((a, b) => a.start - b.start)) {
    const clash = found.findIndex((f) => m.start < f.end && m.end > f.start);
    if (clash >= 0) {
      const worded = found[clash]!;
      found.splice(clash, 1);
      const wordText = text.slice(worded.start, m.start);
      add(Math.min(worded.start, m.start), Math.max(worded.end, m.end), { ...m.price, unit: m.price.unit ?? worded.price.unit }, wordText);
      const added = found[found.length - 1]!;
      const relabelled = labelled({ ...added.price, kind: 'retail' }, contextBefore(text, worded.start, 0), wordText, contextBefore(text, worded.start, 0, 30));
      added.price = { ...relabelled, text: text.slice(added.start, added.end).trim() };
      if (saidKind.has(relabelled)) saidKind.add(added.price);
      if (!added.price.unit) delete added.price.unit;
    } else {
      add(m.start, m.end, m.price, '');
    }
  }

  const ordered = found.sort((a, b) => a.start - b.start);
  // "出厂价由128元/桶调至136元/桶": a price in the same sentence as one whose kind was said has that kind.
  for (let i = 1; i < ordered.length; i++) {
    const before = ordered[i - 1]!;
    const current = ordered[i]!;
    if (saidKind.has(current.price) || !saidKind.has(before.price) || /[。；;！!？?\n]/u.test(text.slice(before.end, current.start))) continue;
    current.price = { ...current.price, kind: before.price.kind };
    saidKind.add(current.price);
  }
  pairStrikeThrough(text, ordered);
  return ordered.map((f) => f.price);
}

/**
 * Two unlabelled prices side by side in one currency ("¥429.00 ¥468.00"): a shop's strike-through
 * pair — the lower is what it sells for now, the higher what it was.
 */
function pairStrikeThrough(text: string, found: Found[]): void {
  for (let i = 0; i + 1 < found.length; i++) {
    const a = found[i]!;
    const b = found[i + 1]!;
    if (a.price.label || b.price.label || a.price.currency !== b.price.currency || a.price.upTo !== undefined || b.price.upTo !== undefined) continue;
    if (!/^\s*$/.test(text.slice(a.end, b.start)) || a.price.amount === b.price.amount) continue;
    const [low, high] = a.price.amount < b.price.amount ? [a, b] : [b, a];
    low.price = { ...low.price, label: 'current' };
    high.price = { ...high.price, label: 'original' };
    i++;
  }
}

const PROMOTIONS: [RegExp, PromotionKind][] = [
  [/(买\s*[\d一二两三四五六七八九十]+\s*[^\s，,。；;！!送赠]{0,4}\s*[送赠]\s*[\d一二两三四五六七八九十]+[^\s，,。；;！!<>"'“”]{0,4}|buy\s+\d+\s*(?:,\s*)?get\s+\d+(?:\s+free)?|\d+\s*\+\s*1|买赠)/iu, 'bundle'],
  [/(满\s*\d+\s*减\s*\d+|满减|\d+(?:\.\d+)?\s*折|[一二三四五六七八九]\s*折|打折|折扣|\d+\s*%\s*off|\d+\s*%\s*discount|discount)/iu, 'discount'],
  [/(直降\s*\d*\s*元?|降价|立减\s*\d*\s*元?|price\s+(?:cut|drop)|reduced\s+by)/iu, 'priceCut'],
  [/(返点|返利|返现|cash\s*back|rebate)/iu, 'rebate'],
  [/(双倍积分|积分|(?:double|bonus|reward|loyalty|extra)\s+points|earn\s+\d*\s*points|\d+\s*x\s+points|points\s+(?:reward|bonus|program))/iu, 'points'],
  [/(堆头|端架|陈列|地堆|end\s*caps?|display)/iu, 'display'],
  [/(赠品|赠送|送\s*[^\s，,。；;！!\d]{1,8}|free\s+gift|gift\s+with\s+purchase)/iu, 'gift'],
  [/(新品上市|新品首发|新品|new\s+launch|newly\s+launched|launch)/iu, 'newLaunch'],
];

const MONTHS_EN = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_EN = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;

const pad = (n: number) => String(n).padStart(2, '0');

function validDay(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The year a month-day without one falls in: this year, or next when it is more than six months back. */
function yearOf(month: number, today: string): number {
  const year = Number(today.slice(0, 4));
  const current = Number(today.slice(5, 7));
  return month < current - 6 ? year + 1 : year;
}

function monthEnd(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(last)}`;
}

/** A promotion's period in the text, if it says one. */
export function periodOf(text: string, today: string): { from?: string; to?: string } {
  const range = (m1: number, d1: number, m2: number, d2: number) => {
    const y1 = yearOf(m1, today);
    const y2 = m2 < m1 ? y1 + 1 : y1;
    const from = validDay(y1, m1, d1);
    const to = validDay(y2, m2, d2);
    return from && to && from <= to ? { from, to } : {};
  };
  let m = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*(?:至|到|-|–|—|~|～)\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/u.exec(text);
  if (m) {
    const from = validDay(Number(m[1]), Number(m[2]), Number(m[3]));
    const to = validDay(Number(m[4] ?? m[1]), Number(m[5]), Number(m[6]));
    return from && to && from <= to ? { from, to } : {};
  }
  m = /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*(?:至|到|-|–|—|~|～)\s*(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*[日号]/u.exec(text);
  if (m) return range(Number(m[1]), Number(m[2]), Number(m[3] ?? m[1]), Number(m[4]));
  m = /(?<![\d.])(\d{1,2})[./](\d{1,2})\s*(?:至|到|-|–|—|~|～)\s*(?:(\d{1,2})[./])?(\d{1,2})(?![\d.]|\s*(?:元|块|%))/u.exec(text);
  // Called only for a promotion: "12.1-12.12" next to one is its period, not a price (no 元 after it).
  if (m) return range(Number(m[1]), Number(m[2]), Number(m[3] ?? m[1]), Number(m[4]));
  m = /即日起\s*(?:至|到)\s*(月底|本月底|(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)/u.exec(text);
  if (m) {
    if (!m[2]) return { from: today, to: monthEnd(today) };
    const to = validDay(yearOf(Number(m[2]), today), Number(m[2]), Number(m[3]));
    return to && to >= today ? { from: today, to } : {};
  }
  m = /(?:到|至|截止到?|截至)\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]|(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*(?:前|之前|截止|止|为止)/u.exec(text);
  if (m) {
    const month = Number(m[1] ?? m[3]);
    const to = validDay(yearOf(month, today), month, Number(m[2] ?? m[4]));
    return to ? { to } : {};
  }
  const monthNo = (name: string) => MONTHS_EN.indexOf(name.slice(0, 3).toLowerCase()) + 1;
  m = new RegExp(String.raw`(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH_EN}\s*(?:[–—~-]|to|until|till)\s*(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH_EN}`, 'i').exec(text);
  if (m) return range(monthNo(m[2]!), Number(m[1]), monthNo(m[4]!), Number(m[3]));
  m = new RegExp(String.raw`(\d{1,2})\s*(?:[–—~-]|to)\s*(\d{1,2})\s+${MONTH_EN}`, 'i').exec(text);
  if (m) return range(monthNo(m[3]!), Number(m[1]), monthNo(m[3]!), Number(m[2]));
  m = new RegExp(String.raw`${MONTH_EN}\s+(\d{1,2})\s*(?:[–—~-]|to)\s*(?:${MONTH_EN}\s+)?(\d{1,2})\b`, 'i').exec(text);
  if (m) return range(monthNo(m[1]!), Number(m[2]), monthNo(m[3] ?? m[1]!), Number(m[4]));
  m = new RegExp(String.raw`(?:until|till|through|thru|ends?|ending)\s+(?:(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH_EN}|${MONTH_EN}\s+(\d{1,2})(?:st|nd|rd|th)?)`, 'i').exec(text);
  if (m) {
    const month = monthNo((m[2] ?? m[3])!);
    const day = Number(m[1] ?? m[4]);
    const to = validDay(yearOf(month, today), month, day);
    return to ? { from: today, to } : {};
  }
  if (/(?:until|till|through)\s+(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?month/i.test(text)) return { from: today, to: monthEnd(today) };
  return {};
}

/** The clause a match sits in, from the match on: "买4L送1L" of "限时促销：买4L送1L，12月1日至…". */
function termsAt(text: string, index: number, length: number): string {
  const rest = text.slice(index);
  // Up to the end of its words: punctuation, a line break, or a space after the matched phrase.
  const after = rest.slice(length).search(/[，,。；;！!？?\n\s<>"'“”]/u);
  const end = after < 0 ? -1 : length + after;
  const clause = (end < 0 ? rest : rest.slice(0, Math.max(end, length))).trim();
  return clause.slice(0, 200);
}

function promotionOf(text: string, today: string): ParsedPromotion | undefined {
  let best: { index: number; kind: PromotionKind; length: number } | undefined;
  for (const [pattern, kind] of PROMOTIONS) {
    const match = pattern.exec(text);
    if (!match) continue;
    // The first kind in the list wins (a bundle's 送 is no gift); among equals, the earliest.
    if (!best) best = { index: match.index, kind, length: match[0].length };
  }
  if (!best) return undefined;
  const period = periodOf(text, today);
  return { type: best.kind, terms: termsAt(text, best.index, best.length), ...period };
}

/** Prices and a promotion suggested by `text`; nothing when it holds none. */
export function parseIntelText(input: string, { today }: { today: string }): ParsedIntel {
  const text = (typeof input === 'string' ? input : '').slice(0, MAX_TEXT).normalize('NFKC').replace(/\u00a0/g, ' ');
  const prices = pricesOf(text);
  const promotion = promotionOf(text, today);
  return { prices, ...(promotion ? { promotion } : {}) };
}
