/**
 * A composed weekly report as a document and as Markdown, in both languages: golden files of what a
 * rep exports (test/fixtures/report-export/weekly-entry.*.md — reviewed by eye when they change),
 * and the facts the document must carry whatever its layout.
 */
import { describe, expect, it } from 'vitest';
import { composeWeekly, type PeriodSources } from '../../lib/reports/compose/weekly';
import { documentOfEntry } from '../../lib/reports/export/entry-document';
import { renderMarkdown } from '../../lib/reports/export/markdown';
import { periodOf } from '../../lib/reports/periods';
import type { DiaryEntry } from '../../lib/reports/diary-schema';
import type { Dealer } from '../../lib/dealers/schema';
import type { VisitCard } from '../../lib/visits/schema';
import type { IntelItem } from '../../lib/intel/schema';
import type { Locale } from '../../lib/kernel/i18n';

const DAHUA = '01JD0000000000000000000001';
const XINGLONG = '01JD0000000000000000000002';
const REP = { id: 'owner-101', name: 'Zhang Wei 张伟' };
const base = { schemaVersion: 1 as const, author: REP, createdAt: '2026-11-20T00:00:00.000Z', updatedAt: '2026-11-20T00:00:00.000Z' };
const names: Record<string, string> = { [DAHUA]: '大华商贸有限公司', [XINGLONG]: '兴隆批发部' };

const dealer = (id: string, grade: 'A' | 'B' | 'C'): Dealer => ({ ...base, id, name: names[id]!, grade, shared: false, file: { salesRegions: [], mainProducts: [] } });
const card = (id: string, dealerId: string, visitDay: string, more: Partial<VisitCard> = {}): VisitCard =>
  ({
    ...base,
    schemaVersion: 2,
    id,
    dealerId,
    visitDay,
    isoWeek: '2026-W48',
    unit: '箱',
    orderedSkus: [],
    requiredSkus: [],
    recentPurchases: [],
    actions: { checkedInventory: true, didDisplay: true, tookOrder: true, recommendedNewProducts: true },
    keyAccount: false,
    note: '',
    ...more,
  }) as VisitCard;
const daily = (day: string, todayWork: string[], problems: string[] = []): DiaryEntry =>
  ({ ...base, id: `01JD00000000000000000D${day.slice(8)}00`.slice(0, 26), periodStart: day, isoWeek: '2026-W48', status: 'submitted', content: { kind: 'daily', todayWork, tomorrowPlan: [], problems }, annotations: [], deadline: { outcome: 'onTime', dueAt: `${day}T15:59:59Z`, timeZone: 'Asia/Shanghai', submittedAt: `${day}T10:00:00Z` } }) as DiaryEntry;

function composedWeek(): DiaryEntry {
  const previous = {
    ...base,
    id: '01JD0000000000000000000W47',
    periodStart: '2026-11-16',
    status: 'submitted',
    content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [{ priority: '拜访大华商贸，确认年度返利', support: '' }, { priority: '兴隆批发部订货 100 箱', support: '' }, { priority: '参加公司年会筹备', support: '' }], keyAccountVisits: [], gradeChanges: [] },
    snapshot: { grades: [{ dealerId: DAHUA, grade: 'B' }] },
    deadline: { outcome: 'late', dueAt: '2026-11-20T10:00:00Z', timeZone: 'Asia/Shanghai', submittedAt: '2026-11-23T02:00:00Z' },
  } as unknown as DiaryEntry;
  const intel: IntelItem = {
    ...base,
    id: '01JD0000000000000000000I01',
    observedDay: '2026-11-25',
    competitorName: '美孚',
    brand: '美孚1号',
    product: '全合成机油',
    spec: '0W-40 4L',
    sku: '',
    prices: [{ kind: 'retail', amount: 429, currency: 'CNY', unit: '元/瓶' }],
    promotion: { type: 'gift', description: '买4L送1L | 限时' },
    confidence: 'high',
  } as IntelItem;
  const sources: PeriodSources = {
    period: periodOf('weekly', '2026-11-23'),
    timeZone: 'Asia/Shanghai',
    previous,
    dailies: [daily('2026-11-23', ['拜访大华商贸，确认了年度返利方案']), daily('2026-11-24', ['整理客户档案'], ['兴隆批发部欠款 3 万未回'])],
    visits: [
      card('01JD0000000000000000000V01', DAHUA, '2026-11-23', { keyAccount: true, note: '谈年度返利', orderQuantity: 120, currentInventory: 40 }),
      card('01JD0000000000000000000V02', XINGLONG, '2026-11-25', { orderQuantity: 60, requiredSkus: [{ sku: 'HX7-4L', carried: false }], actions: { checkedInventory: false, didDisplay: true, tookOrder: true, recommendedNewProducts: false } }),
    ],
    intel: [intel],
    dealers: [dealer(DAHUA, 'A'), dealer(XINGLONG, 'B')],
    kpis: [{ dealerId: DAHUA, period: '2026-10', score: 82.5, previous: 76, grade: 'B', partial: false, ruleSet: 'dealer-kpi@1' }],
    requiredKeyAccountVisits: 2,
  };
  const { content, snapshot } = composeWeekly(sources, { locale: 'zh-CN', ordered: (q) => `订货 ${q}` }, new Date('2026-11-27T09:05:00Z'));
  content.nextWeekPlan = [{ priority: '拜访 6 家终端，推广 HX7', support: '需要 20 箱陈列物料' }];
  content.lastWeekSummary[1]!.problem = '仓库缺货，下周补';
  return {
    ...base,
    id: '01JD0000000000000000000W48',
    periodStart: '2026-11-23',
    isoWeek: '2026-W48',
    status: 'submitted',
    content,
    snapshot,
    annotations: [],
    deadline: { outcome: 'onTime', dueAt: '2026-11-27T10:00:00Z', timeZone: 'Asia/Shanghai', submittedAt: '2026-11-27T09:30:00Z' },
  } as DiaryEntry;
}

describe('a composed weekly report as a document', () => {
  const entry = composedWeek();
  for (const locale of ['zh-CN', 'en'] as Locale[]) {
    it(`renders to Markdown in ${locale} (golden file)`, async () => {
      const document = documentOfEntry(entry, { locale, dealerName: (id) => names[id] });
      await expect(renderMarkdown(document)).toMatchFileSnapshot(`../fixtures/report-export/weekly-entry.${locale}.md`);
    });
  }

  it('carries the plan with what the records show, the numbers as of when they were read, and every section the issue names', () => {
    const document = documentOfEntry(entry, { locale: 'en', dealerName: (id) => names[id] });
    expect(document.asOf).toBe('Numbers as of 27 Nov 2026, 17:05 (China Standard Time)');
    expect(document.fileName).toBe('weekly-report-2026-W48-zhang-wei');
    expect(document.sections.map((s) => s.id)).toEqual(['summary', 'plan', 'keyAccounts', 'grades', 'work', 'dealers', 'keyAccountGaps', 'intel', 'kpis', 'deadlines', 'openProblems']);
    const summary = document.sections[0]!.blocks[0]!;
    expect(summary.type === 'table' && summary.rows).toEqual([
      ['拜访大华商贸，确认年度返利', 100, 'Done', ''],
      ['兴隆批发部订货 100 箱', 50, 'Partly done', '仓库缺货，下周补'],
      ['参加公司年会筹备', 0, 'Not in the records', ''],
    ]);
    const grades = document.sections[3]!.blocks[0]!;
    expect(grades.type === 'table' && grades.rows).toEqual([['大华商贸有限公司', 'B', 'A']]);
    const gaps = document.sections[6]!.blocks;
    expect(gaps[0]).toEqual({ type: 'paragraph', text: '1 key-account visit, fewer than the 2 required.' });
  });

  it('an unknown dealer is named as unknown, never by its id', () => {
    const document = documentOfEntry(entry, { locale: 'zh-CN', dealerName: () => undefined });
    expect(JSON.stringify(document)).not.toContain(DAHUA);
    expect(JSON.stringify(document)).toContain('（未知经销商）');
  });
});
