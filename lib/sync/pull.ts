/**
 * Incremental pulls, paged by CRM modification time. The cursor is stored after every page, so a
 * worker stopped mid-pull resumes from the last merged page instead of starting over.
 */
import type { FieldkitDatabase } from '../store/database';
import type { CrmPort, RemoteRecord } from '../crm/port';
import { ATTACHED, WRITTEN_BY, WriterStamp } from './device';
import { mergeRemoteRecord, type IncomingRecord, type MergeOutcome } from './merge';
import { mergeRemoteDealer } from '../dealers/remote';
import { updateSyncState, readSyncState, writeProgress } from './state';
import { readSetting } from '../store/settings';
import { newId } from '../kernel/ids';
import { ownerIdOf } from './outgoing';

export interface PullContext {
  now: () => number;
  /** Paces and counts each CRM call (the engine's rate-limit window). */
  call: <T>(request: () => Promise<T>) => Promise<T>;
  /** Show a progress bar (first pulls can be thousands of items). */
  showProgress?: boolean;
}

export interface PullSummary {
  requests: number;
  outcomes: Partial<Record<MergeOutcome | 'dealers', number>>;
}

function later(a: string | undefined, b: string): string {
  return a && a > b ? a : b;
}

export async function pullRecords(db: FieldkitDatabase, port: CrmPort, context: PullContext): Promise<PullSummary> {
  const summary: PullSummary = { requests: 0, outcomes: {} };
  const since = (await readSyncState(db)).cursors.records;
  let after: string | undefined;
  let merged = 0;
  do {
    const page = await context.call(() => port.pullRecords(since, after));
    summary.requests += 1;
    let cursor: string | undefined;
    for (const remote of page.items) {
      const incoming = incomingOf(db, remote);
      const outcome = incoming ? await mergeRemoteRecord(db, incoming, context.now()) : 'invalid';
      summary.outcomes[outcome] = (summary.outcomes[outcome] ?? 0) + 1;
      cursor = later(cursor, remote.modifiedAt);
    }
    merged += page.items.length;
    if (cursor) await updateSyncState(db, (s) => void (s.cursors.records = later(s.cursors.records, cursor)));
    if (context.showProgress && page.total) await writeProgress(db, { phase: 'pull', done: merged, total: page.total });
    after = page.after;
  } while (after);
  if (context.showProgress) await writeProgress(db, undefined);
  await pullDeletions(db, port, context, summary);
  // A complete pull is a sync too: a device that only reads (a manager's) is not "never synced".
  await updateSyncState(db, (s) => void (s.lastSuccessAt = new Date(context.now()).toISOString()));
  return summary;
}

/** A sweep over every linked record starts at most this often… */
export const DELETIONS_EVERY_MS = 15 * 60_000;
/** …and reads at most this many records' notes per pull (100 per request), resuming where it stopped. */
const DELETIONS_PER_PULL = 500;
const READ_BATCH = 100;

/**
 * Deletions made on another device after this one last pulled: the note was updated with its
 * tombstone and then archived, and search never returns archived notes. So the linked, live
 * records are read back among the archived notes, a slice per pull, round robin over every
 * activity table; an archived note that carries a tombstone is merged like any pulled version
 * (the conflict rule still keeps an unsynced local edit). A note archived in HubSpot without a
 * tombstone was deleted by a HubSpot user: someone else's record (a read copy here) goes too,
 * locally only; the user's own record stays, and its next edit offers the ways out.
 */
async function pullDeletions(db: FieldkitDatabase, port: CrmPort, context: PullContext, summary: PullSummary): Promise<void> {
  if (!port.readArchivedRecords) return;
  const state = await readSyncState(db);
  if (!state.deletionsCursor && state.deletionsCheckedAt !== undefined && context.now() - state.deletionsCheckedAt < DELETIONS_EVERY_MS) return;
  const tables = [...db.kinds.values()].filter((k) => k.crm?.home === 'activity').map((k) => k.table).sort();
  const [fromTable, fromId] = state.deletionsCursor ? (state.deletionsCursor.split(':') as [string, string]) : [tables[0], undefined];
  const picked: { table: string; id: string; crmId: string }[] = [];
  let finished = true;
  for (const table of tables.filter((t) => !fromTable || t >= fromTable)) {
    const keys = table === fromTable && fromId ? db.table(table).where(':id').above(fromId) : db.table(table).toCollection();
    const rows = (await keys
      .filter((row: { crm?: { objectId: string }; deletedAt?: string }) => row.crm !== undefined && !row.deletedAt)
      .limit(DELETIONS_PER_PULL - picked.length)
      .toArray()) as { id: string; crm: { objectId: string } }[];
    picked.push(...rows.map((row) => ({ table, id: row.id, crmId: row.crm.objectId })));
    if (picked.length >= DELETIONS_PER_PULL) {
      finished = false;
      break;
    }
  }
  for (let i = 0; i < picked.length; i += READ_BATCH) {
    const slice = picked.slice(i, i + READ_BATCH);
    const archived = await context.call(() => port.readArchivedRecords!(slice.map((p) => p.crmId)));
    summary.requests += 1;
    for (const remote of archived) {
      if (!(remote.record as { deletedAt?: unknown }).deletedAt) {
        const copy = slice.find((p) => p.crmId === remote.crmId);
        if (copy && (await dropReadCopy(db, copy.table, copy.id, context.now()))) summary.outcomes.updated = (summary.outcomes.updated ?? 0) + 1;
        continue;
      }
      const incoming = incomingOf(db, remote);
      const outcome = incoming ? await mergeRemoteRecord(db, incoming, context.now()) : 'invalid';
      summary.outcomes[outcome] = (summary.outcomes[outcome] ?? 0) + 1;
    }
  }
  const last = picked.at(-1);
  await updateSyncState(db, (s) => {
    s.deletionsCursor = finished || !last ? undefined : `${last.table}:${last.id}`;
    if (finished) s.deletionsCheckedAt = context.now();
  });
}

export async function pullDealers(db: FieldkitDatabase, port: CrmPort, context: PullContext): Promise<PullSummary> {
  const summary: PullSummary = { requests: 0, outcomes: {} };
  const since = (await readSyncState(db)).cursors.dealers;
  let after: string | undefined;
  let merged = 0;
  do {
    const page = await context.call(() => port.pullDealers(since, after));
    summary.requests += 1;
    let cursor: string | undefined;
    for (const remote of page.items) {
      await mergeRemoteDealer(db, remote, context.now());
      cursor = later(cursor, remote.modifiedAt);
    }
    merged += page.items.length;
    summary.outcomes.dealers = merged;
    if (cursor) await updateSyncState(db, (s) => void (s.cursors.dealers = later(s.cursors.dealers, cursor)));
    if (context.showProgress && page.total) await writeProgress(db, { phase: 'pull', done: merged, total: page.total });
    after = page.after;
  } while (after);
  if (context.showProgress) await writeProgress(db, undefined);
  return summary;
}

/** Resolves a pulled record's kind to its table and takes the writer's device stamp off it. */
function incomingOf(db: FieldkitDatabase, remote: RemoteRecord): IncomingRecord | undefined {
  const kind = [...db.kinds.values()].find((k) => k.name === remote.kind);
  if (!kind) return undefined;
  // Neither stamp is part of the record: the device id feeds the conflict rule, the list of
  // media sent as attachments says the record has them though its copy does not.
  const { [WRITTEN_BY]: stamp, [ATTACHED]: _attached, ...record } = remote.record;
  // A stamp that does not parse (hand-edited, or from a future version) only costs the conflict
  // rule its hints: the record itself still merges.
  const writer = WriterStamp.safeParse(stamp);
  return {
    table: kind.table,
    crmId: remote.crmId,
    objectType: remote.objectType,
    modifiedAt: remote.modifiedAt,
    record: record as IncomingRecord['record'],
    ...(writer.success ? { writtenBy: writer.data.device, ...(writer.data.seen ? { seen: writer.data.seen } : {}) } : {}),
  };
}

/**
 * Someone else's record whose note a HubSpot user deleted: tombstoned here, never sent (it is not
 * ours to send). "Someone else's" means authored by another CRM owner: a record written before
 * this device connected carries no owner id and is never dropped (it may be this user's own).
 */
async function dropReadCopy(db: FieldkitDatabase, table: string, id: string, now: number): Promise<boolean> {
  const me = (await readSetting(db, 'profile')).id;
  return db.transaction('rw', [db.table(table), db.outbox, db.audit], async () => {
    const local = (await db.table(table).get(id)) as { id: string; author?: { id: string }; deletedAt?: string } | undefined;
    if (!local || local.deletedAt || !local.author || !ownerIdOf(local.author.id) || local.author.id === me) return false;
    if ((await db.outbox.where('[table+recordId]').equals([table, id]).filter((e) => e.status !== 'done').count()) > 0) return false;
    const at = new Date(now).toISOString();
    await db.table(table).put({ ...local, deletedAt: at });
    await db.audit.add({ id: newId(), at, actor: 'sync', action: 'delete', table, recordId: id, summary: `read copy ${id} removed: its note was deleted in HubSpot` });
    return true;
  });
}

