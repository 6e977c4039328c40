import { defineKind, type ReadableRecord, type RenderContext } from '../store/kind';
import { daysOfIsoWeek, isoWeekOf, monthOf, toDay } from '../kernel/dates';
import type { Locale } from '../kernel/i18n';
import { dayText, field, monthText, noonOf, numberText, paragraph, present, rangeText, say, section, weekText } from '../store/readable';
import { DiaryEntry, dealerIdsNamedIn, type DiaryKind } from './diary-schema';
import { Report, Template } from './schema';
import { ReviewEvent } from './review-schema';
import { renderTemplate } from './template-render';

/** The title of each kind of diary entry: heads its CRM note and names it in the footer. */
const DIARY_TITLES: Record<DiaryKind, Record<Locale, string>> = {
  daily: { 'zh-CN': '日报', en: 'Daily report' },
  weekly: { 'zh-CN': '周报', en: 'Weekly report' },
  monthly: { 'zh-CN': '月报', en: 'Monthly report' },
  inspection: { 'zh-CN': '市场巡视报告', en: 'Market inspection report' },
};

const OUTCOMES: Record<NonNullable<DiaryEntry['deadline']>['outcome'], Record<Locale, string>> = {
  onTime: { 'zh-CN': '按时', en: 'on time' },
  onTimeWithReason: { 'zh-CN': '说明原因后按时', en: 'on time, with a reason' },
  late: { 'zh-CN': '迟交', en: 'late' },
};

const STATUS: Record<DiaryEntry['status'], Record<Locale, string>> = {
  draft: { 'zh-CN': '草稿', en: 'draft' },
  submitted: { 'zh-CN': '已提交', en: 'submitted' },
  reviewed: { 'zh-CN': '已批阅', en: 'reviewed' },
};

/** A diary entry as its reader reads it, in the record's language; dealers by name. */
function renderDiaryEntry(entry: DiaryEntry, { locale, dealerName }: RenderContext): ReadableRecord {
  const c = entry.content;
  const title = DIARY_TITLES[c.kind];
  const status = field('状态', 'Status', STATUS[entry.status][locale]);
  // How the submission met its deadline, and how often it changed after: what a CRM reader audits.
  const outcome = entry.deadline
    ? field('提交', 'Submitted', `${OUTCOMES[entry.deadline.outcome][locale]}${entry.deadline.reason ? say(locale, `（原因：${entry.deadline.reason}）`, ` (reason: ${entry.deadline.reason})`) : ''}`)
    : undefined;
  const changedAfter = (entry.revisions ?? []).filter((r) => r.action !== 'submitted').length;
  const revisions = changedAfter > 0 ? field('提交后修改', 'Changed after submitting', say(locale, `${changedAfter} 次`, `${changedAfter} ${changedAfter === 1 ? 'time' : 'times'}`)) : undefined;
  const dealer = (id: string) => dealerName(id) ?? say(locale, '（未知经销商）', '(unknown dealer)');
  switch (c.kind) {
    case 'daily':
    case 'inspection': {
      const day = dayText(entry.periodStart, locale);
      const sections =
        c.kind === 'daily'
          ? [section('今日工作', "Today's work", c.todayWork), section('明日计划', "Tomorrow's plan", c.tomorrowPlan), section('需解决的问题', 'Problems to solve', c.problems)]
          : [section('了解了什么', 'Findings', c.learned), section('处理了什么', 'Issues handled', c.handled), section('指导了什么', 'Guidance given', c.guided)];
      return { title, date: day, lines: present([field('日期', 'Date', day), status, outcome, revisions]), sections: present(sections) };
    }
    case 'weekly': {
      const week = daysOfIsoWeek(entry.periodStart);
      const weekNo = Number(entry.isoWeek.slice(entry.isoWeek.indexOf('W') + 1));
      const period = `${rangeText(week[0], week[6], locale)}${say(locale, `（第${weekNo}周）`, ` (week ${weekNo})`)}`;
      // Chinese reads best with brackets and full-width semicolons; English with separated,
      // capitalised labels, since what follows each is the rep's own sentence.
      const summary = c.lastWeekSummary.map((s) => {
        const problem = s.problem.trim();
        return say(
          locale,
          `${s.item}（完成度 ${s.completion}%）${problem ? `；问题：${problem}` : ''}`,
          `${s.item} · ${s.completion}% done${problem ? ` · Issue: ${problem}` : ''}`,
        );
      });
      const plan = c.nextWeekPlan.map((p) => {
        const support = p.support.trim();
        return support ? say(locale, `${p.priority}（需要支持：${support}）`, `${p.priority} · Support needed: ${support}`) : p.priority;
      });
      const visits = c.keyAccountVisits.map((v) =>
        [dealer(v.dealerId), dayText(v.day, locale, entry.periodStart), say(locale, `目的：${v.purpose}`, `Purpose: ${v.purpose}`), say(locale, `结果：${v.outcome}`, `Outcome: ${v.outcome}`)].join(' · '),
      );
      const grades = c.gradeChanges.map((g) =>
        g.from ? `${dealer(g.dealerId)}${say(locale, '：', ': ')}${g.from} → ${g.to}` : say(locale, `${dealer(g.dealerId)}：首次定级 ${g.to}`, `${dealer(g.dealerId)}: first graded ${g.to}`),
      );
      return {
        title,
        date: weekText(entry.isoWeek, locale),
        lines: present([field('周期', 'Period', period), status, outcome, revisions, entry.deadline?.reason ? undefined : field('迟交原因', 'Reason for late submission', c.lateReason?.trim())]),
        sections: present([
          section('上周工作总结', "Last week's work", summary),
          section('下周工作计划', "Next week's plan", plan),
          section('大客户走访', 'Key-account visits', visits),
          section('客户级别变动', 'Customer grade changes', grades),
        ]),
      };
    }
    case 'monthly': {
      const month = monthText(entry.month ?? monthOf(entry.periodStart), locale);
      return {
        title,
        date: month,
        lines: present([field('月份', 'Month', month), status, outcome, revisions]),
        sections: present([
          section('工作成果', 'Results', c.results),
          section('存在问题', 'Problems', c.problems),
          section('下月工作计划', "Next month's plan", c.nextMonthPlan),
          paragraph('合理化方案', 'Improvement proposal', c.localProposal),
        ]),
      };
    }
  }
}

/** 日报 / 周报 / 月报 / 市场巡视报告: what a rep or manager writes for a period. */
export const diaryEntryKind = defineKind({
  name: 'diaryEntry',
  table: 'diaryEntries',
  schema: DiaryEntry,
  indexes: ['[author.id+isoWeek]', '[author.id+content.kind+periodStart]', '[content.kind+periodStart]'],
  derive: (entry) => ({ isoWeek: isoWeekOf(entry.periodStart), month: monthOf(entry.periodStart) }),
  labels: { 'zh-CN': { one: '工作报告', other: '工作报告' }, en: { one: 'work report', other: 'work reports' } },
  crm: {
    home: 'activity',
    findBy: 'recordId',
    dealerIdOf: () => undefined,
    dealerIdsNamedIn,
    timestampOf: (entry) => noonOf(entry.periodStart),
    render: renderDiaryEntry,
  },
});

const REPORT_KINDS: Record<Report['kind'], Record<Locale, string>> = {
  weekly: { 'zh-CN': '一键周报', en: 'weekly summary' },
  teamRollup: { 'zh-CN': '团队汇总', en: 'team roll-up' },
  competitorAnalysis: { 'zh-CN': '竞品分析', en: 'competitor analysis' },
};

/**
 * A generated report as its reader reads it; its own title and headings are the report's words.
 * One note per report (a team roll-up covers many dealers: it is associated to none, so posting
 * it again updates that one note).
 */
function renderReport(report: Report, { locale }: RenderContext): ReadableRecord {
  const generated = dayText(toDay(new Date(report.generatedAt)), locale);
  const sources = report.sourceRecordIds.length;
  return {
    title: { 'zh-CN': '汇总报告', en: 'Report' },
    date: generated,
    lines: present([
      field('标题', 'Title', report.title),
      field('类型', 'Type', REPORT_KINDS[report.kind][locale]),
      report.month ? field('月份', 'Covers', monthText(report.month, locale)) : field('周次', 'Covers', report.isoWeek ? weekText(report.isoWeek, locale) : undefined),
      field('生成日期', 'Generated on', generated),
      field('依据', 'Based on', sources > 0 ? say(locale, `${numberText(sources, locale)} 条记录`, `${numberText(sources, locale)} ${sources === 1 ? 'record' : 'records'}`) : undefined),
    ]),
    sections: present(report.sections.map((s) => section(s.heading, s.heading, s.lines))),
  };
}

/** A generated report (one-click weekly report, team roll-up, competitive analysis). */
export const reportKind = defineKind({
  name: 'report',
  table: 'reports',
  schema: Report,
  indexes: ['[author.id+kind+generatedAt]'],
  labels: { 'zh-CN': { one: '汇总报告', other: '汇总报告' }, en: { one: 'generated report', other: 'generated reports' } },
  crm: {
    home: 'activity',
    findBy: 'recordId',
    dealerIdOf: () => undefined,
    timestampOf: (report) => report.generatedAt,
    render: renderReport,
  },
});

/**
 * A version of a report template (sections, added fields, deadline subject, reminder); built-ins
 * live in ./templates.ts and are never stored. Versions and their activation marks sync as notes
 * without a dealer, so every device writes with the same template and can read any entry's.
 */
export const templateKind = defineKind({
  name: 'template',
  table: 'templates',
  schema: Template,
  indexes: ['kind'],
  labels: { 'zh-CN': { one: '报告模板', other: '报告模板' }, en: { one: 'report template', other: 'report templates' } },
  crm: {
    home: 'activity',
    findBy: 'recordId',
    dealerIdOf: () => undefined,
    timestampOf: (template) => template.createdAt,
    render: renderTemplate,
  },
});

const REVIEW_ACTIONS: Record<ReviewEvent['action'], Record<Locale, string>> = {
  read: { 'zh-CN': '已读', en: 'Read' },
  annotate: { 'zh-CN': '批注', en: 'Annotation' },
  reply: { 'zh-CN': '回复批注', en: 'Reply to an annotation' },
  return: { 'zh-CN': '退回修改', en: 'Returned for revision' },
  review: { 'zh-CN': '已批阅', en: 'Reviewed' },
};

/** A review action as a CRM reader reads it: which report, what was done, and what was said. */
function renderReviewEvent(event: ReviewEvent, { locale }: RenderContext): ReadableRecord {
  const report = DIARY_TITLES[event.entryKind][locale];
  const period =
    event.entryKind === 'weekly' ? weekText(isoWeekOf(event.entryPeriodStart), locale) : event.entryKind === 'monthly' ? monthText(monthOf(event.entryPeriodStart), locale) : dayText(event.entryPeriodStart, locale);
  return {
    title: { 'zh-CN': '报告批阅', en: 'Report review' },
    date: dayText(toDay(new Date(event.at)), locale),
    lines: present([
      field('报告', 'Report', `${report} · ${period}`),
      field('操作', 'Action', REVIEW_ACTIONS[event.action][locale]),
      field('批注的内容', 'About', event.quote?.trim() || undefined),
      field('意见', 'Comment', event.text?.trim() || undefined),
    ]),
  };
}

/** 批注: a manager's read receipt, annotation, return or review mark, or the rep's reply. */
export const reviewEventKind = defineKind({
  name: 'reviewEvent',
  table: 'reviewEvents',
  schema: ReviewEvent,
  indexes: ['[entryId+at]', '[entryAuthorId+at]'],
  labels: { 'zh-CN': { one: '批阅记录', other: '批阅记录' }, en: { one: 'review note', other: 'review notes' } },
  crm: {
    home: 'activity',
    findBy: 'recordId',
    dealerIdOf: () => undefined,
    timestampOf: (event) => event.at,
    render: renderReviewEvent,
  },
});
