import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useT } from '../shell/locale';
import { sidePanelMessages } from '../pages/side-panel/messages';
import { useDatabase, useDealers, useSetting } from '../shell/database-context';
import { EmptyState } from '../shell/EmptyState';
import { addLocalDealer } from '../../lib/dealers/local';

export function DealersView() {
  const t = useT(sidePanelMessages);
  const db = useDatabase();
  const dealers = useDealers();
  const profile = useSetting('profile');
  const [query, setQuery] = useState('');
  const [name, setName] = useState('');
  const [city, setCity] = useState('');
  const [error, setError] = useState('');
  const visitCounts = useLiveQuery(async () => {
    const counts = new Map<string, number>();
    await db.visitCards.each((card) => {
      if (!card.deletedAt) counts.set(card.dealerId, (counts.get(card.dealerId) ?? 0) + 1);
    });
    return counts;
  }, [db]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (dealers ?? []).filter((d) => !q || d.name.toLowerCase().includes(q) || (d.city ?? '').toLowerCase().includes(q));
  }, [dealers, query]);

  if (!dealers || !profile) return null;

  return (
    <div className="fk-stack">
      <h2>{t('dealersTitle')}</h2>
      {dealers.length === 0 ? (
        <EmptyState testId="empty-dealers" title={t('dealersEmptyTitle')} body={t('dealersEmptyBody')} />
      ) : (
        <>
          <label>
            {t('dealersSearch')} <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
          </label>
          <ul className="fk-list" aria-label={t('dealersTitle')}>
            {shown.map((d) => (
              <li key={d.id}>
                <strong>{d.name}</strong> {d.city && <span className="fk-muted">· {d.city}</span>}{' '}
                {d.grade && <span>· {d.grade}</span>} <span className="fk-muted">· {t('dealerVisits', { count: visitCounts?.get(d.id) ?? 0 })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <form
        className="fk-row"
        onSubmit={async (event) => {
          event.preventDefault();
          setError('');
          try {
            await addLocalDealer(db, { name, city }, { author: { id: profile.id, name: profile.name } });
            setName('');
            setCity('');
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          }
        }}
      >
        <label>
          {t('dealerName')} <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          {t('dealerCity')} <input value={city} onChange={(e) => setCity(e.target.value)} />
        </label>
        <button type="submit" className="fk-button">{t('addDealer')}</button>
        {error && <p role="alert" className="fk-error">{error}</p>}
      </form>
    </div>
  );
}
