import { useCallback, useMemo, useState } from 'react';
import { ChevronRight, Plus } from 'lucide-react';
import { useLocale, useT } from '../shell/locale';
import { formatDay } from '../../lib/kernel/format';
import { sidePanelMessages } from '../pages/side-panel/messages';
import { useDatabase, useQuery, useQueryNamingDealers, useSetting } from '../shell/database-context';
import { EmptyState } from '../shell/EmptyState';
import { useHashIntent } from '../shell/hash-intent';
import { Button, Card, Notice, ShowMore, errorMessageOf, hintClass } from '../ui';
import { ErrorDetails } from '../ui/ErrorDetails';
import { VisitCardList } from './VisitCardList';
import { VisitCardFormWithDealers, VisitCardPanel } from './VisitCardPanel';
import { visitCardMessages } from './messages';
import { DiaryEditor } from '../reports/index';
import { today as todayOf } from '../../lib/kernel/dates';
import { useDiaryEditorSupport } from '../reports/use-diary';
import { DueList } from '../reports/DueList';
import { hashOfReportIntent } from '../shell/hash-intent';
import { periodOf } from '../../lib/reports/periods';
import { recentVisitsOfAuthor, visitsOfAuthorOnDay } from '../../lib/visits/queries';
import { closesDay } from '../../lib/visits/edit-rule';
import { VisitLockedError, deleteVisitCard, saveVisitCard } from '../../lib/visits/save';
import { anyDealer } from '../../lib/dealers/queries';
import { dealerHistoryOf } from '../../lib/visits/history';
import { entriesOfKindBefore, entryOfPeriod } from '../../lib/reports/queries';
import type { VisitCard } from '../../lib/visits/schema';
import type { Author } from '../../lib/kernel/record';

const NO_ARGS = {};
const dealerIdsOfCards = (cards: VisitCard[]) => cards.map((c) => c.dealerId);
/** Earlier cards listed at first, and added per "show more". */
const EARLIER_PAGE = 10;
/** Daily reports read to mark earlier cards whose day is submitted (about a month back). */
const DAILIES_READ = 31;

type Editing = { mode: 'new'; dealerId?: string } | { mode: 'open'; card: VisitCard };
type Outcome = { tone: 'ok' | 'danger'; text: string; details?: string };

/** Today: the rep's visit cards of the day (log, open, delete) and the daily report they attach to. */
export function TodayView() {
  const profile = useSetting('profile');
  const day = todayOf();
  if (!profile) return null;
  // Keyed so that another rep or a new day starts from empty queries, never from the last answers.
  return <TodayOf key={`${profile.id} ${day}`} author={{ id: profile.id, name: profile.name }} day={day} />;
}

function TodayOf({ author, day }: { author: Author; day: string }) {
  const t = useT(sidePanelMessages);
  const tv = useT(visitCardMessages);
  const locale = useLocale();
  const db = useDatabase();
  const hasDealers = useQuery(anyDealer, NO_ARGS);
  const authorId = author.id;
  // Opened as "log a visit here" from a dealer's KPI panel: the form starts at that dealer.
  const intentDealer = useHashIntent('logVisit');
  const [editing, setEditing] = useState<Editing | undefined>(() => (intentDealer ? { mode: 'new', dealerId: intentDealer } : undefined));
  const [outcome, setOutcome] = useState<Outcome>();

  // Today's cards with the names of their dealers only; the picker's list loads when the form opens.
  const today = useQueryNamingDealers(visitsOfAuthorOnDay, { authorId, day }, dealerIdsOfCards);
  const todaysCards = today?.result;
  const dealersById = today?.dealerNames;
  // undefined both while loading and when not written yet; the editor is keyed by its id, so a
  // late answer remounts it with the entry.
  const todaysEntry = useQuery(entryOfPeriod, { authorId, kind: 'daily', periodStart: day });
  // Newest first: the first is "last time" for the daily report, all of them mark earlier cards' days.
  const previousEntries = useQuery(entriesOfKindBefore, { authorId, kind: 'daily', before: day, limit: DAILIES_READ });
  // The latest cards of earlier days (a back-filled card among them), open again until their day's report is in.
  const [earlierLimit, setEarlierLimit] = useState(EARLIER_PAGE);
  const recent = useQueryNamingDealers(recentVisitsOfAuthor, { authorId, limit: earlierLimit }, dealerIdsOfCards);
  const loadHistory = useCallback(
    (dealerId: string, visitDay: string) => dealerHistoryOf(db, dealerId, visitDay),
    [db],
  );
  const earlierCards = useMemo(() => recent?.result.filter((card) => card.visitDay < day), [recent, day]);
  const names = useMemo(() => ({ ...recent?.dealerNames, ...dealersById }), [recent, dealersById]);
  const todayClosed = closesDay(todaysEntry, authorId, day);
  const lockedToday = useMemo(() => new Set(todayClosed ? (todaysCards ?? []).map((card) => card.id) : []), [todayClosed, todaysCards]);
  const lockedEarlier = useMemo(() => {
    const closedDays = new Set((previousEntries ?? []).filter((entry) => closesDay(entry, authorId, entry.periodStart)).map((entry) => entry.periodStart));
    return new Set((earlierCards ?? []).filter((card) => closedDays.has(card.visitDay)).map((card) => card.id));
  }, [previousEntries, earlierCards, authorId]);

  const diary = useDiaryEditorSupport('daily', periodOf('daily', day), todaysEntry, author);
  if (hasDealers === undefined || !todaysCards || !previousEntries || !dealersById || !recent || !earlierCards || !diary) return null;

  const open = (id: string) => {
    const card = todaysCards.find((c) => c.id === id) ?? earlierCards.find((c) => c.id === id);
    if (!card) return;
    setOutcome(undefined);
    setEditing({ mode: 'open', card });
  };
  const remove = async (id: string) => {
    try {
      await deleteVisitCard(db, id, { author });
      setOutcome({ tone: 'ok', text: tv('deleted') });
    } catch (error) {
      if (error instanceof VisitLockedError) setOutcome({ tone: 'danger', text: error.reason === 'notAuthor' ? tv('lockedNotAuthor') : tv('lockedDay') });
      else setOutcome({ tone: 'danger', text: tv('deleteFailed'), details: errorMessageOf(error) });
    }
  };
  const saved = () => {
    setEditing(undefined);
    setOutcome({ tone: 'ok', text: t('saved') });
  };

  return (
    <div className="flex flex-col gap-4">
      <h2 className="text-xl font-semibold">{t('todayTitle', { day: formatDay(day, locale, 'short') })}</h2>
      {/* What is due and overdue: a report opens where it is written (today's daily just below). */}
      <DueList onOpen={(kind, periodStart) => (location.hash = hashOfReportIntent({ kind, periodStart }))} />
      <section aria-labelledby="fk-today-visits" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 id="fk-today-visits" className="text-lg font-semibold">
            {t('todaysVisits')}
          </h3>
          {!editing && (
            <Button
              variant="primary"
              size="sm"
              onClick={() => {
                setOutcome(undefined);
                setEditing({ mode: 'new' });
              }}
              disabled={!hasDealers}
            >
              <Plus aria-hidden="true" className="size-3.5" />
              {t('logVisit')}
            </Button>
          )}
        </div>
        {outcome && (
          <div className="flex flex-col gap-1">
            <Notice tone={outcome.tone} role={outcome.tone === 'ok' ? 'status' : 'alert'}>
              {outcome.text}
            </Notice>
            {outcome.details && <ErrorDetails summary={tv('errorDetails')}>{outcome.details}</ErrorDetails>}
          </div>
        )}
        {!hasDealers && <Notice tone="info">{t('noDealersForVisit')}</Notice>}
        {editing?.mode === 'open' ? (
          <Card>
            <VisitCardPanel
              key={editing.card.id}
              card={editing.card}
              viewer={author}
              dealerName={names[editing.card.dealerId] ?? tv('unknownDealer')}
              today={day}
              onSaved={saved}
              onClose={() => setEditing(undefined)}
            />
          </Card>
        ) : editing ? (
          <Card>
            <h4 className="text-base font-semibold">{tv('newCard')}</h4>
            <VisitCardFormWithDealers
              key="new"
              {...(editing.dealerId ? { dealerId: editing.dealerId } : {})}
              loadHistory={loadHistory}
              today={day}
              onSave={async (draft, photos) => {
                await saveVisitCard(db, draft, photos, { author });
                saved();
              }}
              onCancel={() => setEditing(undefined)}
            />
          </Card>
        ) : todaysCards.length === 0 ? (
          <EmptyState
            testId="empty-visits"
            title={t('visitsEmptyTitle')}
            body={t('visitsEmptyBody')}
            action={
              !hasDealers && (
                // The side panel follows the hash: this opens the Dealers section.
                <Button size="sm" onClick={() => (location.hash = '#dealers')}>
                  {t('goToDealers')}
                </Button>
              )
            }
          />
        ) : (
          <>
            <p className="m-0 text-sm text-muted" data-testid="visits-today">
              {t('visitsToday', { count: todaysCards.length })}
            </p>
            <VisitCardList cards={todaysCards} dealersById={dealersById} onOpen={open} onDelete={remove} lockedIds={lockedToday} hideDay />
          </>
        )}
        {!editing && earlierCards.length > 0 && (
          <details className="group" data-testid="earlier-visits">
            <summary className="flex cursor-pointer list-none items-center gap-1 text-sm font-medium text-ink select-none [&::-webkit-details-marker]:hidden">
              <ChevronRight aria-hidden="true" className="size-4 shrink-0 text-muted transition-transform group-open:rotate-90" />
              {tv('earlierTitle')}
            </summary>
            <div className="mt-2 flex flex-col gap-2">
              <p className={hintClass}>{tv('earlierHint')}</p>
              <VisitCardList cards={earlierCards} dealersById={names} onOpen={open} onDelete={remove} lockedIds={lockedEarlier} label={tv('earlierTitle')} />
              <ShowMore shown={recent.result.length} limit={earlierLimit} onMore={() => setEarlierLimit((limit) => limit + EARLIER_PAGE)} />
            </div>
          </details>
        )}
      </section>
      <section aria-label={t('dailyReport')} className="border-t border-line pt-4">
        <DiaryEditor
          key={todaysEntry?.id ?? 'new'}
          kind="daily"
          periodStart={day}
          entry={todaysEntry}
          previousEntry={previousEntries[0]}
          visitsOfPeriod={todaysCards}
          dealersById={dealersById}
          {...diary}
        />
      </section>
    </div>
  );
}
