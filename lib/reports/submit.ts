import type { FieldkitDatabase } from '../store/database';
import { saveRecord, type RecordDraft } from '../store/records';
import type { Author } from '../kernel/record';
import { isoWeekOf, monthOf } from '../kernel/dates';

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
