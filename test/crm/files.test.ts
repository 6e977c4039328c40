/**
 * Contract tests of the attachment requests: the exact Files API calls the adapter makes for a
 * record with a screenshot, and what the note then says (hs_attachment_ids), against the simulator.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CrmError, type PushInput, type PushResult } from '../../lib/crm/port';
import { attachmentFileName, decodeDataUrl, fileBudget, MAX_FILES_PER_PUSH } from '../../lib/crm/hubspot/files';
import { DEFAULT_SCOPES } from '../../sim/server';
import { bytesOf, jpegDataUrl, rejection, simulatorPerFile, visitCard } from './helpers';

const t = simulatorPerFile();

async function ready() {
  const adapter = t.adapter();
  await adapter.ensureSchema();
  t.sim.clearRequests();
  return adapter;
}

const SHOT = jpegDataUrl(200_000, 7);
const sha256 = (dataUrl: string) => createHash('sha256').update(bytesOf(dataUrl)).digest('hex');

/** An intel item as the engine hands it over: its screenshot as an attachment, never in `record`. */
function intelWithShot(overrides: Partial<PushInput> = {}, dataUrl = SHOT): PushInput {
  const base = visitCard({ kind: 'intelItem', record: { competitorName: '壳牌', fieldkitAttached: ['screenshot'] } });
  return { ...base, attachments: [{ name: 'screenshot', dataUrl }], ...overrides };
}

const fileNameOf = (input: PushInput, dataUrl = SHOT) => `fieldkit-${input.localId.toLowerCase()}-screenshot-${sha256(dataUrl).slice(0, 16)}`;
const okOf = (r: PushResult | undefined) => (r?.ok && r.operation !== 'none' ? r : undefined);

describe('attachments: the requests', () => {
  it('searches the file by name, uploads it as multipart (PRIVATE, /fieldkit/<kind>), then creates the note listing it', async () => {
    const adapter = await ready();
    const input = intelWithShot();
    const [result] = await adapter.pushRecords([input]);

    const name = fileNameOf(input);
    const calls = t.calls();
    expect(calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'GET /files/v3/files/search 200',
      'POST /files/v3/files 201',
      'POST /crm/v3/objects/notes/batch/create 201',
    ]);
    expect(calls[0]!.query).toEqual({ name, limit: '100' });
    expect(calls[1]!.body).toEqual({
      multipart: {
        file: { filename: `${name}.jpg`, type: 'image/jpeg', size: 200_000 },
        fileName: `${name}.jpg`,
        folderPath: '/fieldkit/intelItem',
        options: '{"access":"PRIVATE"}',
      },
    });
    const [file] = [...t.sim.state.files.values()];
    expect(file).toMatchObject({ name, extension: 'jpg', path: `/fieldkit/intelItem/${name}.jpg`, access: 'PRIVATE', size: 200_000 });
    expect(file!.bytes.equals(bytesOf(SHOT))).toBe(true);

    const created = (calls[2]!.body as { inputs: { properties: Record<string, string> }[] }).inputs[0]!.properties;
    expect(created.hs_attachment_ids).toBe(file!.id);
    // The image is in the file, nowhere in the note.
    expect(created.fieldkit_payload).toBe(JSON.stringify(input.record));
    expect(created.fieldkit_payload!.length).toBeLessThan(2_000);
    expect(created.hs_note_body!.length).toBeLessThan(2_000);
    expect(JSON.stringify(created)).not.toContain('base64');
    expect(result).toEqual({ localId: input.localId, ok: true, crmId: expect.any(String), objectType: 'notes', operation: 'created', modifiedAt: expect.any(String) });
    expect(t.sim.state.get('notes', okOf(result)!.crmId)!.properties.hs_attachment_ids).toBe(file!.id);
  });

  it('finds a file uploaded before by its name and does not upload it again (the update lists the same file)', async () => {
    const adapter = await ready();
    const input = intelWithShot();
    const [created] = await adapter.pushRecords([input]);
    t.sim.clearRequests();

    await adapter.pushRecords([{ ...input, crmId: okOf(created)!.crmId }]);

    expect(t.calls().map((c) => `${c.method} ${c.path}`)).toEqual(['GET /files/v3/files/search', 'POST /crm/v3/objects/notes/batch/update']);
    expect(t.sim.state.files.size).toBe(1);
    const update = (t.calls()[1]!.body as { inputs: { properties: Record<string, string> }[] }).inputs[0]!.properties;
    expect(update.hs_attachment_ids).toBe([...t.sim.state.files.keys()][0]);
  });

  it('a changed screenshot is a new file, and the note lists only the new one', async () => {
    const adapter = await ready();
    const input = intelWithShot();
    const [created] = await adapter.pushRecords([input]);
    const other = jpegDataUrl(150_000, 99);

    await adapter.pushRecords([{ ...intelWithShot({ localId: input.localId, record: input.record }, other), crmId: okOf(created)!.crmId }]);

    const files = [...t.sim.state.files.values()];
    expect(files.map((f) => f.name)).toEqual([fileNameOf(input), fileNameOf(input, other)]);
    expect(t.sim.state.get('notes', okOf(created)!.crmId)!.properties.hs_attachment_ids).toBe(files[1]!.id);
  });

  it('a lost upload answer: the note is written without the file, the next push finds the file instead of uploading it twice', async () => {
    const adapter = await ready();
    const input = intelWithShot();
    t.sim.setFaults({ match: '^POST /files/v3/files$', script: ['lost'] });

    const [first] = await adapter.pushRecords([input]);

    expect(first).toMatchObject({ ok: true, operation: 'created', attachmentError: expect.any(CrmError) });
    expect(okOf(first)!.attachmentError!.kind).toBe('network');
    const noteId = okOf(first)!.crmId;
    expect(t.sim.state.get('notes', noteId)!.properties.hs_attachment_ids).toBeUndefined();
    expect(t.sim.state.files.size).toBe(1); // the upload did happen

    t.sim.clearRequests();
    const [second] = await adapter.pushRecords([{ ...input, crmId: noteId }]);

    expect(second).toEqual({ localId: input.localId, ok: true, crmId: noteId, objectType: 'notes', operation: 'updated', modifiedAt: expect.any(String) });
    expect(t.calls().map((c) => `${c.method} ${c.path}`)).toEqual(['GET /files/v3/files/search', 'POST /crm/v3/objects/notes/batch/update']);
    expect(t.sim.state.files.size).toBe(1);
    expect(t.sim.state.get('notes', noteId)!.properties.hs_attachment_ids).toBe([...t.sim.state.files.keys()][0]);
  });

  it('without the files scope the note is still created, and the result says which scope the screenshot needs', async () => {
    const adapter = await ready();
    t.sim.setConfig({ scopes: DEFAULT_SCOPES.filter((s) => s !== 'files') });
    const input = intelWithShot();

    const [result] = await adapter.pushRecords([input]);

    expect(result).toMatchObject({ ok: true, operation: 'created' });
    const error = okOf(result)!.attachmentError!;
    expect(error.kind).toBe('forbidden');
    expect(error.message).toMatch(/record is in HubSpot, but its screenshot could not be attached/);
    expect(error.message).toMatch(/needs one of: files/);
    expect(t.calls().map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual(['GET /files/v3/files/search 403', 'POST /crm/v3/objects/notes/batch/create 201']);
    expect(t.sim.state.get('notes', okOf(result)!.crmId)!.properties.hs_attachment_ids).toBeUndefined();
  });

  it('a file HubSpot refuses as too large (413) fails only the attachment, as a validation error', async () => {
    const adapter = await ready();
    t.sim.setConfig({ fileSizeLimit: 100_000 });
    const [result] = await adapter.pushRecords([intelWithShot()]);
    expect(result).toMatchObject({ ok: true, operation: 'created' });
    expect(okOf(result)!.attachmentError).toMatchObject({ kind: 'validation', details: { status: 413 } });
    expect(okOf(result)!.attachmentError!.message).toMatch(/exceeds the maximum/);
    expect(t.sim.state.files.size).toBe(0);
  });

  it('a 5xx on the upload is a server error on the attachment alone', async () => {
    const adapter = await ready();
    t.sim.setFaults({ match: '^POST /files/v3/files$', script: ['5xx'] });
    const [result] = await adapter.pushRecords([intelWithShot()]);
    expect(okOf(result)!.attachmentError!.kind).toBe('server');
  });

  it('a 429 on a file request ends the whole push, like any other call (nothing is written blindly after it)', async () => {
    const adapter = await ready();
    t.sim.setFaults({ match: '^GET /files/v3/files/search$', script: ['429'] });
    const error = await rejection(adapter.pushRecords([intelWithShot(), visitCard()]));
    expect(error).toMatchObject({ kind: 'rate-limited' });
    expect(t.sim.state.list('notes')).toHaveLength(0);
  });

  it('a record without attachments makes no file request', async () => {
    const adapter = await ready();
    await adapter.pushRecords([{ ...intelWithShot(), attachments: [] }, visitCard()]);
    expect(t.calls().map((c) => c.path)).toEqual(['/crm/v3/objects/notes/batch/create']);
    expect((t.calls()[0]!.body as { inputs: { properties: Record<string, string> }[] }).inputs.every((i) => i.properties.hs_attachment_ids === undefined)).toBe(true);
  });

  it(`resolves at most ${MAX_FILES_PER_PUSH} files per push; the other records are written now and attached next time`, async () => {
    const adapter = await ready();
    const inputs = Array.from({ length: MAX_FILES_PER_PUSH + 2 }, (_, i) => intelWithShot({}, jpegDataUrl(2_000, i + 1)));

    const results = await adapter.pushRecords(inputs);

    expect(t.sim.state.files.size).toBe(MAX_FILES_PER_PUSH);
    expect(results.every((r) => r.ok && r.operation === 'created')).toBe(true);
    const deferred = results.filter((r) => okOf(r)?.attachmentError);
    expect(deferred).toHaveLength(2);
    expect(deferred.every((r) => okOf(r)!.attachmentError!.kind === 'rate-limited' && okOf(r)!.attachmentError!.details.retryAfterMs === 0)).toBe(true);
    expect(t.calls().length).toBe(MAX_FILES_PER_PUSH * 2 + 1);
  });

  it('counts files, not records: a record with several files takes its share, in order', async () => {
    const adapter = await ready();
    const many = (n: number, seed: number) =>
      intelWithShot({ attachments: Array.from({ length: n }, (_, i) => ({ name: `photo-${i}`, dataUrl: jpegDataUrl(1_000, seed + i) })) });
    // 6 + 6 + 6 = 18 files fit; the fourth record's 6 would make 24: it and every record after it wait.
    const inputs = [many(6, 100), many(6, 200), many(6, 300), many(6, 400), many(1, 500)];

    const results = await adapter.pushRecords(inputs);

    expect(results.map((r) => okOf(r)?.attachmentError?.kind ?? 'attached')).toEqual(['attached', 'attached', 'attached', 'rate-limited', 'rate-limited']);
    expect(t.sim.state.files.size).toBe(18);
    const note = t.sim.state.get('notes', okOf(results[0])!.crmId)!;
    expect(note.properties.hs_attachment_ids!.split(';')).toHaveLength(6);
  });

  it('always resolves the first record, even one with more files than a push allows', async () => {
    const adapter = await ready();
    const input = intelWithShot({ attachments: Array.from({ length: MAX_FILES_PER_PUSH + 1 }, (_, i) => ({ name: `p${i}`, dataUrl: jpegDataUrl(500, i + 1) })) });
    const [result] = await adapter.pushRecords([input]);
    expect(okOf(result)!.attachmentError).toBeUndefined();
    expect(t.sim.state.files.size).toBe(MAX_FILES_PER_PUSH + 1);
  });

  it('takes no more files than the rate-limit window has room for, so a push never runs into a 429 by itself', async () => {
    t.sim.setConfig({ rate: 20 });
    const adapter = await ready(); // ensureSchema spent some of the window; its last answer says how much
    const remaining = t.snapshots.at(-1)!.remaining;
    const inputs = Array.from({ length: 12 }, (_, i) => intelWithShot({}, jpegDataUrl(1_000, i + 1)));

    const results = await adapter.pushRecords(inputs);

    const attached = Math.floor((remaining - 3) / 2);
    expect(attached).toBeGreaterThan(0);
    expect(t.sim.state.files.size).toBe(attached);
    expect(results.filter((r) => okOf(r)?.attachmentError?.kind === 'rate-limited')).toHaveLength(12 - attached);
    expect(t.calls().filter((c) => c.status === 429)).toEqual([]);
  });

  it('fileBudget: two requests a file and three for the notes; stale or absent headers give the full budget', () => {
    const now = 1_000_000;
    expect(fileBudget(undefined, now)).toBe(MAX_FILES_PER_PUSH);
    expect(fileBudget({ remaining: 99, intervalMs: 10_000, observedAt: now - 1_000 }, now)).toBe(MAX_FILES_PER_PUSH);
    expect(fileBudget({ remaining: 13, intervalMs: 10_000, observedAt: now - 1_000 }, now)).toBe(5);
    expect(fileBudget({ remaining: 2, intervalMs: 10_000, observedAt: now - 1_000 }, now)).toBe(0);
    expect(fileBudget({ remaining: 2, intervalMs: 10_000, observedAt: now - 10_001 }, now)).toBe(MAX_FILES_PER_PUSH);
  });

  it('an attachment that is not an image data URL is refused before any request', async () => {
    const adapter = await ready();
    const [result] = await adapter.pushRecords([intelWithShot({}, 'data:text/html;base64,PGI+')]);
    expect(okOf(result)!.attachmentError!.kind).toBe('validation');
    expect(t.calls().map((c) => c.path)).toEqual(['/crm/v3/objects/notes/batch/create']);
  });
});

describe('attachments: names and decoding', () => {
  it('names a file from the record id, the medium and the bytes: same bytes, same name', async () => {
    const a = await decodeDataUrl(SHOT);
    const b = await decodeDataUrl(jpegDataUrl(200_000, 7));
    const c = await decodeDataUrl(jpegDataUrl(200_000, 8));
    expect(a).toMatchObject({ mime: 'image/jpeg', extension: 'jpg', sha256: sha256(SHOT) });
    expect(Buffer.from(a.bytes).equals(bytesOf(SHOT))).toBe(true);
    const id = '01JD0000000000000000000ABC';
    expect(attachmentFileName(id, 'screenshot', a.sha256)).toBe(attachmentFileName(id, 'screenshot', b.sha256));
    expect(attachmentFileName(id, 'screenshot', a.sha256)).not.toBe(attachmentFileName(id, 'screenshot', c.sha256));
    expect(attachmentFileName(id, 'screenshot', a.sha256)).toBe(`fieldkit-${id.toLowerCase()}-screenshot-${a.sha256.slice(0, 16)}`);
  });

  it('refuses what is not a base64 image data URL', async () => {
    for (const bad of ['data:image/gif;base64,R0lG', 'data:image/jpeg,rawtext', 'https://example.com/a.jpg', 'data:image/png;base64,%%%']) {
      await expect(decodeDataUrl(bad)).rejects.toMatchObject({ kind: 'validation' });
    }
  });
});
