/**
 * Body mode end to end ([crm] item 2): a portal that refuses custom properties on notes. Connecting
 * finds out and keeps Fieldkit's data in the note body (lib/crm/hubspot/note-body.ts); records then
 * push, edit, delete, look up and reach a second device exactly as in property mode.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHubSpotAdapter } from '../../lib/crm/hubspot';
import { pulledRecordOfBody } from '../../lib/crm/hubspot/note-body';
import type { SimObject } from '../../sim/types';
import { deleteRecord, saveRecord } from '../../lib/store/records';
import { readSetting } from '../../lib/store/settings';
import { SyncEngine } from '../../lib/sync/engine';
import { DELETIONS_EVERY_MS } from '../../lib/sync/pull';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { freshDatabase, intelDraft, REP } from '../fixtures/records';
import { virtualClock } from './fake-port';
import { notesByBodyKey, SIM_TOKEN, syncServiceOn, withoutLink } from './sim-harness';

const SENDER = { id: 'fieldkit-test' };
let sim: HubSpotSim;

beforeAll(async () => {
  // Search lag off (it runs on real time here): these runs are about where the data lives; the lag
  // run below turns it on, on a virtual clock. The search limit stays on.
  sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 10_000_000, noteProperties: 'refused', strict: { searchLagMs: 0 } });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

/** `ahead`: how far this device's clock runs ahead of real time (a test moves it on). */
function device(name: string, ahead = { ms: 0 }) {
  const db = freshDatabase(name);
  const service = syncServiceOn(db, { kpiRefresh: false, now: () => Date.now() + ahead.ms });
  const connect = (target: HubSpotSim = sim) => service.handlers['connection.connect']({ token: SIM_TOKEN, baseUrl: target.url }, SENDER);
  return { db, service, connect };
}

/**
 * Syncs until nothing is pending, waiting out the search limit's 429s (5 searches a second) as the
 * background's alarm would: two devices and a connect each search several times within a second.
 */
async function settled(service: ReturnType<typeof syncServiceOn>) {
  for (let round = 0; ; round++) {
    const status = await service.runSync();
    if (status.pending === 0 || round === 20) return status;
    await new Promise((done) => setTimeout(done, Math.max(0, Date.parse(status.nextAttemptAt ?? '') - Date.now()) || 200));
  }
}

const toAdapterNote = (note: SimObject) => ({ id: note.id, properties: note.properties, createdAt: new Date(note.createdAt), updatedAt: new Date(note.updatedAt) });
const noteCustomProperties = (target: HubSpotSim) => [...target.state.properties.notes.values()].filter((p) => !p.hubspotDefined);
const liveNotes = (localId: string) => notesByBodyKey(sim).get(localId) ?? [];

describe('a portal that refuses custom note properties', () => {
  it('is detected at connect; records sync through the note body to a second device, edits and deletes included', async () => {
    const a = device('body-a');
    const status = await a.connect();
    expect(status).toMatchObject({ connected: true, recordStorage: 'body' });
    expect(status.error).toBeUndefined();
    expect(noteCustomProperties(sim)).toEqual([]);
    expect((await a.service.handlers['connection.status']({}, SENDER)).recordStorage).toBe('body');

    const me = await readSetting(a.db, 'profile');
    const author = { id: me.id, name: me.name };
    const saved = [];
    for (const text of ['壳牌 喜力 HX7 到手价 ¥199，买二送一', 'Mobil 1 0W-40 4L, buy two get one free', '长城 金吉星 J600 降价 10%']) {
      saved.push(await saveRecord(a.db, 'intelItems', intelDraft({ sourceText: text }), { author }));
    }
    expect(await settled(a.service)).toMatchObject({ pending: 0, needsAttention: 0 });
    for (const item of saved) {
      const notes = liveNotes(item.id);
      expect(notes).toHaveLength(1);
      expect((await a.db.intelItems.get(item.id))!.crm?.objectId).toBe(notes[0]!.id);
      // HubSpot's own properties only; the readable note leads the body.
      expect(Object.keys(notes[0]!.properties).filter((k) => k.startsWith('fieldkit_'))).toEqual([]);
      expect(notes[0]!.properties.hs_note_body).toMatch(/^<[^>]+>.*壳牌/);
    }

    // A second device of the same rep pulls every record back, equal to what was written.
    const bAhead = { ms: 0 };
    const b = device('body-b', bAhead);
    expect(await b.connect()).toMatchObject({ recordStorage: 'body' });
    await settled(b.service);
    for (const item of saved) expect(withoutLink((await b.db.intelItems.get(item.id))!)).toEqual(withoutLink((await a.db.intelItems.get(item.id))!));

    // An edit and a delete on A reach HubSpot and B; the edited note is updated, not doubled.
    await saveRecord(a.db, 'intelItems', { ...(await a.db.intelItems.get(saved[0]!.id))!, sourceText: '壳牌 喜力 HX7 到手价 ¥189' }, { author });
    await deleteRecord(a.db, 'intelItems', saved[1]!.id, { author });
    expect(await settled(a.service)).toMatchObject({ pending: 0, needsAttention: 0 });
    expect(liveNotes(saved[0]!.id)).toHaveLength(1);
    expect(await pulledRecordOfBody(toAdapterNote(liveNotes(saved[0]!.id)[0]!))).toMatchObject({ record: { sourceText: '壳牌 喜力 HX7 到手价 ¥189' } });
    expect(liveNotes(saved[1]!.id)).toEqual([]);
    // B's next sweep for deletions is due (search never returns an archived note; lib/sync/pull.ts).
    bAhead.ms = DELETIONS_EVERY_MS + 60_000;
    await settled(b.service);
    expect((await b.db.intelItems.get(saved[0]!.id))!.sourceText).toBe('壳牌 喜力 HX7 到手价 ¥189');
    expect((await b.db.intelItems.get(saved[1]!.id))!.deletedAt).toBeDefined();
  });

  it('keeps body mode on reconnecting to the same portal, even once the portal would take the properties', async () => {
    const a = device('body-reconnect');
    expect(await a.connect()).toMatchObject({ recordStorage: 'body' });
    sim.config.noteProperties = 'accepted';
    expect(await a.connect()).toMatchObject({ recordStorage: 'body' });
    expect(noteCustomProperties(sim)).toEqual([]);
    // A reconnect whose schema check fails for a passing reason (a 5xx) stays in body mode too.
    sim.setFaults({ script: ['5xx'], match: 'GET /crm/v3/properties/companies/groups/fieldkit' });
    const failed = await a.connect();
    expect(failed.error).toBeTruthy();
    expect(failed.recordStorage).toBe('body');
    // A browser that never connected here before finds the portal as it is now.
    expect(await device('body-new').connect()).toMatchObject({ recordStorage: 'properties' });
    expect(noteCustomProperties(sim).length).toBeGreaterThan(0);
  });

  it('does not switch to the body on a passing failure: a 5xx while creating the note properties is reported, and the next connect creates them', async () => {
    sim.config.noteProperties = 'accepted';
    sim.setFaults({ script: ['5xx'], match: 'POST /crm/v3/properties/notes/groups' });
    const a = device('body-5xx');
    const failed = await a.connect();
    expect(failed.recordStorage).not.toBe('body');
    expect(failed.error).toBeTruthy();
    expect(await a.connect()).toMatchObject({ recordStorage: 'properties' });
    expect(noteCustomProperties(sim).length).toBeGreaterThan(0);
  });
});

describe('body mode under search lag', () => {
  it('does not double a create whose answer was lost: the lookup by body key waits until search can be trusted', async () => {
    const LAG_MS = 3_000;
    const lagging = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 10_000_000, noteProperties: 'refused', strict: { searchLagMs: LAG_MS, sharedMilliseconds: true } });
    try {
      const clock = virtualClock();
      lagging.setClock(clock.now);
      const port = () => createHubSpotAdapter({ baseUrl: lagging.url, token: SIM_TOKEN, timeoutMs: 5_000, recordStorage: 'body' });
      expect((await port().ensureSchema()).recordStorage).toBe('body');
      const db = freshDatabase('body-lag');
      const record = await saveRecord(db, 'intelItems', intelDraft({ sourceText: 'lost answer, body mode' }), { author: REP, now: new Date(clock.now()) });
      const engine = () => new SyncEngine({ db, port: port(), now: clock.now, sleep: clock.sleep, searchLagBoundMs: 60_000, maxInlineWaitMs: 0 });
      lagging.setFaults({ script: ['lost'], match: 'POST /crm/v3/objects/notes/batch/create' });
      await engine().drain();
      for (let step = 0; step < 10; step++) {
        clock.advance(15_000);
        await engine().drain();
      }
      const notes = notesByBodyKey(lagging).get(record.id)!;
      expect(notes).toHaveLength(1);
      expect((await db.intelItems.get(record.id))!.crm?.objectId).toBe(notes[0]!.id);
      expect((await db.outbox.where('[table+recordId]').equals(['intelItems', record.id]).first())!.status).toBe('done');
      // The lookup asked HubSpot for the record's key word in the note body.
      const lookup = lagging.requests.find((r) => r.path === '/crm/v3/objects/notes/search' && JSON.stringify(r.body).includes('CONTAINS_TOKEN'));
      expect(lookup?.body).toMatchObject({ filterGroups: [{ filters: [{ propertyName: 'hs_note_body', operator: 'CONTAINS_TOKEN', value: `fk${record.id.toLowerCase()}` }] }] });
    } finally {
      await lagging.close();
    }
  });
});
