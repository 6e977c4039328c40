import type { FieldkitDatabase } from './database';
import { SettingValues, type SettingKey, type SettingValue } from './settings-schema';

export const DEFAULT_SETTINGS: { [K in SettingKey]: SettingValue<K> } = {
  language: 'auto',
  profile: { id: 'local-user', name: 'Me', role: 'rep' },
  activeRuleSets: {},
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
