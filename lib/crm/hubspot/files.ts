/**
 * Record media (an intel screenshot) → files in HubSpot's file manager, attached to the record's
 * note through `hs_attachment_ids`. Never inside the note: its body and every property hold at
 * most 65,536 characters, and a screenshot is up to 3 MB as a data URL.
 *
 * Idempotency (docs/sync.md, "Attachments"): a file's name is derived from the record id, the
 * medium's name and a hash of its bytes, and every upload is preceded by a search for that name.
 * An upload whose answer was lost is therefore found by the next try instead of uploaded again,
 * and the note's `hs_attachment_ids` is always written whole, so it never lists a file twice.
 */
import { CrmError } from '../errors';
import type { RecordAttachment } from '../../store/kind';
import { z } from '../../kernel/zod';
import { invalidResponse } from './errors';
import { storedId } from './notes';
import type { Transport } from './transport';

/** Where Fieldkit's files live in the file manager, one folder per kind (`/fieldkit/intelItem`). */
export const FILES_ROOT = '/fieldkit';

/** Files one push finds or uploads; the records beyond wait for the next push (see `resolveAttachments`). */
export const MAX_FILES_PER_PUSH = 20;

/**
 * How many files a push may resolve given the last rate-limit headers: each costs up to two
 * requests (search, upload), and the push still needs up to three note calls after them (create,
 * update, archive). The adapter never sleeps (the engine paces between calls), so inside one call
 * this is what keeps the file requests from outrunning the window. No fresh headers: the full budget.
 */
export function fileBudget(snapshot: { remaining: number; intervalMs: number; observedAt: number } | undefined, now: number): number {
  if (!snapshot || now - snapshot.observedAt > snapshot.intervalMs) return MAX_FILES_PER_PUSH;
  return Math.max(0, Math.min(MAX_FILES_PER_PUSH, Math.floor((snapshot.remaining - 3) / 2)));
}

/**
 * PRIVATE: not on the CDN, not indexed; HubSpot users see it on the note, anyone else needs a
 * signed URL. Competitor screenshots are internal material.
 */
export const FILE_ACCESS = 'PRIVATE';

const MIME_EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export const HubSpotFile = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  extension: z.string().optional(),
  path: z.string().optional(),
  size: z.number().optional(),
  archived: z.boolean().optional(),
  createdAt: z.string().optional(),
});
const FileSearchPage = z.object({ results: z.array(HubSpotFile), paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional() });

export interface DecodedFile {
  bytes: Uint8Array<ArrayBuffer>;
  mime: string;
  extension: string;
  /** SHA-256 of the bytes, lowercase hex. */
  sha256: string;
}

/** A `data:<mime>;base64,…` URL → its bytes, type and hash; throws a `validation` CrmError if it is not one. */
export async function decodeDataUrl(dataUrl: string): Promise<DecodedFile> {
  const match = /^data:([a-z]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  const extension = match ? MIME_EXTENSIONS[match[1]!] : undefined;
  if (!match || !extension) throw new CrmError('validation', 'The attachment is not a JPEG, PNG or WebP image.');
  let binary: string;
  try {
    binary = atob(match[2]!);
  } catch {
    throw new CrmError('validation', 'The attachment is not valid base64.');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const sha256 = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { bytes, mime: match[1]!, extension, sha256 };
}

/**
 * The file's name in HubSpot, without extension (HubSpot keeps the extension apart): the same
 * record, medium and bytes always give the same name, a changed image a new one.
 */
export function attachmentFileName(localId: string, attachmentName: string, sha256: string): string {
  return `fieldkit-${storedId(localId)}-${attachmentName.replace(/[^a-zA-Z0-9_-]/g, '')}-${sha256.slice(0, 16)}`;
}

export function folderPathOf(kind: string): string {
  return `${FILES_ROOT}/${kind.replace(/[^a-zA-Z0-9_-]/g, '')}`;
}

export interface FilesApi {
  /** The id of the oldest live file with exactly this name (and extension), if any. */
  findByName(name: string, extension: string): Promise<string | undefined>;
  /** Uploads and returns the new file's id. */
  upload(file: DecodedFile, name: string, folderPath: string): Promise<string>;
}

/** The two Files API v3 calls Fieldkit makes, on the adapter's transport (no retries, errors as CrmError). */
export function createFilesApi(baseUrl: string, token: string, transport: Transport): FilesApi {
  const auth = { Authorization: `Bearer ${token}`, Accept: 'application/json' };

  async function json<S extends z.ZodType>(schema: S, what: string, text: string): Promise<z.infer<S>> {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw invalidResponse(what, (e as Error).message);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalidResponse(what, `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
    }
    return parsed.data;
  }

  return {
    async findByName(name, extension) {
      // HubSpot's `name` filter is a search, not an equality: keep exact matches only.
      const query = new URLSearchParams({ name, limit: '100' });
      const { text } = await transport.send(`${baseUrl}/files/v3/files/search?${query.toString()}`, { method: 'GET', headers: auth });
      const page = await json(FileSearchPage, 'search files by name', text);
      const matches = page.results
        .filter((f) => f.name === name && !f.archived && (f.extension === undefined || f.extension.toLowerCase() === extension))
        .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || Number(a.id) - Number(b.id));
      return matches[0]?.id;
    },

    async upload(file, name, folderPath) {
      const form = new FormData();
      form.append('file', new Blob([file.bytes], { type: file.mime }), `${name}.${file.extension}`);
      form.append('fileName', `${name}.${file.extension}`);
      form.append('folderPath', folderPath);
      form.append('options', JSON.stringify({ access: FILE_ACCESS }));
      const { text } = await transport.send(`${baseUrl}/files/v3/files`, { method: 'POST', headers: auth, body: form });
      return (await json(HubSpotFile, 'upload file', text)).id;
    },
  };
}

/** What became of one record's attachments: the file ids to list on its note, or why not. */
export type AttachmentOutcome = { ok: true; fileIds: string[] } | { ok: false; error: CrmError };

/**
 * Finds or uploads every attachment of each record, at most MAX_FILES_PER_PUSH files per call
 * (each costs a search and maybe an upload: 100 screenshots in one push would be 200 requests and
 * outrun HubSpot's 100 per 10 s) — always all of a record's files, and always the first record's;
 * the records beyond get a `rate-limited` outcome with no wait, so their notes are written now and
 * their files on the next push.
 *
 * A 401 or a 429 ends the whole push (thrown, as for any other call). Anything else fails only
 * that record's attachments: its note is still written.
 */
export async function resolveAttachments(
  files: FilesApi,
  records: readonly { localId: string; kind: string; attachments: readonly RecordAttachment[] }[],
  maxFiles: number = MAX_FILES_PER_PUSH,
): Promise<Map<string, AttachmentOutcome>> {
  const out = new Map<string, AttachmentOutcome>();
  let budget = Math.max(0, Math.min(MAX_FILES_PER_PUSH, maxFiles));
  // The first record goes whatever its size when the window is wide open, so a record with more
  // files than a push allows is never starved; with the window nearly spent, it waits like the rest.
  let first = budget === MAX_FILES_PER_PUSH;
  for (const record of records) {
    if (record.attachments.length === 0) continue;
    if (!first && record.attachments.length > budget) {
      budget = 0; // keep the order: a later, smaller record does not overtake this one
      out.set(record.localId, {
        ok: false,
        error: new CrmError('rate-limited', `Attached with the next push (at most ${MAX_FILES_PER_PUSH} files per push).`, { retryAfterMs: 0 }),
      });
      continue;
    }
    first = false;
    budget -= record.attachments.length;
    const fileIds: string[] = [];
    try {
      for (const attachment of record.attachments) {
        const file = await decodeDataUrl(attachment.dataUrl);
        const name = attachmentFileName(record.localId, attachment.name, file.sha256);
        fileIds.push((await files.findByName(name, file.extension)) ?? (await files.upload(file, name, folderPathOf(record.kind))));
      }
      out.set(record.localId, { ok: true, fileIds });
    } catch (e) {
      if (!(e instanceof CrmError)) throw e;
      if (e.kind === 'unauthorized' || e.kind === 'rate-limited') throw e;
      const what = record.attachments.map((a) => a.name).join(', ');
      out.set(record.localId, {
        ok: false,
        error: new CrmError(e.kind, `The record is in HubSpot, but its ${what} could not be attached: ${e.message}`, e.details),
      });
    }
  }
  return out;
}
