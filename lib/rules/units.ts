import type { Localized } from '../schema/rule-set';

/**
 * How values of each unit read in explanations. `percent` values are fractions (0.14 → 14%);
 * an unknown unit is printed after the number as written.
 */
type Formatter = (value: number) => Localized;

export function formatNumber(value: number, maxDecimals = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const factor = 10 ** maxDecimals;
  const rounded = Math.round(value * factor) / factor;
  return rounded.toLocaleString('en-US', { maximumFractionDigits: maxDecimals, useGrouping: Math.abs(rounded) >= 10000 });
}

export function formatFixed(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

const both = (en: string, zh: string): Localized => ({ en, 'zh-CN': zh });

const FORMATTERS: Record<string, Formatter> = {
  percent: (v) => both(`${formatNumber(v * 100, 1)}%`, `${formatNumber(v * 100, 1)}%`),
  point: (v) => both(`${formatNumber(v)} pts`, `${formatNumber(v)} 分`),
  day: (v) => both(`${formatNumber(v, 1)} ${v === 1 ? 'day' : 'days'}`, `${formatNumber(v, 1)} 天`),
  level: (v) => both(`level ${formatNumber(v)}`, `${formatNumber(v)} 级`),
  month: (v) => both(`${formatNumber(v, 2)} months`, `${formatNumber(v, 2)} 个月`),
  count: (v) => both(formatNumber(v), `${formatNumber(v)} 次`),
  terminal: (v) => both(`${formatNumber(v)} terminals`, `${formatNumber(v)} 家`),
  CNY: (v) => both(`CNY ${formatNumber(v)}`, `${formatNumber(v)} 元`),
  unit: (v) => both(`${formatNumber(v)} units`, `${formatNumber(v)} 件`),
  ratio: (v) => both(formatNumber(v, 3), formatNumber(v, 3)),
};

export const KNOWN_UNITS = Object.keys(FORMATTERS);

export function formatWithUnit(value: number, unit: string | undefined): Localized {
  if (!unit) return both(formatNumber(value), formatNumber(value));
  const formatter = FORMATTERS[unit];
  return formatter ? formatter(value) : both(`${formatNumber(value)} ${unit}`, `${formatNumber(value)} ${unit}`);
}
