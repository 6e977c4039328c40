import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useDatabase, useSetting } from '../shell/database-context';
import { useLocale, useT } from '../shell/locale';
import { writeSetting } from '../../lib/store/settings';
import type { Locale, Translate } from '../../lib/kernel/i18n';
import { assignRole, managedTeamIds, RoleChangeError, type RoleChangeRefusal, type TeamContext, type TeamMember } from '../../lib/team/roles';
import type { Role } from '../../lib/team/schema';
import { Badge, Button, Checkbox, Field, FieldError, FormActions, Notice, SaveError, SegmentedControl, errorMessageOf, fieldsetClass, hintClass, labelClass, legendClass, selectClass, type FieldControlProps } from '../ui/index';
import { teamMessages } from './messages';
import { COMMON_TIME_ZONES, deviceTimeZone, timeZoneName } from './time-zones';
import { useTeamContext } from './use-team';

type T = Translate<keyof typeof teamMessages.en>;

const ROLE_NAME: Record<Role, 'roleRep' | 'roleManager' | 'roleAdmin'> = { rep: 'roleRep', manager: 'roleManager', admin: 'roleAdmin' };
const ROLE_SHORT: Record<Role, 'roleRepShort' | 'roleManagerShort' | 'roleAdminShort'> = { rep: 'roleRepShort', manager: 'roleManagerShort', admin: 'roleAdminShort' };
const REFUSAL: Record<RoleChangeRefusal, 'errNotAllowed' | 'errUnknownOwner' | 'errOwnerArchived' | 'errLastAdmin' | 'errNoManagedTeam'> = {
  notAllowed: 'errNotAllowed',
  unknownOwner: 'errUnknownOwner',
  ownerArchived: 'errOwnerArchived',
  lastAdmin: 'errLastAdmin',
  noManagedTeam: 'errNoManagedTeam',
};

/** One sentence for a refused or failed role change: a refusal by its key, anything else as a save failure. */
function useRoleError(): (error: unknown) => { refusal?: string; failure?: string } {
  const t = useT(teamMessages);
  return (error) => (error instanceof RoleChangeError ? { refusal: t(REFUSAL[error.key]) } : { failure: errorMessageOf(error) });
}

/**
 * Options › Team and roles: your role (and, until an admin assigns one, your own choice on this
 * device), then the HubSpot owners by team with their roles — editable by an admin, or by anyone
 * while no admin exists (said on screen, with a one-click claim), read-only for everyone else.
 */
export function TeamRolesSection() {
  const context = useTeamContext();
  if (!context) return null;
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <YourRole context={context} />
      {context.connected && <People context={context} />}
    </div>
  );
}

function YourRole({ context }: { context: TeamContext }) {
  const t = useT(teamMessages);
  const locale = useLocale();
  const heading = useId();
  const source = context.roleSource === 'assignment' ? t('sourceAssigned') : context.connected ? t('sourceProfileConnected') : t('sourceProfileUnconnected');
  return (
    <section aria-labelledby={heading} className="flex min-w-0 flex-col gap-3">
      <h3 id={heading} className="m-0 text-lg font-semibold">
        {t('yourRole')}
      </h3>
      {context.roleSource === 'assignment' && (
        <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-sm">
          <Badge tone={context.role === 'rep' ? 'neutral' : 'accent'}>{t(ROLE_NAME[context.role])}</Badge>
          {context.role !== 'rep' && <span className="min-w-0">{t('yourReps', { count: context.reps.length })}</span>}
        </div>
      )}
      <p className={hintClass}>{source}</p>
      {context.roleSource === 'assignment' && <p className={hintClass}>{t('yourDeadlinesIn', { zone: zoneLabel(context.me.timeZone, locale, t, 'mine') })}</p>}
      {context.roleSource === 'profile' && <OwnRoleForm adminAllowed={!context.adminExists} />}
    </section>
  );
}

/** How a member's zone reads: a named zone, or the device's when none is set. */
function zoneLabel(zone: string | undefined, locale: Locale, t: T, whose: 'mine' | 'theirs'): string {
  if (zone) return timeZoneName(zone, locale, t);
  return whose === 'mine' ? t('zoneOfThisDevice', { zone: timeZoneName(deviceTimeZone(), locale, t) }) : t('zoneOfTheirDevice');
}

/** The role and time zone this device uses for you until an admin assigns them (the profile). */
function OwnRoleForm({ adminAllowed }: { adminAllowed: boolean }) {
  const db = useDatabase();
  const profile = useSetting('profile');
  if (!profile) return null;
  return (
    <OwnRoleFormFor
      key={`${profile.role} ${profile.timeZone ?? ''}`}
      initialRole={profile.role === 'admin' && !adminAllowed ? 'rep' : profile.role}
      initialZone={profile.timeZone ?? ''}
      adminAllowed={adminAllowed}
      save={(role, timeZone) => writeSetting(db, 'profile', { ...profile, role, timeZone: timeZone || undefined })}
    />
  );
}

function OwnRoleFormFor({ initialRole, initialZone, adminAllowed, save }: { initialRole: Role; initialZone: string; adminAllowed: boolean; save: (role: Role, timeZone: string) => Promise<void> }) {
  const t = useT(teamMessages);
  const [role, setRole] = useState<Role>(initialRole);
  const [zone, setZone] = useState(initialZone);
  const [state, setState] = useState<{ saving: boolean; saved: boolean; error?: string }>({ saving: false, saved: false });
  const roles: Role[] = adminAllowed ? ['rep', 'manager', 'admin'] : ['rep', 'manager'];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setState({ saving: true, saved: false });
    save(role, zone).then(
      () => setState({ saving: false, saved: true }),
      (error: unknown) => setState({ saving: false, saved: false, error: errorMessageOf(error) }),
    );
  };
  return (
    <form onSubmit={submit} noValidate className="flex max-w-md min-w-0 flex-col gap-3">
      <div className="flex min-w-0 flex-col gap-1">
        <span aria-hidden="true" className={labelClass}>
          {t('roleOnDevice')}
        </span>
        <div>
          <SegmentedControl
            label={t('roleOnDevice')}
            value={role}
            options={roles.map((value) => ({ value, label: t(ROLE_SHORT[value]) }))}
            onChange={(next) => {
              setRole(next);
              setState({ saving: false, saved: false });
            }}
          />
        </div>
        <p className={hintClass}>{t('roleChoiceHint')}</p>
      </div>
      <Field label={t('timeZone')} hint={t('yourTimeZoneHint')}>
        {(control) => (
          <TimeZoneSelect
            control={control}
            value={zone}
            whose="mine"
            onChange={(next) => {
              setZone(next);
              setState({ saving: false, saved: false });
            }}
          />
        )}
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" disabled={state.saving}>
          {t('saveRoleChoice')}
        </Button>
        {state.saved && (
          <Notice tone="ok" role="status">
            {t('saved')}
          </Notice>
        )}
      </div>
      <SaveError error={state.error} />
    </form>
  );
}

/** A select of common IANA zones (named in the UI language), the device's, and the current value. */
function TimeZoneSelect({ control, value, onChange, whose }: { control: FieldControlProps; value: string; onChange: (zone: string) => void; whose: 'mine' | 'theirs' }) {
  const t = useT(teamMessages);
  const locale = useLocale();
  const device = deviceTimeZone();
  const zones = COMMON_TIME_ZONES.map((z) => z.zone);
  for (const extra of [device, value]) if (extra && !zones.includes(extra)) zones.push(extra);
  const label = (zone: string) => (zone === device ? t('zoneThisDevice', { zone: timeZoneName(zone, locale, t) }) : timeZoneName(zone, locale, t));
  const chosen = value ? label(value) : zoneLabel(undefined, locale, t, whose);
  return (
    <select {...control} className={selectClass} value={value} title={chosen} onChange={(event) => onChange(event.target.value)}>
      <option value="">{zoneLabel(undefined, locale, t, whose)}</option>
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {label(zone)}
        </option>
      ))}
    </select>
  );
}

interface Group {
  id: string;
  name: string;
  members: TeamMember[];
}

/** Owners under their primary team (the first of `teams`), teams by name, the teamless last. */
function groupsOf(owners: readonly TeamMember[], noTeam: string): Group[] {
  const groups = new Map<string, Group>();
  for (const member of owners) {
    const primary = member.teams[0];
    const key = primary?.id ?? '';
    const group = groups.get(key) ?? { id: key, name: primary?.name ?? noTeam, members: [] };
    group.members.push(member);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (a.id === '' ? 1 : b.id === '' ? -1 : a.name.localeCompare(b.name, 'zh-CN')));
}

function People({ context }: { context: TeamContext }) {
  const t = useT(teamMessages);
  const heading = useId();
  const [editing, setEditing] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const groups = groupsOf(context.owners, t('noTeam'));
  const teamNames = new Map(context.teams.map((team) => [team.id, team.name]));
  return (
    <section aria-labelledby={heading} className="flex min-w-0 flex-col gap-3">
      <h3 id={heading} className="m-0 text-lg font-semibold">
        {t('people')}
      </h3>
      <p className={hintClass}>{t('peopleIntro')}</p>
      {!context.adminExists && <ClaimAdmin context={context} />}
      {!context.canAdminister && <p className="m-0 text-sm font-medium">{t('onlyAdmin')}</p>}
      <p className="m-0 text-sm text-muted">{t('peopleCount', { count: context.owners.length, teams: context.teams.length })}</p>
      {status && (
        <Notice tone="ok" role="status">
          {status}
        </Notice>
      )}
      {groups.map((group) => (
        <TeamGroup key={group.id || 'none'} name={group.name} count={group.members.length}>
          {group.members.map((member) => (
            <li key={member.id} className="flex min-w-0 flex-col gap-3 px-3 py-2">
              <MemberSummary member={member} you={member.id === context.me.id} teamNames={teamNames}>
                {context.canAdminister && editing !== member.id && (
                  <Button
                    size="sm"
                    aria-label={t('changeRoleOf', { name: member.name })}
                    onClick={() => {
                      setEditing(member.id);
                      setStatus(undefined);
                    }}
                  >
                    {t('change')}
                  </Button>
                )}
              </MemberSummary>
              {context.canAdminister && editing === member.id && (
                <RoleEditor
                  member={member}
                  context={context}
                  onCancel={() => setEditing(undefined)}
                  onSaved={(role) => {
                    setEditing(undefined);
                    setStatus(t('roleSaved', { name: member.name, role }));
                  }}
                />
              )}
            </li>
          ))}
        </TeamGroup>
      ))}
      {context.archived.length > 0 && (
        <TeamGroup name={t('archived')} count={context.archived.length} intro={t('archivedIntro')}>
          {context.archived.map((member) => (
            <li key={member.id} className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 px-3 py-2 text-sm">
              <span className="min-w-0 break-words text-muted">{member.name}</span>
              {member.email && <span className="min-w-0 text-xs break-all text-muted">{member.email}</span>}
            </li>
          ))}
        </TeamGroup>
      )}
    </section>
  );
}

function TeamGroup({ name, count, intro, children }: { name: string; count: number; intro?: string; children: ReactNode }) {
  const t = useT(teamMessages);
  const heading = useId();
  return (
    <section aria-labelledby={heading} className="flex min-w-0 flex-col gap-2">
      <h4 id={heading} className="m-0 flex flex-wrap items-baseline gap-x-2 text-base font-semibold">
        <span className="min-w-0 break-words">{name}</span>
        <span className="text-xs font-normal text-muted">{t('teamCount', { count })}</span>
      </h4>
      {intro && <p className={hintClass}>{intro}</p>}
      <ul className="m-0 flex list-none flex-col divide-y divide-line rounded-lg border border-line bg-surface p-0">{children}</ul>
    </section>
  );
}

function MemberSummary({ member, you, teamNames, children }: { member: TeamMember; you: boolean; teamNames: Map<string, string>; children?: ReactNode }) {
  const t = useT(teamMessages);
  const locale = useLocale();
  const others = member.teams.slice(1).map((team) => team.name);
  const managed = member.role === 'manager' ? managedTeamIds(member).map((id) => teamNames.get(id) ?? id) : [];
  const list = (names: string[]) => new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
  const details = [
    others.length > 0 ? t('alsoIn', { teams: list(others) }) : '',
    member.role === 'manager' ? (managed.length > 0 ? t('manages', { teams: list(managed) }) : t('managesNone')) : '',
    member.timeZone ? t('deadlinesIn', { zone: timeZoneName(member.timeZone, locale, t) }) : '',
  ].filter(Boolean);
  return (
    <div className="flex min-w-0 items-start justify-between gap-3">
      <div className="flex min-w-0 flex-col gap-1">
        <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
          <span className="min-w-0 font-medium break-words">{member.name}</span>
          {you && <Badge tone="accent">{t('you')}</Badge>}
          <Badge tone={member.role === 'rep' ? 'neutral' : 'accent'}>{t(ROLE_NAME[member.role])}</Badge>
          {!member.assigned && <span className="text-xs text-muted">{t('notAssigned')}</span>}
        </div>
        {details.length > 0 && (
          <ul className="m-0 flex list-none flex-col gap-0.5 p-0 text-xs text-muted">
            {details.map((detail) => (
              <li key={detail}>{detail}</li>
            ))}
          </ul>
        )}
      </div>
      {children && <div className="shrink-0">{children}</div>}
    </div>
  );
}

function RoleEditor({ member, context, onCancel, onSaved }: { member: TeamMember; context: TeamContext; onCancel: () => void; onSaved: (role: Role) => void }) {
  const t = useT(teamMessages);
  const db = useDatabase();
  const describe = useRoleError();
  const ownTeams = member.teams.map((team) => team.id);
  const [role, setRole] = useState<Role>(member.role);
  const [teams, setTeams] = useState<ReadonlySet<string>>(new Set(member.managesTeamIds.length > 0 ? member.managesTeamIds : ownTeams));
  const [zone, setZone] = useState(member.timeZone ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ refusal?: string; failure?: string; teams?: string }>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (role === 'manager' && context.teams.length > 0 && teams.size === 0) {
      setError({ teams: t('errNoManagedTeam') });
      return;
    }
    // Exactly their own teams is stored as "their own teams", so it follows HubSpot when those change.
    const same = teams.size === ownTeams.length && ownTeams.every((id) => teams.has(id));
    setSaving(true);
    setError({});
    assignRole(
      db,
      { ownerId: member.id, ownerName: member.name, role, managesTeamIds: role === 'manager' && !same ? [...teams] : [], timeZone: zone || undefined },
      { author: { id: context.me.id, name: context.me.name }, context },
    ).then(
      () => {
        setSaving(false);
        onSaved(role);
      },
      (failure: unknown) => {
        setSaving(false);
        setError(describe(failure));
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate className="flex min-w-0 flex-col gap-3 rounded-md bg-soft p-3">
      <div className="flex min-w-0 flex-col gap-1">
        <span aria-hidden="true" className={labelClass}>
          {t('role')}
        </span>
        <div>
          <SegmentedControl label={t('role')} value={role} options={(['rep', 'manager', 'admin'] as const).map((value) => ({ value, label: t(ROLE_SHORT[value]) }))} onChange={setRole} />
        </div>
      </div>
      {role === 'manager' && context.teams.length > 0 && (
        <fieldset className={fieldsetClass}>
          <legend className={legendClass}>{t('managesTeams')}</legend>
          <p className={hintClass}>{t('managesTeamsHint')}</p>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {context.teams.map((team) => (
              <Checkbox
                key={team.id}
                label={team.name}
                checked={teams.has(team.id)}
                onChange={(event) => {
                  const next = new Set(teams);
                  if (event.target.checked) next.add(team.id);
                  else next.delete(team.id);
                  setTeams(next);
                }}
              />
            ))}
          </div>
          <FieldError label={t('managesTeams')} message={error.teams} />
        </fieldset>
      )}
      <Field label={t('timeZone')} hint={t('theirTimeZoneHint')}>
        {(control) => <TimeZoneSelect control={control} value={zone} whose="theirs" onChange={setZone} />}
      </Field>
      {error.refusal && (
        <Notice tone="danger" role="alert">
          {error.refusal}
        </Notice>
      )}
      <FormActions saveLabel={t('saveRole')} cancelLabel={t('cancel')} saving={saving} error={error.failure} onCancel={onCancel} />
    </form>
  );
}

/** While no admin exists: say so, and let the person using this device make themself admin (confirmed). */
function ClaimAdmin({ context }: { context: TeamContext }) {
  const t = useT(teamMessages);
  const db = useDatabase();
  const describe = useRoleError();
  const [confirming, setConfirming] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ refusal?: string; failure?: string }>({});
  const claim = () => {
    setSaving(true);
    setError({});
    assignRole(
      db,
      { ownerId: context.me.id, ownerName: context.me.name, role: 'admin', managesTeamIds: [], timeZone: context.me.timeZone },
      { author: { id: context.me.id, name: context.me.name }, context },
    ).then(
      () => setSaving(false),
      (failure: unknown) => {
        setSaving(false);
        setError(describe(failure));
      },
    );
  };
  return (
    <div className="flex min-w-0 flex-col gap-3">
      <Notice tone="warn">{t('noAdmin')}</Notice>
      {!context.meIsOwner ? (
        <p className={hintClass}>{t('notAnOwner')}</p>
      ) : confirming ? (
        <div className="flex min-w-0 flex-col gap-3" role="group" aria-label={t('makeMeAdmin')}>
          <p className="m-0 text-sm">{t('confirmAdmin', { name: context.me.name })}</p>
          <div className="flex flex-wrap gap-2">
            <Button variant="primary" disabled={saving} onClick={claim}>
              {t('confirmAdminYes')}
            </Button>
            <Button disabled={saving} onClick={() => setConfirming(false)}>
              {t('cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <div>
          <Button variant="primary" onClick={() => setConfirming(true)}>
            {t('makeMeAdmin')}
          </Button>
        </div>
      )}
      {error.refusal && (
        <Notice tone="danger" role="alert">
          {error.refusal}
        </Notice>
      )}
      <SaveError error={error.failure} />
    </div>
  );
}
