import { useId } from 'react';
import { addDays, addMonths, format, parseISO } from 'date-fns';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { Locale } from '../../lib/kernel/i18n';
import type { DiaryKind } from '../../lib/reports/diary-schema';
import { periodOf } from '../../lib/reports/periods';
import { useLocale } from '../shell/locale';
import { Button } from '../ui';
import { periodTitle } from './period';

/** The period before or after `start` of a report kind. */
export function shiftPeriod(kind: DiaryKind, start: string, step: -1 | 1): string {
  const day = parseISO(start);
  const moved = kind === 'weekly' ? addDays(day, 7 * step) : kind === 'monthly' ? addMonths(day, step) : addDays(day, step);
  return periodOf(kind, format(moved, 'yyyy-MM-dd')).start;
}

/** A week's days in words, under its number: "23 – 29 Nov" / "11月23日至29日". */
export function weekDays(start: string, locale: Locale): string {
  const first = parseISO(`${start}T00:00:00Z`);
  const last = addDays(first, 6);
  if (locale === 'en') return new Intl.DateTimeFormat('en-GB', { month: 'short', day: 'numeric', timeZone: 'UTC' }).formatRange(first, last);
  const [m1, d1, m2, d2] = [first.getUTCMonth() + 1, first.getUTCDate(), last.getUTCMonth() + 1, last.getUTCDate()];
  return `${m1}月${d1}日至${m2 === m1 ? '' : `${m2}月`}${d2}日`;
}

/**
 * The period a team view shows, with the periods before and after it (never past the current
 * one): the team inbox's and the roll-up's.
 */
export function PeriodStepper({
  kind,
  start,
  current,
  labels,
  testId,
  onChange,
}: {
  kind: DiaryKind;
  start: string;
  /** The current period's start: the latest one can step to. */
  current: string;
  labels: { previous: string; next: string };
  testId: string;
  onChange(start: string): void;
}) {
  const locale = useLocale();
  const periodId = useId();
  return (
    <div className="flex items-center justify-between gap-2" role="group" aria-labelledby={periodId}>
      <Button size="icon" variant="ghost" aria-label={labels.previous} title={labels.previous} onClick={() => onChange(shiftPeriod(kind, start, -1))}>
        <ChevronLeft aria-hidden="true" className="size-4" />
      </Button>
      <p id={periodId} className="m-0 flex min-w-0 flex-col items-center text-center" data-testid={testId}>
        <span className="text-base font-medium">{periodTitle(kind, start, locale)}</span>
        {kind === 'weekly' && <span className="text-sm text-muted">{weekDays(start, locale)}</span>}
      </p>
      <Button size="icon" variant="ghost" aria-label={labels.next} title={labels.next} disabled={start >= current} onClick={() => onChange(shiftPeriod(kind, start, 1))}>
        <ChevronRight aria-hidden="true" className="size-4" />
      </Button>
    </div>
  );
}
