import { useMemo, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useT } from '../../shell/locale';
import { popupMessages } from './messages';
import { useDatabase, useDealers } from '../../shell/database-context';
import { listRecords } from '../../../lib/store/records';

export interface PopupActions {
  /** Must open the side panel synchronously inside the click (a user gesture). */
  openSidePanel: (section?: string) => void;
  captureIntel: () => Promise<void>;
}

/** Quick actions, the latest records (live from the shared database) and sync status. */
export function PopupApp({ actions, syncStatus }: { actions: PopupActions; syncStatus?: ReactNode }) {
  const t = useT(popupMessages);
  const db = useDatabase();
  const dealers = useDealers();
  const [captureError, setCaptureError] = useState('');
  const recent = useLiveQuery(async () => {
    const [visits, diaries, intel] = await Promise.all([listRecords(db, 'visitCards'), listRecords(db, 'diaryEntries'), listRecords(db, 'intelItems')]);
    return [
      ...visits.map((r) => ({ id: r.id, kind: 'visitCard' as const, updatedAt: r.updatedAt, label: r.dealerId, day: r.visitDay })),
      ...diaries.map((r) => ({ id: r.id, kind: 'diaryEntry' as const, updatedAt: r.updatedAt, label: r.content.kind as 'daily' | 'weekly' | 'monthly' | 'inspection', day: r.periodStart })),
      ...intel.map((r) => ({ id: r.id, kind: 'intelItem' as const, updatedAt: r.updatedAt, label: [r.competitorName, r.product, r.sku].filter(Boolean).join(' · '), day: r.observedDay })),
    ]
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .slice(0, 6);
  }, [db]);
  const dealerNames = useMemo(() => new Map((dealers ?? []).map((d) => [d.id, d.name])), [dealers]);

  return (
    <div className="fk-popup">
      <strong>{t('title')}</strong>
      <section aria-label={t('quickActions')} className="fk-stack">
        <button type="button" className="fk-button fk-button-primary" onClick={() => actions.openSidePanel('today')}>
          {t('logVisit')}
        </button>
        <button
          type="button"
          className="fk-button"
          onClick={() => {
            setCaptureError('');
            actions.captureIntel().then(() => window.close(), () => setCaptureError(t('captureUnavailable')));
          }}
        >
          {t('captureIntel')}
        </button>
        <button type="button" className="fk-button" onClick={() => actions.openSidePanel()}>
          {t('openSidePanel')}
        </button>
        {captureError && <p role="alert" className="fk-error">{captureError}</p>}
      </section>
      {syncStatus}
      <section aria-labelledby="fk-recent">
        <h2 id="fk-recent" style={{ fontSize: 14, margin: '0 0 6px' }}>{t('recent')}</h2>
        {recent && recent.length === 0 && <p className="fk-muted">{t('recentEmpty')}</p>}
        <ul className="fk-list" data-testid="recent-records">
          {recent?.map((r) => (
            <li key={r.id}>
              <span className="fk-muted">{t(r.kind)} · {r.day}</span> {r.kind === 'visitCard' ? (dealerNames.get(r.label) ?? r.label) : r.kind === 'diaryEntry' ? t(r.label) : r.label}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
