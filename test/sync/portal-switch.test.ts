/**
 * Connecting to another HubSpot portal than the one the records are linked to ([crm] item 5): two
 * simulated portals with the same seed, so object ids collide as they would between two real
 * portals (a link of portal A names some other object in portal B).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveRecord } from '../../lib/store/records';
import { readSetting } from '../../lib/store/settings';
import { readSyncState } from '../../lib/sync/state';
import { DEFAULT_SEED } from '../../sim/seed';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { freshDatabase, intelDraft } from '../fixtures/records';
import { notesByLocalId, realTimeAhead, searchCaughtUp, SIM_TOKEN, syncServiceOn } from './sim-harness';

const SENDER = { id: 'fieldkit-test' };
/** The device's and both portals' time: real, moved ahead where the user takes a while. */
const clock = realTimeAhead();
let portalA: HubSpotSim;
let portalB: HubSpotSim;
beforeAll(async () => {
  portalA = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 10_000_000, clock: clock.now });
  portalB = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 10_000_000, clock: clock.now, seed: { ...DEFAULT_SEED, portalId: 9_000_001 } });
});
// Each test's device comes along a while after the last one: a search second of its own.
beforeEach(() => clock.advance(searchCaughtUp(portalA)));
afterAll(async () => {
  await portalA.close();
  await portalB.close();
});

function device(name: string) {
  const db = freshDatabase(name);
  const service = syncServiceOn(db, { kpiRefresh: false, now: clock.now });
  const connect = (sim: HubSpotSim) => service.handlers['connection.connect']({ token: SIM_TOKEN, baseUrl: sim.url }, SENDER);
  return { db, service, handlers: service.handlers, connect };
}

const liveNotes = (sim: HubSpotSim, localId: string) => (notesByLocalId(sim).get(localId) ?? []).filter((n) => !n.archived);
const writes = (sim: HubSpotSim) => sim.requests.filter((r) => r.method === 'POST' && /\/crm\/v3\/objects\/notes\/batch\/(create|update|archive)$/.test(r.path));

describe('switching portals', () => {
  it('pauses sync until the user chooses, then sends their records to the new portal once each, and back again without doubling', async () => {
    const { db, service, handlers, connect } = device('switch');
    expect(await connect(portalA)).toMatchObject({ connected: true, portalId: portalA.state.portalId });
    await service.runSync();
    const me = await readSetting(db, 'profile');
    const mine = [];
    for (let i = 0; i < 3; i++) mine.push(await saveRecord(db, 'intelItems', intelDraft({ sourceText: `mine ${i}` }), { author: { id: me.id, name: me.name } }));
    await service.runSync();
    for (const item of mine) expect(liveNotes(portalA, item.id)).toHaveLength(1);
    // Someone else's record, pulled from portal A: a read copy here, never this user's to send.
    const theirs = { ...mine[0]!, id: '01JD0000000000000000000099', author: { id: '999', name: '李娜' }, crm: { ...mine[0]!.crm!, objectId: '777777' } };
    await db.intelItems.put(theirs);
    expect((await readSyncState(db)).linkedPortalId).toBe(portalA.state.portalId);
    // The dealers pulled from portal A are linked to its companies too.
    const dealersOfA = await db.dealers.filter((d) => d.crm !== undefined).count();
    expect(dealersOfA).toBeGreaterThan(0);

    // Portal B: every link names an object of A. Nothing is sent until the user chooses.
    portalB.clearRequests();
    const switched = await connect(portalB);
    expect(switched).toMatchObject({ connected: true, paused: 'portal-switch', portalSwitch: { from: portalA.state.portalId, to: portalB.state.portalId, linked: 4 + dealersOfA } });
    await saveRecord(db, 'intelItems', { ...(await db.intelItems.get(mine[1]!.id))!, sourceText: 'edited while paused' }, { author: { id: me.id, name: me.name } });
    expect(await service.runSync()).toMatchObject({ paused: 'portal-switch' });
    expect(writes(portalB)).toEqual([]);

    const relinked = await handlers['connection.relinkAsNew']({}, SENDER);
    expect(relinked.paused).toBeUndefined();
    expect(relinked.portalSwitch).toBeUndefined();
    expect(await service.runSync()).toMatchObject({ pending: 0, needsAttention: 0 });
    for (const item of mine) {
      const local = (await db.intelItems.get(item.id))!;
      const notes = liveNotes(portalB, item.id);
      expect(notes.map((n) => n.id)).toEqual([local.crm!.objectId]);
    }
    expect(liveNotes(portalB, mine[1]!.id)[0]!.properties.fieldkit_payload).toContain('edited while paused');
    expect(liveNotes(portalB, theirs.id)).toEqual([]);
    expect((await db.intelItems.get(theirs.id))!.crm).toBeUndefined();
    expect((await readSyncState(db)).linkedPortalId).toBe(portalB.state.portalId);
    const dealersOfB = await db.dealers.filter((d) => d.crm !== undefined).count();

    // Back to portal A a while later, where the notes still are (and search has long indexed them):
    // each record is found by its own id and linked.
    clock.advance(searchCaughtUp(portalA));
    portalA.clearRequests();
    expect(await connect(portalA)).toMatchObject({ paused: 'portal-switch', portalSwitch: { from: portalB.state.portalId, linked: 3 + dealersOfB } });
    await handlers['connection.relinkAsNew']({}, SENDER);
    expect(await service.runSync()).toMatchObject({ pending: 0, needsAttention: 0 });
    expect(portalA.requests.filter((r) => r.path === '/crm/v3/objects/notes/batch/create')).toEqual([]);
    for (const item of mine) {
      const notes = liveNotes(portalA, item.id);
      expect(notes).toHaveLength(1);
      expect((await db.intelItems.get(item.id))!.crm!.objectId).toBe(notes[0]!.id);
    }
  });

  it('asks nothing on the first connection, or when the portal is the same', async () => {
    const { db, service, handlers, connect } = device('same');
    expect(await connect(portalA)).not.toHaveProperty('paused');
    const me = await readSetting(db, 'profile');
    await saveRecord(db, 'intelItems', intelDraft(), { author: { id: me.id, name: me.name } });
    await service.runSync();
    await handlers['connection.disconnect']({}, SENDER);
    expect(await connect(portalA)).not.toHaveProperty('paused');
    // No switch waiting: "re-link" changes nothing.
    const before = await db.intelItems.toArray();
    expect(await handlers['connection.relinkAsNew']({}, SENDER)).not.toHaveProperty('paused');
    expect(await db.intelItems.toArray()).toEqual(before);
    expect((await readSyncState(db)).linkedPortalId).toBe(portalA.state.portalId);
  });
});
