import { useCallback, useMemo, useState } from 'react';
import { useLocale, useT } from '../shell/locale';
import { formatDay } from '../../lib/kernel/format';
import { sidePanelMessages } from '../pages/side-panel/messages';
import { useDatabase, useDealers, useQuery, useSetting } from '../shell/database-context';
import { EmptyState } from '../shell/EmptyState';
import { errorMessageOf } from '../ui';
import { VisitCardForm } from './VisitCardForm';
import { VisitCardList } from './VisitCardList';
import { visitCardMessages } from './messages';
import { DiaryEditor } from '../reports/index';
import { deleteRecord, saveRecord } from '../../lib/store/records';
import { today as todayOf } from '../../lib/kernel/dates';
import { saveDiary } from '../../lib/reports/submit';
import { visitsOfAuthorOnDay } from '../../lib/visits/queries';
import { dealerHistoryOf } from '../../lib/visits/history';
import { entriesOfKindBefore, entryOfPeriod } from '../../lib/reports/queries';
import type { VisitCard } from '../../lib/visits/schema';
import type { Author } from '../../lib/kernel/record';

type Editing = { mode: 'new' } | { mode: 'edit'; card: VisitCard };

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
  const dealers = useDealers();
  const authorId = author.id;
  const [editing, setEditing] = useState<Editing>();
  const [notice, setNotice] = useState('');

  const todaysCards = useQuery(visitsOfAuthorOnDay, { authorId, day });
  // undefined both while loading and when not written yet; the editor is keyed by its id, so a
  // late answer remounts it with the entry.
  const todaysEntry = useQuery(entryOfPeriod, { authorId, kind: 'daily', periodStart: day });
  const previousEntries = useQuery(entriesOfKindBefore, { authorId, kind: 'daily', before: day, limit: 1 });
  const dealersById = useMemo(() => Object.fromEntries((dealers ?? []).map((d) => [d.id, d.name])), [dealers]);
  const loadHistory = useCallback(
    (dealerId: string, visitDay: string) => dealerHistoryOf(db, dealerId, visitDay),
    [db],
  );

  if (!dealers || !todaysCards || !previousEntries) return null;

  const open = (id: string) => {
    const card = todaysCards.find((c) => c.id === id);
    if (!card) return;
    setNotice('');
    setEditing({ mode: 'edit', card });
  };
  const remove = async (id: string) => {
    try {
      await deleteRecord(db, 'visitCards', id, { author });
      setNotice(tv('deleted'));
    } catch (error) {
      setNotice(tv('deleteFailed', { message: errorMessageOf(error) }));
    }
  };

  return (
    <div className="fk-stack">
      <h2>{t('todayTitle', { day: formatDay(day, locale, 'short') })}</h2>
      <section aria-labelledby="fk-today-visits" className="fk-stack">
        <div className="fk-row">
          <h3 id="fk-today-visits">{t('todaysVisits')}</h3>
          {!editing && (
            <button
              type="button"
              className="fk-button fk-button-primary"
              onClick={() => {
                setNotice('');
                setEditing({ mode: 'new' });
              }}
              disabled={dealers.length === 0}
            >
              {t('logVisit')}
            </button>
          )}
        </div>
        {notice && <p role="status">{notice}</p>}
        {dealers.length === 0 && <p className="fk-muted">{t('noDealersForVisit')}</p>}
        {editing ? (
          <>
            {editing.mode === 'edit' && (
              <p className="fk-muted">
                {tv('editing', { dealer: dealersById[editing.card.dealerId] ?? tv('unknownDealer'), day: editing.card.visitDay })}
              </p>
            )}
            <VisitCardForm
              key={editing.mode === 'edit' ? editing.card.id : 'new'}
              dealers={dealers.map((d) => ({ id: d.id, name: d.name }))}
              initial={editing.mode === 'edit' ? editing.card : undefined}
              loadHistory={loadHistory}
              today={day}
              onSave={async (draft) => {
                await saveRecord(db, 'visitCards', draft, { author });
                setEditing(undefined);
                setNotice(t('saved'));
              }}
              onCancel={() => setEditing(undefined)}
            />
          </>
        ) : todaysCards.length === 0 ? (
          <EmptyState testId="empty-visits" title={t('visitsEmptyTitle')} body={t('visitsEmptyBody')} />
        ) : (
          <>
            <p className="fk-muted" data-testid="visits-today">
              {t('visitsToday', { count: todaysCards.length })}
            </p>
            <VisitCardList cards={todaysCards} dealersById={dealersById} onOpen={open} onDelete={remove} />
          </>
        )}
      </section>
      <section aria-label={t('dailyReport')}>
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
