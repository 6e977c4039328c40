import { defineMessages } from '../../../lib/kernel/i18n';

/** The competitive analysis tab's own words; the report's words are lib/intel/analysis/words.ts. */
export const analysisMessages = defineMessages({
  en: {
    periodKind: 'Period',
    kind_monthly: 'Month',
    kind_weekly: 'Week',
    kind_custom: 'Custom',
    previousMonth: 'Previous month',
    nextMonth: 'Next month',
    previousWeek: 'Previous week',
    nextWeek: 'Next week',
    from: 'From',
    to: 'To',
    invalidDay: 'Enter a day as YYYY-MM-DD, e.g. 2026-11-01.',
    endsBeforeStart: 'The last day cannot be before the first.',
    tooLong: 'Choose at most {days} days.',
    loading: 'Reading the intel…',
    exportBar: 'Export the analysis',
  },
  'zh-CN': {
    periodKind: '周期',
    kind_monthly: '按月',
    kind_weekly: '按周',
    kind_custom: '自定义',
    previousMonth: '上个月',
    nextMonth: '下个月',
    previousWeek: '上一周',
    nextWeek: '下一周',
    from: '开始日期',
    to: '结束日期',
    invalidDay: '请按 YYYY-MM-DD 填写日期，例如 2026-11-01。',
    endsBeforeStart: '结束日期不能早于开始日期。',
    tooLong: '最多选择 {days} 天。',
    loading: '正在读取竞品信息…',
    exportBar: '导出分析报告',
  },
});
