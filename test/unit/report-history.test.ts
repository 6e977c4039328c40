/*
 * Searching earlier reports: what text matches in each kind of report and in fields an admin
 * added, the dealer filter (the snapshot's dealers too), excerpts, and what must not match; and
 * the bounded, index-backed read of one author's history.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dealerIdsOfReports, isSearching, matchReport, searchReports, searchableLines } from '../../lib/reports/history';
import { HISTORY_LIMIT, historyOfAuthor } from '../../lib/reports/history-queries';
import type { DiaryEntry } from '../../lib/reports/diary-schema';
import type { ReportSnapshot } from '../../lib/reports/snapshot-schema';
import { isoWeekOf } from '../../lib/kernel/dates';
import { deleteRecord, saveRecord, type RecordDraft } from '../../lib/store/records';
import type { FieldkitDatabase } from '../../lib/store/database';
import { REP, freshDatabase } from '../fixtures/records';

const HUALIAN = '01JD0000000000000000000001';
const YONGSHENG = '01JD0000000000000000000002';
const JINMA = '01JD0000000000000000000003';

let seq = 0;
const id = () => `01JE${String(++seq).padStart(22, '0')}`;

function entry(periodStart: string, content: DiaryEntry['content'], more: Partial<DiaryEntry> = {}): DiaryEntry {
  return {
    id: id(),
    schemaVersion: 1,
    author: REP,
    createdAt: `${periodStart}T10:00:00.000Z`,
    updatedAt: `${periodStart}T10:00:00.000Z`,
    periodStart,
    isoWeek: isoWeekOf(periodStart),
    status: 'submitted',
    content,
    annotations: [],
    ...more,
  };
}

const weekly = (periodStart: string, parts: Partial<Extract<DiaryEntry['content'], { kind: 'weekly' }>> = {}, more: Partial<DiaryEntry> = {}) =>
  entry(periodStart, { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [], keyAccountVisits: [], gradeChanges: [], ...parts }, more);
const daily = (periodStart: string, parts: Partial<Extract<DiaryEntry['content'], { kind: 'daily' }>> = {}, more: Partial<DiaryEntry> = {}) =>
  entry(periodStart, { kind: 'daily', todayWork: [], tomorrowPlan: [], problems: [], ...parts }, more);
const monthly = (periodStart: string, parts: Partial<Extract<DiaryEntry['content'], { kind: 'monthly' }>> = {}) =>
  entry(periodStart, { kind: 'monthly', results: [], problems: [], nextMonthPlan: [], ...parts });
const inspection = (periodStart: string, parts: Partial<Extract<DiaryEntry['content'], { kind: 'inspection' }>> = {}) =>
  entry(periodStart, { kind: 'inspection', learned: [], handled: [], guided: [], ...parts });

function snapshotNaming(dealerIds: string[], kpiDealerIds: string[] = []): ReportSnapshot {
  return {
    asOf: '2026-11-27T10:00:00.000Z',
    timeZone: 'Asia/Shanghai',
    from: '2026-11-23',
    to: '2026-11-29',
    plan: [],
    work: [],
    dealers: dealerIds.map((dealerId) => ({ dealerId, visits: 1, days: ['2026-11-24'], orderQuantity: 10, unit: '箱', missingSkus: [], keyAccount: false })),
    keyAccounts: { required: 2, visited: 0, checks: [] },
    intel: [],
    kpis: kpiDealerIds.map((dealerId) => ({ dealerId, period: '2026-11', score: 80, previous: 70, grade: 'B', partial: false, ruleSet: 'default' })),
    deadlines: [],
    problems: [],
    grades: [],
  };
}

const matched = (e: DiaryEntry, text: string) => matchReport(e, { text }).matched;

describe('matchReport: text in each kind of report', () => {
  it('finds the weekly report’s summary items and problems, plan priorities and support, key-account purposes and outcomes, and the late reason', () => {
    const report = weekly('2026-11-23', {
      lastWeekSummary: [{ item: '华联商贸签约 HX7 分销', completion: 80, problem: '回款慢' }],
      nextWeekPlan: [{ priority: '永盛批发回款 10 万', support: '需要财务对账' }],
      keyAccountVisits: [{ dealerId: HUALIAN, day: '2026-11-24', purpose: '核对库存', outcome: '补货 30 箱' }],
      lateReason: '出差在外',
    });
    for (const text of ['签约', '回款慢', '永盛批发', '财务对账', '核对库存', '补货 30', '出差']) expect(matched(report, text), text).toBe(true);
    expect(matched(report, '陈列')).toBe(false);
  });

  it('finds the daily report’s work, plan and problems', () => {
    const report = daily('2026-11-24', { todayWork: ['拜访金马商行'], tomorrowPlan: ['Call Yongsheng about the invoice'], problems: ['仓库漏水'] });
    expect(matched(report, '金马')).toBe(true);
    expect(matched(report, 'invoice')).toBe(true);
    expect(matched(report, '漏水')).toBe(true);
    expect(matched(report, '华联')).toBe(false);
  });

  it('finds the monthly report’s results, problems, next month’s plan and the local proposal', () => {
    const report = monthly('2026-11-01', { results: ['新增终端 12 家'], problems: ['价格战'], nextMonthPlan: ['开发县城市场'], localProposal: '建议在春节前\n加大促销力度' });
    for (const text of ['终端 12', '价格战', '县城', '春节前 加大']) expect(matched(report, text), text).toBe(true);
    expect(matched(report, '回款')).toBe(false);
  });

  it('finds the inspection’s learned, handled and guided lines', () => {
    const report = inspection('2026-11-25', { learned: ['竞品降价 5%'], handled: ['窜货投诉'], guided: ['新人陈列标准'] });
    for (const text of ['降价', '窜货', '陈列标准']) expect(matched(report, text), text).toBe(true);
    expect(matched(report, '签约')).toBe(false);
  });

  it('finds the text of fields an admin added (strings and lists of strings), never a stored id, day, number or yes/no map', () => {
    const report = weekly('2026-11-23', {}, { extra: { competitor: '蓝月亮新品上市', notes: ['样品已寄出', 42], customer: JINMA, visitDay: '2026-11-25', boxes: 120, skus: { 'SKU-9': true } } });
    expect(matched(report, '蓝月亮')).toBe(true);
    expect(matched(report, '样品')).toBe(true);
    expect(matched(report, JINMA.slice(0, 8))).toBe(false);
    expect(matched(report, '2026-11')).toBe(false);
    expect(matched(report, '120')).toBe(false);
    expect(matched(report, 'sku-9')).toBe(false);
    expect(searchableLines(report)).toEqual(['蓝月亮新品上市', '样品已寄出']);
  });

  it('ignores case, extra and leading/trailing whitespace, line breaks and full-width forms', () => {
    const report = weekly('2026-11-23', { nextWeekPlan: [{ priority: 'Sign  the HX7\ndeal with 华联', support: '' }] });
    expect(matched(report, '  sign the hx7 deal ')).toBe(true);
    expect(matched(report, 'ＨＸ７')).toBe(true);
    expect(matched(report, 'SIGN\tTHE')).toBe(true);
    expect(matched(report, 'hx8')).toBe(false);
    // An ideographic space reads as a space; the excerpt shows it as one.
    const chinese = daily('2026-11-24', { todayWork: ['拜访华联\u3000商贸，ＨＸ７补货'] });
    expect(matchReport(chinese, { text: '华联 商贸' }).excerpt).toEqual({ before: '拜访', match: '华联 商贸', after: '，ＨＸ７补货' });
    expect(matchReport(chinese, { text: 'hx7补货' }).excerpt).toEqual({ before: '拜访华联 商贸，', match: 'ＨＸ７补货', after: '' });
  });

  it('matches several words found in different lines, but not when one of them is missing', () => {
    const report = weekly('2026-11-23', { lastWeekSummary: [{ item: '华联商贸签约', completion: 100, problem: '' }], nextWeekPlan: [{ priority: '回款 10 万', support: '' }] });
    const both = matchReport(report, { text: '华联 回款' });
    expect(both.matched).toBe(true);
    expect(both.excerpt).toEqual({ before: '', match: '华联', after: '商贸签约' });
    expect(matched(report, '华联 陈列')).toBe(false);
  });

  it('a blank search matches everything, with no excerpt', () => {
    const report = daily('2026-11-24');
    expect(matchReport(report, {})).toEqual({ matched: true });
    expect(matchReport(report, { text: '   ' })).toEqual({ matched: true });
    expect(isSearching({ text: ' \n ' })).toBe(false);
    expect(isSearching({ text: '回款' })).toBe(true);
    expect(isSearching({ dealerId: HUALIAN })).toBe(true);
  });
});

describe('matchReport: excerpts', () => {
  it('cuts a long Chinese line around the match and marks the cuts', () => {
    const line = '本周重点跟进华联商贸的年度框架协议，对方采购经理表示下周一可以签约，同时需要我们提供最新的价格表和促销方案以便内部审批流程顺利推进，争取在月底之前完成首批订货并安排到店陈列';
    const { matched: hit, excerpt } = matchReport(daily('2026-11-24', { todayWork: ['无关的一行', line] }), { text: '签约' });
    expect(hit).toBe(true);
    expect(excerpt!.match).toBe('签约');
    expect(excerpt!.before.startsWith('…')).toBe(true);
    expect(excerpt!.after.endsWith('…')).toBe(true);
    expect(line).toContain(`${excerpt!.before.slice(1)}签约${excerpt!.after.slice(0, -1)}`);
    expect(Array.from(excerpt!.before).length).toBeLessThanOrEqual(15);
    expect(Array.from(excerpt!.after).length).toBeLessThanOrEqual(33);
  });

  it('keeps the report’s own spelling of the match and shows a multi-line field on one line', () => {
    const report = monthly('2026-11-01', { localProposal: '建议：\n  HX7 在县城\n铺货' });
    expect(matchReport(report, { text: 'hx7 在县城 铺货' }).excerpt).toEqual({ before: '建议： ', match: 'HX7 在县城\n铺货'.replace('\n', ' '), after: '' });
  });

  it('does not start an English excerpt in the middle of a word', () => {
    const report = daily('2026-11-24', { todayWork: ['Visited the wholesale market downtown and met the Yongsheng buyer about the invoice'] });
    const { excerpt } = matchReport(report, { text: 'invoice' });
    expect(excerpt!.match).toBe('invoice');
    // The last 14 characters would start "yer about the ": the excerpt starts at the next word.
    expect(excerpt!.before).toBe('…about the ');
    expect(excerpt!.after).toBe('');
  });

  it('has no excerpt when only a dealer was asked for', () => {
    const report = weekly('2026-11-23', { keyAccountVisits: [{ dealerId: HUALIAN, day: '2026-11-24', purpose: '对账', outcome: '' }] });
    expect(matchReport(report, { dealerId: HUALIAN })).toEqual({ matched: true });
  });
});

describe('matchReport: the dealer filter', () => {
  const named = weekly('2026-11-23', {
    keyAccountVisits: [{ dealerId: HUALIAN, day: '2026-11-24', purpose: '对账', outcome: '' }],
    gradeChanges: [{ dealerId: YONGSHENG, from: 'B', to: 'A' }],
  });
  const generated = weekly('2026-11-16', { nextWeekPlan: [{ priority: '对账', support: '' }] }, { snapshot: snapshotNaming([JINMA], [YONGSHENG]) });

  it('matches the dealers of key-account visits and grade changes', () => {
    expect(matchReport(named, { dealerId: HUALIAN }).matched).toBe(true);
    expect(matchReport(named, { dealerId: YONGSHENG }).matched).toBe(true);
    expect(matchReport(named, { dealerId: JINMA }).matched).toBe(false);
  });

  it('matches the dealers a generated report’s snapshot covers (visits and KPI moves)', () => {
    expect(matchReport(generated, { dealerId: JINMA }).matched).toBe(true);
    expect(matchReport(generated, { dealerId: YONGSHENG }).matched).toBe(true);
    expect(matchReport(generated, { dealerId: HUALIAN }).matched).toBe(false);
  });

  it('needs both the dealer and the text when both are asked', () => {
    expect(matchReport(named, { dealerId: HUALIAN, text: '对账' }).matched).toBe(true);
    expect(matchReport(named, { dealerId: JINMA, text: '对账' }).matched).toBe(false);
    expect(matchReport(named, { dealerId: HUALIAN, text: '签约' }).matched).toBe(false);
  });

  it('a report of a kind that names no dealer never matches a dealer', () => {
    expect(matchReport(daily('2026-11-24', { todayWork: ['华联商贸'] }), { dealerId: HUALIAN }).matched).toBe(false);
  });

  it('finds text in the names of the dealers a report names, when the names are given', () => {
    const dealerNames = { [HUALIAN]: '华联商贸', [YONGSHENG]: '永盛批发', [JINMA]: '金马商行' };
    expect(matchReport(generated, { text: '金马', dealerNames })).toEqual({ matched: true, excerpt: { before: '', match: '金马', after: '商行' } });
    expect(matchReport(named, { text: '永盛', dealerNames }).matched).toBe(true);
    // Words split between a line and a dealer's name.
    expect(matchReport(named, { text: '对账 华联', dealerNames }).excerpt).toEqual({ before: '', match: '对账', after: '' });
    // Not a dealer the report does not name, and not without the names.
    expect(matchReport(named, { text: '金马', dealerNames }).matched).toBe(false);
    expect(matchReport(generated, { text: '金马' }).matched).toBe(false);
  });

  it('lists every dealer the reports name once', () => {
    expect(dealerIdsOfReports([named, generated]).sort()).toEqual([HUALIAN, YONGSHENG, JINMA].sort());
    expect(dealerIdsOfReports([daily('2026-11-24')])).toEqual([]);
  });
});

describe('searchReports', () => {
  it('lists the matches by period, newest first, with their excerpts, and leaves the rest out', () => {
    const older = daily('2026-11-02', { todayWork: ['华联回款'] });
    const none = daily('2026-11-20', { todayWork: ['陈列'] });
    const newer = daily('2026-11-24', { problems: ['华联库存不足'] });
    const results = searchReports([older, none, newer], { text: '华联' });
    expect(results.map((r) => r.entry.periodStart)).toEqual(['2026-11-24', '2026-11-02']);
    expect(results[0]!.excerpt).toEqual({ before: '', match: '华联', after: '库存不足' });
    expect(searchReports([older, none, newer], { text: '签约' })).toEqual([]);
    expect(searchReports([older, none, newer], {}).map((r) => r.entry.periodStart)).toEqual(['2026-11-24', '2026-11-20', '2026-11-02']);
  });
});

describe('historyOfAuthor', () => {
  let db: FieldkitDatabase;
  afterEach(async () => {
    await db?.delete();
  });

  const draft = (periodStart: string, kind: 'weekly' | 'daily' = 'weekly'): RecordDraft<'diaryEntries'> => {
    const { id: _id, author: _a, createdAt: _c, updatedAt: _u, schemaVersion: _s, ...rest } = kind === 'weekly' ? weekly(periodStart) : daily(periodStart);
    return rest;
  };

  it('reads one author’s live entries of a kind before the current period, newest first', async () => {
    db = freshDatabase();
    await saveRecord(db, 'diaryEntries', draft('2026-11-02'), { author: REP });
    await saveRecord(db, 'diaryEntries', draft('2026-11-16'), { author: REP });
    const deleted = await saveRecord(db, 'diaryEntries', draft('2026-11-09'), { author: REP });
    await deleteRecord(db, 'diaryEntries', deleted.id, { author: REP });
    await saveRecord(db, 'diaryEntries', draft('2026-11-30'), { author: REP }); // the current period
    await saveRecord(db, 'diaryEntries', draft('2026-11-17', 'daily'), { author: REP });
    await saveRecord(db, 'diaryEntries', draft('2026-11-23'), { author: { id: 'someone-else', name: '李' } });
    const entries = await historyOfAuthor.run(db, { authorId: REP.id, kind: 'weekly', before: '2026-11-30' });
    expect(entries.map((e) => e.periodStart)).toEqual(['2026-11-16', '2026-11-02']);
  });

  it('is bounded to ten years of weekly reports', () => {
    expect(HISTORY_LIMIT).toBe(520);
  });
});
