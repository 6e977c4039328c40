import { useLiveQuery } from 'dexie-react-hooks';
import { useT } from '../i18n/locale';
import { sidePanelMessages } from './messages';
import { useDatabase, useRecords, useSetting } from '../app/database-context';
import { EmptyState } from '../app/EmptyState';
import { isoWeekOf, today } from '../../lib/dates';

export function ReportsView() {
  const t = useT(sidePanelMessages);
  const db = useDatabase();
  const reports = useRecords('reports');
  const profile = useSetting('profile');
  const week = isoWeekOf(today());
  const visitsThisWeek = useLiveQuery(
    () => (profile ? db.visitCards.where('[author.id+isoWeek]').equals([profile.id, week]).count() : 0),
    [db, week, profile?.id],
  );
  if (!reports) return null;
  return (
    <div className="fk-stack">
      <h2>{t('reportsTitle')}</h2>
      {reports.length === 0 ? (
        <EmptyState testId="empty-reports" title={t('reportsEmptyTitle')} body={t('reportsEmptyBody', { visits: visitsThisWeek ?? 0 })} />
      ) : (
        <ul className="fk-list">
          {reports.map((r) => (
            <li key={r.id}>
              <strong>{r.title}</strong> <span className="fk-muted">{r.isoWeek}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
