import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../lib/sync/engine';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { adapterFor, notesByLocalId, SIM_TOKEN } from '../sync/sim-harness';
import { Id } from '../../lib/kernel/record';
import { messageArguments } from '../../lib/kernel/i18n';
import { DiaryEntry, type DeadlineOutcome } from '../../lib/reports/diary-schema';
import { periodOf } from '../../lib/reports/periods';
import { buildTeamRollup, ROLLUP_STATUS_ORDER, sortReps, type RollupMember } from '../../lib/reports/rollup';
import { documentOfRollup } from '../../lib/reports/rollup-document';
import { postedRollup, rollupReportIdOf, saveRollupReport } from '../../lib/reports/rollup-store';
import { rollupWords } from '../../lib/reports/rollup-words';
import { reportKind } from '../../lib/reports/kind';
import { Report } from '../../lib/reports/schema';
import type { ReportSnapshot } from '../../lib/reports/snapshot-schema';
import { fiftyRepTeam, fixtureId } from '../fixtures/rollup';
import { freshDatabase } from '../fixtures/records';

const SH = 'Asia/Shanghai';
// Week 48 of 2026: Mon 23 Nov – Sun 29 Nov. Weekly reports are due Fri 27 Nov 18:00 (10:00Z),
// or Mon 30 Nov 09:00 (01:00Z) with a reason.
const WEEK = periodOf('weekly', '2026-11-23');
const MONTH = periodOf('monthly', '2026-11-01');
const MANAGER = { id: 'owner-103', name: '王强' };
const WEDNESDAY = new Date('2026-11-25T06:00:00Z');
const SATURDAY = new Date('2026-11-28T06:00:00Z'); // past the due time, inside the grace
const TUESDAY_AFTER = new Date('2026-12-01T06:00:00Z');

let seq = 0;
function weekly(authorId: string, opts: { submittedAt?: string; deadline?: DeadlineOutcome['outcome']; content?: Partial<Extract<DiaryEntry['content'], { kind: 'weekly' }>>; snapshot?: ReportSnapshot; status?: DiaryEntry['status'] } = {}): DiaryEntry {
  const id = fixtureId('E', 900 + ++seq);
  return {
    id,
    schemaVersion: 1,
    author: { id: authorId, name: authorId },
    createdAt: '2026-11-23T01:00:00Z',
    updatedAt: opts.submittedAt ?? '2026-11-24T01:00:00Z',
    periodStart: WEEK.start,
    isoWeek: '2026-W48',
    month: '2026-11',
    status: opts.status ?? (opts.submittedAt ? 'submitted' : 'draft'),
    ...(opts.submittedAt ? { submittedAt: opts.submittedAt } : {}),
    ...(opts.deadline && opts.submittedAt ? { deadline: { outcome: opts.deadline, dueAt: '2026-11-27T10:00:00Z', timeZone: SH, submittedAt: opts.submittedAt } } : {}),
    content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [], keyAccountVisits: [], gradeChanges: [], ...opts.content },
    annotations: [],
    ...(opts.snapshot ? { snapshot: opts.snapshot } : {}),
  };
}

function snapshot(parts: Partial<ReportSnapshot>): ReportSnapshot {
  return {
    asOf: '2026-11-27T08:00:00Z',
    timeZone: SH,
    from: WEEK.start,
    to: WEEK.end,
    plan: [],
    work: [],
    dealers: [],
    keyAccounts: { required: 2, visited: 2, checks: [] },
    intel: [],
    kpis: [],
    deadlines: [],
    problems: [],
    grades: [],
    ...parts,
  };
}

const member = (id: string, name = id): RollupMember => ({ id, name, timeZone: SH });

describe('each rep’s status', () => {
  const members = ['a', 'b', 'c', 'd', 'e'].map((id) => member(id));
  const entries = [
    weekly('a', { submittedAt: '2026-11-27T07:00:00Z', deadline: 'onTime' }),
    weekly('b', { submittedAt: '2026-12-01T02:00:00Z', deadline: 'late' }),
    // Submitted without a recorded outcome (older data): judged by its submit time, Saturday, no reason.
    weekly('c', { submittedAt: '2026-11-28T02:00:00Z' }),
    weekly('d'), // a draft
    // e wrote nothing.
  ];

  it('before the deadline, a draft is a draft and nothing written is pending — neither is missing', () => {
    const rollup = buildTeamRollup({ kind: 'weekly', period: WEEK, members, entries: entries.slice(0, 1).concat(entries[3]!), now: WEDNESDAY });
    const status = Object.fromEntries(rollup.reps.map((r) => [r.id, r.status]));
    expect(status).toMatchObject({ a: 'onTime', d: 'draft', e: 'pending' });
    expect(rollup.counts.missing).toBe(0);
    expect(rollup.reps.find((r) => r.id === 'e')!.dueAt).toBe('2026-11-27T10:00:00Z');
  });

  it('in the grace, a report not yet written is still pending (it can come with a reason)', () => {
    const rollup = buildTeamRollup({ kind: 'weekly', period: WEEK, members, entries: [], now: SATURDAY });
    expect(new Set(rollup.reps.map((r) => r.status))).toEqual(new Set(['pending']));
  });

  it('after the grace: recorded outcomes stand, an unrecorded one is judged, drafts and nothing are missing', () => {
    const rollup = buildTeamRollup({ kind: 'weekly', period: WEEK, members, entries, now: TUESDAY_AFTER });
    const by = Object.fromEntries(rollup.reps.map((r) => [r.id, r]));
    expect(by.a!.status).toBe('onTime');
    expect(by.b!.status).toBe('late');
    expect(by.c!.status).toBe('late');
    expect(by.d).toMatchObject({ status: 'missing', hasDraft: true });
    expect(by.e).toMatchObject({ status: 'missing', hasDraft: false });
    expect(by.e!.entryId).toBeUndefined();
    // A draft gives the status only: nothing of it is read as the rep's report.
    expect(by.d!.entryId).toBeUndefined();
    expect(rollup.sourceEntryIds).toHaveLength(3);
    expect(rollup.submitted).toBe(3);
    // Missing and late first.
    expect(rollup.groups.map((g) => g.status)).toEqual(['missing', 'late', 'onTime']);
    expect(rollup.groups[0]!.repIds).toEqual(['d', 'e']);
  });

  it('ignores entries of other people, other periods and other kinds', () => {
    const other = weekly('zz', { submittedAt: '2026-11-27T07:00:00Z', deadline: 'onTime' });
    const lastWeek = { ...weekly('a', { submittedAt: '2026-11-20T07:00:00Z', deadline: 'onTime' }), periodStart: '2026-11-16' };
    const rollup = buildTeamRollup({ kind: 'weekly', period: WEEK, members, entries: [other, lastWeek], now: TUESDAY_AFTER });
    expect(rollup.reps.map((r) => r.id).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(rollup.reps.every((r) => r.status === 'missing')).toBe(true);
    expect(rollup.sourceEntryIds).toEqual([]);
  });
});

describe('a rep’s scores, highlights and problems', () => {
  it('a report written by hand (no snapshot) is read from its own content', () => {
    const entry = weekly('a', {
      submittedAt: '2026-11-27T07:00:00Z',
      deadline: 'onTime',
      content: {
        lastWeekSummary: [
          { item: '拜访终端 5 家', completion: 60, problem: '两家终端关门装修' },
          { item: '铺货 HX7', completion: 100, problem: '' },
        ],
        nextWeekPlan: [
          { priority: '新开终端 3 家', support: '需要陈列物料' },
          { priority: '回款', support: '' },
        ],
        keyAccountVisits: [{ dealerId: fixtureId('D', 1), day: '2026-11-24', purpose: '对账', outcome: '' }],
        gradeChanges: [{ dealerId: fixtureId('D', 1), from: 'B', to: 'A' }],
      },
    });
    const [rep] = buildTeamRollup({ kind: 'weekly', period: WEEK, members: [member('a')], entries: [entry], now: TUESDAY_AFTER }).reps;
    expect(rep!.snapshotAsOf).toBeUndefined();
    expect(rep!.scores).toEqual({ planCompletion: 80, planItems: { total: 2, done: 1 }, keyAccounts: { required: 2, visited: 1 }, keyAccountMissingItems: 2 });
    expect(rep!.highlights).toEqual([
      { kind: 'planDone', text: '铺货 HX7' },
      { kind: 'gradeChange', dealerId: fixtureId('D', 1), from: 'B', to: 'A' },
    ]);
    expect(rep!.problems).toEqual([
      { kind: 'planProblem', item: '拜访终端 5 家', text: '两家终端关门装修', completion: 60 },
      { kind: 'support', priority: '新开终端 3 家', text: '需要陈列物料' },
      { kind: 'keyAccountsShort', required: 2, visited: 1 },
    ]);
  });

  it('a generated report adds its largest orders, open problems and missing SKUs; the snapshot’s key-account numbers count', () => {
    const dealers = [10, 40, 0, 25].map((quantity, k) => ({ dealerId: fixtureId('D', k), visits: 1, days: ['2026-11-24'], orderQuantity: quantity, unit: '箱', missingSkus: k === 1 ? ['HX7-4L', 'HX5'] : [], keyAccount: false }));
    const entry = weekly('a', {
      submittedAt: '2026-11-27T07:00:00Z',
      deadline: 'onTime',
      snapshot: snapshot({ dealers, keyAccounts: { required: 2, visited: 3, checks: [{ dealerId: fixtureId('D', 0), day: '2026-11-24', missing: ['order', 'inventory'] }] }, problems: [{ day: '2026-11-25', text: '回款慢' }] }),
    });
    const [rep] = buildTeamRollup({ kind: 'weekly', period: WEEK, members: [member('a')], entries: [entry], now: TUESDAY_AFTER, orderLimit: 2 }).reps;
    expect(rep!.highlights.filter((h) => h.kind === 'order').map((h) => (h.kind === 'order' ? h.quantity : 0))).toEqual([40, 25]);
    expect(rep!.scores.keyAccounts).toEqual({ required: 2, visited: 3 });
    expect(rep!.scores.keyAccountMissingItems).toBe(2);
    expect(rep!.problems).toEqual([
      { kind: 'reported', text: '回款慢', day: '2026-11-25' },
      { kind: 'missingSkus', dealerId: fixtureId('D', 1), skus: ['HX7-4L', 'HX5'] },
    ]);
  });

  it('a missing report has no scores, highlights or problems (never zeros)', () => {
    const [rep] = buildTeamRollup({ kind: 'weekly', period: WEEK, members: [member('a')], entries: [], now: TUESDAY_AFTER }).reps;
    expect(rep!.scores).toEqual({ planCompletion: null, planItems: { total: 0, done: 0 }, keyAccounts: null, keyAccountMissingItems: null });
    expect(rep!.highlights).toEqual([]);
    expect(rep!.problems).toEqual([]);
  });
});

describe('team-wide sections', () => {
  it('merges competitors case- and space-insensitively, counts each intel item once, keeps the lowest price per unit', () => {
    const line = (n: number, competitor: string, amount: number, unit = '元/瓶', day = '2026-11-24') => ({ id: fixtureId('N', n), day, competitor, product: 'HX7', price: { kind: 'retail', amount, currency: 'CNY', unit } });
    const entries = [
      weekly('a', { submittedAt: '2026-11-27T07:00:00Z', deadline: 'onTime', snapshot: snapshot({ intel: [line(1, 'Shell', 160), line(2, '美孚', 150), { ...line(5, 'Shell', 120, '元/箱'), promotion: '买十送一' }] }) }),
      // The same intel item 1 reached b's snapshot too (it counts once); 'shell ' is Shell.
      weekly('b', { submittedAt: '2026-11-27T07:00:00Z', deadline: 'onTime', snapshot: snapshot({ intel: [line(1, 'Shell', 160), line(3, ' shell ', 155, '元/瓶', '2026-11-26')] }) }),
    ];
    const { competitors } = buildTeamRollup({ kind: 'weekly', period: WEEK, members: [member('a'), member('b')], entries, now: TUESDAY_AFTER });
    expect(competitors.map((c) => [c.competitor, c.count])).toEqual([
      ['Shell', 3],
      ['美孚', 1],
    ]);
    const shell = competitors[0]!;
    expect(shell.repIds).toEqual(['a', 'b']);
    expect(shell.lastSeen).toBe('2026-11-26');
    expect(shell.promotions).toEqual(['买十送一']);
    expect(shell.lowestPrices.map((p) => [p.unit, p.amount])).toEqual([
      ['元/瓶', 155],
      ['元/箱', 120],
    ]);
  });

  it('one KPI movement per dealer (the latest period, then the newest snapshot), with every rep covering it; drops and rises ordered', () => {
    const kpi = (n: number, score: number | null, previous: number | null, period = '2026-11') => ({ dealerId: fixtureId('D', n), period, score, previous, grade: 'B', partial: false, ruleSet: 'dealer-kpi@1' });
    const entries = [
      weekly('a', { submittedAt: '2026-11-27T07:00:00Z', deadline: 'onTime', snapshot: snapshot({ asOf: '2026-11-27T01:00:00Z', kpis: [kpi(1, 50, 80), kpi(2, 90, 70), kpi(3, 70, 70), kpi(4, null, 60)] }) }),
      weekly('b', { submittedAt: '2026-11-27T07:00:00Z', deadline: 'onTime', snapshot: snapshot({ asOf: '2026-11-27T09:00:00Z', kpis: [kpi(1, 75, 80), kpi(2, 85, 70, '2026-10'), kpi(5, 60, 65)] }) }),
    ];
    const { kpis } = buildTeamRollup({ kind: 'weekly', period: WEEK, members: [member('a'), member('b')], entries, now: TUESDAY_AFTER });
    // Dealer 1: b's snapshot is newer for the same month (−5, not −30); dealer 2: a's is a later month.
    expect(kpis.drops.map((m) => [m.dealerId, m.change, m.repIds])).toEqual([
      [fixtureId('D', 1), -5, ['a', 'b']],
      [fixtureId('D', 5), -5, ['b']],
    ]);
    expect(kpis.rises.map((m) => [m.dealerId, m.change, m.repIds])).toEqual([[fixtureId('D', 2), 20, ['a', 'b']]]);
    expect(kpis.unchanged).toBe(1);
    expect(kpis.noComparison).toBe(1);
  });
});

describe('a team of 50', () => {
  it('the fixture’s entries are valid diary entries, weekly and monthly', () => {
    for (const period of [WEEK, MONTH]) for (const entry of fiftyRepTeam(period).entries) expect(DiaryEntry.safeParse(entry).error).toBeUndefined();
  });

  it('groups missing and late first, by name within a group, every rep once', () => {
    const { members, entries } = fiftyRepTeam(WEEK);
    const rollup = buildTeamRollup({ kind: 'weekly', period: WEEK, members, entries, now: TUESDAY_AFTER });
    expect(rollup.reps).toHaveLength(50);
    expect(new Set(rollup.reps.map((r) => r.id)).size).toBe(50);
    expect(rollup.groups.map((g) => [g.status, g.repIds.length])).toEqual([
      ['missing', 10],
      ['late', 5],
      ['onTimeWithReason', 5],
      ['onTime', 30],
    ]);
    const order = rollup.reps.map((r) => ROLLUP_STATUS_ORDER.indexOf(r.status));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const missing = rollup.reps.filter((r) => r.status === 'missing').map((r) => r.name);
    expect(missing).toEqual([...missing].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    // Hand-written reports (every 7th rep) carry no snapshot; the rest do.
    expect(rollup.reps.filter((r) => r.status !== 'missing' && !r.snapshotAsOf).length).toBeGreaterThan(0);
    // 4 spellings, 3 competitors: ' 嘉实多 ' is trimmed, SHELL is not 壳牌.
    expect(rollup.competitors.map((c) => c.competitor).sort()).toEqual(['SHELL', '嘉实多', '壳牌', '美孚'].sort());
    const dealersMoved = [...rollup.kpis.drops, ...rollup.kpis.rises].map((m) => m.dealerId);
    expect(new Set(dealersMoved).size).toBe(dealersMoved.length);
  });

  it('before the deadline, the drafts and the unwritten are not missing', () => {
    const { members, entries } = fiftyRepTeam(WEEK);
    const rollup = buildTeamRollup({ kind: 'weekly', period: WEEK, members, entries: entries.filter((e) => e.status === 'draft'), now: WEDNESDAY });
    expect(rollup.groups.map((g) => [g.status, g.repIds.length])).toEqual([
      ['draft', 5],
      ['pending', 45],
    ]);
  });

  it('a month: reports read from monthly content, no plan percentages invented', () => {
    const { members, entries } = fiftyRepTeam(MONTH);
    const rollup = buildTeamRollup({ kind: 'monthly', period: MONTH, members, entries, now: new Date('2026-12-03T00:00:00Z') });
    expect(rollup.counts.missing).toBe(10);
    expect(rollup.reps.every((r) => r.scores.planCompletion === null)).toBe(true);
    expect(rollup.team.planCompletion).toBeNull();
    expect(rollup.reps.some((r) => r.highlights.some((h) => h.kind === 'result'))).toBe(true);
    // The month's status table counts plan items, not a percentage nobody gave.
    const status = documentOfRollup(rollup, { locale: 'en', manager: MANAGER }).sections[0]!.blocks[0]!;
    expect(status.type === 'table' && status.columns.map((c) => c.label)).toEqual(['Rep', 'Team', 'Status', 'Submitted on', 'Plan items done', 'Plan items', 'Key accounts visited', 'Key accounts required', 'Problems']);
  });

  it('a month with a snapshot counts the plan items it judged done', () => {
    const monthly: DiaryEntry = {
      ...weekly('a', { submittedAt: '2026-11-30T07:00:00Z', deadline: 'onTime' }),
      periodStart: MONTH.start,
      content: { kind: 'monthly', results: [], problems: ['回款慢'], nextMonthPlan: [] },
      snapshot: snapshot({
        from: MONTH.start,
        to: MONTH.end,
        planVsActual: [
          { plan: '开发新终端 5 家', actual: [], suggestion: 'done' },
          { plan: '铺货 HX7', actual: [], suggestion: 'partly' },
        ],
      }),
    };
    const [rep] = buildTeamRollup({ kind: 'monthly', period: MONTH, members: [member('a')], entries: [monthly], now: new Date('2026-12-03T00:00:00Z') }).reps;
    expect(rep!.scores).toMatchObject({ planCompletion: null, planItems: { total: 2, done: 1 } });
    expect(rep!.highlights).toEqual([{ kind: 'planDone', text: '开发新终端 5 家' }]);
    expect(rep!.problems).toEqual([{ kind: 'reported', text: '回款慢' }]);
  });

  it('sorts by name, by plan completion (lowest first, none last) and by problems (most first)', () => {
    const { members, entries } = fiftyRepTeam(WEEK);
    const { reps } = buildTeamRollup({ kind: 'weekly', period: WEEK, members, entries, now: TUESDAY_AFTER });
    const byPlan = sortReps(reps, 'planCompletion').map((r) => r.scores.planCompletion);
    const known = byPlan.filter((p): p is number => p !== null);
    expect(known).toEqual([...known].sort((a, b) => a - b));
    expect(byPlan.slice(known.length).every((p) => p === null)).toBe(true);
    const byProblems = sortReps(reps, 'problems').map((r) => r.problems.length);
    expect(byProblems).toEqual([...byProblems].sort((a, b) => b - a));
    expect(sortReps(reps, 'name')[0]!.name).toBe([...reps.map((r) => r.name)].sort((a, b) => a.localeCompare(b, 'zh-CN'))[0]);
  });
});

describe('the roll-up as a document', () => {
  const { members, entries } = fiftyRepTeam(WEEK);
  const rollup = buildTeamRollup({ kind: 'weekly', period: WEEK, members, entries, now: TUESDAY_AFTER });
  const dealerName = (id: string) => `经销商${Number(id.slice(4))}`;

  it('in both languages: status table, highlights, problems, competitors, KPI drops and rises; a safe file name', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const doc = documentOfRollup(rollup, { locale, teamName: '华东区', manager: MANAGER, dealerName });
      expect(doc.sections.map((s) => s.id)).toEqual(['status', 'highlights', 'problems', 'competitors', 'kpiDrops', 'kpiRises']);
      const status = doc.sections[0]!.blocks[0]!;
      expect(status.type).toBe('table');
      if (status.type !== 'table') continue;
      expect(status.rows).toHaveLength(50);
      const percent = status.columns.findIndex((c) => c.type === 'percent');
      // A missing report's plan completion is an empty cell, never 0.
      expect(status.rows[0]![percent]).toBeNull();
      expect(doc.fileName).toBe('team-rollup-2026-W48');
      expect(doc.asOf).toBeDefined();
    }
    const zh = documentOfRollup(rollup, { locale: 'zh-CN', teamName: '华东区', manager: MANAGER, dealerName });
    expect(zh.title).toBe('团队周汇总');
    expect(zh.fields.find((f) => f.label === '周期')!.value).toBe('2026年第48周');
    const zhText = JSON.stringify({ ...zh, fileName: '' }).replace(/HX\d(-4L)?|SHELL|dealer-kpi@1|Asia\/Shanghai/g, '');
    expect(zhText).not.toMatch(/\b(Missing|Late|On time|Rep|Status|Highlights|Problems|Competitors|Largest|Done)\b/);
    const en = documentOfRollup(rollup, { locale: 'en', manager: MANAGER, dealerName });
    expect(en.title).toBe('Team weekly roll-up');
    expect(en.sections[2]!.blocks[0]!.type).toBe('list');
  });

  it('an empty team period says so instead of empty tables', () => {
    const empty = buildTeamRollup({ kind: 'weekly', period: WEEK, members: [member('a')], entries: [], now: TUESDAY_AFTER });
    const doc = documentOfRollup(empty, { locale: 'en', manager: MANAGER });
    expect(doc.sections.find((s) => s.id === 'competitors')).toMatchObject({ blocks: [], empty: 'No competitor intel in the reports of this period.' });
  });

  it('the words have the same keys and ICU arguments in both languages', () => {
    expect(Object.keys(rollupWords['zh-CN']).sort()).toEqual(Object.keys(rollupWords.en).sort());
    for (const key of Object.keys(rollupWords.en) as (keyof typeof rollupWords.en)[]) {
      expect(messageArguments(rollupWords['zh-CN'][key]).sort(), key).toEqual(messageArguments(rollupWords.en[key]).sort());
    }
  });
});

describe('posting the roll-up', () => {
  it('derives one id per manager, kind and period', () => {
    const id = rollupReportIdOf(MANAGER.id, 'weekly', WEEK.start);
    expect(Id.safeParse(id).success).toBe(true);
    expect(rollupReportIdOf(MANAGER.id, 'weekly', WEEK.start)).toBe(id);
    expect(rollupReportIdOf(MANAGER.id, 'weekly', '2026-11-30')).not.toBe(id);
    expect(rollupReportIdOf(MANAGER.id, 'monthly', WEEK.start)).not.toBe(id);
    expect(rollupReportIdOf('owner-104', 'weekly', WEEK.start)).not.toBe(id);
  });

  it('posting twice leaves one Report and one pending outbox entry, updated in place', async () => {
    const db = freshDatabase('rollup-post');
    const { members, entries } = fiftyRepTeam(WEEK);
    const first = buildTeamRollup({ kind: 'weekly', period: WEEK, members, entries, now: TUESDAY_AFTER });
    const firstDoc = documentOfRollup(first, { locale: 'zh-CN', teamName: '华东区', manager: MANAGER });
    const saved = await saveRollupReport(db, first, firstDoc, MANAGER, TUESDAY_AFTER);
    expect(saved.id).toBe(rollupReportIdOf(MANAGER.id, 'weekly', WEEK.start));
    expect(Report.safeParse(saved).success).toBe(true);
    expect(saved).toMatchObject({ kind: 'teamRollup', isoWeek: '2026-W48', period: { kind: 'weekly', start: '2026-11-23', end: '2026-11-29' }, postedAt: TUESDAY_AFTER.toISOString() });
    expect(saved.sourceRecordIds).toHaveLength(40); // the submitted reports, not the 5 drafts

    const later = new Date('2026-12-02T03:00:00Z');
    const second = buildTeamRollup({ kind: 'weekly', period: WEEK, members, entries: entries.slice(0, 10), now: later });
    await saveRollupReport(db, second, documentOfRollup(second, { locale: 'zh-CN', teamName: '华东区', manager: MANAGER }), MANAGER, later);

    const rows = await db.reports.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.postedAt).toBe(later.toISOString());
    expect(rows[0]!.createdAt).toBe(saved.createdAt);
    expect(rows[0]!.sourceRecordIds).toHaveLength(second.sourceEntryIds.length);
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ table: 'reports', recordId: saved.id, status: 'pending', operation: 'upsert', recordVersion: rows[0]!.updatedAt });

    expect((await postedRollup(db, MANAGER.id, 'weekly', WEEK.start))?.id).toBe(saved.id);
    expect(await postedRollup(db, MANAGER.id, 'weekly', '2026-11-30')).toBeUndefined();
    // Another manager's roll-up of the same week is a record of its own.
    await saveRollupReport(db, first, firstDoc, { id: 'owner-105', name: '赵磊' }, later);
    expect(await db.reports.count()).toBe(2);
  });

  it('a roll-up too long for one note keeps every rep’s status and counts what it left out', async () => {
    const db = freshDatabase('rollup-long');
    const { members, entries } = fiftyRepTeam(WEEK);
    // Every rep asks for support on 30 long lines.
    const wordy = entries.map((e) =>
      e.content.kind === 'weekly' ? { ...e, content: { ...e.content, nextWeekPlan: Array.from({ length: 30 }, (_, k) => ({ priority: `重点 ${k}`, support: '需要'.repeat(200) })) } } : e,
    );
    const rollup = buildTeamRollup({ kind: 'weekly', period: WEEK, members, entries: wordy, now: TUESDAY_AFTER });
    const report = await saveRollupReport(db, rollup, documentOfRollup(rollup, { locale: 'en', manager: MANAGER }), MANAGER, TUESDAY_AFTER);
    expect(JSON.stringify(report).length).toBeLessThan(60_000);
    expect(report.sections.find((s) => s.heading === 'Status')!.lines).toHaveLength(50);
    const problems = report.sections.find((s) => s.heading === 'Problems that need you')!.lines;
    expect(problems.at(-1)).toMatch(/^…and [\d,]+ more lines: the export has them all\.$/);
    // Highlights share what is left; the bounded sections come whole.
    expect(report.sections.find((s) => s.heading === 'Highlights')!.lines.length).toBeGreaterThan(10);
    expect(report.sections.find((s) => s.heading === 'Competitors')!.lines).toHaveLength(rollup.competitors.length);
    expect(report.sections.find((s) => s.heading === 'KPI rises')!.lines).toHaveLength(rollup.kpis.rises.length);
  });

  it('the CRM note reads the period and the document’s sections', async () => {
    const db = freshDatabase('rollup-note');
    const { members, entries } = fiftyRepTeam(MONTH);
    const rollup = buildTeamRollup({ kind: 'monthly', period: MONTH, members, entries, now: TUESDAY_AFTER });
    const report = await saveRollupReport(db, rollup, documentOfRollup(rollup, { locale: 'en', manager: MANAGER }), MANAGER, TUESDAY_AFTER);
    expect(report.month).toBe('2026-11');
    expect(report.isoWeek).toBeUndefined();
    const readable = reportKind.crm!.render(report, { locale: 'en', dealerName: () => undefined });
    expect(readable.lines.find((l) => l.label.en === 'Covers')?.value).toBe('November 2026');
    expect(report.sections.map((s) => s.heading)).toEqual(['Team monthly roll-up', 'Status', 'Highlights', 'Problems that need you', 'Competitors', 'KPI drops', 'KPI rises']);
    expect(report.sections[1]!.lines).toHaveLength(50);
  });
});

describe('the roll-up in HubSpot', () => {
  let sim: HubSpotSim;
  beforeAll(async () => {
    sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 100_000 });
    await adapterFor(sim).ensureSchema();
  });
  afterAll(() => sim.close());

  it('is one note, without a dealer; posting again updates that note, never a second one', async () => {
    const db = freshDatabase('rollup-sync');
    const engine = new SyncEngine({ db, port: adapterFor(sim) });
    const { members, entries } = fiftyRepTeam(WEEK);
    const first = buildTeamRollup({ kind: 'weekly', period: WEEK, members, entries: entries.slice(0, 20), now: TUESDAY_AFTER });
    // Saved at the real time: the outbox only sends what is due.
    const report = await saveRollupReport(db, first, documentOfRollup(first, { locale: 'zh-CN', teamName: '华东区', manager: MANAGER }), MANAGER);
    expect(await engine.drain()).toMatchObject({ pushed: 1, parked: 0 });
    let notes = notesByLocalId(sim).get(report.id) ?? [];
    expect(notes).toHaveLength(1);
    expect(sim.state.associationsFrom('notes', notes[0]!.id, 'companies')).toEqual([]);
    expect(notes[0]!.properties.hs_note_body).toContain('团队周汇总');

    // Every rep's report in now: the full team of 50, posted again.
    const later = new Date('2026-12-02T03:00:00Z');
    const second = buildTeamRollup({ kind: 'weekly', period: WEEK, members, entries, now: later });
    await saveRollupReport(db, second, documentOfRollup(second, { locale: 'zh-CN', teamName: '华东区', manager: MANAGER }), MANAGER);
    expect(await engine.drain()).toMatchObject({ pushed: 1, parked: 0 });
    notes = notesByLocalId(sim).get(report.id) ?? [];
    expect(notes).toHaveLength(1);
    // The whole team's roll-up fits in one note (HubSpot holds 65,536 characters a property).
    expect(notes[0]!.properties.fieldkit_payload!.length).toBeLessThan(65_536);
    expect(notes[0]!.properties.hs_note_body).toContain('已提交: 40 / 50');
    expect((await db.reports.get(report.id))!.crm).toMatchObject({ objectId: notes[0]!.id });
  });
});
