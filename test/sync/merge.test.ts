import { describe, expect, it } from 'vitest';
import { saveRecord } from '../../lib/store/records';
import { listConflicts } from '../../lib/sync/conflicts';
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
