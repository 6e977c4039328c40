import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useLocale, useT } from '../../shell/locale';
import { optionsMessages } from './messages';
import { LanguagePicker } from '../../shell/LanguagePicker';
import { BackupPanel } from '../../backup/BackupPanel';
import { TemplatesSection } from '../../reports/TemplatesSection';
import { RuleSetsSection } from '../../rules/RuleSetsSection';
import { ImportData } from '../../dealers/import/ImportData';
import { useDatabase, useSetting } from '../../shell/database-context';
import { isDefaultProfileName, writeSetting } from '../../../lib/store/settings';
import { ErrorBoundary } from '../../shell/ErrorBoundary';
import { Disclosure } from '../../rules/Disclosure';
import { Button, Notice, cn, hintClass, inputClass, labelClass } from '../../ui/index';
import { TeamRolesSection } from '../../team/TeamRolesSection';
import { useTeamContext } from '../../team/use-team';
import { DeadlineRulesSection } from '../../reports/DeadlineRulesSection';
import { ReminderSettings, type NotificationPermission } from '../../reports/ReminderSettings';
import { DictionarySection } from '../../intel/dictionary/DictionarySection';

type SectionId = 'connection' | 'team' | 'templates' | 'deadlines' | 'reminders' | 'dictionary' | 'rule-sets' | 'dealer-data' | 'backup' | 'about';

/** Which section is in view, for the navigation's current mark. */
function useSectionInView(ids: readonly SectionId[]): SectionId {
  const [current, setCurrent] = useState<SectionId>(ids[0]!);
  useEffect(() => {
    if (typeof IntersectionObserver === 'undefined') return;
    const visible = new Map<string, boolean>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) visible.set(entry.target.id, entry.isIntersecting);
        const first = ids.find((id) => visible.get(id));
        if (first) setCurrent(first);
      },
      { rootMargin: '-20% 0px -60% 0px' },
    );
    for (const id of ids) {
      const element = document.getElementById(id);
      if (element) observer.observe(element);
    }
    return () => observer.disconnect();
  }, [ids]);
  return current;
}

const SECTION_IDS: readonly SectionId[] = ['connection', 'team', 'templates', 'deadlines', 'reminders', 'dictionary', 'rule-sets', 'dealer-data', 'backup', 'about'];

/**
 * The options page: an admin console by task — connection, team and roles, templates, deadlines,
 * reminders, the competitor dictionary, scoring rules, dealer data, backup, about. Hosts pass what needs extension wiring (the
 * connection section, the notification permission) so this stays mountable in tests.
 */
export function OptionsApp({
  appVersion,
  connection,
  notificationPermission,
}: {
  appVersion: string;
  connection?: ReactNode;
  /** Whether the browser shows Fieldkit's notifications (the host asks it; lib/host/reminders). */
  notificationPermission?: () => Promise<NotificationPermission | undefined>;
}) {
  const t = useT(optionsMessages);
  const profile = useSetting('profile');
  const current = useSectionInView(SECTION_IDS);
  // Templates and deadlines are the admin's to change (anyone's while no admin exists); others read them.
  const canAdminister = useTeamContext()?.canAdminister ?? false;
  const sections: { id: SectionId; title: string; nav: string; body: ReactNode }[] = [
    { id: 'connection', title: t('connection'), nav: t('connectionNav'), body: connection ?? <p className="m-0 text-sm text-muted">{t('connectionComing')}</p> },
    { id: 'team', title: t('team'), nav: t('teamNav'), body: <TeamSection /> },
    { id: 'templates', title: t('templates'), nav: t('templatesNav'), body: <TemplatesSection canEdit={canAdminister} /> },
    { id: 'deadlines', title: t('deadlines'), nav: t('deadlinesNav'), body: <DeadlineRulesSection canEdit={canAdminister} /> },
    // Titled "Notifications": ReminderSettings brings its own "Reminders" heading.
    { id: 'reminders', title: t('reminders'), nav: t('reminders'), body: <ReminderSettings getPermission={notificationPermission} /> },
    // Everyone reads it; managers and admins change it (DictionarySection decides from the team context).
    { id: 'dictionary', title: t('dictionary'), nav: t('dictionaryNav'), body: <DictionarySection /> },
    { id: 'rule-sets', title: t('ruleSets'), nav: t('ruleSetsNav'), body: <RuleSetsSection /> },
    { id: 'dealer-data', title: t('dealerData'), nav: t('dealerDataNav'), body: <ImportData headingLevel={3} /> },
    { id: 'backup', title: t('backup'), nav: t('backup'), body: <BackupPanel appVersion={appVersion} actor={profile?.id ?? 'local-user'} /> },
    { id: 'about', title: t('about'), nav: t('about'), body: <AboutSection appVersion={appVersion} /> },
  ];
  return (
    <div className="min-h-screen bg-bg text-base text-ink">
      <header className="mx-auto max-w-5xl px-4 pt-6 pb-3 md:px-8">
        <h1 className="m-0 text-2xl font-semibold">{t('title')}</h1>
        <p className="m-0 mt-1 text-sm text-muted">{t('intro')}</p>
      </header>
      <div className="mx-auto max-w-5xl md:flex md:gap-8 md:px-8">
        <SectionNav label={t('sections')} current={current} sections={sections} />
        <main className="flex min-w-0 flex-1 flex-col px-4 pb-16 md:px-0">
          {sections.map((s, index) => (
            <section key={s.id} id={s.id} aria-labelledby={`${s.id}-title`} className={cn('flex min-w-0 scroll-mt-14 flex-col gap-4 py-6 md:scroll-mt-6', index > 0 && 'border-t border-line')}>
              <h2 id={`${s.id}-title`} className="m-0 text-xl font-semibold">
                {s.title}
              </h2>
              <ErrorBoundary section={s.title}>{s.body}</ErrorBoundary>
            </section>
          ))}
        </main>
      </div>
    </div>
  );
}

/**
 * The sections: a sticky bar that scrolls sideways on narrow pages (faded at an edge with more
 * to see, the current section kept in view), a side list on wide ones.
 */
function SectionNav({ label, current, sections }: { label: string; current: SectionId; sections: { id: SectionId; nav: string }[] }) {
  const list = useRef<HTMLUListElement>(null);
  const [more, setMore] = useState({ left: false, right: false });
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const measure = () => {
      const overflow = element.scrollWidth - element.clientWidth > 1;
      setMore({ left: overflow && element.scrollLeft > 1, right: overflow && element.scrollLeft < element.scrollWidth - element.clientWidth - 1 });
    };
    measure();
    element.addEventListener('scroll', measure, { passive: true });
    window.addEventListener('resize', measure);
    return () => {
      element.removeEventListener('scroll', measure);
      window.removeEventListener('resize', measure);
    };
  }, []);
  useEffect(() => {
    const element = list.current;
    const link = element?.querySelector<HTMLElement>(`a[href="#${current}"]`);
    if (!element || !link || element.scrollWidth <= element.clientWidth) return;
    const left = link.offsetLeft - element.offsetLeft;
    if (left < element.scrollLeft || left + link.offsetWidth > element.scrollLeft + element.clientWidth) element.scrollTo({ left: left - 16 });
  }, [current]);
  const mask = more.left && more.right ? 'both' : more.left ? 'left' : more.right ? 'right' : 'none';
  return (
    <nav aria-label={label} className="sticky top-0 z-10 border-y border-line bg-surface md:top-6 md:w-44 md:shrink-0 md:self-start md:border-0 md:bg-transparent md:pt-4">
      <ul
        ref={list}
        className={cn(
          'm-0 flex list-none gap-1 overflow-x-auto px-4 py-2 [scrollbar-width:none] md:flex-col md:overflow-visible md:p-0 md:[mask-image:none]',
          mask === 'right' && '[mask-image:linear-gradient(to_right,#000_calc(100%-40px),transparent)]',
          mask === 'left' && '[mask-image:linear-gradient(to_left,#000_calc(100%-40px),transparent)]',
          mask === 'both' && '[mask-image:linear-gradient(to_right,transparent,#000_40px,#000_calc(100%-40px),transparent)]',
        )}
      >
        {sections.map((s) => (
          <li key={s.id} className="shrink-0">
            <a
              href={`#${s.id}`}
              aria-current={current === s.id ? 'true' : undefined}
              className={cn(
                'block rounded-md px-3 py-1.5 text-sm whitespace-nowrap text-muted no-underline hover:bg-soft hover:text-ink',
                'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-focus',
                'aria-[current=true]:bg-accent-soft aria-[current=true]:font-semibold aria-[current=true]:text-accent-hover',
              )}
            >
              {s.nav}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Your profile (name, language), then your role and the team's roles (components/team). */
function TeamSection() {
  const t = useT(optionsMessages);
  const locale = useLocale();
  const profile = useSetting('profile');
  const profileHeading = useId();
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <section aria-labelledby={profileHeading} className="flex min-w-0 flex-col gap-3">
        <h3 id={profileHeading} className="m-0 text-lg font-semibold">
          {t('yourProfile')}
        </h3>
        {profile && <ProfileForm key={`${profile.id} ${locale}`} name={isDefaultProfileName(profile.name) ? '' : profile.name} />}
        <div className="max-w-sm">
          <LanguagePicker hint={t('languageIntro')} />
        </div>
      </section>
      <TeamRolesSection />
    </div>
  );
}

function ProfileForm({ name: initialName }: { name: string }) {
  const t = useT(optionsMessages);
  const db = useDatabase();
  const profile = useSetting('profile');
  const id = useId();
  const [name, setName] = useState(initialName);
  const [missing, setMissing] = useState(false);
  const [saved, setSaved] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    if (profile) void writeSetting(db, 'profile', { ...profile, name: name.trim() }).then(() => setSaved(true));
  };
  return (
    <form onSubmit={submit} noValidate className="flex min-w-0 flex-col gap-3">
      <div className="flex max-w-sm min-w-0 flex-col gap-1">
        <label htmlFor={`${id}-name`} className={labelClass}>
          {t('profile')}
        </label>
        <input
          id={`${id}-name`}
          className={inputClass}
          value={name}
          autoComplete="name"
          onChange={(e) => {
            setName(e.target.value);
            setSaved(false);
          }}
          aria-invalid={missing || undefined}
          aria-describedby={`${id}-name-hint${missing ? ` ${id}-name-error` : ''}`}
        />
        <p id={`${id}-name-hint`} className={hintClass}>
          {t('profileIntro')}
        </p>
        {missing && (
          <p id={`${id}-name-error`} role="alert" className="m-0 text-sm text-danger">
            {t('nameRequired')}
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary">
          {t('saveProfile')}
        </Button>
        {saved && (
          <Notice tone="ok" role="status">
            {t('profileSaved')}
          </Notice>
        )}
      </div>
    </form>
  );
}

function AboutSection({ appVersion }: { appVersion: string }) {
  const t = useT(optionsMessages);
  const storedId = useId();
  return (
    <div className="flex min-w-0 flex-col gap-4 text-sm">
      <dl className="m-0 flex gap-2">
        <dt className="text-muted">{t('version')}</dt>
        <dd className="m-0 font-medium tabular-nums">{appVersion}</dd>
      </dl>
      <section aria-labelledby={storedId} className="flex flex-col gap-2">
        <h3 id={storedId} className="m-0 text-base font-semibold">
          {t('storedTitle')}
        </h3>
        <ul className="m-0 flex list-disc flex-col gap-1 pl-5">
          <li>{t('storedRecords')}</li>
          <li>{t('storedSync')}</li>
          <li>{t('storedBackup')}</li>
        </ul>
      </section>
      <Disclosure summary={t('permissions')}>
        <ul className="m-0 flex list-disc flex-col gap-1 pl-5">
          <li>{t('permStorage')}</li>
          <li>{t('permSidePanel')}</li>
          <li>{t('permAlarms')}</li>
          <li>{t('permMenus')}</li>
          <li>{t('permActiveTab')}</li>
          <li>{t('permHost')}</li>
        </ul>
      </Disclosure>
    </div>
  );
}
