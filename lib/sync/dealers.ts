/**
 * Dealers are CRM companies: the CRM is their source of truth and Fieldkit keeps a local copy for
 * offline visits. A pulled company updates the local dealer it is linked to (by company id) or
 * becomes a new one; fields only Fieldkit keeps (its local id, terminals) are left alone.
 */
import type { FieldkitDatabase } from '../db/database';
import { Dealer } from '../schema/dealer';
import { newId } from '../ids';
import type { RemoteDealer } from './port';

export async function mergeRemoteDealer(db: FieldkitDatabase, remote: RemoteDealer, now: number): Promise<'inserted' | 'updated' | 'unchanged' | 'invalid'> {
  const nowIso = new Date(now).toISOString();
  const { crmId, modifiedAt, ...fields } = remote;
  return db.transaction('rw', [db.dealers, db.outbox], async () => {
    const local = await db.dealers.where('crm.objectId').equals(crmId).first();
    if (local?.remoteModifiedAt && local.remoteModifiedAt >= modifiedAt) return 'unchanged';
    const entry = local && (await db.outbox.where('[table+recordId]').equals(['dealers', local.id]).first());
    // A dealer edited here and not yet pushed keeps the local edit; the push writes it over.
    if (entry && entry.status !== 'done') return 'unchanged';
    const candidate = {
      shared: false,
      file: { salesRegions: [], mainProducts: [] },
      ...local,
      ...stripUndefined(fields),
      id: local?.id ?? newId(now),
      schemaVersion: 1 as const,
      author: local?.author ?? { id: remote.responsibleRepId ?? 'crm', name: 'HubSpot' },
      createdAt: local?.createdAt ?? nowIso,
      updatedAt: nowIso,
      remoteModifiedAt: modifiedAt,
      crm: { objectType: 'companies', objectId: crmId, syncedAt: nowIso, syncedVersion: nowIso },
    };
    const parsed = Dealer.safeParse(candidate);
    if (!parsed.success) return 'invalid';
    await db.dealers.put(parsed.data);
    return local ? 'updated' : 'inserted';
  });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
