/**
 * Body mode: where a portal refuses custom properties on notes (HubSpot's docs do not promise
 * them; docs/hubspot.md), the structured record and its lookup key ride in the note body itself.
 *
 * The body stays readable: the readable record comes first, exactly as in property mode, and one
 * last small paragraph carries the data, labelled in the record's language so a HubSpot user knows
 * what it is and leaves it alone:
 *
 *   <p>Fieldkit 同步数据，请勿编辑 fieldkitdata fk01jd… 1.eNqr…</p>
 *
 * - `fieldkitdata`: a word every Fieldkit note body holds; the pull searches for it.
 * - `fk` + the record id (lowercase ULID, letters and digits only): the lookup key, one word, so a
 *   CONTAINS_TOKEN search finds it however HubSpot splits text into words.
 * - `1.` + base64url of the deflated JSON envelope: letters, digits, `-` and `_` only, so no HTML
 *   sanitiser, entity rewrite or whitespace change can alter it. Deflate keeps Chinese text from
 *   doubling the size of the body.
 */
import type { PushInput, RemoteRecord, SyncedRecord } from '../port';
import { MAX_STRING } from './properties';
import { localIdOf, noteBody, storedId } from './notes';
import type { SimpleObject } from './responses';

/** The word every body-mode note holds; the pull filter. */
export const BODY_MARKER = 'fieldkitdata';
const FORMAT = '1';
/** What a read of a body-mode note asks for: HubSpot's own properties only, none a refusing portal lacks. */
export const BODY_READ_PROPERTIES = ['hs_timestamp', 'hubspot_owner_id', 'hs_note_body'];

/** The lookup key of a record in a note body: one word of letters and digits. */
export function keyToken(localId: string): string {
  const id = storedId(localId);
  if (!/^[0-9a-z]+$/.test(id)) throw new Error(`the record id ${localId} is not letters and digits only, so it cannot be a search word`);
  return `fk${id}`;
}

const LABEL = { 'zh-CN': 'Fieldkit 同步数据，请勿编辑', en: 'Fieldkit sync data, do not edit' } as const;

/** What the data paragraph carries, besides the key: the same as property mode's fieldkit_* properties. */
interface Envelope {
  /** Record kind (fieldkit_record_type). */
  k: string;
  /** The local record's updatedAt (fieldkit_version). */
  v: string;
  /** The dealer's company id (fieldkit_company_id), when there is one. */
  c?: string;
  /** The record (fieldkit_payload). */
  r: unknown;
}

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const piped = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The data paragraph of a record. */
export async function dataParagraph(input: PushInput): Promise<string> {
  const envelope: Envelope = { k: input.kind, v: input.record.updatedAt, ...(input.dealerCrmId ? { c: input.dealerCrmId } : {}), r: input.record };
  const packed = toBase64Url(await through(new TextEncoder().encode(JSON.stringify(envelope)), new CompressionStream('deflate-raw')));
  const label = LABEL[input.readable.locale ?? 'zh-CN'];
  return `<p>${label} ${BODY_MARKER} ${keyToken(input.localId)} ${FORMAT}.${packed}</p>`;
}

/**
 * Properties of a note create or update in body mode: only HubSpot's own note properties. Throws
 * a message if the record cannot fit in a note.
 */
export async function bodyModeProperties(input: PushInput, fileIds?: readonly string[]): Promise<Record<string, string> & { hs_note_body: string }> {
  const body = noteBody(input) + (await dataParagraph(input));
  if (body.length > MAX_STRING) throw new Error(`the note with its Fieldkit data is ${body.length} characters; HubSpot allows ${MAX_STRING}`);
  return {
    hs_timestamp: input.timestamp ?? input.record.updatedAt,
    hs_note_body: body,
    ...(input.ownerId ? { hubspot_owner_id: input.ownerId } : {}),
    ...(fileIds && fileIds.length > 0 ? { hs_attachment_ids: fileIds.join(';') } : {}),
  };
}

// HubSpot may write a space as &nbsp; when it stores rich text.
const GAP = '(?:\\s|&nbsp;|&#160;)+';
const DATA = new RegExp(`${BODY_MARKER}${GAP}fk([0-9a-z]+)${GAP}${FORMAT}\\.([A-Za-z0-9_-]+)`);

/** The record id a body-mode note is keyed by, or undefined when the body holds no Fieldkit data. */
export function keyOfBody(body: string | null | undefined): string | undefined {
  const m = body ? DATA.exec(body) : null;
  return m ? localIdOf(m[1] as string) : undefined;
}

/** A body-mode note → a pulled record, or the reason it cannot be one. */
export async function pulledRecordOfBody(note: SimpleObject): Promise<RemoteRecord | string> {
  const m = DATA.exec(note.properties.hs_note_body ?? '');
  if (!m) return 'no Fieldkit data in the note body';
  let envelope: unknown;
  try {
    const json = new TextDecoder('utf-8', { fatal: true }).decode(await through(fromBase64Url(m[2] as string), new DecompressionStream('deflate-raw')));
    envelope = JSON.parse(json);
  } catch {
    return 'the Fieldkit data in the note body is damaged (edited by hand?)';
  }
  const e = envelope as Partial<Envelope> | null;
  if (typeof e !== 'object' || e === null || typeof e.k !== 'string' || typeof e.r !== 'object' || e.r === null || Array.isArray(e.r)) {
    return 'the Fieldkit data in the note body is not a record';
  }
  if ((e.r as { id?: unknown }).id !== undefined && String((e.r as { id?: unknown }).id).toLowerCase() !== m[1]) {
    return 'the Fieldkit data in the note body names another record than its key';
  }
  return { kind: e.k, crmId: note.id, objectType: 'notes', modifiedAt: note.updatedAt.toISOString(), record: e.r as SyncedRecord };
}
