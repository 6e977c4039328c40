/**
 * The review of a diary entry (批注): draft → submitted → (returned → resubmitted)* → reviewed.
 *
 * The state is never stored as such. It is worked out from two kinds of records, each written by
 * its own author: the entry's submissions (revisions the rep's device writes on the entry) and
 * the review events (the manager's read receipts, annotations, returns and review marks, and the
 * rep's replies). So a manager never writes a rep's record, two devices never edit the same row,
 * and the whole trail syncs through the CRM like any other record.
 */
import type { Author } from '../kernel/record';
import type { DiaryEntry, FieldChange, Revision } from './diary-schema';
import type { ReviewAction, ReviewEvent } from './review-schema';

export type ReviewState = 'draft' | 'submitted' | 'returned' | 'resubmitted' | 'reviewed';

export interface AnnotationThread {
  annotation: ReviewEvent;
  replies: ReviewEvent[];
}

export interface ReviewSummary {
  state: ReviewState;
  /** Every submission, oldest first (the first one is what the deadline judged). */
  submissions: { at: string; action: 'submitted' | 'resubmitted' }[];
  lastSubmittedAt?: string;
  /** The return in force (after the last submission), with its reason. */
  returned?: ReviewEvent;
  /** The review mark in force. */
  reviewed?: ReviewEvent;
  /** Who has read it, first read each (已读). */
  readBy: { id: string; name: string; at: string }[];
  /** Annotations with the rep's replies, oldest first. */
  threads: AnnotationThread[];
}

/** The entry's submissions: its revision log, or for entries submitted before revisions existed, `submittedAt`. */
function submissionsOf(entry: DiaryEntry): ReviewSummary['submissions'] {
  const logged = (entry.revisions ?? []).filter((r): r is Revision & { action: 'submitted' | 'resubmitted' } => r.action !== 'edited').map((r) => ({ at: r.at, action: r.action }));
  if (logged.length > 0) return logged;
  // An entry submitted before revisions existed: its submit time, else its last save.
  return entry.status !== 'draft' ? [{ at: entry.submittedAt ?? entry.updatedAt, action: 'submitted' }] : [];
}

const byTime = (a: { at: string; id?: string }, b: { at: string; id?: string }) => a.at.localeCompare(b.at) || (a.id ?? '').localeCompare(b.id ?? '');

export function reviewSummaryOf(entry: DiaryEntry, events: readonly ReviewEvent[]): ReviewSummary {
  const own = events.filter((e) => e.entryId === entry.id && !e.deletedAt).sort(byTime);
  const submissions = submissionsOf(entry);
  const lastSubmittedAt = submissions.at(-1)?.at;
  const readBy = new Map<string, { id: string; name: string; at: string }>();
  for (const event of own) if (event.action === 'read' && !readBy.has(event.author.id)) readBy.set(event.author.id, { id: event.author.id, name: event.author.name, at: event.at });
  const threads: AnnotationThread[] = own.filter((e) => e.action === 'annotate').map((annotation) => ({ annotation, replies: own.filter((e) => e.action === 'reply' && e.replyTo === annotation.id) }));
  const summary: ReviewSummary = { state: 'draft', submissions, lastSubmittedAt, readBy: [...readBy.values()], threads };
  if (!lastSubmittedAt) return summary;
  // Only a mark made after the last submission is in force: a resubmission reopens the review.
  const since = own.filter((e) => e.at >= lastSubmittedAt);
  const reviewed = since.filter((e) => e.action === 'review').at(-1);
  const returned = since.filter((e) => e.action === 'return').at(-1);
  if (reviewed && (!returned || reviewed.at >= returned.at)) return { ...summary, state: 'reviewed', reviewed };
  if (returned) return { ...summary, state: 'returned', returned };
  if (entry.status === 'reviewed') return { ...summary, state: 'reviewed' };
  return { ...summary, state: submissions.at(-1)?.action === 'resubmitted' ? 'resubmitted' : 'submitted' };
}

/** What the manager may do in each state; `reply` is the rep's. */
const ALLOWED: Record<ReviewAction, readonly ReviewState[]> = {
  read: ['submitted', 'resubmitted', 'returned', 'reviewed'],
  annotate: ['submitted', 'resubmitted', 'returned'],
  reply: ['submitted', 'resubmitted', 'returned', 'reviewed'],
  return: ['submitted', 'resubmitted'],
  review: ['submitted', 'resubmitted'],
};

export type ReviewRefusal = 'notSubmitted' | 'wrongState' | 'ownEntry' | 'notAuthor' | 'reasonRequired' | 'textRequired' | 'unknownAnnotation';

export class ReviewError extends Error {
  constructor(readonly reason: ReviewRefusal) {
    super(`review refused: ${reason}`);
    this.name = 'ReviewError';
  }
}

export function canTakeAction(action: ReviewAction, state: ReviewState): boolean {
  return ALLOWED[action].includes(state);
}

export interface ReviewRequest {
  action: ReviewAction;
  path?: string;
  quote?: string;
  text?: string;
  replyTo?: string;
}

/**
 * The review event a person's action makes, or a refusal: a manager cannot review their own
 * entry, only the author replies to annotations, a return needs a reason and an annotation a text.
 */
export function reviewEventFor(entry: DiaryEntry, summary: ReviewSummary, by: Author, request: ReviewRequest, at: string): Omit<ReviewEvent, 'id' | 'createdAt' | 'updatedAt' | 'author' | 'schemaVersion'> {
  const { action } = request;
  if (summary.state === 'draft') throw new ReviewError('notSubmitted');
  if (action === 'reply') {
    if (by.id !== entry.author.id) throw new ReviewError('notAuthor');
    if (!summary.threads.some((t) => t.annotation.id === request.replyTo)) throw new ReviewError('unknownAnnotation');
  } else if (by.id === entry.author.id) {
    throw new ReviewError('ownEntry');
  }
  if (!canTakeAction(action, summary.state)) throw new ReviewError('wrongState');
  const text = request.text?.trim();
  if (action === 'return' && !text) throw new ReviewError('reasonRequired');
  if ((action === 'annotate' || action === 'reply') && !text) throw new ReviewError('textRequired');
  return {
    entryId: entry.id,
    entryAuthorId: entry.author.id,
    entryKind: entry.content.kind,
    entryPeriodStart: entry.periodStart,
    action,
    at,
    ...(request.path ? { path: request.path } : {}),
    ...(request.quote?.trim() ? { quote: request.quote.trim().slice(0, 500) } : {}),
    ...(text ? { text } : {}),
    ...(action === 'reply' && request.replyTo ? { replyTo: request.replyTo } : {}),
  };
}

/** The rep may change their entry unless a manager has marked it reviewed. */
export function authorMayEdit(state: ReviewState): boolean {
  return state !== 'reviewed';
}

/** What the author's submit button does now: a first submission, or a resubmission after a return. */
export function submitActionFor(state: ReviewState): 'submitted' | 'resubmitted' | undefined {
  if (state === 'draft') return 'submitted';
  if (state === 'returned') return 'resubmitted';
  return undefined;
}

/**
 * The fields that differ between two versions of an entry's content (and custom fields), as
 * dotted paths to the leaves: `lastWeekSummary.0.completion`. Arrays compare by position.
 */
export function changedFields(before: unknown, after: unknown, path = '', out: FieldChange[] = []): FieldChange[] {
  if (out.length >= 200) return out;
  if (Object.is(before, after)) return out;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) changedFields(before[i], after[i], path ? `${path}.${i}` : String(i), out);
    return out;
  }
  if (isObject(before) && isObject(after) && !Array.isArray(before) && !Array.isArray(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) changedFields(before[key], after[key], path ? `${path}.${key}` : key, out);
    return out;
  }
  if (before === undefined && after === undefined) return out;
  out.push({ path, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) });
  return out;
}

/** One step of the audit trail a manager reads: the rep's revisions and everyone's review events, in time order. */
export type AuditStep = { at: string; by: { id: string; name: string } } & ({ type: 'revision'; revision: Revision } | { type: 'event'; event: ReviewEvent });

export function auditTrailOf(entry: DiaryEntry, events: readonly ReviewEvent[]): AuditStep[] {
  const revisions: AuditStep[] = (entry.revisions ?? []).map((revision) => ({ at: revision.at, by: revision.by, type: 'revision', revision }));
  const legacy: AuditStep[] =
    (entry.revisions ?? []).length === 0 && entry.status !== 'draft'
      ? [{ at: entry.submittedAt ?? entry.updatedAt, by: entry.author, type: 'revision', revision: { at: entry.submittedAt ?? entry.updatedAt, by: entry.author, action: 'submitted', changes: [] } }]
      : [];
  const reviewSteps: AuditStep[] = events.filter((e) => e.entryId === entry.id && !e.deletedAt).map((event) => ({ at: event.at, by: event.author, type: 'event', event }));
  return [...legacy, ...revisions, ...reviewSteps].sort((a, b) => a.at.localeCompare(b.at));
}
