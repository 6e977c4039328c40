import { useEffect, useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { AlarmClock, ChevronRight } from 'lucide-react';
import { useLocale, useT } from '../shell/locale';
import { useDatabase } from '../shell/database-context';
import { Badge, Button, cn } from '../ui';
import { loadReminderState, type DueItem, type DueState, type ReminderKind } from '../../lib/reports/reminders';
import { deadlineLine, kindName, periodWords, stateWords } from '../../lib/reports/reminder-words';
import { dueListMessages } from './due-messages';

const TONES: Record<DueState, 'accent' | 'warn' | 'danger' | 'neutral'> = { upcoming: 'warn', due: 'accent', grace: 'warn', overdue: 'danger' };

/** How often the list looks at the clock again (states change with time, not only with data). */
const TICK_MS = 60_000;

export interface DueListProps {
  /** Opens the form of a report (the side panel routes `#reports/<kind>/<periodStart>`). */
  onOpen: (kind: ReminderKind, periodStart: string) => void;
  /** The clock (tests, the demo). */
  now?: () => Date;
}

/**
 * What the person using the device owes: their reports due soon, due today, in their grace or
 * overdue, most urgent first, each with a button to its form. Nothing when nothing is due. The
 * same reckoning as the toolbar badge and the notifications (lib/reports/reminders.ts).
 */
export function DueList({ onOpen, now }: DueListProps) {
  const db = useDatabase();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((n) => n + 1), TICK_MS);
    return () => clearInterval(id);
  }, []);
  const at = (now ?? (() => new Date()))();
  const state = useLiveQuery(() => loadReminderState(db, at), [db, tick]);
  if (!state || state.items.length === 0) return null;
  return <DueListView items={state.items} timeZone={state.timeZone} now={at} onOpen={onOpen} />;
}

export function DueListView({ items, timeZone, now, onOpen }: { items: readonly DueItem[]; timeZone: string; now: Date; onOpen: DueListProps['onOpen'] }) {
  const t = useT(dueListMessages);
  const locale = useLocale();
  const headingId = useId();
  if (items.length === 0) return null;
  const late = items.filter((i) => i.state === 'grace' || i.state === 'overdue').length;
  return (
    <section aria-labelledby={headingId} className="flex min-w-0 flex-col gap-2 rounded-lg border border-line bg-surface p-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-2">
        <h3 id={headingId} className="m-0 flex items-center gap-1.5 text-base font-semibold">
          <AlarmClock aria-hidden="true" className="size-4 text-accent" />
          {t('heading')}
        </h3>
        <span className={cn('text-sm', late > 0 ? 'text-danger' : 'text-muted')}>{t('summary', { count: items.length, late })}</span>
      </div>
      <ul className="m-0 flex list-none flex-col gap-2 p-0">
        {items.map((item) => {
          const kind = kindName(item.kind, locale);
          const period = periodWords(item, locale);
          return (
            <li key={`${item.kind}:${item.periodStart}`} className="grid min-w-0 grid-cols-[minmax(0,1fr)_auto] items-start gap-x-2 gap-y-1 border-t border-line pt-2 first:border-t-0 first:pt-0">
              <p className="m-0 min-w-0 self-center break-keep">
                <span className="font-medium">{kind}</span> <span className="text-sm">{period}</span>
              </p>
              <Button
                size="sm"
                variant={item.state === 'due' ? 'secondary' : 'primary'}
                aria-label={t(item.started ? 'continueLabel' : 'writeLabel', { kind, period })}
                onClick={() => onOpen(item.kind, item.periodStart)}
              >
                {t(item.started ? 'continue' : 'write')}
                <ChevronRight aria-hidden="true" className="size-4" />
              </Button>
              <p className="col-span-2 m-0 flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
                <Badge tone={TONES[item.state]}>{stateWords(item, locale)}</Badge>
                <span className="break-keep text-xs text-muted">{deadlineLine(item, now.getTime(), timeZone, locale)}</span>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
