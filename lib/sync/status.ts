/** The SyncStatus every surface shows, computed from what is stored (never from engine memory). */
import type { FieldkitDatabase } from '../store/database';
import type { SyncStatus } from '../messaging/protocol';
import { isLeaseHeld } from './lease';
import { countOpen, nextDueAt } from './batch';
import { readProgress, readSyncState } from './state';
import { listConflicts } from './conflicts';

const LIST_LIMIT = 50;

export async function computeSyncStatus(db: FieldkitDatabase, connected: boolean, now: number): Promise<SyncStatus> {
  const [pending, needsAttention, parked, state, progress, running, conflicts, due] = await Promise.all([
    countOpen(db),
    db.outbox.where('status').equals('needsAttention').count(),
    db.outbox.where('status').equals('needsAttention').limit(LIST_LIMIT).toArray(),
    readSyncState(db),
    readProgress(db),
    isLeaseHeld(db, now),
    listConflicts(db),
    nextDueAt(db),
  ]);
  const paused = !connected ? 'disconnected' : state.paused;
  return {
    connected,
    ...(paused ? { paused } : {}),
    pending,
    needsAttention,
    ...(state.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}),
    ...(state.lastError ? { lastError: state.lastError } : {}),
    running,
    ...(running && progress ? { progress } : {}),
    attention: parked.map((entry) => ({
      outboxId: entry.id,
      table: entry.table,
      recordId: entry.recordId,
      kind: entry.lastError?.kind ?? 'unknown',
      message: entry.lastError?.message ?? '',
      ...(entry.lastError?.status ? { status: entry.lastError.status } : {}),
      at: entry.lastError?.at ?? entry.updatedAt,
    })),
    conflicts: conflicts.slice(0, LIST_LIMIT).map(({ id, table, recordId, at, kept, losingVersion, losingAuthor }) => ({ id, table, recordId, at, kept, losingVersion, losingAuthor })),
    ...(due !== undefined && pending > 0 ? { nextAttemptAt: new Date(due).toISOString() } : {}),
  };
}
