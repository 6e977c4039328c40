/**
 * How far a plan item got, worked out from the period's records: the visits to the dealers it
 * names, a number it promises ("拜访 5 家终端", "visit 5 dealers", "订货 200 箱"), or the daily
 * report lines that say the same thing. It suggests; the rep confirms and gives the reason. An
 * item no record speaks to is `unknown`, never `not`: absence of a record is not proof.
 */
import type { PlanCompletion, PlanEvidence } from '../snapshot-schema';

export interface PlanSources {
  dealers: readonly { id: string; name: string }[];
  visits: readonly { dealerId: string; day: string; orderQuantity?: number }[];
  /** The period's daily-report lines (today's work), a day at a time. */
  dailyLines: readonly { day: string; text: string }[];
}

/** Company-name endings dropped to find a dealer by the name people use (大华商贸有限公司 → 大华). */
const NAME_ENDINGS = /([\s,]*(股份有限公司|有限责任公司|有限公司|商贸|贸易|实业|公司|商行|经销部|批发部|超市|集团|co\.?,?\s*ltd\.?|ltd\.?|inc\.?|trading|company))+$/i;

/** The names a plan item may use for a dealer: its full name, and its name without the company ending (≥ 2 characters). */
export function dealerAliases(name: string): string[] {
  const full = name.trim();
  const short = full.replace(NAME_ENDINGS, '').trim();
  return [...new Set([full, short].filter((alias) => alias.length >= 2))];
}

/** The shortest start of a Chinese name people write for it (苏南汽配城润滑油批发部 → 苏南汽配城). */
const MIN_PREFIX = 4;
const CJK = /[\u4e00-\u9fff]/;

/**
 * Dealers the text names: by full name, by the name without its company ending, or — for a Chinese
 * name — by a start of it at least four characters long that no other dealer's name shares.
 */
export function dealersNamedIn(text: string, dealers: readonly { id: string; name: string }[]): string[] {
  const lower = text.toLowerCase();
  const named = new Set(dealers.filter((dealer) => dealerAliases(dealer.name).some((alias) => lower.includes(alias.toLowerCase()))).map((dealer) => dealer.id));
  for (const dealer of dealers) {
    if (named.has(dealer.id) || !CJK.test(dealer.name)) continue;
    const short = dealerAliases(dealer.name).at(-1)!;
    for (let length = short.length - 1; length >= MIN_PREFIX; length--) {
      const prefix = short.slice(0, length);
      if (!text.includes(prefix)) continue;
      if (!dealers.some((other) => other.id !== dealer.id && other.name.startsWith(prefix))) named.add(dealer.id);
      break;
    }
  }
  return dealers.filter((dealer) => named.has(dealer.id)).map((dealer) => dealer.id);
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const VISIT_WORDS = /(拜访|走访|回访|visit)/i;
const ORDER_WORDS = /(订货|进货|下单|订单|铺货|order)/i;
/** "5 家", "5次", "五家", "5 dealers", "5 visits", "5 terminals" — a count of visits or customers. */
const VISIT_COUNT = /(\d+|[一两二三四五六七八九十])\s*(家|个|次|户|dealers?|customers?|terminals?|visits?|stores?|outlets?|shops?|accounts?|retailers?)/i;
/** "200 箱", "200 cases" — a quantity ordered. */
const ORDER_QUANTITY = /(\d+(?:\.\d+)?)\s*(箱|件|条|瓶|桶|吨|cases?|cartons?|boxes?|units?)/i;

function numberOf(token: string): number {
  return /^\d/.test(token) ? Number(token) : (CHINESE_DIGITS[token] ?? NaN);
}

/** A number the item promises and what kind of record counts towards it. */
export function promisedTarget(item: string): { kind: 'visits' | 'order'; promised: number } | undefined {
  if (ORDER_WORDS.test(item)) {
    const match = ORDER_QUANTITY.exec(item);
    if (match) return { kind: 'order', promised: Number(match[1]) };
  }
  if (VISIT_WORDS.test(item)) {
    const match = VISIT_COUNT.exec(item);
    if (match && Number.isFinite(numberOf(match[1]!))) return { kind: 'visits', promised: numberOf(match[1]!) };
  }
  return undefined;
}

/** Text reduced to what carries meaning: lower case, no punctuation or spaces. */
function squeeze(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

function bigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  for (let i = 0; i < text.length - 1; i++) {
    const gram = text.slice(i, i + 2);
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

/**
 * How much of the plan item a line covers: the share of the item's character pairs the line also
 * has (0–1). Pairs, not words, because Chinese has no spaces; measured against the item so a long
 * daily line that includes the item in full counts as a match.
 */
export function coverage(item: string, line: string): number {
  const a = bigrams(squeeze(item));
  const b = bigrams(squeeze(line));
  let total = 0;
  let shared = 0;
  for (const [gram, n] of a) {
    total += n;
    shared += Math.min(n, b.get(gram) ?? 0);
  }
  return total === 0 ? 0 : shared / total;
}

/** A line covering this much of the item says it was done; this much, that it was started. */
export const DONE_COVERAGE = 0.75;
export const PARTLY_COVERAGE = 0.4;

/** The suggestion for one plan item, with the records that led to it. */
export function matchPlanItem(item: string, sources: PlanSources): PlanEvidence {
  const dealerIds = dealersNamedIn(item, sources.dealers);
  const visitsOfNamed = sources.visits.filter((visit) => dealerIds.includes(visit.dealerId));
  const scored = sources.dailyLines
    .map((line) => ({ ...line, score: coverage(item, line.text) }))
    .filter((line) => line.score >= PARTLY_COVERAGE)
    .sort((a, b) => b.score - a.score || a.day.localeCompare(b.day));
  const nameOf = (id: string) => sources.dealers.find((dealer) => dealer.id === id)?.name ?? '';
  const evidence: PlanEvidence['evidence'] = [
    ...[...visitsOfNamed].sort((a, b) => a.day.localeCompare(b.day)).map((visit) => ({ kind: 'visit' as const, day: visit.day, text: nameOf(visit.dealerId) })),
    ...scored.map((line) => ({ kind: 'daily' as const, day: line.day, text: line.text.slice(0, 500) })),
  ].slice(0, 5);

  const target = promisedTarget(item);
  if (target) {
    const counted = dealerIds.length > 0 ? visitsOfNamed : sources.visits;
    const achieved = target.kind === 'order' ? counted.reduce((sum, visit) => sum + (visit.orderQuantity ?? 0), 0) : counted.length;
    const suggestion: PlanCompletion = achieved >= target.promised ? 'done' : achieved > 0 ? 'partly' : 'not';
    return { item, suggestion, evidence, dealerIds, target: { promised: target.promised, achieved } };
  }
  const best = scored[0]?.score ?? 0;
  const byLines: PlanCompletion = best >= DONE_COVERAGE ? 'done' : best >= PARTLY_COVERAGE ? 'partly' : 'unknown';
  if (dealerIds.length > 0) {
    const visited = new Set(visitsOfNamed.map((visit) => visit.dealerId));
    if (visited.size === dealerIds.length) return { item, suggestion: 'done', evidence, dealerIds };
    if (visited.size > 0) return { item, suggestion: 'partly', evidence, dealerIds };
    // No visit to the dealer: that settles a visit plan; anything else (a call, a payment) only the lines can say.
    return { item, suggestion: byLines !== 'unknown' ? byLines : VISIT_WORDS.test(item) ? 'not' : 'unknown', evidence, dealerIds };
  }
  return { item, suggestion: byLines, evidence, dealerIds };
}

/** The completion percent a suggestion prefills (the rep's to change); unknown prefills nothing. */
export function completionOf(suggestion: PlanCompletion): number | undefined {
  return { done: 100, partly: 50, not: 0, unknown: undefined }[suggestion];
}
