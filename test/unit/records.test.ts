import { afterEach, describe, expect, it } from 'vitest';
import { deleteRecord, RecordValidationError, saveRecord } from '../../lib/store/records';
import { recentVisitsOfAuthor } from '../../lib/visits/queries';
import { freshDatabase, intelDraft, REP, visitDraft } from '../fixtures/records';

const db = freshDatabase();
afterEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});

describe('saveRecord', () => {
  it('stores the record and its outbox entry in one step', async () => {
    const card = await saveRecord(db, 'visitCards', visitDraft(), { author: REP, now: new Date('2026-11-23T08:00:00Z') });
    expect(card.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(card.author).toEqual(REP);
    expect(await db.visitCards.get(card.id)).toEqual(card);
    const entries = await db.outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ table: 'visitCards', recordId: card.id, status: 'pending', recordVersion: card.updatedAt });
  });

  it('moves the one outbox entry forward on edit instead of queueing another', async () => {
    const first = await saveRecord(db, 'visitCards', visitDraft(), { author: REP, now: new Date('2026-11-23T08:00:00Z') });
    const second = await saveRecord(db, 'visitCards', { ...first, orderQuantity: 30 }, { author: REP, now: new Date('2026-11-23T08:00:00Z') });
    expect(second.createdAt).toBe(first.createdAt);
    expect(second.updatedAt > first.updatedAt).toBe(true); // same millisecond still moves forward
    const entries = await db.outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.recordVersion).toBe(second.updatedAt);
  });

  it('rejects an invalid record naming the field and writes nothing', async () => {
    await expect(saveRecord(db, 'visitCards', visitDraft({ visitDay: '23/11/2026' }), { author: REP })).rejects.toThrow(RecordValidationError);
    await expect(saveRecord(db, 'visitCards', visitDraft({ visitDay: '23/11/2026' }), { author: REP })).rejects.toThrow(/visitDay/);
    expect(await db.visitCards.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('rolls back the record when the outbox write fails', async () => {
    const card = await saveRecord(db, 'intelItems', intelDraft(), { author: REP });
    // A second, different outbox row for the same record violates the unique [table+recordId] index.
    const failing = db.transaction('rw', [db.intelItems, db.outbox], async () => {
      await db.intelItems.put({ ...card, competitorName: '美孚' });
      await db.outbox.add({ ...(await db.outbox.toArray())[0]!, id: '01JD0000000000000000000099' });
    });
    await expect(failing).rejects.toThrow();
    expect((await db.intelItems.get(card.id))!.competitorName).toBe('壳牌');
  });

  it('deletes by tombstone, which is queued like an edit', async () => {
    const card = await saveRecord(db, 'visitCards', visitDraft(), { author: REP });
    await deleteRecord(db, 'visitCards', card.id, { author: REP });
    expect(await recentVisitsOfAuthor.run(db, { authorId: REP.id, limit: 10 })).toEqual([]);
    expect((await db.visitCards.get(card.id))!.deletedAt).toBeDefined();
    expect((await db.outbox.toArray())[0]).toMatchObject({ operation: 'delete', status: 'pending' });
  });
});

describe('indexes answer the product queries', () => {
  it("finds a dealer's visits by date and a rep's records by ISO week", async () => {
    await saveRecord(db, 'visitCards', visitDraft({ visitDay: '2026-11-16', isoWeek: '2026-W47' }), { author: REP });
    await saveRecord(db, 'visitCards', visitDraft({ visitDay: '2026-11-23', isoWeek: '2026-W48' }), { author: REP });
    await saveRecord(db, 'visitCards', visitDraft({ visitDay: '2026-11-24', isoWeek: '2026-W48' }), { author: { id: 'other', name: '李娜' } });
    const byDealer = await db.visitCards.where('[dealerId+visitDay]').between([visitDraft().dealerId, '2026-11-20'], [visitDraft().dealerId, '2026-11-30']).toArray();
    expect(byDealer.map((c) => c.visitDay).sort()).toEqual(['2026-11-23', '2026-11-24']);
    const week = await db.visitCards.where('[author.id+isoWeek]').equals([REP.id, '2026-W48']).toArray();
    expect(week.map((c) => c.visitDay)).toEqual(['2026-11-23']);
  });

  it('finds intel by competitor + SKU + date range', async () => {
    await saveRecord(db, 'intelItems', intelDraft({ observedDay: '2026-10-01' }), { author: REP });
    await saveRecord(db, 'intelItems', intelDraft({ observedDay: '2026-11-01' }), { author: REP });
    await saveRecord(db, 'intelItems', intelDraft({ observedDay: '2026-11-02', sku: 'OTHER' }), { author: REP });
    const rows = await db.intelItems.where('[competitorName+sku+observedDay]').between(['壳牌', 'HX7-4L', '2026-10-15'], ['壳牌', 'HX7-4L', '2026-12-31']).toArray();
    expect(rows.map((r) => r.observedDay)).toEqual(['2026-11-01']);
  });

  it('lists due outbox entries by status + next attempt', async () => {
    await saveRecord(db, 'intelItems', intelDraft(), { author: REP, now: new Date('2026-11-23T08:00:00Z') });
    await saveRecord(db, 'intelItems', intelDraft(), { author: REP, now: new Date('2026-11-23T09:00:00Z') });
    const due = await db.outbox.where('[status+nextAttemptAt]').between(['pending', ''], ['pending', '2026-11-23T08:30:00.000Z']).toArray();
    expect(due).toHaveLength(1);
  });
});
