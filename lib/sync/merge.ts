/**
 * Merging records read back from the CRM into Dexie, and the conflict rule for a record edited on
 * two machines (docs/sync.md): the version with the later `updatedAt` wins the whole record, and
 * the other version is kept as a conflict copy and shown to the user. Never silent.
 */
import type { FieldkitDatabase } from '../store/database';
import { enqueue } from '../store/records';
import type { SyncedRecord } from '../crm/port';
import { keepConflictCopy } from './conflicts';
import { deviceId } from './device';

export type MergeOutcome = 'inserted' | 'updated' | 'requeued' | 'unchanged' | 'conflict-local-kept' | 'conflict-remote-kept' | 'invalid';

/** A record read back from the CRM, resolved to its local table (./pull.ts). */
export interface IncomingRecord {
  table: string;
  crmId: string;
  objectType: string;
  /** The CRM's last-modified time. */
  modifiedAt: string;
  record: SyncedRecord;
  /** The device that pushed this version, when it said (./device.ts). */
  writtenBy?: string;
}

export async function mergeRemoteRecord(db: FieldkitDatabase, remote: IncomingRecord, now: number): Promise<MergeOutcome> {
  const kind = db.kinds.get(remote.table);
  if (!kind?.crm || kind.crm.home !== 'activity') return 'invalid';
  const nowIso = new Date(now).toISOString();
  const crm = {
    objectType: remote.objectType,
    objectId: remote.crmId,
    syncedAt: nowIso,
    syncedVersion: remote.record.updatedAt,
  };
  const parsed = kind.schema.safeParse({ ...remote.record, crm });
  if (!parsed.success) return 'invalid';
  const incoming = parsed.data as unknown as SyncedRecord;
  const table = db.table(remote.table);
  const mediaFields = kind.crm.attachments?.fields ?? [];
  // An older version this device wrote itself is not someone else's edit: no conflict copy.
  const ownVersion = remote.writtenBy !== undefined && remote.writtenBy === (await deviceId(db));

  return db.transaction('rw', [table, db.outbox, db.settings, db.audit], async () => {
    const local = (await table.get(incoming.id)) as SyncedRecord | undefined;
    if (!local) {
      await table.put(incoming);
      return 'inserted';
    }
    if (local.updatedAt === incoming.updatedAt) {
      if (!local.crm) await table.update(local.id, { crm });
      return 'unchanged';
    }
    // The CRM still holds the version this machine last synced: nothing new from elsewhere.
    if (local.crm && local.crm.syncedVersion === incoming.updatedAt) return 'unchanged';
    const entry = await db.outbox.where('[table+recordId]').equals([remote.table, local.id]).first();
    const unsyncedLocalEdit = !!entry && entry.status !== 'done';
    const remoteIsNewer = incoming.updatedAt > local.updatedAt;

    if (!unsyncedLocalEdit) {
      if (remoteIsNewer) {
        await table.put(withLocalMedia(incoming, local, mediaFields));
        return 'updated';
      }
      // The CRM holds an OLDER version than ours. If the CRM changed it after our last sync,
      // another machine overwrote ours with an edit made before it: ours wins, push it again and
      // keep theirs. Otherwise this is a stale read (search indexes lag) and means nothing.
      if (!local.crm || remote.modifiedAt <= local.crm.syncedAt) return 'unchanged';
      if (!ownVersion) await keepConflictCopy(db, { table: remote.table, recordId: local.id, at: nowIso, kept: 'local', keptVersion: local.updatedAt, losing: incoming });
      await table.update(local.id, { crm: { ...crm, syncedVersion: incoming.updatedAt } });
      await enqueue(db, remote.table, local.id, local.updatedAt, local.deletedAt ? 'delete' : 'upsert', nowIso);
      return ownVersion ? 'requeued' : 'conflict-local-kept';
    }

    if (remoteIsNewer) {
      // Both sides edited; the other machine's edit is later. Ours is kept as a copy, not pushed.
      await keepConflictCopy(db, { table: remote.table, recordId: local.id, at: nowIso, kept: 'remote', keptVersion: incoming.updatedAt, losing: local });
      await table.put(withLocalMedia(incoming, local, mediaFields));
      await db.outbox.update(entry.id, { status: 'done', createSentAt: undefined, lastError: undefined, attempts: 0, updatedAt: nowIso });
      return 'conflict-remote-kept';
    }
    // Both sides edited; ours is later and is still queued, so the push will overwrite theirs.
    if (!ownVersion) await keepConflictCopy(db, { table: remote.table, recordId: local.id, at: nowIso, kept: 'local', keptVersion: local.updatedAt, losing: incoming });
    await table.update(local.id, { crm: { ...crm, syncedVersion: local.crm?.syncedVersion ?? incoming.updatedAt } });
    return ownVersion ? 'unchanged' : 'conflict-local-kept';
  });
}

/**
 * A pulled version with the local media it lacks. Media (a screenshot) travel as CRM attachments,
 * never in the pulled copy, so a copy without one says nothing about the image: the local one is
 * kept. (Removing a screenshot therefore stays on the device that removed it; see docs/sync.md.)
 */
function withLocalMedia(incoming: SyncedRecord, local: SyncedRecord, fields: readonly string[]): SyncedRecord {
  const kept = fields.filter((f) => incoming[f] === undefined && local[f] !== undefined);
  if (kept.length === 0) return incoming;
  return { ...incoming, ...Object.fromEntries(kept.map((f) => [f, local[f]])) };
}
