import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DiaryEntry } from '../../lib/reports/diary-schema';
import type { ReviewEvent } from '../../lib/reports/review-schema';
import { auditTrailOf, authorMayEdit, canTakeAction, changedFields, ReviewError, reviewEventFor, reviewSummaryOf, submitActionFor, type ReviewRequest, type ReviewState } from '../../lib/reports/review';

const REP = { id: 'owner-101', name: '张伟' };
const MANAGER = { id: 'owner-201', name: '王经理' };
const ENTRY_ID = '01JCZ00000000000000000000E';

function weekly(overrides: Partial<DiaryEntry> = {}): DiaryEntry {
  return {
    id: ENTRY_ID,
    schemaVersion: 1,
    author: REP,
    createdAt: '2026-11-27T08:00:00.000Z',
    updatedAt: '2026-11-27T08:00:00.000Z',
    periodStart: '2026-11-23',
    isoWeek: '2026-W48',
    month: '2026-11',
    status: 'draft',
    content: { kind: 'weekly', lastWeekSummary: [{ item: '拜访华东汽配', completion: 80, problem: '' }], nextWeekPlan: [], keyAccountVisits: [], gradeChanges: [] },
    annotations: [],
    ...overrides,
  };
}

let seq = 0;
function event(action: ReviewEvent['action'], at: string, extra: Partial<ReviewEvent> = {}): ReviewEvent {
  seq += 1;
  return {
    id: `01JCZ0000000000000000000${String(seq).padStart(2, '0')}`.slice(0, 26),
    schemaVersion: 1,
    author: action === 'reply' ? REP : MANAGER,
    createdAt: at,
    updatedAt: at,
    entryId: ENTRY_ID,
    entryAuthorId: REP.id,
    entryKind: 'weekly',
    entryPeriodStart: '2026-11-23',
    action,
    at,
    ...extra,
  };
}

const submitted = (at: string, action: 'submitted' | 'resubmitted' = 'submitted') => ({ at, by: REP, action, changes: [] });

describe('the review state machine', () => {
  it('is a draft until submitted', () => {
    expect(reviewSummaryOf(weekly(), []).state).toBe('draft');
  });

  it('walks draft → submitted → returned → resubmitted → reviewed, each step from the records', () => {
    let entry = weekly({ status: 'submitted', revisions: [submitted('2026-11-27T09:00:00.000Z')] });
    const events: ReviewEvent[] = [event('read', '2026-11-27T10:00:00.000Z')];
    expect(reviewSummaryOf(entry, events).state).toBe('submitted');

    events.push(event('return', '2026-11-27T10:05:00.000Z', { text: '第 1 条请写明数量' }));
    const returned = reviewSummaryOf(entry, events);
    expect(returned.state).toBe('returned');
    expect(returned.returned?.text).toBe('第 1 条请写明数量');

    entry = { ...entry, revisions: [...entry.revisions!, submitted('2026-11-27T11:00:00.000Z', 'resubmitted')] };
    expect(reviewSummaryOf(entry, events).state).toBe('resubmitted');

    events.push(event('review', '2026-11-27T12:00:00.000Z'));
    const done = reviewSummaryOf(entry, events);
    expect(done.state).toBe('reviewed');
    expect(done.reviewed?.author).toEqual(MANAGER);
    expect(done.submissions.map((s) => s.action)).toEqual(['submitted', 'resubmitted']);
  });

  it('a return made before the last submission is no longer in force', () => {
    const entry = weekly({ status: 'submitted', revisions: [submitted('2026-11-27T09:00:00.000Z'), submitted('2026-11-28T09:00:00.000Z', 'resubmitted')] });
    const events = [event('return', '2026-11-27T10:00:00.000Z', { text: 'x' })];
    expect(reviewSummaryOf(entry, events).state).toBe('resubmitted');
  });

  it('reads entries submitted before revisions existed by their submittedAt, and the legacy reviewed status', () => {
    const legacy = weekly({ status: 'submitted', submittedAt: '2026-11-27T09:00:00.000Z' });
    expect(reviewSummaryOf(legacy, []).state).toBe('submitted');
    expect(reviewSummaryOf({ ...legacy, status: 'reviewed' }, []).state).toBe('reviewed');
    expect(auditTrailOf(legacy, []).map((s) => s.type)).toEqual(['revision']);
  });

  it('ignores events of other entries and tombstoned events', () => {
    const entry = weekly({ status: 'submitted', revisions: [submitted('2026-11-27T09:00:00.000Z')] });
    const events = [event('return', '2026-11-27T10:00:00.000Z', { text: 'x', entryId: '01JCZ00000000000000000000X' }), event('review', '2026-11-27T10:00:00.000Z', { deletedAt: '2026-11-27T10:01:00.000Z' })];
    expect(reviewSummaryOf(entry, events).state).toBe('submitted');
  });

  it('keeps read receipts once per reader (first read) and threads replies under their annotation', () => {
    const entry = weekly({ status: 'submitted', revisions: [submitted('2026-11-27T09:00:00.000Z')] });
    const note = event('annotate', '2026-11-27T10:00:00.000Z', { path: 'lastWeekSummary.0', quote: '拜访华东汽配', text: '完成度 80% 的依据？' });
    const events = [event('read', '2026-11-27T09:30:00.000Z'), event('read', '2026-11-27T11:00:00.000Z'), note, event('reply', '2026-11-27T12:00:00.000Z', { replyTo: note.id, text: '客户只收了 8 箱' })];
    const summary = reviewSummaryOf(entry, events);
    expect(summary.readBy).toEqual([{ ...MANAGER, at: '2026-11-27T09:30:00.000Z' }]);
    expect(summary.threads).toHaveLength(1);
    expect(summary.threads[0]!.replies.map((r) => r.text)).toEqual(['客户只收了 8 箱']);
  });
});

describe('who may do what', () => {
  const entry = weekly({ status: 'submitted', revisions: [submitted('2026-11-27T09:00:00.000Z')] });
  const summary = reviewSummaryOf(entry, []);
  const at = '2026-11-27T10:00:00.000Z';

  it('refuses any review of a draft', () => {
    expect(() => reviewEventFor(weekly(), reviewSummaryOf(weekly(), []), MANAGER, { action: 'read' }, at)).toThrow(ReviewError);
  });

  it('refuses a manager reviewing their own entry, and a reply by anyone but the author', () => {
    const own = weekly({ author: MANAGER, status: 'submitted', revisions: [{ ...submitted(at), by: MANAGER }] });
    expect(() => reviewEventFor(own, reviewSummaryOf(own, []), MANAGER, { action: 'review' }, at)).toThrow(expect.objectContaining({ reason: 'ownEntry' }));
    const note = event('annotate', at, { text: 'x' });
    const withNote = reviewSummaryOf(entry, [note]);
    expect(() => reviewEventFor(entry, withNote, MANAGER, { action: 'reply', replyTo: note.id, text: 'y' }, at)).toThrow(expect.objectContaining({ reason: 'notAuthor' }));
    expect(reviewEventFor(entry, withNote, REP, { action: 'reply', replyTo: note.id, text: ' 好的 ' }, at)).toMatchObject({ action: 'reply', text: '好的', replyTo: note.id, entryAuthorId: REP.id });
  });

  it('needs a reason to return and a text to annotate', () => {
    expect(() => reviewEventFor(entry, summary, MANAGER, { action: 'return', text: '  ' }, at)).toThrow(expect.objectContaining({ reason: 'reasonRequired' }));
    expect(() => reviewEventFor(entry, summary, MANAGER, { action: 'annotate' }, at)).toThrow(expect.objectContaining({ reason: 'textRequired' }));
    expect(reviewEventFor(entry, summary, MANAGER, { action: 'annotate', path: 'lastWeekSummary.0', quote: '拜访华东汽配', text: '依据？' }, at)).toEqual({
      entryId: ENTRY_ID, entryAuthorId: REP.id, entryKind: 'weekly', entryPeriodStart: '2026-11-23', action: 'annotate', at, path: 'lastWeekSummary.0', quote: '拜访华东汽配', text: '依据？',
    });
  });

  it('cannot return or review twice, nor annotate a reviewed entry; the author edits until reviewed', () => {
    const reviewed = reviewSummaryOf(entry, [event('review', at)]);
    expect(() => reviewEventFor(entry, reviewed, MANAGER, { action: 'return', text: 'x' }, at)).toThrow(expect.objectContaining({ reason: 'wrongState' }));
    expect(() => reviewEventFor(entry, reviewed, MANAGER, { action: 'annotate', text: 'x' }, at)).toThrow(expect.objectContaining({ reason: 'wrongState' }));
    expect(reviewEventFor(entry, reviewed, MANAGER, { action: 'read' }, at).action).toBe('read');
    expect(authorMayEdit('reviewed')).toBe(false);
    expect((['draft', 'submitted', 'returned', 'resubmitted'] as const).every(authorMayEdit)).toBe(true);
    expect(submitActionFor('draft')).toBe('submitted');
    expect(submitActionFor('returned')).toBe('resubmitted');
    expect(submitActionFor('submitted')).toBeUndefined();
  });

  it('every action is allowed in exactly the states the table names (property)', () => {
    const states: ReviewState[] = ['draft', 'submitted', 'returned', 'resubmitted', 'reviewed'];
    fc.assert(
      fc.property(fc.constantFrom(...states), fc.constantFrom<ReviewRequest['action']>('read', 'annotate', 'reply', 'return', 'review'), (state, action) => {
        if (state === 'draft') expect(canTakeAction(action, state)).toBe(false);
        if (action === 'return' || action === 'review') expect(canTakeAction(action, state)).toBe(state === 'submitted' || state === 'resubmitted');
      }),
    );
  });
});

describe('revisions', () => {
  it('names each changed leaf by its path with the values before and after', () => {
    const before = { kind: 'weekly', lastWeekSummary: [{ item: 'a', completion: 80, problem: '' }], nextWeekPlan: [{ priority: 'p', support: '' }] };
    const after = { kind: 'weekly', lastWeekSummary: [{ item: 'a', completion: 100, problem: '' }], nextWeekPlan: [{ priority: 'p', support: '' }, { priority: 'q', support: '' }] };
    expect(changedFields(before, after)).toEqual([
      { path: 'lastWeekSummary.0.completion', before: 80, after: 100 },
      { path: 'nextWeekPlan.1', after: { priority: 'q', support: '' } },
    ]);
    expect(changedFields(before, structuredClone(before))).toEqual([]);
  });

  it('the audit trail interleaves the rep’s revisions and the review events in time order', () => {
    const entry = weekly({ status: 'submitted', revisions: [submitted('2026-11-27T09:00:00.000Z'), { at: '2026-11-27T11:00:00.000Z', by: REP, action: 'resubmitted', changes: [{ path: 'lastWeekSummary.0.completion', before: 80, after: 100 }] }] });
    const events = [event('review', '2026-11-27T12:00:00.000Z'), event('return', '2026-11-27T10:00:00.000Z', { text: 'x' })];
    expect(auditTrailOf(entry, events).map((s) => (s.type === 'revision' ? s.revision.action : s.event.action))).toEqual(['submitted', 'return', 'resubmitted', 'review']);
  });
});
