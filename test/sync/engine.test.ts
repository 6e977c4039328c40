import { describe, expect, it } from 'vitest';
import { saveRecord } from '../../lib/store/records';
import { retryEntry } from '../../lib/sync/batch';
import { readSyncState } from '../../lib/sync/state';
import { freshDatabase, REP, visitDraft } from '../fixtures/records';
import { FakeCrm, SimulatedCrash, virtualClock, type CallFault } from './fake-port';
import { engineFor, saveVisits } from './helpers';

function faultsInOrder(...faults: CallFault[]) {
  return () => faults.shift() ?? 'none';
}

describe('sync engine drain', () => {
  it('pushes queued records in batches of at most 100 and links each to its CRM object', async () => {
    const db = freshDatabase();
    const clock = virtualClock();
    const crm = new FakeCrm();
    const ids = await saveVisits(db, 250, clock.now);

    const result = await engineFor(db, crm, clock).drain();

    expect(result).toMatchObject({ outcome: 'done', pushed: 250, requests: 3 });
    expect(crm.calls.push).toBe(3);
    expect(crm.objects.size).toBe(250);
    const cards = await db.visitCards.bulkGet(ids);
    for (const card of cards) {
      expect(card?.crm?.objectId).toBeTruthy();
      expect(card?.crm?.syncedVersion).toBe(card?.updatedAt);
    }
    expect(await db.outbox.where('status').equals('done').count()).toBe(250);
    expect((await readSyncState(db)).lastSuccessAt).toBeDefined();
  });

  it('never creates a second object when the create was applied but its answer was lost', async () => {
    const db = freshDatabase();
    const clock = virtualClock();
    const crm = new FakeCrm();
    crm.fault = faultsInOrder('lost-response');
    const [id] = await saveVisits(db, 1, clock.now);

    const first = await engineFor(db, crm, clock).drain();
    expect(first.retried).toBe(1);
    clock.advance(60 * 60_000);
    await engineFor(db, crm, clock).drain();

    expect(crm.byLocalId(id!)).toHaveLength(1);
    expect(crm.calls.find).toBe(1);
    expect((await db.visitCards.get(id!))?.crm?.objectId).toBe(crm.byLocalId(id!)[0]!.crmId);
  });

  it('resumes after the worker stops mid-request, looking the record up before creating again', async () => {
    const db = freshDatabase();
    const clock = virtualClock();
    const crm = new FakeCrm();
    const [id] = await saveVisits(db, 1, clock.now);
    const crashAfterResponse = async (stage: string) => {
      if (stage === 'responded') throw new SimulatedCrash('worker stopped before the answer was stored');
    };

    await expect(engineFor(db, crm, clock, { checkpoint: crashAfterResponse }).drain()).rejects.toBeInstanceOf(SimulatedCrash);
    expect(crm.objects.size).toBe(1);
    // The dead drain's lease still blocks a second drain until it expires.
    expect((await engineFor(db, crm, clock).drain()).outcome).toBe('busy');
    clock.advance(120_000);
    const resumed = await engineFor(db, crm, clock).drain();

    expect(resumed.outcome).toBe('done');
    expect(crm.byLocalId(id!)).toHaveLength(1);
    expect(await db.outbox.where('status').equals('done').count()).toBe(1);
  });

  it('waits as long as a 429 says without spending the record’s attempts', async () => {
    const db = freshDatabase();
    const clock = virtualClock();
    const crm = new FakeCrm();
    crm.fault = faultsInOrder('rate-limited');
    await saveVisits(db, 3, clock.now);
    const start = clock.now();

    const result = await engineFor(db, crm, clock).drain();

    expect(result.outcome).toBe('done');
    expect(crm.objects.size).toBe(3);
    expect(clock.now() - start).toBeGreaterThanOrEqual(1_000);
    const entries = await db.outbox.toArray();
    expect(entries.every((e) => e.attempts === 0 && e.status === 'done')).toBe(true);
  });

  it('backs off after server errors with growing, persisted delays', async () => {
    const db = freshDatabase();
    const clock = virtualClock();
    const crm = new FakeCrm();
    crm.fault = faultsInOrder('server', 'server');
    await saveVisits(db, 1, clock.now);

    // The subject is the backoff: a 5xx on a create is ambiguous and would otherwise also wait out
    // the search lag before its lookup is trusted (tested on its own below).
    const engine = engineFor(db, crm, clock, { maxInlineWaitMs: 0, searchLagBoundMs: 0 });
    await engine.drain();
    const afterOne = (await db.outbox.toArray())[0]!;
    expect(afterOne).toMatchObject({ status: 'pending', attempts: 1, lastError: { kind: 'server' } });
    const firstDelay = Date.parse(afterOne.nextAttemptAt) - clock.now();
    expect(firstDelay).toBeGreaterThan(0);

    clock.advance(firstDelay);
    await engine.drain();
    const afterTwo = (await db.outbox.toArray())[0]!;
    expect(afterTwo.attempts).toBe(2);
    const secondDelay = Date.parse(afterTwo.nextAttemptAt) - clock.now();
    expect(secondDelay).toBeGreaterThanOrEqual(firstDelay / 2);

    clock.advance(secondDelay);
    await engine.drain();
    expect((await db.outbox.toArray())[0]).toMatchObject({ status: 'done', attempts: 0 });
  });

  it('parks a record the CRM refuses as needing attention, and retries it after a fix', async () => {
    const db = freshDatabase();
    const clock = virtualClock();
    const crm = new FakeCrm();
    const good = await saveVisits(db, 2, clock.now);
    const bad = await saveRecord(db, 'visitCards', visitDraft({ note: 'INVALID' }), { author: REP, now: new Date(clock.now()) });

    const result = await engineFor(db, crm, clock).drain();
    expect(result).toMatchObject({ outcome: 'done', pushed: 2, parked: 1 });
    const parked = await db.outbox.where('[table+recordId]').equals(['visitCards', bad.id]).first();
    expect(parked).toMatchObject({ status: 'needsAttention', lastError: { kind: 'validation', message: expect.stringContaining('not valid') } });
    expect(crm.objects.size).toBe(good.length);

    // Retrying without a fix parks it again, rather than looping.
    await retryEntry(db, parked!.id, clock.now());
    await engineFor(db, crm, clock).drain();
    expect((await db.outbox.get(parked!.id))?.status).toBe('needsAttention');

    // Editing the record is the fix: the entry goes back to the queue and succeeds.
    clock.advance(1_000);
    await saveRecord(db, 'visitCards', { ...bad, note: 'fixed' }, { author: REP, now: new Date(clock.now()) });
    await engineFor(db, crm, clock).drain();
    expect((await db.outbox.get(parked!.id))?.status).toBe('done');
    expect(crm.byLocalId(bad.id)[0]?.record.note).toBe('fixed');
  });

  it('pauses sync on 401 and keeps everything queued', async () => {
    const db = freshDatabase();
    const clock = virtualClock();
    const crm = new FakeCrm();
    crm.fault = () => 'unauthorized';
    await saveVisits(db, 5, clock.now);

    expect((await engineFor(db, crm, clock).drain()).outcome).toBe('paused');
    expect((await readSyncState(db)).paused).toBe('unauthorized');
    expect(await db.outbox.where('status').equals('pending').count()).toBe(5);
    const callsBefore = crm.calls.push;
    expect((await engineFor(db, crm, clock).drain()).outcome).toBe('paused');
    expect(crm.calls.push).toBe(callsBefore);
  });

  it('keeps an entry pending when the record was edited while its push was in flight', async () => {
    const db = freshDatabase();
    const clock = virtualClock();
    const crm = new FakeCrm();
    const [id] = await saveVisits(db, 1, clock.now);
    const engine = engineFor(db, crm, clock, {
      checkpoint: async (stage) => {
        if (stage !== 'claimed') return;
        const card = await db.visitCards.get(id!);
        if (card?.note === 'visit 0') await saveRecord(db, 'visitCards', { ...card, note: 'edited meanwhile' }, { author: REP, now: new Date(clock.now() + 5) });
      },
    });

    await engine.drain();

    expect(crm.byLocalId(id!)).toHaveLength(1);
    expect(crm.byLocalId(id!)[0]!.record.note).toBe('edited meanwhile');
    expect(await db.outbox.where('status').equals('done').count()).toBe(1);
  });

  it('lets only one of two simultaneous drains run', async () => {
    const db = freshDatabase();
    const clock = virtualClock();
    const crm = new FakeCrm();
    await saveVisits(db, 150, clock.now);

    const results = await Promise.all([engineFor(db, crm, clock).drain(), engineFor(db, crm, clock).drain()]);

    expect(results.map((r) => r.outcome).sort()).toEqual(['busy', 'done']);
    expect(crm.objects.size).toBe(150);
  });

  it('stays under the rate-limit window the CRM reports', async () => {
    const db = freshDatabase();
    const clock = virtualClock();
    const crm = new FakeCrm();
    await saveVisits(db, 1000, clock.now);
    const sendTimes: number[] = [];
    const push = crm.pushRecords.bind(crm);
    crm.pushRecords = async (inputs) => {
      sendTimes.push(clock.now());
      return push(inputs);
    };
    const { RequestPacer } = await import('../../lib/sync/pacer');

    await engineFor(db, crm, clock, { pacer: new RequestPacer({ defaultMax: 4, defaultIntervalMs: 10_000, reserve: 1 }) }).drain();

    expect(sendTimes).toHaveLength(10);
    for (let i = 3; i < sendTimes.length; i++) expect(sendTimes[i]! - sendTimes[i - 3]!).toBeGreaterThanOrEqual(10_000);
  });
});
