/**
 * Days, weeks, months, numbers and money in the UI language, through Intl.
 *
 * Records hold calendar days as `YYYY-MM-DD`, weeks as `YYYY-Www` and months as `YYYY-MM` (see
 * lib/kernel/dates.ts). Those are not instants: they are formatted as UTC midnights in UTC, so the
 * machine's time zone never shifts a day.
 *
 * English dates are written day-month-year ("Mon, 30 Nov 2026", en-GB order): unambiguous for a
 * team in China reading English, and the order of the Chinese form. Numbers use the plain `en`
 * conventions (12,000.5), which en-GB shares.
 */
import type { Locale } from './i18n';

/** The Intl locale for dates in each UI language. */
const DATE_LOCALE: Record<Locale, string> = { 'zh-CN': 'zh-CN', en: 'en-GB' };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let format = cache.get(key) as T | undefined;
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(`d|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(DATE_LOCALE[locale], { ...options, timeZone: 'UTC' }));
}

/**
 * How much of a day to show:
 * - `full` (default): zh-CN "2026年11月30日周一", en "Mon, 30 Nov 2026"
 * - `date`: zh-CN "2026年11月30日", en "30 Nov 2026"
 * - `short` (this year's days in lists): zh-CN "11月30日周一", en "Mon 30 Nov"
 */
export type DayStyle = 'full' | 'date' | 'short';

const DAY_OPTIONS: Record<DayStyle, Intl.DateTimeFormatOptions> = {
  full: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  short: { weekday: 'short', day: 'numeric', month: 'short' },
};

/** A calendar day (`YYYY-MM-DD`) in the UI language; anything else is returned unchanged. */
export function formatDay(isoDay: string, locale: Locale, style: DayStyle = 'full'): string {
  const match = DAY.exec(isoDay);
  if (!match) return isoDay;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return isoDay;
  return dateFormat(locale, DAY_OPTIONS[style]).format(date);
}

/** An ISO week (`2026-W49`): zh-CN "2026年第49周", en "Week 49, 2026"; anything else unchanged. */
export function formatWeek(isoWeek: string, locale: Locale): string {
  const match = WEEK.exec(isoWeek);
  if (!match) return isoWeek;
  const year = match[1]!;
  const week = Number(match[2]);
  return locale === 'zh-CN' ? `${year}年第${week}周` : `Week ${week}, ${year}`;
}

/** A calendar month (`2026-11`): zh-CN "2026年11月", en "November 2026"; anything else unchanged. */
export function formatMonth(isoMonth: string, locale: Locale): string {
  const match = MONTH.exec(isoMonth);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) return isoMonth;
  return dateFormat(locale, { month: 'long', year: 'numeric' }).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}

/** A number with the UI language's grouping and decimal mark ("12,000.5"). */
export function formatNumber(value: number, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
  return cached(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options)).format(value);
}

/**
 * An amount of money: "¥35", "¥3.50", "US$5" (zh-CN) / "$5" (en). Whole amounts drop the
 * ".00"; CNY is written with the plain ¥ sign in both languages, since that is how reps read it.
 * An unknown currency code is written before the number as given.
 */
export function formatMoney(amount: number, currency: string, locale: Locale): string {
  const code = currency.trim().toUpperCase() || 'CNY';
  try {
    return cached(
      `m|${locale}|${code}`,
      () =>
        new Intl.NumberFormat(locale, {
          style: 'currency',
          currency: code,
          currencyDisplay: code === 'CNY' ? 'narrowSymbol' : 'symbol',
          trailingZeroDisplay: 'stripIfInteger',
        }),
    ).format(amount);
  } catch {
    return `${currency.trim()} ${formatNumber(amount, locale)}`.trim();
  }
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
];

/**
 * How long ago (or until) an instant, for "last synced" lines: zh-CN "5分钟前" / "昨天",
 * en "5 minutes ago" / "yesterday". Beyond a week it is the day itself, in `timeZone` (the
 * user's own by default): "Mon 2 Nov" this year, "2 Nov 2025" another year.
 */
export function formatRelativeTime(iso: string, locale: Locale, now: Date = new Date(), timeZone?: string): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;
  let value = (then.getTime() - now.getTime()) / 1000;
  const relative = cached(`r|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(Math.round(value)) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  const yearOf = (date: Date) => new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(date);
  const options = yearOf(then) === yearOf(now) ? DAY_OPTIONS.short : DAY_OPTIONS.date;
  return new Intl.DateTimeFormat(DATE_LOCALE[locale], { ...options, timeZone }).format(then);
}

/** An instant as a day and a time in a time zone: zh-CN "2026年11月27日 17:05", en "27 Nov 2026, 17:05". */
export function formatInstantIn(iso: string, locale: Locale, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return cached(`i|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(DATE_LOCALE[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone, hourCycle: 'h23' })).format(date);
}

/** A time zone's name in the UI language: zh-CN "中国标准时间", en "China Standard Time"; the id itself if Intl has no name. */
export function timeZoneNameOf(timeZone: string, locale: Locale, at: Date = new Date()): string {
  try {
    const part = cached(`z|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(DATE_LOCALE[locale], { timeZone, timeZoneName: 'long' }))
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}
