/**
 * Templates and the values of their added fields in words, in one language: the template's CRM
 * note (what a CRM user without Fieldkit reads), and an entry's added fields as labelled lines
 * (the reading layout, a CRM note). Pure: no React.
 */
import type { Locale } from '../kernel/i18n';
import type { ReadableLine, ReadableRecord, RenderContext } from '../store/kind';
import { dayText, field, numberText, present, say, section } from '../store/readable';
import { formatQuantity, unitLabel } from '../kernel/units';
import type { DeadlineSubject } from './deadline-rules';
import type { FieldType, LocalText, Template, TemplateField } from './schema';
import { deadlineSubjectsShownFor, KIND_NAMES, sectionsOf } from './templates';

/** The deadline subjects by name, in the words of Options › Deadlines (components/reports/deadline-messages.ts). */
export const DEADLINE_SUBJECT_NAMES: Record<DeadlineSubject, LocalText> = {
  terminalDaily: { 'zh-CN': '经销商终端日报', en: 'Dealer terminal daily report' },
  daily: { 'zh-CN': '日报', en: 'Daily report' },
  weekly: { 'zh-CN': '周报', en: 'Weekly report' },
  customerFile: { 'zh-CN': '客户档案周更新', en: 'Weekly customer-file update' },
  rebateTables: { 'zh-CN': '返利表', en: 'Rebate tables' },
  monthlyRep: { 'zh-CN': '月报（销售员）', en: 'Monthly report (rep)' },
  monthlyManager: { 'zh-CN': '月报（区域经理）', en: 'Monthly report (regional manager)' },
  assessmentForms: { 'zh-CN': '考核表（交人事）', en: 'Assessment forms to HR' },
  feedbackInterview: { 'zh-CN': '考核后反馈面谈', en: 'Feedback interview after an assessment' },
  inspection: { 'zh-CN': '市场巡视报告', en: 'Market inspection report' },
};

/** The field types by name. */
export const FIELD_TYPE_NAMES: Record<FieldType, LocalText> = {
  text: { 'zh-CN': '文字', en: 'Text' },
  number: { 'zh-CN': '数字', en: 'Number' },
  choice: { 'zh-CN': '单选', en: 'Choice' },
  skuChecklist: { 'zh-CN': '品种清单', en: 'SKU checklist' },
  customer: { 'zh-CN': '客户', en: 'Customer' },
  date: { 'zh-CN': '日期', en: 'Date' },
};

const typeName = (type: string, locale: Locale) => FIELD_TYPE_NAMES[type as FieldType]?.[locale] ?? type;

/** A reminder lead time in words: 2 小时 / 2 hours, 1 天 / 1 day. */
export function reminderText(minutes: number, locale: Locale): string {
  if (minutes <= 0) return say(locale, '不提醒', 'No reminder');
  const n = (value: number) => numberText(value, locale);
  if (minutes % 1440 === 0) return say(locale, `截止前 ${n(minutes / 1440)} 天`, `${n(minutes / 1440)} ${minutes === 1440 ? 'day' : 'days'} before the deadline`);
  if (minutes % 60 === 0) return say(locale, `截止前 ${n(minutes / 60)} 小时`, `${n(minutes / 60)} ${minutes === 60 ? 'hour' : 'hours'} before the deadline`);
  return say(locale, `截止前 ${n(minutes)} 分钟`, `${n(minutes)} ${minutes === 1 ? 'minute' : 'minutes'} before the deadline`);
}

/** A template as its CRM note reads: name, report, version, deadline rule, sections and fields. */
export function renderTemplate(template: Template, { locale }: RenderContext): ReadableRecord {
  const sections = sectionsOf(template).map((s) => {
    const flag = s.hidden ? say(locale, '（隐藏）', ' (hidden)') : s.required ? say(locale, '（必填）', ' (required)') : '';
    return `${s.label[locale]}${flag}`;
  });
  const fields = template.fields.map((f) =>
    [f.label[locale], f.type === 'number' && f.unit ? `${typeName(f.type, locale)}${say(locale, `（${unitLabel(f.unit, locale, 2)}）`, ` (${unitLabel(f.unit, locale, 2)})`)}` : typeName(f.type, locale), f.required ? say(locale, '必填', 'required') : undefined]
      .filter(Boolean)
      .join(' · '),
  );
  return {
    title: { 'zh-CN': '报告模板', en: 'Report template' },
    date: dayText(template.createdAt.slice(0, 10), locale),
    lines: present([
      field('名称', 'Name', template.name[locale]),
      field('报告', 'Report', KIND_NAMES[template.kind][locale]),
      field('版本', 'Version', numberText(template.version, locale)),
      field('截止规则', 'Deadline rule', deadlineSubjectsShownFor(template).map((s) => DEADLINE_SUBJECT_NAMES[s][locale]).join(say(locale, '、', ', '))),
      field('提醒', 'Reminder', reminderText(template.remindBeforeMinutes, locale)),
      field('每周大客户走访', 'Key-account visits a week', template.minKeyAccountVisits !== undefined ? numberText(template.minKeyAccountVisits, locale) : undefined),
    ]),
    sections: present([section('各部分', 'Sections', sections), section('自定义字段', 'Added fields', fields)]),
  };
}

/**
 * One added field's value in words, or undefined when it has none: a number with its unit, a
 * choice by its label, a SKU checklist as "甲 ✓、乙 ✗", a customer by name, a day in words.
 */
export function fieldValueText(f: TemplateField, value: unknown, locale: Locale, dealerName: (id: string) => string | undefined): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  switch (f.type) {
    case 'text':
      return typeof value === 'string' && value.trim() ? value.trim() : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? formatQuantity(value, f.unit ?? '', locale) : undefined;
    case 'choice': {
      const choice = (f.choices ?? []).find((c) => c.value === value);
      return choice ? choice.label[locale] : undefined;
    }
    case 'customer':
      return typeof value === 'string' ? (dealerName(value) ?? say(locale, '（未知客户）', '(unknown customer)')) : undefined;
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayText(value, locale) : undefined;
    case 'skuChecklist': {
      if (typeof value !== 'object') return undefined;
      const answers = value as Record<string, unknown>;
      const items = (f.skus ?? []).filter((sku) => typeof answers[sku] === 'boolean').map((sku) => `${sku} ${answers[sku] ? '✓' : '✗'}`);
      return items.length > 0 ? items.join(say(locale, '、', ', ')) : undefined;
    }
    default:
      return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  }
}

/** An entry's added fields as labelled lines, in the template's order; empty ones left out. */
export function customFieldLines(template: Pick<Template, 'fields'>, extra: Record<string, unknown> | undefined, locale: Locale, dealerName: (id: string) => string | undefined): ReadableLine[] {
  return template.fields.flatMap((f) => {
    const text = fieldValueText(f, extra?.[f.key], locale, dealerName);
    return text === undefined ? [] : [{ label: f.label, value: text }];
  });
}
