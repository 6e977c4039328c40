/**
 * Intel screenshots through the whole path — store, engine, HubSpot adapter, simulator — as files
 * attached to the note, never inside it; under a lost upload answer, a missing scope, and pulls by
 * devices with and without the image.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveRecord } from '../../lib/store/records';
import type { FieldkitDatabase } from '../../lib/store/database';
import { SyncEngine } from '../../lib/sync/engine';
import { retryEntry } from '../../lib/sync/batch';
import { computeSyncStatus } from '../../lib/sync/status';
import { readSyncState } from '../../lib/sync/state';
import { listConflicts } from '../../lib/sync/conflicts';
import { DEFAULT_SCOPES, startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { freshDatabase, intelDraft, REP } from '../fixtures/records';
import { bytesOf, jpegDataUrl } from '../crm/helpers';
import { adapterFor, notesByLocalId, payloadOf, portalOnVirtualTime, portFor, searchCaughtUp, SIM_TOKEN, withoutLink } from './sim-harness';

let sim: HubSpotSim;
/** The devices' and the portal's time: search lag and the search limit cost no real waiting. */
let clock: ReturnType<typeof portalOnVirtualTime>;
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 100_000 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  clock = portalOnVirtualTime(sim);
  sim.reset();
  await adapterFor(sim).ensureSchema();
});

const SHOT = jpegDataUrl(200_000, 11);

function engine(db: FieldkitDatabase, pullBeforePush = false) {
  return new SyncEngine({ db, port: portFor(sim, db, clock), now: clock.now, sleep: clock.sleep, random: () => 0.5, pullBeforePush });
}

/** Saved on the test's clock. */
const byRep = () => ({ author: REP, now: new Date(clock.now()) });

function noteOf(id: string) {
  const notes = notesByLocalId(sim).get(id) ?? [];
  expect(notes).toHaveLength(1);
  return notes[0]!;
}

/** The files a note lists, which must exist in the file manager. */
function attachedFiles(id: string) {
  const ids = noteOf(id).properties.hs_attachment_ids?.split(';') ?? [];
  return ids.map((fileId) => sim.state.file(fileId)!);
}

async function entryOf(db: FieldkitDatabase, id: string) {
  return db.outbox.where('[table+recordId]').equals(['intelItems', id]).first();
}

describe('intel screenshots reach HubSpot as a file attached to the note', () => {
  it('a 200 KB screenshot: one PRIVATE file listed by the note; the note body and payload stay small; the local record keeps it', async () => {
    const db = freshDatabase();
    const item = await saveRecord(db, 'intelItems', intelDraft({ screenshot: SHOT }), byRep());

    const result = await engine(db).drain();

    expect(result).toMatchObject({ outcome: 'done', pushed: 1, parked: 0 });
    const note = noteOf(item.id);
    const files = attachedFiles(item.id);
    expect(files).toHaveLength(1);
    expect(files[0]!.bytes.equals(bytesOf(SHOT))).toBe(true);
    expect(files[0]).toMatchObject({ access: 'PRIVATE', extension: 'jpg' });
    expect(files[0]!.path).toMatch(/^\/fieldkit\/intelItem\/fieldkit-/);
    expect(sim.state.files.size).toBe(1);

    expect(note.properties.fieldkit_payload!.length).toBeLessThan(3_000);
    expect(note.properties.hs_note_body!.length).toBeLessThan(3_000);
    expect(JSON.stringify(note.properties)).not.toContain('base64');
    const { screenshot: _shot, ...rest } = withoutLink(item);
    expect(payloadOf(note)).toEqual({ ...rest, fieldkitAttached: ['screenshot'] });

    const local = await db.intelItems.get(item.id);
    expect(local?.screenshot).toBe(SHOT);
    expect(local?.crm?.objectId).toBe(note.id);
    expect((await entryOf(db, item.id))?.status).toBe('done');
  });

  it('a lost upload answer leaves exactly one file, attached once, and the entry done', async () => {
    const db = freshDatabase();
    const item = await saveRecord(db, 'intelItems', intelDraft({ screenshot: SHOT }), byRep());
    sim.setFaults({ match: '^POST /files/v3/files$', script: ['lost'] });
    sim.clearRequests();

    // The note goes out without the file; the entry's short backoff is slept through in the same
    // drain, whose retry finds the uploaded file by its name instead of uploading it again.
    await engine(db).drain();

    const served = sim.requests.map((r) => `${r.method} ${r.path}${r.fault ? ` (${r.fault})` : ''}`);
    expect(served.filter((r) => r.startsWith('POST /files/v3/files'))).toEqual(['POST /files/v3/files (lost)']);
    expect(served.filter((r) => r.includes('/notes/batch/'))).toEqual(['POST /crm/v3/objects/notes/batch/create', 'POST /crm/v3/objects/notes/batch/update']);
    expect(sim.state.files.size).toBe(1);
    expect(attachedFiles(item.id).map((f) => f.id)).toEqual([...sim.state.files.keys()]);
    expect((await entryOf(db, item.id))?.status).toBe('done');
  });

  it('a lost answer to the note create after the upload: one note, one file', async () => {
    const db = freshDatabase();
    const item = await saveRecord(db, 'intelItems', intelDraft({ screenshot: SHOT }), byRep());
    sim.setFaults({ match: '^POST /crm/v3/objects/notes/batch/create$', script: ['lost'] });

    await engine(db).drain();
    clock.advance(10 * 60_000);
    await engine(db).drain();

    expect(attachedFiles(item.id)).toHaveLength(1);
    expect(sim.state.files.size).toBe(1);
    expect((await db.intelItems.get(item.id))?.crm?.objectId).toBe(noteOf(item.id).id);
  });

  it('without the files scope the note still syncs and the screenshot is reported; Retry after granting it attaches it', async () => {
    const db = freshDatabase();
    sim.setConfig({ scopes: DEFAULT_SCOPES.filter((s) => s !== 'files') });
    const item = await saveRecord(db, 'intelItems', intelDraft({ screenshot: SHOT }), byRep());
    const plain = await saveRecord(db, 'intelItems', intelDraft({ sourceText: 'no screenshot' }), byRep());

    const result = await engine(db).drain();

    expect(result).toMatchObject({ pushed: 2, parked: 1 });
    const note = noteOf(item.id);
    expect(note.properties.hs_attachment_ids).toBeUndefined();
    expect((await db.intelItems.get(item.id))?.crm?.objectId).toBe(note.id);
    expect((await entryOf(db, plain.id))?.status).toBe('done');
    const entry = (await entryOf(db, item.id))!;
    expect(entry.status).toBe('needsAttention');
    expect(entry.lastError).toMatchObject({ kind: 'forbidden', status: 403 });
    const status = await computeSyncStatus(db, true, clock.now());
    expect(status.attention).toEqual([expect.objectContaining({ recordId: item.id, kind: 'forbidden', message: expect.stringMatching(/is in HubSpot, but its screenshot could not be attached.*needs one of: files/) })]);

    // Nothing more happens by itself (a scope does not grant itself)…
    clock.advance(60 * 60_000);
    await engine(db).drain();
    expect(sim.state.files.size).toBe(0);
    // …until the admin grants it and the rep presses Retry.
    sim.setConfig({ scopes: DEFAULT_SCOPES });
    expect(await retryEntry(db, entry.id, clock.now())).toBe(true);
    await engine(db).drain();

    expect(attachedFiles(item.id)).toHaveLength(1);
    expect(notesByLocalId(sim).get(item.id)).toHaveLength(1);
    expect((await entryOf(db, item.id))?.status).toBe('done');
  });

  it('more screenshots than one push attaches: all attached within one drain, nothing reported', async () => {
    const db = freshDatabase();
    const items = [];
    for (let i = 0; i < 25; i++) items.push(await saveRecord(db, 'intelItems', intelDraft({ screenshot: jpegDataUrl(4_000, 100 + i) }), byRep()));

    const result = await engine(db).drain();

    expect(result).toMatchObject({ outcome: 'done', parked: 0 });
    for (const item of items) expect(attachedFiles(item.id)).toHaveLength(1);
    expect(sim.state.files.size).toBe(25);
    expect(await db.outbox.where('status').notEqual('done').count()).toBe(0);
    expect((await readSyncState(db)).lastError).toBeUndefined();
  });

  it('an upload refused for its size parks the attachment with the reason; the note is there', async () => {
    const db = freshDatabase();
    sim.setConfig({ fileSizeLimit: 100_000 });
    const item = await saveRecord(db, 'intelItems', intelDraft({ screenshot: SHOT }), byRep());

    await engine(db).drain();

    // The last drain's problem, as the popup and the side panel show it.
    expect((await readSyncState(db)).lastError).toMatch(/screenshot could not be attached: File size 200000 exceeds/);

    expect(noteOf(item.id).properties.hs_attachment_ids).toBeUndefined();
    expect((await entryOf(db, item.id))?.lastError).toMatchObject({ kind: 'validation', status: 413, message: expect.stringMatching(/exceeds the maximum/) });
  });

  it('an outage on the upload is retried, not parked, and attaches once it ends', async () => {
    const db = freshDatabase();
    const item = await saveRecord(db, 'intelItems', intelDraft({ screenshot: SHOT }), byRep());
    sim.setFaults({ match: '^POST /files/v3/files$', script: ['5xx', '5xx'] });

    for (let i = 0; i < 4; i++) {
      await engine(db).drain();
      clock.advance(5 * 60_000);
    }

    expect(attachedFiles(item.id)).toHaveLength(1);
    expect((await entryOf(db, item.id))?.status).toBe('done');
  });
});

describe('pulling a record whose screenshot travels as an attachment', () => {
  it('a device without the image gets the item without it; its edit neither removes the attachment nor, pulled back, the original device’s screenshot', async () => {
    const rep = freshDatabase('rep');
    const manager = freshDatabase('manager');
    const t0 = clock.now();
    const item = await saveRecord(rep, 'intelItems', intelDraft({ screenshot: SHOT, sourceText: 'v1' }), { author: REP, now: new Date(t0) });
    await engine(rep).drain();
    const fileIds = noteOf(item.id).properties.hs_attachment_ids;
    expect(fileIds).toBeTruthy();

    clock.advance(searchCaughtUp(sim)); // each device syncs once search has the other's write
    await engine(manager).pull('records');
    const copy = (await manager.intelItems.get(item.id))!;
    expect(copy.sourceText).toBe('v1');
    expect(copy.screenshot).toBeUndefined();
    expect(copy).not.toHaveProperty('fieldkitAttached');

    // The manager edits it and syncs: the note keeps its attachment.
    await saveRecord(manager, 'intelItems', { ...copy, sourceText: 'v2 by the manager' }, { author: REP, now: new Date(t0 + 1_000) });
    await engine(manager).drain();
    expect(payloadOf(noteOf(item.id)).sourceText).toBe('v2 by the manager');
    expect(noteOf(item.id).properties.hs_attachment_ids).toBe(fileIds);
    expect(sim.state.files.size).toBe(1);

    // The rep pulls the newer version: the edit arrives, the rep's screenshot stays.
    clock.advance(searchCaughtUp(sim));
    const pulled = await engine(rep).pull('records');
    expect(pulled.outcomes.updated).toBe(1);
    const mine = (await rep.intelItems.get(item.id))!;
    expect(mine.sourceText).toBe('v2 by the manager');
    expect(mine.screenshot).toBe(SHOT);
    expect(await listConflicts(rep)).toEqual([]);
  });

  it('a conflict where the other device wins keeps the local screenshot on the winning version', async () => {
    const laptop = freshDatabase('laptop');
    const desktop = freshDatabase('desktop');
    const t0 = clock.now();
    const item = await saveRecord(laptop, 'intelItems', intelDraft({ screenshot: SHOT, sourceText: 'v1' }), { author: REP, now: new Date(t0) });
    await engine(laptop).drain();
    clock.advance(searchCaughtUp(sim)); // each device syncs once search has the other's write
    await engine(desktop).pull('records');

    await saveRecord(laptop, 'intelItems', { ...(await laptop.intelItems.get(item.id))!, sourceText: 'laptop edit' }, { author: REP, now: new Date(t0 + 1_000) });
    await saveRecord(desktop, 'intelItems', { ...(await desktop.intelItems.get(item.id))!, sourceText: 'desktop edit' }, { author: REP, now: new Date(t0 + 2_000) });
    await engine(desktop, true).drain();
    clock.advance(searchCaughtUp(sim));
    await engine(laptop, true).drain();

    const mine = (await laptop.intelItems.get(item.id))!;
    expect(mine.sourceText).toBe('desktop edit');
    expect(mine.screenshot).toBe(SHOT);
    expect(attachedFiles(item.id)).toHaveLength(1);
  });
});
