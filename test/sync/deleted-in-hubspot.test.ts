/**
 * Ways out for records HubSpot can no longer take ([crm] item 5), through the sync service's
 * handlers as the side panel calls them, against the simulator:
 * - a record whose note someone deleted in HubSpot is parked as `deleted-in-crm` (Retry would only
 *   park it again); the rep creates the note again, or deletes the record here too;
 * - a card filed under a dealer whose company was deleted in HubSpot is parked as `dealer-gone`;
 *   choosing another dealer and saving sends it again, to that dealer's company.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FieldkitDatabase } from '../../lib/store/database';
import { saveRecord } from '../../lib/store/records';
import { writeSetting, readSetting } from '../../lib/store/settings';
import { dealerByCrmId } from '../../lib/dealers/queries';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { freshDatabase, intelDraft, visitDraft } from '../fixtures/records';
import { notesByLocalId, portalOnVirtualTime, SIM_TOKEN, syncServiceOn } from './sim-harness';

const REP = { id: '101', name: '张伟' };

let sim: HubSpotSim;
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 10_000_000 });
});
afterAll(() => sim.close());
/** The device's and the portal's time, fresh for each test with a fresh portal (its search second included). */
let clock: ReturnType<typeof portalOnVirtualTime>;
beforeEach(() => {
  clock = portalOnVirtualTime(sim);
  sim.reset();
});

async function connectedDevice(name: string) {
  const db = freshDatabase(name);
  await writeSetting(db, 'profile', { ...(await readSetting(db, 'profile')), id: REP.id, name: REP.name });
  const service = syncServiceOn(db, { now: clock.now, kpiRefresh: false });
  expect(await service.handlers['connection.connect']({ token: SIM_TOKEN, baseUrl: sim.url }, { id: 'fieldkit-test' })).toMatchObject({ connected: true });
  await service.runSync();
  return { db, clock, service, handlers: service.handlers };
}

async function archive(type: 'notes' | 'companies', id: string): Promise<void> {
  const answer = await fetch(`${sim.url}/crm/v3/objects/${type}/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${SIM_TOKEN}` } });
  expect(answer.status).toBe(204);
}

const liveNotesOf = (localId: string) => (notesByLocalId(sim).get(localId) ?? []).filter((n) => !n.archived);

async function itemWhoseNoteWasDeleted(db: FieldkitDatabase, service: { runSync(): Promise<unknown> }, clock: { advance(ms: number): void; now(): number }) {
  const item = await saveRecord(db, 'intelItems', intelDraft({ sourceText: `deleted note ${Math.random()}` }), { author: REP, now: new Date(clock.now()) });
  await service.runSync();
  const first = (await db.intelItems.get(item.id))!.crm!.objectId;
  await archive('notes', first);
  // The rep edits the item; its push finds the note gone.
  clock.advance(60_000);
  await saveRecord(db, 'intelItems', { ...(await db.intelItems.get(item.id))!, sourceText: 'edited after the note was deleted' }, { author: REP, now: new Date(clock.now()) });
  const status = await service.runSync();
  return { item, first, status };
}

describe('a note deleted in HubSpot', () => {
  it('parks its record as deleted-in-crm; "create again" makes one new note and links the record to it', async () => {
    const { db, clock, service, handlers } = await connectedDevice('recreate');
    const { item, first, status } = await itemWhoseNoteWasDeleted(db, service, clock);
    const parked = (status as { attention: { outboxId: string; kind: string; recordId: string }[] }).attention;
    expect(parked).toEqual([expect.objectContaining({ recordId: item.id, kind: 'deleted-in-crm' })]);
    // Retry is no way out: the same answer parks it again.
    await handlers['sync.retry']({ outboxId: parked[0]!.outboxId }, { id: 'fieldkit-test' });
    expect((await service.runSync()) as { attention: unknown[] }).toMatchObject({ attention: [expect.objectContaining({ kind: 'deleted-in-crm' })] });

    await handlers['sync.recreate']({ outboxId: parked[0]!.outboxId }, { id: 'fieldkit-test' });
    const after = (await service.runSync()) as { needsAttention: number; pending: number };
    expect(after).toMatchObject({ needsAttention: 0, pending: 0 });
    const linked = (await db.intelItems.get(item.id))!;
    expect(linked.crm?.objectId).toBeDefined();
    expect(linked.crm!.objectId).not.toBe(first);
    expect(linked.sourceText).toBe('edited after the note was deleted');
    const live = liveNotesOf(item.id);
    expect(live.map((n) => n.id)).toEqual([linked.crm!.objectId]);
    expect(live[0]!.properties.fieldkit_payload).toContain('edited after the note was deleted');
  });

  it('"delete here too" tombstones the record and sends nothing new to HubSpot', async () => {
    const { db, clock, service, handlers } = await connectedDevice('accept');
    const { item, status } = await itemWhoseNoteWasDeleted(db, service, clock);
    const [parked] = (status as { attention: { outboxId: string }[] }).attention;
    sim.clearRequests();
    await handlers['sync.acceptDeletion']({ outboxId: parked!.outboxId }, { id: 'fieldkit-test' });
    const after = (await service.runSync()) as { needsAttention: number; pending: number };
    expect(after).toMatchObject({ needsAttention: 0, pending: 0 });
    expect((await db.intelItems.get(item.id))!.deletedAt).toBeDefined();
    expect(liveNotesOf(item.id)).toEqual([]);
    expect(sim.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/batch/create'))).toEqual([]);
  });

  it('neither way out touches an entry parked for another reason', async () => {
    const { db, clock, service, handlers } = await connectedDevice('other-reason');
    const item = await saveRecord(db, 'intelItems', intelDraft(), { author: REP, now: new Date(clock.now()) });
    const entry = (await db.outbox.where('[table+recordId]').equals(['intelItems', item.id]).first())!;
    await db.outbox.update(entry.id, { status: 'needsAttention', lastError: { kind: 'validation', message: 'refused', at: new Date().toISOString() } });
    await handlers['sync.recreate']({ outboxId: entry.id }, { id: 'fieldkit-test' });
    await handlers['sync.acceptDeletion']({ outboxId: entry.id }, { id: 'fieldkit-test' });
    expect((await db.outbox.get(entry.id))!.status).toBe('needsAttention');
    expect((await db.intelItems.get(item.id))!.deletedAt).toBeUndefined();
    await service.runSync();
    expect(liveNotesOf(item.id)).toEqual([]);
  });
});

describe('a dealer whose company was deleted in HubSpot', () => {
  it('parks its new card as dealer-gone; filing the card under another dealer sends it there', async () => {
    const { db, clock, service } = await connectedDevice('dealer-gone');
    const [gone, other] = (await db.dealers.toArray()).filter((d) => d.crm?.objectId);
    expect(other).toBeDefined();
    await archive('companies', gone!.crm!.objectId);
    const card = await saveRecord(db, 'visitCards', visitDraft({ dealerId: gone!.id }), { author: REP, now: new Date(clock.now()) });
    const status = (await service.runSync()) as { attention: { recordId: string; kind: string }[] };
    expect(status.attention).toEqual([expect.objectContaining({ recordId: card.id, kind: 'dealer-gone' })]);

    clock.advance(60_000);
    await saveRecord(db, 'visitCards', { ...(await db.visitCards.get(card.id))!, dealerId: other!.id }, { author: REP, now: new Date(clock.now()) });
    expect(await service.runSync()).toMatchObject({ needsAttention: 0, pending: 0 });
    const [note] = liveNotesOf(card.id);
    expect(note).toBeDefined();
    const companies = sim.state.associations.filter((a) => a.fromType === 'notes' && a.fromId === note!.id && a.toType === 'companies').map((a) => a.toId);
    expect(companies).toEqual([other!.crm!.objectId]);
    expect(await dealerByCrmId.run(db, { crmId: other!.crm!.objectId })).toMatchObject({ id: other!.id });
  });
});
