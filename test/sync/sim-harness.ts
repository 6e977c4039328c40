/**
 * The engine against the real HubSpot adapter and the in-process simulator: what the fault suite,
 * the simulator tests and the bench share.
 */
import { createHubSpotAdapter, hubSpotConnector } from '../../lib/crm/hubspot';
import { keyOfBody } from '../../lib/crm/hubspot/note-body';
import { createSyncService, type SyncServiceOptions } from '../../lib/sync/service';
import type { StoredConnection } from '../../lib/sync/connection';
import type { CrmPort } from '../../lib/crm/port';
import type { FieldkitDatabase } from '../../lib/store/database';
import { WRITTEN_BY } from '../../lib/sync/device';
import type { HubSpotSim } from '../../sim/server';
import type { SimObject } from '../../sim/types';
import { virtualClock } from './fake-port';

export const SIM_TOKEN = 'sync-test-token';

/** The time a test drives: the engine's, the adapter's search pacing and (via `sim.setClock`) the portal's. */
export interface TestClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * The real adapter on the simulator. With `clock`, it paces its searches (5 a second) on that clock,
 * the one the portal counts them on, instead of on real time.
 */
export function adapterFor(sim: HubSpotSim, token = SIM_TOKEN, clock?: TestClock): CrmPort {
  return createHubSpotAdapter({ baseUrl: sim.url, token, timeoutMs: 5_000, ...(clock ? { now: clock.now, sleep: clock.sleep } : {}) });
}

/**
 * Puts the portal on a fresh virtual clock (the real time now) and returns it: its timestamps,
 * search lag and search limit then follow the test's time, so waiting them out costs nothing.
 * Set before `sim.reset()`, so the reset portal stamps its seed on the new clock too.
 */
export function portalOnVirtualTime(sim: HubSpotSim): ReturnType<typeof virtualClock> {
  const clock = virtualClock(Date.now());
  sim.setClock(clock.now);
  return clock;
}

/**
 * Real time that a test can move ahead. For a sync service that may have to wait (a 429's second,
 * an entry saved at real time and due a moment later): its engine waits on real timers, so its
 * clock must keep moving meanwhile, which a virtual one does not. Pass `now` to the simulator
 * (`clock` option or `setClock`) and to `syncServiceOn`; it never goes back.
 */
export function realTimeAhead() {
  let ahead = 0;
  return {
    now: () => Date.now() + ahead,
    sleep: (ms: number) => new Promise<void>((done) => setTimeout(done, ms)),
    advance: (ms: number) => void (ahead += ms),
  };
}

/**
 * Long enough for what the portal was just sent to reach its search index, and for a new search
 * second to start: what a device that syncs a few seconds after another one finds.
 */
export function searchCaughtUp(sim: HubSpotSim): number {
  return sim.config.strict.searchLagMs + 1_000;
}

/** A device's background as the host builds it: the sync service, with its token kept in memory and no alarm. */
export function syncServiceOn(db: FieldkitDatabase, options: Partial<SyncServiceOptions> = {}) {
  let stored: StoredConnection | undefined;
  return createSyncService({
    db,
    crm: hubSpotConnector,
    connections: { load: async () => stored, save: async (c) => void (stored = c), clear: async () => void (stored = undefined) },
    schedule: { start: async () => undefined, stop: async () => undefined },
    ...options,
  });
}

export function portFor(sim: HubSpotSim, _db?: FieldkitDatabase, clock?: TestClock) {
  return adapterFor(sim, SIM_TOKEN, clock);
}

/** Live notes that carry a Fieldkit record, grouped by local id (upper-case, as stored locally). */
export function notesByLocalId(sim: HubSpotSim): Map<string, SimObject[]> {
  const byId = new Map<string, SimObject[]>();
  for (const note of sim.state.list('notes')) {
    const id = note.properties.fieldkit_record_id?.toUpperCase();
    if (!id) continue;
    byId.set(id, [...(byId.get(id) ?? []), note]);
  }
  return byId;
}

/** The structured record a note carries, as another Fieldkit would read it. */
export function payloadOf(note: SimObject): Record<string, unknown> {
  const { [WRITTEN_BY]: _device, ...record } = JSON.parse(note.properties.fieldkit_payload ?? 'null') as Record<string, unknown>;
  return record;
}

/** A local record as it must appear in the CRM: everything but the local link to the CRM. */
export function withoutLink<T extends { crm?: unknown }>(record: T): Omit<T, 'crm'> {
  const { crm: _crm, ...rest } = record;
  return JSON.parse(JSON.stringify(rest)) as Omit<T, 'crm'>;
}

/** Live notes that carry a Fieldkit record in their body (body mode), grouped by local id. */
export function notesByBodyKey(sim: HubSpotSim): Map<string, SimObject[]> {
  const byId = new Map<string, SimObject[]>();
  for (const note of sim.state.list('notes')) {
    const id = keyOfBody(note.properties.hs_note_body);
    if (!id) continue;
    byId.set(id, [...(byId.get(id) ?? []), note]);
  }
  return byId;
}
