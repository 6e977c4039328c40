/**
 * A backup carries data, never authority (lib/backup/import.ts): CRM links, owners and authors in
 * the file are not trusted; settings rows are checked per key; rule sets go through the editor's
 * compiler; oversized files are refused before parsing. Sync runs against the HubSpot simulator.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { exportBackup, serialiseBackup } from '../../lib/backup/export';
import { BackupRejected, checkBackupSize, importBackup, MAX_BACKUP_BYTES, wipeLocalData } from '../../lib/backup/import';
import type { FieldkitDatabase } from '../../lib/store/database';
import { saveRecord } from '../../lib/store/records';
import { writeSetting } from '../../lib/store/settings';
import { checkSettingRow } from '../../lib/store/settings-schema';
import { listConflicts } from '../../lib/sync/conflicts';
import { computeSyncStatus } from '../../lib/sync/status';
import { SyncEngine } from '../../lib/sync/engine';
import { getBuiltInRuleSet } from '../../lib/rules/built-in';
import { startHubSpotSim, STRICT, type HubSpotSim } from '../../sim/server';
import { virtualClock } from '../sync/fake-port';
import { freshDatabase, intelDraft } from '../fixtures/records';
import { adapterFor, notesByLocalId, portFor, SIM_TOKEN } from '../sync/sim-harness';

const ME = { id: '101', name: '张伟' };
const OTHER = { id: '102', name: '李娜' };
const APP = { appVersion: '0.1.0' };

let sim: HubSpotSim;
let clock = virtualClock();
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 100_000 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  sim.reset();
  clock = virtualClock();
  sim.setClock(clock.now);
  await adapterFor(sim).ensureSchema();
});

/** Another device syncs once HubSpot's search has indexed every note written so far. */
const laterOn = () => clock.advance(STRICT.searchLagMs);

// Each test lets search catch up (laterOn) before a lookup, so a lookup that misses may be trusted
// at once; how long a miss waits under lag is tested in test/sync/search-lag.test.ts.
const sync = (db: FieldkitDatabase) => new SyncEngine({ db, port: portFor(sim, db), searchLagBoundMs: 0 }).drain();

/** What connecting leaves behind: the profile takes the owner's id, and the owners are stored. */
async function connectAs(db: FieldkitDatabase, who: { id: string; name: string }): Promise<void> {
  await writeSetting(db, 'profile', { ...who, role: 'rep' });
  await db.settings.put({ key: 'sync.owners', value: [ME, OTHER].map((owner, i) => ({ ...owner, email: `o${i}@example.com`, userId: 900 + i, archived: false })) });
}

async function deviceOf(name: string, who: { id: string; name: string }): Promise<FieldkitDatabase> {
  const db = freshDatabase(name);
  await connectAs(db, who);
  return db;
}

type BackupFile = { tables: Record<string, Record<string, unknown>[]> } & Record<string, unknown>;

async function backupOf(db: FieldkitDatabase): Promise<BackupFile> {
  return JSON.parse(serialiseBackup(await exportBackup(db, APP))) as BackupFile;
}

async function rejection(promise: Promise<unknown>): Promise<BackupRejected> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BackupRejected);
  return error as BackupRejected;
}

describe('an import never trusts CRM ids, owners or authors from the file', () => {
  it("a crafted row naming another user's note id and author leaves that note untouched and not re-owned", async () => {
    // Another rep's intel, synced: note N, owned by 102.
    const other = await deviceOf('authority-other', OTHER);
    const theirs = await saveRecord(other, 'intelItems', intelDraft({ competitorName: '美孚', sourceText: 'their observation' }), { author: OTHER });
    await sync(other);
    const [note] = notesByLocalId(sim).get(theirs.id) ?? [];
    expect(note?.properties.hubspot_owner_id).toBe(OTHER.id);
    const before = structuredClone(note!.properties);
    const linked = (await other.intelItems.get(theirs.id))!;
    expect(linked.crm?.objectId).toBe(note!.id);

    // The crafted backup: their record and author with new content, the same id under another
    // author (me), and a record of mine pointing at their note id.
    const me = await deviceOf('authority-me', ME);
    const file = await backupOf(me);
    const later = new Date(Date.parse(linked.updatedAt) + 3_600_000).toISOString();
    const mine = { ...linked, id: '01JD00000000000000000000M1', author: ME, sourceText: 'overwritten by the importer', updatedAt: later };
    const asThem = { ...linked, id: '01JD00000000000000000000T2', sourceText: 'pretending to be them', updatedAt: later };
    file.tables.intelItems = [{ ...linked, sourceText: 'overwritten', updatedAt: later }, asThem, mine];
    const summary = await importBackup(me, JSON.stringify(file), { actor: ME.id });
    expect(summary).toMatchObject({ added: 3, readCopies: 2 });

    // No CRM link came in with any row; only my own record is queued, looked up before it is created.
    for (const row of await me.intelItems.toArray()) expect(row.crm).toBeUndefined();
    const outbox = await me.outbox.toArray();
    expect(outbox.map((entry) => entry.recordId)).toEqual([mine.id]);
    expect(outbox[0]!.createSentAt).toBeDefined();
    // Their rows are kept locally as they were written (a read copy), mine is mine.
    expect((await me.intelItems.get(theirs.id))!.author).toEqual(OTHER);
    expect((await me.intelItems.get(mine.id))!.author).toEqual(ME);

    await sync(me);
    const [after] = notesByLocalId(sim).get(theirs.id) ?? [];
    expect(after!.properties).toEqual(before);
    expect(notesByLocalId(sim).get(asThem.id)).toBeUndefined();
    // My record became a note of its own, owned by me.
    const [myNote] = notesByLocalId(sim).get(mine.id) ?? [];
    expect(myNote!.id).not.toBe(note!.id);
    expect(myNote!.properties.hubspot_owner_id).toBe(ME.id);
    expect(sim.state.list('notes').filter((n) => n.properties.hubspot_owner_id === OTHER.id)).toHaveLength(1);
  });

  it("a crafted row reusing another user's record id as mine is parked, never linked to their note", async () => {
    const other = await deviceOf('authority-collide-other', OTHER);
    const theirs = await saveRecord(other, 'intelItems', intelDraft({ competitorName: '美孚', sourceText: 'their observation' }), { author: OTHER });
    await sync(other);
    const [note] = notesByLocalId(sim).get(theirs.id) ?? [];
    const before = structuredClone(note!.properties);
    const linked = (await other.intelItems.get(theirs.id))!;

    // Their record's id, claimed as mine, with a CRM link so it is looked up rather than created.
    const me = await deviceOf('authority-collide-me', ME);
    const file = await backupOf(me);
    file.tables.intelItems = [{ ...linked, author: ME, sourceText: 'mine now', updatedAt: new Date(Date.parse(linked.updatedAt) + 60_000).toISOString() }];
    await importBackup(me, JSON.stringify(file), { actor: ME.id });
    laterOn();
    await sync(me);

    // Their note is as it was, still theirs; nothing was created under that id.
    expect(notesByLocalId(sim).get(theirs.id)).toHaveLength(1);
    expect(sim.state.get('notes', note!.id)!.properties).toEqual(before);
    // My copy waits for a person, saying why, and holds no link to their note.
    const entry = (await me.outbox.where('[table+recordId]').equals(['intelItems', theirs.id]).first())!;
    expect(entry.status).toBe('needsAttention');
    expect(entry.lastError).toMatchObject({ kind: 'owned-by-another' });
    expect((await me.intelItems.get(theirs.id))!.crm).toBeUndefined();
    const status = await computeSyncStatus(me, false, Date.now());
    expect(status.attention?.map((a) => a.kind)).toEqual(['owned-by-another']);
  });

  it('restoring my own synced records after a wipe re-links them by their own id instead of duplicating', async () => {
    const me = await deviceOf('authority-restore', ME);
    const record = await saveRecord(me, 'intelItems', intelDraft(), { author: ME });
    await sync(me);
    const text = serialiseBackup(await exportBackup(me, APP));
    await wipeLocalData(me);
    await connectAs(me, ME);
    await importBackup(me, text, { actor: ME.id });
    expect((await me.intelItems.get(record.id))!.crm).toBeUndefined();
    laterOn();
    await sync(me);
    const notes = notesByLocalId(sim).get(record.id) ?? [];
    expect(notes).toHaveLength(1);
    expect((await me.intelItems.get(record.id))!.crm?.objectId).toBe(notes[0]!.id);
  });

  it('a record by a local profile (no CRM owner) becomes the importer’s; the file’s profile is never applied', async () => {
    const me = await deviceOf('authority-local-author', ME);
    const file = await backupOf(me);
    const draft = { ...intelDraft(), id: '01JD00000000000000000000A1', schemaVersion: 1, author: { id: 'local-user', name: 'Someone' }, createdAt: '2026-11-22T00:00:00.000Z', updatedAt: '2026-11-22T00:00:00.000Z' };
    file.tables.intelItems = [draft];
    file.tables.settings = [...file.tables.settings!.filter((row) => row.key !== 'profile'), { key: 'profile', value: { ...OTHER, role: 'admin' } }];
    const summary = await importBackup(me, JSON.stringify(file), { actor: ME.id });
    expect(summary.skippedSettings).toEqual(['profile']);
    expect((await me.intelItems.get(draft.id))!.author).toEqual(ME);
    expect((await me.settings.get('profile'))!.value).toMatchObject({ id: ME.id, role: 'rep' });
  });
});

describe('before connecting', () => {
  it('rows by HubSpot users are local copies only; importing again after connecting queues my own', async () => {
    const source = await deviceOf('authority-connect-source', ME);
    const mine = await saveRecord(source, 'intelItems', intelDraft(), { author: ME });
    await saveRecord(source, 'intelItems', intelDraft(), { author: OTHER });
    const text = serialiseBackup(await exportBackup(source, APP));
    const fresh = freshDatabase('authority-connect-fresh');
    // A fresh install takes the file's profile (it had none), but that does not make it connected.
    expect(await importBackup(fresh, text, { actor: 'local-user' })).toMatchObject({ added: 3, readCopies: 2, skippedSettings: [] });
    expect(await fresh.intelItems.count()).toBe(2);
    expect(await fresh.outbox.count()).toBe(0);
    await connectAs(fresh, ME);
    expect(await importBackup(fresh, text, { actor: ME.id })).toMatchObject({ added: 0, unchanged: 2, skippedSettings: ['profile'] });
    expect((await fresh.outbox.toArray()).map((entry) => entry.recordId)).toEqual([mine.id]);
  });

  it('a crafted profile in a file cannot make a fresh device queue rows as that owner', async () => {
    const other = await deviceOf('authority-crafted-profile-source', OTHER);
    await saveRecord(other, 'intelItems', intelDraft(), { author: OTHER });
    const text = serialiseBackup(await exportBackup(other, APP));
    const fresh = freshDatabase('authority-crafted-profile');
    await importBackup(fresh, text, { actor: 'local-user' });
    await importBackup(fresh, text, { actor: 'local-user' });
    expect(await fresh.outbox.count()).toBe(0);
  });
});

describe('settings rows have a schema per key', () => {
  const badConflict = { key: 'sync.conflict.01JD0000000000000000000001', value: { table: 'visitCards' } };

  it('sync status survives two malformed conflict rows already stored', async () => {
    const db = freshDatabase('authority-bad-settings');
    await db.settings.bulkPut([badConflict, { key: 'sync.conflict.01JD0000000000000000000002', value: 42 }]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await listConflicts(db)).toEqual([]);
    const status = await computeSyncStatus(db, false, Date.now());
    expect(status.conflicts ?? []).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('sync.conflict.01JD0000000000000000000001'));
    warn.mockRestore();
  });

  it('an import with a malformed settings row is refused whole, naming the key, and changes nothing', async () => {
    const db = await deviceOf('authority-import-settings', ME);
    await saveRecord(db, 'intelItems', intelDraft(), { author: ME });
    const file = await backupOf(db);
    await wipeLocalData(db);
    file.tables.settings = [...file.tables.settings!, badConflict];
    const error = await rejection(importBackup(db, JSON.stringify(file), { actor: ME.id }));
    expect(error.problem).toMatchObject({ code: 'setting', detail: { key: badConflict.key } });
    expect(error.problem.path).toMatch(/^\$\.tables\.settings\[\d+\]\.value\./);
    expect(await db.intelItems.count()).toBe(0);
    expect(await db.settings.count()).toBe(0);
  });

  it('checks known keys by their schema and refuses keys no Fieldkit writes', () => {
    expect(checkSettingRow({ key: 'language', value: 'fr' })).toMatchObject({ ok: false, path: ['value'] });
    expect(checkSettingRow({ key: 'reminders', value: { enabled: true, quietFrom: '25:00', quietTo: '08:00' } })).toMatchObject({ ok: false, path: ['value', 'quietFrom'] });
    expect(checkSettingRow({ key: 'somethingElse', value: 1 })).toMatchObject({ ok: false, message: 'unknown setting "somethingElse"' });
    expect(checkSettingRow({ key: 'language', value: 'en' })).toEqual({ ok: true, value: 'en' });
  });
});

describe('rule sets in a backup go through the editor’s compiler', () => {
  it('an uncompilable version is refused, named, and never becomes active', async () => {
    const db = await deviceOf('authority-rule-sets', ME);
    const file = await backupOf(db);
    const ruleSet = structuredClone(getBuiltInRuleSet('dealer-quarterly')!.ruleSet) as unknown as Record<string, unknown> & { root: Record<string, unknown> };
    const broken = { ...ruleSet, version: 7, root: { ...ruleSet.root, children: [{ id: 'bad', kind: 'formula', label: { en: 'Bad', 'zh-CN': '坏' }, weight: 1, max: 100, score: 'noSuchInput * 2' }] } };
    file.tables.ruleSets = [broken];
    file.tables.settings = [...file.tables.settings!, { key: 'activeRuleSets', value: { [ruleSet.id as string]: 7 } }];
    const error = await rejection(importBackup(db, JSON.stringify(file), { actor: ME.id }));
    expect(error.problem).toMatchObject({ code: 'ruleSet', detail: { ruleSet: 'dealer-quarterly', version: 7 } });
    expect(error.problem.reason).toContain('rule set "dealer-quarterly" version 7 cannot be used');
    expect(error.problem.reason).toContain('noSuchInput');
    expect(await db.ruleSets.count()).toBe(0);
    expect(await db.settings.get('activeRuleSets')).toBeUndefined();
  });

  it('a valid version in a backup is still imported', async () => {
    const db = await deviceOf('authority-rule-sets-ok', ME);
    const file = await backupOf(db);
    file.tables.ruleSets = [getBuiltInRuleSet('dealer-quarterly')!.ruleSet as unknown as Record<string, unknown>];
    await importBackup(db, JSON.stringify(file), { actor: ME.id });
    expect(await db.ruleSets.count()).toBe(1);
  });
});

describe('backup size cap', () => {
  it('refuses a file over the cap before parsing, naming both sizes', async () => {
    const db = await deviceOf('authority-size', ME);
    expect(() => checkBackupSize(MAX_BACKUP_BYTES)).not.toThrow();
    const error = (() => {
      try {
        checkBackupSize(MAX_BACKUP_BYTES + 1);
      } catch (e) {
        return e as BackupRejected;
      }
      throw new Error('not refused');
    })();
    expect(error.problem).toMatchObject({ code: 'tooLarge', detail: { limitMb: 100 } });
    // The text path: a file one byte over the cap is refused as too large, not as bad JSON.
    const oversized = ' '.repeat(MAX_BACKUP_BYTES + 1);
    const rejected = await rejection(importBackup(db, oversized, { actor: ME.id }));
    expect(rejected.problem.code).toBe('tooLarge');
  });
});
