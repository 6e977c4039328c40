import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import {
  addDictionaryEntry,
  approveEntry,
  DictionaryError,
  ensureCompetitorEntry,
  findEntryByName,
  loadDictionary,
  mergeEntries,
  rejectEntry,
  updateDictionaryEntry,
} from '../../lib/intel/dictionary/entries';
import { installSeedDictionary, SEED_IDS } from '../../lib/intel/dictionary/seed';
import { Competitor, Product } from '../../lib/intel/dictionary/schema';
import { createResolver } from '../../lib/intel/dictionary/resolve';
import { competitorKind, productKind } from '../../lib/intel/dictionary/kind';
import { FieldkitDatabase } from '../../lib/store/database';
import { V8 } from '../../lib/store/migrations/008-report-sources';
import { CURRENT_VERSION } from '../../lib/store/migrations';
import { freshDatabase } from '../fixtures/records';

const REP = { author: { id: 'o-rep', name: '张伟' }, role: 'rep' as const };
const MANAGER = { author: { id: 'o-manager', name: '王芳' }, role: 'manager' as const };

let db: FieldkitDatabase;
afterEach(() => db?.close());

async function seeded(name: string) {
  db = freshDatabase(name);
  await installSeedDictionary(db);
  return db;
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DictionaryError);
  return error as DictionaryError;
};

describe('adding entries', () => {
  it('a rep’s entry waits for review, a manager’s is approved, and both are queued for the CRM', async () => {
    await seeded('dict-add');
    const mine = await addDictionaryEntry(db, { kind: 'competitor', name: '统一', aliases: ['Tongyi', ' tongyi ', '统一'] }, REP);
    expect(mine).toMatchObject({ name: '统一', aliases: ['Tongyi'], status: 'pending', author: REP.author });
    const theirs = await addDictionaryEntry(db, { kind: 'competitor', name: '福斯', aliases: ['FUCHS'] }, MANAGER);
    expect(theirs.status).toBe('approved');
    // The team's bootstrap: anyone may administer while no admin exists.
    expect((await addDictionaryEntry(db, { kind: 'competitor', name: '道达尔' }, { ...REP, canAdminister: true })).status).toBe('approved');
    for (const id of [mine.id, theirs.id]) expect(await db.outbox.where('[table+recordId]').equals(['competitors', id]).count()).toBe(1);
  });

  it('refuses a name or alias another competitor has, naming it', async () => {
    await seeded('dict-duplicate');
    const error = await refusal(addDictionaryEntry(db, { kind: 'competitor', name: 'ＭＯＢＩＬ' }, MANAGER));
    expect(error).toMatchObject({ key: 'duplicate', existing: { id: SEED_IDS.mobil, name: '美孚' } });
    expect((await refusal(addDictionaryEntry(db, { kind: 'competitor', name: '新牌', aliases: ['shell'] }, MANAGER))).existing?.name).toBe('壳牌');
  });

  it('adds products: a competitor’s with its name for the CRM note, ours with prices; refuses a known SKU and crossed fields', async () => {
    await seeded('dict-products');
    const product = await addDictionaryEntry(db, { kind: 'product', competitorId: SEED_IDS.castrol, name: '嘉实多极护 钛流体', spec: '0W-20 4L', sku: 'EDGE-TI-0W20-4L', comparesWith: SEED_IDS.ourUltra }, MANAGER);
    expect(product).toMatchObject({ competitorName: '嘉实多', sku: 'EDGE-TI-0W20-4L', status: 'approved', unit: '箱' });
    expect((await refusal(addDictionaryEntry(db, { kind: 'product', competitorId: SEED_IDS.castrol, name: '别的', sku: 'edge-ti-0w20-4l' }, MANAGER))).key).toBe('duplicate');
    const price = { kind: 'retail' as const, amount: 99, currency: 'CNY', unit: '元/桶', from: '2026-11-01' };
    expect((await refusal(addDictionaryEntry(db, { kind: 'product', competitorId: SEED_IDS.castrol, name: 'X', prices: [price] }, MANAGER))).key).toBe('pricesOnOwnOnly');
    expect((await refusal(addDictionaryEntry(db, { kind: 'product', name: 'Y', comparesWith: SEED_IDS.ourHx7 }, MANAGER))).key).toBe('comparesWithOwnOnly');
    expect((await addDictionaryEntry(db, { kind: 'product', name: 'HX8 全合成机油', sku: 'HX8 5W-30 4L', prices: [price] }, MANAGER)).prices).toEqual([price]);
  });
});

describe('reviewing', () => {
  it('a manager approves or rejects a pending entry; a rep may not', async () => {
    await seeded('dict-review');
    const pending = await addDictionaryEntry(db, { kind: 'competitor', name: '统一' }, REP);
    expect((await refusal(approveEntry(db, pending.id, REP))).key).toBe('notAllowed');
    expect((await approveEntry(db, pending.id, MANAGER)).status).toBe('approved');
    const other = await addDictionaryEntry(db, { kind: 'competitor', name: '乱码牌' }, REP);
    await rejectEntry(db, other.id, MANAGER);
    expect((await db.competitors.get(other.id))?.deletedAt).toBeDefined();
    expect(await findEntryByName(db, '乱码牌')).toBeUndefined();
  });

  it('a manager edits names; a rename reaches the products’ notes', async () => {
    await seeded('dict-edit');
    const edited = await updateDictionaryEntry(db, SEED_IDS.kunlun, { kind: 'competitor', name: '昆仑润滑', aliases: ['Kunlun', 'KunLun Lube'], brands: ['天润'] }, MANAGER);
    expect(edited).toMatchObject({ name: '昆仑润滑', aliases: ['Kunlun', 'KunLun Lube'], brands: ['天润'], status: 'approved' });
    expect((await db.products.get(SEED_IDS.tianrun_5w40_4l))?.competitorName).toBe('昆仑润滑');
    expect((await refusal(updateDictionaryEntry(db, SEED_IDS.kunlun, { kind: 'competitor', name: '昆仑', aliases: ['Castrol'] }, MANAGER))).key).toBe('duplicate');
    expect((await refusal(updateDictionaryEntry(db, SEED_IDS.kunlun, { kind: 'competitor', name: 'x' }, REP))).key).toBe('notAllowed');
  });
});

describe('merging duplicates', () => {
  it('keeps the duplicate, pointing at the survivor; its names become aliases and its products move', async () => {
    await seeded('dict-merge');
    const duplicate = await addDictionaryEntry(db, { kind: 'competitor', name: 'Mobil石油', aliases: ['美孚润滑油'], brands: ['美孚速霸'] }, REP);
    const product = await addDictionaryEntry(db, { kind: 'product', competitorId: duplicate.id, name: '美孚速霸1000', spec: '10W-40 4L' }, REP);

    const survivor = (await mergeEntries(db, SEED_IDS.mobil, duplicate.id, MANAGER)) as Competitor;
    expect(survivor.aliases).toEqual(['Mobil', 'ExxonMobil', '埃克森美孚', 'Mobil石油', '美孚润滑油']);
    expect(survivor.brands).toContain('美孚速霸');
    expect(await db.competitors.get(duplicate.id)).toMatchObject({ name: 'Mobil石油', mergedInto: SEED_IDS.mobil, mergedIntoName: '美孚' });
    expect(await db.products.get(product.id)).toMatchObject({ competitorId: SEED_IDS.mobil, competitorName: '美孚' });
    expect((await findEntryByName(db, 'mobil石油'))?.id).toBe(SEED_IDS.mobil);

    // Intel that still names the duplicate (by id or by name) rolls up to the survivor.
    const { competitors, products } = await loadDictionary(db);
    const resolver = createResolver(competitors, products);
    expect(resolver.competitorOf({ competitorId: duplicate.id, competitorName: 'Mobil石油' }).key).toBe(SEED_IDS.mobil);
    for (const table of ['competitors', 'products'] as const) expect(await db.outbox.where('table').equals(table).count()).toBeGreaterThan(0);
  });

  it('merges products: the duplicate’s SKU becomes an alias, what the survivor lacked is filled in', async () => {
    await seeded('dict-merge-products');
    const duplicate = await addDictionaryEntry(db, { kind: 'product', competitorId: SEED_IDS.castrol, name: '极护 5W30', sku: 'CAS-EDGE-530', aliases: ['Castrol Edge 5W-30'] }, REP);
    const kept = (await mergeEntries(db, SEED_IDS.edge_5w30_4l, duplicate.id, MANAGER)) as Product;
    expect(kept.sku).toBe('EDGE-5W30-4L');
    expect(kept.aliases).toEqual(expect.arrayContaining(['极护 5W30', 'Castrol Edge 5W-30', 'CAS-EDGE-530']));
    const { competitors, products } = await loadDictionary(db);
    expect(createResolver(competitors, products).productOf({ competitorName: 'Castrol', sku: 'CAS-EDGE-530' }).key).toBe(SEED_IDS.edge_5w30_4l);
  });

  it('refuses what cannot be one entry, and a rep', async () => {
    await seeded('dict-merge-refused');
    expect((await refusal(mergeEntries(db, SEED_IDS.mobil, SEED_IDS.shell, REP))).key).toBe('notAllowed');
    expect((await refusal(mergeEntries(db, SEED_IDS.mobil, SEED_IDS.mobil, MANAGER))).key).toBe('sameEntry');
    expect((await refusal(mergeEntries(db, SEED_IDS.mobil, SEED_IDS.edge_0w40_4l, MANAGER))).key).toBe('differentKinds');
    expect((await refusal(mergeEntries(db, SEED_IDS.ourHx7, SEED_IDS.edge_0w40_4l, MANAGER))).key).toBe('ownAndCompetitor');
    await mergeEntries(db, SEED_IDS.mobil, SEED_IDS.shell, MANAGER);
    expect((await refusal(mergeEntries(db, SEED_IDS.castrol, SEED_IDS.shell, MANAGER))).key).toBe('alreadyMerged');
    // Merging into an entry that was itself merged goes to its survivor; a loop is refused.
    expect((await refusal(mergeEntries(db, SEED_IDS.shell, SEED_IDS.mobil, MANAGER))).key).toBe('sameEntry');
    expect(((await mergeEntries(db, SEED_IDS.shell, SEED_IDS.castrol, MANAGER)) as Competitor).id).toBe(SEED_IDS.mobil);
  });
});

describe('ensureCompetitorEntry (the intel form’s save)', () => {
  it('finds a known name by alias or brand, adds an unknown one as pending once, and ignores a blank', async () => {
    await seeded('dict-ensure');
    expect(await ensureCompetitorEntry(db, ' castrol ', REP)).toMatchObject({ competitor: { id: SEED_IDS.castrol }, created: false });
    expect(await ensureCompetitorEntry(db, '金吉星', REP)).toMatchObject({ competitor: { id: SEED_IDS.greatWall }, created: false });
    const first = await ensureCompetitorEntry(db, '统一润滑油', REP);
    expect(first).toMatchObject({ created: true, competitor: { name: '统一润滑油', status: 'pending' } });
    const again = await ensureCompetitorEntry(db, '统一 润滑油', REP);
    expect(again).toMatchObject({ created: false, competitor: { id: first!.competitor.id } });
    expect(await ensureCompetitorEntry(db, '   ', REP)).toBeUndefined();
  });

  it('finds products by name, alias or SKU, of a competitor when given', async () => {
    await seeded('dict-find-product');
    expect((await findEntryByName(db, 'Helix Ultra', { kind: 'product', spec: '5W-30 4L' }))?.id).toBe(SEED_IDS.helixUltra_5w30_4l);
    expect((await findEntryByName(db, 'gw-t500-15w40-18l', { kind: 'product' }))?.id).toBe(SEED_IDS.zunlong_15w40_18l);
    expect(await findEntryByName(db, 'Helix Ultra', { kind: 'product', competitorId: SEED_IDS.mobil })).toBeUndefined();
  });
});

describe('rows of the first shape', () => {
  it('still parse (defaults), and migration 009 writes the defaults into stored rows', async () => {
    const v1Competitor = { id: '01JDXC0000000000000000000V', schemaVersion: 1, author: { id: 'a', name: '管理员' }, createdAt: '2026-10-01T00:00:00.000Z', updatedAt: '2026-10-01T00:00:00.000Z', name: '美孚', aliases: ['Mobil'] };
    const v1Product = { id: '01JDXP0000000000000000000V', schemaVersion: 1, author: { id: 'a', name: '管理员' }, createdAt: '2026-10-01T00:00:00.000Z', updatedAt: '2026-10-01T00:00:00.000Z', competitorId: v1Competitor.id, name: '美孚1号', sku: 'M1', unit: '箱' };
    expect(Competitor.parse(v1Competitor)).toMatchObject({ brands: [], status: 'approved' });
    expect(Product.parse(v1Product)).toMatchObject({ aliases: [], status: 'approved' });
    expect(competitorKind.crm?.home).toBe('activity');
    expect(productKind.crm?.home).toBe('activity');

    const indexedDB = new IDBFactory();
    const v8 = new Dexie('fieldkit', { indexedDB, IDBKeyRange });
    v8.version(8).stores(V8.stores);
    await v8.table('competitors').add({ ...v1Competitor, aliases: undefined });
    await v8.table('products').add(v1Product);
    v8.close();

    db = new FieldkitDatabase({ indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(await db.competitors.get(v1Competitor.id)).toMatchObject({ aliases: [], brands: [], status: 'approved' });
    expect(await db.products.get(v1Product.id)).toMatchObject({ aliases: [], status: 'approved', sku: 'M1' });
    expect((await loadDictionary(db)).products).toHaveLength(1);
  });
});
