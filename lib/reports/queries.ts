import { Dexie } from 'dexie';
import { defineQuery, isLive } from '../store/query';
import type { DiaryEntry, DiaryKind } from './diary-schema';
import type { Report, Template } from './schema';
import type { ReviewEvent } from './review-schema';
import { parseTemplate } from './template-upgrade';

/** The author's entry of a kind for the period starting `periodStart`, if written. */
export const entryOfPeriod = defineQuery({
  name: 'reports.entryOfPeriod',
  table: 'diaryEntries',
  index: '[author.id+content.kind+periodStart]',
  example: { authorId: 'rep-1', kind: 'daily' as DiaryKind, periodStart: '2026-11-30' },
  run: async (db, { authorId, kind, periodStart }: { authorId: string; kind: DiaryKind; periodStart: string }): Promise<DiaryEntry | undefined> =>
    db.diaryEntries.where('[author.id+content.kind+periodStart]').equals([authorId, kind, periodStart]).filter(isLive).first(),
});

/** The author's entries of a kind that start before `before`, newest first (history, "last time"). */
export const entriesOfKindBefore = defineQuery({
  name: 'reports.entriesOfKindBefore',
  table: 'diaryEntries',
  index: '[author.id+content.kind+periodStart]',
  example: { authorId: 'rep-1', kind: 'weekly' as DiaryKind, before: '2026-11-30', limit: 10 },
  run: async (db, { authorId, kind, before, limit }: { authorId: string; kind: DiaryKind; before: string; limit: number }): Promise<DiaryEntry[]> =>
    db.diaryEntries
      .where('[author.id+content.kind+periodStart]')
      .between([authorId, kind, Dexie.minKey], [authorId, kind, before], true, false)
      .reverse()
      .filter(isLive)
      .limit(limit)
      .toArray(),
});

/** Every entry the author wrote in an ISO week (the week's dailies for the weekly report). */
export const entriesOfAuthorInWeek = defineQuery({
  name: 'reports.entriesOfAuthorInWeek',
  table: 'diaryEntries',
  index: '[author.id+isoWeek]',
  example: { authorId: 'rep-1', isoWeek: '2026-W49' },
  run: async (db, { authorId, isoWeek }: { authorId: string; isoWeek: string }): Promise<DiaryEntry[]> =>
    db.diaryEntries.where('[author.id+isoWeek]').equals([authorId, isoWeek]).filter(isLive).toArray(),
});

/** The author's generated reports of a kind, newest first. */
export const generatedReportsOfAuthor = defineQuery({
  name: 'reports.generatedOfAuthor',
  table: 'reports',
  index: '[author.id+kind+generatedAt]',
  example: { authorId: 'rep-1', kind: 'weekly' as Report['kind'], limit: 10 },
  run: async (db, { authorId, kind, limit }: { authorId: string; kind: Report['kind']; limit: number }): Promise<Report[]> =>
    db.reports
      .where('[author.id+kind+generatedAt]')
      .between([authorId, kind, Dexie.minKey], [authorId, kind, Dexie.maxKey])
      .reverse()
      .filter(isLive)
      .limit(limit)
      .toArray(),
});

/**
 * Every stored version of every template of a report kind (admin copies of the built-ins, their
 * activation marks with them), oldest version first; version-1 rows come back upgraded.
 */
export const templatesOfKind = defineQuery({
  name: 'reports.templatesOfKind',
  table: 'templates',
  index: 'kind',
  example: { kind: 'weekly' as Template['kind'] },
  run: async (db, { kind }: { kind: Template['kind'] }): Promise<Template[]> =>
    (await db.templates.where('kind').equals(kind).filter(isLive).toArray())
      .map((row: unknown) => parseTemplate(row))
      .filter((template): template is Template => template !== undefined)
      .sort((a, b) => a.version - b.version || a.createdAt.localeCompare(b.createdAt)),
});

/**
 * Everyone's entries of a kind for the period starting `periodStart`: the team inbox reads these
 * and keeps its team's authors (a period has at most one entry per author).
 */
export const entriesOfPeriod = defineQuery({
  name: 'reports.entriesOfPeriod',
  table: 'diaryEntries',
  index: '[content.kind+periodStart]',
  example: { kind: 'weekly' as DiaryKind, periodStart: '2026-11-30' },
  run: async (db, { kind, periodStart }: { kind: DiaryKind; periodStart: string }): Promise<DiaryEntry[]> =>
    (await db.diaryEntries.where('[content.kind+periodStart]').equals([kind, periodStart]).toArray()).filter(isLive),
});

/** The review events of one entry, oldest first: its annotations, replies, receipts and marks. */
export const reviewEventsOfEntry = defineQuery({
  name: 'reports.reviewEventsOfEntry',
  table: 'reviewEvents',
  index: '[entryId+at]',
  example: { entryId: '01JC0000000000000000000001' },
  run: async (db, { entryId }: { entryId: string }): Promise<ReviewEvent[]> =>
    (await db.reviewEvents.where('[entryId+at]').between([entryId, Dexie.minKey], [entryId, Dexie.maxKey]).toArray()).filter(isLive),
});

/** Review events on an author's entries since `since`, oldest first (what a rep's manager did lately). */
export const reviewEventsForAuthorSince = defineQuery({
  name: 'reports.reviewEventsForAuthorSince',
  table: 'reviewEvents',
  index: '[entryAuthorId+at]',
  example: { authorId: 'rep-1', since: '2026-11-01T00:00:00.000Z' },
  run: async (db, { authorId, since }: { authorId: string; since: string }): Promise<ReviewEvent[]> =>
    (await db.reviewEvents.where('[entryAuthorId+at]').between([authorId, since], [authorId, Dexie.maxKey]).toArray()).filter(isLive),
});


/** The author's entries of a kind whose period starts between two days, inclusive (a week's dailies, a month's weeklies). */
export const entriesOfKindBetween = defineQuery({
  name: 'reports.entriesOfKindBetween',
  table: 'diaryEntries',
  index: '[author.id+content.kind+periodStart]',
  example: { authorId: 'rep-1', kind: 'daily' as DiaryKind, from: '2026-11-23', to: '2026-11-29' },
  run: async (db, { authorId, kind, from, to }: { authorId: string; kind: DiaryKind; from: string; to: string }): Promise<DiaryEntry[]> =>
    db.diaryEntries.where('[author.id+content.kind+periodStart]').between([authorId, kind, from], [authorId, kind, to], true, true).filter(isLive).toArray(),
});

export const reportQueries = [entriesOfKindBetween, entryOfPeriod, entriesOfKindBefore, entriesOfAuthorInWeek, entriesOfPeriod, generatedReportsOfAuthor, templatesOfKind, reviewEventsOfEntry, reviewEventsForAuthorSince];
