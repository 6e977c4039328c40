import type { FieldkitDatabase } from '../../lib/db/database';
import { saveRecord, type RecordDraft } from '../../lib/db/records';
import type { Author } from '../../lib/schema/common';
import { isoWeekOf, monthOf } from '../../lib/dates';

/** The host fills in what the editor cannot know: week, month, status and submit time. */
export async function saveDiary(db: FieldkitDatabase, draft: RecordDraft<'diaryEntries'>, options: { submit: boolean; author: Author }) {
  await saveRecord(
    db,
    'diaryEntries',
    {
      ...draft,
      isoWeek: isoWeekOf(draft.periodStart),
      month: monthOf(draft.periodStart),
      status: options.submit ? 'submitted' : (draft.status ?? 'draft'),
      submittedAt: options.submit ? new Date().toISOString() : draft.submittedAt,
    },
    { author: options.author },
  );
}
