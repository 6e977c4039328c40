/**
 * Dealers are CRM dealers (HubSpot companies): the CRM is their source of truth and Fieldkit keeps a local copy for
 * offline visits. A pulled company updates the local dealer it is linked to (by company id) or
 * becomes a new one; fields only Fieldkit keeps (its local id, terminals) are left alone.
 */
import type { FieldkitDatabase } from '../store/database';
import { Dealer } from './schema';
import type { RemoteDealer } from '../crm/port';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The local id of a dealer first seen in the CRM. It must be the same on every device — visit
 * cards name their dealer by local id, and a manager's Fieldkit must resolve a rep's card to the
 * same dealer — so it is derived from the company id instead of being random: a ULID-shaped
 * string (time part zero) that encodes the numeric CRM id.
 */
export function dealerIdForCompany(crmId: string, localId?: string): string {
  if (localId && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(localId)) return localId;
  let n = /^\d+$/.test(crmId) ? BigInt(crmId) : [...crmId].reduce((h, c) => (h * 131n + BigInt(c.codePointAt(0)!)) % 2n ** 120n, 7n);
  let out = '';
  while (n > 0n) {
    out = CROCKFORD[Number(n % 32n)]! + out;
    n /= 32n;
  }
  return out.padStart(26, '0').slice(-26);
}

export async function mergeRemoteDealer(db: FieldkitDatabase, remote: RemoteDealer, now: number): Promise<'inserted' | 'updated' | 'unchanged' | 'invalid'> {
  const nowIso = new Date(now).toISOString();
  const { crmId, modifiedAt, localId, objectType, kpi: _kpi, ...fields } = remote;
  return db.transaction('rw', [db.dealers, db.outbox], async () => {
    const local = (await db.dealers.where('crm.objectId').equals(crmId).first()) ?? (await db.dealers.get(dealerIdForCompany(crmId, localId)));
    if (local?.remoteModifiedAt && local.remoteModifiedAt >= modifiedAt) return 'unchanged';
    const entry = local && (await db.outbox.where('[table+recordId]').equals(['dealers', local.id]).first());
    // A dealer edited here and not yet pushed keeps the local edit; the push writes it over.
    if (entry && entry.status !== 'done') return 'unchanged';
    const candidate = {
      shared: false,
      file: { salesRegions: [], mainProducts: [] },
      ...local,
      ...stripUndefined(fields),
      id: local?.id ?? dealerIdForCompany(crmId, localId),
      schemaVersion: 1 as const,
      author: local?.author ?? { id: remote.responsibleRepId ?? 'crm', name: 'CRM' },
      createdAt: local?.createdAt ?? nowIso,
      updatedAt: nowIso,
      remoteModifiedAt: modifiedAt,
      crm: { objectType, objectId: crmId, syncedAt: nowIso, syncedVersion: nowIso },
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
