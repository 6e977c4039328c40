import type { Localized } from './rule-set-schema';

/**
 * How values of each unit read in explanations. `percent` values are fractions (0.14 → 14%);
 * an unknown unit is printed after the number as written.
 */
type Formatter = (value: number) => Localized;

export function formatNumber(value: number, maxDecimals = 2): string {
  if (!Number.isFinite(value)) return String(value);
  // Hand-rolled rather than toLocaleString: Intl formatting costs microseconds per call, and a
  // month's explanations format hundreds of numbers.
  const factor = 10 ** maxDecimals;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  let text = rounded.toFixed(maxDecimals);
  if (maxDecimals > 0) text = text.replace(/\.?0+$/, '');
  if (rounded >= 10000) {
    const [whole, fraction] = text.split('.');
    text = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
  }
  return value < 0 && rounded !== 0 ? `-${text}` : text;
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
  // A number of products (SKUs): "2 SKUs" / "2 个品种", not a number of times.
  sku: (v) => both(`${formatNumber(v)} ${v === 1 ? 'SKU' : 'SKUs'}`, `${formatNumber(v)} 个品种`),
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
