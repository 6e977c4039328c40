import { afterEach, describe, expect, it } from 'vitest';
import { canEditVisit, closesDay } from '../../lib/visits/edit-rule';
import { deleteVisitCard, openVisit, saveVisitCard, VisitLockedError, type PhotoDraft } from '../../lib/visits/save';
import { photosOfVisit } from '../../lib/visits/photo';
import { visitCardKind } from '../../lib/visits/kind';
import { PhotoError } from '../../lib/visits/photo-size';
import { saveRecord } from '../../lib/store/records';
import type { DiaryEntry } from '../../lib/reports/diary-schema';
import { freshDatabase, REP, visitDraft } from '../fixtures/records';

const DAY = '2026-11-23';
const MANAGER = { id: 'owner-900', name: '王经理' };

function daily(overrides: Partial<DiaryEntry> = {}): Pick<DiaryEntry, 'status' | 'periodStart' | 'author' | 'deletedAt' | 'content'> {
  return {
    status: 'submitted',
    periodStart: DAY,
    author: REP,
    content: { kind: 'daily', todayWork: [], tomorrowPlan: [], problems: [] } as unknown as DiaryEntry['content'],
    ...overrides,
  };
}

const card = { author: REP, visitDay: DAY };

describe('canEditVisit', () => {
  it('lets the author edit while no daily report of the day exists', () => {
    expect(canEditVisit(card, undefined, REP.id)).toEqual({ editable: true });
  });

  it('lets the author edit while the day’s report is a draft', () => {
    expect(canEditVisit(card, daily({ status: 'draft' }), REP.id)).toEqual({ editable: true });
  });

  it('closes the card once the day’s report is submitted, and stays closed once reviewed', () => {
    expect(canEditVisit(card, daily({ status: 'submitted' }), REP.id)).toEqual({ editable: false, reason: 'daySubmitted' });
    expect(canEditVisit(card, daily({ status: 'reviewed' }), REP.id)).toEqual({ editable: false, reason: 'daySubmitted' });
  });

  it('is always read-only for anyone but the author, even a manager, even with no report', () => {
    expect(canEditVisit(card, undefined, MANAGER.id)).toEqual({ editable: false, reason: 'notAuthor' });
    expect(canEditVisit(card, daily({ status: 'draft' }), MANAGER.id)).toEqual({ editable: false, reason: 'notAuthor' });
  });

  it('does not let a submitted report of another day, author or kind close the card', () => {
    expect(canEditVisit(card, daily({ periodStart: '2026-11-22' }), REP.id).editable).toBe(true);
    expect(canEditVisit(card, daily({ author: MANAGER }), REP.id).editable).toBe(true);
    expect(canEditVisit(card, daily({ content: { kind: 'weekly' } as unknown as DiaryEntry['content'] }), REP.id).editable).toBe(true);
    expect(canEditVisit(card, daily({ deletedAt: '2026-11-23T10:00:00.000Z' }), REP.id).editable).toBe(true);
  });

  it('closesDay says the same for the day itself', () => {
    expect(closesDay(daily(), REP.id, DAY)).toBe(true);
    expect(closesDay(daily({ status: 'draft' }), REP.id, DAY)).toBe(false);
    expect(closesDay(undefined, REP.id, DAY)).toBe(false);
  });
});

const db = freshDatabase('fieldkit-visit-edit');
afterEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});

function photo(n: number, caption?: string): PhotoDraft {
  return { mime: 'image/jpeg', width: 1600, height: 1200, dataUrl: `data:image/jpeg;base64,${btoa(`photo ${n}`)}`, ...(caption ? { caption } : {}) };
}

async function submitDaily(status: DiaryEntry['status'] = 'submitted', day = DAY) {
  await saveRecord(
    db,
    'diaryEntries',
    { periodStart: day, isoWeek: '2026-W48', status, content: { kind: 'daily', todayWork: ['拜访'], tomorrowPlan: [], problems: [] }, annotations: [] } as never,
    { author: REP },
  );
}

describe('saveVisitCard and deleteVisitCard', () => {
  it('saves a card with its photos in order, counts them on the card, and the CRM note mentions them', async () => {
    const now = new Date('2026-11-23T09:00:00.000Z');
    const saved = await saveVisitCard(db, visitDraft(), [photo(1, '  端架  '), photo(2), photo(3)], { author: REP, now });
    expect(saved.photoCount).toBe(3);
    const photos = await photosOfVisit.run(db, { visitCardId: saved.id });
    expect(photos.map((p) => atob(p.dataUrl.split(',')[1]!))).toEqual(['photo 1', 'photo 2', 'photo 3']);
    expect(photos[0]).toMatchObject({ caption: '端架', author: REP, visitCardId: saved.id, mime: 'image/jpeg', width: 1600, height: 1200 });
    expect(photos[1]!.caption).toBeUndefined();

    const zh = visitCardKind.crm!.render(saved, { locale: 'zh-CN', dealerName: () => '华联商贸' });
    const en = visitCardKind.crm!.render(saved, { locale: 'en', dealerName: () => 'Hualian' });
    expect(zh.lines.at(-1)).toEqual({ label: { 'zh-CN': '陈列照片', en: 'Display photos' }, value: '3 张陈列照片（存于 Fieldkit）' });
    expect(en.lines.at(-1)!.value).toBe('3 display photos (kept in Fieldkit)');
  });

  it('a card without photos carries no count and its note says nothing about photos', async () => {
    const saved = await saveVisitCard(db, visitDraft(), [], { author: REP });
    expect(saved.photoCount).toBeUndefined();
    const zh = visitCardKind.crm!.render(saved, { locale: 'zh-CN', dealerName: () => '华联商贸' });
    expect(zh.lines.map((l) => l.label['zh-CN'])).not.toContain('陈列照片');
  });

  it('on edit: keeps unchanged photos untouched, saves a changed caption, tombstones a removed one, appends a new one', async () => {
    const first = await saveVisitCard(db, visitDraft(), [photo(1), photo(2)], { author: REP, now: new Date('2026-11-23T09:00:00.000Z') });
    const [p1, p2] = await photosOfVisit.run(db, { visitCardId: first.id });
    const edited = await saveVisitCard(db, { ...visitDraft({ orderQuantity: 30 }), id: first.id }, [{ ...p2!, caption: '堆头' }, photo(3)], {
      author: REP,
      now: new Date('2026-11-23T10:00:00.000Z'),
    });
    expect(edited).toMatchObject({ id: first.id, orderQuantity: 30, photoCount: 2 });
    const photos = await photosOfVisit.run(db, { visitCardId: first.id });
    expect(photos.map((p) => [p.id === p2!.id ? 'p2' : atob(p.dataUrl.split(',')[1]!), p.caption])).toEqual([
      ['p2', '堆头'],
      ['photo 3', undefined],
    ]);
    expect((await db.visitPhotos.get(p1!.id))?.deletedAt).toBe('2026-11-23T10:00:00.000Z');
    // The caption edit cannot swap the picture itself.
    expect((await db.visitPhotos.get(p2!.id))?.dataUrl).toBe(p2!.dataUrl);

    // Saving again with nothing changed writes no photo.
    const before = await db.visitPhotos.toArray();
    await saveVisitCard(db, { ...visitDraft({ orderQuantity: 30 }), id: first.id }, await photosOfVisit.run(db, { visitCardId: first.id }), { author: REP });
    expect(await db.visitPhotos.toArray()).toEqual(before);
  });

  it('removing every photo drops the count', async () => {
    const first = await saveVisitCard(db, visitDraft(), [photo(1)], { author: REP });
    const edited = await saveVisitCard(db, { ...visitDraft(), id: first.id }, [], { author: REP });
    expect(edited.photoCount).toBeUndefined();
    expect(await photosOfVisit.run(db, { visitCardId: first.id })).toEqual([]);
  });

  it('deletes the card and its photos as tombstones', async () => {
    const saved = await saveVisitCard(db, visitDraft(), [photo(1), photo(2)], { author: REP });
    await deleteVisitCard(db, saved.id, { author: REP });
    expect((await db.visitCards.get(saved.id))?.deletedAt).toBeTruthy();
    const rows = await db.visitPhotos.where('visitCardId').equals(saved.id).toArray();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.deletedAt)).toBe(true);
    expect(await photosOfVisit.run(db, { visitCardId: saved.id })).toEqual([]);
  });

  it('refuses to change or delete a card once its day’s report is submitted, and changes nothing', async () => {
    const saved = await saveVisitCard(db, visitDraft(), [photo(1)], { author: REP });
    await submitDaily();
    const attempt = saveVisitCard(db, { ...visitDraft({ orderQuantity: 99 }), id: saved.id }, [], { author: REP });
    await expect(attempt).rejects.toBeInstanceOf(VisitLockedError);
    await expect(attempt).rejects.toMatchObject({ reason: 'daySubmitted', day: DAY });
    await expect(deleteVisitCard(db, saved.id, { author: REP })).rejects.toMatchObject({ reason: 'daySubmitted' });
    expect(await db.visitCards.get(saved.id)).toMatchObject({ orderQuantity: 25, photoCount: 1 });
    expect(await photosOfVisit.run(db, { visitCardId: saved.id })).toHaveLength(1);
  });

  it('refuses a new card, or a card moved, into a day whose report is submitted', async () => {
    await submitDaily();
    await expect(saveVisitCard(db, visitDraft(), [], { author: REP })).rejects.toMatchObject({ reason: 'daySubmitted' });
    const other = await saveVisitCard(db, visitDraft({ visitDay: '2026-11-24', isoWeek: '2026-W48' }), [], { author: REP });
    await expect(saveVisitCard(db, { ...visitDraft(), id: other.id }, [], { author: REP })).rejects.toMatchObject({ reason: 'daySubmitted' });
    expect(await db.visitCards.count()).toBe(1);
  });

  it('a draft report of the day, or a submitted one of another day, does not close it', async () => {
    await submitDaily('draft');
    await submitDaily('submitted', '2026-11-22');
    const saved = await saveVisitCard(db, visitDraft(), [], { author: REP });
    await expect(saveVisitCard(db, { ...visitDraft({ orderQuantity: 1 }), id: saved.id }, [], { author: REP })).resolves.toMatchObject({ orderQuantity: 1 });
  });

  it('refuses anyone but the author (a manager), report or not', async () => {
    const saved = await saveVisitCard(db, visitDraft(), [], { author: REP });
    await expect(saveVisitCard(db, { ...visitDraft({ orderQuantity: 1 }), id: saved.id }, [], { author: MANAGER })).rejects.toMatchObject({ reason: 'notAuthor' });
    await expect(deleteVisitCard(db, saved.id, { author: MANAGER })).rejects.toMatchObject({ reason: 'notAuthor' });
    expect((await db.visitCards.get(saved.id))?.deletedAt).toBeUndefined();
  });

  it('refuses more than six photos, or one over the size limit, before writing anything', async () => {
    const seven = Array.from({ length: 7 }, (_, i) => photo(i));
    await expect(saveVisitCard(db, visitDraft(), seven, { author: REP })).rejects.toMatchObject({ problem: 'tooMany' });
    const huge = { ...photo(1), dataUrl: `data:image/jpeg;base64,${'A'.repeat(1_400_000)}` };
    await expect(saveVisitCard(db, visitDraft(), [huge], { author: REP })).rejects.toBeInstanceOf(PhotoError);
    expect(await db.visitCards.count()).toBe(0);
  });

  it('openVisit reads the photos and the day’s report (null when none)', async () => {
    const saved = await saveVisitCard(db, visitDraft(), [photo(1)], { author: REP });
    expect(await openVisit(db, saved)).toMatchObject({ photos: [{ visitCardId: saved.id }], dailyEntry: null });
    await submitDaily();
    expect((await openVisit(db, saved)).dailyEntry).toMatchObject({ status: 'submitted', periodStart: DAY });
  });
});
