import { afterEach, describe, expect, it } from 'vitest';
import type { CrmOwner } from '../../lib/crm/port';
import { saveRecord } from '../../lib/store/records';
import { writeSetting } from '../../lib/store/settings';
import { crmOwners, OWNERS_SETTING } from '../../lib/team/queries';
import { assignRole, latestAssignments, loadTeamContext, RoleChangeError, teamContextOf } from '../../lib/team/roles';
import type { RoleAssignment } from '../../lib/team/schema';
import { freshDatabase } from '../fixtures/records';

const EAST = { id: 't-east', name: '华东区', primary: true };
const NORTH = { id: 't-north', name: '华北区', primary: true };
const SOUTH = { id: 't-south', name: '华南区', primary: true };
const secondary = (team: { id: string; name: string }) => ({ ...team, primary: false });

function owner(id: string, name: string, teams: CrmOwner['teams'], archived = false): CrmOwner {
  return { id, name, teams, archived };
}

// 王芳 manages; 张伟 and 李娜 are reps in the east, 赵磊 in the north with the east as a second team,
// 陈静 in the south, 孙强 was deactivated.
const OWNERS: CrmOwner[] = [
  owner('o-wang', '王芳', [EAST]),
  owner('o-zhang', '张伟', [EAST]),
  owner('o-li', '李娜', [EAST]),
  owner('o-zhao', '赵磊', [NORTH, secondary(EAST)]),
  owner('o-chen', '陈静', [SOUTH]),
  owner('o-sun', '孙强', [EAST], true),
];

let seq = 0;
function assignment(ownerId: string, role: RoleAssignment['role'], extra: Partial<RoleAssignment> = {}): RoleAssignment {
  seq += 1;
  return {
    id: `01JT00000000000000000000${String(seq).padStart(2, '0')}`,
    schemaVersion: 1,
    author: { id: 'o-admin', name: '管理员' },
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ownerId,
    role,
    managesTeamIds: [],
    ...extra,
  };
}

const profileOf = (id: string, role: 'rep' | 'manager' | 'admin' = 'rep') => ({ id, name: OWNERS.find((o) => o.id === id)?.name ?? '我', role });
const names = (members: { name: string }[]) => members.map((m) => m.name);

describe('latestAssignments', () => {
  it('keeps, per owner, the assignment written last (two devices each wrote one), ignoring deleted ones', () => {
    const older = assignment('o-zhang', 'manager', { updatedAt: '2026-11-02T08:00:00.000Z' });
    const newer = assignment('o-zhang', 'rep', { updatedAt: '2026-11-02T09:00:00.000Z' });
    const deletedNewest = assignment('o-zhang', 'admin', { updatedAt: '2026-11-03T09:00:00.000Z', deletedAt: '2026-11-03T09:00:00.000Z' });
    const other = assignment('o-li', 'manager');
    const latest = latestAssignments([newer, deletedNewest, other, older]);
    expect(latest.get('o-zhang')).toBe(newer);
    expect(latest.get('o-li')).toBe(other);
    expect(latest.size).toBe(2);
    // The order they arrive in does not matter.
    expect(latestAssignments([older, newer]).get('o-zhang')).toBe(newer);
  });

  it('breaks a tie on the same instant by id, the same way on every device', () => {
    const a = assignment('o-zhang', 'manager', { id: '01JT0000000000000000000000A' });
    const b = assignment('o-zhang', 'rep', { id: '01JT0000000000000000000000B' });
    expect(latestAssignments([a, b]).get('o-zhang')).toBe(b);
    expect(latestAssignments([b, a]).get('o-zhang')).toBe(b);
  });
});

describe('teamContextOf', () => {
  it('gives a manager the reps on the teams they manage, primary or secondary, and nobody else', () => {
    const context = teamContextOf({ profile: profileOf('o-wang'), owners: OWNERS, assignments: [assignment('o-wang', 'manager')] });
    expect(context.role).toBe('manager');
    expect(context.roleSource).toBe('assignment');
    // Their own team (华东区) by default: 赵磊 is in it as a second team; 陈静 (华南区) is not; 孙强 is deactivated.
    expect(names(context.reps).sort()).toEqual(['张伟', '李娜', '赵磊'].sort());
    expect(context.canAdminister).toBe(true); // no admin assigned yet: bootstrap
  });

  it('follows the managed teams when the admin named them, instead of the manager’s own', () => {
    const context = teamContextOf({ profile: profileOf('o-wang'), owners: OWNERS, assignments: [assignment('o-wang', 'manager', { managesTeamIds: ['t-south', 't-north'] })] });
    expect(names(context.reps).sort()).toEqual(['赵磊', '陈静'].sort());
    expect(context.me.managesTeamIds).toEqual(['t-south', 't-north']);
  });

  it('leaves out of a manager’s reps the other managers and admins on the team', () => {
    const context = teamContextOf({
      profile: profileOf('o-wang'),
      owners: OWNERS,
      assignments: [assignment('o-wang', 'manager'), assignment('o-zhang', 'manager'), assignment('o-li', 'admin')],
    });
    expect(names(context.reps)).toEqual(['赵磊']);
  });

  it('gives an admin every active rep, and lists deactivated owners apart', () => {
    const context = teamContextOf({ profile: profileOf('o-chen'), owners: OWNERS, assignments: [assignment('o-chen', 'admin'), assignment('o-wang', 'manager')] });
    expect(context.role).toBe('admin');
    expect(context.canAdminister).toBe(true);
    expect(names(context.reps).sort()).toEqual(['张伟', '李娜', '赵磊'].sort());
    expect(names(context.archived)).toEqual(['孙强']);
    expect(context.owners.map((o) => o.id)).not.toContain('o-sun');
    expect(context.teams.map((t) => t.id).sort()).toEqual(['t-east', 't-north', 't-south']);
  });

  it('gives a rep no reps and, once an admin exists, no right to change roles', () => {
    const context = teamContextOf({ profile: profileOf('o-zhang'), owners: OWNERS, assignments: [assignment('o-chen', 'admin')] });
    expect(context.role).toBe('rep');
    expect(context.roleSource).toBe('profile');
    expect(context.reps).toEqual([]);
    expect(context.adminExists).toBe(true);
    expect(context.canAdminister).toBe(false);
  });

  it('applies the profile’s own choice to yourself until assigned, but never a self-chosen admin once an admin exists', () => {
    const unassignedManager = teamContextOf({ profile: profileOf('o-wang', 'manager'), owners: OWNERS, assignments: [assignment('o-chen', 'admin')] });
    expect(unassignedManager.role).toBe('manager');
    expect(unassignedManager.roleSource).toBe('profile');
    expect(names(unassignedManager.reps).sort()).toEqual(['张伟', '李娜', '赵磊'].sort());

    const selfMadeAdmin = teamContextOf({ profile: profileOf('o-zhang', 'admin'), owners: OWNERS, assignments: [assignment('o-chen', 'admin')] });
    expect(selfMadeAdmin.role).toBe('rep');
    expect(selfMadeAdmin.canAdminister).toBe(false);

    // An assignment wins over the profile.
    const assigned = teamContextOf({ profile: profileOf('o-wang', 'admin'), owners: OWNERS, assignments: [assignment('o-wang', 'rep')] });
    expect(assigned.role).toBe('rep');
    expect(assigned.roleSource).toBe('assignment');
    // Other people without an assignment are reps, whatever this device's profile says about itself.
    expect(unassignedManager.owners.find((o) => o.id === 'o-zhao')?.role).toBe('rep');
  });

  it('lets anyone administer while no admin exists, and again when the only admin was deactivated', () => {
    const none = teamContextOf({ profile: profileOf('o-zhang'), owners: OWNERS, assignments: [] });
    expect(none.adminExists).toBe(false);
    expect(none.canAdminister).toBe(true);
    const deactivatedAdmin = teamContextOf({ profile: profileOf('o-zhang'), owners: OWNERS, assignments: [assignment('o-sun', 'admin')] });
    expect(deactivatedAdmin.adminExists).toBe(false);
    expect(deactivatedAdmin.canAdminister).toBe(true);
  });

  it('before connecting, is the profile alone', () => {
    const context = teamContextOf({ profile: { id: 'local-user', name: '@me', role: 'manager', timeZone: 'Asia/Urumqi' }, owners: [], assignments: [] });
    expect(context).toMatchObject({ role: 'manager', roleSource: 'profile', connected: false, meIsOwner: false, owners: [], reps: [], archived: [] });
    expect(context.me).toMatchObject({ id: 'local-user', name: '@me', role: 'manager', timeZone: 'Asia/Urumqi', teams: [] });
  });

  it('orders a member’s teams primary first and takes the time zone from the assignment', () => {
    const context = teamContextOf({ profile: profileOf('o-zhao'), owners: OWNERS, assignments: [assignment('o-zhao', 'rep', { timeZone: 'Asia/Urumqi' })] });
    expect(context.me.teams.map((t) => t.id)).toEqual(['t-north', 't-east']);
    expect(context.me.timeZone).toBe('Asia/Urumqi');
  });
});

describe('assignRole and loadTeamContext', () => {
  const db = freshDatabase('fieldkit-team-roles');
  afterEach(async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
  });
  const ADMIN = { id: 'o-chen', name: '陈静' };

  async function connectedAs(profileId: string) {
    await db.settings.put({ key: OWNERS_SETTING, value: OWNERS });
    await writeSetting(db, 'profile', profileOf(profileId));
    return loadTeamContext(db);
  }

  it('reads the owners sync keeps, skipping malformed entries', async () => {
    await db.settings.put({ key: OWNERS_SETTING, value: [OWNERS[0], null, { name: 'no id' }, { id: 'o-x', firstName: 'Wei', lastName: 'Zhang', teams: 'bad' }] });
    expect(await crmOwners.run(db, {})).toEqual([OWNERS[0], { id: 'o-x', name: 'Wei Zhang', firstName: 'Wei', lastName: 'Zhang', teams: [], archived: false }]);
  });

  it('lets the first person make themself admin, then refuses a rep', async () => {
    const bootstrap = await connectedAs('o-chen');
    expect(bootstrap.canAdminister).toBe(true);
    await assignRole(db, { ownerId: 'o-chen', ownerName: '陈静', role: 'admin', managesTeamIds: [] }, { author: ADMIN, context: bootstrap });

    const rep = await connectedAs('o-zhang');
    expect(rep.adminExists).toBe(true);
    expect(rep.canAdminister).toBe(false);
    const refusal = assignRole(db, { ownerId: 'o-zhang', ownerName: '张伟', role: 'admin', managesTeamIds: [] }, { author: { id: 'o-zhang', name: '张伟' }, context: rep });
    await expect(refusal).rejects.toBeInstanceOf(RoleChangeError);
    await expect(refusal).rejects.toMatchObject({ key: 'notAllowed' });
    expect(await db.roleAssignments.where('ownerId').equals('o-zhang').count()).toBe(0);
  });

  it('updates the owner’s latest assignment instead of adding one, and queues it for the CRM', async () => {
    await db.settings.put({ key: OWNERS_SETTING, value: OWNERS });
    const first = await saveRecord(db, 'roleAssignments', { ownerId: 'o-wang', role: 'rep', managesTeamIds: [] }, { author: ADMIN, now: new Date('2026-11-01T08:00:00Z') });
    const second = await saveRecord(db, 'roleAssignments', { ownerId: 'o-wang', role: 'rep', managesTeamIds: [] }, { author: ADMIN, now: new Date('2026-11-02T08:00:00Z') });
    await saveRecord(db, 'roleAssignments', { ownerId: 'o-chen', role: 'admin', managesTeamIds: [] }, { author: ADMIN });
    const admin = await connectedAs('o-chen');

    const saved = await assignRole(db, { ownerId: 'o-wang', ownerName: '王芳', role: 'manager', managesTeamIds: ['t-east', 't-north', 't-east'], timeZone: 'Asia/Shanghai' }, { author: ADMIN, context: admin });
    expect(saved.id).toBe(second.id);
    expect(saved).toMatchObject({ role: 'manager', managesTeamIds: ['t-east', 't-north'], timeZone: 'Asia/Shanghai', ownerName: '王芳' });
    expect((await db.roleAssignments.get(first.id))?.role).toBe('rep');
    expect(await db.outbox.where('[table+recordId]').equals(['roleAssignments', saved.id]).count()).toBe(1);

    // A role other than manager keeps no managed teams; an empty time zone means the device's.
    const again = await assignRole(db, { ownerId: 'o-wang', ownerName: '王芳', role: 'rep', managesTeamIds: ['t-east'], timeZone: '' }, { author: ADMIN, context: await loadTeamContext(db) });
    expect(again.managesTeamIds).toEqual([]);
    expect(again.timeZone).toBeUndefined();

    const manager = await connectedAs('o-wang');
    expect(manager.role).toBe('rep');
  });

  it('refuses deactivated and unknown owners, and demoting the last admin', async () => {
    const bootstrap = await connectedAs('o-chen');
    await expect(assignRole(db, { ownerId: 'o-sun', ownerName: '孙强', role: 'manager', managesTeamIds: [] }, { author: ADMIN, context: bootstrap })).rejects.toMatchObject({ key: 'ownerArchived' });
    await expect(assignRole(db, { ownerId: 'o-nobody', ownerName: '?', role: 'rep', managesTeamIds: [] }, { author: ADMIN, context: bootstrap })).rejects.toMatchObject({ key: 'unknownOwner' });
    await assignRole(db, { ownerId: 'o-chen', ownerName: '陈静', role: 'admin', managesTeamIds: [] }, { author: ADMIN, context: bootstrap });
    const admin = await loadTeamContext(db);
    await expect(assignRole(db, { ownerId: 'o-chen', ownerName: '陈静', role: 'rep', managesTeamIds: [] }, { author: ADMIN, context: admin })).rejects.toMatchObject({ key: 'lastAdmin' });
    // With a second admin, the first may step down.
    await assignRole(db, { ownerId: 'o-wang', ownerName: '王芳', role: 'admin', managesTeamIds: [] }, { author: ADMIN, context: admin });
    await assignRole(db, { ownerId: 'o-chen', ownerName: '陈静', role: 'rep', managesTeamIds: [] }, { author: ADMIN, context: await loadTeamContext(db) });
    const after = await loadTeamContext(db);
    expect(after.role).toBe('rep');
    expect(after.canAdminister).toBe(false);
    expect(await db.roleAssignments.where('ownerId').equals('o-sun').count()).toBe(0);
  });
});
