/** The card's UI language, from the HubSpot user's settings: Chinese for any zh locale, else English. */
export type Locale = 'zh-CN' | 'en';

export function uiLocale(user: { locale?: string | null; language?: string | null } | undefined): Locale {
  const tag = (user?.locale || user?.language || '').toLowerCase();
  return tag === 'zh' || tag.startsWith('zh-') || tag.startsWith('zh_') ? 'zh-CN' : 'en';
}
