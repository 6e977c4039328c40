/**
 * The backup file: one versioned JSON document holding every local table except the outbox,
 * the audit trail and anything secret (the CRM token never lives in Dexie). Each table names the
 * schema its rows must satisfy, so an import is validated row by row before anything is written.
 */
import { z } from '../kernel/zod';
import type { z as Z } from '../kernel/zod';
import { Setting } from '../store/settings-schema';
import type { KindDefinition } from '../store/kind';
import { KINDS } from '../kinds';

export const BACKUP_FORMAT = 'fieldkit-backup';
export const BACKUP_VERSION = 1;


export interface BackupTableSpec {
  schema: Z.ZodType;
  /** How rows are matched when merging: a field, or the fields of a compound key. */
  key: string | readonly string[];
  /** The kind it stores; absent for settings. */
  kind?: KindDefinition;
}

/** Every backed-up kind (from the registry) and the settings, in the order they are written. */
export function backupTablesOf(kinds: Iterable<KindDefinition> = KINDS): Record<string, BackupTableSpec> {
  const tables: Record<string, BackupTableSpec> = {};
  for (const kind of kinds) {
    if (kind.backup === false) continue;
    const key = kind.primaryKey?.startsWith('[') ? kind.primaryKey.slice(1, -1).split('+') : (kind.primaryKey ?? 'id');
    tables[kind.table] = { schema: kind.schema, key, kind };
  }
  tables.settings = { schema: Setting, key: 'key' };
  return tables;
}

export type BackupTable = string;

export const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT, { error: `expected "${BACKUP_FORMAT}" — this is not a Fieldkit backup` }),
  version: z.number().int().positive(),
  exportedAt: z.iso.datetime({ offset: true }),
  appVersion: z.string(),
  tables: z.record(z.string(), z.array(z.unknown())),
});
export type BackupHeader = z.infer<typeof BackupHeader>;
