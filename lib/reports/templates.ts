import type { LocalText, Template, TemplateKind, TemplateSection } from './schema';
import { subjectOfDiary, type DeadlineSubject } from './deadline-rules';

const SYSTEM = { id: 'fieldkit', name: 'Fieldkit' };
const BUILT_IN_AT = '2026-11-01T00:00:00.000Z';

/** One of a report kind's own sections, as the product names it. */
export interface BuiltInSection {
  /** The content field of the kind (lib/reports/diary-schema.ts). */
  key: string;
  label: LocalText;
}

/**
 * The sections each report kind has, in the order its editor shows them, with the product's own
 * words (the same as the report editor's and the CRM note's). A template can relabel, hint,
 * require or hide them, never add to or reorder them: the editor of each kind is built for these
 * fields. A weekly report's reason for a late submission is not here: the deadline asks for it.
 */
export const BUILT_IN_SECTIONS: Record<TemplateKind, readonly BuiltInSection[]> = {
  daily: [
    { key: 'todayWork', label: { 'zh-CN': '今日工作内容', en: "Today's work" } },
    { key: 'tomorrowPlan', label: { 'zh-CN': '明日计划', en: "Tomorrow's plan" } },
    { key: 'problems', label: { 'zh-CN': '需解决的问题', en: 'Problems to solve' } },
  ],
  weekly: [
    { key: 'lastWeekSummary', label: { 'zh-CN': '上周工作总结', en: "Last week's summary" } },
    { key: 'nextWeekPlan', label: { 'zh-CN': '下周工作计划', en: "Next week's plan" } },
    { key: 'keyAccountVisits', label: { 'zh-CN': '大客户走访情况', en: 'Key-account visits' } },
    { key: 'gradeChanges', label: { 'zh-CN': '客户级别变动', en: 'Customer grade changes' } },
  ],
  monthly: [
    { key: 'results', label: { 'zh-CN': '工作成果', en: 'Results' } },
    { key: 'problems', label: { 'zh-CN': '存在问题', en: 'Problems' } },
    { key: 'nextMonthPlan', label: { 'zh-CN': '下月工作计划', en: "Next month's plan" } },
    { key: 'localProposal', label: { 'zh-CN': '合理化方案', en: 'Local-market proposal' } },
  ],
  inspection: [
    { key: 'learned', label: { 'zh-CN': '了解了什么', en: 'What I learned' } },
    { key: 'handled', label: { 'zh-CN': '处理了什么', en: 'What I handled' } },
    { key: 'guided', label: { 'zh-CN': '指导了什么', en: 'Whom I guided, and how' } },
  ],
};

/** The product's names of the report kinds. */
export const KIND_NAMES: Record<TemplateKind, LocalText> = {
  daily: { 'zh-CN': '日报', en: 'Daily report' },
  weekly: { 'zh-CN': '周报', en: 'Weekly report' },
  monthly: { 'zh-CN': '月报', en: 'Monthly report' },
  inspection: { 'zh-CN': '市场巡视报告', en: 'Market inspection report' },
};

/**
 * The deadline subjects (lib/reports/deadline-rules.ts) a template of each kind may name instead
 * of the kind's own rule: a daily template may be the dealer terminal daily report (16:00), a
 * weekly one the weekly customer-file update. The first is the kind's own rule (for monthly
 * reports the rep's; a manager's answers to `monthlyManager`, see `deadlineSubjectOf`).
 */
export const DEADLINE_SUBJECTS_OF_KIND: Record<TemplateKind, readonly DeadlineSubject[]> = {
  daily: ['daily', 'terminalDaily'],
  weekly: ['weekly', 'customerFile'],
  monthly: ['monthlyRep', 'monthlyManager'],
  inspection: ['inspection', 'daily'],
};

const sectionsOfKind = (kind: TemplateKind, required: readonly string[]): TemplateSection[] =>
  BUILT_IN_SECTIONS[kind].map((section) => ({ key: section.key, required: required.includes(section.key) }));

/**
 * A built-in with the list of its required sections as the report editor read it before
 * templates had sections. @deprecated read `requiredSectionsOf(template)`; kept so the report
 * editor compiles until it moves to the template's sections.
 */
export type BuiltInTemplate = Template & { readonly requiredFields: string[] };

function builtIn(id: string, kind: TemplateKind, required: string[], rest: Partial<Template>): BuiltInTemplate {
  return {
    id,
    schemaVersion: 2,
    author: SYSTEM,
    createdAt: BUILT_IN_AT,
    updatedAt: BUILT_IN_AT,
    kind,
    familyId: id,
    version: 1,
    name: KIND_NAMES[kind],
    sections: sectionsOfKind(kind, required),
    fields: [],
    remindBeforeMinutes: 60,
    ...rest,
    requiredFields: required,
  };
}

/**
 * Built-in report templates. They are data: an admin edits a copy, never this list, and UI code
 * reads sections and parameters from a template rather than hard-coding them. Their deadlines are
 * the deadline rules of their kind (Options › Deadlines). A built-in that ever changes gets a new
 * version here and keeps the old one in SUPERSEDED_BUILT_INS: entries name (id, version).
 */
export const DEFAULT_TEMPLATES: readonly BuiltInTemplate[] = [
  builtIn('01JBZZZZZZZZZZZZZZZZZZZZZ1', 'daily', ['todayWork', 'tomorrowPlan'], { remindBeforeMinutes: 60 }),
  builtIn('01JBZZZZZZZZZZZZZZZZZZZZZ2', 'weekly', ['lastWeekSummary', 'nextWeekPlan', 'keyAccountVisits'], { minKeyAccountVisits: 2, remindBeforeMinutes: 120 }),
  builtIn('01JBZZZZZZZZZZZZZZZZZZZZZ3', 'monthly', ['results', 'problems', 'nextMonthPlan'], { remindBeforeMinutes: 1440 }),
  builtIn('01JBZZZZZZZZZZZZZZZZZZZZZ4', 'inspection', ['learned', 'handled', 'guided'], { remindBeforeMinutes: 60 }),
];

/** Earlier versions of built-ins, never edited (none yet). */
export const SUPERSEDED_BUILT_INS: readonly Template[] = [];

/** The current built-in template of a kind. */
export function builtInTemplate(kind: TemplateKind): Template {
  return DEFAULT_TEMPLATES.find((template) => template.kind === kind)!;
}

/** Whether an id is a built-in's (built-ins are never stored, never edited). */
export function isBuiltInId(id: string): boolean {
  return DEFAULT_TEMPLATES.some((template) => template.id === id) || SUPERSEDED_BUILT_INS.some((template) => template.id === id);
}

/** A built-in version by its id and version, current or superseded. */
export function builtInVersion(id: string, version: number): Template | undefined {
  return [...DEFAULT_TEMPLATES, ...SUPERSEDED_BUILT_INS].find((template) => template.id === id && template.version === version);
}

/** A template's section as a reader and the report editor need it: the label and hint resolved. */
export interface ResolvedSection {
  key: string;
  label: LocalText;
  /** The admin's hint; absent: the editor's own. */
  hint?: LocalText;
  required: boolean;
  hidden: boolean;
  /** The product's own label (what the section is, whatever the template calls it). */
  builtInLabel: LocalText;
}

/**
 * Every section of the template's kind, in the kind's order, as the template shapes it. A section
 * the template does not mention (a template from before a section existed) reads as optional and
 * shown.
 */
export function sectionsOf(template: Pick<Template, 'kind' | 'sections'>): ResolvedSection[] {
  return BUILT_IN_SECTIONS[template.kind].map((builtInSection) => {
    const own = template.sections.find((section) => section.key === builtInSection.key);
    return {
      key: builtInSection.key,
      label: own?.label ?? builtInSection.label,
      hint: own?.hint,
      required: own?.required ?? false,
      hidden: (own?.hidden ?? false) && !(own?.required ?? false),
      builtInLabel: builtInSection.label,
    };
  });
}

/** The content fields that must not be empty on submit (the report editor's `requiredFields`). */
export function requiredSectionsOf(template: Pick<Template, 'kind' | 'sections'>): string[] {
  return sectionsOf(template)
    .filter((section) => section.required)
    .map((section) => section.key);
}

/** The sections a copy hides (the report editor leaves them out). */
export function hiddenSectionsOf(template: Pick<Template, 'kind' | 'sections'>): string[] {
  return sectionsOf(template)
    .filter((section) => section.hidden)
    .map((section) => section.key);
}

/**
 * The deadline subject an author's report of this template answers to: the template's own
 * choice, else the kind's (a monthly report by the author's role).
 */
export function deadlineSubjectOf(template: Pick<Template, 'kind' | 'deadlineSubject'>, role: 'rep' | 'manager' | 'admin'): DeadlineSubject {
  const own = template.deadlineSubject;
  if (own && (DEADLINE_SUBJECTS_OF_KIND[template.kind] as readonly string[]).includes(own)) return own as DeadlineSubject;
  return subjectOfDiary(template.kind, role);
}

/** The subjects whose rules a template's reports answer to (a monthly template by role: two). */
export function deadlineSubjectsShownFor(template: Pick<Template, 'kind' | 'deadlineSubject'>): DeadlineSubject[] {
  const rep = deadlineSubjectOf(template, 'rep');
  const manager = deadlineSubjectOf(template, 'manager');
  return rep === manager ? [rep] : [rep, manager];
}
