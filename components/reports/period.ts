import { isoWeekOf, monthOf } from '../../lib/kernel/dates';
import { formatDay, formatMonth, formatWeek } from '../../lib/kernel/format';
import type { Locale } from '../../lib/kernel/i18n';
import type { DiaryKind } from '../../lib/reports/diary-schema';

/** The period in a report's title, in the UI language: a day, a week or a month (never "2026-W49"). */
export function periodTitle(kind: DiaryKind, periodStart: string, locale: Locale): string {
  if (kind === 'weekly') return formatWeek(isoWeekOf(periodStart), locale);
  if (kind === 'monthly') return formatMonth(monthOf(periodStart), locale);
  return formatDay(periodStart, locale);
}

/** An instant with its time of day, in the UI language ("2026年11月24日 09:00" / "24 Nov 2026, 09:00"). */
export function formatInstant(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
