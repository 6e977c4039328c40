import { z } from '../kernel/zod';
import { Day, Id, Instant, recordBase } from '../kernel/record';
import { DiaryContent } from './diary-schema';

const DiaryKindName = z.enum(DiaryContent.options.map((o) => o.shape.kind.value) as ['daily', 'weekly', 'monthly', 'inspection']);

/**
 * One review action on a diary entry (批注), a record of its own so that a record always belongs to
 * its author: the manager's read receipt, annotation, return for revision or "reviewed" mark, and
 * the rep's answer to an annotation. The entry's review state is worked out from its submissions
 * and these events (lib/reports/review.ts); the entry itself is never written by the manager.
 */
export const ReviewEvent = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  entryId: Id,
  /** Whose entry: the rep's owner id (their inbox of annotations and read receipts). */
  entryAuthorId: z.string().min(1),
  entryKind: DiaryKindName,
  entryPeriodStart: Day,
  action: z.enum(['read', 'annotate', 'reply', 'return', 'review']),
  at: Instant,
  /** Which field or line an annotation is about, e.g. "lastWeekSummary.0"; absent: the whole entry. */
  path: z.string().max(200).optional(),
  /** The annotated line's text when it was annotated, so the note still reads if the line changes. */
  quote: z.string().max(500).optional(),
  /** The annotation, the reply, or the reason for returning. */
  text: z.string().max(2000).optional(),
  /** A reply's annotation. */
  replyTo: Id.optional(),
});
export type ReviewEvent = z.infer<typeof ReviewEvent>;
export type ReviewAction = ReviewEvent['action'];
