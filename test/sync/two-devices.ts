/**
 * Two devices of one rep sharing one portal: each its own Dexie database (its own IDBFactory) and
 * its own clock, which may be skewed against the other's; both talk to ONE simulator through the
 * real HubSpot adapter. Used by the convergence fault test.
 */
import { saveRecord } from '../../lib/store/records';
import type { FieldkitDatabase } from '../../lib/store/database';
import { SyncEngine, type SyncEngineOptions } from '../../lib/sync/engine';
import type { HubSpotSim } from '../../sim/server';
import { freshDatabase, REP } from '../fixtures/records';
import { portFor } from './sim-harness';

/**
 * Virtual time every device shares; a device reads it through its own skew. It starts at the real
 * time, which the simulator stamps its versions with: an unskewed device agrees with HubSpot.
 */
export interface SharedTime {
  now: () => number;
  advance: (ms: number) => void;
}

/** Where the last shared time got to: a portal's clock never goes back, so the next one starts after it. */
let latest = 0;

export function sharedTime(start = Math.max(Date.now(), latest + 1_000)): SharedTime {
  let now = start;
  latest = Math.max(latest, now);
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
      latest = Math.max(latest, now);
    },
  };
}

export interface Device {
  name: string;
  db: FieldkitDatabase;
  /** This device's wall clock: the shared time plus its skew. */
  now: () => number;
  skewMs: number;
  engine: (options?: Partial<SyncEngineOptions>) => SyncEngine;
  /** Saves a new `note` on a visit card at this device's clock (the edit's own `updatedAt`). */
  editNote: (id: string, note: string, at?: number) => Promise<void>;
}

export function device(name: string, sim: HubSpotSim, time: SharedTime, skewMs = 0, random: () => number = Math.random): Device {
  const db = freshDatabase(`${name}-${Math.floor(random() * 1e9)}`);
  const now = () => time.now() + skewMs;
  return {
    name,
    db,
    now,
    skewMs,
    engine: (options = {}) =>
      new SyncEngine({
        db,
        port: portFor(sim, db),
        now,
        // Sleeping (a backoff, a Retry-After) lets shared time pass for everyone.
        sleep: async (ms) => time.advance(ms),
        random,
        ...options,
      }),
    editNote: async (id, note, at) => {
      const current = await db.visitCards.get(id);
      if (!current) throw new Error(`${name} has no visit card ${id}`);
      await saveRecord(db, 'visitCards', { ...current, note }, { author: REP, now: new Date(at ?? now()) });
    },
  };
}

/** Open outbox entries: what a device still has to push. */
export async function openEntries(db: FieldkitDatabase): Promise<number> {
  return db.outbox.where('status').anyOf('pending', 'inFlight', 'needsAttention').count();
}

/**
 * Puts the portal on the devices' shared time, when the simulator has a settable clock: its
 * timestamps, search lag and search limit then follow virtual time, so a lag of seconds costs no
 * real waiting and an unskewed device agrees with HubSpot.
 */
export function portalOnSharedTime(sim: HubSpotSim, time: SharedTime): void {
  (sim as HubSpotSim & { setClock?: (clock: () => number) => void }).setClock?.(time.now);
}
