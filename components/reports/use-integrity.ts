import { useLiveQuery } from 'dexie-react-hooks';
import type { DiaryEntry } from '../../lib/reports/diary-schema';
import { loadIntegritySignals, type IntegritySignal } from '../../lib/reports/integrity';
import { useDatabase } from '../shell/database-context';

/**
 * The integrity signals of a submitted entry, live (they follow edits and newly pulled entries),
 * judged in the author's time zone. Nothing for a draft or no entry.
 */
export function useIntegritySignals(entry: DiaryEntry | undefined, timeZone: string): IntegritySignal[] | undefined {
  const db = useDatabase();
  return useLiveQuery(async () => (entry && entry.status !== 'draft' ? loadIntegritySignals(db, entry, { timeZone, now: new Date().toISOString() }) : []), [db, entry, timeZone]);
}
