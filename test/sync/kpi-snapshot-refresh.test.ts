/**
 * The KPI snapshot refresh (lib/dealers/kpi-snapshot.ts): one row per CRM-linked dealer, saved —
 * and so queued — only when a field other than when-computed changed; bounded per run; and the
 * month it scores (`defaultPanelPeriod`).
 */
import { describe, expect, it } from 'vitest';
import type { FieldkitDatabase } from '../../lib/store/database';
import { Id } from '../../lib/kernel/record';
import { saveRecord } from '../../lib/store/records';
import { defaultPanelPeriod as panelOpeningMonth, loadDealerPanel } from '../../lib/dealers/panel-data';
import { snapshotFields, snapshotFromFields, snapshotOf } from '../../lib/dealers/snapshot';
import { kpiSnapshotIdOf } from '../../lib/dealers/kpi-snapshot-kind';
import { defaultPanelPeriod, KPI_REFRESH_KEY, refreshKpiSnapshots, type KpiRefreshOptions } from '../../lib/dealers/kpi-snapshot';
import type { Dealer } from '../../lib/dealers/schema';
import { DEALER, FACTS, NOVEMBER_CARDS, TERMINALS, card, facts } from '../fixtures/dealer-history';
import { freshDatabase, REP } from '../fixtures/records';

const NOW = new Date('2026-11-30T10:00:00Z');
const LATER = new Date('2026-11-30T11:00:00Z');
/** Every pass may start at once: these tests are not about the rest between passes. */
const EAGER: KpiRefreshOptions = { minPassIntervalMs: 0 };

/** A database holding the hand-worked dealer of test/fixtures/dealer-history.ts (87.5, grade A). */
async function withHistory(db = freshDatabase()): Promise<FieldkitDatabase> {
  await db.dealers.put(DEALER);
  await db.terminals.bulkPut(TERMINALS);
  await db.visitCards.bulkPut(NOVEMBER_CARDS);
  await db.dealerFacts.bulkPut(FACTS);
  return db;
}

/** Another dealer: `n` picks its ids; linked to company `crmId` unless null. */
function otherDealer(n: number, crmId: string | null): Dealer {
  const id = `01JDX${String(n).padStart(21, '0')}`;
  return { ...DEALER, id, name: `经销商 ${n}`, crm: crmId ? { ...DEALER.crm!, objectId: crmId } : undefined };
}

/** Gives a dealer two terminals and a visit to one of them, so its visit coverage is known. */
async function addVisitedTerminal(db: FieldkitDatabase, dealerId: string, n: number): Promise<void> {
  const terminals = [0, 1].map((i) => ({ ...TERMINALS[i]!, id: `01JTX${String(n * 10 + i).padStart(21, '0')}`, dealerId }));
  await db.terminals.bulkPut(terminals);
  await db.visitCards.put({ ...card('2026-11-20', { terminalId: terminals[0]!.id }), id: `01JCX${String(n).padStart(21, '0')}`, dealerId });
}

/** A dealer whose panel knows something (else it gets no snapshot). */
async function addKnownDealer(db: FieldkitDatabase, n: number, crmId: string | null): Promise<Dealer> {
  const dealer = otherDealer(n, crmId);
  await db.dealers.put(dealer);
  await addVisitedTerminal(db, dealer.id, n);
  return dealer;
}

/** Fields as the CRM gives them back: every value a string. */
const asRead = (fields: Record<string, string | number>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));

const entryOf = (db: FieldkitDatabase, dealerId: string) => db.outbox.where('[table+recordId]').equals(['dealerKpis', kpiSnapshotIdOf(dealerId)]).first();

/** What the sync engine does once the row reached the CRM (lib/sync/batch.ts settleBatch). */
async function markSynced(db: FieldkitDatabase, dealerId: string): Promise<void> {
  const row = (await db.dealerKpis.get(kpiSnapshotIdOf(dealerId)))!;
  await db.dealerKpis.put({ ...row, crm: { objectType: 'companies', objectId: DEALER.crm!.objectId, syncedAt: row.updatedAt, syncedVersion: row.updatedAt } });
  const entry = (await entryOf(db, dealerId))!;
  await db.outbox.put({ ...entry, status: 'done' });
}

describe('the snapshot row', () => {
  it('has an id derived from its dealer\'s: ULID-shaped, the same on every device, never the dealer\'s own', () => {
    const id = kpiSnapshotIdOf(DEALER.id);
    expect(Id.safeParse(id).success).toBe(true);
    expect(id).toBe(kpiSnapshotIdOf(DEALER.id));
    expect(id).toBe(kpiSnapshotIdOf(DEALER.id.toLowerCase()));
    expect(id).not.toBe(DEALER.id);
    expect(kpiSnapshotIdOf(otherDealer(1, '1').id)).not.toBe(id);
    // Pinned (FNV-1a 128 of "dealerKpi:<id>", computed outside JavaScript): another id on another
    // build would mean two rows, and two outbox entries, for one dealer.
    expect(id).toBe('6HCVP2B2RANNQ7DV1VREW99PWE');
  });
});

describe('refreshKpiSnapshots', () => {
  it('saves the snapshot of each CRM-linked dealer and queues it once; local-only dealers get none', async () => {
    const db = await withHistory();
    const local = await addKnownDealer(db, 1, null);

    const summary = await refreshKpiSnapshots(db, NOW, EAGER);

    expect(summary).toMatchObject({ examined: 1, queued: 1, unchanged: 0, failures: [], passComplete: true });
    const row = (await db.dealerKpis.get(kpiSnapshotIdOf(DEALER.id)))!;
    const panel = (await loadDealerPanel(db, DEALER.id, '2026-11', { now: NOW }))!;
    expect(row).toMatchObject({ dealerId: DEALER.id, period: '2026-11', schemaVersion: 1, author: { id: 'local-user' }, fields: snapshotFields(snapshotOf(panel)) });
    expect(row.fields).toMatchObject({ kpiScore: 87.5, kpiGrade: 'A', kpiPeriod: '2026-11', kpiRuleSet: 'dealer-kpi@1', kpiPartial: 'false', kpiComputedAt: NOW.toISOString() });
    expect(snapshotFromFields(asRead(row.fields))).toEqual({ ok: true, snapshot: snapshotOf(panel) });
    expect((await db.outbox.toArray()).filter((e) => e.table === 'dealerKpis')).toEqual([expect.objectContaining({ recordId: row.id, status: 'pending', operation: 'upsert', recordVersion: row.updatedAt })]);
    expect(await db.dealerKpis.get(kpiSnapshotIdOf(local.id))).toBeUndefined();
  });

  it('queues nothing when nothing changed, however often it runs, before and after the push', async () => {
    const db = await withHistory();
    await refreshKpiSnapshots(db, NOW, EAGER);
    const first = (await db.dealerKpis.get(kpiSnapshotIdOf(DEALER.id)))!;

    // Still queued (not pushed yet): a second run adds no version.
    expect(await refreshKpiSnapshots(db, LATER, EAGER)).toMatchObject({ examined: 1, queued: 0, unchanged: 1 });
    await markSynced(db, DEALER.id);
    const auditBefore = await db.audit.count();
    // Pushed: later runs find the same snapshot (only when-computed differs) and leave it be.
    expect(await refreshKpiSnapshots(db, new Date('2026-11-30T12:00:00Z'), EAGER)).toMatchObject({ queued: 0, unchanged: 1 });
    expect(await refreshKpiSnapshots(db, new Date('2026-11-30T13:00:00Z'), EAGER)).toMatchObject({ queued: 0, unchanged: 1 });

    const row = (await db.dealerKpis.get(kpiSnapshotIdOf(DEALER.id)))!;
    expect(row.updatedAt).toBe(first.updatedAt);
    expect(row.fields.kpiComputedAt).toBe(NOW.toISOString());
    expect((await entryOf(db, DEALER.id))!.status).toBe('done');
    expect(await db.outbox.count()).toBe(1);
    expect(await db.audit.count()).toBe(auditBefore);
  });

  it('queues exactly one new version, on the same outbox entry, when an input changed', async () => {
    const db = await withHistory();
    await refreshKpiSnapshots(db, NOW, EAGER);
    await markSynced(db, DEALER.id);
    const before = (await db.dealerKpis.get(kpiSnapshotIdOf(DEALER.id)))!;

    // A visit to a seventh terminal: coverage goes from 6/10 to 7/10.
    await db.visitCards.put(card('2026-11-27', { terminalId: TERMINALS[6]!.id }));
    const summary = await refreshKpiSnapshots(db, LATER, EAGER);

    expect(summary).toMatchObject({ queued: 1, unchanged: 0 });
    const after = (await db.dealerKpis.get(kpiSnapshotIdOf(DEALER.id)))!;
    expect(after.updatedAt > before.updatedAt).toBe(true);
    expect(after.fields.kpiComputedAt).toBe(LATER.toISOString());
    expect(after.fields.kpiDetail).not.toBe(before.fields.kpiDetail);
    const entries = (await db.outbox.toArray()).filter((e) => e.table === 'dealerKpis');
    expect(entries).toEqual([expect.objectContaining({ status: 'pending', recordVersion: after.updatedAt })]);
  });

  it('clears the score when the snapshot becomes partial: score and grade empty, partial true', async () => {
    const db = await withHistory();
    await refreshKpiSnapshots(db, NOW, EAGER);
    await markSynced(db, DEALER.id);

    // The ERP figures withdrawn (tombstoned): the sales KPIs cannot be computed any more.
    for (const row of FACTS) await db.dealerFacts.put({ ...row, deletedAt: LATER.toISOString() });
    expect(await refreshKpiSnapshots(db, LATER, EAGER)).toMatchObject({ queued: 1 });

    const row = (await db.dealerKpis.get(kpiSnapshotIdOf(DEALER.id)))!;
    expect(row.fields).toMatchObject({ kpiScore: '', kpiGrade: '', kpiPartial: 'true', kpiPeriod: '2026-11' });
    const read = snapshotFromFields(asRead(row.fields));
    expect(read.ok && read.snapshot).toMatchObject({ score: null, grade: null, partial: true });
    expect((await entryOf(db, DEALER.id))!.status).toBe('pending');
  });

  it('writes no snapshot for a dealer nothing is known about, until something is', async () => {
    const db = freshDatabase();
    const bare = otherDealer(7, '20007');
    await db.dealers.put(bare);

    expect(await refreshKpiSnapshots(db, NOW, EAGER)).toMatchObject({ examined: 1, empty: 1, queued: 0 });
    expect(await db.dealerKpis.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);

    await addVisitedTerminal(db, bare.id, 7);
    expect(await refreshKpiSnapshots(db, LATER, EAGER)).toMatchObject({ queued: 1 });
    expect((await db.dealerKpis.get(kpiSnapshotIdOf(bare.id)))!.fields.kpiPartial).toBe('true');
  });

  it('saves a row again whose entry was closed unsent (its dealer was not linked when claimed)', async () => {
    const db = await withHistory();
    await refreshKpiSnapshots(db, NOW, EAGER);
    const entry = (await entryOf(db, DEALER.id))!;
    await db.outbox.put({ ...entry, status: 'done' });

    expect(await refreshKpiSnapshots(db, LATER, EAGER)).toMatchObject({ queued: 1 });
    expect((await entryOf(db, DEALER.id))!.status).toBe('pending');
  });

  it('leaves a parked snapshot to the user\'s Retry instead of queueing it again every run', async () => {
    const db = await withHistory();
    await refreshKpiSnapshots(db, NOW, EAGER);
    const entry = (await entryOf(db, DEALER.id))!;
    await db.outbox.put({ ...entry, status: 'needsAttention', attempts: 1 });

    expect(await refreshKpiSnapshots(db, LATER, EAGER)).toMatchObject({ queued: 0, unchanged: 1 });
    expect((await entryOf(db, DEALER.id))!.status).toBe('needsAttention');
  });

  it('gives the same fields on two devices with the same records: only when-computed differs', async () => {
    const a = await withHistory(freshDatabase('device-a'));
    const b = await withHistory(freshDatabase('device-b'));
    await refreshKpiSnapshots(a, NOW, EAGER);
    await refreshKpiSnapshots(b, LATER, { ...EAGER, author: { id: '103', name: '王强' } });

    const rowA = (await a.dealerKpis.get(kpiSnapshotIdOf(DEALER.id)))!;
    const rowB = (await b.dealerKpis.get(kpiSnapshotIdOf(DEALER.id)))!;
    expect(rowB.id).toBe(rowA.id);
    const { kpiComputedAt: atA, kpiDetail: detailA, ...restA } = rowA.fields;
    const { kpiComputedAt: atB, kpiDetail: detailB, ...restB } = rowB.fields;
    expect(restB).toEqual(restA);
    expect(atB).not.toBe(atA);
    expect(detailB.replace(atB, '')).toBe(detailA.replace(atA, ''));
  });

  it('is bounded: a page of dealers per run, continuing where the last run stopped, wrapping around', async () => {
    const db = freshDatabase();
    const dealers = [];
    for (let n = 1; n <= 5; n++) dealers.push(await addKnownDealer(db, n, String(30_000 + n)));

    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await refreshKpiSnapshots(db, NOW, { ...EAGER, maxDealers: 2 }));

    expect(runs.map((r) => [r.examined, r.queued, r.passComplete])).toEqual([
      [2, 2, false],
      [2, 2, false],
      [1, 1, true],
    ]);
    expect(await db.dealerKpis.count()).toBe(5);
    // A new pass starts from the first dealer.
    expect(await refreshKpiSnapshots(db, LATER, { ...EAGER, maxDealers: 2 })).toMatchObject({ examined: 2, unchanged: 2 });
    expect((await db.settings.get(KPI_REFRESH_KEY))!.value).toMatchObject({ after: '30002' });
  });

  it('stops looking at further dealers once its time budget is spent', async () => {
    const db = freshDatabase();
    for (let n = 1; n <= 4; n++) await addKnownDealer(db, n, String(30_000 + n));
    let t = 0;
    const clock = () => (t += 1_000);

    const first = await refreshKpiSnapshots(db, NOW, { ...EAGER, budgetMs: 1_500, clock });
    expect(first).toMatchObject({ examined: 2, passComplete: false });
    const second = await refreshKpiSnapshots(db, NOW, { ...EAGER, budgetMs: 60_000 });
    expect(second).toMatchObject({ examined: 2, queued: 2, passComplete: true });
    expect(await db.dealerKpis.count()).toBe(4);
  });

  it('rests between passes: a run soon after a complete pass looks at nothing', async () => {
    const db = await withHistory();
    expect(await refreshKpiSnapshots(db, NOW)).toMatchObject({ examined: 1, passComplete: true });
    expect(await refreshKpiSnapshots(db, new Date(NOW.getTime() + 5 * 60_000))).toMatchObject({ examined: 0, resting: true });
    expect(await refreshKpiSnapshots(db, new Date(NOW.getTime() + 16 * 60_000))).toMatchObject({ examined: 1, resting: false });
  });

  it('names the device\'s person as author, and skips deleted dealers', async () => {
    const db = await withHistory();
    await db.settings.put({ key: 'profile', value: { id: '101', name: '张伟', role: 'rep' } });
    const gone = await addKnownDealer(db, 2, '30002');
    await db.dealers.put({ ...gone, deletedAt: NOW.toISOString() });

    expect(await refreshKpiSnapshots(db, NOW, EAGER)).toMatchObject({ examined: 2, queued: 1, skipped: 1 });
    expect((await db.dealerKpis.get(kpiSnapshotIdOf(DEALER.id)))!.author).toEqual({ id: '101', name: '张伟' });
  });
});

describe('defaultPanelPeriod', () => {
  const figures = (db: FieldkitDatabase, period: string, n: number, values: Record<string, number> = { sales: 1 }) =>
    db.dealerFacts.put({ ...facts(period, values), id: `01JFP${String(n).padStart(21, '0')}`, dealerId: DEALER.id });

  it('is this month when it has figures', async () => {
    const db = freshDatabase();
    await figures(db, '2026-10', 1);
    await figures(db, '2026-11', 2);
    expect(await defaultPanelPeriod(db, DEALER.id, '2026-11-30')).toBe('2026-11');
  });

  it('is last month when only last month has figures (early in a month, before the ERP import)', async () => {
    const db = freshDatabase();
    await figures(db, '2026-11', 1);
    expect(await defaultPanelPeriod(db, DEALER.id, '2026-12-03')).toBe('2026-11');
  });

  it('looks two months back at most', async () => {
    const db = freshDatabase();
    await figures(db, '2026-10', 1);
    expect(await defaultPanelPeriod(db, DEALER.id, '2026-12-03')).toBe('2026-10');
    expect(await defaultPanelPeriod(db, DEALER.id, '2027-01-03')).toBe('2027-01');
  });

  it('is this month when none of the last three has figures, or only empty rows', async () => {
    const db = freshDatabase();
    await figures(db, '2026-09', 1);
    await figures(db, '2026-11', 2, {});
    expect(await defaultPanelPeriod(db, DEALER.id, '2026-12-03')).toBe('2026-12');
    expect(await defaultPanelPeriod(freshDatabase(), DEALER.id, '2027-01-01')).toBe('2027-01');
  });

  it('agrees with the panel\'s opening month', async () => {
    const db = freshDatabase();
    for (const [n, period] of ['2026-08', '2026-10', '2026-11'].entries()) await figures(db, period, n);
    for (const today of ['2026-10-02', '2026-11-30', '2026-12-03', '2027-01-15', '2027-02-01']) {
      expect(await defaultPanelPeriod(db, DEALER.id, today), today).toBe(await panelOpeningMonth(db, DEALER.id, today));
    }
  });

  it('ignores withdrawn figures and other dealers\' figures', async () => {
    const db = freshDatabase();
    await db.dealerFacts.put({ ...facts('2026-11', { sales: 1 }), id: '01JFP000000000000000000009', dealerId: DEALER.id, deletedAt: NOW.toISOString() });
    await db.dealerFacts.put({ ...facts('2026-11', { sales: 1 }), id: '01JFP000000000000000000008', dealerId: otherDealer(1, null).id });
    expect(await defaultPanelPeriod(db, DEALER.id, '2026-12-03')).toBe('2026-12');
  });
});

describe('the row as saveRecord writes it', () => {
  it('derives its period from its fields and refuses fields the CRM would not take', async () => {
    const db = await withHistory();
    await refreshKpiSnapshots(db, NOW, EAGER);
    const row = (await db.dealerKpis.get(kpiSnapshotIdOf(DEALER.id)))!;
    const { id: _id, createdAt: _c, updatedAt: _u, author: _a, schemaVersion: _v, crm: _crm, ...draft } = row;
    const saved = await saveRecord(db, 'dealerKpis', { ...draft, id: row.id, period: '2020-01' }, { author: REP });
    expect(saved.period).toBe('2026-11');
    await expect(saveRecord(db, 'dealerKpis', { ...draft, id: row.id, fields: { ...row.fields, kpiPartial: 'maybe' as never } }, { author: REP })).rejects.toThrow(/kpiPartial/);
    await expect(saveRecord(db, 'dealerKpis', { ...draft, id: row.id, fields: { ...row.fields, extra: 'x' } as never }, { author: REP })).rejects.toThrow();
  });
});
