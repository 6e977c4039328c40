/**
 * Report periods: which days a weekly, monthly or inspection report covers as of a given day.
 * Weeks are ISO weeks (Monday first), as the weekly report's deadline rule assumes.
 */
import { endOfMonth, format, parseISO } from 'date-fns';
import { daysOfIsoWeek, isoWeekOf, monthOf } from '../kernel/dates';
import type { DiaryKind } from './diary-schema';

export interface ReportPeriod {
  kind: DiaryKind;
  /** First day of the period: what the entry's `periodStart` is. */
  start: string;
  /** Last day, inclusive. */
  end: string;
  /** ISO week (weekly) or month (monthly) label; the day itself otherwise. */
  label: string;
}

export function periodOf(kind: DiaryKind, day: string): ReportPeriod {
  if (kind === 'weekly') {
    const days = daysOfIsoWeek(day);
    return { kind, start: days[0]!, end: days[6]!, label: isoWeekOf(day) };
  }
  if (kind === 'monthly') {
    const month = monthOf(day);
    return { kind, start: `${month}-01`, end: format(endOfMonth(parseISO(`${month}-01`)), 'yyyy-MM-dd'), label: month };
  }
  return { kind, start: day, end: day, label: day };
}
