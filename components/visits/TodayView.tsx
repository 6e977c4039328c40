import { useCallback, useMemo, useState } from 'react';
import { Plus } from 'lucide-react';
import { useLocale, useT } from '../shell/locale';
import { formatDay } from '../../lib/kernel/format';
import { sidePanelMessages } from '../pages/side-panel/messages';
import { useDatabase, useDealers, useQuery, useQueryNamingDealers, useSetting } from '../shell/database-context';
import { EmptyState } from '../shell/EmptyState';
import { useHashIntent } from '../shell/hash-intent';
import { Button, Card, Notice, errorMessageOf } from '../ui';
import { ErrorDetails } from '../ui/ErrorDetails';
import { VisitCardForm } from './VisitCardForm';
import { VisitCardList } from './VisitCardList';
import { visitCardMessages } from './messages';
import { DiaryEditor } from '../reports/index';
import { deleteRecord, saveRecord } from '../../lib/store/records';
import { today as todayOf } from '../../lib/kernel/dates';
import { saveDiary } from '../../lib/reports/submit';
import { visitsOfAuthorOnDay } from '../../lib/visits/queries';
import { anyDealer } from '../../lib/dealers/queries';
import { dealerHistoryOf } from '../../lib/visits/history';
import { entriesOfKindBefore, entryOfPeriod } from '../../lib/reports/queries';
import type { VisitCard } from '../../lib/visits/schema';
import type { ComponentProps } from 'react';
import type { Author } from '../../lib/kernel/record';

const NO_ARGS = {};
const dealerIdsOfCards = (cards: VisitCard[]) => cards.map((c) => c.dealerId);

type Editing = { mode: 'new'; dealerId?: string } | { mode: 'edit'; card: VisitCard };
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
  const previousEntries = useQuery(entriesOfKindBefore, { authorId, kind: 'daily', before: day, limit: 1 });
  const loadHistory = useCallback(
    (dealerId: string, visitDay: string) => dealerHistoryOf(db, dealerId, visitDay),
    [db],
  );

  if (hasDealers === undefined || !todaysCards || !previousEntries || !dealersById) return null;

  const open = (id: string) => {
    const card = todaysCards.find((c) => c.id === id);
    if (!card) return;
    setOutcome(undefined);
    setEditing({ mode: 'edit', card });
  };
  const remove = async (id: string) => {
    try {
      await deleteRecord(db, 'visitCards', id, { author });
      setOutcome({ tone: 'ok', text: tv('deleted') });
    } catch (error) {
      setOutcome({ tone: 'danger', text: tv('deleteFailed'), details: errorMessageOf(error) });
    }
  };

  return (
    <div className="flex flex-col gap-4">
      <h2 className="text-xl font-semibold">{t('todayTitle', { day: formatDay(day, locale, 'short') })}</h2>
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
        {editing ? (
          <Card>
            <h4 className="text-base font-semibold">
              {editing.mode === 'edit'
                ? tv('editing', { dealer: dealersById[editing.card.dealerId] ?? tv('unknownDealer'), day: formatDay(editing.card.visitDay, locale, 'short') })
                : tv('newCard')}
            </h4>
            <VisitCardFormWithDealers
              key={editing.mode === 'edit' ? editing.card.id : 'new'}
              initial={editing.mode === 'edit' ? editing.card : undefined}
              {...(editing.mode === 'new' && editing.dealerId ? { dealerId: editing.dealerId } : {})}
              loadHistory={loadHistory}
              today={day}
              onSave={async (draft) => {
                await saveRecord(db, 'visitCards', draft, { author });
                setEditing(undefined);
                setOutcome({ tone: 'ok', text: t('saved') });
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
            <VisitCardList cards={todaysCards} dealersById={dealersById} onOpen={open} onDelete={remove} hideDay />
          </>
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
          onSave={(draft, { submit }) => saveDiary(db, draft, { submit, author })}
        />
      </section>
    </div>
  );
}

/** The visit-card form with its dealer picker, whose list is read only once the form opens. */
function VisitCardFormWithDealers(props: Omit<ComponentProps<typeof VisitCardForm>, 'dealers'>) {
  const dealers = useDealers();
  const options = useMemo(() => dealers?.map((d) => ({ id: d.id, name: d.name })), [dealers]);
  if (!options) return null;
  return <VisitCardForm {...props} dealers={options} />;
}
