/**
 * Deadline rules an admin changes on one device reach every other device through the CRM (the
 * simulator): the rep's device then judges a submission by them, and reads the change in words in
 * the CRM note.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../lib/sync/engine';
import { writeSetting } from '../../lib/store/settings';
import type { FieldkitDatabase } from '../../lib/store/database';
import { readDeadlineOverrides, saveDeadlineOverrides, DEADLINE_RULES_ID } from '../../lib/reports/deadline-store';
import { saveDiary } from '../../lib/reports/submit';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { freshDatabase } from '../fixtures/records';
import { adapterFor, notesByLocalId, portalOnVirtualTime, portFor, searchCaughtUp, SIM_TOKEN } from './sim-harness';

let sim: HubSpotSim;
/** The devices' and the portal's time: waiting out search lag costs no real time. */
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

const ADMIN = { id: 'o-admin', name: '陈静' };
const REP = { id: 'o-rep', name: '张伟' };

async function device(name: string, who: { id: string; name: string }): Promise<FieldkitDatabase> {
  const db = freshDatabase(name);
  await writeSetting(db, 'profile', { ...who, role: 'rep', timeZone: 'Asia/Shanghai' });
  return db;
}

/** One device's sync (pull, then push), a few seconds after the last one: search has what was written before. */
function sync(db: FieldkitDatabase) {
  clock.advance(searchCaughtUp(sim));
  return new SyncEngine({ db, port: portFor(sim, db, clock), now: clock.now, sleep: clock.sleep, pullBeforePush: true }).drain();
}

describe('deadline rules across devices', () => {
  it('a weekly deadline moved to Thursday on the admin’s device makes a Friday submission late on the rep’s', async () => {
    const admin = await device('admin-rules', ADMIN);
    const rep = await device('rep-rules', REP);
    await saveDeadlineOverrides(admin, { weekly: { type: 'weekday', weekday: 4, time: '18:00' } }, ADMIN);
    await sync(admin);
    const notes = notesByLocalId(sim).get(DEADLINE_RULES_ID);
    expect(notes).toHaveLength(1);

    await sync(rep);
    expect(await readDeadlineOverrides(rep)).toEqual({ weekly: { type: 'weekday', weekday: 4, time: '18:00' } });
    const entry = await saveDiary(
      rep,
      { periodStart: '2026-11-23', isoWeek: '2026-W48', status: 'draft', content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [{ priority: 'p', support: '' }], keyAccountVisits: [], gradeChanges: [] }, annotations: [] },
      { submit: true, author: REP, now: new Date('2026-11-27T02:00:00.000Z') }, // Friday 10:00 in Shanghai
    );
    expect(entry.deadline).toMatchObject({ outcome: 'late', dueAt: '2026-11-26T10:00:00Z' });
    // The rep pulled the rules: nothing of them goes back out from the rep's device.
    expect(await rep.outbox.where('table').equals('deadlineRuleSets').count()).toBe(0);
  });
});
