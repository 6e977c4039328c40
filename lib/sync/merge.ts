/**
 * Merging records read back from the CRM into Dexie, and the conflict rule for a record edited on
 * two machines (docs/sync.md, "Convergence"): the version with the later `updatedAt` wins the
 * whole record (equal instants: the larger canonical content, so every device picks the same),
 * and the other version is kept as a conflict copy and shown to the user. Never silent.
 *
 * Whether the CRM copy changed is decided by server versions only — the CRM's last-modified time
 * against the one this device last saw (`crm.serverVersion`) — never by a device clock, so a
 * skewed clock cannot hide a remote change. And since HubSpot has no conditional write, a device
 * can overwrite a version it never saw: the writer's stamp says which other device's version it
 * was made from (`seen`), so the device whose version was overwritten keeps it as a copy.
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
  /** The CRM's last-modified time: the server version of this copy. */
  modifiedAt: string;
  record: SyncedRecord;
  /** The device that pushed this version, when it said (./device.ts). */
  writtenBy?: string;
  /** The server version of the latest other device's version the writer had merged, when it said. */
  seen?: string;
}

type CrmLink = NonNullable<SyncedRecord['crm']>;

export async function mergeRemoteRecord(db: FieldkitDatabase, remote: IncomingRecord, now: number): Promise<MergeOutcome> {
  const kind = db.kinds.get(remote.table);
  if (!kind?.crm || kind.crm.home !== 'activity') return 'invalid';
  const nowIso = new Date(now).toISOString();
  const me = await deviceId(db);
  const ownVersion = remote.writtenBy !== undefined && remote.writtenBy === me;
  const remoteLink: CrmLink = {
    objectType: remote.objectType,
    objectId: remote.crmId,
    syncedAt: nowIso,
    syncedVersion: remote.record.updatedAt,
    serverVersion: remote.modifiedAt,
  };
  const parsed = kind.schema.safeParse({ ...remote.record, crm: ownVersion ? remoteLink : { ...remoteLink, seenVersion: remote.modifiedAt } });
  if (!parsed.success) return 'invalid';
  const incoming = parsed.data as unknown as SyncedRecord;
  const table = db.table(remote.table);
  const mediaFields = kind.crm.attachments?.fields ?? [];

  return db.transaction('rw', [table, db.outbox, db.settings, db.audit], async () => {
    const local = (await table.get(incoming.id)) as SyncedRecord | undefined;
    if (!local) {
      await table.put(incoming);
      return 'inserted';
    }
    const link = local.crm;
    if (link?.serverVersion !== undefined) {
      // An older server version than one already seen: a lagging search index, nothing new.
      if (remote.modifiedAt < link.serverVersion) return 'unchanged';
      // The same server version and the same `updatedAt` is nothing new — unless our link's server
      // version is our own push and this copy, stamped the same millisecond, is another device's
      // write that HubSpot kept instead (two edits of one millisecond, two writes of one): that one
      // was never merged here, and only comparing the versions makes both devices pick the same.
      const anotherWriteInOurMillisecond =
        !ownVersion && remote.writtenBy !== undefined && link.pushedVersion === link.serverVersion && link.seenVersion !== remote.modifiedAt;
      if (remote.modifiedAt === link.serverVersion && remote.record.updatedAt === link.syncedVersion && !anotherWriteInOurMillisecond) return 'unchanged';
    } else if (link && link.syncedVersion === remote.record.updatedAt) {
      // A link from before server versions: the version it synced, now with its server version.
      await table.update(local.id, { crm: { ...link, ...remoteLink, ...(ownVersion ? { pushedVersion: remote.modifiedAt } : {}) } });
      return 'unchanged';
    }
    // From here on the CRM holds a version this device has not merged yet.
    // Merging another device's version (whichever wins) is what our next push says it saw; our
    // own version read back is what our last push produced.
    const seenVersion = ownVersion ? link?.seenVersion : later(link?.seenVersion, remote.modifiedAt);
    const pushedVersion = ownVersion ? remote.modifiedAt : link?.pushedVersion;
    const seenLink: CrmLink = { ...remoteLink, ...(pushedVersion ? { pushedVersion } : {}), ...(seenVersion ? { seenVersion } : {}) };
    const entry = await db.outbox.where('[table+recordId]').equals([remote.table, local.id]).first();
    const unsyncedLocalEdit = !!entry && entry.status !== 'done';
    const order = compareVersions(incoming, local, mediaFields);

    if (order === 0) {
      // The same version (this device's own push read back, or the same edit by both): link it.
      // A queued push of it stays queued: it may still owe the CRM its attachments.
      await table.update(local.id, { crm: seenLink });
      return 'unchanged';
    }

    if (order > 0) {
      // The CRM's version wins. Ours survives as a copy when it is an edit the writer never saw:
      // not pushed yet, or pushed by this device and overwritten by a writer who had not merged it.
      const overwroteOurs =
        !ownVersion &&
        !!link?.pushedVersion &&
        link.pushedVersion === link.serverVersion &&
        local.updatedAt === link.syncedVersion &&
        !(remote.seen !== undefined && remote.seen >= link.pushedVersion);
      if (unsyncedLocalEdit || overwroteOurs) {
        await keepConflictCopy(db, { table: remote.table, recordId: local.id, at: nowIso, kept: 'remote', keptVersion: incoming.updatedAt, losing: local });
      }
      await table.put(withLocalMedia({ ...incoming, crm: seenLink }, local, mediaFields));
      if (unsyncedLocalEdit) await db.outbox.update(entry.id, { status: 'done', createSentAt: undefined, lastError: undefined, attempts: 0, updatedAt: nowIso });
      return unsyncedLocalEdit || overwroteOurs ? 'conflict-remote-kept' : 'updated';
    }

    // Ours wins. The CRM's version is kept as a copy unless this device wrote it (an older push of
    // its own), and ours goes out (again) to replace it.
    if (!ownVersion) await keepConflictCopy(db, { table: remote.table, recordId: local.id, at: nowIso, kept: 'local', keptVersion: local.updatedAt, losing: incoming });
    await table.update(local.id, { crm: seenLink });
    if (!unsyncedLocalEdit) await enqueue(db, remote.table, local.id, local.updatedAt, local.deletedAt ? 'delete' : 'upsert', nowIso);
    if (ownVersion) return unsyncedLocalEdit ? 'unchanged' : 'requeued';
    return 'conflict-local-kept';
  });
}

function later(a: string | undefined, b: string): string {
  return a !== undefined && a > b ? a : b;
}

/**
 * The order of two versions of one record, the same on every device: the later `updatedAt`, and
 * for two stamped with the same millisecond, the larger canonical content (media left out: a
 * pulled copy never carries them). 0: the same version.
 */
export function compareVersions(a: SyncedRecord, b: SyncedRecord, mediaFields: readonly string[] = []): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? 1 : -1;
  const [ca, cb] = [canonicalContent(a, mediaFields), canonicalContent(b, mediaFields)];
  return ca === cb ? 0 : ca > cb ? 1 : -1;
}

function canonicalContent(record: SyncedRecord, mediaFields: readonly string[]): string {
  const { crm: _crm, ...content } = record;
  for (const field of mediaFields) delete content[field];
  return JSON.stringify(content, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : value,
  );
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
