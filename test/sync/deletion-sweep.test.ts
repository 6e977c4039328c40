/**
 * A deletion made on another device reaches this one even when it pulls only after the archive:
 * search never returns archived notes, so the pull reads the linked records back among the
 * archived notes (lib/sync/pull.ts, `pullDeletions`), against the simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteRecord, saveRecord } from '../../lib/store/records';
import { SyncEngine } from '../../lib/sync/engine';
import { readSyncState } from '../../lib/sync/state';
import { DELETIONS_EVERY_MS } from '../../lib/sync/pull';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { archiveObject } from '../../sim/write';
import { freshDatabase, intelDraft } from '../fixtures/records';
import { readSetting, writeSetting } from '../../lib/store/settings';
import { virtualClock } from './fake-port';
import { adapterFor, portFor, SIM_TOKEN } from './sim-harness';

/** CRM owners: the rep who writes the items, and the manager whose laptop holds read copies. */
const REP = { id: '101', name: '张伟' };

let sim: HubSpotSim;
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 10_000_000 });
});
afterAll(() => sim.close());

describe('deletions made on another device', () => {
  it("reach a device that pulls only after the archive; a note a HubSpot user deleted takes a manager's read copy, never the author's record", async () => {
    const clock = virtualClock(Date.now());
    sim.setClock(clock.now);
    await adapterFor(sim).ensureSchema();
    // The rep's phone (the author) and a manager's laptop (read copies).
    const phone = freshDatabase('sweep-phone');
    const laptop = freshDatabase('sweep-laptop');
    await writeSetting(phone, 'profile', { ...(await readSetting(phone, 'profile')), id: REP.id, name: REP.name });
    await writeSetting(laptop, 'profile', { ...(await readSetting(laptop, 'profile')), id: '102', name: '王强', role: 'manager' });
    const engine = (db: typeof phone) => new SyncEngine({ db, port: portFor(sim, db), now: clock.now, sleep: clock.sleep, maxInlineWaitMs: 0 });

    const items = [];
    for (let i = 0; i < 7; i++) {
      clock.advance(1_000);
      items.push(await saveRecord(phone, 'intelItems', intelDraft({ sourceText: `item ${i}` }), { author: REP, now: new Date(clock.now()) }));
    }
    await engine(phone).drain();
    clock.advance(60_000);
    await engine(laptop).pull('records');
    expect(await laptop.intelItems.count()).toBe(7);

    // On the phone, the rep deletes two items; their notes get the tombstone, then are archived.
    for (const item of items.slice(0, 2)) {
      clock.advance(1_000);
      await deleteRecord(phone, 'intelItems', item.id, { author: REP, now: new Date(clock.now()) });
    }
    await engine(phone).drain();
    // Someone deletes a third note in HubSpot itself (no tombstone in it).
    const third = (await phone.intelItems.get(items[2]!.id))!.crm!.objectId;
    archiveObject(sim.state, 'notes', third);

    clock.advance(DELETIONS_EVERY_MS + 60_000);
    sim.clearRequests();
    await engine(laptop).pull('records');
    const deleted = (await laptop.intelItems.toArray()).filter((item) => item.deletedAt).map((item) => item.id);
    expect(deleted.sort()).toEqual(items.slice(0, 3).map((item) => item.id).sort());
    expect(sim.requests.filter((r) => r.path === '/crm/v3/objects/notes/batch/read' && r.query.archived === 'true')).toHaveLength(1);
    // The laptop has nothing to send back for them.
    expect(await laptop.outbox.where('status').anyOf('pending', 'inFlight').count()).toBe(0);
    // The author's own record stays on the phone: its next edit offers "create again" or "delete here too".
    clock.advance(60_000);
    sim.clearRequests();
    await engine(phone).pull('records');
    expect((await phone.intelItems.get(items[2]!.id))!.deletedAt).toBeUndefined();

    // The sweep is not repeated on every pull: once per DELETIONS_EVERY_MS.
    sim.clearRequests();
    clock.advance(60_000);
    await engine(laptop).pull('records');
    expect(sim.requests.filter((r) => r.path === '/crm/v3/objects/notes/batch/read')).toEqual([]);
    expect((await readSyncState(laptop)).deletionsCheckedAt).toBeDefined();
  });
});
