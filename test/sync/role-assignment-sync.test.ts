/**
 * A role an admin assigns on one device reaches another through the CRM (the simulator), and the
 * second device then sees the same team: the mapping syncs so every device agrees.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../lib/sync/engine';
import { writeSetting } from '../../lib/store/settings';
import { OWNERS_SETTING } from '../../lib/team/queries';
import { assignRole, loadTeamContext } from '../../lib/team/roles';
import type { CrmOwner } from '../../lib/crm/port';
import type { FieldkitDatabase } from '../../lib/store/database';
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

const OWNERS: CrmOwner[] = [
  { id: 'o-admin', name: '陈静', teams: [{ id: 't-east', name: '华东区', primary: true }], archived: false },
  { id: 'o-manager', name: '王芳', teams: [{ id: 't-east', name: '华东区', primary: true }], archived: false },
  { id: 'o-rep', name: '张伟', teams: [{ id: 't-east', name: '华东区', primary: true }], archived: false },
];

async function device(name: string, ownerId: string): Promise<FieldkitDatabase> {
  const db = freshDatabase(name);
  await db.settings.put({ key: OWNERS_SETTING, value: OWNERS });
  await writeSetting(db, 'profile', { id: ownerId, name: OWNERS.find((o) => o.id === ownerId)!.name, role: 'rep' });
  return db;
}

/** One device's sync (pull, then push), a few seconds after the last one: search has what was written before. */
function sync(db: FieldkitDatabase) {
  clock.advance(searchCaughtUp(sim));
  return new SyncEngine({ db, port: portFor(sim, db, clock), now: clock.now, sleep: clock.sleep, pullBeforePush: true }).drain();
}

describe('role assignments across devices', () => {
  it('an assignment made on the admin’s device makes the manager a manager on theirs, with the same reps', async () => {
    const admin = await device('admin', 'o-admin');
    const manager = await device('manager', 'o-manager');
    const before = await loadTeamContext(manager);
    expect(before.role).toBe('rep');

    const bootstrap = await loadTeamContext(admin);
    const author = { id: 'o-admin', name: '陈静' };
    await assignRole(admin, { ownerId: 'o-admin', ownerName: '陈静', role: 'admin', managesTeamIds: [] }, { author, context: bootstrap });
    const saved = await assignRole(admin, { ownerId: 'o-manager', ownerName: '王芳', role: 'manager', managesTeamIds: ['t-east'], timeZone: 'Asia/Urumqi' }, { author, context: await loadTeamContext(admin) });
    await sync(admin);
    expect(notesByLocalId(sim).get(saved.id)).toHaveLength(1);

    await sync(manager);
    const after = await loadTeamContext(manager);
    expect(after).toMatchObject({ role: 'manager', roleSource: 'assignment', adminExists: true, canAdminister: false });
    expect(after.me.timeZone).toBe('Asia/Urumqi');
    expect(after.reps.map((r) => r.name)).toEqual(['张伟']);
    // Nothing the manager pulled goes back out.
    expect(await manager.outbox.count()).toBe(0);

    // The admin changes it again; the manager's device follows the latest.
    await assignRole(admin, { ownerId: 'o-manager', ownerName: '王芳', role: 'rep', managesTeamIds: [] }, { author, context: await loadTeamContext(admin) });
    await sync(admin);
    await sync(manager);
    expect((await loadTeamContext(manager)).role).toBe('rep');
    expect(await manager.roleAssignments.where('ownerId').equals('o-manager').count()).toBe(1);
  });
});
