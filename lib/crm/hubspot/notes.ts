/**
 * Fieldkit records ↔ HubSpot notes. A note carries two things: a readable HTML body for HubSpot
 * users without Fieldkit (what they see on the dealer's timeline, in the record's language), and
 * the structured record in fieldkit_* properties for Fieldkit to read back.
 */
import type { PushInput, RemoteRecord, SyncedRecord } from '../port';
import type { ReadableRecord } from '../../store/kind';
import type { Locale } from '../../kernel/i18n';
import { escapeHtml } from '../../store/readable';
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

const WORDS: Record<Locale, { colon: string; deleted: string }> = {
  'zh-CN': { colon: '：', deleted: '（已删除）' },
  en: { colon: ': ', deleted: ' (deleted)' },
};

/** User-written text as HTML: escaped, its line breaks kept. */
function textHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

/**
 * The readable record as note HTML, in one language (`readable.locale`, zh-CN when absent): the
 * title in bold, the labelled lines, each section under a bold heading as a list or a paragraph,
 * then the footer "Fieldkit · title · author · date". Only tags HubSpot's note renderer keeps
 * (p, strong, ul/li, br); every word that is not Fieldkit's own is escaped. No ids: those live in
 * the note's properties.
 */
export function readableHtml(readable: ReadableRecord, author: string, deleted: boolean): string {
  const locale = readable.locale ?? 'zh-CN';
  const words = WORDS[locale];
  const title = readable.title[locale];
  const html = [`<p><strong>${escapeHtml(title)}</strong>${deleted ? words.deleted : ''}</p>`];
  if (readable.lines.length > 0) {
    html.push(`<p>${readable.lines.map((l) => `${escapeHtml(l.label[locale])}${words.colon}${textHtml(l.value)}`).join('<br>')}</p>`);
  }
  for (const section of readable.sections ?? []) {
    const items = (section.items ?? []).filter((item) => item !== '');
    if (items.length === 0 && !section.text) continue;
    html.push(`<p><strong>${escapeHtml(section.heading[locale])}</strong></p>`);
    if (items.length > 0) html.push(`<ul>${items.map((item) => `<li>${textHtml(item)}</li>`).join('')}</ul>`);
    if (section.text) html.push(`<p>${textHtml(section.text)}</p>`);
  }
  html.push(`<p>${escapeHtml(['Fieldkit', title, author, readable.date].filter(Boolean).join(' · '))}</p>`);
  return html.join('');
}

/** The note body HubSpot users read: the readable record, in the record's language. */
export function noteBody(input: PushInput): string {
  return readableHtml(input.readable, input.readable.author ?? input.record.author.name, input.deleted);
}

/**
 * Properties of a note create or update; throws a message if the record cannot fit in a note.
 * `fileIds`: the files to list as the note's attachments (written whole, `;`-separated, as
 * HubSpot's notes guide describes `hs_attachment_ids`); absent, the note's attachments are left
 * as they are.
 */
export function noteProperties(input: PushInput, fileIds?: readonly string[]): Record<string, string> {
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
    ...(fileIds && fileIds.length > 0 ? { hs_attachment_ids: fileIds.join(';') } : {}),
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
