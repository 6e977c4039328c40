/**
 * The record-kind registry keeps the house honest (in the spirit of refined-github's
 * build/features.test.ts): every kind is registered and fully declared, every index a kind
 * declares is read by a named query that really uses it, and a kind added here — in this test
 * file only — reaches the outbox, backup and sync without touching any other file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { z } from '../../lib/kernel/zod';
import { recordBase, Day } from '../../lib/kernel/record';
import { KINDS } from '../../lib/kinds';
import { QUERIES } from '../../lib/queries';
import { defineKind, indexNamesOf, schemaVersionOf, storeSpecOf, type KindDefinition } from '../../lib/store/kind';
import { FieldkitDatabase } from '../../lib/store/database';
import { MIGRATIONS } from '../../lib/store/migrations';
import { spyOnIndexes } from '../fixtures/index-spy';
import { saveRecord } from '../../lib/store/records';
import { exportBackup, serialiseBackup } from '../../lib/backup/export';
import { importBackup } from '../../lib/backup/import';
import { writeSetting } from '../../lib/store/settings';
import { SyncEngine } from '../../lib/sync/engine';
import { field, noonOf } from '../../lib/store/readable';
import { LOCALES } from '../../lib/kernel/i18n';
import { startHubSpotSim, STRICT, type HubSpotSim } from '../../sim/server';
import { adapterFor, notesByLocalId, SIM_TOKEN } from '../sync/sim-harness';
import { virtualClock } from '../sync/fake-port';

const REP = { id: '101', name: '张伟' };

function kindFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) kindFiles(path, out);
    else if (/\.ts$/.test(name) && readFileSync(path, 'utf8').includes('defineKind(')) out.push(path);
  }
  return out;
}

describe('every kind is registered and fully declared', () => {
  it('each kind declared anywhere in lib/ is in the registry', async () => {
    const files = kindFiles('lib').filter((f) => !f.endsWith(join('store', 'kind.ts')));
    expect(files.length).toBeGreaterThan(0);
    const modules = import.meta.glob<Record<string, unknown>>('../../lib/**/*.ts');
    const declared: KindDefinition[] = [];
    for (const file of files) {
      const load = modules[`../../${file.split('\\').join('/')}`];
      expect(load, file).toBeDefined();
      const module = await load!();
      for (const value of Object.values(module)) {
        if (value && typeof value === 'object' && 'table' in value && 'schema' in value && 'labels' in value) declared.push(value as KindDefinition);
      }
    }
    for (const kind of declared) expect(KINDS as readonly KindDefinition[], `${kind.name} is declared but not in lib/kinds.ts`).toContain(kind);
  });

  it('names and tables are unique', () => {
    expect(new Set(KINDS.map((k) => k.name)).size).toBe(KINDS.length);
    expect(new Set(KINDS.map((k) => k.table)).size).toBe(KINDS.length);
  });

  it.each(KINDS.map((k) => [k.name, k] as const))('%s has labels in both languages', (_name, kind) => {
    for (const locale of LOCALES) {
      expect(kind.labels[locale].one.trim(), `${kind.name} ${locale}`).not.toBe('');
      expect(kind.labels[locale].other.trim(), `${kind.name} ${locale}`).not.toBe('');
    }
    // A zh-CN label is Chinese; an English one is not.
    expect(kind.labels['zh-CN'].one).toMatch(/[\u4e00-\u9fff]/);
    expect(kind.labels.en.one).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it.each(KINDS.map((k) => [k.name, k] as const))('%s states its schema version in its schema', (_name, kind) => {
    if (kind.authored === false && !('schemaVersion' in kind.schema.shape)) return;
    expect(schemaVersionOf(kind), kind.name).toBeGreaterThan(0);
  });

  it('the registry is the last migration: changing a kind needs a new numbered migration', () => {
    const last = MIGRATIONS[MIGRATIONS.length - 1]!;
    expect(Object.fromEntries(KINDS.map((k) => [k.table, storeSpecOf(k)]))).toEqual(last.stores);
  });

  it('every synced kind renders for the CRM with a title in both languages', () => {
    for (const kind of KINDS.filter((k) => k.crm)) {
      // Activities by their own id, dealers by their CRM id, fields on a dealer by the dealer's.
      expect(kind.crm!.findBy).toBe({ activity: 'recordId', dealer: 'crmId', dealerFields: 'dealerCrmId' }[kind.crm!.home]);
    }
  });
});

describe('every declared index is read by a named query that really uses it', () => {
  let db: FieldkitDatabase;
  let spy: ReturnType<typeof spyOnIndexes>;

  beforeAll(async () => {
    db = new FieldkitDatabase({ name: 'conventions', indexedDB: new IDBFactory(), IDBKeyRange });
    // A DBCore middleware sees every request the queries make, with the index it reads.
    spy = spyOnIndexes(db);
    await db.open();
  });
  afterAll(() => db.close());

  it('each query reads the index it names', async () => {
    expect(QUERIES.length).toBeGreaterThan(10);
    for (const query of QUERIES) {
      spy.as(query.name);
      await query.run(db, query.example as never);
      const reads = spy.reads.filter((u) => u.query === query.name);
      expect(reads.length, `${query.name} made no request`).toBeGreaterThan(0);
      expect(
        reads.every((r) => r.table === query.table && r.index === query.index),
        `${query.name} read ${JSON.stringify(reads)} but names ${query.table}.${query.index}`,
      ).toBe(true);
    }
  });

  it('no declared index goes unread', () => {
    const read = new Set(spy.reads.map((u) => `${u.table}.${u.index}`));
    const unread = KINDS.flatMap((kind) => indexNamesOf(kind).map((index) => `${kind.table}.${index}`)).filter((key) => !read.has(key));
    expect(unread, 'indexes no named query reads: add a query or drop the index in a migration').toEqual([]);
  });

  it('query names are unique and say their capability', () => {
    expect(new Set(QUERIES.map((q) => q.name)).size).toBe(QUERIES.length);
    for (const q of QUERIES) expect(q.name).toMatch(/^(visits|reports|intel|dealers|rules|team)\.[a-zA-Z]+$/);
  });
});

/** A kind that exists only in this file: a field note with one line of text. */
const FieldNote = z.object({ ...recordBase, schemaVersion: z.literal(1), day: Day, dealerId: z.string().optional(), text: z.string().min(1).max(500) });
const fieldNoteKind = defineKind({
  name: 'fieldNote',
  table: 'fieldNotes',
  schema: FieldNote,
  indexes: ['day'],
  labels: { 'zh-CN': { one: '现场笔记', other: '现场笔记' }, en: { one: 'field note', other: 'field notes' } },
  crm: {
    home: 'activity',
    findBy: 'recordId',
    dealerIdOf: (note) => note.dealerId,
    timestampOf: (note) => noonOf(note.day),
    render: (note) => ({ title: { 'zh-CN': '现场笔记', en: 'Field note' }, lines: [field('内容', 'Text', note.text)].filter((l) => l !== undefined) }),
  },
});
const WITH_FIXTURE = [...KINDS, fieldNoteKind];

describe('a kind added in a test fixture reaches the outbox, backup and sync without touching any other file', () => {
  let sim: HubSpotSim;
  // The portal's clock is virtual, so waiting out its search lag costs no real time.
  const clock = virtualClock();
  beforeAll(async () => {
    sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 100_000, clock: clock.now });
    await adapterFor(sim).ensureSchema();
  });
  afterAll(() => sim.close());

  const fresh = (name: string) => new FieldkitDatabase({ name, indexedDB: new IDBFactory(), IDBKeyRange, kinds: WITH_FIXTURE });
  const save = (db: FieldkitDatabase, draft: Record<string, unknown>) => saveRecord(db, 'fieldNotes' as never, draft as never, { author: REP });

  it('is stored, derived, validated and queued in one transaction', async () => {
    const db = fresh('fixture-outbox');
    const note = (await save(db, { day: '2026-11-30', text: '门店新到一批货' })) as { id: string; schemaVersion: number };
    expect(note.schemaVersion).toBe(1);
    expect(await db.outbox.where('[table+recordId]').equals(['fieldNotes', note.id]).first()).toMatchObject({ status: 'pending', operation: 'upsert' });
    await expect(save(db, { day: '2026-11-30', text: '' })).rejects.toThrow(/text/);
    db.close();
  });

  it('travels through a backup and back', async () => {
    const a = fresh('fixture-backup-a');
    const note = (await save(a, { day: '2026-11-29', text: '竞品堆头' })) as { id: string };
    const file = serialiseBackup(await exportBackup(a, { appVersion: 'test' }));
    expect(JSON.parse(file).tables.fieldNotes).toHaveLength(1);
    const b = fresh('fixture-backup-b');
    // The same person restores on b, connected (an import takes who the user is from the device, not the file).
    await writeSetting(b, 'profile', { ...REP, role: 'rep' });
    await b.settings.put({ key: 'sync.owners', value: [{ ...REP, archived: false }] });
    const summary = await importBackup(b, file, { actor: 'test' });
    expect(summary.added).toBeGreaterThan(0);
    expect(await b.table('fieldNotes').get(note.id)).toMatchObject({ text: '竞品堆头' });
    // Imported, not yet synced: queued again.
    expect(await b.outbox.where('[table+recordId]').equals(['fieldNotes', note.id]).count()).toBe(1);
    a.close();
    b.close();
  });

  it('syncs to the CRM as an activity once, and another device pulls it back as the same record', async () => {
    const a = fresh('fixture-sync-a');
    const engineA = new SyncEngine({ db: a, port: adapterFor(sim) });
    await engineA.pull('dealers');
    const dealer = await a.dealers.orderBy('name').first();
    const note = (await save(a, { day: '2026-11-28', text: '经销商要求加急补货', dealerId: dealer!.id })) as { id: string };
    const result = await engineA.drain();
    expect(result.pushed).toBe(1);
    const notes = notesByLocalId(sim).get(note.id) ?? [];
    expect(notes).toHaveLength(1);
    expect(notes[0]!.properties.fieldkit_record_type).toBe('fieldNote');
    expect(notes[0]!.properties.hs_note_body).toContain('经销商要求加急补货');
    expect(sim.state.associationsFrom('notes', notes[0]!.id, 'companies').map((x) => x.toId)).toEqual([dealer!.crm!.objectId]);
    expect((await a.table('fieldNotes').get(note.id)).crm).toMatchObject({ objectId: notes[0]!.id });

    // Another device pulls once HubSpot's search has indexed the new note.
    clock.advance(STRICT.searchLagMs);
    const b = fresh('fixture-sync-b');
    await new SyncEngine({ db: b, port: adapterFor(sim) }).pull('records');
    expect(await b.table('fieldNotes').get(note.id)).toMatchObject({ text: '经销商要求加急补货', author: REP });
    a.close();
    b.close();
  });
});
