/**
 * Conflict copies. When two machines edited one record, the version that loses the
 * last-writer-wins rule is kept here in full and surfaced in the sync panel, so no edit is ever
 * lost silently (docs/sync.md). Stored as `settings` rows (`sync.conflict.*`) so backups carry them.
 */
import type { FieldkitDatabase } from '../store/database';
import type { SyncedTable } from '../store/outbox';
import { newId } from '../kernel/ids';
import type { SyncedRecord } from '../crm/port';
import { ConflictCopyValue } from '../store/settings-schema';

export const CONFLICT_PREFIX = 'sync.conflict.';

export interface ConflictCopy {
  id: string;
  table: SyncedTable;
  recordId: string;
  at: string;
  /** Which side's version is now the record: the newer `updatedAt`. */
  kept: 'local' | 'remote';
  keptVersion: string;
  losingVersion: string;
  losingAuthor: string;
  /** The full losing version, so the user can copy anything back from it. */
  losing: SyncedRecord;
}

/** Must run inside a transaction that includes `settings` and `audit`. */
export async function keepConflictCopy(
  db: FieldkitDatabase,
  copy: Omit<ConflictCopy, 'id' | 'losingVersion' | 'losingAuthor'>,
): Promise<ConflictCopy> {
  const same = (await listConflicts(db)).find((c) => c.recordId === copy.recordId && c.losingVersion === copy.losing.updatedAt);
  if (same) return same; // a re-read of the same remote version is one conflict, not many
  const id = newId();
  const full: ConflictCopy = { ...copy, id, losingVersion: copy.losing.updatedAt, losingAuthor: copy.losing.author.name };
  await db.settings.put({ key: CONFLICT_PREFIX + id, value: full });
  await db.audit.add({
    id: newId(),
    at: copy.at,
    actor: 'sync',
    action: 'sync',
    table: copy.table,
    recordId: copy.recordId,
    summary: `conflict: kept the ${copy.kept} version ${copy.keptVersion}; the ${copy.kept === 'local' ? 'remote' : 'local'} version ${full.losingVersion} by ${full.losingAuthor} is saved as conflict copy ${id}`.slice(0, 1000),
  });
  return full;
}

export async function listConflicts(db: FieldkitDatabase): Promise<ConflictCopy[]> {
  const rows = await db.settings.where('key').startsWith(CONFLICT_PREFIX).toArray();
  // A malformed row (hand-edited, or from an old backup) is skipped and named, never thrown:
  // sync status reads this on every surface.
  const copies: ConflictCopy[] = [];
  for (const row of rows) {
    const checked = ConflictCopyValue.safeParse(row.value);
    if (checked.success) copies.push(checked.data as ConflictCopy);
    else console.warn(`Fieldkit: ignoring the malformed conflict copy "${row.key}": ${checked.error.issues[0]?.message ?? 'invalid'}`);
  }
  return copies.sort((a, b) => b.at.localeCompare(a.at));
}

export async function dismissConflict(db: FieldkitDatabase, id: string): Promise<void> {
  await db.settings.delete(CONFLICT_PREFIX + id);
}
