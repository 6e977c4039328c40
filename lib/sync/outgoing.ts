/**
 * Claimed outbox entries → what the CRM port writes. Everything kind-specific comes from the
 * kind's declaration (its CRM home, dealer, timeline time and readable rendering), so a new kind
 * syncs without touching this file.
 */
import type { FieldkitDatabase } from '../store/database';
import type { PushInput, SyncedRecord } from '../crm/port';
import type { ClaimedEntry } from './batch';
import { deviceId, WRITTEN_BY } from './device';

/** CRM owner ids are numeric; a local profile id (before connecting) is not one. */
function ownerIdOf(authorId: string): string | undefined {
  return /^\d+$/.test(authorId) ? authorId : undefined;
}

export async function outgoingOf(db: FieldkitDatabase, claims: readonly ClaimedEntry[]): Promise<PushInput[]> {
  const dealerIdOf = (claim: ClaimedEntry) => {
    const crm = db.kind(claim.table).crm;
    return crm?.home === 'activity' ? crm.dealerIdOf(claim.record as never) : undefined;
  };
  const dealerIds = [...new Set(claims.map(dealerIdOf).filter((id): id is string => typeof id === 'string'))];
  const dealers = dealerIds.length > 0 ? await db.dealers.bulkGet(dealerIds) : [];
  const companyOf = new Map(dealers.filter((d) => d?.crm).map((d) => [d!.id, d!.crm!.objectId]));
  const writtenBy = await deviceId(db);
  return claims.map((claim) => {
    const kind = db.kind(claim.table);
    const crm = kind.crm!;
    const dealerId = dealerIdOf(claim);
    const dealerCrmId = dealerId ? companyOf.get(dealerId) : undefined;
    const ownerId = ownerIdOf(claim.record.author.id);
    // The CRM copy must not carry our link to it (local state); it does carry which device
    // wrote it, for the conflict rule (./device.ts).
    const record: SyncedRecord = { ...claim.record, crm: undefined, [WRITTEN_BY]: writtenBy };
    delete record.crm;
    return {
      localId: claim.record.id,
      kind: kind.name,
      home: crm.home,
      deleted: !!claim.record.deletedAt,
      ...(claim.crmId ? { crmId: claim.crmId } : {}),
      ...(dealerCrmId ? { dealerCrmId } : {}),
      ...(ownerId ? { ownerId } : {}),
      record,
      readable: crm.render(claim.record as never),
      ...(crm.home === 'activity' ? { timestamp: crm.timestampOf(claim.record as never) } : {}),
    };
  });
}
