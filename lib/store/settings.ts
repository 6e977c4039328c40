import type { FieldkitDatabase } from './database';
import type { Locale } from '../kernel/i18n';
import { SettingValues, type SettingKey, type SettingValue } from './settings-schema';

/**
 * The name of a profile nobody has named yet. It is stored language-neutral and the UI shows it
 * as "我" or "Me" in the language of the moment (`profileNameFor`). Writing "我"/"Me" at first run
 * instead would freeze the first run's language: a rep who switches to English would keep
 * reading "我", and the default could no longer be told from a name the rep typed.
 * Records written before the rep names themselves (or connects HubSpot) carry this name as
 * their author; anything that shows an author name should go through `profileNameFor`.
 */
export const DEFAULT_PROFILE_NAME = '@me';
/** What earlier versions stored as the default; still read as "not named yet". */
const LEGACY_DEFAULT_PROFILE_NAMES: ReadonlySet<string> = new Set(['Me']);
const DEFAULT_PROFILE_LABEL: Record<Locale, string> = { 'zh-CN': '我', en: 'Me' };

export function isDefaultProfileName(name: string): boolean {
  return name === DEFAULT_PROFILE_NAME || LEGACY_DEFAULT_PROFILE_NAMES.has(name);
}

/** An author or profile name as the UI shows it: the default as "我" / "Me", any other name as it is. */
export function profileNameFor(name: string, locale: Locale): string {
  return isDefaultProfileName(name) ? DEFAULT_PROFILE_LABEL[locale] : name;
}

export const DEFAULT_SETTINGS: { [K in SettingKey]: SettingValue<K> } = {
  language: 'auto',
  profile: { id: 'local-user', name: DEFAULT_PROFILE_NAME, role: 'rep' },
  activeRuleSets: {},
  importColumnMappings: {},
  deadlineRules: {},
  reminders: { enabled: true, quietFrom: '21:00', quietTo: '08:00' },
};

/** Reads a setting, falling back to its default when absent or when a stored row is malformed. */
export async function readSetting<K extends SettingKey>(db: FieldkitDatabase, key: K): Promise<SettingValue<K>> {
  const row = await db.settings.get(key);
  const parsed = SettingValues[key].safeParse(row?.value);
  return parsed.success ? (parsed.data as SettingValue<K>) : DEFAULT_SETTINGS[key];
}

export async function writeSetting<K extends SettingKey>(db: FieldkitDatabase, key: K, value: SettingValue<K>): Promise<void> {
  const parsed = SettingValues[key].parse(value);
  await db.settings.put({ key, value: parsed });
}
