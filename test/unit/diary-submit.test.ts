/**
 * Saving and submitting diary entries (lib/reports/submit.ts): the deadline outcome recorded at the
 * first submission in the author's zone, every later change kept as a revision, resubmission after
 * a return, and the locks (someone else's entry, a reviewed one); review actions as the actor's own
 * records, through the outbox like any record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FieldkitDatabase } from '../../lib/store/database';
import type { RecordDraft } from '../../lib/store/records';
import { writeSetting } from '../../lib/store/settings';
import { DiaryLockedError, markRead, saveDiary, takeReviewAction } from '../../lib/reports/submit';
import { reviewSummaryOf } from '../../lib/reports/review';
import { reviewEventsOfEntry } from '../../lib/reports/queries';
import { freshDatabase, REP } from '../fixtures/records';
import { diaryEntryKind } from '../../lib/reports/kind';

const MANAGER = { id: 'owner-201', name: '王经理' };
let db: FieldkitDatabase;
afterEach(async () => db?.delete());

function weekly(priority = '拜访 5 家终端', lateReason?: string): RecordDraft<'diaryEntries'> {
  return {
    periodStart: '2026-11-23',
    isoWeek: '2026-W48',
    status: 'draft',
    content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [{ priority, support: '' }], keyAccountVisits: [], gradeChanges: [], ...(lateReason ? { lateReason } : {}) },
    annotations: [],
  };
}

async function setUp() {
  db = freshDatabase(`submit-${Math.random()}`);
  await writeSetting(db, 'profile', { ...REP, role: 'rep', timeZone: 'Asia/Shanghai' });
}

const at = (iso: string) => new Date(iso);

describe('submitting a diary entry', () => {
  it('records the deadline outcome in the author’s time zone at the first submission', async () => {
    await setUp();
    // Friday 27 Nov 2026 17:59:59 in Shanghai is 09:59:59 UTC: on time.
    const onTime = await saveDiary(db, weekly(), { submit: true, author: REP, now: at('2026-11-27T09:59:59.000Z') });
    expect(onTime.deadline).toMatchObject({ outcome: 'onTime', dueAt: '2026-11-27T10:00:00Z', timeZone: 'Asia/Shanghai' });
    expect(onTime.revisions).toEqual([{ at: '2026-11-27T09:59:59.000Z', by: REP, action: 'submitted', changes: [] }]);
    expect(onTime.status).toBe('submitted');
  });

  it('on Monday morning with a reason is on time with the reason; without one it is late; after 09:00 it is late', async () => {
    await setUp();
    const monday = at('2026-11-30T00:30:00.000Z'); // 08:30 in Shanghai
    expect((await saveDiary(db, weekly('a', '周五在外地开会'), { submit: true, author: REP, now: monday })).deadline).toMatchObject({ outcome: 'onTimeWithReason', reason: '周五在外地开会' });

    await setUp();
    expect((await saveDiary(db, weekly('a'), { submit: true, author: REP, now: monday })).deadline?.outcome).toBe('late');

    await setUp();
    expect((await saveDiary(db, weekly('a', '原因'), { submit: true, author: REP, now: at('2026-11-30T01:00:01.000Z') })).deadline?.outcome).toBe('late');
  });

  it('uses the zone it is given (a rep in Berlin): Friday 18:00 there is 17:00 UTC', async () => {
    await setUp();
    const entry = await saveDiary(db, weekly(), { submit: true, author: REP, timeZone: 'Europe/Berlin', now: at('2026-11-27T16:30:00.000Z') });
    expect(entry.deadline).toMatchObject({ outcome: 'onTime', dueAt: '2026-11-27T17:00:00Z', timeZone: 'Europe/Berlin' });
  });

  it('a draft save records nothing; an edit after submission is a revision naming each change; the outcome stays the first one', async () => {
    await setUp();
    const draft = await saveDiary(db, weekly('first'), { submit: false, author: REP, now: at('2026-11-26T08:00:00.000Z') });
    expect(draft.revisions).toBeUndefined();
    expect(draft.deadline).toBeUndefined();
    const submitted = await saveDiary(db, { ...weekly('first'), id: draft.id }, { submit: true, author: REP, now: at('2026-11-27T08:00:00.000Z') });
    const edited = await saveDiary(db, { ...weekly('second'), id: draft.id }, { submit: false, author: REP, now: at('2026-11-30T08:00:00.000Z') });
    expect(edited.revisions?.map((r) => r.action)).toEqual(['submitted', 'edited']);
    expect(edited.revisions?.[1]?.changes).toEqual([{ path: 'content.nextWeekPlan.0.priority', before: 'first', after: 'second' }]);
    expect(edited.deadline).toEqual(submitted.deadline);
    // Saving without a change adds nothing.
    const same = await saveDiary(db, { ...weekly('second'), id: draft.id }, { submit: false, author: REP, now: at('2026-11-30T09:00:00.000Z') });
    expect(same.revisions).toHaveLength(2);
  });

  it('resubmits after a return, and is locked once reviewed; someone else’s entry is never saved', async () => {
    await setUp();
    const entry = await saveDiary(db, weekly('first'), { submit: true, author: REP, now: at('2026-11-27T08:00:00.000Z') });
    await markRead(db, entry.id, MANAGER, at('2026-11-27T09:00:00.000Z'));
    await markRead(db, entry.id, MANAGER, at('2026-11-27T09:05:00.000Z'));
    await takeReviewAction(db, entry.id, { action: 'annotate', path: 'nextWeekPlan.0', quote: 'first', text: '写明哪 5 家' }, MANAGER, at('2026-11-27T09:10:00.000Z'));
    await takeReviewAction(db, entry.id, { action: 'return', text: '请补充终端名单' }, MANAGER, at('2026-11-27T09:11:00.000Z'));
    expect(reviewSummaryOf((await db.diaryEntries.get(entry.id))!, await reviewEventsOfEntry.run(db, { entryId: entry.id })).state).toBe('returned');

    await expect(saveDiary(db, { ...weekly('x'), id: entry.id }, { submit: false, author: MANAGER })).rejects.toEqual(new DiaryLockedError('notAuthor'));

    const resubmitted = await saveDiary(db, { ...weekly('华联、永盛等 5 家'), id: entry.id }, { submit: true, author: REP, now: at('2026-11-27T10:00:00.000Z') });
    expect(resubmitted.revisions?.map((r) => r.action)).toEqual(['submitted', 'resubmitted']);
    expect(resubmitted.revisions?.[1]?.changes).toEqual([{ path: 'content.nextWeekPlan.0.priority', before: 'first', after: '华联、永盛等 5 家' }]);

    await takeReviewAction(db, entry.id, { action: 'review' }, MANAGER, at('2026-11-27T11:00:00.000Z'));
    await expect(saveDiary(db, { ...weekly('late edit'), id: entry.id }, { submit: false, author: REP })).rejects.toEqual(new DiaryLockedError('reviewed'));

    const events = await reviewEventsOfEntry.run(db, { entryId: entry.id });
    // One read receipt, however often it is opened; every event authored by who took it; each queued for the CRM.
    expect(events.map((e) => e.action)).toEqual(['read', 'annotate', 'return', 'review']);
    expect(events.every((e) => e.author.id === MANAGER.id && e.entryAuthorId === REP.id)).toBe(true);
    const queued = await db.outbox.where('[table+recordId]').anyOf(events.map((e) => ['reviewEvents', e.id])).count();
    expect(queued).toBe(4);
  });

  it('the author reads their own entry without leaving a receipt, and a draft gets none', async () => {
    await setUp();
    const draft = await saveDiary(db, weekly(), { submit: false, author: REP });
    expect(await markRead(db, draft.id, MANAGER)).toBeUndefined();
    await saveDiary(db, { ...weekly(), id: draft.id }, { submit: true, author: REP });
    expect(await markRead(db, draft.id, REP)).toBeUndefined();
    expect(await reviewEventsOfEntry.run(db, { entryId: draft.id })).toEqual([]);
  });

  it('the CRM note says how the submission met its deadline and how often it changed after', async () => {
    await setUp();
    const first = await saveDiary(db, weekly('a', '周五在外地开会'), { submit: true, author: REP, now: at('2026-11-30T00:30:00.000Z') });
    const edited = await saveDiary(db, { ...weekly('b', '周五在外地开会'), id: first.id }, { submit: false, author: REP, now: at('2026-11-30T02:00:00.000Z') });
    const render = (locale: 'zh-CN' | 'en') => {
      if (diaryEntryKind.crm?.home !== 'activity') throw new Error('diary entries are activities');
      return diaryEntryKind.crm.render(edited, { locale, dealerName: () => undefined }).lines.map((l) => `${l.label[locale]}: ${l.value}`);
    };
    expect(render('zh-CN')).toEqual(expect.arrayContaining(['提交: 说明原因后按时（原因：周五在外地开会）', '提交后修改: 1 次']));
    expect(render('en')).toEqual(expect.arrayContaining(['Submitted: on time, with a reason (reason: 周五在外地开会)', 'Changed after submitting: 1 time']));
    expect(render('en').some((l) => l.startsWith('Reason for late submission'))).toBe(false);
  });
});
