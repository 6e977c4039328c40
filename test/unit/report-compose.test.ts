/**
 * The one-click weekly and monthly reports (lib/reports/compose/): plan items matched against the
 * period's records, the week's numbers as of a moment, grade changes against the last report, and
 * building / refreshing a saved draft — on fixture weeks: an empty week, a week across a month end,
 * ISO week 53, a rep in another time zone, a plan item no record speaks to.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FieldkitDatabase } from '../../lib/store/database';
import { saveRecord } from '../../lib/store/records';
import { writeSetting } from '../../lib/store/settings';
import { coverage, dealersNamedIn, matchPlanItem, promisedTarget } from '../../lib/reports/compose/plan-match';
import { composeWeekly, dayIn, type PeriodSources } from '../../lib/reports/compose/weekly';
import { buildReportDraft, weekToReport } from '../../lib/reports/compose/build';
import { periodOf } from '../../lib/reports/periods';
import { saveDiary } from '../../lib/reports/submit';
import { freshDatabase, intelDraft, REP, visitDraft } from '../fixtures/records';
import type { Dealer } from '../../lib/dealers/schema';
import type { DiaryEntry } from '../../lib/reports/diary-schema';
import { isoWeekOf } from '../../lib/kernel/dates';

const DAHUA = '01JD0000000000000000000001';
const XINGLONG = '01JD0000000000000000000002';
const HENGTAI = '01JD0000000000000000000003';
const dealers = [
  { id: DAHUA, name: '大华商贸有限公司' },
  { id: XINGLONG, name: '兴隆批发部' },
  { id: HENGTAI, name: 'Hengtai Trading Co., Ltd.' },
];
const words = { locale: 'zh-CN' as const, ordered: (q: string) => `订货 ${q}` };

describe('matching a plan item to the records', () => {
  const visit = (dealerId: string, day: string, orderQuantity?: number) => ({ dealerId, day, ...(orderQuantity !== undefined ? { orderQuantity } : {}) });

  it('finds dealers by their full name or the name people use, not by a shared word', () => {
    expect(dealersNamedIn('周二拜访大华，谈年底返利', dealers)).toEqual([DAHUA]);
    expect(dealersNamedIn('Visit Hengtai about the display', dealers)).toEqual([HENGTAI]);
    expect(dealersNamedIn('拜访新客户', dealers)).toEqual([]);
    // The start of a Chinese name people write, when no other dealer's name starts the same way.
    const shops = [
      { id: DAHUA, name: '苏南汽配城润滑油批发部' },
      { id: XINGLONG, name: '苏南汽车服务中心' },
      { id: HENGTAI, name: '华东润滑油经销有限公司' },
    ];
    expect(dealersNamedIn('拜访苏南汽配城，完成 30 箱订货', shops)).toEqual([DAHUA]);
    expect(dealersNamedIn('去苏南汽车看看', shops)).toEqual([XINGLONG]);
    expect(dealersNamedIn('去苏南看看', shops)).toEqual([]); // three characters name nobody
    // Two names that start the same: the start names neither.
    expect(dealersNamedIn('拜访苏南汽配城', [shops[0]!, { id: XINGLONG, name: '苏南汽配城轮胎店' }])).toEqual([]);
    expect(dealersNamedIn('华东润滑油的返利', shops)).toEqual([HENGTAI]);
  });

  it('a visit plan for named dealers is done when all were visited, partly when some, not when none', () => {
    const sources = { dealers, visits: [visit(DAHUA, '2026-11-24')], dailyLines: [] };
    expect(matchPlanItem('拜访大华商贸', sources).suggestion).toBe('done');
    expect(matchPlanItem('拜访大华和兴隆批发部', sources)).toMatchObject({ suggestion: 'partly', dealerIds: [DAHUA, XINGLONG] });
    expect(matchPlanItem('拜访兴隆批发部', sources).suggestion).toBe('not');
    // Not a visit: no card proves or disproves a phone call.
    expect(matchPlanItem('电话跟进兴隆批发部回款', sources).suggestion).toBe('unknown');
  });

  it('counts a promised number against the records: visits, and cases ordered', () => {
    expect(promisedTarget('本周拜访 5 家终端')).toEqual({ kind: 'visits', promised: 5 });
    expect(promisedTarget('拜访五家终端')).toEqual({ kind: 'visits', promised: 5 });
    expect(promisedTarget('Visit 3 dealers in Pudong')).toEqual({ kind: 'visits', promised: 3 });
    expect(promisedTarget('大华订货 200 箱')).toEqual({ kind: 'order', promised: 200 });
    // A model number or a size is no promise.
    expect(promisedTarget('推广 0W-40 4L 新品')).toBeUndefined();
    const visits = [visit(DAHUA, '2026-11-23', 120), visit(XINGLONG, '2026-11-24', 30), visit(DAHUA, '2026-11-26', 100)];
    expect(matchPlanItem('本周拜访 5 家终端', { dealers, visits, dailyLines: [] })).toMatchObject({ suggestion: 'partly', target: { promised: 5, achieved: 3 } });
    expect(matchPlanItem('大华订货 200 箱', { dealers, visits, dailyLines: [] })).toMatchObject({ suggestion: 'done', target: { promised: 200, achieved: 220 } });
    expect(matchPlanItem('兴隆批发部订货 50 箱', { dealers, visits, dailyLines: [] })).toMatchObject({ suggestion: 'partly', target: { promised: 50, achieved: 30 } });
    expect(matchPlanItem('本周拜访 5 家终端', { dealers, visits: [], dailyLines: [] }).suggestion).toBe('not');
  });

  it('reads the daily lines: the same work said in other words is done or partly, with the line as evidence', () => {
    const dailyLines = [
      { day: '2026-11-24', text: '完成了季度促销方案的培训，讲解了新品卖点' },
      { day: '2026-11-25', text: '整理客户档案' },
    ];
    const done = matchPlanItem('完成季度促销方案培训', { dealers, visits: [], dailyLines });
    expect(done.suggestion).toBe('done');
    expect(done.evidence[0]).toEqual({ kind: 'daily', day: '2026-11-24', text: dailyLines[0]!.text });
    expect(matchPlanItem('整理客户档案并上传系统', { dealers, visits: [], dailyLines }).suggestion).toBe('partly');
    expect(coverage('abc', '')).toBe(0);
  });

  it('says unknown — never "not done" — for a plan item no record speaks to', () => {
    const result = matchPlanItem('参加公司年会筹备', { dealers, visits: [visit(DAHUA, '2026-11-24')], dailyLines: [{ day: '2026-11-24', text: '拜访大华商贸' }] });
    expect(result).toEqual({ item: '参加公司年会筹备', suggestion: 'unknown', evidence: [], dealerIds: [] });
  });
});

function dealer(id: string, name: string, grade?: 'A' | 'B' | 'C'): Dealer {
  return {
    id,
    name,
    schemaVersion: 1,
    author: REP,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    shared: false,
    responsibleRepId: REP.id,
    file: { salesRegions: [], mainProducts: [] },
    ...(grade ? { grade } : {}),
  };
}

function sources(overrides: Partial<PeriodSources> = {}): PeriodSources {
  return { period: periodOf('weekly', '2026-11-23'), timeZone: 'Asia/Shanghai', dailies: [], visits: [], intel: [], dealers: [], kpis: [], requiredKeyAccountVisits: 2, ...overrides };
}

describe('composing a week (pure)', () => {
  it('an empty week: no rows, every past workday without a daily is missing, nothing invented', () => {
    // Thursday 26 Nov 2026, 10:00 in Shanghai.
    const { content, snapshot } = composeWeekly(sources(), words, new Date('2026-11-26T02:00:00Z'));
    expect(content).toEqual({ kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [], keyAccountVisits: [], gradeChanges: [] });
    expect(snapshot).toMatchObject({ asOf: '2026-11-26T02:00:00.000Z', timeZone: 'Asia/Shanghai', from: '2026-11-23', to: '2026-11-29', dealers: [], intel: [], work: [], problems: [] });
    expect(snapshot.keyAccounts).toEqual({ required: 2, visited: 0, checks: [] });
    expect(snapshot.deadlines.map((d) => `${d.periodStart}:${d.outcome}`)).toEqual(['2026-11-23:missing', '2026-11-24:missing', '2026-11-25:missing']);
  });

  it('a rep in another time zone: the same instant is still Wednesday in Los Angeles, so only Monday and Tuesday are missing', () => {
    const now = new Date('2026-11-26T02:00:00Z');
    expect(dayIn(now, 'America/Los_Angeles')).toBe('2026-11-25');
    const { snapshot } = composeWeekly(sources({ timeZone: 'America/Los_Angeles' }), words, now);
    expect(snapshot.deadlines.map((d) => d.periodStart)).toEqual(['2026-11-23', '2026-11-24']);
  });

  it('grade changes compare each dealer with the grade the last report saw; a dealer the last report did not see is no change', () => {
    const previous = { content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [], keyAccountVisits: [], gradeChanges: [] }, periodStart: '2026-11-16', snapshot: { grades: [{ dealerId: DAHUA, grade: 'B' }, { dealerId: XINGLONG }] } } as unknown as DiaryEntry;
    const { content, snapshot } = composeWeekly(
      sources({ previous, dealers: [dealer(DAHUA, '大华商贸有限公司', 'A'), dealer(XINGLONG, '兴隆批发部', 'C'), dealer(HENGTAI, 'Hengtai', 'B')] }),
      words,
      new Date('2026-11-27T02:00:00Z'),
    );
    expect(content.gradeChanges).toEqual([
      { dealerId: DAHUA, from: 'B', to: 'A' },
      { dealerId: XINGLONG, to: 'C' },
    ]);
    expect(snapshot.grades).toEqual([
      { dealerId: DAHUA, grade: 'A' },
      { dealerId: XINGLONG, grade: 'C' },
      { dealerId: HENGTAI, grade: 'B' },
    ]);
  });
});

let db: FieldkitDatabase;
afterEach(async () => db?.delete());

async function setUp(timeZone = 'Asia/Shanghai') {
  db = freshDatabase(`compose-${Math.random()}`);
  await writeSetting(db, 'profile', { ...REP, role: 'rep', timeZone });
  for (const d of [dealer(DAHUA, '大华商贸有限公司', 'B'), dealer(XINGLONG, '兴隆批发部')]) {
    const { id, schemaVersion: _v, author: _a, createdAt: _c, updatedAt: _u, ...rest } = d;
    await saveRecord(db, 'dealers', { id, ...rest } as never, { author: REP });
  }
}

const visitOn = (day: string, overrides: Parameters<typeof visitDraft>[0] = {}) => saveRecord(db, 'visitCards', visitDraft({ visitDay: day, isoWeek: isoWeekOf(day), ...overrides }), { author: REP });
const dailyOn = (day: string, todayWork: string[], problems: string[] = []) =>
  saveDiary(db, { periodStart: day, isoWeek: isoWeekOf(day), status: 'draft', content: { kind: 'daily', todayWork, tomorrowPlan: [], problems }, annotations: [] }, { author: REP, submit: true, now: new Date(`${day}T10:00:00Z`) });

describe('building the report draft from the database', () => {
  it('a week across a month end counts every day of the ISO week, both months', async () => {
    await setUp();
    await visitOn('2026-11-30', { dealerId: DAHUA, orderQuantity: 20, keyAccount: true });
    await visitOn('2026-12-02', { dealerId: DAHUA, orderQuantity: 15, currentInventory: 12, requiredSkus: [{ sku: 'SKU-9', carried: false }] });
    await visitOn('2026-12-07', { dealerId: XINGLONG }); // next week: not counted
    await saveRecord(db, 'intelItems', intelDraft({ observedDay: '2026-12-01' }), { author: REP });
    await saveRecord(db, 'intelItems', intelDraft({ observedDay: '2026-11-29' }), { author: REP }); // the week before
    const { result, entry } = await buildReportDraft(db, { author: REP, kind: 'weekly', periodStart: '2026-12-03', words, now: new Date('2026-12-04T08:00:00Z') });
    expect(result).toBe('created');
    expect(entry).toMatchObject({ periodStart: '2026-11-30', isoWeek: '2026-W49', status: 'draft' });
    expect(entry.snapshot!.dealers).toEqual([
      { dealerId: DAHUA, visits: 2, days: ['2026-11-30', '2026-12-02'], orderQuantity: 35, unit: '箱', inventory: 12, missingSkus: ['SKU-9'], keyAccount: true },
    ]);
    expect(entry.snapshot!.intel.map((line) => line.day)).toEqual(['2026-12-01']);
    expect(entry.content).toMatchObject({ keyAccountVisits: [{ dealerId: DAHUA, day: '2026-11-30', purpose: '陈列已调整', outcome: '订货 20 箱' }] });
    expect(entry.snapshot!.keyAccounts).toEqual({ required: 2, visited: 1, checks: [{ dealerId: DAHUA, day: '2026-11-30', missing: [] }] });
  });

  it('ISO week 53: 28 Dec 2026 to 3 Jan 2027 is one week, and last week’s plan becomes its checklist', async () => {
    await setUp();
    await saveDiary(
      db,
      { periodStart: '2026-12-21', isoWeek: '2026-W52', status: 'draft', content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [{ priority: '拜访大华商贸，确认年度返利', support: '' }, { priority: '年底盘点', support: '' }], keyAccountVisits: [], gradeChanges: [] }, annotations: [] },
      { author: REP, submit: true, now: new Date('2026-12-25T08:00:00Z') },
    );
    await visitOn('2027-01-02', { dealerId: DAHUA });
    await dailyOn('2026-12-30', ['拜访大华商贸，确认了年度返利方案'], ['兴隆批发部欠款未回']);
    const { entry } = await buildReportDraft(db, { author: REP, kind: 'weekly', periodStart: '2026-12-31', words, now: new Date('2027-01-01T09:00:00Z') });
    expect(entry).toMatchObject({ periodStart: '2026-12-28', isoWeek: '2026-W53' });
    expect(entry.snapshot).toMatchObject({ from: '2026-12-28', to: '2027-01-03' });
    expect(entry.content.kind === 'weekly' && entry.content.lastWeekSummary).toEqual([
      { item: '拜访大华商贸，确认年度返利', completion: 100, problem: '' },
      // Nothing in the records about the stocktake: no completion is claimed (0 is the schema's blank; the rep must say).
      { item: '年底盘点', completion: 0, problem: '' },
    ]);
    expect(entry.snapshot!.plan.map((row) => row.suggestion)).toEqual(['done', 'unknown']);
    expect(entry.snapshot!.problems).toEqual([{ day: '2026-12-30', text: '兴隆批发部欠款未回' }]);
    expect(entry.snapshot!.deadlines[0]).toEqual({ kind: 'weekly', periodStart: '2026-12-21', outcome: 'onTime' });
  });

  it('refreshing a draft keeps what the rep wrote and replaces only the numbers; a submitted report is left alone', async () => {
    await setUp();
    await visitOn('2026-11-24', { dealerId: DAHUA, keyAccount: true, orderQuantity: 10 });
    const first = await buildReportDraft(db, { author: REP, kind: 'weekly', periodStart: '2026-11-23', words, now: new Date('2026-11-25T08:00:00Z') });
    const edited = { ...first.entry, content: { ...(first.entry.content as Extract<DiaryEntry['content'], { kind: 'weekly' }>), nextWeekPlan: [{ priority: '拜访 6 家终端', support: '' }], keyAccountVisits: [{ dealerId: DAHUA, day: '2026-11-24', purpose: '谈返利', outcome: '同意' }] } };
    await saveDiary(db, edited, { author: REP, submit: false });
    await visitOn('2026-11-26', { dealerId: XINGLONG, keyAccount: true, orderQuantity: 5 });
    const second = await buildReportDraft(db, { author: REP, kind: 'weekly', periodStart: '2026-11-23', words, now: new Date('2026-11-27T08:00:00Z') });
    expect(second.result).toBe('refreshed');
    expect(second.entry.id).toBe(first.entry.id);
    expect(second.entry.snapshot!.asOf).toBe('2026-11-27T08:00:00.000Z');
    expect(second.entry.content).toMatchObject({
      nextWeekPlan: [{ priority: '拜访 6 家终端' }],
      keyAccountVisits: [{ dealerId: DAHUA, purpose: '谈返利', outcome: '同意' }, { dealerId: XINGLONG, day: '2026-11-26', outcome: '订货 5 箱' }],
    });
    await saveDiary(db, second.entry, { author: REP, submit: true, now: new Date('2026-11-27T09:00:00Z') });
    const third = await buildReportDraft(db, { author: REP, kind: 'weekly', periodStart: '2026-11-23', words, now: new Date('2026-11-27T09:30:00Z') });
    expect(third.result).toBe('submitted');
    expect(third.entry.snapshot!.asOf).toBe('2026-11-27T08:00:00.000Z');
  });

  it('on a Monday the click builds last week’s report until it is submitted, then this week’s', async () => {
    await setUp();
    expect((await weekToReport(db, REP.id, '2026-11-30')).start).toBe('2026-11-23');
    expect((await weekToReport(db, REP.id, '2026-12-01')).start).toBe('2026-11-30');
    await buildReportDraft(db, { author: REP, kind: 'weekly', periodStart: '2026-11-23', words });
    expect((await weekToReport(db, REP.id, '2026-11-30')).start).toBe('2026-11-23');
    const entry = (await db.diaryEntries.toArray())[0]!;
    await saveDiary(db, entry, { author: REP, submit: true, reason: '周五在外地' });
    expect((await weekToReport(db, REP.id, '2026-11-30')).start).toBe('2026-11-30');
  });

  it('the monthly report: results from the weeks’ completed items, last month’s plan against what the month shows', async () => {
    await setUp();
    await saveDiary(db, { periodStart: '2026-10-01', isoWeek: isoWeekOf('2026-10-01'), status: 'draft', content: { kind: 'monthly', results: [], problems: [], nextMonthPlan: ['拜访大华商贸 4 次', '开发 3 家新终端'] }, annotations: [] }, { author: REP, submit: false });
    await saveDiary(
      db,
      { periodStart: '2026-11-09', isoWeek: '2026-W46', status: 'draft', content: { kind: 'weekly', lastWeekSummary: [{ item: '完成大华年度协议', completion: 100, problem: '' }, { item: '整理档案', completion: 50, problem: '资料不全' }], nextWeekPlan: [], keyAccountVisits: [], gradeChanges: [] }, annotations: [] },
      { author: REP, submit: false },
    );
    for (const day of ['2026-11-03', '2026-11-12', '2026-11-20']) await visitOn(day, { dealerId: DAHUA });
    const { entry } = await buildReportDraft(db, { author: REP, kind: 'monthly', periodStart: '2026-11-15', words, now: new Date('2026-11-30T08:00:00Z') });
    expect(entry.periodStart).toBe('2026-11-01');
    expect(entry.content).toEqual({ kind: 'monthly', results: ['完成大华年度协议'], problems: ['资料不全'], nextMonthPlan: [] });
    expect(entry.snapshot!.planVsActual).toEqual([
      { plan: '拜访大华商贸 4 次', actual: ['大华商贸有限公司', '大华商贸有限公司', '大华商贸有限公司'], suggestion: 'partly' },
      { plan: '开发 3 家新终端', actual: [], suggestion: 'unknown' },
    ]);
  });
});
