import { afterEach, describe, expect, it } from 'vitest';
import { saveRecord } from '../../lib/store/records';
import { exportBackup, serialiseBackup } from '../../lib/backup/export';
import { BackupRejected, importBackup, parseBackup, wipeLocalData } from '../../lib/backup/import';
import { writeSetting } from '../../lib/store/settings';
import { freshDatabase, intelDraft, REP, visitDraft } from '../fixtures/records';

const db = freshDatabase();
afterEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});

async function seed() {
  const card = await saveRecord(db, 'visitCards', visitDraft(), { author: REP });
  const intel = await saveRecord(db, 'intelItems', intelDraft(), { author: REP });
  await db.dealers.add({
    id: '01JD0000000000000000000001', schemaVersion: 1, author: REP, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z',
    name: '华东润滑油经销有限公司', shared: false, file: { salesRegions: [], mainProducts: [] },
  });
  await db.settings.put({ key: 'language', value: 'zh-CN' });
  await writeSetting(db, 'profile', { ...REP, role: 'rep' });
  return { card, intel };
}

async function snapshot() {
  return {
    visitCards: await db.visitCards.toArray(),
    intelItems: await db.intelItems.toArray(),
    dealers: await db.dealers.toArray(),
    settings: await db.settings.toArray(),
  };
}

const APP = { appVersion: '0.1.0' };

/** A conflict copy as lib/sync/conflicts.ts stores it (settings rows are checked per key on import). */
const CONFLICT_COPY = {
  id: '01JD0000000000000000000001',
  table: 'visitCards',
  recordId: '01JD0000000000000000000009',
  at: '2026-11-23T00:00:00.000Z',
  kept: 'local',
  keptVersion: '2026-11-23T00:00:00.000Z',
  losingVersion: '2026-11-22T00:00:00.000Z',
  losingAuthor: REP.name,
  losing: { id: '01JD0000000000000000000009', updatedAt: '2026-11-22T00:00:00.000Z', author: REP },
};

describe('backup round trip', () => {
  it('export → wipe → import restores every record', async () => {
    await seed();
    const before = await snapshot();
    const text = serialiseBackup(await exportBackup(db, APP));
    await wipeLocalData(db);
    expect(await db.visitCards.count()).toBe(0);
    // The same person restores: who they are comes from this device (connecting sets it), never from the file.
    await writeSetting(db, 'profile', { ...REP, role: 'rep' });
    const summary = await importBackup(db, text, { actor: REP.id });
    expect(summary).toMatchObject({ added: 4, updated: 0, conflicts: [], readCopies: 0, skippedSettings: ['profile'] });
    expect(await snapshot()).toEqual(before);
    // Unsynced records are queued again so they still reach the CRM.
    expect((await db.outbox.toArray()).map((e) => e.table).sort()).toEqual(['intelItems', 'visitCards']);
  });

  it('merges by id: the newer updatedAt wins and every differing row is listed', async () => {
    const { card, intel } = await seed();
    const text = serialiseBackup(await exportBackup(db, APP));
    // Locally, the card is edited after the export (local newer) …
    await saveRecord(db, 'visitCards', { ...card, orderQuantity: 99 }, { author: REP, now: new Date(Date.parse(card.updatedAt) + 60_000) });
    // … and the intel item in the file is newer than the local one.
    const file = JSON.parse(text);
    file.tables.intelItems[0] = { ...intel, competitorName: '美孚', updatedAt: new Date(Date.parse(intel.updatedAt) + 60_000).toISOString() };
    const summary = await importBackup(db, JSON.stringify(file), { actor: REP.id });
    expect(summary.updated).toBe(1);
    expect(summary.conflicts).toEqual([
      expect.objectContaining({ table: 'visitCards', key: card.id, kept: 'local' }),
      expect.objectContaining({ table: 'intelItems', key: intel.id, kept: 'file' }),
    ]);
    expect((await db.visitCards.get(card.id))!.orderQuantity).toBe(99);
    expect((await db.intelItems.get(intel.id))!.competitorName).toBe('美孚');
  });
});

describe('device-only sync state', () => {
  it("is neither exported nor imported, while conflict copies travel", async () => {
    await db.settings.bulkPut([
      { key: 'sync.deviceId', value: 'device-a' },
      { key: 'sync.state', value: { cursors: { dealers: 'x' } } },
      { key: 'sync.conflict.01JD0000000000000000000001', value: CONFLICT_COPY },
    ]);
    const backup = await exportBackup(db, APP);
    expect(backup.tables.settings!.map((r) => (r as { key: string }).key)).toEqual(['sync.conflict.01JD0000000000000000000001']);
    await wipeLocalData(db);
    const foreign = { ...backup, tables: { ...backup.tables, settings: [...backup.tables.settings!, { key: 'sync.deviceId', value: 'device-b' }] } };
    await importBackup(db, JSON.stringify(foreign), { actor: REP.id });
    expect(await db.settings.get('sync.deviceId')).toBeUndefined();
    expect(await db.settings.get('sync.conflict.01JD0000000000000000000001')).toBeDefined();
  });
});

describe('bad backup files are rejected whole, naming the first problem', () => {
  async function expectRejected(text: string, path: string, reason: RegExp) {
    await seed();
    const before = await snapshot();
    const error = await importBackup(db, text, { actor: REP.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupRejected);
    expect((error as BackupRejected).problem.path).toBe(path);
    expect((error as BackupRejected).problem.reason).toMatch(reason);
    expect(await snapshot()).toEqual(before);
  }

  it('truncated JSON', async () => {
    const text = serialiseBackup(await exportBackup(db, APP));
    await expectRejected(text.slice(0, text.length / 2), '$', /not valid JSON/);
  });

  it('empty file', () => expectRejected('', '$', /empty/));

  it('a foreign JSON file', () => expectRejected(JSON.stringify({ hello: 'world' }), '$.format', /not a Fieldkit backup/));

  it('a newer version', () =>
    expectRejected(JSON.stringify({ format: 'fieldkit-backup', version: 9, exportedAt: '2026-11-23T00:00:00Z', appVersion: '9', tables: {} }), '$.version', /newer Fieldkit/));

  it('one bad row among good ones — nothing is imported', async () => {
    const backup = await exportBackup(db, APP);
    backup.tables.visitCards = [
      { ...visitDraft(), id: '01JD0000000000000000000007', schemaVersion: 2, author: REP, createdAt: '2026-11-23T00:00:00.000Z', updatedAt: '2026-11-23T00:00:00.000Z' },
      { ...visitDraft({ orderQuantity: -5 }), id: '01JD0000000000000000000008', schemaVersion: 2, author: REP, createdAt: '2026-11-23T00:00:00.000Z', updatedAt: '2026-11-23T00:00:00.000Z' },
    ];
    await expectRejected(JSON.stringify(backup), '$.tables.visitCards[1].orderQuantity', /Too small|>=\s*0/i);
    expect(await db.visitCards.get('01JD0000000000000000000007')).toBeUndefined();
  });

  it('an unknown table', () =>
    expectRejected(JSON.stringify({ format: 'fieldkit-backup', version: 1, exportedAt: '2026-11-23T00:00:00Z', appVersion: '1', tables: { secrets: [] } }), '$.tables.secrets', /unknown table/));

  it('parseBackup accepts its own export', async () => {
    await seed();
    const parsed = parseBackup(serialiseBackup(await exportBackup(db, APP)));
    expect(parsed.rows.visitCards).toHaveLength(1);
  });
});
