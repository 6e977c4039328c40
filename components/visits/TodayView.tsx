import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useT } from '../shell/locale';
import { sidePanelMessages } from '../pages/side-panel/messages';
import { useDatabase, useDealers, useSetting } from '../shell/database-context';
import { EmptyState } from '../shell/EmptyState';
import { VisitCardForm } from './index';
import { DiaryEditor } from '../reports/index';
import { saveRecord, listRecords } from '../../lib/store/records';
import { today as todayOf, isoWeekOf } from '../../lib/kernel/dates';
import { saveDiary } from '../../lib/reports/submit';

export function TodayView() {
  const t = useT(sidePanelMessages);
  const db = useDatabase();
  const profile = useSetting('profile');
  const dealers = useDealers();
  const day = todayOf();
  const [logging, setLogging] = useState(false);
  const [notice, setNotice] = useState('');

  const cards = useLiveQuery(() => listRecords(db, 'visitCards'), [db]);
  const diaries = useLiveQuery(() => listRecords(db, 'diaryEntries'), [db]);
  const todaysCards = useMemo(() => (cards ?? []).filter((c) => c.visitDay === day), [cards, day]);
  const dealersById = useMemo(() => Object.fromEntries((dealers ?? []).map((d) => [d.id, d.name])), [dealers]);
  const daily = (diaries ?? []).filter((d) => d.content.kind === 'daily');
  const todaysEntry = daily.find((d) => d.periodStart === day);
  const previousEntry = daily.filter((d) => d.periodStart < day).sort((a, b) => b.periodStart.localeCompare(a.periodStart))[0];

  if (!profile || !dealers || !cards || !diaries) return null;
  const author = { id: profile.id, name: profile.name };

  return (
    <div className="fk-stack">
      <h2>{t('todayTitle', { day })}</h2>
      <section aria-labelledby="fk-today-visits" className="fk-stack">
        <div className="fk-row">
          <h3 id="fk-today-visits">{t('todaysVisits')}</h3>
          {!logging && (
            <button type="button" className="fk-button fk-button-primary" onClick={() => setLogging(true)} disabled={dealers.length === 0}>
              {t('logVisit')}
            </button>
          )}
        </div>
        {notice && <p role="status">{notice}</p>}
        {dealers.length === 0 && <p className="fk-muted">{t('noDealersForVisit')}</p>}
        {logging ? (
          <VisitCardForm
            dealers={dealers.map((d) => ({ id: d.id, name: d.name }))}
            history={cards}
            today={day}
            onSave={async (draft) => {
              await saveRecord(db, 'visitCards', { ...draft, isoWeek: isoWeekOf(draft.visitDay) }, { author });
              setLogging(false);
              setNotice(t('saved'));
            }}
            onCancel={() => setLogging(false)}
          />
        ) : todaysCards.length === 0 ? (
          <EmptyState testId="empty-visits" title={t('visitsEmptyTitle')} body={t('visitsEmptyBody')} />
        ) : (
          // The daily report below lists the cards it attaches; here a count is enough.
          <p className="fk-muted" data-testid="visits-today">{t('visitsToday', { count: todaysCards.length })}</p>
        )}
      </section>
      <section aria-label={t('dailyReport')}>
        <DiaryEditor
          key={todaysEntry?.id ?? 'new'}
          kind="daily"
          periodStart={day}
          entry={todaysEntry}
          previousEntry={previousEntry}
          visitsOfPeriod={todaysCards}
          dealersById={dealersById}
          onSave={(draft, { submit }) => saveDiary(db, draft, { submit, author })}
        />
      </section>
    </div>
  );
}
