/**
 * Claimed outbox entries → what the CRM port writes. Everything kind-specific comes from the
 * kind's declaration (its CRM home, dealer, timeline time, fields and readable rendering), so a
 * new kind syncs without touching this file.
 */
import type { FieldkitDatabase } from '../store/database';
import type { RenderContext } from '../store/kind';
import { profileNameFor, readSetting } from '../store/settings';
import type { LanguagePreference, Locale } from '../kernel/i18n';
import type { PushInput, SyncedRecord } from '../crm/port';
import type { ClaimedEntry } from './batch';
import { ATTACHED, deviceId, writerStamp, WRITTEN_BY } from './device';

/** CRM owner ids are numeric; a local profile id (before connecting) is not one. */
export function ownerIdOf(authorId: string): string | undefined {
  return /^\d+$/.test(authorId) ? authorId : undefined;
}

/**
 * The language a record's CRM note is written in. Records do not store one (yet), so it is the
 * author's UI language at push time: the `language` setting, where 'auto' means zh-CN — not the
 * browser's language (the background has no say in it, and notes must not change language with
 * the machine that happens to push them) but Chinese, the language reps write in first. When a
 * record carries its own language, pass that instead; kinds only ever see `RenderContext.locale`.
 */
export function noteLocaleOf(preference: LanguagePreference): Locale {
  return preference === 'auto' ? 'zh-CN' : preference;
}

export async function outgoingOf(db: FieldkitDatabase, claims: readonly ClaimedEntry[]): Promise<PushInput[]> {
  const crmOf = (claim: ClaimedEntry) => db.kind(claim.table).crm;
  // The dealer an activity belongs to, or whose CRM record holds a `dealerFields` record.
  const dealerIdOf = (claim: ClaimedEntry) => {
    const crm = crmOf(claim);
    return crm?.home === 'activity' || crm?.home === 'dealerFields' ? crm.dealerIdOf(claim.record as never) : undefined;
  };
  // Those dealers, and every dealer an activity's rendering names (by name, never id).
  const named = claims.flatMap((claim) => {
    const crm = crmOf(claim);
    if (crm?.home === 'dealerFields') return [dealerIdOf(claim)];
    return crm?.home === 'activity' ? [dealerIdOf(claim), ...(crm.dealerIdsNamedIn?.(claim.record as never) ?? [])] : [];
  });
  const dealerIds = [...new Set(named.filter((id): id is string => typeof id === 'string'))];
  const dealers = (dealerIds.length > 0 ? await db.dealers.bulkGet(dealerIds) : []).filter((d) => d !== undefined);
  const companyOf = new Map(dealers.filter((d) => d.crm).map((d) => [d.id, d.crm!.objectId]));
  const nameOf = new Map(dealers.map((d) => [d.id, d.name]));
  const locale = noteLocaleOf(await readSetting(db, 'language'));
  const context: RenderContext = { locale, dealerName: (id) => nameOf.get(id) };
  const writtenBy = await deviceId(db);
  // Media kept in rows of their own (a visit card's photos) are read before the inputs are built.
  const related = await Promise.all(
    claims.map(async (claim) => {
      const crm = crmOf(claim);
      return crm?.home === 'activity' && crm.attachments?.related && !claim.record.deletedAt ? crm.attachments.related(db, claim.record as never) : [];
    }),
  );
  return claims.map((claim, index) => {
    const kind = db.kind(claim.table);
    const crm = kind.crm!;
    const dealerId = dealerIdOf(claim);
    const dealerCrmId = dealerId ? companyOf.get(dealerId) : undefined;
    // A record about several dealers (a report) is associated with each of them that is in the CRM.
    const covered = crm.home === 'activity' ? (crm.dealerIdsNamedIn?.(claim.record as never) ?? []).map((id) => companyOf.get(id)).filter((id): id is string => id !== undefined && id !== dealerCrmId) : [];
    const ownerId = ownerIdOf(claim.record.author.id);
    // The CRM copy must not carry our link to it (local state); it does carry which device
    // wrote it and which other device's version it was made from, for the conflict rule (./device.ts).
    const record: SyncedRecord = { ...claim.record, crm: undefined, [WRITTEN_BY]: writerStamp(writtenBy, claim.record.crm?.seenVersion) };
    delete record.crm;
    // Media never ride in the structured copy (a 3 MB screenshot in a 65,536-character property
    // would park the record forever): they go as files attached to the CRM copy.
    const attachments =
      crm.home === 'activity' && crm.attachments && !claim.record.deletedAt ? [...crm.attachments.of(claim.record as never), ...(related[index] ?? [])] : undefined;
    if (crm.home === 'activity' && crm.attachments) {
      for (const field of crm.attachments.fields) delete record[field];
      if (attachments && attachments.length > 0) record[ATTACHED] = attachments.map((a) => a.name);
    }
    return {
      localId: claim.record.id,
      kind: kind.name,
      home: crm.home,
      deleted: !!claim.record.deletedAt,
      ...(claim.crmId && crm.home !== 'dealerFields' ? { crmId: claim.crmId } : {}),
      ...(dealerCrmId ? { dealerCrmId } : {}),
      ...(covered.length > 0 ? { coveredDealerCrmIds: [...new Set(covered)] } : {}),
      ...(crm.home === 'dealerFields' ? { fields: crm.fieldsOf(claim.record as never) } : {}),
      ...(ownerId ? { ownerId } : {}),
      record,
      readable: { ...crm.render(claim.record as never, context), locale, author: profileNameFor(claim.record.author.name, locale) },
      ...(crm.home === 'activity' ? { timestamp: crm.timestampOf(claim.record as never) } : {}),
      ...(attachments ? { attachments } : {}),
    };
  });
}
