/**
 * A dealer's KPI snapshot end to end, against the HubSpot simulator: a rep's device records a
 * month, its sync cycle computes the snapshot and writes it to the dealer's company, and the
 * company's properties decode — with the same `snapshotFromFields` the HubSpot app card bundles —
 * to the snapshot of the rep's panel. Then: nothing written when nothing changed, the score
 * cleared when partial, a second device with the same records writing the same values, and a
 * lost answer retried as the update it is (no lookup, no duplicate anything).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEALER_FIELD_PROPERTIES } from '../../lib/crm/hubspot/properties';
import { deleteRecord, saveRecord } from '../../lib/store/records';
import type { FieldkitDatabase } from '../../lib/store/database';
import { SyncEngine } from '../../lib/sync/engine';
import { loadDealerPanel } from '../../lib/dealers/panel-data';
import { SNAPSHOT_FIELD_NAMES, snapshotFromFields, snapshotOf } from '../../lib/dealers/snapshot';
import { kpiSnapshotIdOf } from '../../lib/dealers/kpi-snapshot-kind';
import { refreshKpiSnapshots } from '../../lib/dealers/kpi-snapshot';
import { dealerByCrmId } from '../../lib/dealers/queries';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import type { SimObject } from '../../sim/types';
import { FACTS, NOVEMBER_CARDS, TERMINALS } from '../fixtures/dealer-history';
import { freshDatabase } from '../fixtures/records';
import { virtualClock } from './fake-port';
import { adapterFor, notesByLocalId, SIM_TOKEN, syncServiceOn } from './sim-harness';

const COMPANY = '20003';
const REP = { id: '101', name: '张伟' };
/** 2026-11-30 10:00 in Shanghai: the fixture's month has its ERP figures. */
const START = Date.UTC(2026, 10, 30, 2);
const PASS = 16 * 60_000;

let sim: HubSpotSim;
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 100_000 });
});
afterAll(() => sim.close());
/** The devices' and the portal's time (search lag and limit included), from the fixture's month. */
let clock: ReturnType<typeof virtualClock>;
beforeEach(() => {
  clock = virtualClock(START);
  sim.setClock(clock.now);
  sim.reset();
});

/** A device's background: the sync service as the host builds it, with an in-memory token store and virtual time. */
function device(db: FieldkitDatabase, clock: { now: () => number }) {
  const service = syncServiceOn(db, { now: clock.now });
  return {
    service,
    connect: async () => {
      expect(await service.handlers['connection.connect']({ token: SIM_TOKEN, baseUrl: sim.url }, { id: 'fieldkit-test' })).toMatchObject({ connected: true });
      await service.runSync();
    },
  };
}

/** The rep's month with one dealer (the hand-worked one: 87.5, grade A), written as a rep writes it. */
async function recordTheMonth(db: FieldkitDatabase, dealerId: string, at: Date): Promise<void> {
  const as = <T extends object>(row: T) => ({ ...row, dealerId }) as never;
  for (const terminal of TERMINALS) await saveRecord(db, 'terminals', as(terminal), { author: REP, now: at });
  for (const card of NOVEMBER_CARDS) await saveRecord(db, 'visitCards', as(card), { author: REP, now: at });
  for (const month of FACTS) await saveRecord(db, 'dealerFacts', as(month), { author: REP, now: at });
}

/** The company's KPI properties by the snapshot's field names: what the app card reads. */
function cardFields(company: SimObject): Record<string, string | undefined> {
  return Object.fromEntries(SNAPSHOT_FIELD_NAMES.map((name) => [name, company.properties[DEALER_FIELD_PROPERTIES[name]!]]));
}

const kpiWrites = () => sim.requests.filter((r) => r.path === '/crm/v3/objects/companies/batch/update');
const sentProperties = (request: (typeof sim.requests)[number]) => (request.body as { inputs: { id: string; properties: Record<string, string> }[] }).inputs;

describe('a dealer\'s KPI snapshot, from a rep\'s device to the HubSpot company', () => {
  it('is computed after the pulls, written to the company in the same cycle, and decoded by the card', async () => {
    const db = freshDatabase('rep');
    const rep = device(db, clock);
    await rep.connect();
    // Connected: 12 dealers pulled, about which nothing is known yet, so no snapshot is written.
    expect(await db.dealers.count()).toBe(12);
    expect(kpiWrites()).toEqual([]);

    const dealer = (await dealerByCrmId.run(db, { crmId: COMPANY }))!;
    await recordTheMonth(db, dealer.id, new Date(clock.now()));
    clock.advance(PASS);
    sim.clearRequests();
    await rep.service.runSync();

    // One write, to the one dealer that has a month, with exactly the seven properties.
    expect(kpiWrites()).toHaveLength(1);
    const [input] = sentProperties(kpiWrites()[0]!);
    expect(input!.id).toBe(COMPANY);
    expect(Object.keys(input!.properties).sort()).toEqual(Object.values(DEALER_FIELD_PROPERTIES).sort());
    // The cards and figures went out as notes in the same drain.
    expect(notesByLocalId(sim).size).toBe(NOVEMBER_CARDS.length + FACTS.length);

    const company = sim.state.get('companies', COMPANY)!;
    expect(company.properties).toMatchObject({
      fieldkit_kpi_score: '87.5',
      fieldkit_kpi_grade: 'A',
      fieldkit_kpi_period: '2026-11',
      fieldkit_kpi_rule_set: 'dealer-kpi@1',
      fieldkit_kpi_partial: 'false',
      fieldkit_kpi_computed_at: new Date(clock.now()).toISOString(),
    });
    const panel = (await loadDealerPanel(db, dealer.id, '2026-11', { now: new Date(clock.now()) }))!;
    expect(snapshotFromFields(cardFields(company))).toEqual({ ok: true, snapshot: snapshotOf(panel) });

    // Locally: linked to the company, its entry done.
    const row = (await db.dealerKpis.get(kpiSnapshotIdOf(dealer.id)))!;
    expect(row.crm).toMatchObject({ objectType: 'companies', objectId: COMPANY, syncedVersion: row.updatedAt });
    expect((await db.outbox.where('[table+recordId]').equals(['dealerKpis', row.id]).first())!.status).toBe('done');

    // Nothing changed: later cycles write nothing.
    for (let i = 0; i < 2; i++) {
      clock.advance(PASS);
      sim.clearRequests();
      await rep.service.runSync();
      expect(kpiWrites()).toEqual([]);
    }

    // The ERP figures withdrawn: the snapshot is partial, and '' clears the old score in HubSpot.
    for (const month of await db.dealerFacts.toArray()) await deleteRecord(db, 'dealerFacts', month.id, { author: REP, now: new Date(clock.now()) });
    clock.advance(PASS);
    sim.clearRequests();
    await rep.service.runSync();

    expect(kpiWrites()).toHaveLength(1);
    expect(sentProperties(kpiWrites()[0]!)[0]!.properties).toMatchObject({ fieldkit_kpi_score: '', fieldkit_kpi_grade: '', fieldkit_kpi_partial: 'true' });
    const after = sim.state.get('companies', COMPANY)!;
    expect(after.properties).not.toHaveProperty('fieldkit_kpi_score');
    const read = snapshotFromFields(cardFields(after));
    expect(read.ok && read.snapshot).toMatchObject({ score: null, grade: null, partial: true, period: '2026-11' });
  });

  it('is written with the same values by a second device that has the same records (only when-computed differs)', async () => {
    const repDb = freshDatabase('rep-2');
    const rep = device(repDb, clock);
    await rep.connect();
    const dealer = (await dealerByCrmId.run(repDb, { crmId: COMPANY }))!;
    await recordTheMonth(repDb, dealer.id, new Date(clock.now()));
    clock.advance(PASS);
    await rep.service.runSync();
    const byRep = { ...sim.state.get('companies', COMPANY)!.properties };

    // A manager's device: dealers and the rep's notes come from HubSpot; terminals are kept on
    // the rep's device only, so they are copied across here to give both devices the same inputs.
    const managerDb = freshDatabase('manager');
    await managerDb.terminals.bulkPut(await repDb.terminals.toArray());
    clock.advance(60_000);
    const manager = device(managerDb, clock);
    sim.clearRequests();
    await manager.connect();

    expect(kpiWrites()).toHaveLength(1);
    const byManager = sim.state.get('companies', COMPANY)!.properties;
    const withoutTime = (p: Record<string, string>) => ({ ...p, fieldkit_kpi_computed_at: '', fieldkit_kpi_detail: p.fieldkit_kpi_detail!.replace(p.fieldkit_kpi_computed_at!, ''), hs_lastmodifieddate: '' });
    expect(byManager.fieldkit_kpi_computed_at).not.toBe(byRep.fieldkit_kpi_computed_at);
    expect(withoutTime(byManager)).toEqual(withoutTime(byRep));
  });

  it('is sent again as the same update when its answer is lost: no lookup, one company, the right values', async () => {
    const db = freshDatabase('lost');
    const engine = () => new SyncEngine({ db, port: adapterFor(sim), now: clock.now, sleep: clock.sleep, random: () => 0.5 });
    await adapterFor(sim).ensureSchema();
    await engine().pull('dealers');
    const dealer = (await dealerByCrmId.run(db, { crmId: COMPANY }))!;
    await recordTheMonth(db, dealer.id, new Date(clock.now()));
    // Only the snapshot: the notes are another test's business.
    for (const entry of await db.outbox.toArray()) await db.outbox.put({ ...entry, status: 'done' });
    expect(await refreshKpiSnapshots(db, new Date(clock.now()), { minPassIntervalMs: 0 })).toMatchObject({ queued: 1 });
    sim.setFaults({ match: 'companies/batch/update', script: ['lost'] });
    sim.clearRequests();

    // The first answer is lost (HubSpot applied it); the backoff is short enough to retry in the same drain.
    const result = await engine().drain();

    expect(result).toMatchObject({ outcome: 'done', pushed: 1, retried: 1, parked: 0 });
    // The same update twice, and never a search: there is nothing to look up.
    expect(sim.requests.map((r) => [r.path, r.fault ?? null])).toEqual([
      ['/crm/v3/objects/companies/batch/update', 'lost'],
      ['/crm/v3/objects/companies/batch/update', null],
    ]);
    expect(sentProperties(sim.requests[1]!)).toEqual(sentProperties(sim.requests[0]!));
    expect(sim.state.get('companies', COMPANY)!.properties.fieldkit_kpi_score).toBe('87.5');
    const entry = (await db.outbox.where('[table+recordId]').equals(['dealerKpis', kpiSnapshotIdOf(dealer.id)]).first())!;
    expect(entry).toMatchObject({ status: 'done' });
    expect(entry.createSentAt).toBeUndefined();
  });

  it('is dropped from the outbox, unsent, when its dealer is no longer linked to a company', async () => {
    const db = freshDatabase('unlinked');
    const engine = new SyncEngine({ db, port: adapterFor(sim), now: clock.now, sleep: clock.sleep, random: () => 0.5 });
    await adapterFor(sim).ensureSchema();
    await engine.pull('dealers');
    const dealer = (await dealerByCrmId.run(db, { crmId: COMPANY }))!;
    await recordTheMonth(db, dealer.id, new Date(clock.now()));
    for (const entry of await db.outbox.toArray()) await db.outbox.put({ ...entry, status: 'done' });
    await refreshKpiSnapshots(db, new Date(clock.now()), { minPassIntervalMs: 0 });
    await db.dealers.update(dealer.id, { crm: undefined });
    sim.clearRequests();

    expect(await engine.drain()).toMatchObject({ outcome: 'done', parked: 0 });
    expect(sim.requests).toEqual([]);
    expect((await db.outbox.where('[table+recordId]').equals(['dealerKpis', kpiSnapshotIdOf(dealer.id)]).first())!.status).toBe('done');
  });
});
