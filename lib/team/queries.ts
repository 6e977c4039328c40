import { defineQuery, isLive } from '../store/query';
import type { CrmOwner } from '../crm/port';
import type { RoleAssignment } from './schema';

/** The settings row where sync keeps the CRM's owners and their teams (written by lib/sync/service.ts). */
export const OWNERS_SETTING = 'sync.owners';

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

/**
 * The CRM owners and their teams, as sync last read them (empty before connecting): the settings
 * row, read by its key. A malformed entry is skipped rather than failing the whole list.
 */
export const crmOwners = defineQuery({
  name: 'team.owners',
  table: 'settings',
  index: ':id',
  example: {},
  run: async (db, _args: Record<string, never>): Promise<CrmOwner[]> => ownersFrom((await db.settings.get(OWNERS_SETTING))?.value),
});

/** The owners in a stored `sync.owners` value, each with a display name; anything malformed is left out. */
export function ownersFrom(value: unknown): CrmOwner[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw): CrmOwner[] => {
    if (typeof raw !== 'object' || raw === null) return [];
    const o = raw as Record<string, unknown>;
    if (typeof o.id !== 'string' || !o.id) return [];
    const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    const teams = Array.isArray(o.teams)
      ? o.teams.flatMap((t): CrmOwner['teams'] => {
          const team = t as Record<string, unknown> | null;
          return team && typeof team.id === 'string' && team.id ? [{ id: team.id, name: text(team.name) ?? team.id, primary: team.primary === true }] : [];
        })
      : [];
    const email = text(o.email);
    const firstName = text(o.firstName);
    const lastName = text(o.lastName);
    const name = text(o.name) ?? ([firstName, lastName].filter(Boolean).join(' ') || email || o.id);
    return [
      {
        id: o.id,
        name,
        teams,
        archived: o.archived === true,
        ...(typeof o.userId === 'number' ? { userId: o.userId } : {}),
        ...(email ? { email } : {}),
        ...(firstName ? { firstName } : {}),
        ...(lastName ? { lastName } : {}),
      },
    ];
  });
}

export const teamQueries = [allRoleAssignments, roleAssignmentsOfOwner, crmOwners];
