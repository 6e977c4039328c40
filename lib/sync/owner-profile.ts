import type { FieldkitDatabase } from '../store/database';
import type { CrmOwner } from '../crm/port';
import { DEFAULT_SETTINGS, readSetting, writeSetting } from '../store/settings';

/**
 * After connecting, the person behind the token becomes the author of what they write next: the
 * local profile takes the CRM owner's id and name, so notes carry `hubspot_owner_id` and a
 * manager's Fieldkit shows whose visit it was. A profile already linked to this owner, or a
 * token whose user has no owner, changes nothing; the role (rep / manager) stays the user's choice.
 */
export async function adoptOwnerProfile(db: FieldkitDatabase, owners: CrmOwner[], userId: number | undefined): Promise<CrmOwner | undefined> {
  if (userId === undefined) return undefined;
  const owner = owners.find((o) => o.userId === userId && !o.archived);
  if (!owner) return undefined;
  const profile = await readSetting(db, 'profile');
  if (profile.id === owner.id && profile.name === owner.name) return owner;
  await writeSetting(db, 'profile', { ...profile, id: owner.id, name: owner.name || profile.name, role: profile.role ?? DEFAULT_SETTINGS.profile.role });
  return owner;
}
