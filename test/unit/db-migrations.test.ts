import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { FieldkitDatabase } from '../../lib/store/database';
import { CURRENT_VERSION, MIGRATIONS } from '../../lib/store/migrations';
import { V1 } from '../../lib/store/migrations/001-initial';
import { V2 } from '../../lib/store/migrations/002-visit-weeks';
import { V4 } from '../../lib/store/migrations/004-registry';
import { V3 } from '../../lib/store/migrations/003-score-index';
import { V5 } from '../../lib/store/migrations/005-dealer-facts';
import { V6 } from '../../lib/store/migrations/006-dealer-kpi-snapshots';
import { saveRecord } from '../../lib/store/records';
import { kpiSnapshotIdOf } from '../../lib/dealers/kpi-snapshot-kind';

const STORES_V1 = V1.stores;
const STORES_V2 = V2.stores;
import { VisitCard } from '../../lib/visits/schema';
import { REP } from '../fixtures/records';

/** A visit card as version 1 stored it: no isoWeek, schemaVersion 1. */
const V1_CARD = {
  id: '01JCZ00000000000000000000A',
  schemaVersion: 1,
  author: REP,
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
  dealerId: '01JD0000000000000000000001',
  visitDay: '2026-01-01', // ISO week 2026-W01
  unit: '箱',
  orderedSkus: [],
  requiredSkus: [],
  recentPurchases: [],
  actions: { checkedInventory: true, didDisplay: false, tookOrder: true, recommendedNewProducts: false },
  keyAccount: false,
  note: '',
};

describe('database migrations', () => {
  it('v1 → v2 backfills isoWeek on visit cards and indexes them by rep and week', async () => {
    const indexedDB = new IDBFactory();
    const v1 = new Dexie('fieldkit', { indexedDB, IDBKeyRange });
    v1.version(1).stores(STORES_V1);
    await v1.table('visitCards').bulkAdd([V1_CARD, { ...V1_CARD, id: '01JCZ00000000000000000000B', visitDay: '2025-12-29' }]);
    await v1.table('dealers').add({ id: 'd1', name: '华东润滑油经销有限公司' });
    v1.close();

    const db = new FieldkitDatabase({ indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    const cards = await db.visitCards.orderBy('id').toArray();
    expect(cards.map((c) => c.isoWeek)).toEqual(['2026-W01', '2026-W01']); // 2025-12-29 is a Monday of 2026-W01
    for (const card of cards) expect(VisitCard.safeParse(card).success).toBe(true);
    expect(await db.visitCards.where('[author.id+isoWeek]').equals([REP.id, '2026-W01']).count()).toBe(2);
    expect(await db.dealers.get('d1')).toMatchObject({ name: '华东润滑油经销有限公司' });
    db.close();
  });

  it('v2 → v3 re-indexes stored scores by subject and period, keeping every other row', async () => {
    const indexedDB = new IDBFactory();
    const v2 = new Dexie('fieldkit', { indexedDB, IDBKeyRange });
    v2.version(1).stores(STORES_V1);
    v2.version(2).stores(STORES_V2);
    await v2.table('visitCards').add({ ...V1_CARD, schemaVersion: 2, isoWeek: '2026-W01' });
    await v2.table('ruleSets').add({ id: 'sales-rep-monthly', version: 1 });
    v2.close();

    const db = new FieldkitDatabase({ indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(await db.visitCards.count()).toBe(1);
    expect(await db.ruleSets.get(['sales-rep-monthly', 1])).toBeDefined();
    const score = { id: '01JD00000000000000000000S1', subject: { type: 'rep', id: REP.id }, period: '2026-11', ruleSetId: 'sales-rep-monthly', ruleSetVersion: 1, updatedAt: '2026-12-01T00:00:00.000Z' };
    await db.assessments.add(score as never);
    expect(await db.assessments.where('[subject.id+period]').equals([REP.id, '2026-11']).count()).toBe(1);
    expect(await db.assessments.where('[ruleSetId+ruleSetVersion]').equals(['sales-rep-monthly', 1]).count()).toBe(1);
    db.close();
  });

  it('v3 → v4 (the registry) keeps every row and serves the new indexes, dropping the unread ones', async () => {
    const indexedDB = new IDBFactory();
    const v3 = new Dexie('fieldkit', { indexedDB, IDBKeyRange });
    v3.version(1).stores(STORES_V1);
    v3.version(2).stores(STORES_V2);
    v3.version(3).stores(V3.stores);
    await v3.table('visitCards').add({ ...V1_CARD, schemaVersion: 2, isoWeek: '2026-W01' });
    const intel = { id: '01JCZ00000000000000000000I', schemaVersion: 1, author: REP, createdAt: '2026-11-01T08:00:00.000Z', updatedAt: '2026-11-01T08:00:00.000Z', observedDay: '2026-11-01', competitorName: '美孚', sku: '', dealerId: 'd1', prices: [], confidence: 'medium' };
    await v3.table('intelItems').add(intel);
    await v3.table('reports').add({ id: '01JCZ00000000000000000000R', author: REP, kind: 'weekly', generatedAt: '2026-11-02T00:00:00.000Z', updatedAt: '2026-11-02T00:00:00.000Z' });
    await v3.table('outbox').add({ id: '01JCZ00000000000000000000O', table: 'visitCards', recordId: V1_CARD.id, status: 'pending', nextAttemptAt: '2026-11-01T08:00:00.000Z' });
    v3.close();

    const db = new FieldkitDatabase({ indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(await db.visitCards.count()).toBe(1);
    expect(await db.intelItems.where('[dealerId+observedDay]').equals(['d1', '2026-11-01']).count()).toBe(1);
    expect(await db.reports.where('[author.id+kind+generatedAt]').equals([REP.id, 'weekly', '2026-11-02T00:00:00.000Z']).count()).toBe(1);
    expect(await db.outbox.where('[status+nextAttemptAt]').equals(['pending', '2026-11-01T08:00:00.000Z']).count()).toBe(1);
    expect(db.visitCards.schema.indexes.map((i) => i.name)).not.toContain('updatedAt');
    db.close();
  });

  it('v4 → v5 keeps every row and adds the dealer-month figures, read by dealer and month', async () => {
    const indexedDB = new IDBFactory();
    const v4 = new Dexie('fieldkit', { indexedDB, IDBKeyRange });
    v4.version(4).stores(V4.stores);
    await v4.table('visitCards').add({ ...V1_CARD, schemaVersion: 2, isoWeek: '2026-W01' });
    v4.close();

    const db = new FieldkitDatabase({ indexedDB, IDBKeyRange });
    await db.open();
    // Through v5 to the current version.
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(await db.visitCards.count()).toBe(1);
    const facts = { id: '01JCZ00000000000000000000F', schemaVersion: 1 as const, author: REP, createdAt: '2026-11-01T08:00:00.000Z', updatedAt: '2026-11-01T08:00:00.000Z', dealerId: '01JCZ00000000000000000000D', period: '2026-11', figures: {} };
    await db.dealerFacts.add(facts);
    expect(await db.dealerFacts.where('[dealerId+period]').equals([facts.dealerId, '2026-11']).count()).toBe(1);
    db.close();
  });

  it('v5 → v6 keeps every row and adds the dealers\' KPI snapshots, read by id and queued for the CRM', async () => {
    const indexedDB = new IDBFactory();
    const v5 = new Dexie('fieldkit', { indexedDB, IDBKeyRange });
    v5.version(5).stores(V5.stores);
    const facts = { id: '01JCZ00000000000000000000F', schemaVersion: 1, author: REP, createdAt: '2026-11-01T08:00:00.000Z', updatedAt: '2026-11-01T08:00:00.000Z', dealerId: '01JCZ00000000000000000000D', period: '2026-11', figures: {} };
    await v5.table('dealerFacts').add(facts);
    await v5.table('visitCards').add({ ...V1_CARD, schemaVersion: 2, isoWeek: '2026-W01' });
    v5.close();

    const db = new FieldkitDatabase({ indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(await db.dealerFacts.where('[dealerId+period]').equals([facts.dealerId, '2026-11']).count()).toBe(1);
    expect(await db.visitCards.count()).toBe(1);
    expect(db.dealerKpis.schema.primKey.name).toBe('id');
    expect(db.dealerKpis.schema.indexes).toEqual([]);
    const id = kpiSnapshotIdOf(facts.dealerId);
    const fields = { kpiScore: 87.5, kpiGrade: 'A', kpiPeriod: '2026-11', kpiRuleSet: 'dealer-kpi@1', kpiComputedAt: '2026-11-30T10:00:00.000Z', kpiPartial: 'false', kpiDetail: '{}' } as const;
    const row = await saveRecord(db, 'dealerKpis', { id, dealerId: facts.dealerId, period: '2026-11', fields }, { author: REP });
    expect(await db.dealerKpis.get(id)).toEqual(row);
    expect(await db.outbox.where('[table+recordId]').equals(['dealerKpis', id]).first()).toMatchObject({ status: 'pending', operation: 'upsert' });
    db.close();
  });

  it('v6 → v7 keeps every row, reads diary entries by kind and period, and adds review events, role assignments and visit photos', async () => {
    const indexedDB = new IDBFactory();
    const v6 = new Dexie('fieldkit', { indexedDB, IDBKeyRange });
    v6.version(6).stores(V6.stores);
    const entry = { id: '01JCZ00000000000000000000E', schemaVersion: 1, author: REP, createdAt: '2026-11-27T08:00:00.000Z', updatedAt: '2026-11-27T08:00:00.000Z', periodStart: '2026-11-23', isoWeek: '2026-W48', month: '2026-11', status: 'submitted', content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [], keyAccountVisits: [], gradeChanges: [] }, annotations: [] };
    await v6.table('diaryEntries').add(entry);
    v6.close();

    const db = new FieldkitDatabase({ indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(await db.diaryEntries.where('[content.kind+periodStart]').equals(['weekly', '2026-11-23']).count()).toBe(1);
    expect(await db.diaryEntries.where('[author.id+content.kind+periodStart]').equals([REP.id, 'weekly', '2026-11-23']).count()).toBe(1);
    expect(db.reviewEvents.schema.indexes.map((i) => i.name).sort()).toEqual(['[entryAuthorId+at]', '[entryId+at]']);
    expect(db.roleAssignments.schema.indexes.map((i) => i.name)).toEqual(['ownerId']);
    expect(db.visitPhotos.schema.indexes.map((i) => i.name)).toEqual(['visitCardId']);
    db.close();
  });

  it('lists every shipped version in order, the last being the current one', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(CURRENT_VERSION).toBe(MIGRATIONS.length);
  });

  it('opens an empty database at the current version', async () => {
    const db = new FieldkitDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toContain('outbox');
    db.close();
  });
});
