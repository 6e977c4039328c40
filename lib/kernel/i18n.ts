/**
 * Fieldkit's own i18n. The browser's `i18n.getMessage` cannot switch language at run time, and
 * users switch between 中文 and English in options, so every feature declares a message bundle
 * (`defineMessages`) with both languages and identical keys, checked by the type system and by
 * test/unit/i18n.test.ts. `_locales/` holds only what the manifest itself needs.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type LanguagePreference = Locale | 'auto';

export type MessageBundle<K extends string> = { readonly en: Record<K, string>; readonly 'zh-CN': Record<K, string> };

export function defineMessages<K extends string>(bundle: MessageBundle<K>): MessageBundle<K> {
  return bundle;
}

export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

export function translator<K extends string>(bundle: MessageBundle<K>, locale: Locale): Translate<K> {
  const messages = bundle[locale];
  return (key, vars) => {
    const template = messages[key] ?? bundle.en[key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in vars ? formatValue(vars[name]!, locale) : whole,
    );
  };
}

function formatValue(value: string | number, locale: Locale): string {
  return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
}

/** Chinese in any variant reads the zh-CN bundle; everything else falls back to English. */
export function resolveLocale(preference: LanguagePreference | undefined, browserLanguage: string): Locale {
  if (preference && preference !== 'auto') return preference;
  return browserLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
