/**
 * Saving and deleting a visit card together with its display photos, in one transaction, under
 * the edit rule (./edit-rule.ts): a card is only changed by its author, and only while the daily
 * report of its day is not submitted. The form checks the rule before it opens; this is where it
 * holds, whatever the screen showed.
 */
import type { Author } from '../kernel/record';
import type { FieldkitDatabase } from '../store/database';
import { deleteRecord, saveRecord, type RecordDraft } from '../store/records';
import { entryOfPeriod } from '../reports/queries';
import { canEditVisit, closesDay, type VisitLockReason } from './edit-rule';
import { photosOfVisit, type VisitPhoto } from './photo';
import { MAX_PHOTOS_PER_VISIT, PhotoError, photoFits, type DownscaledPhoto } from './photo-size';
import type { VisitCard } from './schema';
import type { DiaryEntry } from '../reports/diary-schema';

/** A photo as the form hands it over: a stored one (with its id) or a new one, and its caption. */
export interface PhotoDraft extends DownscaledPhoto {
  id?: string;
  caption?: string;
}

/** Refused: the card is someone else's, or its day (or the day it is moved to) is submitted. */
export class VisitLockedError extends Error {
  override readonly name = 'VisitLockedError';
  constructor(
    readonly reason: VisitLockReason,
    readonly day: string,
  ) {
    super(reason === 'notAuthor' ? 'a visit card can only be changed by its author' : `the daily report of ${day} is submitted: its visit cards are closed`);
  }
}

interface Context {
  author: Author;
  now?: Date;
}

async function dayClosed(db: FieldkitDatabase, authorId: string, day: string): Promise<boolean> {
  return closesDay(await entryOfPeriod.run(db, { authorId, kind: 'daily', periodStart: day }), authorId, day);
}

/** Throws VisitLockedError unless `author` may change `existing` (if any) and write a card on `day`. */
async function assertOpen(db: FieldkitDatabase, existing: VisitCard | undefined, day: string, author: Author): Promise<void> {
  if (existing) {
    const rule = canEditVisit(existing, await entryOfPeriod.run(db, { authorId: existing.author.id, kind: 'daily', periodStart: existing.visitDay }), author.id);
    if (!rule.editable) throw new VisitLockedError(rule.reason, existing.visitDay);
  }
  // A new card, or one moved to another day, must not land in a day already handed in.
  if ((!existing || existing.visitDay !== day) && (await dayClosed(db, author.id, day))) throw new VisitLockedError('daySubmitted', day);
}

function cleanCaption(caption: string | undefined): string | undefined {
  const kept = caption?.trim();
  return kept ? kept.slice(0, 200) : undefined;
}

/**
 * Saves a card and exactly `photos` as its display photos, in that order: new photos are added
 * (each a millisecond after the one before, so the order holds), changed captions saved, photos
 * no longer listed tombstoned; unchanged ones are left alone. All or nothing.
 */
export async function saveVisitCard(
  db: FieldkitDatabase,
  draft: RecordDraft<'visitCards'>,
  photos: readonly PhotoDraft[],
  context: Context,
): Promise<VisitCard> {
  if (photos.length > MAX_PHOTOS_PER_VISIT) throw new PhotoError('tooMany', `at most ${MAX_PHOTOS_PER_VISIT} photos per visit card`);
  if (photos.some((photo) => !photoFits(photo.dataUrl))) throw new PhotoError('tooLarge', 'a photo is larger than the stored limit');
  const now = context.now ?? new Date();
  return db.transaction('rw', [db.visitCards, db.visitPhotos, db.diaryEntries, db.outbox, db.audit], async () => {
    const existing = draft.id ? await db.visitCards.get(draft.id) : undefined;
    const live = existing && !existing.deletedAt ? existing : undefined;
    await assertOpen(db, live, draft.visitDay, context.author);
    const { photoCount: _ignored, ...content } = draft;
    const card = await saveRecord(db, 'visitCards', { ...content, ...(photos.length > 0 ? { photoCount: photos.length } : {}) }, { ...context, now });

    const stored = live ? await photosOfVisit.run(db, { visitCardId: card.id }) : [];
    const storedById = new Map(stored.map((photo) => [photo.id, photo]));
    const keptIds = new Set(photos.flatMap((photo) => (photo.id && storedById.has(photo.id) ? [photo.id] : [])));
    for (const photo of stored) if (!keptIds.has(photo.id)) await deleteRecord(db, 'visitPhotos', photo.id, { ...context, now });
    let added = 0;
    for (const photo of photos) {
      const before = photo.id ? storedById.get(photo.id) : undefined;
      const caption = cleanCaption(photo.caption);
      if (before && before.caption === caption) continue;
      const draftPhoto: RecordDraft<'visitPhotos'> = {
        visitCardId: card.id,
        mime: photo.mime,
        width: photo.width,
        height: photo.height,
        dataUrl: photo.dataUrl,
        ...(caption ? { caption } : {}),
        ...(before ? { id: before.id, mime: before.mime, width: before.width, height: before.height, dataUrl: before.dataUrl } : {}),
      };
      const at = before ? now : new Date(now.getTime() + added++);
      await saveRecord(db, 'visitPhotos', draftPhoto, { ...context, now: at });
    }
    return card;
  });
}

/** Deletes a card and its photos (tombstones, so they sync like any edit), under the same rule. */
export async function deleteVisitCard(db: FieldkitDatabase, id: string, context: Context): Promise<void> {
  await db.transaction('rw', [db.visitCards, db.visitPhotos, db.diaryEntries, db.outbox, db.audit], async () => {
    const card = await db.visitCards.get(id);
    if (!card || card.deletedAt) return;
    await assertOpen(db, card, card.visitDay, context.author);
    for (const photo of await photosOfVisit.run(db, { visitCardId: id })) await deleteRecord(db, 'visitPhotos', photo.id, context);
    await deleteRecord(db, 'visitCards', id, context);
  });
}

/** What opening a card needs besides the card: its photos and its day's daily report. */
export interface OpenedVisit {
  photos: VisitPhoto[];
  /** The author's daily report of the card's day; null when none is written. */
  dailyEntry: DiaryEntry | null;
}

/** Reads what opening `card` needs, through the named queries (live in a view). */
export async function openVisit(db: FieldkitDatabase, card: Pick<VisitCard, 'id' | 'author' | 'visitDay'>): Promise<OpenedVisit> {
  const [photos, dailyEntry] = await Promise.all([
    photosOfVisit.run(db, { visitCardId: card.id }),
    entryOfPeriod.run(db, { authorId: card.author.id, kind: 'daily', periodStart: card.visitDay }),
  ]);
  return { photos, dailyEntry: dailyEntry ?? null };
}
