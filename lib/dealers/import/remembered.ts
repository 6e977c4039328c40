/**
 * Column mappings the user confirmed, remembered per kind of import and header row, so next
 * month's export from the same ERP is mapped the same way without asking again.
 */
import type { FieldkitDatabase } from '../../store/database';
import { writeSetting } from '../../store/settings';
import { SettingValues, type SettingValue } from '../../store/settings-schema';
import { headerSignature, isMappingFor, proposeMapping, type ColumnTarget, type ImportKind } from './targets';

const KEY = 'importColumnMappings';
/** How many header rows are remembered; the least recently used are forgotten first. */
export const REMEMBERED_MAPPINGS_MAX = 30;

type Remembered = SettingValue<typeof KEY>;

async function readRemembered(db: FieldkitDatabase): Promise<Remembered> {
  const parsed = SettingValues[KEY].safeParse((await db.settings.get(KEY))?.value);
  return parsed.success ? parsed.data : {};
}

/**
 * The mapping to propose for a header row: the one remembered for it when there is one that
 * still fits, otherwise a guess from the header names. `remembered` says which.
 */
export async function mappingFor(db: FieldkitDatabase, kind: ImportKind, headers: readonly string[]): Promise<{ targets: ColumnTarget[]; remembered: boolean }> {
  const entry = (await readRemembered(db))[headerSignature(kind, headers)];
  if (entry && isMappingFor(kind, headers, entry.targets)) return { targets: [...entry.targets], remembered: true };
  return { targets: proposeMapping(kind, headers), remembered: false };
}

/** Remembers the mapping the user confirmed for this kind of import and header row. */
export async function rememberMapping(db: FieldkitDatabase, kind: ImportKind, headers: readonly string[], targets: readonly ColumnTarget[], now: Date = new Date()): Promise<void> {
  const all = { ...(await readRemembered(db)), [headerSignature(kind, headers)]: { targets: [...targets], usedAt: now.toISOString() } };
  const kept = Object.entries(all)
    .sort((a, b) => b[1].usedAt.localeCompare(a[1].usedAt))
    .slice(0, REMEMBERED_MAPPINGS_MAX);
  await writeSetting(db, KEY, Object.fromEntries(kept));
}
