import { useMemo, useState, type ReactNode } from 'react';
import { addDays } from 'date-fns';
import { ChevronRight, ClipboardPen, FileText, PanelRight, Radar, Store, Sparkles } from 'lucide-react';
import { useLocale, useT } from '../../shell/locale';
import { popupMessages } from './messages';
import { ErrorBoundary } from '../../shell/ErrorBoundary';
import { useQuery, useQueryNamingDealers, useSetting } from '../../shell/database-context';
import { visitCardMessages } from '../../visits/messages';
import type { VisitCard } from '../../../lib/visits/schema';
import { Button, Notice } from '../../ui';
import { recentVisitsOfAuthor } from '../../../lib/visits/queries';
import { latestIntel } from '../../../lib/intel/queries';
import { entriesOfKindBefore } from '../../../lib/reports/queries';
import { today } from '../../../lib/kernel/dates';
import { formatDay } from '../../../lib/kernel/format';

export interface PopupActions {
  /** Must open the side panel synchronously inside the click (a user gesture). */
  openSidePanel: (section?: string) => void;
  captureIntel: () => Promise<void>;
  /** Where the page refused the quick form: the capture in the side panel, with the page's address. */
  captureInSidePanel?: () => void;
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

const KIND_ICONS = { visitCard: Store, intelItem: Radar, daily: FileText } as const;

const dealerIdsOfCards = (cards: VisitCard[]) => cards.map((c) => c.dealerId);

/** Quick actions, the latest records (live from the shared database) and sync status. */
export function PopupApp({ actions, syncStatus }: { actions: PopupActions; syncStatus?: ReactNode }) {
  const t = useT(popupMessages);
  const locale = useLocale();
  const profile = useSetting('profile');
  const tv = useT(visitCardMessages);
  const [captureFailed, setCaptureFailed] = useState(false);
  const authorId = profile?.id ?? '';
  // Entries that start before tomorrow: today's daily report included.
  const tomorrow = today(addDays(new Date(), 1));
  const thisYear = tomorrow.slice(0, 4);
  const named = useQueryNamingDealers(recentVisitsOfAuthor, { authorId, limit: RECENT }, dealerIdsOfCards);
  const intel = useQuery(latestIntel, { limit: RECENT });
  const dailies = useQuery(entriesOfKindBefore, { authorId, kind: 'daily', before: tomorrow, limit: 3 });

  const recent = useMemo((): RecentRecord[] | undefined => {
    if (!profile || !named || !intel || !dailies) return undefined;
    const { result: visits, dealerNames } = named;
    return [
      ...visits.map((r) => ({ id: r.id, kind: 'visitCard' as const, section: 'today' as const, day: r.visitDay, updatedAt: r.updatedAt, label: dealerNames[r.dealerId] ?? tv('unknownDealer') })),
      ...intel.map((r) => ({ id: r.id, kind: 'intelItem' as const, section: 'intel' as const, day: r.observedDay, updatedAt: r.updatedAt, label: [r.competitorName, r.product || r.sku].filter(Boolean).join(' · ') })),
      ...dailies.map((r) => ({ id: r.id, kind: 'daily' as const, section: 'reports' as const, day: r.periodStart, updatedAt: r.updatedAt, label: '' })),
    ]
      .sort((a, b) => b.day.localeCompare(a.day) || b.updatedAt.localeCompare(a.updatedAt))
      .slice(0, RECENT);
  }, [profile, named, intel, dailies, tv]);

  return (
    <div className="flex w-[340px] flex-col gap-4 p-3">
      <h1 className="m-0 text-lg font-semibold">{t('title')}</h1>

      <section aria-label={t('quickActions')} className="flex flex-col gap-2">
        <Button variant="primary" className="w-full justify-start" onClick={() => actions.openSidePanel('today')}>
          <ClipboardPen aria-hidden="true" className="size-4 shrink-0" />
          {t('logVisit')}
        </Button>
        <Button
          className="w-full justify-start"
          onClick={() => {
            setCaptureFailed(false);
            actions.captureIntel().then(
              () => window.close(),
              () => setCaptureFailed(true),
            );
          }}
        >
          <Radar aria-hidden="true" className="size-4 shrink-0" />
          {t('captureIntel')}
        </Button>
        <Button className="w-full justify-start" onClick={() => actions.openSidePanel('reports/build/weekly')}>
          <Sparkles aria-hidden="true" className="size-4 shrink-0" />
          {t('buildWeekly')}
        </Button>
        <Button className="w-full justify-start" onClick={() => actions.openSidePanel()}>
          <PanelRight aria-hidden="true" className="size-4 shrink-0" />
          {t('openSidePanel')}
        </Button>
        {captureFailed && (
          <div role="alert" className="flex flex-col gap-2">
            <Notice tone="warn">{t(actions.captureInSidePanel ? 'captureInPanelInstead' : 'captureUnavailable')}</Notice>
            {actions.captureInSidePanel && (
              <Button className="w-full justify-start" onClick={actions.captureInSidePanel}>
                <PanelRight aria-hidden="true" className="size-4 shrink-0" />
                {t('captureInSidePanel')}
              </Button>
            )}
          </div>
        )}
      </section>

      {syncStatus && (
        <section aria-labelledby="fk-sync" className="flex min-h-10 items-center justify-between gap-3 rounded-lg bg-soft px-3 py-2">
          <h2 id="fk-sync" className="m-0 shrink-0 text-sm font-semibold">
            {t('syncStatus')}
          </h2>
          <div className="flex min-w-0 justify-end text-right">
            <ErrorBoundary section={t('syncStatus')}>{syncStatus}</ErrorBoundary>
          </div>
        </section>
      )}

      <ErrorBoundary section={t('recent')}>
        <section aria-labelledby="fk-recent" className="flex flex-col gap-2">
          <h2 id="fk-recent" className="m-0 text-base font-semibold">
            {t('recent')}
          </h2>
          {recent && recent.length === 0 && <p className="m-0 text-sm text-muted">{t('recentEmpty')}</p>}
          <ul className="m-0 flex list-none flex-col divide-y divide-line rounded-lg border border-line p-0 empty:hidden" data-testid="recent-records">
            {recent?.map((r) => {
              const Icon = KIND_ICONS[r.kind];
              const day = formatDay(r.day, locale, r.day.startsWith(thisYear) ? 'short' : 'date');
              return (
                <li key={`${r.kind}-${r.id}`}>
                  <button
                    type="button"
                    title={t('openInSidePanel')}
                    onClick={() => actions.openSidePanel(r.section)}
                    className="flex w-full cursor-pointer items-center gap-2.5 px-3 py-2 text-left hover:bg-soft"
                  >
                    <Icon aria-hidden="true" className="size-4 shrink-0 text-muted" />
                    <span className="flex min-w-0 flex-1 flex-col">
                      <span className="truncate text-base" title={r.label || undefined}>
                        {r.label || t(r.kind)}
                      </span>{' '}
                      <span className="truncate text-xs text-muted">{r.label ? t('recordMeta', { kind: t(r.kind), day }) : day}</span>
                    </span>
                    <ChevronRight aria-hidden="true" className="size-4 shrink-0 text-muted" />
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      </ErrorBoundary>
    </div>
  );
}
