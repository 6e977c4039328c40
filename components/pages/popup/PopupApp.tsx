import { useMemo, useState, type ReactNode } from 'react';
import { addDays } from 'date-fns';
import { useT } from '../../shell/locale';
import { popupMessages } from './messages';
import { ErrorBoundary } from '../../shell/ErrorBoundary';
import { useDealers, useQuery, useSetting } from '../../shell/database-context';
import { recentVisitsOfAuthor } from '../../../lib/visits/queries';
import { latestIntel } from '../../../lib/intel/queries';
import { entriesOfKindBefore } from '../../../lib/reports/queries';
import { today } from '../../../lib/kernel/dates';

export interface PopupActions {
  /** Must open the side panel synchronously inside the click (a user gesture). */
  openSidePanel: (section?: string) => void;
  captureIntel: () => Promise<void>;
}

/** How many recent records the popup lists. */
const RECENT = 6;

/** A recent record and the side-panel section that opens it. */
interface RecentRecord {
  id: string;
  kind: 'visitCard' | 'intelItem' | 'daily';
  section: 'today' | 'intel' | 'reports';
  day: string;
  updatedAt: string;
  label: string;
}

/** Quick actions, the latest records (live from the shared database) and sync status. */
export function PopupApp({ actions, syncStatus }: { actions: PopupActions; syncStatus?: ReactNode }) {
  const t = useT(popupMessages);
  const profile = useSetting('profile');
  const dealers = useDealers();
  const [captureError, setCaptureError] = useState('');
  const authorId = profile?.id ?? '';
  // Entries that start before tomorrow: today's daily report included.
  const tomorrow = today(addDays(new Date(), 1));
  const visits = useQuery(recentVisitsOfAuthor, { authorId, limit: RECENT });
  const intel = useQuery(latestIntel, { limit: RECENT });
  const dailies = useQuery(entriesOfKindBefore, { authorId, kind: 'daily', before: tomorrow, limit: 3 });
  const dealerNames = useMemo(() => new Map((dealers ?? []).map((d) => [d.id, d.name])), [dealers]);

  const recent = useMemo((): RecentRecord[] | undefined => {
    if (!profile || !visits || !intel || !dailies) return undefined;
    return [
      ...visits.map((r) => ({ id: r.id, kind: 'visitCard' as const, section: 'today' as const, day: r.visitDay, updatedAt: r.updatedAt, label: dealerNames.get(r.dealerId) ?? r.dealerId })),
      ...intel.map((r) => ({ id: r.id, kind: 'intelItem' as const, section: 'intel' as const, day: r.observedDay, updatedAt: r.updatedAt, label: [r.competitorName, r.product, r.sku].filter(Boolean).join(' · ') })),
      ...dailies.map((r) => ({ id: r.id, kind: 'daily' as const, section: 'reports' as const, day: r.periodStart, updatedAt: r.updatedAt, label: '' })),
    ]
      .sort((a, b) => b.day.localeCompare(a.day) || b.updatedAt.localeCompare(a.updatedAt))
      .slice(0, RECENT);
  }, [profile, visits, intel, dailies, dealerNames]);

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
      <ErrorBoundary section={t('syncStatus')}>{syncStatus}</ErrorBoundary>
      <ErrorBoundary section={t('recent')}>
      <section aria-labelledby="fk-recent">
        <h2 id="fk-recent" style={{ fontSize: 14, margin: '0 0 6px' }}>{t('recent')}</h2>
        {recent && recent.length === 0 && <p className="fk-muted">{t('recentEmpty')}</p>}
        <ul className="fk-list" data-testid="recent-records">
          {recent?.map((r) => (
            <li key={`${r.kind}-${r.id}`}>
              <button
                type="button"
                className="fk-plain"
                title={t('openInSidePanel')}
                style={{ display: 'block', width: '100%', textAlign: 'left', cursor: 'pointer' }}
                onClick={() => actions.openSidePanel(r.section)}
              >
                <span className="fk-muted">
                  {t(r.kind)} · {r.day}
                </span>
                {r.label && <> {r.label}</>}
              </button>
            </li>
          ))}
        </ul>
      </section>
      </ErrorBoundary>
    </div>
  );
}
