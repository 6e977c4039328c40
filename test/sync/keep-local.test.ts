/**
 * The second way out for a card whose dealer's company was deleted in HubSpot ([crm] item 5): keep
 * it on this device only. Through the sync service's handlers, as the side panel calls them,
 * against the simulator on a virtual clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveRecord } from '../../lib/store/records';
import { readSetting, writeSetting } from '../../lib/store/settings';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { freshDatabase, visitDraft } from '../fixtures/records';
import { virtualClock } from './fake-port';
import { notesByLocalId, SIM_TOKEN, syncServiceOn } from './sim-harness';

const REP = { id: '101', name: '张伟' };
const SENDER = { id: 'fieldkit-test' };

let sim: HubSpotSim;
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 10_000_000 });
});
afterAll(() => sim.close());

describe('a card whose dealer was deleted in HubSpot, kept on this device', () => {
  it('stops being asked about, stays here unsent, and is parked again only when edited while its dealer is still gone', async () => {
    const clock = virtualClock(Date.now());
    sim.setClock(clock.now);
    const db = freshDatabase('keep-local');
    await writeSetting(db, 'profile', { ...(await readSetting(db, 'profile')), id: REP.id, name: REP.name });
    const service = syncServiceOn(db, { now: clock.now, kpiRefresh: false });
    expect(await service.handlers['connection.connect']({ token: SIM_TOKEN, baseUrl: sim.url }, SENDER)).toMatchObject({ connected: true });
    // Syncs as the background alarm would, the clock moving on past search lag and limits.
    const sync = async () => {
      let status = await service.runSync();
      for (let round = 0; status.pending > 0 && round < 20; round++) {
        clock.advance(5_000);
        status = await service.runSync();
      }
      return status;
    };
    await sync();

    const [gone] = (await db.dealers.toArray()).filter((d) => d.crm?.objectId);
    const answer = await fetch(`${sim.url}/crm/v3/objects/companies/${gone!.crm!.objectId}`, { method: 'DELETE', headers: { authorization: `Bearer ${SIM_TOKEN}` } });
    expect(answer.status).toBe(204);
    const card = await saveRecord(db, 'visitCards', visitDraft({ dealerId: gone!.id }), { author: REP, now: new Date(clock.now()) });
    const parked = await sync();
    const item = parked.attention?.find((a) => a.recordId === card.id);
    expect(item).toMatchObject({ kind: 'dealer-gone' });

    // Keep it here: sync stops asking, nothing reaches HubSpot, the card is unchanged.
    const requestsBefore = sim.requests.length;
    const kept = await service.handlers['sync.keepLocal']({ outboxId: item!.outboxId }, SENDER);
    expect(kept).toMatchObject({ needsAttention: 0, pending: 0 });
    expect(kept.attention ?? []).toEqual([]);
    expect(await sync()).toMatchObject({ needsAttention: 0, pending: 0 });
    expect(notesByLocalId(sim).get(card.id)).toBeUndefined();
    expect(sim.requests.slice(requestsBefore).some((r) => r.path === '/crm/v3/objects/notes/batch/create')).toBe(false);
    const stored = (await db.visitCards.get(card.id))!;
    expect(stored.crm).toBeUndefined();
    expect(stored.dealerId).toBe(gone!.id);

    // The handler only acts on a dealer-gone entry: a second call, or an unknown id, changes nothing.
    expect(await service.handlers['sync.keepLocal']({ outboxId: item!.outboxId }, SENDER)).toMatchObject({ needsAttention: 0 });
    expect(await service.handlers['sync.keepLocal']({ outboxId: 'NOPE' }, SENDER)).toMatchObject({ needsAttention: 0 });

    // Edited later with its dealer still gone: asked again, with the same choices.
    clock.advance(60_000);
    await saveRecord(db, 'visitCards', { ...stored, note: '补充：门店已搬迁' }, { author: REP, now: new Date(clock.now()) });
    expect((await sync()).attention).toEqual([expect.objectContaining({ recordId: card.id, kind: 'dealer-gone' })]);
  });
});
