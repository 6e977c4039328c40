/**
 * A rep's written report (weekly, monthly; daily and inspection too) as a ReportDocument, in the
 * report's language: what the rep wrote, then — for a generated report — the numbers it was built
 * from, "as of" the moment they were read. Every export renders this one document.
 */
import type { Locale } from '../../kernel/i18n';
import { formatDay, formatInstantIn, formatMonth, formatWeek, timeZoneNameOf } from '../../kernel/format';
import { unitLabel } from '../../kernel/units';
import { rangeText, say } from '../../store/readable';
import type { DiaryEntry } from '../diary-schema';
import type { DeadlineLine, PlanCompletion, ReportSnapshot } from '../snapshot-schema';
import { periodOf } from '../periods';
import type { Block, DocumentSection, ReportDocument } from './document';

export interface EntryDocumentContext {
  locale: Locale;
  /** A dealer's name; undefined for one this device does not know. */
  dealerName(id: string): string | undefined;
}

const KIND_TITLES = {
  daily: { 'zh-CN': '日报', en: 'Daily report' },
  weekly: { 'zh-CN': '周报', en: 'Weekly report' },
  monthly: { 'zh-CN': '月报', en: 'Monthly report' },
  inspection: { 'zh-CN': '市场巡视报告', en: 'Market inspection report' },
} as const;

const STATUS = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  submitted: { 'zh-CN': '已提交', en: 'Submitted' },
  reviewed: { 'zh-CN': '已批阅', en: 'Reviewed' },
} as const;

const SUGGESTIONS: Record<PlanCompletion, Record<Locale, string>> = {
  done: { 'zh-CN': '已完成', en: 'Done' },
  partly: { 'zh-CN': '部分完成', en: 'Partly done' },
  not: { 'zh-CN': '未完成', en: 'Not done' },
  unknown: { 'zh-CN': '记录中未找到', en: 'Not in the records' },
};

const OUTCOMES: Record<DeadlineLine['outcome'], Record<Locale, string>> = {
  onTime: { 'zh-CN': '按时', en: 'On time' },
  onTimeWithReason: { 'zh-CN': '说明原因后按时', en: 'On time, with a reason' },
  late: { 'zh-CN': '迟交', en: 'Late' },
  missing: { 'zh-CN': '未交', en: 'Missing' },
  draft: { 'zh-CN': '未提交（草稿）', en: 'Not submitted (draft)' },
};

const MISSING_FIELDS = {
  purpose: { 'zh-CN': '目的', en: 'purpose' },
  outcome: { 'zh-CN': '结果', en: 'outcome' },
  order: { 'zh-CN': '未下订单', en: 'no order taken' },
  inventory: { 'zh-CN': '未查库存', en: 'stock not counted' },
} as const;

const PRICE_KINDS: Record<string, Record<Locale, string>> = {
  retail: { 'zh-CN': '零售价', en: 'Retail' },
  wholesale: { 'zh-CN': '批发价', en: 'Wholesale' },
  supply: { 'zh-CN': '供货价', en: 'Supply' },
};

/** "1 Dec 2026, 17:05 (Asia/Shanghai)" — when a snapshot's numbers were read, in the rep's zone. */
export function asOfText(snapshot: Pick<ReportSnapshot, 'asOf' | 'timeZone'>, locale: Locale): string {
  const when = formatInstantIn(snapshot.asOf, locale, snapshot.timeZone);
  // The zone in words ("中国标准时间"), never its id: the reader may be in another zone.
  const zone = timeZoneNameOf(snapshot.timeZone, locale, new Date(snapshot.asOf));
  return say(locale, `数据截至 ${when}（${zone}）`, `Numbers as of ${when} (${zone})`);
}

/** The period a report covers, in words: 2026年第49周（11月30日–12月6日） / Week 49, 2026 (30 Nov – 6 Dec). */
export function periodText(entry: Pick<DiaryEntry, 'periodStart' | 'content'>, locale: Locale): string {
  const period = periodOf(entry.content.kind, entry.periodStart);
  if (period.kind === 'weekly') return `${formatWeek(period.label, locale)}${say(locale, `（${rangeText(period.start, period.end, locale)}）`, ` (${rangeText(period.start, period.end, locale)})`)}`;
  if (period.kind === 'monthly') return formatMonth(period.label, locale);
  return formatDay(period.start, locale, 'full');
}

/** A name for files: ASCII letters, digits and hyphens (a Chinese name is kept out, not mangled). */
function fileNameOf(entry: DiaryEntry): string {
  const period = periodOf(entry.content.kind, entry.periodStart);
  const author = entry.author.name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return [`${entry.content.kind}-report`, period.label, author].filter(Boolean).join('-');
}

const list = (items: readonly string[]): Block[] => {
  const kept = items.map((item) => item.trim()).filter(Boolean);
  return kept.length > 0 ? [{ type: 'list', items: kept }] : [];
};

/** The report as a document in `context.locale`. */
export function documentOfEntry(entry: DiaryEntry, context: EntryDocumentContext): ReportDocument {
  const { locale } = context;
  const t = (zh: string, en: string) => say(locale, zh, en);
  const dealer = (id: string) => context.dealerName(id) ?? t('（未知经销商）', '(unknown dealer)');
  const c = entry.content;
  const title = KIND_TITLES[c.kind][locale];
  const fields = [
    { label: t('周期', 'Period'), value: periodText(entry, locale) },
    { label: t('填写人', 'Written by'), value: entry.author.name },
    { label: t('状态', 'Status'), value: STATUS[entry.status][locale] },
  ];
  if (entry.deadline) {
    const reason = entry.deadline.reason ? t(`（原因：${entry.deadline.reason}）`, ` (reason: ${entry.deadline.reason})`) : '';
    fields.push({ label: t('提交', 'Submitted'), value: `${OUTCOMES[entry.deadline.outcome][locale]}${reason}` });
  }
  const sections: DocumentSection[] = [];
  const s = entry.snapshot;

  switch (c.kind) {
    case 'daily':
      sections.push(
        { id: 'todayWork', heading: t('今日工作', "Today's work"), blocks: list(c.todayWork) },
        { id: 'tomorrowPlan', heading: t('明日计划', "Tomorrow's plan"), blocks: list(c.tomorrowPlan) },
        { id: 'problems', heading: t('需解决的问题', 'Problems to solve'), blocks: list(c.problems) },
      );
      break;
    case 'inspection':
      sections.push(
        { id: 'learned', heading: t('了解了什么', 'Findings'), blocks: list(c.learned) },
        { id: 'handled', heading: t('处理了什么', 'Issues handled'), blocks: list(c.handled) },
        { id: 'guided', heading: t('指导了什么', 'Guidance given'), blocks: list(c.guided) },
      );
      break;
    case 'weekly': {
      const suggestionOf = (item: string) => s?.plan.find((row) => row.item === item);
      sections.push({
        id: 'summary',
        heading: t('上周工作总结', "Last week's work"),
        empty: t('上周没有计划项。', 'No plan items from last week.'),
        blocks:
          c.lastWeekSummary.length > 0
            ? [
                {
                  type: 'table',
                  columns: [
                    { label: t('计划项', 'Plan item'), type: 'text', width: 40 },
                    { label: t('完成度', 'Done'), type: 'percent', width: 10 },
                    ...(s ? [{ label: t('记录显示', 'Records show'), type: 'text' as const, width: 16 }] : []),
                    { label: t('问题 / 原因', 'Problem / reason'), type: 'text', width: 36 },
                  ],
                  rows: c.lastWeekSummary.map((row) => [row.item, row.completion, ...(s ? [SUGGESTIONS[suggestionOf(row.item)?.suggestion ?? 'unknown'][locale]] : []), row.problem]),
                },
              ]
            : [],
      });
      sections.push({
        id: 'plan',
        heading: t('下周工作计划', "Next week's plan"),
        blocks:
          c.nextWeekPlan.length > 0
            ? [
                {
                  type: 'table',
                  columns: [
                    { label: t('重点工作', 'Priority'), type: 'text', width: 50 },
                    { label: t('需要的支持', 'Support needed'), type: 'text', width: 36 },
                  ],
                  rows: c.nextWeekPlan.map((row) => [row.priority, row.support]),
                },
              ]
            : [],
      });
      const required = s?.keyAccounts.required;
      sections.push({
        id: 'keyAccounts',
        heading: t('大客户走访', 'Key-account visits'),
        empty: t('本周没有大客户走访。', 'No key-account visits this week.'),
        blocks: [
          ...(required !== undefined
            ? [{ type: 'paragraph' as const, text: t(`本周 ${c.keyAccountVisits.length} 次，要求至少 ${required} 次。`, `${c.keyAccountVisits.length} this week; at least ${required} required.`) }]
            : []),
          ...(c.keyAccountVisits.length > 0
            ? [
                {
                  type: 'table' as const,
                  columns: [
                    { label: t('客户', 'Customer'), type: 'text' as const, width: 24 },
                    { label: t('日期', 'Day'), type: 'date' as const, width: 12 },
                    { label: t('目的', 'Purpose'), type: 'text' as const, width: 30 },
                    { label: t('结果', 'Outcome'), type: 'text' as const, width: 30 },
                  ],
                  rows: c.keyAccountVisits.map((row) => [dealer(row.dealerId), row.day, row.purpose, row.outcome]),
                },
              ]
            : []),
        ],
      });
      sections.push({
        id: 'grades',
        heading: t('客户级别变动', 'Customer grade changes'),
        empty: t('本周没有客户级别变动。', 'No customer grade changed this week.'),
        blocks:
          c.gradeChanges.length > 0
            ? [
                {
                  type: 'table',
                  columns: [
                    { label: t('客户', 'Customer'), type: 'text', width: 30 },
                    { label: t('原级别', 'From'), type: 'text', width: 10 },
                    { label: t('新级别', 'To'), type: 'text', width: 10 },
                  ],
                  rows: c.gradeChanges.map((row) => [dealer(row.dealerId), row.from ?? t('（首次定级）', '(first graded)'), row.to]),
                },
              ]
            : [],
      });
      if (c.lateReason?.trim() && !entry.deadline?.reason) sections.push({ id: 'lateReason', heading: t('迟交原因', 'Reason for late submission'), blocks: [{ type: 'paragraph', text: c.lateReason.trim() }] });
      break;
    }
    case 'monthly':
      sections.push({ id: 'results', heading: t('工作成果', 'Results'), blocks: list(c.results) });
      if (s?.planVsActual && s.planVsActual.length > 0)
        sections.push({
          id: 'planVsActual',
          heading: t('上月计划与实际', "Last month's plan against the month"),
          blocks: [
            {
              type: 'table',
              columns: [
                { label: t('计划', 'Plan'), type: 'text', width: 36 },
                { label: t('记录显示', 'Records show'), type: 'text', width: 16 },
                { label: t('相关记录', 'Matching records'), type: 'text', width: 44 },
              ],
              rows: s.planVsActual.map((row) => [row.plan, SUGGESTIONS[row.suggestion][locale], row.actual.join(t('；', '; '))]),
            },
          ],
        });
      sections.push(
        { id: 'problems', heading: t('存在问题', 'Problems'), blocks: list(c.problems) },
        { id: 'nextMonthPlan', heading: t('下月工作计划', "Next month's plan"), blocks: list(c.nextMonthPlan) },
      );
      if (c.localProposal?.trim()) sections.push({ id: 'proposal', heading: t('合理化方案', 'Local-market proposal'), blocks: [{ type: 'paragraph', text: c.localProposal.trim() }] });
      break;
  }

  if (s) sections.push(...snapshotSections(s, context));
  const document: ReportDocument = {
    locale,
    title,
    subtitle: `${entry.author.name} · ${periodText(entry, locale)}`,
    fields,
    sections,
    fileName: fileNameOf(entry),
  };
  if (s) document.asOf = asOfText(s, locale);
  return document;
}

/** The numbers a generated report was built from. */
function snapshotSections(s: ReportSnapshot, { locale, dealerName }: EntryDocumentContext): DocumentSection[] {
  const t = (zh: string, en: string) => say(locale, zh, en);
  const dealer = (id: string) => dealerName(id) ?? t('（未知经销商）', '(unknown dealer)');
  const sections: DocumentSection[] = [];
  sections.push({
    id: 'work',
    heading: t('本期工作（来自日报）', 'The work, from the daily reports'),
    empty: t('本期没有日报。', 'No daily reports in this period.'),
    blocks:
      s.work.length > 0
        ? [
            {
              type: 'table',
              columns: [
                { label: t('日期', 'Day'), type: 'date', width: 12 },
                { label: t('工作内容', 'Work'), type: 'text', width: 70 },
              ],
              rows: s.work.flatMap((day) => day.lines.map((line) => [day.day, line])),
            },
          ]
        : [],
  });
  sections.push({
    id: 'dealers',
    heading: t('客户拜访', 'Visits per customer'),
    empty: t('本期没有拜访记录。', 'No visits recorded in this period.'),
    blocks:
      s.dealers.length > 0
        ? [
            {
              type: 'table',
              columns: [
                { label: t('客户', 'Customer'), type: 'text', width: 24 },
                { label: t('拜访次数', 'Visits'), type: 'number', width: 8 },
                { label: t('订货量', 'Ordered'), type: 'number', width: 10 },
                { label: t('单位', 'Unit'), type: 'text', width: 8 },
                { label: t('库存', 'Stock'), type: 'number', width: 10 },
                { label: t('缺少的必销品种', 'Required SKUs missing'), type: 'text', width: 30 },
              ],
              rows: s.dealers.map((row) => [dealer(row.dealerId), row.visits, row.orderQuantity, unitLabel(row.unit, locale, row.orderQuantity), row.inventory ?? null, row.missingSkus.join(t('、', ', '))]),
            },
          ]
        : [],
  });
  const gaps = s.keyAccounts.checks.filter((check) => check.missing.length > 0);
  if (gaps.length > 0 || s.keyAccounts.visited < s.keyAccounts.required)
    sections.push({
      id: 'keyAccountGaps',
      heading: t('可能扣分的大客户走访', 'Key-account visits that could cost points'),
      blocks: [
        ...(s.keyAccounts.visited < s.keyAccounts.required
          ? [{ type: 'paragraph' as const, text: t(`大客户走访 ${s.keyAccounts.visited} 次，少于要求的 ${s.keyAccounts.required} 次。`, `${s.keyAccounts.visited} key-account ${s.keyAccounts.visited === 1 ? 'visit' : 'visits'}, fewer than the ${s.keyAccounts.required} required.`) }]
          : []),
        ...(gaps.length > 0
          ? [
              {
                type: 'table' as const,
                columns: [
                  { label: t('客户', 'Customer'), type: 'text' as const, width: 24 },
                  { label: t('日期', 'Day'), type: 'date' as const, width: 12 },
                  { label: t('缺少', 'Missing'), type: 'text' as const, width: 40 },
                ],
                rows: gaps.map((check) => [dealer(check.dealerId), check.day, check.missing.map((field) => MISSING_FIELDS[field][locale]).join(t('、', ', '))]),
              },
            ]
          : []),
      ],
    });
  sections.push({
    id: 'intel',
    heading: t('竞品信息', 'Competitor intel'),
    empty: t('本期没有记录竞品信息。', 'No competitor intel captured in this period.'),
    blocks:
      s.intel.length > 0
        ? [
            {
              type: 'table',
              columns: [
                { label: t('日期', 'Day'), type: 'date', width: 12 },
                { label: t('竞品', 'Competitor'), type: 'text', width: 16 },
                { label: t('产品', 'Product'), type: 'text', width: 24 },
                { label: t('价格类型', 'Price kind'), type: 'text', width: 10 },
                { label: t('价格', 'Price'), type: 'number', width: 10 },
                { label: t('单位', 'Unit'), type: 'text', width: 10 },
                { label: t('促销', 'Promotion'), type: 'text', width: 30 },
              ],
              rows: s.intel.map((line) => [
                line.day,
                line.competitor,
                line.product ?? '',
                line.price ? (PRICE_KINDS[line.price.kind]?.[locale] ?? line.price.kind) : '',
                line.price?.amount ?? null,
                line.price?.unit ?? '',
                line.promotion ?? '',
              ]),
            },
          ]
        : [],
  });
  if (s.kpis.length > 0)
    sections.push({
      id: 'kpis',
      heading: t('经销商 KPI 变化', "Dealers' KPI movements"),
      blocks: [
        {
          type: 'table',
          columns: [
            { label: t('经销商', 'Dealer'), type: 'text', width: 24 },
            { label: t('月份', 'Month'), type: 'text', width: 12 },
            { label: t('得分', 'Score'), type: 'number', width: 8 },
            { label: t('上月', 'Last month'), type: 'number', width: 10 },
            { label: t('变化', 'Change'), type: 'number', width: 8 },
            { label: t('等级', 'Grade'), type: 'text', width: 8 },
          ],
          rows: [...s.kpis]
            .sort((a, b) => Math.abs(change(b) ?? 0) - Math.abs(change(a) ?? 0))
            .map((move) => [dealer(move.dealerId), formatMonth(move.period, locale), move.score, move.previous, change(move), move.grade ?? '']),
        },
      ],
    });
  sections.push({
    id: 'deadlines',
    heading: t('按时提交情况', 'Deadlines met and missed'),
    blocks:
      s.deadlines.length > 0
        ? [
            {
              type: 'table',
              columns: [
                { label: t('报告', 'Report'), type: 'text', width: 14 },
                { label: t('日期', 'Day'), type: 'date', width: 12 },
                { label: t('结果', 'Outcome'), type: 'text', width: 20 },
              ],
              rows: s.deadlines.map((line) => [KIND_TITLES[line.kind][locale], line.periodStart, OUTCOMES[line.outcome][locale]]),
            },
          ]
        : [],
  });
  sections.push({
    id: 'openProblems',
    heading: t('待解决的问题（来自日报）', 'Open problems, from the daily reports'),
    blocks: list(s.problems.map((problem) => `${formatDay(problem.day, locale, 'short')}${t('：', ': ')}${problem.text}`)),
  });
  return sections;
}

function change(move: { score: number | null; previous: number | null }): number | null {
  return move.score !== null && move.previous !== null ? Math.round((move.score - move.previous) * 10) / 10 : null;
}
