import { describe, expect, it } from 'vitest';
import { saveRecord } from '../../lib/store/records';
import { listConflicts } from '../../lib/sync/conflicts';
import { compareVersions, mergeRemoteRecord } from '../../lib/sync/merge';
import type { SyncedRecord } from '../../lib/crm/port';
import { freshDatabase, REP, visitDraft } from '../fixtures/records';
import { FakeCrm, virtualClock } from './fake-port';
import { engineFor } from './helpers';

describe('two machines editing one record', () => {
  it('an older edit that overwrote a newer one in the CRM is detected, undone and kept as a copy', async () => {
    const crm = new FakeCrm();
    const clock = virtualClock();
    const laptop = freshDatabase('laptop');
    const desktop = freshDatabase('desktop');
    const card = await saveRecord(laptop, 'visitCards', visitDraft({ note: 'v1' }), { author: REP, now: new Date(clock.now()) });
    await engineFor(laptop, crm, clock).drain();
    await engineFor(desktop, crm, clock).pull('records');

    // Desktop edits first (t+1 s) but pushes last, without pulling (the race the rule must survive).
    const desktopCopy = (await desktop.visitCards.get(card.id))!;
    await saveRecord(desktop, 'visitCards', { ...desktopCopy, note: 'older desktop edit' }, { author: REP, now: new Date(clock.now() + 1_000) });
    await saveRecord(laptop, 'visitCards', { ...card, note: 'newer laptop edit' }, { author: REP, now: new Date(clock.now() + 2_000) });
    clock.advance(3_000);
    await engineFor(laptop, crm, clock).drain();
    await engineFor(desktop, crm, clock).drain();
    expect(crm.byLocalId(card.id)[0]!.record.note).toBe('older desktop edit');

    // The laptop's next sync sees the CRM went back in time: its newer edit wins again.
    await engineFor(laptop, crm, clock, { pullBeforePush: true }).drain();
    expect(crm.byLocalId(card.id)[0]!.record.note).toBe('newer laptop edit');
    const [copy] = await listConflicts(laptop);
    expect(copy).toMatchObject({ recordId: card.id, kept: 'local' });
    expect(copy!.losing.note).toBe('older desktop edit');

    // And the desktop converges on it.
    await engineFor(desktop, crm, clock, { pullBeforePush: true }).drain();
    expect((await desktop.visitCards.get(card.id))?.note).toBe('newer laptop edit');
    expect(crm.byLocalId(card.id)).toHaveLength(1);
  });

  it('both edited offline: the later edit wins on both machines and the earlier one is a conflict copy', async () => {
    const crm = new FakeCrm();
    const clock = virtualClock();
    const a = freshDatabase('a');
    const b = freshDatabase('b');
    const card = await saveRecord(a, 'visitCards', visitDraft({ note: 'v1' }), { author: REP, now: new Date(clock.now()) });
    await engineFor(a, crm, clock).drain();
    await engineFor(b, crm, clock).pull('records');

    await saveRecord(a, 'visitCards', { ...card, note: 'later, on A' }, { author: REP, now: new Date(clock.now() + 2_000) });
    const onB = (await b.visitCards.get(card.id))!;
    await saveRecord(b, 'visitCards', { ...onB, note: 'earlier, on B' }, { author: REP, now: new Date(clock.now() + 1_000) });
    clock.advance(3_000);

    await engineFor(a, crm, clock, { pullBeforePush: true }).drain();
    await engineFor(b, crm, clock, { pullBeforePush: true }).drain();

    expect(crm.byLocalId(card.id)[0]!.record.note).toBe('later, on A');
    expect((await b.visitCards.get(card.id))?.note).toBe('later, on A');
    expect(await b.outbox.where('status').equals('pending').count()).toBe(0);
    const [copy] = await listConflicts(b);
    expect(copy).toMatchObject({ kept: 'remote', losingAuthor: REP.name });
    expect(copy!.losing.note).toBe('earlier, on B');
    expect(await listConflicts(a)).toHaveLength(0);
  });

  it('a record pulled again unchanged is not a conflict', async () => {
    const crm = new FakeCrm();
    const clock = virtualClock();
    const a = freshDatabase('a');
    await saveRecord(a, 'visitCards', visitDraft(), { author: REP, now: new Date(clock.now()) });
    await engineFor(a, crm, clock, { pullBeforePush: true }).drain();
    await engineFor(a, crm, clock, { pullBeforePush: true }).drain();
    expect(await listConflicts(a)).toHaveLength(0);
    expect(await a.outbox.where('status').equals('pending').count()).toBe(0);
  });
});

describe('server versions, compared only with server versions', () => {
  const SERVER = '2026-11-23T08:00:00.000Z';
  const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

  async function syncedCard(link: Partial<NonNullable<SyncedRecord['crm']>>) {
    const db = freshDatabase('server-versions');
    const card = await saveRecord(db, 'visitCards', visitDraft({ note: 'mine' }), { author: REP, now: new Date(SERVER) });
    const crm = { objectType: 'notes', objectId: '7001', syncedAt: card.updatedAt, syncedVersion: card.updatedAt, ...link };
    await db.visitCards.update(card.id, { crm });
    await db.outbox.toCollection().modify({ status: 'done' });
    return { db, card: { ...card, crm } };
  }

  it('a copy older than the server version already seen is a lagging read, whatever the device clock says', async () => {
    const { db, card } = await syncedCard({ serverVersion: later(SERVER, 5_000), pushedVersion: later(SERVER, 5_000) });
    const stale = { ...card, note: 'an older version', updatedAt: later(card.updatedAt, -60_000) } as SyncedRecord;
    // The device clock is a day ahead: it must not matter.
    const outcome = await mergeRemoteRecord(db, { table: 'visitCards', crmId: '7001', objectType: 'notes', modifiedAt: later(SERVER, 1_000), record: stale }, Date.parse(SERVER) + 86_400_000);
    expect(outcome).toBe('unchanged');
    expect((await db.visitCards.get(card.id))?.note).toBe('mine');
    expect(await db.outbox.where('status').equals('pending').count()).toBe(0);
    expect(await listConflicts(db)).toHaveLength(0);
  });

  it('a newer server version holding an older edit is a remote change even with the device clock an hour ahead: ours is pushed again, theirs kept', async () => {
    // This device synced it by its own clock, an hour fast: `syncedAt` is an hour after HubSpot's time.
    const { db, card } = await syncedCard({ syncedAt: later(SERVER, 3_600_000), serverVersion: SERVER, pushedVersion: SERVER });
    const theirs = { ...card, note: 'theirs, stamped earlier', updatedAt: later(card.updatedAt, -1_000) } as SyncedRecord;
    const outcome = await mergeRemoteRecord(db, { table: 'visitCards', crmId: '7001', objectType: 'notes', modifiedAt: later(SERVER, 1), record: theirs, writtenBy: 'other-device' }, Date.parse(SERVER) + 3_600_000);
    expect(outcome).toBe('conflict-local-kept');
    expect(await db.outbox.where('status').equals('pending').count()).toBe(1);
    expect((await listConflicts(db))[0]?.losing.note).toBe('theirs, stamped earlier');
  });

  it('a link made before server versions: the version it synced is recognised and gains its server version', async () => {
    const { db, card } = await syncedCard({});
    const same = { ...card } as SyncedRecord;
    delete same.crm;
    const outcome = await mergeRemoteRecord(db, { table: 'visitCards', crmId: '7001', objectType: 'notes', modifiedAt: later(SERVER, 2_000), record: same }, Date.parse(SERVER));
    expect(outcome).toBe('unchanged');
    expect((await db.visitCards.get(card.id))?.crm?.serverVersion).toBe(later(SERVER, 2_000));
    expect(await listConflicts(db)).toHaveLength(0);
  });

  it('two versions stamped with the same millisecond are ordered the same way whichever side compares, whatever their key order', () => {
    const at = '2026-11-23T08:00:00.000Z';
    const a = { id: 'X', updatedAt: at, author: REP, note: 'a', orderQuantity: 1 } as SyncedRecord;
    const b = { orderQuantity: 1, note: 'b', author: { name: REP.name, id: REP.id }, updatedAt: at, id: 'X' } as SyncedRecord;
    expect(compareVersions(a, b)).toBe(-compareVersions(b, a));
    expect(compareVersions(a, b)).not.toBe(0);
    expect(compareVersions(a, { ...a, crm: { objectType: 'notes', objectId: '1', syncedAt: at, syncedVersion: at } })).toBe(0);
    expect(compareVersions(b, { ...b, updatedAt: '2026-11-23T08:00:00.001Z', note: 'a' })).toBe(-1);
  });
});
