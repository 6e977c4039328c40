import { useEffect, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { FieldkitDatabase } from '../../lib/store/database';
import { readSetting } from '../../lib/store/settings';
import { resolveLocale } from '../../lib/kernel/i18n';
import { setValidationLanguage } from '../../lib/kernel/zod';
import { LocaleProvider } from './locale';
import { DatabaseProvider } from './database-context';
import { useSyncKick } from './use-sync-kick';
import type { Messenger } from '../../lib/messaging/client';
import './theme.css';

/**
 * The common root of every extension page: the database, and the language — the user's choice
 * from options, else the browser's. Reading the preference live means switching language in
 * options re-renders an open side panel and popup at once.
 */
export function ExtensionRoot({ db, browserLanguage, send, children }: { db: FieldkitDatabase; browserLanguage: string; send?: Messenger; children: ReactNode }) {
  useSyncKick(db, send);
  const preference = useLiveQuery(() => readSetting(db, 'language'), [db]);
  const locale = preference === undefined ? undefined : resolveLocale(preference, browserLanguage);
  useEffect(() => {
    // Screen readers pick their voice from the page language; fonts pick CJK forms from it too.
    if (locale) document.documentElement.lang = locale;
  }, [locale]);
  if (!locale) return null;
  setValidationLanguage(locale); // before children render: their validation messages use it
  return (
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>{children}</LocaleProvider>
    </DatabaseProvider>
  );
}
