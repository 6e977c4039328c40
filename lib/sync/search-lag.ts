/**
 * HubSpot's search is eventually consistent: a note written a moment ago may not be found for
 * seconds. A lookup that misses is therefore only trusted once the create it looks for is older
 * than this bound; until then the entry waits (docs/sync.md, "Idempotency").
 */
import type { FieldkitDatabase } from '../store/database';
import type { OutboxEntry } from '../store/outbox';

/**
 * HubSpot documents the lag only as "a few seconds"; integrators advise waiting 10 s after a create
 * and up to 60 s after an update before trusting search. A lost create waits this long before
 * its lookup may be believed: one minute of delay on a rare path, against a duplicate note.
 */
export const SEARCH_LAG_BOUND_MS = 60_000;

/** When a lookup for this entry's create may be trusted (undefined: no create was ever sent). */
export function lookupTrustedAt(entry: Pick<OutboxEntry, 'createSentAt'>, boundMs: number): number | undefined {
  return entry.createSentAt ? Date.parse(entry.createSentAt) + boundMs : undefined;
}

/**
 * Puts entries whose lookup missed too early back in the queue, due when the lookup can be
 * trusted. `createSentAt` stays, so the next try looks the record up again before any create.
 */
export async function holdUntilSearchable(db: FieldkitDatabase, holds: { entryId: string; until: number }[], now: number): Promise<void> {
  if (holds.length === 0) return;
  await db.transaction('rw', db.outbox, async () => {
    const entries = await db.outbox.bulkGet(holds.map((h) => h.entryId));
    const writes: OutboxEntry[] = [];
    entries.forEach((entry, i) => {
      // Only our own claim: anything else changed it since and decides for itself.
      if (!entry || entry.status !== 'inFlight') return;
      writes.push({ ...entry, status: 'pending', nextAttemptAt: new Date(holds[i]!.until).toISOString(), updatedAt: new Date(now).toISOString() });
    });
    await db.outbox.bulkPut(writes);
  });
}

/**
 * Creates sent again after a miss that could be trusted: search lag now counts from this send, not
 * the first one (else a lost answer to this send would be looked up too early and doubled). Written
 * before the create leaves, like the first stamp (./batch.ts).
 */
export async function restampCreates(db: FieldkitDatabase, entryIds: string[], now: number): Promise<void> {
  if (entryIds.length === 0) return;
  const sentAt = new Date(now).toISOString();
  await db.transaction('rw', db.outbox, async () => {
    const entries = await db.outbox.bulkGet(entryIds);
    // Only our own claim: anything else changed it since and decides for itself.
    const ours = entries.filter((entry): entry is OutboxEntry => entry !== undefined && entry.status === 'inFlight');
    await db.outbox.bulkPut(ours.map((entry) => ({ ...entry, createSentAt: sentAt })));
  });
}
