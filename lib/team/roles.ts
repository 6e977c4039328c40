/**
 * Who is a rep, a regional manager or an admin, and whose records a manager reads. HubSpot owners
 * carry no role: an admin maps them (role assignments, a synced record kind), so every device
 * agrees. Until then, the local profile's own choice applies to the person using the device.
 *
 * A record always belongs to its author. This module only says who is on whose team; views use it
 * to show a manager the team's records in team views (read-only but for review actions) and to
 * keep those records out of the manager's own Today.
 */
import type { CrmOwner } from '../crm/port';
import type { Author } from '../kernel/record';
import type { FieldkitDatabase } from '../store/database';
import { saveRecord } from '../store/records';
import { readSetting } from '../store/settings';
import type { SettingValue } from '../store/settings-schema';
import { allRoleAssignments, crmOwners, roleAssignmentsOfOwner } from './queries';
import type { Role, RoleAssignment } from './schema';

export type { Role } from './schema';

/** Per owner, the assignment that counts: the latest `updatedAt` (two devices may each have written one). */
export function latestAssignments(assignments: readonly RoleAssignment[]): Map<string, RoleAssignment> {
  const latest = new Map<string, RoleAssignment>();
  for (const assignment of assignments) {
    if (assignment.deletedAt) continue;
    const current = latest.get(assignment.ownerId);
    // Equal timestamps: the larger id, so every device picks the same one.
    if (!current || assignment.updatedAt > current.updatedAt || (assignment.updatedAt === current.updatedAt && assignment.id > current.id)) {
      latest.set(assignment.ownerId, assignment);
    }
  }
  return latest;
}

export interface TeamMember {
  id: string;
  name: string;
  role: Role;
  /** The owner's CRM teams, primary first. */
  teams: { id: string; name: string }[];
  /** The IANA zone their deadlines fall in; absent: their device's. */
  timeZone?: string;
  /** As assigned (managers only): the teams they look after; empty: their own teams. */
  managesTeamIds: string[];
  /** Whether an admin assigned the role (otherwise: a rep by default, or the profile's own choice). */
  assigned: boolean;
  /** Deactivated in the CRM: listed apart, cannot be given a role. */
  archived: boolean;
  email?: string;
}

export interface TeamContext {
  me: TeamMember;
  role: Role;
  /** Where the role comes from. */
  roleSource: 'assignment' | 'profile';
  adminExists: boolean;
  /** An admin, or anyone while no admin is assigned (bootstrap, said in the UI). */
  canAdminister: boolean;
  /**
   * The reps this person manages: owners with role rep on the teams the manager manages
   * (managesTeamIds, else the manager's own teams); an admin: every rep. A rep: none.
   */
  reps: TeamMember[];
  /** The active CRM owners, by name (empty before connecting). */
  owners: TeamMember[];
  /** Owners deactivated in the CRM, by name: listed apart, never given a role. */
  archived: TeamMember[];
  /** Every team of an active owner, by name. */
  teams: { id: string; name: string }[];
  /** Whether the CRM's owners are known (HubSpot connected and synced once). */
  connected: boolean;
  /** Whether `me` is one of the CRM owners (so a role can be assigned to them). */
  meIsOwner: boolean;
}

type Profile = Pick<SettingValue<'profile'>, 'id' | 'name' | 'role' | 'timeZone'>;

const byName = (a: { name: string; id: string }, b: { name: string; id: string }) => a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The teams a manager looks after: as assigned, else their own. */
export function managedTeamIds(member: Pick<TeamMember, 'managesTeamIds' | 'teams'>): string[] {
  return member.managesTeamIds.length > 0 ? member.managesTeamIds : member.teams.map((t) => t.id);
}

export function teamContextOf({ profile, owners, assignments }: { profile: Profile; owners: readonly CrmOwner[]; assignments: readonly RoleAssignment[] }): TeamContext {
  const latest = latestAssignments(assignments);
  const connected = owners.length > 0;
  const archivedIds = new Set(owners.filter((o) => o.archived).map((o) => o.id));
  // An admin counts unless the CRM says the owner was deactivated (then the bootstrap opens again).
  const adminExists = [...latest.values()].some((a) => a.role === 'admin' && !archivedIds.has(a.ownerId));

  const memberOf = (owner: CrmOwner): TeamMember => {
    const assignment = latest.get(owner.id);
    const teams = [...owner.teams].sort((a, b) => Number(b.primary) - Number(a.primary)).map(({ id, name }) => ({ id, name }));
    return {
      id: owner.id,
      name: owner.name,
      role: assignment?.role ?? 'rep',
      teams,
      managesTeamIds: assignment?.role === 'manager' ? [...assignment.managesTeamIds] : [],
      assigned: assignment !== undefined,
      archived: owner.archived,
      ...(assignment?.timeZone ? { timeZone: assignment.timeZone } : {}),
      ...(owner.email ? { email: owner.email } : {}),
    };
  };

  const members = owners.map(memberOf);
  const myOwner = members.find((m) => m.id === profile.id && !m.archived);
  const myAssignment = latest.get(profile.id);
  const roleSource: TeamContext['roleSource'] = myAssignment ? 'assignment' : 'profile';
  // Unassigned, the profile's own choice applies to yourself, except that once an admin exists,
  // admins are who the mapping says: a self-chosen "admin" then counts as the default, a rep.
  const role: Role = myAssignment ? myAssignment.role : profile.role === 'admin' && adminExists ? 'rep' : profile.role;
  const timeZone = myAssignment?.timeZone ?? profile.timeZone;
  const me: TeamMember = myOwner
    ? { ...myOwner, role, managesTeamIds: role === 'manager' ? myOwner.managesTeamIds : [], ...(timeZone ? { timeZone } : {}) }
    : {
        id: profile.id,
        name: profile.name,
        role,
        teams: [],
        managesTeamIds: role === 'manager' && myAssignment ? [...myAssignment.managesTeamIds] : [],
        assigned: myAssignment !== undefined,
        archived: false,
        ...(timeZone ? { timeZone } : {}),
      };
  // Everyone else is seen as the mapping says; yourself, as this device resolves you.
  const active = members.filter((m) => !m.archived).map((m) => (m.id === me.id ? me : m));
  active.sort(byName);

  let reps: TeamMember[] = [];
  if (role === 'admin') {
    reps = active.filter((m) => m.role === 'rep' && m.id !== me.id);
  } else if (role === 'manager') {
    const managed = new Set(managedTeamIds(me));
    reps = active.filter((m) => m.role === 'rep' && m.id !== me.id && m.teams.some((t) => managed.has(t.id)));
  }

  const teams = new Map<string, string>();
  for (const member of active) for (const team of member.teams) if (!teams.has(team.id)) teams.set(team.id, team.name);

  return {
    me,
    role,
    roleSource,
    adminExists,
    canAdminister: role === 'admin' || !adminExists,
    reps,
    owners: active,
    archived: members.filter((m) => m.archived).sort(byName),
    teams: [...teams].map(([id, name]) => ({ id, name })).sort(byName),
    connected,
    meIsOwner: myOwner !== undefined,
  };
}

/** The team as this device sees it now: the profile, the CRM owners sync keeps, the role assignments. */
export async function loadTeamContext(db: FieldkitDatabase): Promise<TeamContext> {
  const [profile, owners, assignments] = await Promise.all([readSetting(db, 'profile'), crmOwners.run(db, {}), allRoleAssignments.run(db, {})]);
  return teamContextOf({ profile, owners, assignments });
}

/** Why a role change was refused; the UI words each key (components/team/messages.ts). */
export type RoleChangeRefusal = 'notAllowed' | 'unknownOwner' | 'ownerArchived' | 'lastAdmin' | 'noManagedTeam';

export class RoleChangeError extends Error {
  override readonly name = 'RoleChangeError';
  constructor(readonly key: RoleChangeRefusal) {
    super(`role change refused: ${key}`);
  }
}

export interface RoleChange {
  ownerId: string;
  ownerName: string;
  role: Role;
  /** For a manager: the teams they look after (empty: their own teams). Ignored for other roles. */
  managesTeamIds: string[];
  timeZone?: string;
}

/**
 * Gives a CRM owner a role: updates the owner's assignment that counts (the latest), or creates
 * one. It is a record, so it syncs and every device agrees. Refused unless `by.context` may
 * administer (an admin, or anyone while there is none), for an owner the CRM does not list or
 * has deactivated, and when it would leave no admin.
 */
export async function assignRole(db: FieldkitDatabase, change: RoleChange, by: { author: Author; context: TeamContext; now?: Date }): Promise<RoleAssignment> {
  const { context } = by;
  if (!context.canAdminister) throw new RoleChangeError('notAllowed');
  if (context.archived.some((m) => m.id === change.ownerId)) throw new RoleChangeError('ownerArchived');
  const owner = context.owners.find((m) => m.id === change.ownerId);
  if (context.connected && !owner) throw new RoleChangeError('unknownOwner');
  if (change.role === 'manager' && change.managesTeamIds.length === 0 && owner && owner.teams.length === 0 && context.teams.length > 0) {
    // "Their own teams" would be none: a regional manager with nobody to manage is a mistake.
    throw new RoleChangeError('noManagedTeam');
  }
  if (owner?.role === 'admin' && owner.assigned && change.role !== 'admin') {
    const otherAdmins = context.owners.filter((m) => m.role === 'admin' && m.assigned && m.id !== change.ownerId);
    if (otherAdmins.length === 0) throw new RoleChangeError('lastAdmin');
  }
  const existing = latestAssignments(await roleAssignmentsOfOwner.run(db, { ownerId: change.ownerId })).get(change.ownerId);
  const content = {
    ownerId: change.ownerId,
    ownerName: change.ownerName,
    role: change.role,
    managesTeamIds: change.role === 'manager' ? [...new Set(change.managesTeamIds)] : [],
    timeZone: change.timeZone || undefined,
  };
  return saveRecord(db, 'roleAssignments', existing ? { ...existing, ...content } : content, { author: by.author, now: by.now });
}
