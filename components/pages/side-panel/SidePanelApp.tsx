import { useEffect, useState } from 'react';
import { useT } from '../../shell/locale';
import { sidePanelMessages } from './messages';
import { TodayView } from '../../visits/TodayView';
import { DealersView } from '../../dealers/DealersView';
import { IntelView } from '../../intel/IntelView';
import { ReportsView } from '../../reports/ReportsView';
import { SettingsView } from './SettingsView';
import { ErrorBoundary } from '../../shell/ErrorBoundary';

export const SECTIONS = ['today', 'dealers', 'intel', 'reports', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

const NAV_KEYS = {
  today: 'navToday',
  dealers: 'navDealers',
  intel: 'navIntel',
  reports: 'navReports',
  settings: 'navSettings',
} as const;

function sectionFromHash(hash: string): Section {
  const name = hash.replace(/^#/, '').split('/')[0];
  return (SECTIONS as readonly string[]).includes(name ?? '') ? (name as Section) : 'today';
}

/**
 * The app shell. The section lives in the URL hash so the popup and keyboard shortcuts can open
 * the panel at a section (sidepanel.html#intel) and reloads keep the place.
 */
export function SidePanelApp({ onOpenOptions, header, syncPanel }: { onOpenOptions: () => void; header?: React.ReactNode; syncPanel?: React.ReactNode }) {
  const t = useT(sidePanelMessages);
  const [section, setSection] = useState<Section>(() => sectionFromHash(location.hash));

  useEffect(() => {
    const onHash = () => setSection(sectionFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const go = (next: Section) => {
    setSection(next);
    history.replaceState(null, '', `#${next}`);
  };

  return (
    <div className="fk-shell">
      <header className="fk-shell-header">
        <strong>{t('appName')}</strong>
        {header && (
          <button type="button" className="fk-plain" onClick={() => go('settings')} aria-label={t('syncStatus')}>
            <ErrorBoundary section={t('syncStatus')}>{header}</ErrorBoundary>
          </button>
        )}
      </header>
      <nav aria-label={t('navLabel')} className="fk-shell-nav">
        {SECTIONS.map((name) => (
          <button
            key={name}
            type="button"
            aria-current={section === name ? 'page' : undefined}
            className={section === name ? 'fk-nav-active' : undefined}
            onClick={() => go(name)}
          >
            {t(NAV_KEYS[name])}
          </button>
        ))}
      </nav>
      <main className="fk-shell-main">
        {/* One boundary per section, keyed by it: a crash shows a message in place of that
            section only, and switching sections starts clean. */}
        <ErrorBoundary key={section} section={t(NAV_KEYS[section])}>
          {section === 'today' && <TodayView />}
          {section === 'dealers' && <DealersView />}
          {section === 'intel' && <IntelView />}
          {section === 'reports' && <ReportsView />}
          {section === 'settings' && <SettingsView onOpenOptions={onOpenOptions} syncPanel={syncPanel} />}
        </ErrorBoundary>
      </main>
    </div>
  );
}
