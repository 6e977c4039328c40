import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { translator, type Locale, type MessageBundle, type Translate } from '../../lib/kernel/i18n';

const LocaleContext = createContext<Locale>('zh-CN');

/** Hosts (side panel, popup, options, content-script UI) resolve the locale and provide it once. */
export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return (
    <LocaleContext.Provider value={locale}>
      <div lang={locale}>{children}</div>
    </LocaleContext.Provider>
  );
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** `const t = useT(messages)` inside a feature component; `messages` is its own bundle. */
export function useT<K extends string>(bundle: MessageBundle<K>): Translate<K> {
  const locale = useLocale();
  return useMemo(() => translator(bundle, locale), [bundle, locale]);
}
