/**
 * A rule-set draft read by a person: labels instead of technical names, formulas in words with
 * the labels substituted ("日常工作 × 70% + 出勤 × 30%"), values with their units, and the
 * seeds' line references kept out of help text. Pure functions over a (possibly broken) draft.
 */
import type { Translate } from '../../lib/kernel/i18n';
import { formatNumber } from '../../lib/kernel/format';
import type { Node } from '../../lib/rules/expr/ast';
import { parseExpression } from '../../lib/rules/expr/parser';
import type { MessageKey } from './messages';

export type Lang = 'en' | 'zh-CN';
export type Draft = Record<string, unknown>;
export type T = Translate<MessageKey>;

export interface NameInfo {
  kind: 'input' | 'parameter' | 'derived';
  label: string;
  unit?: string;
  /** Parameters only: the current value. */
  value?: unknown;
}

export interface Reader {
  t: T;
  locale: Lang;
  names: Map<string, NameInfo>;
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text of a `{ en, 'zh-CN' }` value in the UI language (the other language if one is missing). */
export function localized(value: unknown, locale: Lang): string | undefined {
  if (!isRecord(value)) return undefined;
  const text = value[locale] ?? value[locale === 'en' ? 'zh-CN' : 'en'];
  return typeof text === 'string' && text.trim() ? text : undefined;
}

/** Every name a formula may use, with its label: parameters, inputs and derived quantities. */
export function namesOf(draft: Draft | undefined, locale: Lang): Map<string, NameInfo> {
  const names = new Map<string, NameInfo>();
  const add = (group: unknown, kind: NameInfo['kind']) => {
    if (!isRecord(group)) return;
    for (const [name, definition] of Object.entries(group)) {
      if (!isRecord(definition)) continue;
      names.set(name, {
        kind,
        label: localized(definition.label, locale) ?? name,
        unit: typeof definition.unit === 'string' ? definition.unit : undefined,
        value: kind === 'parameter' ? definition.value : undefined,
      });
    }
  };
  add(draft?.parameters, 'parameter');
  add(draft?.inputs, 'input');
  add(draft?.derived, 'derived');
  return names;
}

export function itemLabel(item: unknown, reader: Reader): string {
  return (isRecord(item) ? localized(item.label, reader.locale) : undefined) ?? reader.t('unnamedItem');
}

const UNIT_KEYS = new Set(['point', 'day', 'count', 'CNY', 'percent', 'month', 'terminal', 'unit', 'level']);

/** The word shown after a number of this unit ("分", "days", "%"); empty for plain ratios. */
export function unitWord(unit: string | undefined, t: T): string {
  if (!unit || unit === 'ratio') return '';
  return UNIT_KEYS.has(unit) ? t(`unit_${unit}` as MessageKey) : unit;
}

/** A plain number in the UI language, without float noise (0.1 + 0.2 → 0.3). */
export function numberText(value: number, locale: Lang): string {
  return formatNumber(Number(value.toPrecision(12)), locale, { maximumFractionDigits: 6 });
}

/** A value with its unit: 0.14 percent → "14%", 3 point → "3 分" / "3 pts". */
export function valueWithUnit(value: unknown, unit: string | undefined, reader: Reader): string {
  if (typeof value === 'boolean') return reader.t(value ? 'yes' : 'no');
  if (typeof value === 'number') {
    if (unit === 'percent') return `${numberText(value * 100, reader.locale)}%`;
    const word = unitWord(unit, reader.t);
    return word ? `${numberText(value, reader.locale)} ${word}` : numberText(value, reader.locale);
  }
  if (typeof value === 'string') return readableExpression(value, reader);
  return '—';
}

/** The parameter a field is set by, when its value is just that parameter's name. */
export function linkedParameter(value: unknown, reader: Reader): { name: string; info: NameInfo } | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.trim();
  const info = reader.names.get(name);
  return info?.kind === 'parameter' ? { name, info } : undefined;
}

/** True when a formula names an input, a setting or a function (so it is not a plain number like "18%"). */
export function namesSomething(source: unknown): boolean {
  return typeof source === 'string' && /[A-Za-z_]/.test(source.replace(/\b(true|false)\b/g, ''));
}

const BINDING: Record<string, number> = { or: 1, and: 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6 };
const SYMBOL: Record<string, string> = { '*': '×', '/': '÷', '-': '−', '<=': '≤', '>=': '≥', '==': '=', '!=': '≠' };
const FUNCTIONS = new Set(['min', 'max', 'abs', 'sum', 'avg', 'count', 'first', 'last', 'round', 'floor', 'ceil', 'number', 'trailingRises', 'trailingBelow']);

/**
 * A formula in words with labels for names: `min(completionCap, value * 100)` →
 * "较小值（完成率得分上限，数值 × 100）". Text that does not parse is returned as typed.
 */
export function readableExpression(source: unknown, reader: Reader): string {
  if (typeof source === 'number') return numberText(source, reader.locale);
  if (typeof source === 'boolean') return reader.t(source ? 'yes' : 'no');
  if (typeof source !== 'string') return '—';
  let ast: Node;
  try {
    ast = parseExpression(source);
  } catch {
    return source;
  }
  return print(ast, 0, false, reader);
}

function print(node: Node, parent: number, right: boolean, reader: Reader): string {
  const { t, locale } = reader;
  const zh = locale === 'zh-CN';
  const wrap = (text: string, binding: number) => (binding < parent || (binding === parent && right) ? (zh ? `（${text}）` : `(${text})`) : text);
  switch (node.type) {
    case 'number':
      return /%$/.test(node.text) ? node.text : numberText(node.value, locale);
    case 'string':
      return `“${node.value}”`;
    case 'boolean':
      return t(node.value ? 'yes' : 'no');
    case 'name':
      if (node.name === 'value') return t('theValue');
      return reader.names.get(node.name)?.label ?? node.name;
    case 'unary':
      return node.op === '-' ? `−${print(node.operand, 7, false, reader)}` : wrap(`${t('not')} ${print(node.operand, 2.5, false, reader)}`, 2.5);
    case 'binary': {
      const binding = BINDING[node.op] ?? 8;
      const op = node.op === 'and' ? t('and') : node.op === 'or' ? t('or') : (SYMBOL[node.op] ?? node.op);
      return wrap(`${print(node.left, binding, false, reader)} ${op} ${print(node.right, binding, true, reader)}`, binding);
    }
    case 'call': {
      const args = node.args.map((arg) => print(arg, 0, false, reader));
      if (node.callee === 'if' && args.length === 3) {
        return wrap(t('ifThen', { condition: args[0]!, then: args[1]!, else: args[2]! }), 0.5);
      }
      if (node.callee === 'clamp' && args.length === 3) return wrap(t('clamp', { value: args[0]!, low: args[1]!, high: args[2]! }), 0.5);
      const name = FUNCTIONS.has(node.callee) ? t(`fn_${node.callee}` as MessageKey) : node.callee;
      return zh ? `${name}（${args.join('，')}）` : `${name} (${args.join(', ')})`;
    }
  }
}

/** Weight as people read it: 0.5 → "50%" among weighted siblings, else "× 2"; 1 says nothing. */
export function weightText(weight: unknown, percent: boolean, reader: Reader): string | undefined {
  if (weight === undefined) return undefined;
  if (typeof weight === 'number') {
    if (percent) return `${numberText(weight * 100, reader.locale)}%`;
    return weight === 1 ? undefined : `× ${numberText(weight, reader.locale)}`;
  }
  return `× ${readableExpression(weight, reader)}`;
}

/** Children of a block are weighted in percent when their weights are declared to sum to 1. */
export function weightsArePercent(block: unknown): boolean {
  if (!isRecord(block)) return false;
  if (block.weightsSum === 1) return true;
  const children = Array.isArray(block.children) ? block.children : [];
  return children.some((child) => isRecord(child) && typeof child.weight === 'number' && child.weight > 0 && child.weight < 1);
}

/**
 * A block as one line: "季度考核得分 = 销售目标完成率 × 50% + … − 违反价格政策". Deductions are
 * subtracted; a base, when there is one, comes first.
 */
export function blockFormula(block: Draft, reader: Reader, named = true): string {
  const children = (Array.isArray(block.children) ? block.children : []).filter(isRecord);
  const percent = weightsArePercent(block);
  const parts: string[] = [];
  if (block.base !== undefined && block.base !== 0) parts.push(readableExpression(block.base, reader));
  for (const child of children) {
    const label = itemLabel(child, reader);
    if (child.kind === 'deduction') {
      parts.push(`−\u00a0${label}`);
      continue;
    }
    const weight = weightText(child.weight ?? 1, percent, reader);
    // A term wraps as a whole: "出勤 × 30%" never leaves "30%" alone on a line.
    const term = weight ? (weight.startsWith('×') ? `${label}\u00a0${weight.replace(' ', '\u00a0')}` : `${label}\u00a0×\u00a0${weight}`) : label;
    parts.push(parts.length === 0 ? term : `+\u00a0${term}`);
  }
  const body = parts.join(' ').replace(/^−\s/, '−') || '0';
  return named ? `${itemLabel(block, reader)} = ${body}` : body;
}

/**
 * Help text without the seeds' line references ("（种子 000 第 781 行）", "(seed 000 line 223)")
 * and with technical names replaced by their labels. The full text stays in the Source disclosure.
 */
export function cleanHelp(text: string, reader: Reader): string {
  let out = text
    .replace(/\s*[（(][^（）()]*(种子|seed)\s*\d+[^（）()]*[）)]/gi, '')
    .replace(/\s*(依据|按照|参见)?\s*种子\s*\d+\s*(第\s*[\d–-]+\s*行|L[\d–-]+)\s*/g, '')
    .replace(/\s*(follows |per |see )?seed \d+ (lines?|L)\s*[\d–-]+/gi, '');
  if (reader.locale === 'en') {
    // English readings quote the Chinese source ("每项扣5分: once per item…"); the quote is for the Source disclosure.
    out = out
      .replace(/\s*[（(][^（）()]*[\u3400-\u9fff][^（）()]*[）)]/g, '')
      .replace(/^["“]?[0-9A-Za-z]*[\u3400-\u9fff][^\s:：]*["”]?[:：]?\s*/, '')
      .replace(/\s*["“][^"”]*[\u3400-\u9fff][^"”]*["”]/g, '');
    out = out.charAt(0).toUpperCase() + out.slice(1);
  }
  // A yes/no setting is a checkbox to the admin.
  out = out
    .replace(/\bset (it )?(to )?false\b/gi, 'untick it')
    .replace(/\bset (it )?(to )?true\b/gi, 'tick it')
    .replace(/设为\s*(false|“否”)/g, '取消勾选')
    .replace(/设为\s*(true|“是”)/g, '勾选');
  out = withLabels(out, reader);
  return out.replace(/\s+([。，；,;.])/g, '$1').trim();
}

/** Technical names in prose replaced by their labels in quotes. */
export function withLabels(text: string, reader: Reader): string {
  const zh = reader.locale === 'zh-CN';
  return text.replace(/\b[A-Za-z_][A-Za-z0-9_]*\b/g, (word) => {
    if (zh && (word === 'true' || word === 'false')) return `“${reader.t(word === 'true' ? 'yes' : 'no')}”`;
    const info = reader.names.get(word);
    if (!info || !/[A-Z_]/.test(word.slice(1)) || word === info.label) return word;
    return `“${info.label}”`;
  });
}
