/**
 * HubSpot may refuse a batch update whole (400, nothing written) for one invalid input
 * (sim/strict.ts `batchUpdateAllOrNothing`). A realistic way to get one: an admin edits the
 * "客户级别 Customer grade" property in HubSpot and removes the option C, while Fieldkit still
 * grades a dealer C. The adapter halves the refused batch until the bad input stands alone: the
 * other dealers' edits go through, and only that dealer waits, with HubSpot's words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveRecord } from '../../lib/store/records';
import { SyncEngine } from '../../lib/sync/engine';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { freshDatabase, REP } from '../fixtures/records';
import { virtualClock } from './fake-port';
import { adapterFor, portFor, SIM_TOKEN } from './sim-harness';

let sim: HubSpotSim;
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 10_000_000, strict: { batchUpdateAllOrNothing: true } });
});
afterAll(() => sim.close());

describe('a batch update HubSpot refuses whole', () => {
  it('is halved until the one dealer with a removed grade option stands alone; the others are written', async () => {
    const clock = virtualClock(Date.now());
    sim.setClock(clock.now);
    await adapterFor(sim).ensureSchema();
    const db = freshDatabase('all-or-nothing-grade');
    const engine = () => new SyncEngine({ db, port: portFor(sim, db), now: clock.now, sleep: clock.sleep, maxInlineWaitMs: 0 });
    await engine().pull('dealers');
    const dealers = await db.dealers.toArray();
    expect(dealers.length).toBeGreaterThanOrEqual(10);

    // The admin removes option C from the grade property in HubSpot.
    const grade = sim.state.properties.companies.get('fieldkit_grade')!;
    grade.options = grade.options.filter((o) => o.value !== 'C');

    const graded = dealers.map((dealer, i) => ({ dealer, grade: (i === 6 ? 'C' : i % 2 ? 'A' : 'B') as 'A' | 'B' | 'C' }));
    for (const { dealer, grade: value } of graded) {
      clock.advance(1_000);
      await saveRecord(db, 'dealers', { ...dealer, grade: value }, { author: REP, now: new Date(clock.now()) });
    }
    sim.clearRequests();
    const result = await engine().drain();

    const updates = sim.requests.filter((r) => r.path === '/crm/v3/objects/companies/batch/update');
    expect(updates[0]!.status).toBe(400); // the whole batch, refused
    expect(updates.filter((r) => r.status === 400).length).toBeGreaterThan(1); // halved down to the one
    expect(result).toMatchObject({ pushed: graded.length - 1, parked: 1 });
    for (const { dealer, grade: value } of graded) {
      const company = sim.state.get('companies', dealer.crm!.objectId)!;
      if (value === 'C') expect(company.properties.fieldkit_grade ?? '').not.toBe('C');
      else expect(company.properties.fieldkit_grade).toBe(value);
    }
    const [parked] = await db.outbox.where('status').equals('needsAttention').toArray();
    expect(parked).toMatchObject({ table: 'dealers', recordId: graded[6]!.dealer.id, lastError: { kind: 'validation' } });
    expect(parked!.lastError!.message).toMatch(/C was not one of the allowed options/);
  });
});
