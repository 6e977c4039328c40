import { useState, type ReactNode } from 'react';
import { useLocale, useT } from '../../shell/locale';
import { optionsMessages } from './messages';
import { LanguagePicker } from '../../shell/LanguagePicker';
import { BackupPanel } from '../../backup/BackupPanel';
import { TemplatesSection } from '../../reports/TemplatesSection';
import { RuleSetsSection } from '../../rules/RuleSetsSection';
import { useDatabase, useSetting } from '../../shell/database-context';
import { profileNameFor, writeSetting } from '../../../lib/store/settings';
import { ErrorBoundary } from '../../shell/ErrorBoundary';

/**
 * The options page. Hosts pass the sections that need extension wiring (connection, rule sets)
 * so this component stays mountable in tests.
 */
export function OptionsApp({ appVersion, connection }: { appVersion: string; connection?: ReactNode }) {
  const t = useT(optionsMessages);
  const locale = useLocale();
  const profile = useSetting('profile');
  const sections: { id: string; title: string; body: ReactNode }[] = [
    { id: 'connection', title: t('connection'), body: connection ?? <p className="fk-muted">{t('connectionComing')}</p> },
    {
      id: 'language',
      title: t('language'),
      body: (
        <div className="fk-stack">
          <p className="fk-muted">{t('languageIntro')}</p>
          <LanguagePicker />
          {profile && <ProfileForm key={`${profile.name} ${locale}`} name={profileNameFor(profile.name, locale)} />}
        </div>
      ),
    },
    { id: 'templates', title: t('templates'), body: <TemplatesSection /> },
    { id: 'rule-sets', title: t('ruleSets'), body: <RuleSetsSection /> },
    { id: 'backup', title: t('backup'), body: <BackupPanel appVersion={appVersion} actor={profile?.id ?? 'local-user'} /> },
  ];
  return (
    <div className="fk-options">
      <nav aria-label={t('sections')}>
        {sections.map((s) => (
          <a key={s.id} href={`#${s.id}`}>
            {s.title}
          </a>
        ))}
      </nav>
      <div style={{ flex: 1 }}>
        <h1 style={{ fontSize: 20 }}>{t('title')}</h1>
        {sections.map((s) => (
          <section key={s.id} id={s.id} aria-labelledby={`${s.id}-title`}>
            <h2 id={`${s.id}-title`} style={{ fontSize: 16 }}>{s.title}</h2>
            <ErrorBoundary section={s.title}>{s.body}</ErrorBoundary>
          </section>
        ))}
      </div>
    </div>
  );
}

function ProfileForm({ name: initial }: { name: string }) {
  const t = useT(optionsMessages);
  const db = useDatabase();
  const profile = useSetting('profile');
  const [name, setName] = useState(initial);
  return (
    <form
      className="fk-row"
      onSubmit={(e) => {
        e.preventDefault();
        if (profile && name.trim()) void writeSetting(db, 'profile', { ...profile, name: name.trim() });
      }}
    >
      <label>
        {t('profile')} <input value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <button type="submit" className="fk-button">{t('saveProfile')}</button>
      <span className="fk-muted">{t('profileIntro')}</span>
    </form>
  );
}
