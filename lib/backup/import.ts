import type { FieldkitDatabase } from '../store/database';
import { enqueue } from '../store/records';
import { needsSync } from '../store/kind';
import { newId } from '../kernel/ids';
import { isDeviceOnlySetting } from './export';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupHeader, backupTablesOf, type BackupTable, type BackupTableSpec } from './format';

export interface BackupProblem {
  /** JSON path of the first problem, e.g. `$.tables.visitCards[3].visitDay`. */
  path: string;
  reason: string;
}

export class BackupRejected extends Error {
  override readonly name = 'BackupRejected';
  constructor(readonly problem: BackupProblem) {
    super(`${problem.path}: ${problem.reason}`);
  }
}

export interface ImportConflict {
  table: BackupTable;
  key: string;
  kept: 'local' | 'file';
  localUpdatedAt?: string;
  fileUpdatedAt?: string;
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  conflicts: ImportConflict[];
}

function jsonPath(base: string, path: PropertyKey[]): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : /^[A-Za-z_$][\w$]*$/.test(String(part)) ? `${acc}.${String(part)}` : `${acc}[${JSON.stringify(String(part))}]`),
    base,
  );
}

/** Describes where JSON.parse stopped, which is the common case for a truncated download. */
function describeJsonError(text: string, error: unknown): BackupProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (text.trim() === '') return { path: '$', reason: 'the file is empty' };
  return { path: '$', reason: `not valid JSON (${message}) — the file may be truncated or not a backup` };
}

/**
 * Parses and validates a whole backup file. Returns the rows by table, or throws BackupRejected
 * naming the first problem. Nothing is written here, so a bad file can never change any data.
 */
export function parseBackup(text: string, tables: Record<string, BackupTableSpec> = backupTablesOf()): { header: BackupHeader; rows: Record<BackupTable, unknown[]> } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BackupRejected(describeJsonError(text, error));
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new BackupRejected({ path: '$', reason: 'expected a JSON object — this is not a Fieldkit backup' });
  }
  const format = (json as { format?: unknown }).format;
  if (format !== BACKUP_FORMAT) {
    throw new BackupRejected({ path: '$.format', reason: `expected "${BACKUP_FORMAT}", found ${JSON.stringify(format) ?? 'nothing'} — this is not a Fieldkit backup` });
  }
  const version = (json as { version?: unknown }).version;
  if (typeof version === 'number' && version > BACKUP_VERSION) {
    throw new BackupRejected({ path: '$.version', reason: `the file is version ${version}, made by a newer Fieldkit; this one reads up to version ${BACKUP_VERSION} — update Fieldkit first` });
  }
  const header = BackupHeader.safeParse(json);
  if (!header.success) {
    const issue = header.error.issues[0]!;
    throw new BackupRejected({ path: jsonPath('$', issue.path), reason: issue.message });
  }
  const rows = {} as Record<BackupTable, unknown[]>;
  for (const name of Object.keys(header.data.tables)) {
    if (!Object.hasOwn(tables, name)) {
      throw new BackupRejected({ path: jsonPath('$.tables', [name]), reason: 'unknown table' });
    }
  }
  for (const [name, spec] of Object.entries(tables)) {
    const tableRows = header.data.tables[name] ?? [];
    rows[name] = tableRows.map((row, index) => {
      const parsed = spec.schema.safeParse(row);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new BackupRejected({ path: jsonPath(`$.tables.${name}[${index}]`, issue.path), reason: issue.message });
      }
      return parsed.data;
    });
  }
  return { header: header.data, rows };
}

function keyOf(spec: BackupTableSpec, row: Record<string, unknown>): string | [string, number] {
  const key = spec.key;
  return typeof key === 'string' ? (row[key] as string) : [row[key[0]!] as string, row[key[1]!] as number];
}

/**
 * Merges a validated backup into the database in one transaction: all of it or none of it.
 * Rows are matched by key; the newer `updatedAt` wins; a row whose two versions differ is listed
 * as a conflict with the side that was kept. Imported records that sync are queued again — the
 * sync engine looks records up by local id before creating, so nothing is duplicated in the CRM.
 */
export async function importBackup(db: FieldkitDatabase, text: string, options: { actor: string; now?: Date }): Promise<ImportSummary> {
  const specs = backupTablesOf(db.kinds.values());
  const { rows } = parseBackup(text, specs);
  const now = (options.now ?? new Date()).toISOString();
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, conflicts: [] };
  const tables = [...Object.keys(specs).map((name) => db.table(name)), db.outbox, db.audit];
  await db.transaction('rw', tables, async () => {
    for (const [table, spec] of Object.entries(specs)) {
      const store = db.table(table);
      for (const row of rows[table] as Record<string, unknown>[]) {
        if (table === 'settings' && isDeviceOnlySetting(row.key as string)) continue;
        const key = keyOf(spec, row);
        const local = (await store.get(key)) as Record<string, unknown> | undefined;
        const label = Array.isArray(key) ? key.join('@') : key;
        if (!local) {
          await store.put(row);
          summary.added++;
        } else if (JSON.stringify(local) === JSON.stringify(row)) {
          summary.unchanged++;
          continue;
        } else {
          const localAt = local.updatedAt as string | undefined;
          const fileAt = row.updatedAt as string | undefined;
          const fileWins = fileAt !== undefined && (localAt === undefined || fileAt > localAt);
          summary.conflicts.push({ table, key: label, kept: fileWins ? 'file' : 'local', localUpdatedAt: localAt, fileUpdatedAt: fileAt });
          if (!fileWins) continue;
          await store.put(row);
          summary.updated++;
        }
        if (spec.kind && needsSync(spec.kind, row) && !(row.crm && (row.crm as { syncedVersion?: string }).syncedVersion === row.updatedAt)) {
          await enqueue(db, table, row.id as string, row.updatedAt as string, row.deletedAt ? 'delete' : 'upsert', now);
        }
      }
    }
    await db.audit.add({
      id: newId(),
      at: now,
      actor: options.actor,
      action: 'import',
      summary: `imported backup: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.conflicts.length} conflicts`,
    });
  });
  return summary;
}

/** Deletes every local record (used by "wipe local data" and the e2e restore test). */
export async function wipeLocalData(db: FieldkitDatabase): Promise<void> {
  const names = [...Object.keys(backupTablesOf(db.kinds.values())), 'outbox', 'audit'];
  await db.transaction('rw', names.map((name) => db.table(name)), async () => {
    for (const name of names) await db.table(name).clear();
  });
}
