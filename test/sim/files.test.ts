/**
 * The simulator's Files API and note attachments, as strict as HubSpot's docs say (sources in
 * docs/hubspot.md): multipart uploads with their required fields, the `files` scope, the size
 * limit, search by name, and `hs_attachment_ids` naming only files that exist. HubSpot's own Node
 * client uploads and searches through it, so the shapes are HubSpot's.
 */
import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCOPES, startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { bytesOf, jpegDataUrl } from '../crm/helpers';

const TOKEN = 'files-token';
let sim: HubSpotSim;
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: TOKEN });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const JPEG = bytesOf(jpegDataUrl(5_000, 3));

/** `file` null: no file part at all. */
function form(fields: Record<string, string>, file: Buffer | null = JPEG, filename = 'shot.jpg'): FormData {
  const f = new FormData();
  if (file) f.append('file', new Blob([new Uint8Array(file)], { type: 'image/jpeg' }), filename);
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

async function call(method: string, path: string, body?: FormData | string, headers: Record<string, string> = {}) {
  const res = await fetch(`${sim.url}${path}`, { method, headers: { Authorization: `Bearer ${TOKEN}`, ...headers }, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

const upload = (fields: Record<string, string>, file?: Buffer | null, filename?: string) => call('POST', '/files/v3/files', form(fields, file, filename));
const PRIVATE = JSON.stringify({ access: 'PRIVATE' });

describe('POST /files/v3/files', () => {
  it('stores a multipart upload in the folder its path names and answers 201 with the file', async () => {
    const res = await upload({ folderPath: '/fieldkit/intelItem', options: PRIVATE, fileName: 'a-b.jpg' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.stringMatching(/^\d+$/), name: 'a-b', extension: 'jpg', path: '/fieldkit/intelItem/a-b.jpg', size: 5_000, type: 'IMG', access: 'PRIVATE', archived: false });
    expect(sim.state.file(res.body!.id as string)!.bytes.equals(JPEG)).toBe(true);
    // Without fileName, the part's own file name is used.
    expect((await upload({ folderPath: '/x', options: PRIVATE }, JPEG, 'other.png')).body).toMatchObject({ name: 'other', extension: 'png' });
  });

  it('refuses a body that is not multipart/form-data (415) and one it cannot parse (400)', async () => {
    expect((await call('POST', '/files/v3/files', JSON.stringify({ file: 'x' }), { 'Content-Type': 'application/json' })).status).toBe(415);
    const broken = await call('POST', '/files/v3/files', '--nope\r\nrubbish', { 'Content-Type': 'multipart/form-data; boundary=zzz' });
    expect(broken).toMatchObject({ status: 400, body: { category: 'VALIDATION_ERROR' } });
  });

  it('requires the file, options with a valid access, and exactly one of folderId / folderPath', async () => {
    const cases: [Record<string, string>, Buffer | null, RegExp][] = [
      [{ folderPath: '/f', options: PRIVATE }, null, /file is required/],
      [{ folderPath: '/f' }, JPEG, /options is required/],
      [{ folderPath: '/f', options: '{access' }, JPEG, /not valid JSON/],
      [{ folderPath: '/f', options: JSON.stringify({ ttl: 'P1D' }) }, JPEG, /access must be one of/],
      [{ folderPath: '/f', options: JSON.stringify({ access: 'SECRET' }) }, JPEG, /access must be one of/],
      [{ options: PRIVATE }, JPEG, /Exactly one of folderId or folderPath/],
      [{ folderPath: '/f', folderId: '1', options: PRIVATE }, JPEG, /Exactly one of folderId or folderPath/],
      [{ folderPath: 'relative', options: PRIVATE }, JPEG, /absolute path/],
      [{ folderPath: '/f', options: PRIVATE }, Buffer.alloc(0), /empty/],
    ];
    for (const [fields, file, message] of cases) {
      const res = await upload(fields, file);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', correlationId: expect.any(String) });
      expect(res.body!.message).toMatch(message);
    }
    expect((await upload({ folderId: '424242', options: PRIVATE })).status).toBe(404);
    expect(sim.state.files.size).toBe(0);
  });

  it('refuses a file over the size limit with 413', async () => {
    sim.setConfig({ fileSizeLimit: 4_999 });
    const res = await upload({ folderPath: '/f', options: PRIVATE });
    expect(res).toMatchObject({ status: 413, body: { message: expect.stringMatching(/5000 exceeds the maximum of 4999/) } });
    sim.setConfig({ fileSizeLimit: 5_000 });
    expect((await upload({ folderPath: '/f', options: PRIVATE })).status).toBe(201);
  });

  it('without the files scope every files call is a 403 with HubSpot’s MISSING_SCOPES body', async () => {
    sim.setConfig({ scopes: DEFAULT_SCOPES.filter((s) => s !== 'files') });
    for (const res of [await upload({ folderPath: '/f', options: PRIVATE }), await call('GET', '/files/v3/files/search?name=x'), await call('GET', '/files/v3/files/1')]) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        status: 'error',
        category: 'MISSING_SCOPES',
        errors: [{ context: { requiredGranularScopes: ['files'] } }],
      });
    }
  });
});

describe('finding, reading and archiving files', () => {
  it('search by name matches names containing it (case-insensitive), oldest first; archived files drop out', async () => {
    const a = (await upload({ folderPath: '/f', options: PRIVATE, fileName: 'fieldkit-abc-shot.jpg' })).body!;
    const b = (await upload({ folderPath: '/f', options: PRIVATE, fileName: 'fieldkit-abc-shot-2.jpg' })).body!;
    await upload({ folderPath: '/f', options: PRIVATE, fileName: 'other.jpg' });

    const found = await call('GET', '/files/v3/files/search?name=FIELDKIT-ABC-SHOT&limit=100');
    expect((found.body!.results as { id: string }[]).map((f) => f.id)).toEqual([a.id, b.id]);
    expect((await call('GET', `/files/v3/files/${a.id as string}`)).body).toMatchObject({ id: a.id, name: 'fieldkit-abc-shot' });

    expect((await call('DELETE', `/files/v3/files/${a.id as string}`)).status).toBe(204);
    expect(((await call('GET', '/files/v3/files/search?name=fieldkit-abc-shot')).body!.results as { id: string }[]).map((f) => f.id)).toEqual([b.id]);
    expect((await call('GET', `/files/v3/files/${a.id as string}`)).status).toBe(404);
    expect((await call('GET', '/files/v3/files/search?limit=0')).status).toBe(400);
  });

  it('pages search results with after', async () => {
    for (let i = 0; i < 3; i++) await upload({ folderPath: '/f', options: PRIVATE, fileName: `p${i}.jpg` });
    const first = await call('GET', '/files/v3/files/search?name=p&limit=2');
    expect((first.body!.results as unknown[]).length).toBe(2);
    const after = (first.body!.paging as { next: { after: string } }).next.after;
    const second = await call('GET', `/files/v3/files/search?name=p&limit=2&after=${after}`);
    expect((second.body!.results as { name: string }[]).map((f) => f.name)).toEqual(['p2']);
    expect(second.body!.paging).toBeUndefined();
  });

  it('HubSpot’s own Node client uploads and searches through it and parses every answer', async () => {
    const client = new Client({ accessToken: TOKEN, basePath: sim.url });
    const uploaded = await client.files.filesApi.upload({ data: JPEG, name: 'client.jpg' }, undefined, '/fieldkit/intelItem', 'client.jpg', undefined, PRIVATE);
    expect(uploaded).toMatchObject({ name: 'client', extension: 'jpg', access: 'PRIVATE' });
    const page = await client.files.filesApi.doSearch(undefined, undefined, undefined, 10, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 'client');
    expect(page.results.map((f) => f.id)).toEqual([uploaded.id]);
    expect(page.results[0]).toMatchObject({ name: 'client', path: '/fieldkit/intelItem/client.jpg' });
  });
});

describe('notes: hs_attachment_ids and the note limits', () => {
  const note = (properties: Record<string, string>, trace?: string) => ({
    properties: { hs_timestamp: '2026-11-20T02:00:00.000Z', hs_note_body: '<p>x</p>', ...properties },
    ...(trace ? { objectWriteTraceId: trace } : {}),
  });
  const json = (body: unknown) => JSON.stringify(body);
  const post = (path: string, body: unknown) => call('POST', path, json(body), { 'Content-Type': 'application/json' });

  it('stores the ids of files that exist, ;-separated', async () => {
    const a = (await upload({ folderPath: '/f', options: PRIVATE, fileName: 'a.jpg' })).body!.id as string;
    const b = (await upload({ folderPath: '/f', options: PRIVATE, fileName: 'b.jpg' })).body!.id as string;
    const res = await post('/crm/v3/objects/notes', note({ hs_attachment_ids: `${a};${b}` }));
    expect(res.status).toBe(201);
    expect(sim.state.get('notes', res.body!.id as string)!.properties.hs_attachment_ids).toBe(`${a};${b}`);
  });

  it('refuses an id that is no file (400), an archived file too; in a traced batch only that note fails (207)', async () => {
    const a = (await upload({ folderPath: '/f', options: PRIVATE, fileName: 'a.jpg' })).body!.id as string;
    const unknown = await post('/crm/v3/objects/notes', note({ hs_attachment_ids: `${a};999` }));
    expect(unknown).toMatchObject({ status: 400, body: { category: 'VALIDATION_ERROR', message: expect.stringMatching(/999 is not the id of a file/) } });
    await call('DELETE', `/files/v3/files/${a}`);
    expect((await post('/crm/v3/objects/notes', note({ hs_attachment_ids: a }))).status).toBe(400);

    const batch = await post('/crm/v3/objects/notes/batch/create', { inputs: [note({}, 'good'), note({ hs_attachment_ids: 'abc' }, 'bad')] });
    expect(batch.status).toBe(207);
    expect(batch.body!.errors).toEqual([expect.objectContaining({ category: 'VALIDATION_ERROR', context: { objectWriteTraceId: ['bad'] } })]);
    expect(sim.state.list('notes')).toHaveLength(1);
  });

  it('refuses a note body or a property over 65,536 characters', async () => {
    expect((await post('/crm/v3/objects/notes', note({ hs_note_body: 'x'.repeat(65_536) }))).status).toBe(201);
    const res = await post('/crm/v3/objects/notes', note({ hs_note_body: 'x'.repeat(65_537) }));
    expect(res).toMatchObject({ status: 400, body: { message: expect.stringMatching(/longer than 65536/) } });
  });
});
