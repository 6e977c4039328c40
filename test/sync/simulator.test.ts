import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveRecord } from '../../lib/store/records';
import { SyncEngine } from '../../lib/sync/engine';
import { listConflicts } from '../../lib/sync/conflicts';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { freshDatabase, REP, visitDraft, intelDraft } from '../fixtures/records';
import { adapterFor, notesByLocalId, payloadOf, portalOnVirtualTime, portFor, searchCaughtUp, SIM_TOKEN, withoutLink } from './sim-harness';
import type { FieldkitDatabase } from '../../lib/store/database';

let sim: HubSpotSim;
/** The devices' and the portal's time: search lag and the search limit cost no real waiting. */
let clock: ReturnType<typeof portalOnVirtualTime>;
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 100_000 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  clock = portalOnVirtualTime(sim);
  sim.reset();
  await adapterFor(sim).ensureSchema();
});

function engine(db: FieldkitDatabase, options: { pullBeforePush?: boolean } = {}) {
  return new SyncEngine({ db, port: portFor(sim, db, clock), now: clock.now, sleep: clock.sleep, random: () => 0.5, ...options });
}

async function withDealers(db: FieldkitDatabase) {
  await engine(db).pull('dealers');
  return db.dealers.orderBy('name').toArray();
}

describe('sync engine against the HubSpot simulator', () => {
  it('pulls dealers (companies) and pushes visit cards as notes on them, once each', async () => {
    const db = freshDatabase();
    const dealers = await withDealers(db);
    expect(dealers.length).toBeGreaterThan(0);
    const cards = [];
    for (let i = 0; i < 230; i++) {
      cards.push(await saveRecord(db, 'visitCards', visitDraft({ dealerId: dealers[i % dealers.length]!.id, note: `第${i}次拜访` }), { author: REP, now: new Date(clock.now()) }));
    }
    sim.clearRequests();

    const result = await engine(db).drain();

    expect(result).toMatchObject({ outcome: 'done', pushed: 230 });
    const creates = sim.requests.filter((r) => r.path === '/crm/v3/objects/notes/batch/create');
    expect(creates).toHaveLength(3);
    const notes = notesByLocalId(sim);
    expect(notes.size).toBe(230);
    for (const card of await db.visitCards.toArray()) {
      expect(notes.get(card.id)).toHaveLength(1);
      const note = notes.get(card.id)![0]!;
      expect(card.crm?.objectId).toBe(note.id);
      expect(payloadOf(note)).toEqual(withoutLink(card));
      const dealer = dealers.find((d) => d.id === card.dealerId)!;
      expect(sim.state.associationsFrom('notes', note.id, 'companies').map((a) => a.toId)).toEqual([dealer.crm!.objectId]);
    }
  });

  it('does not duplicate a create whose response was lost', async () => {
    const db = freshDatabase();
    const card = await saveRecord(db, 'visitCards', visitDraft(), { author: REP, now: new Date(clock.now()) });
    sim.setFaults({ script: ['lost'] });

    await engine(db).drain();
    clock.advance(10 * 60_000);
    await engine(db).drain();

    expect(notesByLocalId(sim).get(card.id)).toHaveLength(1);
    expect((await db.visitCards.get(card.id))?.crm?.objectId).toBe(notesByLocalId(sim).get(card.id)![0]!.id);
  });

  it('parks a record HubSpot refuses with its message', async () => {
    const db = freshDatabase();
    const good = await saveRecord(db, 'visitCards', visitDraft(), { author: REP, now: new Date(clock.now()) });
    // A dealer id that maps to a CRM company which does not exist: the association is refused.
    const dealer = (await withDealers(db))[0]!;
    await db.dealers.update(dealer.id, { crm: { ...dealer.crm!, objectId: '999999' } });
    const bad = await saveRecord(db, 'visitCards', visitDraft({ dealerId: dealer.id }), { author: REP, now: new Date(clock.now()) });

    const result = await engine(db).drain();

    expect(result.pushed).toBe(1);
    expect(notesByLocalId(sim).has(good.id)).toBe(true);
    const parked = await db.outbox.where('[table+recordId]').equals(['visitCards', bad.id]).first();
    expect(parked?.status).toBe('needsAttention');
    expect(parked?.lastError?.message).toMatch(/999999|association/i);
  });

  it("round trip: a manager's Fieldkit reads the rep's records back as the same structured records", async () => {
    const rep = freshDatabase('rep');
    const dealers = await withDealers(rep);
    const card = await saveRecord(rep, 'visitCards', visitDraft({ dealerId: dealers[0]!.id }), { author: REP, now: new Date(clock.now()) });
    const intel = await saveRecord(rep, 'intelItems', intelDraft({ dealerId: dealers[0]!.id }), { author: REP, now: new Date(clock.now()) });
    const diary = await saveRecord(
      rep,
      'diaryEntries',
      { periodStart: '2026-11-23', isoWeek: '2026-W48', status: 'submitted', content: { kind: 'daily', todayWork: ['拜访3家'], tomorrowPlan: ['回访'], problems: [] }, annotations: [] },
      { author: REP, now: new Date(clock.now()) },
    );
    await engine(rep).drain();
    clock.advance(searchCaughtUp(sim)); // the manager syncs a little later, once search has the notes

    const manager = freshDatabase('manager');
    const pulled = await engine(manager).pull('records');

    expect(pulled.outcomes.inserted).toBe(3);
    for (const [table, record] of [['visitCards', card], ['intelItems', intel], ['diaryEntries', diary]] as const) {
      const copy = await manager.table(table).get(record.id);
      expect(withoutLink(copy)).toEqual(withoutLink(record));
      expect(copy.crm.objectId).toBe((await rep.table(table).get(record.id)).crm.objectId);
    }
    // Nothing pulled is queued to be pushed back.
    expect(await manager.outbox.count()).toBe(0);
  });

  it('keeps both versions when one record is edited on two machines (later edit wins, the other is a conflict copy)', async () => {
    const laptop = freshDatabase('laptop');
    const desktop = freshDatabase('desktop');
    const t0 = clock.now();
    const card = await saveRecord(laptop, 'visitCards', visitDraft({ note: 'v1' }), { author: REP, now: new Date(t0) });
    await engine(laptop, { pullBeforePush: true }).drain();
    clock.advance(searchCaughtUp(sim));
    await engine(desktop).pull('records');

    // Both edit offline; the desktop's edit is later.
    await saveRecord(laptop, 'visitCards', { ...card, note: 'laptop edit' }, { author: REP, now: new Date(clock.now() + 1_000) });
    const desktopCard = (await desktop.visitCards.get(card.id))!;
    await saveRecord(desktop, 'visitCards', { ...desktopCard, note: 'desktop edit' }, { author: REP, now: new Date(clock.now() + 2_000) });
    clock.advance(searchCaughtUp(sim));

    // The desktop syncs first, then the laptop (which pulls before pushing) once search has the desktop's edit.
    await engine(desktop, { pullBeforePush: true }).drain();
    clock.advance(searchCaughtUp(sim));
    await engine(laptop, { pullBeforePush: true }).drain();

    expect(payloadOf(notesByLocalId(sim).get(card.id)![0]!).note).toBe('desktop edit');
    expect((await laptop.visitCards.get(card.id))?.note).toBe('desktop edit');
    const [copy] = await listConflicts(laptop);
    expect(copy).toMatchObject({ recordId: card.id, kept: 'remote' });
    expect(copy!.losing.note).toBe('laptop edit');
  });
});

describe('dealers pulled on two devices', () => {
  it('get the same local id, so a card written on one resolves to the same dealer on the other', async () => {
    const rep = freshDatabase('rep-dealers');
    const manager = freshDatabase('manager-dealers');
    await engine(rep).pull('dealers');
    await engine(manager).pull('dealers');
    const ids = async (db: FieldkitDatabase) => (await db.dealers.orderBy('id').toArray()).map((d) => [d.id, d.crm?.objectId]);
    expect(await ids(manager)).toEqual(await ids(rep));
    expect((await rep.dealers.toArray()).every((d) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(d.id))).toBe(true);
  });
});
