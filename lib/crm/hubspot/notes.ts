/**
 * Fieldkit records ↔ HubSpot notes. A note carries two things: a readable HTML body for HubSpot
 * users without Fieldkit (what they see on the dealer's timeline), and the structured record in
 * fieldkit_* properties for Fieldkit to read back.
 */
import type { PushInput, RemoteRecord, SyncedRecord } from '../port';
import type { ReadableRecord } from '../../store/kind';
import { escapeHtml } from '../readable';
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


/**
 * Record ids are ULIDs (case-insensitive by definition). They are stored lowercase because
 * HubSpot's IN search operator on string properties matches lowercase values; reading back
 * upper-cases them again, the form Fieldkit uses locally.
 */
export const storedId = (localId: string) => localId.toLowerCase();
export const localIdOf = (stored: string) => stored.toUpperCase();

/** The readable record as note HTML: a bold title, then one labelled line each, all escaped. */
export function readableHtml(readable: ReadableRecord, author: string, deleted: boolean): string {
  const title = `${readable.title['zh-CN']} ${readable.title.en}`;
  const head = `<p><strong>Fieldkit · ${escapeHtml(title)}</strong> — ${escapeHtml(author)}${deleted ? ' (已删除 deleted)' : ''}</p>`;
  const lines = readable.lines.map((l) => `<li>${escapeHtml(l.label['zh-CN'] === l.label.en ? l.label.en : `${l.label['zh-CN']} ${l.label.en}`)}: ${escapeHtml(l.value)}</li>`);
  return `${head}<ul>${lines.join('')}</ul>`;
}

/** The note body: the readable record plus a one-line footer naming the record. */
export function noteBody(input: PushInput): string {
  const title = `${input.readable.title['zh-CN']} ${input.readable.title.en}`;
  return `${readableHtml(input.readable, input.record.author.name, input.deleted)}<p><small>Fieldkit · ${escapeHtml(title)} · ${storedId(input.localId)}</small></p>`;
}

/** Properties of a note create or update; throws a message if the record cannot fit in a note. */
export function noteProperties(input: PushInput): Record<string, string> {
  const payload = JSON.stringify(input.record);
  if (payload.length > MAX_STRING) {
    throw new Error(`the record is ${payload.length} characters as JSON; a HubSpot property holds at most ${MAX_STRING}`);
  }
  const body = noteBody(input);
  if (body.length > MAX_STRING) throw new Error(`the readable note is ${body.length} characters; HubSpot allows ${MAX_STRING}`);
  return {
    hs_timestamp: input.timestamp ?? input.record.updatedAt,
    hs_note_body: body,
    fieldkit_record_id: storedId(input.localId),
    fieldkit_record_type: input.kind,
    fieldkit_payload: payload,
    fieldkit_version: input.record.updatedAt,
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

/** A note → a pulled record, or the reason it cannot be one. */
export function pulledRecordOf(note: SimpleObject): RemoteRecord | string {
  const p = note.properties;
  if (!p.fieldkit_record_id) return 'no fieldkit_record_id';
  const kind = p.fieldkit_record_type;
  if (!kind) return 'no fieldkit_record_type';
  let payload: unknown;
  try {
    payload = JSON.parse(p.fieldkit_payload ?? '');
  } catch {
    return 'fieldkit_payload is not valid JSON (edited by hand?)';
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return 'fieldkit_payload is not a record';
  return { kind, crmId: note.id, objectType: 'notes', modifiedAt: note.updatedAt.toISOString(), record: payload as SyncedRecord };
}
