import { defineKind } from '../store/kind';
import { isoWeekOf, monthOf } from '../kernel/dates';
import { field, listOf, noonOf } from '../crm/readable';
import type { ReadableLine } from '../store/kind';
import { DiaryEntry, type DiaryKind } from './diary-schema';
import { Report, Template } from './schema';

const DIARY_TITLES: Record<DiaryKind, { 'zh-CN': string; en: string }> = {
  daily: { 'zh-CN': '日报', en: 'Daily report' },
  weekly: { 'zh-CN': '周报', en: 'Weekly report' },
  monthly: { 'zh-CN': '月报', en: 'Monthly report' },
  inspection: { 'zh-CN': '市场巡视报告', en: 'Market inspection report' },
};

function diaryLines(entry: DiaryEntry): (ReadableLine | undefined)[] {
  const c = entry.content;
  switch (c.kind) {
    case 'daily':
      return [field('今日工作', 'Today', listOf(c.todayWork)), field('明日计划', 'Tomorrow', listOf(c.tomorrowPlan)), field('需解决的问题', 'Problems', listOf(c.problems))];
    case 'weekly':
      return [
        field('上周工作总结', 'Last week', listOf(c.lastWeekSummary.map((s) => `${s.item}（${s.completion}%）${s.problem ? `：${s.problem}` : ''}`))),
        field('下周工作计划', 'Next week', listOf(c.nextWeekPlan.map((p) => (p.support ? `${p.priority}（${p.support}）` : p.priority)))),
        field('大客户走访', 'Key-account visits', c.keyAccountVisits.length || undefined),
        field('迟交原因', 'Late because', c.lateReason),
      ];
    case 'monthly':
      return [
        field('工作成果', 'Results', listOf(c.results)),
        field('存在问题', 'Problems', listOf(c.problems)),
        field('下月工作计划', 'Next month', listOf(c.nextMonthPlan)),
        field('合理化方案', 'Local proposal', c.localProposal),
      ];
    case 'inspection':
      return [field('了解了什么', 'Learned', listOf(c.learned)), field('处理了什么', 'Handled', listOf(c.handled)), field('指导了什么', 'Guided', listOf(c.guided))];
  }
}

/** 日报 / 周报 / 月报 / 市场巡视报告: what a rep or manager writes for a period. */
export const diaryEntryKind = defineKind({
  name: 'diaryEntry',
  table: 'diaryEntries',
  schema: DiaryEntry,
  indexes: ['[author.id+isoWeek]', '[author.id+content.kind+periodStart]'],
  derive: (entry) => ({ isoWeek: isoWeekOf(entry.periodStart), month: monthOf(entry.periodStart) }),
  labels: { 'zh-CN': { one: '工作报告', other: '工作报告' }, en: { one: 'work report', other: 'work reports' } },
  crm: {
    home: 'activity',
    findBy: 'recordId',
    dealerIdOf: () => undefined,
    timestampOf: (entry) => noonOf(entry.periodStart),
    render: (entry) => ({
      title: DIARY_TITLES[entry.content.kind],
      lines: [field('日期', 'Period', entry.periodStart), ...diaryLines(entry)].filter((line) => line !== undefined),
    }),
  },
});

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
    render: (report) => ({
      title: { 'zh-CN': report.title, en: report.title },
      lines: report.sections.map((s) => field(s.heading, s.heading, listOf(s.lines))).filter((line) => line !== undefined),
    }),
  },
});

/** A report template (sections, required fields, deadline rule); built-ins live in ./templates.ts. */
export const templateKind = defineKind({
  name: 'template',
  table: 'templates',
  schema: Template,
  indexes: ['kind'],
  labels: { 'zh-CN': { one: '报告模板', other: '报告模板' }, en: { one: 'report template', other: 'report templates' } },
});
