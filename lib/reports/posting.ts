/**
 * Where a report stands with the CRM. A report is posted as ONE note (lib/reports/kind.ts renders
 * it), associated to every dealer it covers (`dealerIdsNamedIn`); the note is found again by the
 * record's id, so posting again — a later edit, a retry after a lost response — updates that note
 * and never adds a second (docs/reports.md › Posting to HubSpot).
 */
import type { FieldkitDatabase } from '../store/database';
import { dealerIdsNamedIn, type DiaryEntry } from './diary-schema';

export type PostingState =
  | { state: 'posted'; at: string; dealers: number }
  | { state: 'pending'; dealers: number }
  | { state: 'needsAttention'; dealers: number };

/** The entry's posting state from its CRM link and its outbox entry (one per record). */
export async function postingStateOf(db: FieldkitDatabase, entry: Pick<DiaryEntry, 'id' | 'crm' | 'content' | 'snapshot'>): Promise<PostingState> {
  const dealers = dealerIdsNamedIn(entry).length;
  const queued = await db.outbox.where('[table+recordId]').equals(['diaryEntries', entry.id]).first();
  if (queued?.status === 'needsAttention') return { state: 'needsAttention', dealers };
  if (queued && queued.status !== 'done') return { state: 'pending', dealers };
  if (entry.crm) return { state: 'posted', at: entry.crm.syncedAt, dealers };
  return { state: 'pending', dealers };
}
