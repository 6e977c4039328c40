/**
 * Saving, submitting and reviewing diary entries. The entry is its author's alone: saves by
 * anyone else are refused, and a manager's review is a review event of their own
 * (./review.ts). Every change after the first submission is kept on the entry as a revision
 * (who, when, which fields), and each submission records how it met its deadline.
 */
import type { FieldkitDatabase } from '../store/database';
import { saveRecord, type RecordDraft } from '../store/records';
import type { Author } from '../kernel/record';
import { isoWeekOf, monthOf } from '../kernel/dates';
import { readSetting } from '../store/settings';
import { deadlineRulesFrom } from './deadline-rules';
import { readDeadlineOverrides } from './deadline-store';
import { builtInTemplate, deadlineSubjectOf } from './templates';
import { templateVersionOf } from './template-store';
import { deviceTimeZone, evaluateSubmission } from './deadlines';
import { periodOf } from './periods';
import { entryOfPeriod, reviewEventsOfEntry } from './queries';
import { authorMayEdit, changedFields, reviewEventFor, reviewSummaryOf, submitActionFor, type ReviewRequest } from './review';
import type { DiaryEntry, Revision } from './diary-schema';
import type { ReviewEvent } from './review-schema';

export type DiaryLockReason = 'notAuthor' | 'reviewed';

/** A save the entry's state does not allow; `reason` says which, for a message in the UI language. */
export class DiaryLockedError extends Error {
  constructor(readonly reason: DiaryLockReason) {
    super(`diary entry locked: ${reason}`);
    this.name = 'DiaryLockedError';
  }
}

export interface SaveDiaryOptions {
  submit: boolean;
  author: Author;
  /** Whose deadline applies to a monthly report (the rep's or the regional manager's); absent: the profile's role. */
  role?: 'rep' | 'manager' | 'admin';
  /** The author's time zone for the deadline; absent: the profile's, else the device's. */
  timeZone?: string;
  /** Why a submission comes after the due time (asked in the grace period). The weekly report keeps it in its content. */
  reason?: string;
  now?: Date;
}

/**
 * Saves the author's entry for its period; submits it when asked. What the editor cannot know is
 * filled in here: week and month, status, submit time, the deadline outcome of the first
 * submission, and a revision for every change once the entry has been submitted.
 */
export async function saveDiary(db: FieldkitDatabase, draft: RecordDraft<'diaryEntries'>, options: SaveDiaryOptions): Promise<DiaryEntry> {
  const now = (options.now ?? new Date()).toISOString();
  const existing = draft.id ? await db.diaryEntries.get(draft.id) : await entryOfPeriod.run(db, { authorId: options.author.id, kind: draft.content.kind, periodStart: draft.periodStart });
  if (existing && existing.author.id !== options.author.id) throw new DiaryLockedError('notAuthor');
  const events = existing ? await reviewEventsOfEntry.run(db, { entryId: existing.id }) : [];
  const state = existing ? reviewSummaryOf(existing, events).state : 'draft';
  if (!authorMayEdit(state)) throw new DiaryLockedError('reviewed');

  const revisions: Revision[] = [...(existing?.revisions ?? [])];
  const changes = existing ? changedFields({ content: existing.content, extra: existing.extra ?? {} }, { content: draft.content, extra: draft.extra ?? {} }) : [];
  const submitAs = options.submit ? submitActionFor(state) : undefined;
  const by = { id: options.author.id, name: options.author.name };
  if (submitAs) revisions.push({ at: now, by, action: submitAs, changes: submitAs === 'submitted' ? [] : changes });
  else if (state !== 'draft' && changes.length > 0) revisions.push({ at: now, by, action: 'edited', changes });

  let deadline = existing?.deadline;
  if (submitAs === 'submitted') {
    const profile = await readSetting(db, 'profile');
    const { rules } = deadlineRulesFrom(await readDeadlineOverrides(db));
    const period = periodOf(draft.content.kind, draft.periodStart);
    const reason = options.reason ?? (draft.content.kind === 'weekly' ? draft.content.lateReason : undefined);
    // The template the entry is written with may name another deadline (e.g. a terminal daily report's 16:00).
    const template = (draft.templateId && draft.templateVersion ? await templateVersionOf(db, draft.templateId, draft.templateVersion) : undefined) ?? builtInTemplate(draft.content.kind);
    deadline = evaluateSubmission({
      rule: rules[deadlineSubjectOf(template, options.role ?? profile.role)],
      period: { start: period.start, end: period.end },
      submittedAt: now,
      timeZone: options.timeZone ?? profile.timeZone ?? deviceTimeZone(),
      reason,
    });
  }

  const submitted = state !== 'draft' || Boolean(submitAs);
  return saveRecord(
    db,
    'diaryEntries',
    {
      ...draft,
      id: existing?.id ?? draft.id,
      isoWeek: isoWeekOf(draft.periodStart),
      month: monthOf(draft.periodStart),
      status: submitted ? (existing?.status === 'reviewed' ? 'reviewed' : 'submitted') : 'draft',
      submittedAt: submitAs === 'submitted' ? now : (existing?.submittedAt ?? draft.submittedAt),
      ...(deadline ? { deadline } : {}),
      ...(revisions.length > 0 ? { revisions } : {}),
    },
    { author: options.author, now: options.now },
  ) as Promise<DiaryEntry>;
}

/**
 * A review action on someone's entry (or the author's reply to an annotation), checked against
 * the entry's state and saved as the actor's own review event. Returns the event.
 */
export async function takeReviewAction(db: FieldkitDatabase, entryId: string, request: ReviewRequest, by: Author, now: Date = new Date()): Promise<ReviewEvent> {
  const entry = await db.diaryEntries.get(entryId);
  if (!entry || entry.deletedAt) throw new Error(`no diary entry ${entryId}`);
  const events = await reviewEventsOfEntry.run(db, { entryId });
  const event = reviewEventFor(entry, reviewSummaryOf(entry, events), by, request, now.toISOString());
  return (await saveRecord(db, 'reviewEvents', event, { author: by, now })) as ReviewEvent;
}

/** The read receipt (已读) of a reader who opens a submitted entry: written once per reader. */
export async function markRead(db: FieldkitDatabase, entryId: string, by: Author, now: Date = new Date()): Promise<ReviewEvent | undefined> {
  const entry = await db.diaryEntries.get(entryId);
  if (!entry || entry.deletedAt || entry.author.id === by.id) return undefined;
  const events = await reviewEventsOfEntry.run(db, { entryId });
  const summary = reviewSummaryOf(entry, events);
  if (summary.state === 'draft' || summary.readBy.some((r) => r.id === by.id)) return undefined;
  return takeReviewAction(db, entryId, { action: 'read' }, by, now);
}
