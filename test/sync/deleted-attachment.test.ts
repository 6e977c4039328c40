/**
 * HubSpot may refuse a batch update whole (400, nothing written) for one invalid input
 * (sim/strict.ts `batchUpdateAllOrNothing`, on here). A real way to get one: someone deletes an
 * intel screenshot's file in HubSpot's file manager, and the next update of its note still names
 * it in `hs_attachment_ids`. Fieldkit never sends that: it finds the file gone and uploads it again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveRecord } from '../../lib/store/records';
import { SyncEngine } from '../../lib/sync/engine';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { freshDatabase, intelDraft, REP } from '../fixtures/records';
import { jpegDataUrl } from '../crm/helpers';
import { virtualClock } from './fake-port';
import { adapterFor, notesByLocalId, payloadOf, portFor, SIM_TOKEN, withoutLink } from './sim-harness';

let sim: HubSpotSim;
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 10_000_000, strict: { batchUpdateAllOrNothing: true } });
});
afterAll(() => sim.close());

describe('a screenshot file deleted in HubSpot', () => {
  it('is uploaded again with the next edit, so the batch update of every note goes through whole', async () => {
    const clock = virtualClock(Date.now());
    sim.setClock(clock.now);
    await adapterFor(sim).ensureSchema();
    const db = freshDatabase('all-or-nothing');
    const engine = () => new SyncEngine({ db, port: portFor(sim, db), now: clock.now, sleep: clock.sleep, maxInlineWaitMs: 0 });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      clock.advance(1_000);
      const draft = intelDraft({ sourceText: `observation ${i}`, ...(i === 5 ? { screenshot: jpegDataUrl(3_000, 5) } : {}) });
      ids.push((await saveRecord(db, 'intelItems', draft, { author: REP, now: new Date(clock.now()) })).id);
    }
    await engine().drain();
    expect(await db.outbox.where('status').notEqual('done').count()).toBe(0);

    // Someone deletes the screenshot's file in HubSpot; then the rep edits every item.
    const [withFile] = notesByLocalId(sim).get(ids[5]!)!;
    const fileId = withFile!.properties.hs_attachment_ids!;
    expect(fileId).toMatch(/^\d+$/);
    const deleted = await fetch(`${sim.url}/files/v3/files/${fileId}`, { method: 'DELETE', headers: { authorization: `Bearer ${SIM_TOKEN}` } });
    expect(deleted.status).toBe(204);
    for (const id of ids) {
      clock.advance(1_000);
      const item = (await db.intelItems.get(id))!;
      await saveRecord(db, 'intelItems', { ...item, sourceText: `${item.sourceText}, edited` }, { author: REP, now: new Date(clock.now()) });
    }
    sim.clearRequests();
    await engine().drain();

    // The engine looks the picture up by name before writing the note, finds it gone, uploads it
    // again and names the new file: nothing invalid is ever sent, so no batch is refused.
    expect(sim.requests.filter((r) => r.status === 400)).toEqual([]);
    expect(sim.requests.filter((r) => r.method === 'POST' && r.path === '/files/v3/files')).toHaveLength(1);
    const notes = notesByLocalId(sim);
    for (const id of ids) {
      const local = (await db.intelItems.get(id))!;
      const { screenshot: _shot, ...expected } = withoutLink(local) as Record<string, unknown>;
      const { fieldkitAttached: _attached, ...payload } = payloadOf(notes.get(id)![0]!);
      expect(payload, id).toEqual(expected);
      expect((await db.outbox.where('[table+recordId]').equals(['intelItems', id]).first())!.status).toBe('done');
    }
    const relinked = notes.get(ids[5]!)![0]!.properties.hs_attachment_ids!;
    expect(relinked).not.toBe(fileId);
    expect(sim.state.file(relinked)?.archived).toBeFalsy();
  });
});
