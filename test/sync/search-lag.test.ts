/**
 * HubSpot's search is eventually consistent (docs/hubspot.md, "Strictness"): a note written a
 * moment ago is not found for seconds. When a create was applied but its answer was lost, the
 * engine's lookup may miss it; lib/sync/search-lag.ts trusts a miss only once the create is older
 * than the bound. These runs use the simulator's search lag on the engine's own virtual clock.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveRecord } from '../../lib/store/records';
import { SyncEngine } from '../../lib/sync/engine';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { freshDatabase, intelDraft, REP } from '../fixtures/records';
import { virtualClock } from './fake-port';
import { adapterFor, notesByLocalId, portFor, SIM_TOKEN } from './sim-harness';

const LAG_MS = 3_000;
let sim: HubSpotSim;
let clock = virtualClock();

beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 10_000_000, strict: { searchLagMs: LAG_MS, sharedMilliseconds: true } });
});
afterAll(() => sim.close());
beforeEach(async () => {
  sim.reset();
  clock = virtualClock();
  sim.setClock(clock.now);
  await adapterFor(sim).ensureSchema();
});

async function lostCreate(boundMs: number) {
  const db = freshDatabase();
  const record = await saveRecord(db, 'intelItems', intelDraft({ sourceText: 'lost answer' }), { author: REP, now: new Date(clock.now()) });
  const engine = () => new SyncEngine({ db, port: portFor(sim, db), now: clock.now, sleep: clock.sleep, searchLagBoundMs: boundMs, maxInlineWaitMs: 0 });
  // The create reaches the portal; its answer does not.
  sim.setFaults({ script: ['lost'], match: 'POST /crm/v3/objects/notes/batch/create' });
  const first = await engine().drain();
  expect(notesByLocalId(sim).get(record.id)).toHaveLength(1);
  const entry = (await db.outbox.where('[table+recordId]').equals(['intelItems', record.id]).first())!;
  // When its backoff ends (well inside the search lag) the worker tries again.
  expect(Date.parse(entry.nextAttemptAt!) - clock.now()).toBeLessThan(LAG_MS);
  clock.advance(Math.max(0, Date.parse(entry.nextAttemptAt!) - clock.now()));
  expect(first.retried).toBe(1);
  const retry = await engine().drain();
  return { db, record, retry, engine };
}

describe('a lost create under search lag', () => {
  it('holds the record instead of creating it again, then links the one note once search has it', async () => {
    const { db, record, retry, engine } = await lostCreate(60_000);
    expect(notesByLocalId(sim).get(record.id)).toHaveLength(1);
    const entry = (await db.outbox.where('[table+recordId]').equals(['intelItems', record.id]).first())!;
    expect(entry.status).toBe('pending');
    expect(entry.createSentAt).toBeDefined();
    // The alarm is set for when a miss may be believed, not sooner.
    expect(retry.nextDueAt).toBeGreaterThanOrEqual(Date.parse(entry.createSentAt!) + 60_000);

    // Nothing is sent while it waits; when it is due, the lookup finds the note search now has.
    clock.advance(LAG_MS);
    expect((await engine().drain()).requests).toBe(0);
    clock.advance(60_000);
    await engine().drain();
    const notes = notesByLocalId(sim).get(record.id)!;
    expect(notes).toHaveLength(1);
    expect((await db.intelItems.get(record.id))!.crm?.objectId).toBe(notes[0]!.id);
    expect((await db.outbox.where('[table+recordId]').equals(['intelItems', record.id]).first())!.status).toBe('done');
  });

  it('without the bound, the same miss would be believed and the note doubled (what the bound prevents)', async () => {
    const { record } = await lostCreate(0);
    expect(notesByLocalId(sim).get(record.id)).toHaveLength(2);
  });

  it('counts the lag from the latest send: a create sent again after a trusted miss, its answer lost, is not doubled', async () => {
    const db = freshDatabase();
    const record = await saveRecord(db, 'intelItems', intelDraft({ sourceText: 'sent twice' }), { author: REP, now: new Date(clock.now()) });
    const engine = () => new SyncEngine({ db, port: portFor(sim, db), now: clock.now, sleep: clock.sleep, searchLagBoundMs: 60_000, maxInlineWaitMs: 0 });
    const entry = async () => (await db.outbox.where('[table+recordId]').equals(['intelItems', record.id]).first())!;
    // The first create fails (502: not applied); the second, a minute later, lands but its answer is lost.
    sim.setFaults({ script: ['5xx', 'lost'], match: 'POST /crm/v3/objects/notes/batch/create' });
    await engine().drain();
    expect(notesByLocalId(sim).get(record.id)).toBeUndefined();
    clock.advance(61_000);
    await engine().drain();
    expect(notesByLocalId(sim).get(record.id)).toHaveLength(1);
    // Its retry comes within the search lag of the second send: the miss is not believed.
    clock.advance(Math.max(0, Date.parse((await entry()).nextAttemptAt!) - clock.now()));
    await engine().drain();
    expect(notesByLocalId(sim).get(record.id)).toHaveLength(1);
    clock.advance(61_000);
    await engine().drain();
    expect(notesByLocalId(sim).get(record.id)).toHaveLength(1);
    expect((await entry()).status).toBe('done');
  });

  it('trusts a miss once the bound has passed, so a create that never arrived is sent again', async () => {
    const db = freshDatabase();
    const record = await saveRecord(db, 'intelItems', intelDraft({ sourceText: 'dropped' }), { author: REP, now: new Date(clock.now()) });
    const engine = () => new SyncEngine({ db, port: portFor(sim, db), now: clock.now, sleep: clock.sleep, searchLagBoundMs: 60_000, maxInlineWaitMs: 0 });
    // The create never reaches the portal (the socket dies first).
    sim.setFaults({ script: ['drop'], match: 'POST /crm/v3/objects/notes/batch/create' });
    await engine().drain();
    expect(notesByLocalId(sim).get(record.id)).toBeUndefined();
    const entry = (await db.outbox.where('[table+recordId]').equals(['intelItems', record.id]).first())!;
    clock.advance(Math.max(0, Date.parse(entry.nextAttemptAt!) - clock.now()));
    await engine().drain();
    expect(notesByLocalId(sim).get(record.id)).toBeUndefined();
    clock.advance(60_000);
    await engine().drain();
    expect(notesByLocalId(sim).get(record.id)).toHaveLength(1);
    expect((await db.outbox.where('[table+recordId]').equals(['intelItems', record.id]).first())!.status).toBe('done');
  });
});
