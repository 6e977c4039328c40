/**
 * A persisted drain lease so two drains (alarm + message, or two extension pages) never push the
 * same entries at once. It lives in Dexie, not memory, because a stopped worker leaves no memory;
 * the expiry lets the next drain take over from a drain that died holding it.
 */
import type { FieldkitDatabase } from '../store/database';

export const LEASE_KEY = 'sync.lease';

interface Lease {
  owner: string;
  expiresAt: number;
}

/** Takes or renews the lease; false when another live owner holds it. */
export async function acquireLease(db: FieldkitDatabase, owner: string, now: number, ttlMs: number): Promise<boolean> {
  return db.transaction('rw', db.settings, async () => {
    const lease = (await db.settings.get(LEASE_KEY))?.value as Lease | undefined;
    if (lease && lease.owner !== owner && lease.expiresAt > now) return false;
    await db.settings.put({ key: LEASE_KEY, value: { owner, expiresAt: now + ttlMs } satisfies Lease });
    return true;
  });
}

export async function releaseLease(db: FieldkitDatabase, owner: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const lease = (await db.settings.get(LEASE_KEY))?.value as Lease | undefined;
    if (lease?.owner === owner) await db.settings.delete(LEASE_KEY);
  });
}

export async function isLeaseHeld(db: FieldkitDatabase, now: number): Promise<boolean> {
  const lease = (await db.settings.get(LEASE_KEY))?.value as Lease | undefined;
  return !!lease && lease.expiresAt > now;
}
