/**
 * Writing records of any registered kind: validated against the kind's schema, derived fields
 * computed, stored, audited and — for kinds that sync — queued for the CRM, all in one
 * transaction. A record can never be saved without its outbox entry, nor queued without being
 * saved.
 */
import type { z } from '../kernel/zod';
import type { OutboxEntry } from './outbox';
import type { Author } from '../kernel/record';
import { newId } from '../kernel/ids';
import type { FieldkitDatabase } from './database';
import { needsSync, schemaVersionOf } from './kind';
import type { ProductKind } from '../kinds';

type TableRows = { [K in ProductKind as K['table']]: z.infer<K['schema']> };
type TableInputs = { [K in ProductKind as K['table']]: z.input<K['schema']> };

/** Tables of authored records: the rows users create, open, edit and delete. */
export type RecordTable = {
  [T in keyof TableRows]: TableRows[T] extends { author: Author; updatedAt: string; deletedAt?: string } ? T : never;
}[keyof TableRows];
export type RecordOf<T extends RecordTable> = TableRows[T];

/** What a caller supplies: the content; identity, timestamps and derived fields are filled in here. */
export type RecordDraft<T extends RecordTable> = Omit<TableInputs[T], 'id' | 'createdAt' | 'updatedAt' | 'author' | 'schemaVersion' | 'crm'> & { id?: string };

export class RecordValidationError extends Error {
  override readonly name = 'RecordValidationError';
  constructor(
    readonly table: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(`${table}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
  }
}

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
  const kind = db.kind(table);
  const store = db.table(table);
  return db.transaction('rw', [store, db.outbox, db.audit], async () => {
    // A new id was never stored: no read to wait for.
    const existing = draft.id === undefined ? undefined : ((await store.get(id)) as RecordOf<T> | undefined);
    const written = {
      ...draft,
      id,
      schemaVersion: schemaVersionOf(kind),
      author: existing?.author ?? context.author,
      createdAt: existing?.createdAt ?? now,
      // Strictly increasing even when two saves land in one millisecond: the sync engine and the
      // backup merge compare versions by this timestamp.
      updatedAt: existing && existing.updatedAt >= now ? bump(existing.updatedAt) : now,
      crm: existing?.crm,
    };
    const candidate = { ...written, ...kind.derive?.(written as never) };
    const parsed = kind.schema.safeParse(candidate);
    if (!parsed.success) throw new RecordValidationError(table, issuesOf(parsed.error));
    const record = parsed.data as RecordOf<T>;
    // The three writes are independent: sent together, they share the round trips (one transaction,
    // all or nothing, as before). A save is timed by `npm run bench capture`.
    await Promise.all([
      store.put(record),
      needsSync(kind, record) ? enqueue(db, table, record.id, record.updatedAt, record.deletedAt ? 'delete' : 'upsert', now, { fresh: draft.id === undefined }) : undefined,
      db.audit.add({
        id: newId(),
        at: now,
        actor: context.author.id,
        action: record.deletedAt ? 'delete' : existing ? 'update' : 'create',
        table,
        recordId: record.id,
        summary: `${record.deletedAt ? 'deleted' : existing ? 'updated' : 'created'} ${kind.name} ${record.id}`,
      }),
    ]);
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

/**
 * Must run inside a transaction that includes the outbox. `fresh`: the record's id was made by this
 * save, so no entry can exist yet and the lookup is skipped (one round trip less on every new record).
 */
export async function enqueue(
  db: FieldkitDatabase,
  table: string,
  recordId: string,
  recordVersion: string,
  operation: OutboxEntry['operation'],
  now: string,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<void> {
  const existing = fresh ? undefined : await db.outbox.where('[table+recordId]').equals([table, recordId]).first();
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
