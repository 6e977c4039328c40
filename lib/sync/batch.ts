/**
 * The two Dexie transactions around every push: `claimBatch` marks the entries in flight (and
 * stamps `createSentAt` on creates) BEFORE anything is sent; `settleBatch` writes the CRM link and
 * the entry's new state together AFTER the answer. A worker stopped between the two leaves entries
 * whose `createSentAt` forces a lookup before any second create, so no CRM object is ever doubled.
 */
import { Dexie } from 'dexie';
import type { FieldkitDatabase } from '../store/database';
import type { OutboxEntry, SyncedTable } from '../store/outbox';
import type { CrmError } from '../crm/errors';
import type { SyncedRecord } from '../crm/port';
import { lastErrorOf, outcomeOfFailure, type FailurePolicy } from './classify';

export interface ClaimedEntry {
  entryId: string;
  table: SyncedTable;
  record: SyncedRecord;
  /** The record version being sent; the entry is done only if nothing newer was saved since. */
  sentVersion: string;
  /** Set when the CRM object is known: the push is an update. */
  crmId?: string;
  /** A create was sent before and its answer may be lost: look it up before creating again. */
  needsLookup: boolean;
  attempts: number;
}

/** Answers that mean HubSpot refused the request: nothing was written. */
const REFUSALS = new Set<CrmError['kind']>(['unauthorized', 'forbidden', 'rate-limited', 'validation', 'not-found', 'conflict', 'deleted-in-crm', 'dealer-gone']);

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Entries that may be tried now: pending ones, and in-flight ones a stopped drain left behind. */
export async function dueEntries(db: FieldkitDatabase, now: number, limit: number): Promise<OutboxEntry[]> {
  const upTo = iso(now);
  const range = (status: OutboxEntry['status']) =>
    db.outbox.where('[status+nextAttemptAt]').between([status, Dexie.minKey], [status, upTo], true, true).limit(limit).toArray();
  const [pending, stale] = await Promise.all([range('pending'), range('inFlight')]);
  return [...stale, ...pending].sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt)).slice(0, limit);
}

export async function countOpen(db: FieldkitDatabase): Promise<number> {
  // Two equality counts: `anyOf` walks the index entry by entry and is much slower.
  const [pending, inFlight] = await Promise.all([db.outbox.where('status').equals('pending').count(), db.outbox.where('status').equals('inFlight').count()]);
  return pending + inFlight;
}

/** The earliest instant an open entry becomes due, to schedule the next wake-up. */
export async function nextDueAt(db: FieldkitDatabase): Promise<number | undefined> {
  const firsts = await Promise.all(
    (['pending', 'inFlight'] as const).map((status) =>
      db.outbox.where('[status+nextAttemptAt]').between([status, Dexie.minKey], [status, Dexie.maxKey]).first(),
    ),
  );
  const times = firsts.filter((e): e is OutboxEntry => !!e).map((e) => Date.parse(e.nextAttemptAt));
  return times.length ? Math.min(...times) : undefined;
}

/**
 * Marks the entries in flight and returns what to send. `holdMs` keeps an in-flight entry from
 * being picked again until its request has certainly finished or timed out.
 */
export async function claimBatch(db: FieldkitDatabase, entries: OutboxEntry[], now: number, holdMs: number): Promise<ClaimedEntry[]> {
  const tables = [...new Set(entries.map((e) => e.table))];
  const writesDealerFields = tables.some((t) => db.kinds.get(t)?.crm?.home === 'dealerFields');
  const stores = [...new Set([...tables, ...(writesDealerFields ? ['dealers'] : [])])];
  return db.transaction('rw', [db.outbox, ...stores.map((t) => db.table(t))], async () => {
    const claimed: ClaimedEntry[] = [];
    const nowIso = iso(now);
    // Bulk reads and one bulk write: a batch is one round of IndexedDB requests, not hundreds.
    const fresh = (await db.outbox.bulkGet(entries.map((e) => e.id))).filter(
      (e): e is OutboxEntry => !!e && (e.status === 'pending' || e.status === 'inFlight'),
    );
    const records = await recordsOf(db, fresh);
    const companies = writesDealerFields ? await linkedCompaniesOf(db, fresh, records) : new Map<string, string>();
    const writes: OutboxEntry[] = [];
    for (const entry of fresh) {
      const record = records.get(`${entry.table}:${entry.recordId}`);
      const mapping = db.kinds.get(entry.table)?.crm;
      if (mapping?.home === 'dealerFields') {
        // Fields on the dealer's CRM record: an update of an object that exists, so there is no
        // create to stamp and nothing to look up. A row gone or tombstoned, or a dealer no longer
        // linked (or deleted), has nowhere to go.
        const company = record && !record.deletedAt ? companies.get(mapping.dealerIdOf(record as never)) : undefined;
        if (!record || !company) {
          writes.push({ ...entry, status: 'done', updatedAt: nowIso });
          continue;
        }
        const { createSentAt: _sent, ...rest } = entry;
        writes.push({ ...rest, status: 'inFlight', nextAttemptAt: iso(now + holdMs), updatedAt: nowIso });
        claimed.push({ entryId: entry.id, table: entry.table, record, sentVersion: record.updatedAt, needsLookup: false, attempts: entry.attempts });
        continue;
      }
      const crmId = record?.crm?.objectId;
      const localOnlyDealer = !crmId && db.kinds.get(entry.table)?.crm?.home === 'dealer';
      if (!record || (record.deletedAt && !crmId && !entry.createSentAt) || localOnlyDealer) {
        // Nothing to write: the record is gone, was deleted before it ever reached the CRM, or is
        // a dealer added in Fieldkit that no CRM dealer is linked to yet (dealers come from the CRM).
        writes.push({ ...entry, status: 'done', updatedAt: nowIso });
        continue;
      }
      const needsLookup = !crmId && !!entry.createSentAt;
      writes.push({
        ...entry,
        status: 'inFlight',
        nextAttemptAt: iso(now + holdMs),
        updatedAt: nowIso,
        ...(!crmId && !entry.createSentAt ? { createSentAt: nowIso } : {}),
      });
      claimed.push({ entryId: entry.id, table: entry.table, record, sentVersion: record.updatedAt, crmId, needsLookup, attempts: entry.attempts });
    }
    await db.outbox.bulkPut(writes);
    return claimed;
  });
}

/** Dealer id → the CRM id of its dealer record, for the live, linked dealers `dealerFields` records name. */
async function linkedCompaniesOf(db: FieldkitDatabase, entries: OutboxEntry[], records: Map<string, SyncedRecord>): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const entry of entries) {
    const mapping = db.kinds.get(entry.table)?.crm;
    const record = records.get(`${entry.table}:${entry.recordId}`);
    if (mapping?.home === 'dealerFields' && record) ids.add(mapping.dealerIdOf(record as never));
  }
  const dealers = ids.size > 0 ? await db.dealers.bulkGet([...ids]) : [];
  return new Map(dealers.flatMap((d) => (d?.crm && !d.deletedAt ? [[d.id, d.crm.objectId] as const] : [])));
}

async function recordsOf(db: FieldkitDatabase, entries: { table: SyncedTable; recordId: string }[]): Promise<Map<string, SyncedRecord>> {
  const byTable = new Map<SyncedTable, string[]>();
  for (const e of entries) byTable.set(e.table, [...(byTable.get(e.table) ?? []), e.recordId]);
  const out = new Map<string, SyncedRecord>();
  for (const [table, ids] of byTable) {
    const rows = (await db.table(table).bulkGet(ids)) as (SyncedRecord | undefined)[];
    rows.forEach((row, i) => row && out.set(`${table}:${ids[i]}`, row));
  }
  return out;
}

/** `crmId` absent on success: nothing to write (a record deleted before it ever reached the CRM). */
/**
 * `attachmentError`: the record was written but its attachments were not; the link is kept and
 * the entry retried (transient) or parked with the reason (a missing scope, a file too large).
 */
/** `modifiedAt`: the CRM's last-modified time of what was written (a server version, lib/sync/merge.ts). */
export type Settlement = { ok: true; crmId?: string; objectType?: string; modifiedAt?: string; attachmentError?: CrmError } | { ok: false; error: CrmError };

export interface SettleSummary {
  succeeded: number;
  retried: number;
  parked: number;
  paused: boolean;
  /** Longest wait a 429 asked for, to hold every further call. */
  retryAfterMs?: number;
}

/** Applies the CRM's answers, one per claimed entry, in a single transaction. */
export async function settleBatch(
  db: FieldkitDatabase,
  outcomes: { claim: ClaimedEntry; result: Settlement }[],
  now: number,
  random: () => number,
  policy: FailurePolicy,
): Promise<SettleSummary> {
  const summary: SettleSummary = { succeeded: 0, retried: 0, parked: 0, paused: false };
  const tables = [...new Set(outcomes.map((o) => o.claim.table))];
  const nowIso = iso(now);
  await db.transaction('rw', [db.outbox, ...tables.map((t) => db.table(t))], async () => {
    const entries = await db.outbox.bulkGet(outcomes.map((o) => o.claim.entryId));
    const linked = outcomes.filter((o) => o.result.ok && o.result.crmId);
    const records = await recordsOf(db, linked.map((o) => ({ table: o.claim.table, recordId: o.claim.record.id })));
    const entryWrites: OutboxEntry[] = [];
    const recordWrites = new Map<SyncedTable, SyncedRecord[]>();

    outcomes.forEach(({ claim, result }, i) => {
      const entry = entries[i];
      if (!entry) return;
      const editedSince = entry.recordVersion > claim.sentVersion;
      if (result.ok) {
        summary.succeeded += 1;
        const record = records.get(`${claim.table}:${claim.record.id}`);
        if (result.crmId && record) {
          // Only the link changes: a newer edit saved meanwhile keeps its content and version.
          const crm = {
            objectType: result.objectType ?? claim.record.crm?.objectType ?? '',
            objectId: result.crmId,
            syncedAt: nowIso,
            syncedVersion: claim.sentVersion,
            // Server versions, compared only with server versions by the merge (never a device clock).
            ...(result.modifiedAt ? { serverVersion: result.modifiedAt, pushedVersion: result.modifiedAt } : {}),
            ...(record.crm?.seenVersion ? { seenVersion: record.crm.seenVersion } : {}),
          };
          recordWrites.set(claim.table, [...(recordWrites.get(claim.table) ?? []), { ...record, crm }]);
        }
        const { createSentAt: _sent, lastError: _error, ...rest } = entry;
        if (result.attachmentError) {
          // The record is in the CRM (its link above is written, so the next try is an update);
          // only its attachments still have to get there.
          entryWrites.push(attachmentRetry(rest, result.attachmentError, editedSince, summary, now, random, policy));
          return;
        }
        // An edit saved while the push was in flight still has to go out.
        entryWrites.push({ ...rest, status: editedSince ? 'pending' : 'done', nextAttemptAt: nowIso, attempts: 0, updatedAt: nowIso });
        return;
      }
      const outcome = outcomeOfFailure(result.error, entry.attempts, random, policy);
      const lastError = lastErrorOf(result.error, nowIso);
      // A create HubSpot answered with a refusal certainly did not happen: the next try creates
      // without a lookup (and without waiting out the search lag, ./search-lag.ts). A lost or 5xx
      // answer, or a failed lookup, proves nothing, so `createSentAt` stays.
      const refusedCreate = !claim.crmId && !claim.needsLookup && REFUSALS.has(result.error.kind);
      const { createSentAt: _sent, ...withoutSent } = entry;
      const failed: OutboxEntry = refusedCreate ? withoutSent : entry;
      if (outcome.action === 'pause') {
        summary.paused = true;
        entryWrites.push({ ...failed, status: 'pending', nextAttemptAt: nowIso, lastError, updatedAt: nowIso });
      } else if (outcome.action === 'park' && !editedSince) {
        summary.parked += 1;
        entryWrites.push({ ...failed, status: 'needsAttention', attempts: entry.attempts + 1, lastError, updatedAt: nowIso });
      } else {
        // A parked error on a version the user has since edited may be fixed: try the new one.
        const delayMs = outcome.action === 'retry' ? outcome.delayMs : 0;
        const counts = outcome.action === 'retry' && outcome.countsAsAttempt;
        summary.retried += 1;
        if (result.error.kind === 'rate-limited') summary.retryAfterMs = Math.max(summary.retryAfterMs ?? 0, delayMs);
        entryWrites.push({
          ...failed,
          status: 'pending',
          nextAttemptAt: iso(now + delayMs),
          attempts: counts ? entry.attempts + 1 : entry.attempts,
          lastError,
          updatedAt: nowIso,
        });
      }
    });
    await db.outbox.bulkPut(entryWrites);
    for (const [table, rows] of recordWrites) await db.table(table).bulkPut(rows);
  });
  return summary;
}

/**
 * The entry of a record that reached the CRM without its attachments: retried like any failed
 * push (an outage backs off, a 429 waits), or parked with a message saying the record itself is
 * there (a missing scope, a refused file) so Retry in the sync panel attaches it once fixed.
 */
function attachmentRetry(
  entry: OutboxEntry,
  error: CrmError,
  editedSince: boolean,
  summary: SettleSummary,
  now: number,
  random: () => number,
  policy: FailurePolicy,
): OutboxEntry {
  const nowIso = iso(now);
  const outcome = outcomeOfFailure(error, entry.attempts, random, policy);
  const lastError = lastErrorOf(error, nowIso);
  if (outcome.action === 'park' && !editedSince) {
    summary.parked += 1;
    return { ...entry, status: 'needsAttention', attempts: entry.attempts + 1, lastError, updatedAt: nowIso };
  }
  if (outcome.action === 'pause') summary.paused = true;
  const delayMs = outcome.action === 'retry' ? outcome.delayMs : 0;
  if (error.kind === 'rate-limited' && delayMs > 0) summary.retryAfterMs = Math.max(summary.retryAfterMs ?? 0, delayMs);
  const counts = outcome.action === 'retry' && outcome.countsAsAttempt;
  return { ...entry, status: 'pending', nextAttemptAt: iso(now + delayMs), attempts: counts ? entry.attempts + 1 : entry.attempts, lastError, updatedAt: nowIso };
}

/** The "fix and retry" action: a parked entry goes back to the queue with fresh attempts. */
/**
 * "Create it again": the record's note was deleted in the CRM. The link to the dead note is
 * dropped and the entry becomes a fresh create (no lookup: the search never returns a deleted
 * note, and the record's author is asking for a new one). Only an entry parked for that reason.
 */
export async function recreateEntry(db: FieldkitDatabase, entryId: string, now: number): Promise<boolean> {
  const entry = await db.outbox.get(entryId);
  if (!entry) return false;
  return db.transaction('rw', [db.outbox, db.table(entry.table)], async () => {
    const current = await db.outbox.get(entryId);
    if (!current || current.status !== 'needsAttention' || current.lastError?.kind !== 'deleted-in-crm') return false;
    await db.table(entry.table).update(entry.recordId, { crm: undefined });
    const { createSentAt: _sent, lastError: _error, ...rest } = current;
    await db.outbox.put({ ...rest, status: 'pending', operation: 'upsert', attempts: 0, nextAttemptAt: iso(now), updatedAt: iso(now) });
    return true;
  });
}

/**
 * A record whose dealer's company was deleted in HubSpot, kept on this device instead of filed
 * under another dealer: its entry is settled without a CRM link, so sync stops asking. The record
 * stays here (and in backups); a later edit queues it again, and if its dealer is still gone it is
 * parked again with the same choices.
 */
export async function keepEntryLocal(db: FieldkitDatabase, entryId: string, now: number): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(entryId);
    if (!entry || entry.status !== 'needsAttention' || entry.lastError?.kind !== 'dealer-gone') return false;
    // The create was refused (not applied), so no lookup is owed for it.
    const { createSentAt: _sent, lastError: _error, ...rest } = entry;
    await db.outbox.put({ ...rest, status: 'done', attempts: 0, updatedAt: iso(now) });
    return true;
  });
}

export async function retryEntry(db: FieldkitDatabase, entryId: string, now: number): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(entryId);
    if (!entry || entry.status !== 'needsAttention') return false;
    await db.outbox.update(entryId, { status: 'pending', attempts: 0, nextAttemptAt: iso(now), updatedAt: iso(now) });
    return true;
  });
}
