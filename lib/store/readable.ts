/**
 * Helpers for a kind's readable rendering (`KindDefinition.crm.render`): what a CRM user without
 * Fieldkit reads, in one language — the record's (`RenderContext.locale`). Labels and headings are
 * Fieldkit's vocabulary, declared in both languages; values are written here in the record's
 * language (days, periods, quantities, prices) or are what the user typed. CRM-agnostic; the
 * adapter turns the result into its own format and escapes it.
 */
import type { Locale } from '../kernel/i18n';
import type { ReadableLine, ReadableSection } from './kind';

/** The longest value, item or paragraph a note shows; the structured copy keeps the whole text. */
export const MAX_TEXT = 2000;

/** Text cut to MAX_TEXT characters, with an ellipsis when it was cut. */
export function capped(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** A labelled line, or undefined when there is nothing to say. */
export function field(zh: string, en: string, value: unknown): ReadableLine | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return { label: { 'zh-CN': zh, en }, value: capped(String(value)) };
}

/** A headed list, or undefined when it has no items. */
export function section(zh: string, en: string, items: readonly string[] | undefined): ReadableSection | undefined {
  const kept = (items ?? []).map((item) => item.trim()).filter(Boolean);
  return kept.length > 0 ? { heading: { 'zh-CN': zh, en }, items: kept.map(capped) } : undefined;
}

/** A headed paragraph of free text, or undefined when there is none. */
export function paragraph(zh: string, en: string, text: string | undefined): ReadableSection | undefined {
  const kept = text?.trim();
  return kept ? { heading: { 'zh-CN': zh, en }, text: capped(kept) } : undefined;
}

/** The given values without the undefined ones (lines or sections a record has nothing for). */
export function present<T>(values: readonly (T | undefined)[]): T[] {
  return values.filter((value): value is T => value !== undefined);
}

/** Picks the words of the record's language. */
export function say(locale: Locale, zh: string, en: string): string {
  return locale === 'zh-CN' ? zh : en;
}

/** Items in one line: 甲、乙、丙 / a, b, c. */
export function listOf(values: readonly string[] | undefined, locale: Locale = 'zh-CN'): string | undefined {
  const kept = (values ?? []).map((value) => value.trim()).filter(Boolean);
  return kept.length > 0 ? kept.join(say(locale, '、', ', ')) : undefined;
}

/** Yes / no in words. */
export function yesNo(value: boolean, locale: Locale): string {
  return value ? say(locale, '是', 'yes') : say(locale, '否', 'no');
}

/** A day's activity sits at noon UTC on the CRM timeline, so no time zone moves it a day. */
export function noonOf(day: string): string {
  return `${day}T12:00:00.000Z`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function partsOf(day: string): { year: number; month: number; date: number } {
  const [year, month, date] = day.split('-').map(Number);
  return { year: year!, month: month!, date: date! };
}

/**
 * A calendar day (YYYY-MM-DD) as a reader writes it: 2026年11月20日 / 20 Nov 2026. With
 * `within`, a day of the same year as `within` leaves the year out: 11月20日 / 20 Nov.
 * Written out by hand rather than with Intl, so a note reads the same on every browser.
 */
export function dayText(day: string, locale: Locale, within?: string): string {
  const { year, month, date } = partsOf(day);
  const withYear = !within || partsOf(within).year !== year;
  if (locale === 'zh-CN') return `${withYear ? `${year}年` : ''}${month}月${date}日`;
  return `${date} ${MONTHS[month - 1]!.slice(0, 3)}${withYear ? ` ${year}` : ''}`;
}

/**
 * From one day to another: 12月1日–12月12日 / 1 Dec – 12 Dec. With `within`, years equal to its
 * year are left out; without, a year both days share is said once.
 */
export function rangeText(from: string | undefined, to: string | undefined, locale: Locale, within?: string): string | undefined {
  if (from && to) {
    const sameYear = partsOf(from).year === partsOf(to).year;
    if (within || !sameYear) return `${dayText(from, locale, within)}${say(locale, '–', ' – ')}${dayText(to, locale, within)}`;
    return locale === 'zh-CN' ? `${dayText(from, locale)}–${dayText(to, locale, from)}` : `${dayText(from, locale, to)} – ${dayText(to, locale)}`;
  }
  if (from) return say(locale, `${dayText(from, locale, within)}起`, `from ${dayText(from, locale, within)}`);
  if (to) return say(locale, `至${dayText(to, locale, within)}`, `until ${dayText(to, locale, within)}`);
  return undefined;
}

/** A calendar month (YYYY-MM): 2026年11月 / November 2026. */
export function monthText(month: string, locale: Locale): string {
  const [year, m] = month.split('-').map(Number);
  return say(locale, `${year}年${m}月`, `${MONTHS[m! - 1]} ${year}`);
}

/** An ISO week (2026-W47): 2026年第47周 / Week 47, 2026. */
export function weekText(isoWeek: string, locale: Locale): string {
  const [year, week] = isoWeek.split('-W').map(Number);
  return say(locale, `${year}年第${week}周`, `Week ${week}, ${year}`);
}

/** A number with the reader's grouping: 12,000.5. */
export function numberText(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** An amount of money: whole amounts without decimals, others with two (12,000.50). */
export function moneyText(value: number, locale: Locale): string {
  const cents = Number.isInteger(value) ? 0 : 2;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: cents, maximumFractionDigits: cents }).format(value);
}

/** A quantity in the unit the rep typed: 40 箱 / 40 cases. */
export function quantityText(value: number, unit: string, locale: Locale): string {
  return `${numberText(value, locale)} ${unit.trim()}`.trim();
}

/**
 * A price per the unit the rep typed: ¥468 / 桶, Retail ¥468 / drum. A unit that already says
 * 元 ("元/瓶", "元") is not given a second currency: 168 元/瓶 in Chinese, ¥168 / 瓶 in English.
 */
export function priceText(price: { amount: number; currency: string; unit: string }, locale: Locale): string {
  const amount = moneyText(price.amount, locale);
  const unit = price.unit.trim().replace(/^\/\s*/, '');
  if (price.currency === 'CNY') {
    if (!unit) return locale === 'zh-CN' ? `${amount} 元` : `¥${amount}`;
    const perYuan = /^元\s*(?:\/|每)?\s*(.*)$/.exec(unit);
    if (perYuan) {
      const per = perYuan[1]!.trim();
      if (locale === 'zh-CN') return per ? `${amount} 元/${per}` : `${amount} 元`;
      return per ? `¥${amount} / ${per}` : `¥${amount}`;
    }
    return unit ? `¥${amount} / ${unit}` : `¥${amount}`;
  }
  return unit ? `${price.currency} ${amount} / ${unit}` : `${price.currency} ${amount}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
