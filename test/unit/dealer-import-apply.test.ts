/*
 * Writing an imported file: figures merge into the dealer-month's existing row (only the figures
 * the file has are replaced, each with the file and row as its source), terminals are updated by
 * dealer and name or created, all in one transaction — and a refused file writes nothing at all.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { applyImport } from '../../lib/dealers/import/apply';
import { parseImportFile } from '../../lib/dealers/import/parse';
import { proposeMapping, type ImportKind } from '../../lib/dealers/import/targets';
import { problemText } from '../../lib/dealers/import/problems';
import { Dealer } from '../../lib/dealers/schema';
import { FieldkitDatabase } from '../../lib/store/database';
import { saveRecord } from '../../lib/store/records';
import { SAMPLE_DEALERS } from '../fixtures/imports/samples';

const REP = { id: 'owner-101', name: '张伟' };
const EARLIER = new Date('2026-11-20T08:00:00.000Z');
const NOW = new Date('2026-12-02T09:30:00.000Z');
let db: FieldkitDatabase;
let dealerIds: string[];

beforeEach(async () => {
  db = new FieldkitDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
  const dealers = SAMPLE_DEALERS.map((d, i) =>
    Dealer.parse({
      id: `01JC00000000000000000000D${i + 1}`,
      schemaVersion: 1,
      author: REP,
      createdAt: EARLIER.toISOString(),
      updatedAt: EARLIER.toISOString(),
      name: d.name,
      crm: { objectType: 'company', objectId: d.crmId, syncedAt: EARLIER.toISOString(), syncedVersion: EARLIER.toISOString() },
    }),
  );
  await db.dealers.bulkAdd(dealers);
  dealerIds = dealers.map((d) => d.id);
});
afterEach(async () => {
  await db.delete();
});

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url)));

async function importFixture(kind: ImportKind, name: string, now = NOW) {
  const table = await parseImportFile({ name, data: fixture(name) });
  return applyImport(db, { kind, table, targets: proposeMapping(kind, table.headers) }, { author: REP, now });
}

async function counts() {
  return { facts: await db.dealerFacts.count(), terminals: await db.terminals.count(), outbox: await db.outbox.count(), audit: await db.audit.count() };
}

describe('monthly figures', () => {
  it('merge into the existing dealer-month, keeping the figures the file does not have', async () => {
    const existing = await saveRecord(
      db,
      'dealerFacts',
      {
        dealerId: dealerIds[0]!,
        period: '2026-11',
        figures: {
          signedTerminals: { value: 12, source: { kind: 'manual', at: EARLIER.toISOString() } },
          arrears: { value: 999, source: { kind: 'crm', property: 'fieldkit_arrears', at: EARLIER.toISOString() } },
        },
      },
      { author: REP, now: EARLIER },
    );
    const outcome = await importFixture('figures', 'figures-2026-11.csv');
    expect(outcome).toEqual({
      ok: true,
      summary: { kind: 'figures', rows: 4, dealers: 4, months: ['2026-11'], figures: 24, terminalsCreated: 0, terminalsUpdated: 0, terminalsUnchanged: 0, totalsSkipped: 1 },
    });

    const rows = await db.dealerFacts.where('[dealerId+period]').equals([dealerIds[0]!, '2026-11']).toArray();
    expect(rows).toHaveLength(1);
    const merged = rows[0]!;
    expect(merged.id).toBe(existing.id);
    const source = (row: number) => ({ kind: 'import', file: 'figures-2026-11.csv', row, at: NOW.toISOString() });
    expect(merged.figures).toEqual({
      signedTerminals: { value: 12, source: { kind: 'manual', at: EARLIER.toISOString() } },
      arrears: { value: 120000, source: source(2) },
      sales: { value: 1280, source: source(2) },
      salesTarget: { value: 1500, source: source(2) },
      shipments: { value: 1190, source: source(2) },
      inventory: { value: 340, source: source(2) },
      creditLimit: { value: 500000, source: source(2) },
    });
    expect(merged.updatedAt).toBe(NOW.toISOString());
    expect(merged.author).toEqual(REP);

    const nanjing = await db.dealerFacts.where('[dealerId+period]').equals([dealerIds[3]!, '2026-11']).first();
    expect(nanjing?.figures.arrears).toEqual({ value: 36200.5, source: source(5) });
    // Every written row is queued for HubSpot and audited, like any save.
    expect(await db.outbox.where('table').equals('dealerFacts').count()).toBe(4);
    expect((await db.audit.toArray()).filter((a) => a.table === 'dealerFacts').length).toBe(5);
  });

  it('read the GBK copy of the export the same way', async () => {
    const outcome = await importFixture('figures', 'figures-2026-11-gbk.csv');
    expect(outcome.ok && outcome.summary).toMatchObject({ rows: 4, figures: 24 });
    const row = await db.dealerFacts.where('[dealerId+period]').equals([dealerIds[1]!, '2026-11']).first();
    expect(row?.figures.arrears?.value).toBe(48500);
    expect(row?.figures.arrears?.source).toMatchObject({ file: 'figures-2026-11-gbk.csv', row: 3 });
  });

  it('imported again, replace the values and sources without adding rows', async () => {
    await importFixture('figures', 'figures-2026-11.csv', EARLIER);
    const before = await counts();
    await importFixture('figures', 'figures-2026-11.csv', NOW);
    expect((await counts()).facts).toBe(before.facts);
    const row = await db.dealerFacts.where('[dealerId+period]').equals([dealerIds[0]!, '2026-11']).first();
    expect(row?.figures.sales?.source.at).toBe(NOW.toISOString());
  });

  it('a bad file writes nothing: no figures, no outbox entry, no audit entry', async () => {
    const before = await counts();
    const outcome = await importFixture('figures', 'figures-bad.csv');
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && problemText(outcome.problems[0]!, 'zh-CN')).toBe('第 4 行“欠款”列：应为数字，实际为“约5万”。');
    expect(await counts()).toEqual(before);
    expect(before).toEqual({ facts: 0, terminals: 0, outbox: 0, audit: 0 });
  });

  it('a failure while writing rolls back the rows already written', async () => {
    db.dealerFacts.hook('creating', (_key, row) => {
      if (row.dealerId === dealerIds[2]) throw new Error('disk full');
    });
    await expect(importFixture('figures', 'figures-2026-11.csv')).rejects.toThrow('disk full');
    expect(await counts()).toEqual({ facts: 0, terminals: 0, outbox: 0, audit: 0 });
  });
});

describe('terminal lists', () => {
  it('update a dealer’s terminal of the same name, create the others, and leave unchanged ones alone', async () => {
    const pudong = await saveRecord(
      db,
      'terminals',
      { dealerId: dealerIds[0]!, name: '浦东张江汽修厂', address: '旧地址', signed: false, contractedVolume: 100 },
      { author: REP, now: EARLIER },
    );
    const minhang = await saveRecord(db, 'terminals', { dealerId: dealerIds[0]!, name: '闵行莘庄快修店', signed: false, contractedVolume: 50 }, { author: REP, now: EARLIER });
    const wuzhong = await saveRecord(
      db,
      'terminals',
      { dealerId: dealerIds[1]!, name: '吴中宝带路养护中心', address: '苏州市吴中区宝带东路 15 号', signed: false },
      { author: REP, now: EARLIER },
    );
    const other = await saveRecord(db, 'terminals', { dealerId: dealerIds[0]!, name: '不在表里的终端', signed: true }, { author: REP, now: EARLIER });
    // The same name under another dealer is another terminal.
    await saveRecord(db, 'terminals', { dealerId: dealerIds[3]!, name: '园区星湖汽车服务', signed: false }, { author: REP, now: EARLIER });

    const outcome = await importFixture('terminals', 'terminals.xlsx');
    expect(outcome).toEqual({
      ok: true,
      summary: { kind: 'terminals', rows: 5, dealers: 3, months: [], figures: 0, terminalsCreated: 2, terminalsUpdated: 2, terminalsUnchanged: 1, totalsSkipped: 0 },
    });
    expect(await db.terminals.get(pudong.id)).toMatchObject({
      name: '浦东张江汽修厂',
      address: '上海市浦东新区张江路 88 号',
      signed: true,
      contractedVolume: 120,
      firstTransactionDay: '2026-03-05',
      createdAt: EARLIER.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    // An empty cell leaves the terminal's value as it was.
    expect(await db.terminals.get(minhang.id)).toMatchObject({ contractedVolume: 50, address: '上海市闵行区沪闵路 1200 号', firstTransactionDay: '2026-06-18' });
    expect((await db.terminals.get(wuzhong.id))?.updatedAt).toBe(EARLIER.toISOString());
    expect(await db.terminals.get(other.id)).toEqual(other);
    const created = await db.terminals.where('dealerId').equals(dealerIds[1]!).filter((t) => t.name === '园区星湖汽车服务').toArray();
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ signed: true, contractedVolume: 80, firstTransactionDay: '2026-09-01', author: REP });
    expect(await db.terminals.count()).toBe(7);
    // Terminals stay local: audited, not queued for HubSpot.
    expect(await db.outbox.where('table').equals('terminals').count()).toBe(0);
    expect((await db.audit.toArray()).filter((a) => a.table === 'terminals').length).toBe(5 + 4);
  });

  it('a refused terminal list writes nothing', async () => {
    const table = await parseImportFile({ name: 'terminals.xlsx', data: fixture('terminals.xlsx') });
    const targets = proposeMapping('terminals', table.headers);
    // Read the address column as the yes/no column instead: every row is refused.
    const outcome = await applyImport(db, { kind: 'terminals', table, targets: targets.map((t) => (t === 'signed' ? 'ignore' : t === 'address' ? 'signed' : t)) }, { author: REP, now: NOW });
    expect(!outcome.ok && problemText(outcome.problems[0]!, 'en')).toBe('Row 3, column “地址”: expected yes or no, got “上海市浦东新区张江路 88 号”.');
    expect(await counts()).toEqual({ facts: 0, terminals: 0, outbox: 0, audit: 0 });
  });
});
