/**
 * Fieldkit records ↔ HubSpot notes. A note carries two things: a readable HTML body for HubSpot
 * users without Fieldkit (what they see on the dealer's timeline), and the structured record in
 * fieldkit_* properties for Fieldkit to read back.
 */
import { CRM_RECORD_TYPES, type CrmRecordType, type PulledRecord, type PushInput } from '../errors';
import { MAX_STRING } from './properties';
import type { SimpleObject } from './responses';

/** HUBSPOT_DEFINED association type note → company. */
export const NOTE_TO_COMPANY = 190;

/** Note properties Fieldkit reads back. */
export const NOTE_READ_PROPERTIES = [
  'hs_timestamp',
  'hubspot_owner_id',
  'fieldkit_record_id',
  'fieldkit_record_type',
  'fieldkit_payload',
  'fieldkit_version',
  'fieldkit_company_id',
];

const TYPE_LABELS: Record<CrmRecordType, string> = {
  visitCard: '拜访卡 Visit card',
  diaryEntry: '工作日记 Diary',
  report: '报告 Report',
  intelItem: '竞品信息 Market intel',
};

/**
 * Record ids are ULIDs (case-insensitive by definition). They are stored lowercase because
 * HubSpot's IN search operator on string properties matches lowercase values; reading back
 * upper-cases them again, the form Fieldkit uses locally.
 */
export const storedId = (localId: string) => localId.toLowerCase();
export const localIdOf = (stored: string) => stored.toUpperCase();

/** The note body: the caller's readable HTML plus a one-line footer naming the record. */
export function noteBody(input: PushInput): string {
  return `${input.readableHtml}<p><small>Fieldkit · ${TYPE_LABELS[input.recordType]} · ${storedId(input.localId)}</small></p>`;
}

/** Properties of a note create or update; throws a message if the record cannot fit in a note. */
export function noteProperties(input: PushInput): Record<string, string> {
  const payload = JSON.stringify(input.payload ?? null);
  if (payload.length > MAX_STRING) {
    throw new Error(`the record is ${payload.length} characters as JSON; a HubSpot property holds at most ${MAX_STRING}`);
  }
  const body = noteBody(input);
  if (body.length > MAX_STRING) throw new Error(`the readable note is ${body.length} characters; HubSpot allows ${MAX_STRING}`);
  return {
    hs_timestamp: input.timestamp,
    hs_note_body: body,
    fieldkit_record_id: storedId(input.localId),
    fieldkit_record_type: input.recordType,
    fieldkit_payload: payload,
    fieldkit_version: input.updatedAt,
    ...(input.ownerId ? { hubspot_owner_id: input.ownerId } : {}),
    ...(input.dealerCrmId ? { fieldkit_company_id: input.dealerCrmId } : {}),
  };
}

export function companyAssociation(dealerCrmId: string) {
  return {
    to: { id: dealerCrmId },
    types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: NOTE_TO_COMPANY }],
  };
}

function instant(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const t = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** A note → a pulled record, or the reason it cannot be one. */
export function pulledRecordOf(note: SimpleObject): PulledRecord | string {
  const p = note.properties;
  const id = p.fieldkit_record_id;
  if (!id) return 'no fieldkit_record_id';
  const type = p.fieldkit_record_type as CrmRecordType | null | undefined;
  if (!type || !CRM_RECORD_TYPES.includes(type)) return `unknown record type ${String(type)}`;
  let payload: unknown;
  try {
    payload = JSON.parse(p.fieldkit_payload ?? '');
  } catch {
    return 'fieldkit_payload is not valid JSON (edited by hand?)';
  }
  const timestamp = instant(p.hs_timestamp);
  return {
    crmId: note.id,
    localId: localIdOf(id),
    recordType: type,
    payload,
    updatedAt: note.updatedAt.toISOString(),
    ...(p.fieldkit_version ? { version: p.fieldkit_version } : {}),
    ...(p.hubspot_owner_id ? { authorOwnerId: p.hubspot_owner_id } : {}),
    ...(p.fieldkit_company_id ? { dealerCrmId: p.fieldkit_company_id } : {}),
    ...(timestamp ? { timestamp } : {}),
  };
}
