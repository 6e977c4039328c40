import type { z } from '../kernel/zod';
import { VisitCard } from '../visits/schema';
import { DiaryEntry } from '../reports/diary-schema';
import { IntelItem } from '../intel/schema';
import { Report } from '../reports/schema';
import type { OutboxEntry, SyncedTable } from './outbox';
import type { Author } from '../kernel/record';
import { newId } from '../kernel/ids';
import type { FieldkitDatabase } from './database';

/** Tables whose records a rep writes and the sync engine pushes to the CRM. */
export const SYNCED_RECORD_SCHEMAS = {
  visitCards: VisitCard,
  diaryEntries: DiaryEntry,
  intelItems: IntelItem,
  reports: Report,
} as const;
export type RecordTable = keyof typeof SYNCED_RECORD_SCHEMAS;
export type RecordOf<T extends RecordTable> = z.infer<(typeof SYNCED_RECORD_SCHEMAS)[T]>;

/** What a caller supplies: the content; identity and timestamps are filled in here. */
export type RecordDraft<T extends RecordTable> = Omit<
  z.input<(typeof SYNCED_RECORD_SCHEMAS)[T]>,
  'id' | 'createdAt' | 'updatedAt' | 'author' | 'schemaVersion' | 'crm'
> & { id?: string };

export class RecordValidationError extends Error {
  override readonly name = 'RecordValidationError';
  constructor(
    readonly table: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(`${table}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
  }
}

const SCHEMA_VERSIONS: Record<RecordTable, number> = {
  visitCards: 2,
  diaryEntries: 1,
  intelItems: 1,
  reports: 1,
};

export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/**
 * Validates and stores a record, and queues it for the CRM in the same transaction: a record
 * can never be saved without its outbox entry, nor queued without being saved. An edit to a
 * record that is already queued moves the existing entry forward instead of adding a second one.
 */
export async function saveRecord<T extends RecordTable>(
  db: FieldkitDatabase,
  table: T,
  draft: RecordDraft<T>,
  context: { author: Author; now?: Date },
): Promise<RecordOf<T>> {
  const now = (context.now ?? new Date()).toISOString();
  const id = draft.id ?? newId();
  const store = db.table(table);
  return db.transaction('rw', [store, db.outbox, db.audit], async () => {
    const existing = (await store.get(id)) as RecordOf<T> | undefined;
    const candidate = {
      ...draft,
      id,
      schemaVersion: SCHEMA_VERSIONS[table],
      author: existing?.author ?? context.author,
      createdAt: existing?.createdAt ?? now,
      // Strictly increasing even when two saves land in one millisecond: the sync engine and the
      // backup merge compare versions by this timestamp.
      updatedAt: existing && existing.updatedAt >= now ? bump(existing.updatedAt) : now,
      crm: existing?.crm,
    };
    const parsed = SYNCED_RECORD_SCHEMAS[table].safeParse(candidate);
    if (!parsed.success) throw new RecordValidationError(table, issuesOf(parsed.error));
    const record = parsed.data as RecordOf<T>;
    await store.put(record);
    await enqueue(db, table, record.id, record.updatedAt, record.deletedAt ? 'delete' : 'upsert', now);
    await db.audit.add({
      id: newId(),
      at: now,
      actor: context.author.id,
      action: existing ? 'update' : 'create',
      table,
      recordId: record.id,
      summary: `${existing ? 'updated' : 'created'} ${table} ${record.id}`,
    });
    return record;
  });
}

/** Deletes are tombstones so they reach the CRM and other devices like any edit. */
export async function deleteRecord(
  db: FieldkitDatabase,
  table: RecordTable,
  id: string,
  context: { author: Author; now?: Date },
): Promise<void> {
  const existing = await db.table(table).get(id);
  if (!existing) return;
  await saveRecord(db, table, { ...existing, deletedAt: (context.now ?? new Date()).toISOString() }, context);
}

function bump(instant: string): string {
  return new Date(Date.parse(instant) + 1).toISOString();
}

/** Must run inside a transaction that includes the outbox. */
export async function enqueue(
  db: FieldkitDatabase,
  table: SyncedTable,
  recordId: string,
  recordVersion: string,
  operation: OutboxEntry['operation'],
  now: string,
): Promise<void> {
  const existing = await db.outbox.where('[table+recordId]').equals([table, recordId]).first();
  if (existing) {
    await db.outbox.update(existing.id, {
      recordVersion,
      operation,
      // An entry parked for attention gets a fresh chance when the user edits the record.
      status: existing.status === 'inFlight' ? 'inFlight' : 'pending',
      nextAttemptAt: now,
      attempts: existing.status === 'needsAttention' ? 0 : existing.attempts,
      updatedAt: now,
    });
    return;
  }
  await db.outbox.add({
    id: newId(),
    table,
    recordId,
    operation,
    status: 'pending',
    recordVersion,
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
  });
}

/** Live records (not tombstoned) of a table, newest first. */
export async function listRecords<T extends RecordTable>(db: FieldkitDatabase, table: T): Promise<RecordOf<T>[]> {
  const rows = (await db.table(table).orderBy('updatedAt').reverse().toArray()) as RecordOf<T>[];
  return rows.filter((row) => !row.deletedAt);
}
