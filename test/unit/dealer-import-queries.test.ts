/*
 * The import's named queries read exactly the index they name (the check the registry's
 * convention test makes of every query in lib/queries.ts), and return live rows only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { dealerImportQueries, dealersForImport, factsOfDealerMonths, terminalsOfDealers } from '../../lib/dealers/import/queries';
import { spyOnIndexes } from '../fixtures/index-spy';
import { FieldkitDatabase } from '../../lib/store/database';
import { saveRecord, deleteRecord } from '../../lib/store/records';
import { Dealer } from '../../lib/dealers/schema';

const REP = { id: 'owner-101', name: '张伟' };
const NOW = '2026-11-23T08:00:00.000Z';
let db: FieldkitDatabase;
let spy: ReturnType<typeof spyOnIndexes>;

beforeAll(async () => {
  db = new FieldkitDatabase({ name: 'import-queries', indexedDB: new IDBFactory(), IDBKeyRange });
  spy = spyOnIndexes(db);
  await db.open();
});
afterAll(async () => {
  await db.delete();
});

describe('import queries', () => {
  it('each reads the index it names', async () => {
    for (const query of dealerImportQueries) {
      spy.as(query.name);
      await query.run(db, query.example as never);
      const reads = spy.reads.filter((u) => u.query === query.name);
      expect(reads.length, query.name).toBeGreaterThan(0);
      expect(reads.every((r) => r.table === query.table && r.index === query.index), `${query.name}: ${JSON.stringify(reads)}`).toBe(true);
      expect(query.name).toMatch(/^dealers\.[a-zA-Z]+$/);
    }
  });

  it('return live rows only', async () => {
    spy.as('setup');
    const dealer = (id: string, name: string, deletedAt?: string) => Dealer.parse({ id, schemaVersion: 1, author: REP, createdAt: NOW, updatedAt: NOW, name, deletedAt });
    await db.dealers.bulkAdd([dealer('01JC0000000000000000000001', '乙'), dealer('01JC0000000000000000000002', '甲'), dealer('01JC0000000000000000000003', '丙', NOW)]);
    expect((await dealersForImport.run(db, {})).map((d) => d.name)).toEqual(['乙', '甲'].sort());
    const a = '01JC0000000000000000000001';
    const kept = await saveRecord(db, 'dealerFacts', { dealerId: a, period: '2026-11', figures: {} }, { author: REP });
    const gone = await saveRecord(db, 'dealerFacts', { dealerId: a, period: '2026-10', figures: {} }, { author: REP });
    await deleteRecord(db, 'dealerFacts', gone.id, { author: REP });
    expect((await factsOfDealerMonths.run(db, { keys: [[a, '2026-11'], [a, '2026-10'], [a, '2026-09']] })).map((f) => f.id)).toEqual([kept.id]);
    expect(await factsOfDealerMonths.run(db, { keys: [] })).toEqual([]);
    const t1 = await saveRecord(db, 'terminals', { dealerId: a, name: '一号店', signed: false }, { author: REP });
    const t2 = await saveRecord(db, 'terminals', { dealerId: '01JC0000000000000000000002', name: '二号店', signed: true }, { author: REP });
    await saveRecord(db, 'terminals', { dealerId: '01JC0000000000000000000009', name: '别家店', signed: true }, { author: REP });
    expect((await terminalsOfDealers.run(db, { dealerIds: [a, '01JC0000000000000000000002'] })).map((t) => t.id).sort()).toEqual([t1.id, t2.id].sort());
  });
});
