import type { ItemResult } from './assessment-schema';
import type { Band, Localized } from './rule-set-schema';
import type { CompiledItem, CompiledRuleSet } from './compile-rule-set';
import { formatFixed, formatNumber, formatWithUnit } from './units';

/** What the evaluator learned while scoring one item, kept so the explanation can show its steps. */
export interface ItemFacts {
  weight: number;
  value: number | string | boolean | null;
  score: number | null;
  contribution: number | null;
  band?: { op: Band['op']; bound: number };
  deduction?: { occurrences: number; counted: number; points: number; multiplier: number; once: boolean; limit?: number };
  base?: number;
  zeroedBy?: Localized;
  unclamped?: number;
  clampedBy?: 'floor' | 'cap';
}

type Lang = 'en' | 'zh-CN';

const signed = (n: number) => (n < 0 ? `−${formatNumber(-n)}` : formatNumber(n));
const LANGS: Lang[] = ['en', 'zh-CN'];

const WORDS = {
  missing: { en: 'missing', 'zh-CN': '缺少' },
  cannotCompute: { en: 'cannot compute', 'zh-CN': '无法计算' },
  raised: { en: 'raised', 'zh-CN': '触发' },
  notRaised: { en: 'not raised', 'zh-CN': '未触发' },
  otherwise: { en: 'otherwise', 'zh-CN': '其他' },
  countedOnce: { en: 'counted once per item', 'zh-CN': '每项按一次计' },
  repeat: { en: 'repeat', 'zh-CN': '连续未交加倍' },
  limitedTo: { en: 'limited to', 'zh-CN': '上限' },
  floor: { en: 'floor', 'zh-CN': '不低于' },
  cap: { en: 'capped at', 'zh-CN': '不高于' },
  partial: { en: 'partial', 'zh-CN': '不完整' },
} satisfies Record<string, Localized>;

const separator = (lang: Lang) => (lang === 'en' ? ', ' : '、');
const colon = (lang: Lang) => (lang === 'en' ? ': ' : '：');
const paren = (lang: Lang, text: string) => (lang === 'en' ? ` (${text})` : `（${text}）`);

/** e.g. "订单改动率 14%（≤ 18%）→ 80 分 × 10% = 8.0" and "Order change rate 14% (≤ 18%) → 80 pts × 10% = 8.0". */
export function explainItem(compiledItem: CompiledItem, compiled: CompiledRuleSet, result: ItemResult, facts: ItemFacts): Localized {
  const out = {} as Localized;
  for (const lang of LANGS) out[lang] = explainIn(lang, compiledItem, compiled, result, facts);
  return out;
}

function explainIn(lang: Lang, compiledItem: CompiledItem, compiled: CompiledRuleSet, result: ItemResult, facts: ItemFacts): string {
  const { item } = compiledItem;
  const label = item.label[lang];
  const { ruleSet } = compiled;
  if (result.status === 'missing') {
    const names = result.missing.map((name) => compiled.labels.get(name)?.[lang] ?? name).join(separator(lang));
    return `${label}${colon(lang)}${WORDS.missing[lang]} ${names}`;
  }
  if (result.status === 'error') return `${label}${colon(lang)}${WORDS.cannotCompute[lang]}${paren(lang, result.error?.[lang] ?? '')}`;

  const scoreText = (n: number) => formatWithUnit(n, ruleSet.totalUnit)[lang];
  const valueText = (n: number, unit: string | undefined) => formatWithUnit(n, unit)[lang];
  let head: string;
  switch (item.kind) {
    case 'formula': {
      const unit = item.valueUnit;
      head = item.value !== undefined && typeof facts.value === 'number' && (unit || facts.value !== facts.score)
        ? `${label} ${valueText(facts.value, unit)} → ${scoreText(facts.score!)}`
        : item.value !== undefined && typeof facts.value !== 'number'
          ? `${label} ${String(facts.value)} → ${scoreText(facts.score!)}`
          : `${label} ${scoreText(facts.score!)}`;
      break;
    }
    case 'bands': {
      const value = valueText(facts.value as number, item.valueUnit);
      const band = facts.band ? `${facts.band.op.replace('<=', '≤').replace('>=', '≥')} ${valueText(facts.band.bound, item.valueUnit)}` : WORDS.otherwise[lang];
      head = `${label} ${value}${paren(lang, band)} → ${scoreText(facts.score!)}`;
      break;
    }
    case 'table':
      head = `${label} ${String(facts.value)} → ${scoreText(facts.score!)}`;
      break;
    case 'deduction': {
      const d = facts.deduction!;
      const occurrences = formatWithUnit(d.occurrences, item.countUnit ?? 'count')[lang];
      if (d.counted === 0) {
        head = `${label}${colon(lang)}${occurrences} → 0`;
        break;
      }
      let steps = `${occurrences}`;
      if (d.once && d.occurrences > 1) steps += paren(lang, WORDS.countedOnce[lang]);
      steps += ` × −${formatNumber(d.points)}`;
      if (d.multiplier !== 1) steps += ` × ${formatNumber(d.multiplier)}${paren(lang, WORDS.repeat[lang])}`;
      if (d.limit !== undefined) steps += `${paren(lang, `${WORDS.limitedTo[lang]} −${formatNumber(d.limit)}`)}`;
      head = `${label}${colon(lang)}${steps} = ${signed(facts.score!)}`;
      break;
    }
    case 'flag':
      head = `${label}${colon(lang)}${facts.value ? WORDS.raised[lang] : WORDS.notRaised[lang]}`;
      break;
    case 'block': {
      const parts: string[] = [];
      if (facts.base) parts.push(formatNumber(facts.base));
      for (const child of result.children ?? []) {
        if (child.contribution === null) {
          parts.push(parts.length === 0 ? '?' : '+ ?');
          continue;
        }
        if (child.contribution === 0 && (child.kind === 'deduction' || child.kind === 'flag')) continue;
        const text = formatNumber(Math.abs(child.contribution), ruleSet.rounding.decimals + 1);
        parts.push(parts.length === 0 ? (child.contribution < 0 ? `−${text}` : text) : `${child.contribution < 0 ? '−' : '+'} ${text}`);
      }
      const sum = parts.length ? parts.join(' ') : '0';
      const partial = result.status === 'partial' ? paren(lang, WORDS.partial[lang]) : '';
      head = `${label} = ${sum} = ${scoreText(facts.score!)}${partial}`;
      break;
    }
  }
  if (facts.zeroedBy) head += `${paren(lang, facts.zeroedBy[lang])} → 0`;
  if (facts.clampedBy) {
    const word = facts.clampedBy === 'floor' ? WORDS.floor[lang] : WORDS.cap[lang];
    head += paren(lang, `${signed(facts.unclamped!)}, ${word} ${signed(facts.score!)}`);
  }
  if (facts.weight !== 1) {
    const weight = facts.weight > 0 && facts.weight < 1 ? `${formatNumber(facts.weight * 100, 2)}%` : formatNumber(facts.weight);
    head += ` × ${weight} = ${formatFixed(facts.contribution!, ruleSet.rounding.decimals)}`;
  }
  return head;
}
