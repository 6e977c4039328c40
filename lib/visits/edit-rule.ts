import type { DiaryEntry } from '../reports/diary-schema';
import type { VisitCard } from './schema';

/**
 * Why a visit card opens read-only: it is someone else's (a record always belongs to its author;
 * a manager reads a rep's card), or the author's daily report for its day has been submitted (the
 * report names the day's cards, so they are part of what was handed in).
 */
export type VisitLockReason = 'notAuthor' | 'daySubmitted';

export type VisitEditability = { editable: true } | { editable: false; reason: VisitLockReason };

/**
 * Statuses of a daily report that close its day's cards. Any other status — a draft, or a report
 * handed back for revision — leaves them open.
 */
const CLOSING_STATUSES: ReadonlySet<string> = new Set(['submitted', 'reviewed']);

type DailyLike = Pick<DiaryEntry, 'status' | 'periodStart' | 'author' | 'deletedAt'> & { content: Pick<DiaryEntry['content'], 'kind'> };

/** Whether `entry` is a live daily report of `authorId` for `day` that has been handed in. */
export function closesDay(entry: DailyLike | undefined, authorId: string, day: string): boolean {
  return (
    entry !== undefined &&
    !entry.deletedAt &&
    entry.content.kind === 'daily' &&
    entry.periodStart === day &&
    entry.author.id === authorId &&
    CLOSING_STATUSES.has(entry.status)
  );
}

/**
 * Whether `profileId` may change `card`: only its author, and only while the author's daily
 * report for the card's visit day (`dailyEntry`, from reports.entryOfPeriod) is not submitted.
 * An entry of another day, author or kind does not count.
 */
export function canEditVisit(card: Pick<VisitCard, 'author' | 'visitDay'>, dailyEntry: DailyLike | undefined, profileId: string): VisitEditability {
  if (card.author.id !== profileId) return { editable: false, reason: 'notAuthor' };
  if (closesDay(dailyEntry, card.author.id, card.visitDay)) return { editable: false, reason: 'daySubmitted' };
  return { editable: true };
}
