import { useEffect, useMemo, useState } from 'react';
import { useLocale, useT } from '../shell/locale';
import { formatMonth, formatWeek } from '../../lib/kernel/format';
import { useDatabase, useDealerNames, useDealers, useQuery, useSetting } from '../shell/database-context';
import { Button, SegmentedControl } from '../ui';
import { DiaryEditor } from './index';
import { reportsMessages } from './messages';
import { today } from '../../lib/kernel/dates';
import type { Author } from '../../lib/kernel/record';
import { dealerIdsNamedIn, type DiaryKind } from '../../lib/reports/diary-schema';
import { periodOf, type ReportPeriod } from '../../lib/reports/periods';
import { entriesOfKindBefore, entryOfPeriod } from '../../lib/reports/queries';
import { weekToReport } from '../../lib/reports/compose/build';
import { ReportHistory } from './ReportHistory';
import { BuildReport, ReportOutputs } from './ReportOutputs';
import { useDiaryEditorSupport } from './use-diary';
import type { NamedQuery } from '../../lib/store/query';
import { visitsOfAuthorBetween, visitsOfAuthorInWeek, visitsOfAuthorOnDay } from '../../lib/visits/queries';
import type { VisitCard } from '../../lib/visits/schema';

const KINDS = ['weekly', 'monthly', 'daily', 'inspection'] as const satisfies readonly DiaryKind[];
type ReportKind = (typeof KINDS)[number];


/**
 * Weekly and monthly reports and market inspections, each prefilled from what the rep already
 * recorded: last period's plan, this period's key-account visits. One entry per period: opening
 * the section again continues the same report. Earlier reports of the kind are listed below the
 * editor and open in it.
 */
export function ReportsView({ initial, build, onSyncNow }: { initial?: { kind: ReportKind; periodStart: string }; build?: 'weekly' | 'monthly'; onSyncNow?: () => void } = {}) {
  const t = useT(reportsMessages);
  const profile = useSetting('profile');
  const [kind, setKind] = useState<ReportKind>(build ?? initial?.kind ?? 'weekly');
  const current = periodOf(kind, today());
  /** The period start of an earlier report opened from the history (or a reminder); the current period otherwise. */
  const [opened, setOpened] = useState<string | undefined>(() => {
    const start = initial ? periodOf(initial.kind, initial.periodStart).start : undefined;
    return start && start !== periodOf(initial!.kind, today()).start ? start : undefined;
  });
  const db = useDatabase();
  // One click from the popup or the keyboard: the report that is due (on a Monday, last week's until it is in).
  const [buildTarget, setBuildTarget] = useState<string>();
  useEffect(() => {
    if (!build || !profile) return;
    let live = true;
    const target = build === 'weekly' ? weekToReport(db, profile.id, today()) : Promise.resolve(periodOf('monthly', today()));
    void target.then((period) => {
      if (!live) return;
      if (period.start !== current.start) setOpened(period.start);
      setBuildTarget(period.start);
    });
    return () => {
      live = false;
    };
    // Once, when the view opens with the intent.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [build, profile?.id]);
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
      {build && !buildTarget ? null : (
        <PeriodReport
          key={`${kind}:${period.start}`}
          period={period}
          current={!opened}
          author={author}
          autoBuild={Boolean(build) && kind === build && buildTarget === period.start}
          onSyncNow={onSyncNow}
          onBack={() => setOpened(undefined)}
        />
      )}
      <ReportHistory key={kind} kind={kind} before={current.start} author={author} opened={opened} onOpen={setOpened} onDeleted={(start) => start === opened && setOpened(undefined)} />
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
function PeriodReport({
  period,
  current,
  author,
  autoBuild,
  onSyncNow,
  onBack,
}: {
  period: ReportPeriod;
  current: boolean;
  author: Author;
  autoBuild: boolean;
  onSyncNow: (() => void) | undefined;
  onBack: () => void;
}) {
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
      {(kind === 'weekly' || kind === 'monthly') && (!entry || entry.status === 'draft') && <BuildReport kind={kind} period={period} author={author} entry={entry} auto={autoBuild} />}
      <DiaryEditor
        // A rebuilt draft (new numbers) starts the editor again from what was saved.
        key={`${entry?.id ?? 'new'}:${entry?.snapshot?.asOf ?? ''}`}
        planEvidence={entry?.snapshot?.plan}
        kind={kind}
        periodStart={period.start}
        entry={entry}
        previousEntry={previous[0]}
        visitsOfPeriod={visits}
        dealersById={dealersById}
        dealerOptions={dealerOptions}
        {...support}
      />
      {entry && (kind === 'weekly' || kind === 'monthly') && <ReportOutputs entry={entry} dealersById={dealersById} onSyncNow={onSyncNow} />}
    </>
  );
}
