/**
 * Calendar helpers. Records are about a local calendar day (the rep's), so days are handled as
 * YYYY-MM-DD strings and converted with date-fns rather than through UTC instants.
 */
import { format, getISOWeek, getISOWeekYear, parseISO, startOfISOWeek, addDays } from 'date-fns';

export function toDay(date: Date): string {
  return format(date, 'yyyy-MM-dd');
}

export function today(now: Date = new Date()): string {
  return toDay(now);
}

export function isoWeekOf(day: string): string {
  const date = parseISO(day);
  return `${getISOWeekYear(date)}-W${String(getISOWeek(date)).padStart(2, '0')}`;
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** Monday..Sunday of the ISO week that contains `day`. */
export function daysOfIsoWeek(day: string): string[] {
  const monday = startOfISOWeek(parseISO(day));
  return Array.from({ length: 7 }, (_, i) => toDay(addDays(monday, i)));
}

/** The month `n` months after `month` (`YYYY-MM`; n may be negative). */
export function addMonthsTo(month: string, n: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The first and last day of a month (`YYYY-MM`). */
export function daysOfMonth(month: string): { first: string; last: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(last).padStart(2, '0')}` };
}
