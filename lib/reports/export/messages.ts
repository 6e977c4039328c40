/**
 * The few words the export renderers add around a report's own text (which comes translated in
 * the ReportDocument): how a unit joins a column label or a value, how a label joins its value,
 * and the workbook's overview sheet.
 */
import { defineMessages } from '../../kernel/i18n';

export const exportMessages = defineMessages({
  en: {
    /** A column label with its unit: "Ordered (cases)". */
    labelWithUnit: '{label} ({unit})',
    /** A value with its unit in running text: "120 cases". */
    valueWithUnit: '{value} {unit}',
    /** A label and its value in running text: "Period: Week 49, 2026". */
    pair: '{label}: {value}',
    /** The workbook's first sheet: title, header fields and the as-of line. */
    overviewSheet: 'Overview',
  },
  'zh-CN': {
    labelWithUnit: '{label}（{unit}）',
    valueWithUnit: '{value}{unit}',
    pair: '{label}：{value}',
    overviewSheet: '概览',
  },
});
