import type { FieldkitDatabase } from '../store/database';
import { enqueue } from '../store/records';
import { needsSync } from '../store/kind';
import { checkSettingRow, type Setting } from '../store/settings-schema';
import { readSetting } from '../store/settings';
import { ruleSetKind } from '../rules/kind';
import { parseRuleSet } from '../rules/load';
import { newId } from '../kernel/ids';
import { isDeviceOnlySetting } from './export';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupHeader, backupTablesOf, type BackupTable, type BackupTableSpec } from './format';

/**
 * The largest backup file Fieldkit reads. The whole file is read into memory, parsed and
 * validated before one transaction writes it, so the options page holds it about three to four
 * times over; 100 MB keeps that near 0.5 GB on the reps' laptops, far below V8's ~512 MB string
 * limit. Text records of a year are a few MB; what makes backups large is pictures (visit photos
 * are at most 1 MB each, intel screenshots are downscaled), so the cap still holds several
 * hundred of them. Checked before anything is parsed.
 */
export const MAX_BACKUP_BYTES = 100 * 1024 * 1024;

export interface BackupProblem {
  /** JSON path of the first problem, e.g. `$.tables.visitCards[3].visitDay`. */
  path: string;
  reason: string;
  /** What kind of problem, for the UI's sentence (absent: a damaged or foreign file). */
  code?: 'tooLarge' | 'ruleSet' | 'setting';
  /** The facts the UI's sentence names: the size, the rule set and version, the setting key. */
  detail?: Record<string, string | number>;
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
  /**
   * Records written by someone else (another CRM owner) restored as local copies only: never
   * queued for sync, so an import cannot write to, or re-own, another person's note.
   */
  readCopies: number;
  /** Settings rows in the file that were not applied because they set identity (the profile). */
  skippedSettings: string[];
}

/** Megabytes with one decimal, for messages. */
function megabytes(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}

/** Refuses a file over MAX_BACKUP_BYTES before it is read (the UI passes File.size). */
export function checkBackupSize(bytes: number): void {
  if (bytes > MAX_BACKUP_BYTES) {
    throw new BackupRejected({
      path: '$',
      reason: `the file is ${megabytes(bytes)} MB; backups over ${megabytes(MAX_BACKUP_BYTES)} MB are not read`,
      code: 'tooLarge',
      detail: { sizeMb: megabytes(bytes), limitMb: megabytes(MAX_BACKUP_BYTES) },
    });
  }
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
  // Each UTF-16 unit is at least one byte of the file, so this never lets an oversized file through.
  checkBackupSize(text.length);
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
      const problem = name === 'settings' ? settingProblem(parsed.data as Setting) : name === ruleSetKind.table ? ruleSetProblem(parsed.data) : undefined;
      if (problem) throw new BackupRejected({ ...problem, path: jsonPath(`$.tables.${name}[${index}]`, problem.path) });
      return parsed.data;
    });
  }
  return { header: header.data, rows };
}

type RowProblem = Omit<BackupProblem, 'path'> & { path: PropertyKey[] };

/** Every settings row that travels is checked against its key's schema (lib/store/settings-schema.ts). */
function settingProblem(row: Setting): RowProblem | undefined {
  if (isDeviceOnlySetting(row.key)) return undefined; // never imported
  const checked = checkSettingRow(row);
  return checked.ok ? undefined : { path: checked.path, reason: checked.message, code: 'setting', detail: { key: row.key } };
}

/**
 * A rule-set version goes through the same loader and compiler as the editor's: a version that
 * would not compile there is refused here, so it can never become the active one.
 */
function ruleSetProblem(row: unknown): RowProblem | undefined {
  const loaded = parseRuleSet(row);
  if (loaded.ok) return undefined;
  const { id, version } = row as { id: string; version: number };
  const first = loaded.errors[0]!;
  return {
    path: [],
    reason: `rule set "${id}" version ${version} cannot be used: ${first.path || '(root)'}: ${first.message}`,
    code: 'ruleSet',
    detail: { ruleSet: id, version, problem: `${first.path || '(root)'}: ${first.message}` },
  };
}

/** CRM owner ids are numeric (lib/sync/outgoing.ts); a local profile id is not one and can own nothing in the CRM. */
function isCrmOwnerId(id: string): boolean {
  return /^\d+$/.test(id);
}

function keyOf(spec: BackupTableSpec, row: Record<string, unknown>): string | [string, number] {
  const key = spec.key;
  return typeof key === 'string' ? (row[key] as string) : [row[key[0]!] as string, row[key[1]!] as number];
}

/**
 * Merges a validated backup into the database in one transaction: all of it or none of it.
 * Rows are matched by key; the newer `updatedAt` wins; a row whose two versions differ is listed
 * as a conflict with the side that was kept.
 *
 * A backup carries data, never authority:
 * - CRM links of activity records (`crm.objectId` …) are dropped; a record that had one is queued
 *   with its lookup flag set, so the engine finds the note by the record's own id in the
 *   connected portal before it would create one (no duplicates, no note named by the file).
 *   A record kept from this device keeps this device's link.
 * - The author is the importing user: rows by the importer, or by a local profile (which owns
 *   nothing in the CRM), become the importer's. Rows by another CRM owner are restored as local
 *   copies that are never queued, so they cannot overwrite or re-own that person's note; the
 *   next pull brings HubSpot's version.
 * - Dealers keep their CRM link (it is their identity: the CRM company) but are not queued; the
 *   next dealer pull refreshes them from HubSpot.
 * - The `profile` setting (who this device is) is taken from a file only by a device that never
 *   had one. Before connecting, rows by CRM owners are local copies only; importing the file again
 *   after connecting queues the user's own.
 */
export async function importBackup(db: FieldkitDatabase, text: string, options: { actor: string; now?: Date }): Promise<ImportSummary> {
  const specs = backupTablesOf(db.kinds.values());
  const { rows } = parseBackup(text, specs);
  const now = (options.now ?? new Date()).toISOString();
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, conflicts: [], readCopies: 0, skippedSettings: [] };
  const tables = [...Object.keys(specs).map((name) => db.table(name)), db.outbox, db.audit];
  await db.transaction('rw', tables, async () => {
    const me = await readSetting(db, 'profile');
    const hadProfile = (await db.settings.get('profile')) !== undefined;
    // Connected means: the profile is a CRM owner this device learnt from HubSpot (connecting
    // stores the owners, a device-only row no backup carries). Only then can rows be queued as
    // written by that owner; before, rows by CRM owners are restored as local copies only.
    const owners = (await db.settings.get('sync.owners'))?.value;
    const connected = isCrmOwnerId(me.id) && Array.isArray(owners) && owners.some((owner: { id?: unknown }) => owner?.id === me.id);
    for (const [table, spec] of Object.entries(specs)) {
      const store = db.table(table);
      const home = spec.kind?.crm?.home;
      for (const fileRow of rows[table] as Record<string, unknown>[]) {
        if (table === 'settings' && isDeviceOnlySetting(fileRow.key as string)) continue;
        if (table === 'settings' && fileRow.key === 'profile' && hadProfile) {
          // Who this device's user is comes from the device (connecting sets it), not from a file;
          // only a device that never had a profile takes the file's (a fresh install's restore).
          summary.skippedSettings.push('profile');
          continue;
        }
        const key = keyOf(spec, fileRow);
        const local = (await store.get(key)) as Record<string, unknown> | undefined;
        const label = Array.isArray(key) ? key.join('@') : key;
        const author = fileRow.author as { id: string; name: string } | undefined;
        const someoneElses = author !== undefined && isCrmOwnerId(author.id) && (author.id !== me.id || !connected);
        const { crm: fileCrm, ...withoutCrm } = fileRow;
        let row: Record<string, unknown> = fileRow;
        if (home === 'activity') {
          row = { ...withoutCrm, ...(local?.crm ? { crm: local.crm } : {}) };
          if (author && !someoneElses && (author.id !== me.id || author.name !== me.name)) row.author = { id: me.id, name: me.name };
        }
        if (someoneElses) {
          if (local) {
            // This device's copy (pulled from the CRM, or its own) is the better one.
            if (JSON.stringify(local) === JSON.stringify(row)) summary.unchanged++;
            else summary.conflicts.push({ table, key: label, kept: 'local', localUpdatedAt: local.updatedAt as string | undefined, fileUpdatedAt: row.updatedAt as string | undefined });
            continue;
          }
          await store.put(row);
          summary.added++;
          summary.readCopies++;
          continue;
        }
        if (!local) {
          await store.put(row);
          summary.added++;
        } else if (JSON.stringify(local) === JSON.stringify(row)) {
          summary.unchanged++;
          // A local copy restored before connecting becomes the user's to sync when imported again.
          if (!(home === 'activity' && !local.crm && (await db.outbox.where('[table+recordId]').equals([table, row.id as string]).count()) === 0)) continue;
        } else {
          const localAt = local.updatedAt as string | undefined;
          const fileAt = row.updatedAt as string | undefined;
          const fileWins = fileAt !== undefined && (localAt === undefined || fileAt > localAt);
          summary.conflicts.push({ table, key: label, kept: fileWins ? 'file' : 'local', localUpdatedAt: localAt, fileUpdatedAt: fileAt });
          if (!fileWins) continue;
          await store.put(row);
          summary.updated++;
        }
        if (home === 'dealer') continue;
        if (spec.kind && needsSync(spec.kind, row) && !(row.crm && (row.crm as { syncedVersion?: string }).syncedVersion === row.updatedAt)) {
          await enqueue(db, table, row.id as string, row.updatedAt as string, row.deletedAt ? 'delete' : 'upsert', now);
          if (fileCrm && !row.crm) {
            // It reached a CRM once: look it up by its own id before creating it again. Its create
            // was acknowledged by the time of its link, so search lag counts from then, not from now.
            const linkedAt = (fileCrm as { syncedAt?: unknown }).syncedAt;
            const sentAt = typeof linkedAt === 'string' && !Number.isNaN(Date.parse(linkedAt)) && linkedAt < now ? new Date(linkedAt).toISOString() : now;
            await db.outbox.where('[table+recordId]').equals([table, row.id as string]).modify({ createSentAt: sentAt });
          }
        }
      }
    }
    await db.audit.add({
      id: newId(),
      at: now,
      actor: options.actor,
      action: 'import',
      summary: `imported backup: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.conflicts.length} conflicts, ${summary.readCopies} other people's records kept as local copies${summary.skippedSettings.length ? `, not applied: ${summary.skippedSettings.join(', ')}` : ''}`,
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
