/**
 * The manager's team inbox: the reports the team's reps submitted for a period, unread first,
 * each with its state, deadline outcome and notes; who has not submitted yet; and a report opened
 * in the reading layout. The reps are the manager's team (lib/team/roles.ts); an admin sees
 * every rep. Nothing here is the manager's own: their own reports stay in Reports and Today.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { ChevronRight, PenLine } from 'lucide-react';
import { today } from '../../lib/kernel/dates';
import type { DiaryEntry, DiaryKind } from '../../lib/reports/diary-schema';
import { periodOf } from '../../lib/reports/periods';
import { entriesOfPeriod, reviewEventsOfEntry } from '../../lib/reports/queries';
import { reviewSummaryOf, type ReviewSummary } from '../../lib/reports/review';
import { profileNameFor } from '../../lib/store/settings';
import type { TeamContext } from '../../lib/team/roles';
import { useDatabase } from '../shell/database-context';
import { useLocale, useT } from '../shell/locale';
import { Badge, Notice, SegmentedControl, cn, hintClass } from '../ui';
import { PeriodStepper } from './PeriodStepper';
import { ReviewReader } from './ReviewReader';
import { DeadlineBadge, ReviewStateBadge, whenText } from './ReviewPanel';
import { reviewMessages } from './review-messages';
import { IntegritySignals } from './IntegritySignals';
import { useIntegritySignals } from './use-integrity';
import { deviceTimeZone } from '../../lib/reports/deadlines';

/** What reps write (a market inspection is a manager's own report, never in a team inbox), in the order Reports lists them. */
const KINDS = ['weekly', 'monthly', 'daily'] as const satisfies readonly DiaryKind[];

interface InboxRow {
  entry: DiaryEntry;
  summary: ReviewSummary;
  unread: boolean;
}

export function TeamInbox({ team, initial }: { team: TeamContext; initial?: { kind: DiaryKind; periodStart: string; entryId?: string } }) {
  const t = useT(reviewMessages);
  const locale = useLocale();
  const db = useDatabase();
  const [kind, setKind] = useState<DiaryKind>(initial?.kind ?? 'weekly');
  const [start, setStart] = useState(() => initial?.periodStart ?? periodOf(initial?.kind ?? 'weekly', today()).start);
  const [openedId, setOpenedId] = useState<string | undefined>(initial?.entryId);
  const headingId = useId();
  const { id: myId, name: myName } = team.me;
  const me = useMemo(() => ({ id: myId, name: myName }), [myId, myName]);
  const repIds = useMemo(() => new Set(team.reps.map((r) => r.id)), [team.reps]);

  // Back from a report, focus returns to its row in the list.
  const backTo = useRef<string | undefined>(undefined);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (openedId || !backTo.current || !list.current) return;
    list.current.querySelector<HTMLButtonElement>(`button[data-entry-id="${backTo.current}"]`)?.focus();
    backTo.current = undefined;
  });

  // A period has at most one entry per author: the team's are read by kind and period, then their notes.
  const rows = useLiveQuery(async (): Promise<InboxRow[]> => {
    const entries = (await entriesOfPeriod.run(db, { kind, periodStart: start })).filter((e) => repIds.has(e.author.id) && e.status !== 'draft');
    return Promise.all(
      entries.map(async (entry) => {
        const events = await reviewEventsOfEntry.run(db, { entryId: entry.id });
        const summary = reviewSummaryOf(entry, events);
        return { entry, summary, unread: !summary.readBy.some((r) => r.id === me.id) };
      }),
    );
  }, [db, kind, start, repIds, me.id]);

  if (team.role === 'rep') return <Notice>{t('inboxNotManager')}</Notice>;
  if (team.reps.length === 0) return <Notice>{t('inboxNoTeam')}</Notice>;

  const opened = rows?.find((r) => r.entry.id === openedId);
  if (openedId && opened) {
    const rep = team.reps.find((r) => r.id === opened.entry.author.id);
    return (
      <section aria-labelledby={headingId} className="flex min-w-0 flex-col">
        {/* The reader's title is the inbox's subheading; the inbox is named for screen readers only. */}
        <h2 id={headingId} className="sr-only">
          {t('inboxTitle')}
        </h2>
        <ReviewReader
          entry={opened.entry}
          viewer={me}
          canReview
          onBack={() => {
            backTo.current = openedId;
            setOpenedId(undefined);
          }}
        >
          <EntrySignals entry={opened.entry} timeZone={rep?.timeZone ?? deviceTimeZone()} />
        </ReviewReader>
      </section>
    );
  }

  const sorted = [...(rows ?? [])].sort(
    (a, b) =>
      Number(b.unread) - Number(a.unread) ||
      (b.summary.lastSubmittedAt ?? '').localeCompare(a.summary.lastSubmittedAt ?? '') ||
      a.entry.author.name.localeCompare(b.entry.author.name, locale),
  );
  const submittedIds = new Set(sorted.map((r) => r.entry.author.id));
  const missing = team.reps.filter((r) => !submittedIds.has(r.id));
  const unread = sorted.filter((r) => r.unread).length;
  const current = periodOf(kind, today()).start;

  return (
    <section aria-labelledby={headingId} className="flex min-w-0 flex-col gap-3" data-testid="team-inbox">
      <h2 id={headingId} className="m-0 text-xl font-semibold">
        {t('inboxTitle')}
      </h2>
      <div>
        <SegmentedControl
          label={t('inboxKind')}
          options={KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) }))}
          value={kind}
          onChange={(k) => {
            setKind(k);
            setStart(periodOf(k, today()).start);
            setOpenedId(undefined);
          }}
        />
      </div>
      <PeriodStepper kind={kind} start={start} current={current} labels={{ previous: t('previousPeriod'), next: t('nextPeriod') }} testId="inbox-period" onChange={setStart} />
      {rows && (
        <p className={hintClass} data-testid="inbox-counts">
          {t('counts', { submitted: sorted.length, total: team.reps.length, unread })}
        </p>
      )}
      {rows && sorted.length === 0 && <Notice>{t('inboxEmpty')}</Notice>}
      {sorted.length > 0 && (
        <ul ref={list} className="m-0 flex list-none flex-col divide-y divide-line overflow-hidden rounded-lg border border-line bg-surface p-0">
          {sorted.map(({ entry, summary, unread: isUnread }) => (
            <li key={entry.id} data-testid="inbox-row" data-unread={isUnread || undefined}>
              {/* The row's text is its name: who, whether it is unread, where it stands, when. */}
              <button
                type="button"
                className={cn(
                  'flex w-full min-w-0 cursor-pointer items-center gap-2 px-3 py-2.5 text-left hover:bg-soft focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-focus',
                  isUnread && 'bg-accent-soft/40',
                )}
                data-entry-id={entry.id}
                onClick={() => setOpenedId(entry.id)}
              >
                <span className="flex min-w-0 flex-1 flex-col gap-1">
                  <span className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
                    <span className={cn('min-w-0 text-base break-words', isUnread ? 'font-semibold text-ink' : 'text-ink')}>{profileNameFor(entry.author.name, locale)}</span>
                    {isUnread && <Badge className="border-transparent bg-accent text-accent-ink">{t('inboxUnread')}</Badge>}
                  </span>
                  <span className="flex flex-wrap items-center gap-1.5">
                    <ReviewStateBadge state={summary.state} />
                    {entry.deadline && <DeadlineBadge outcome={entry.deadline.outcome} />}
                  </span>
                  <span className="flex flex-wrap gap-x-2 text-sm text-muted">
                    {summary.lastSubmittedAt && <span>{t(summary.submissions.length > 1 ? 'resubmittedAt' : 'submittedAt', { time: whenText(summary.lastSubmittedAt, locale) })}</span>}
                    {summary.threads.length > 0 && (
                      <span className="inline-flex items-center gap-1 whitespace-nowrap">
                        <PenLine aria-hidden="true" className="size-3.5" />
                        {t('notesCount', { count: summary.threads.length })}
                      </span>
                    )}
                  </span>
                </span>
                <ChevronRight aria-hidden="true" className="size-4 shrink-0 text-muted" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {rows && (
        <section aria-labelledby={`${headingId}-missing`} className="flex flex-col gap-1.5" data-testid="not-submitted">
          <h3 id={`${headingId}-missing`} className="m-0 text-base font-semibold">
            {t('inboxNotSubmitted', { count: missing.length })}
          </h3>
          {missing.length === 0 ? (
            <p className={hintClass}>{t('inboxAllSubmitted')}</p>
          ) : (
            <ul className="m-0 flex list-none flex-wrap gap-1.5 p-0">
              {missing.map((rep) => (
                <li key={rep.id}>
                  <Badge tone="neutral">{profileNameFor(rep.name, locale)}</Badge>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </section>
  );
}

/** The signals of the rep's report, judged in the rep's time zone. */
function EntrySignals({ entry, timeZone }: { entry: DiaryEntry; timeZone: string }) {
  const signals = useIntegritySignals(entry, timeZone);
  return signals && signals.length > 0 ? <IntegritySignals signals={signals} audience="manager" /> : null;
}
