/**
 * The named query behind a rep's report history (components/reports/ReportHistory.tsx): listed
 * in lib/queries.ts so the convention test proves the index it reads.
 */
import { Dexie } from 'dexie';
import { defineQuery, isLive } from '../store/query';
import type { DiaryEntry, DiaryKind } from './diary-schema';

/**
 * How many of an author's reports of one kind the history reads, newest first. Search and the
 * dealer filter work in memory over this set, so it is bounded: 520 is ten years of weekly
 * reports (52 a year), more than forty years of monthly ones and about two years of working-day
 * dailies — as far back as anyone searches a report from the side panel — while a read of 520
 * entries stays well under the time a keystroke can wait on. Older reports still exist; the
 * history says when it searched only the latest ones.
 */
export const HISTORY_LIMIT = 520;

/**
 * One author's live entries of a kind that start before `before` (the current period, which the
 * editor shows), newest first, at most `HISTORY_LIMIT`.
 */
export const historyOfAuthor = defineQuery({
  name: 'reports.historyOfAuthor',
  table: 'diaryEntries',
  index: '[author.id+content.kind+periodStart]',
  example: { authorId: 'rep-1', kind: 'weekly' as DiaryKind, before: '2026-11-30' },
  run: async (db, { authorId, kind, before }: { authorId: string; kind: DiaryKind; before: string }): Promise<DiaryEntry[]> =>
    db.diaryEntries
      .where('[author.id+content.kind+periodStart]')
      .between([authorId, kind, Dexie.minKey], [authorId, kind, before], true, false)
      .reverse()
      .filter(isLive)
      .limit(HISTORY_LIMIT)
      .toArray(),
});

export const historyQueries = [historyOfAuthor];
