import { useId, useMemo, useState } from 'react';
import { useLocale, useT } from '../shell/locale';
import { formatDay, formatMonth, formatWeek } from '../../lib/kernel/format';
import { sidePanelMessages } from '../pages/side-panel/messages';
import { useDatabase, useDealers, useQuery, useSetting } from '../shell/database-context';
import { Button, DeleteButton, ShowMore, styles } from '../ui';
import { DiaryEditor } from './index';
import { diaryEditorMessages, reportsMessages } from './messages';
import { today } from '../../lib/kernel/dates';
import type { Author } from '../../lib/kernel/record';
import type { DiaryEntry, DiaryKind } from '../../lib/reports/diary-schema';
import { periodOf, type ReportPeriod } from '../../lib/reports/periods';
import { entriesOfKindBefore, entryOfPeriod } from '../../lib/reports/queries';
import { saveDiary } from '../../lib/reports/submit';
import { PAGE_SIZE, type NamedQuery } from '../../lib/store/query';
import { deleteRecord } from '../../lib/store/records';
import { visitsOfAuthorBetween, visitsOfAuthorInWeek, visitsOfAuthorOnDay } from '../../lib/visits/queries';
import type { VisitCard } from '../../lib/visits/schema';

const KINDS = ['weekly', 'monthly', 'inspection'] as const satisfies readonly DiaryKind[];
type ReportKind = (typeof KINDS)[number];
const KIND_LABELS = { weekly: 'reportWeekly', monthly: 'reportMonthly', inspection: 'reportInspection' } as const;

/**
 * Weekly and monthly reports and market inspections, each prefilled from what the rep already
 * recorded: last period's plan, this period's key-account visits. One entry per period: opening
 * the section again continues the same report. Earlier reports of the kind are listed below the
 * editor and open in it.
 */
export function ReportsView() {
  const t = useT(sidePanelMessages);
  const profile = useSetting('profile');
  const [kind, setKind] = useState<ReportKind>('weekly');
  /** The period start of an earlier report opened from the history; the current period otherwise. */
  const [opened, setOpened] = useState<string>();
  const current = periodOf(kind, today());
  if (!profile) return null;
  const author: Author = { id: profile.id, name: profile.name };
  const period = opened ? periodOf(kind, opened) : current;

  return (
    <div className="fk-stack">
      <h2>{t('reportsTitle')}</h2>
      <div role="group" aria-label={t('reportKind')} className="fk-row">
        {KINDS.map((k) => (
          <button
            key={k}
            type="button"
            className={kind === k ? 'fk-button fk-button-primary' : 'fk-button'}
            aria-pressed={kind === k}
            style={kind === k ? { fontWeight: 600 } : undefined}
            onClick={() => {
              setKind(k);
              setOpened(undefined);
            }}
          >
            {t(KIND_LABELS[k])}
          </button>
        ))}
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

/** The period line and the editor of one period's entry. */
function PeriodReport({ period, current, author, onBack }: { period: ReportPeriod; current: boolean; author: Author; onBack: () => void }) {
  const t = useT(sidePanelMessages);
  const tr = useT(reportsMessages);
  const locale = useLocale();
  const db = useDatabase();
  const dealers = useDealers();
  const kind = period.kind as ReportKind;
  const entry = useQuery(entryOfPeriod, { authorId: author.id, kind, periodStart: period.start });
  const previous = useQuery(entriesOfKindBefore, { authorId: author.id, kind, before: period.start, limit: 1 });
  const visitsQuery = visitsQueryOf(period, author.id);
  const visits = useQuery(visitsQuery.query, visitsQuery.args);
  const dealersById = useMemo(() => Object.fromEntries((dealers ?? []).map((d) => [d.id, d.name])), [dealers]);
  if (!previous || !visits || !dealers) return null;

  const count = visits.length;
  const periodText =
    kind === 'weekly'
      ? current
        ? t('periodWeek', { week: formatWeek(period.label, locale), visits: count })
        : tr('periodWeekEarlier', { week: formatWeek(period.label, locale), visits: count })
      : kind === 'monthly'
        ? current
          ? t('periodMonth', { month: formatMonth(period.label, locale), visits: count })
          : tr('periodMonthEarlier', { month: formatMonth(period.label, locale), visits: count })
        : t('periodDay', { day: formatDay(period.label, locale) });

  return (
    <>
      <div className="fk-row">
        <p className="fk-muted" data-testid="report-period" style={{ margin: 0 }}>
          {periodText}
        </p>
        {!current && (
          <Button variant="small" onClick={onBack}>
            {tr(`backToCurrent_${kind}`)}
          </Button>
        )}
      </div>
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
        onSave={(draft, { submit }) => saveDiary(db, draft, { submit, author })}
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
  const db = useDatabase();
  const [limit, setLimit] = useState(PAGE_SIZE);
  const entries = useQuery(entriesOfKindBefore, { authorId: author.id, kind, before, limit });
  const headingId = useId();
  if (!entries) return null;

  const titleOf = (entry: DiaryEntry) => te(`title_${kind}`, { period: periodOf(kind, entry.periodStart).label });

  return (
    <section aria-labelledby={headingId} className="fk-stack">
      <h3 id={headingId}>{t(`history_${kind}`)}</h3>
      {entries.length === 0 ? (
        <p className="fk-muted" style={{ margin: 0 }}>
          {t('historyEmpty')}
        </p>
      ) : (
        <ul className="fk-list" aria-labelledby={headingId}>
          {entries.map((entry) => {
            const title = titleOf(entry);
            const isOpen = entry.periodStart === opened;
            return (
              <li key={entry.id} className="fk-row" aria-current={isOpen || undefined}>
                <span style={isOpen ? { fontWeight: 600 } : undefined}>{title}</span>
                <span style={styles.badge}>{te(`status_${entry.status}`)}</span>
                {isOpen ? (
                  <span className="fk-muted">{t('opened')}</span>
                ) : (
                  <Button variant="small" aria-label={t('openReport', { report: title })} onClick={() => onOpen(entry.periodStart)}>
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
              </li>
            );
          })}
        </ul>
      )}
      <ShowMore shown={entries.length} limit={limit} onMore={() => setLimit((n) => n + PAGE_SIZE)} />
    </section>
  );
}
