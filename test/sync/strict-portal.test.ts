/**
 * The whole engine against a portal with every strictness of sim/strict.ts on at once (search lag,
 * 5 searches a second, case-sensitive IN, all-or-nothing batch updates, shared milliseconds),
 * on virtual time: many lost create answers force lookups in bursts, and the engine must pace its
 * searches under the limit, never double a note, and leave a second device able to read it all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveRecord } from '../../lib/store/records';
import { SyncEngine } from '../../lib/sync/engine';
import { createRandom } from '../../sim/prng';
import { STRICT, startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { freshDatabase, intelDraft, REP, visitDraft } from '../fixtures/records';
import { virtualClock } from './fake-port';
import { createHubSpotAdapter } from '../../lib/crm/hubspot';
import { adapterFor, notesByLocalId, payloadOf, SIM_TOKEN, withoutLink } from './sim-harness';

let sim: HubSpotSim;
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 10_000_000, strict: STRICT });
});
afterAll(() => sim.close());

const RECORDS = 240;

describe('a fully strict portal', () => {
  it('every record once and current, no search over the per-second limit, and a second device reads them all', async () => {
    const clock = virtualClock(Date.now());
    sim.setClock(clock.now);
    await adapterFor(sim).ensureSchema();
    const random = createRandom(20261202);
    const db = freshDatabase('strict-portal-a');
    const ids: string[] = [];
    for (let i = 0; i < RECORDS; i++) {
      clock.advance(250);
      const at = { author: REP, now: new Date(clock.now()) };
      const record = i % 3 === 0 ? await saveRecord(db, 'intelItems', intelDraft({ sourceText: `strict intel ${i}` }), at) : await saveRecord(db, 'visitCards', visitDraft({ note: `strict card ${i}` }), at);
      ids.push(record.id);
    }
    // A third of the creates land but lose their answer: their records are looked up, in bursts.
    sim.setFaults({ seed: 7, lostResponseRate: 0.35, match: 'POST /crm/v3/objects/notes/batch/(create|update)' });
    sim.clearRequests();
    // The adapter paces searches on the same (virtual) clock as the engine and the portal.
    const port = () => createHubSpotAdapter({ baseUrl: sim.url, token: SIM_TOKEN, timeoutMs: 5_000, now: clock.now, sleep: clock.sleep });
    const engine = () => new SyncEngine({ db, port: port(), now: clock.now, sleep: clock.sleep, random });
    let open = RECORDS;
    for (let round = 0; round < 40 && open > 0; round++) {
      if (round === 20) sim.setFaults({});
      await engine().drain();
      // Edits between drains, so updates go out as well as creates.
      for (let k = 0; k < 5; k++) {
        const id = ids[Math.floor(random() * ids.length)]!;
        const table = (await db.visitCards.get(id)) ? 'visitCards' : 'intelItems';
        const record = await db.table(table).get(id);
        clock.advance(100);
        await saveRecord(db, table, { ...record, ...(table === 'visitCards' ? { note: `edited r${round} k${k}` } : { sourceText: `edited r${round} k${k}` }) }, { author: REP, now: new Date(clock.now()) });
      }
      open = await db.outbox.where('status').anyOf('pending', 'inFlight', 'needsAttention').count();
      clock.advance(5_000 + Math.floor(random() * 90_000));
    }
    sim.setFaults({});
    for (let round = 0; round < 10 && open > 0; round++) {
      clock.advance(120_000);
      await engine().drain();
      open = await db.outbox.where('status').anyOf('pending', 'inFlight', 'needsAttention').count();
    }
    expect(open).toBe(0);

    const searches = sim.requests.filter((r) => /\/search$/.test(r.path) && r.method === 'POST');
    expect(searches.length).toBeGreaterThan(0); // the lost answers did force lookups
    expect(searches.filter((r) => r.status === 429)).toEqual([]);

    const notes = notesByLocalId(sim);
    for (const id of ids) {
      const local = (await db.visitCards.get(id)) ?? (await db.intelItems.get(id));
      const copies = notes.get(id) ?? [];
      expect(copies, `notes of ${id}`).toHaveLength(1);
      expect(local!.crm?.objectId).toBe(copies[0]!.id);
      expect(payloadOf(copies[0]!)).toEqual(withoutLink(local!));
    }

    // Another device of the same rep pulls, once search has caught up: everything, as written.
    clock.advance(STRICT.searchLagMs + 1_000);
    const other = freshDatabase('strict-portal-b');
    await new SyncEngine({ db: other, port: port(), now: clock.now, sleep: clock.sleep, random }).pull('records');
    for (const id of ids) {
      const mine = (await db.visitCards.get(id)) ?? (await db.intelItems.get(id));
      const theirs = (await other.visitCards.get(id)) ?? (await other.intelItems.get(id));
      expect(theirs && withoutLink(theirs)).toEqual(withoutLink(mine!));
    }
  }, 240_000);
});
