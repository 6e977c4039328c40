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
 * tombstone is not a Fieldkit deletion: the record stays, and its next edit offers the ways out.
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
      if (!(remote.record as { deletedAt?: unknown }).deletedAt) continue;
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
