import { useEffect, useState } from 'react';
import { ChevronRight } from 'lucide-react';
import { useT } from '../../shell/locale';
import { sidePanelMessages } from './messages';
import { TodayView } from '../../visits/TodayView';
import { DealersView } from '../../dealers/DealersView';
import { IntelView } from '../../intel/IntelView';
import { ReportsView } from '../../reports/ReportsView';
import { SettingsView } from './SettingsView';
import { ErrorBoundary } from '../../shell/ErrorBoundary';
import { TeamView } from '../../reports/TeamView';
import { ExportMenu } from '../../reports/ExportMenu';
import { useTeamContext } from '../../team/use-team';
import { buildIntentOf, reportIntentOf } from '../../shell/hash-intent';
import { today } from '../../../lib/kernel/dates';

export const SECTIONS = ['today', 'dealers', 'intel', 'reports', 'team', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

const NAV_KEYS = {
  today: 'navToday',
  dealers: 'navDealers',
  intel: 'navIntel',
  reports: 'navReports',
  team: 'navTeam',
  settings: 'navSettings',
} as const;

/** The section a hash names; a report intent (#reports/daily/…) opens where that report is written. */
function sectionFromHash(hash: string): Section {
  const intent = reportIntentOf(hash);
  // Today's daily report is written on Today; an earlier one, like every other report, in Reports.
  if (intent) return intent.kind === 'daily' && intent.periodStart === today() ? 'today' : 'reports';
  const name = hash.replace(/^#/, '').split('/')[0];
  return (SECTIONS as readonly string[]).includes(name ?? '') ? (name as Section) : 'today';
}

/**
 * The app shell. The section lives in the URL hash so the popup and keyboard shortcuts can open
 * the panel at a section (sidepanel.html#intel) and reloads keep the place.
 */
export function SidePanelApp({
  onOpenOptions,
  onSyncNow,
  header,
  syncPanel,
}: {
  onOpenOptions: () => void;
  /** Asks the background to sync now (a report's "Post to HubSpot now"). */
  onSyncNow?: () => void;
  header?: React.ReactNode;
  syncPanel?: React.ReactNode;
}) {
  const t = useT(sidePanelMessages);
  const [section, setSection] = useState<Section>(() => sectionFromHash(location.hash));
  const [reportIntent, setReportIntent] = useState(() => reportIntentOf(location.hash));
  const [buildIntent, setBuildIntent] = useState(() => buildIntentOf(location.hash));
  const team = useTeamContext();
  // The team inbox is a manager's (and an admin's): a rep's panel has no such tab.
  const sections = SECTIONS.filter((name) => name !== 'team' || (team !== undefined && team.role !== 'rep'));

  useEffect(() => {
    const onHash = () => {
      setSection(sectionFromHash(location.hash));
      setReportIntent(reportIntentOf(location.hash));
      setBuildIntent(buildIntentOf(location.hash));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // A build intent is taken once: the hash goes back to the section, so a reload does not build again.
  useEffect(() => {
    if (buildIntent) history.replaceState(null, '', '#reports');
  }, [buildIntent]);

  const go = (next: Section) => {
    setSection(next);
    history.replaceState(null, '', `#${next}`);
  };

  return (
    <div className="flex min-h-screen flex-col bg-bg text-ink">
      {/* The app name and the sync line share a row while the line is short; a long line moves
          under the name as a whole instead of squeezing it. */}
      <header className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 border-b border-line px-3 py-2">
        <h1 className="m-0 text-lg font-bold whitespace-nowrap">{t('appName')}</h1>
        {header && (
          // No aria-label: the name is what the badge says, then where the button leads.
          <button
            type="button"
            onClick={() => go('settings')}
            className="-mx-1.5 flex max-w-full min-w-0 cursor-pointer items-center gap-1 rounded-md px-1.5 py-1 text-left text-xs text-muted hover:bg-soft hover:text-ink"
          >
            <span className="min-w-0">
              <ErrorBoundary section={t('syncStatus')}>{header}</ErrorBoundary>
            </span>
            <span className="sr-only">{t('syncStatusOpens')}</span>
            <ChevronRight aria-hidden="true" className="size-4 shrink-0" />
          </button>
        )}
      </header>
      <nav aria-label={t('navLabel')} className="sticky top-0 z-10 flex overflow-x-auto border-b border-line bg-bg px-1">
        {sections.map((name) => (
          <button
            key={name}
            type="button"
            aria-current={section === name ? 'page' : undefined}
            onClick={() => go(name)}
            className="relative h-10 flex-1 cursor-pointer px-1 text-sm whitespace-nowrap text-muted transition-colors after:absolute after:inset-x-1.5 after:bottom-0 after:h-0.5 after:rounded-full hover:bg-soft hover:text-ink aria-[current=page]:font-semibold aria-[current=page]:text-ink aria-[current=page]:after:bg-accent"
          >
            {t(NAV_KEYS[name])}
          </button>
        ))}
      </nav>
      <main className="fk-shell-main flex-1 p-3">
        {/* One boundary per section, keyed by it: a crash shows a message in place of that
            section only, and switching sections starts clean. */}
        <ErrorBoundary key={section} section={t(NAV_KEYS[section])}>
          {section === 'today' && <TodayView />}
          {section === 'dealers' && <DealersView />}
          {section === 'intel' && <IntelView />}
          {section === 'reports' && (
            <ReportsView
              key={buildIntent ? `build:${buildIntent}` : reportIntent ? `${reportIntent.kind}:${reportIntent.periodStart}` : 'reports'}
              initial={reportIntent ? { kind: reportIntent.kind, periodStart: reportIntent.periodStart } : undefined}
              build={buildIntent}
              onSyncNow={onSyncNow}
            />
          )}
          {section === 'team' && team && <TeamView team={team} rollupActions={(document) => <ExportMenu document={document} />} />}
          {section === 'settings' && <SettingsView onOpenOptions={onOpenOptions} syncPanel={syncPanel} />}
        </ErrorBoundary>
      </main>
    </div>
  );
}
