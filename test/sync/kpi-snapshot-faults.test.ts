/**
 * The fault suite's question asked of the KPI snapshot: refreshed and pushed through the real
 * adapter to the simulator under random faults (dropped connections, 5xx, 429s, lost answers,
 * malformed answers) and service-worker restarts at any stage of a drain, while the rep keeps
 * visiting terminals (each visit changes the snapshot). Every run ends with the company holding
 * exactly the latest snapshot, one outbox entry for it, and never a lookup for it (a write to an
 * existing company has nothing to look up). `KPI_FAULT_RUNS` / `KPI_FAULT_SEED` widen or replay it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveRecord } from '../../lib/store/records';
import type { FieldkitDatabase } from '../../lib/store/database';
import { SyncEngine } from '../../lib/sync/engine';
import { refreshKpiSnapshots } from '../../lib/dealers/kpi-snapshot';
import { kpiSnapshotIdOf } from '../../lib/dealers/kpi-snapshot-kind';
import { loadDealerPanel } from '../../lib/dealers/panel-data';
import { snapshotFields, snapshotOf } from '../../lib/dealers/snapshot';
import { DEALER_FIELD_PROPERTIES } from '../../lib/crm/hubspot/properties';
import { createRandom, type Random } from '../../sim/prng';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { DEALER, FACTS, NOVEMBER_CARDS, TERMINALS, card } from '../fixtures/dealer-history';
import { freshDatabase } from '../fixtures/records';
import { SimulatedCrash, virtualClock } from './fake-port';
import { adapterFor, portFor, SIM_TOKEN } from './sim-harness';

const RUNS = Number(process.env.KPI_FAULT_RUNS ?? 40);
const BASE_SEED = Number(process.env.KPI_FAULT_SEED ?? 20261130);
const COMPANY = '20003';
const REP = { id: '101', name: '张伟' };

let sim: HubSpotSim;
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 10_000_000 });
});
afterAll(() => sim.close());

/** A visit to a random terminal on a random November day: usually changes coverage or activity. */
async function visit(db: FieldkitDatabase, random: Random, now: number): Promise<void> {
  const terminal = TERMINALS[Math.floor(random() * TERMINALS.length)]!;
  const day = `2026-11-${String(1 + Math.floor(random() * 29)).padStart(2, '0')}`;
  const { id: _id, ...draft } = card(day, { terminalId: terminal.id, currentInventory: Math.floor(random() * 500) });
  await saveRecord(db, 'visitCards', draft as never, { author: REP, now: new Date(now) });
}

interface Totals {
  runs: number;
  writes: number;
  faults: Record<string, number>;
  restarts: number;
  stale: number;
  lookups: number;
}

async function oneRun(run: number, totals: Totals): Promise<void> {
  const seed = BASE_SEED + run;
  const random = createRandom(seed);
  const db = freshDatabase(`kpi-fault-run-${run}`);
  const clock = virtualClock(Date.UTC(2026, 10, 30, 2));
  sim.reset();
  await adapterFor(sim).ensureSchema();
  // The hand-worked dealer, linked to company 20003; its records already in HubSpot (not this test's business).
  await db.dealers.put({ ...DEALER, crm: { ...DEALER.crm!, objectType: 'companies', objectId: COMPANY } });
  await db.terminals.bulkPut(TERMINALS);
  await db.visitCards.bulkPut(NOVEMBER_CARDS);
  await db.dealerFacts.bulkPut(FACTS);

  sim.setFaults({
    seed,
    dropRate: random() * 0.2,
    errorRate: random() * 0.2,
    rateLimitRate: random() * 0.15,
    lostResponseRate: random() * 0.3,
    retryAfterSeconds: 1 + Math.floor(random() * 5),
    script: random() < 0.3 ? [(['malformed', 'wrong-shape', 'lost', 'drop'] as const)[Math.floor(random() * 4)]!] : [],
  });
  const crashRate = random() * 0.2;
  sim.clearRequests();

  let converged = false;
  for (let round = 0; round < 60 && !converged; round++) {
    if (round === 40) sim.setFaults({});
    const visits = round < 30 && random() < 0.4;
    if (visits) await visit(db, random, clock.now());
    const engine = new SyncEngine({
      db,
      port: portFor(sim, db),
      now: clock.now,
      sleep: clock.sleep,
      random,
      pullBeforePush: random() < 0.5,
      // As the sync service runs it: between the pull and the push.
      beforePush: async () => void (await refreshKpiSnapshots(db, new Date(clock.now()), { minPassIntervalMs: 0 })),
      checkpoint: async (stage) => {
        if (round < 40 && random() < crashRate) throw new SimulatedCrash(`worker stopped at ${stage}`);
        if (stage === 'claimed' && round < 30 && random() < 0.1) await visit(db, random, clock.now());
      },
    });
    try {
      await engine.drain();
    } catch (error) {
      if (!(error instanceof SimulatedCrash)) throw error;
      totals.restarts += 1;
    }
    const open = await db.outbox.where('status').anyOf('pending', 'inFlight', 'needsAttention').count();
    // Converged: nothing open, and a refresh now finds nothing new to say.
    converged = open === 0 && (await refreshKpiSnapshots(db, new Date(clock.now()), { minPassIntervalMs: 0 })).queued === 0;
    clock.advance(2 * 60_000 + Math.floor(random() * 10 * 60_000));
  }
  sim.setFaults({});
  if (!converged) throw new Error(`run ${run} (seed ${seed}) did not converge`);

  const id = kpiSnapshotIdOf(DEALER.id);
  for (const request of sim.requests) {
    if (request.fault) totals.faults[request.fault] = (totals.faults[request.fault] ?? 0) + 1;
    if (request.path === '/crm/v3/objects/companies/batch/update') totals.writes += 1;
    if (request.path === '/crm/v3/objects/notes/search' && JSON.stringify(request.body).includes(id.toLowerCase())) totals.lookups += 1;
  }
  // What the company must hold: the snapshot of the dealer's records as they ended, computed
  // afresh here (at the time the company says it was computed).
  const company = sim.state.get('companies', COMPANY)!.properties;
  const panel = (await loadDealerPanel(db, DEALER.id, '2026-11', { now: new Date(company.fieldkit_kpi_computed_at ?? 0) }))!;
  const latest = snapshotFields(snapshotOf(panel));
  const expected = Object.fromEntries(Object.entries(latest).map(([name, value]) => [DEALER_FIELD_PROPERTIES[name]!, String(value)]));
  // HubSpot stores an emptied property as no property at all.
  const held = Object.fromEntries(Object.keys(expected).map((property) => [property, company[property] ?? '']));
  if (JSON.stringify(held) !== JSON.stringify(expected)) totals.stale += 1;
  expect((await db.outbox.toArray()).filter((e) => e.table === 'dealerKpis')).toHaveLength(1);
  await db.delete();
}

describe('KPI snapshot under faults', () => {
  it(`${RUNS} randomised runs: the company ends with the latest snapshot, never looked up`, { timeout: 120_000 }, async () => {
    const totals: Totals = { runs: 0, writes: 0, faults: {}, restarts: 0, stale: 0, lookups: 0 };
    const started = Date.now();
    for (let run = 0; run < RUNS; run++) {
      await oneRun(run, totals);
      totals.runs += 1;
    }
    console.log(
      `[kpi-fault-suite] runs=${totals.runs} company-writes=${totals.writes} faults=${Object.entries(totals.faults).map(([k, v]) => `${k}:${v}`).join(' ')} ` +
        `sw-restart:${totals.restarts} stale=${totals.stale} lookups=${totals.lookups} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(totals.stale).toBe(0);
    expect(totals.lookups).toBe(0);
  });
});
