import { useId, useMemo, useState } from 'react';
import { useLocale, useT } from '../shell/locale';
import { formatMonth, formatWeek } from '../../lib/kernel/format';
import { useDatabase, useDealerNames, useDealers, useQuery, useSetting } from '../shell/database-context';
import { Badge, Button, DeleteButton, SegmentedControl, ShowMore, cn, hintClass } from '../ui';
import { DiaryEditor } from './index';
import { diaryEditorMessages, reportsMessages } from './messages';
import { periodTitle } from './period';
import { today } from '../../lib/kernel/dates';
import type { Author } from '../../lib/kernel/record';
import { dealerIdsNamedIn, type DiaryEntry, type DiaryKind } from '../../lib/reports/diary-schema';
import { periodOf, type ReportPeriod } from '../../lib/reports/periods';
import { entriesOfKindBefore, entryOfPeriod, reviewEventsOfEntry } from '../../lib/reports/queries';
import { reviewSummaryOf } from '../../lib/reports/review';
import { ReviewStateBadge } from './ReviewPanel';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDiaryEditorSupport } from './use-diary';
import { PAGE_SIZE, type NamedQuery } from '../../lib/store/query';
import { deleteRecord } from '../../lib/store/records';
import { visitsOfAuthorBetween, visitsOfAuthorInWeek, visitsOfAuthorOnDay } from '../../lib/visits/queries';
import type { VisitCard } from '../../lib/visits/schema';

const KINDS = ['weekly', 'monthly', 'daily', 'inspection'] as const satisfies readonly DiaryKind[];
type ReportKind = (typeof KINDS)[number];

const STATUS_TONES = { draft: 'neutral', submitted: 'ok', reviewed: 'ok' } as const;

/**
 * Weekly and monthly reports and market inspections, each prefilled from what the rep already
 * recorded: last period's plan, this period's key-account visits. One entry per period: opening
 * the section again continues the same report. Earlier reports of the kind are listed below the
 * editor and open in it.
 */
export function ReportsView({ initial }: { initial?: { kind: ReportKind; periodStart: string } } = {}) {
  const t = useT(reportsMessages);
  const profile = useSetting('profile');
  const [kind, setKind] = useState<ReportKind>(initial?.kind ?? 'weekly');
  const current = periodOf(kind, today());
  /** The period start of an earlier report opened from the history (or a reminder); the current period otherwise. */
  const [opened, setOpened] = useState<string | undefined>(() => {
    const start = initial ? periodOf(initial.kind, initial.periodStart).start : undefined;
    return start && start !== periodOf(initial!.kind, today()).start ? start : undefined;
  });
  if (!profile) return null;
  const author: Author = { id: profile.id, name: profile.name };
  const period = opened ? periodOf(kind, opened) : current;

  return (
    <div className="flex min-w-0 flex-col gap-4">
      <div className="flex flex-col gap-2">
        <h2 className="m-0 text-xl font-semibold">{t('reportsTitle')}</h2>
        {/* A block of its own, so the control keeps its natural width instead of stretching. */}
        <div>
          <SegmentedControl
            label={t('reportKind')}
            options={KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) }))}
            value={kind}
            onChange={(k) => {
              setKind(k);
              setOpened(undefined);
            }}
          />
        </div>
      </div>
      {/* Keyed by period: a fresh mount never shows the previous period's query results while the new ones load. */}
      <PeriodReport key={`${kind}:${period.start}`} period={period} current={!opened} author={author} onBack={() => setOpened(undefined)} />
      <History key={kind} kind={kind} before={current.start} author={author} opened={opened} onOpen={setOpened} onDeleted={(start) => start === opened && setOpened(undefined)} />
    </div>
  );
}

/** The visits a report of `period` covers: its ISO week, its month, or its day. */
function visitsQueryOf(period: ReportPeriod, authorId: string): { query: NamedQuery<unknown, VisitCard[]>; args: unknown } {
  if (period.kind === 'weekly') return { query: visitsOfAuthorInWeek, args: { authorId, isoWeek: period.label } };
  if (period.kind === 'monthly') return { query: visitsOfAuthorBetween, args: { authorId, from: period.start, to: period.end } };
  return { query: visitsOfAuthorOnDay, args: { authorId, day: period.start } };
}

/** The period line (which week or month, how many visit cards) and the editor of one period's entry. */
function PeriodReport({ period, current, author, onBack }: { period: ReportPeriod; current: boolean; author: Author; onBack: () => void }) {
  const t = useT(reportsMessages);
  const locale = useLocale();
  const kind = period.kind as ReportKind;
  // The weekly report picks dealers for its rows: that list loads alongside, without holding the report back.
  const pickable = useDealers(kind === 'weekly');
  const entry = useQuery(entryOfPeriod, { authorId: author.id, kind, periodStart: period.start });
  const support = useDiaryEditorSupport(kind, period, entry, author);
  const previous = useQuery(entriesOfKindBefore, { authorId: author.id, kind, before: period.start, limit: 1 });
  const visitsQuery = visitsQueryOf(period, author.id);
  const visits = useQuery(visitsQuery.query, visitsQuery.args);
  const named = useMemo(
    () => [...(visits ?? []).map((v) => v.dealerId), ...(entry ? dealerIdsNamedIn(entry) : []), ...(previous?.[0] ? dealerIdsNamedIn(previous[0]) : [])],
    [visits, entry, previous],
  );
  const dealersById = useDealerNames(named);
  const dealerOptions = useMemo(() => pickable?.map((d) => ({ id: d.id, name: d.name })), [pickable]);
  if (!previous || !visits || !dealersById || !support) return null;

  const count = visits.length;
  // Each piece wraps as a whole: a narrow panel breaks the line between them, never inside a date.
  const pieces =
    kind === 'weekly'
      ? [
          formatWeek(period.label, locale),
          // "Prefilled below" only where a new draft was prefilled; a written report just counts its cards.
          t(current && (!entry || entry.status === 'draft') ? 'visitsThisWeek' : 'visitsThatWeek', { visits: count }),
        ]
      : kind === 'monthly'
        ? [t(current ? 'periodMonth' : 'periodMonthEarlier', { month: formatMonth(period.label, locale), visits: count })]
        : [];

  return (
    <>
      {(pieces.length > 0 || !current) && (
        <div className="flex flex-wrap items-center justify-between gap-2">
          {pieces.length > 0 && (
            <p className="m-0 min-w-0 text-sm text-muted" data-testid="report-period">
              {pieces.map((piece, i) => (
                <span key={i}>
                  {i > 0 && ' · '}
                  <span className="inline-block">{piece}</span>
                </span>
              ))}
            </p>
          )}
          {!current && (
            <Button size="sm" onClick={onBack}>
              {t(`backToCurrent_${kind}`)}
            </Button>
          )}
        </div>
      )}
      {/*
        Keyed by the entry: `entry` is undefined both while it loads and when nothing is written
        yet, so the editor starts again from the saved entry once it arrives (or is first saved).
      */}
      <DiaryEditor
        key={entry?.id ?? 'new'}
        kind={kind}
        periodStart={period.start}
        entry={entry}
        previousEntry={previous[0]}
        visitsOfPeriod={visits}
        dealersById={dealersById}
        dealerOptions={dealerOptions}
        {...support}
      />
    </>
  );
}

/** Earlier reports of a kind, newest first, a page at a time; drafts can be deleted. */
function History({
  kind,
  before,
  author,
  opened,
  onOpen,
  onDeleted,
}: {
  kind: ReportKind;
  before: string;
  author: Author;
  opened: string | undefined;
  onOpen: (periodStart: string) => void;
  onDeleted: (periodStart: string) => void;
}) {
  const t = useT(reportsMessages);
  const te = useT(diaryEditorMessages);
  const locale = useLocale();
  const db = useDatabase();
  const [limit, setLimit] = useState(PAGE_SIZE);
  const entries = useQuery(entriesOfKindBefore, { authorId: author.id, kind, before, limit });
  // Where each report's review stands (returned, reviewed …): from its review events.
  const states = useLiveQuery(
    async () => new Map(await Promise.all((entries ?? []).map(async (e) => [e.id, reviewSummaryOf(e, await reviewEventsOfEntry.run(db, { entryId: e.id })).state] as const))),
    [db, entries],
  );
  const headingId = useId();
  if (!entries || !states) return null;

  const titleOf = (entry: DiaryEntry) => te(`title_${kind}`, { period: periodTitle(kind, entry.periodStart, locale) });

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2 border-t border-line pt-4">
      <h3 id={headingId} className="m-0 text-base font-semibold">
        {t(`history_${kind}`)}
      </h3>
      {entries.length === 0 ? (
        <p className={hintClass}>{t('historyEmpty')}</p>
      ) : (
        <ul className="m-0 flex list-none flex-col p-0" aria-labelledby={headingId}>
          {entries.map((entry) => {
            const title = titleOf(entry);
            const isOpen = entry.periodStart === opened;
            return (
              <li
                key={entry.id}
                aria-current={isOpen || undefined}
                className={cn('flex flex-wrap items-center gap-x-2 gap-y-1.5 border-b border-line py-2 last:border-b-0', isOpen && '-mx-2 rounded-md border-b-0 bg-accent-soft px-2')}
              >
                <span className="flex min-w-0 flex-1 flex-wrap items-center gap-x-2 gap-y-1">
                  <span className={cn('max-w-full truncate text-base', isOpen && 'font-semibold')} title={title}>
                    {title}
                  </span>
                  {states.has(entry.id) ? <ReviewStateBadge state={states.get(entry.id)!} /> : <Badge tone={STATUS_TONES[entry.status]}>{te(`status_${entry.status}`)}</Badge>}
                </span>
                <span className="ml-auto flex shrink-0 items-center gap-2">
                  {isOpen ? (
                    <span className="text-sm text-muted">{t('opened')}</span>
                  ) : (
                    <Button size="sm" aria-label={t('openReport', { report: title })} onClick={() => onOpen(entry.periodStart)}>
                      {t('open')}
                    </Button>
                  )}
                  {entry.status === 'draft' && (
                    <DeleteButton
                      record={title}
                      onDelete={async () => {
                        await deleteRecord(db, 'diaryEntries', entry.id, { author });
                        onDeleted(entry.periodStart);
                      }}
                    />
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <ShowMore shown={entries.length} limit={limit} onMore={() => setLimit((n) => n + PAGE_SIZE)} />
    </section>
  );
}
