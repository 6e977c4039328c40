import { defineQuery, isLive } from '../store/query';
import type { RoleAssignment } from './schema';

/** Every role assignment (a team has tens of people, at most a few hundred: read in one go, by the index). */
export const allRoleAssignments = defineQuery({
  name: 'team.roleAssignments',
  table: 'roleAssignments',
  index: 'ownerId',
  example: {},
  run: async (db): Promise<RoleAssignment[]> => (await db.roleAssignments.orderBy('ownerId').toArray()).filter(isLive),
});

/** The assignments of one owner (normally one; two when devices wrote one each: the latest wins). */
export const roleAssignmentsOfOwner = defineQuery({
  name: 'team.roleAssignmentsOfOwner',
  table: 'roleAssignments',
  index: 'ownerId',
  example: { ownerId: 'owner-1' },
  run: async (db, { ownerId }: { ownerId: string }): Promise<RoleAssignment[]> => (await db.roleAssignments.where('ownerId').equals(ownerId).toArray()).filter(isLive),
});

export const teamQueries = [allRoleAssignments, roleAssignmentsOfOwner];
