import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useLocale, useT } from '../shell/locale';
import { AddRowButton, Button, Checkbox, Field, TagsInput, cn, fieldsetClass, hintClass, inputClass, labelClass, legendClass, selectClass } from '../ui';
import { Disclosure } from '../rules/Disclosure';
import { newId } from '../../lib/kernel/ids';
import { FIELD_TYPES, type FieldType, type LocalText, type Template, type TemplateField, type TemplateSection } from '../../lib/reports/schema';
import { BUILT_IN_SECTIONS, DEADLINE_SUBJECTS_OF_KIND, deadlineSubjectsShownFor } from '../../lib/reports/templates';
import { validateTemplate, type TemplateProblem, type TemplateValidation } from '../../lib/reports/template-validate';
import { DEFAULT_DEADLINE_RULES, type DeadlineRule, type DeadlineSubject } from '../../lib/reports/deadline-rules';
import { describeDeadline, subjectName } from './deadline-messages';
import { templateEditorMessages, type TemplateEditorMessageKey } from './template-messages';

export interface TemplateEditorProps {
  /** The draft to edit: a copy of a built-in (`copyBuiltIn`) or the next version of a copy (`draftFrom`). */
  template: Template;
  /** The version a save stores (the family's highest + 1; 1 for a new copy). */
  nextVersion: number;
  /** The deadline rules in force, by subject, to say the template's deadline in words. */
  deadlineRules?: Record<DeadlineSubject, DeadlineRule>;
  /**
   * Called only with a template that passed validation; the host stores it as a new version
   * (`saveTemplateVersion`) and answers with the store's own verdict, whose problems show here.
   */
  onSave(template: Template): Promise<TemplateValidation>;
  /** Leaves without saving: the version in use stays in use. */
  onCancel(): void;
  /** Where Options › Deadlines is (a link target). */
  deadlinesHref?: string;
}

type T = (key: TemplateEditorMessageKey, vars?: Record<string, string | number>) => string;
type RemindUnit = 'minutes' | 'hours' | 'days';
const UNIT_MINUTES: Record<RemindUnit, number> = { minutes: 1, hours: 60, days: 1440 };

function remindParts(minutes: number): { amount: string; unit: RemindUnit } {
  if (minutes > 0 && minutes % 1440 === 0) return { amount: String(minutes / 1440), unit: 'days' };
  if (minutes > 0 && minutes % 60 === 0) return { amount: String(minutes / 60), unit: 'hours' };
  return { amount: String(minutes), unit: 'minutes' };
}

/** A field key nobody types or sees: a letter and eight random characters, unique in the draft. */
function newFieldKey(taken: readonly string[]): string {
  let key: string;
  do key = `f${newId().slice(-8).toLowerCase()}`;
  while (taken.includes(key));
  return key;
}

function newChoiceValue(choices: readonly { value: string }[]): string {
  const used = choices.map((c) => Number(/^c(\d+)$/.exec(c.value)?.[1] ?? 0));
  return `c${Math.max(0, ...used) + 1}`;
}

const EMPTY: LocalText = { 'zh-CN': '', en: '' };

/** The problems at a path or under it ("fields.2" has "fields.2.unit"). */
function problemsUnder(problems: readonly TemplateProblem[], path: string): TemplateProblem[] {
  return problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`));
}

/** Problems shown next to what they are about, in the UI language, announced. */
function Problems({ problems, id }: { problems: readonly TemplateProblem[]; id?: string }) {
  const locale = useLocale();
  if (problems.length === 0) return null;
  return (
    <ul id={id} className="m-0 flex list-none flex-col gap-0.5 p-0 text-sm text-danger" data-testid="field-problems">
      {problems.map((problem, index) => (
        <li key={`${problem.path}-${index}`}>{problem.message[locale]}</li>
      ))}
    </ul>
  );
}

/**
 * Options-page editor of a report template for an admin: the names, which deadline rule applies
 * (shown in words; the rules are edited in Options › Deadlines), the reminder, each section of the
 * kind (name, hint, required, hidden) and the added fields (type, names in both languages, hint,
 * required, unit, answers, SKUs; added, removed and moved). Nothing reaches `onSave` without
 * passing `validateTemplate`; every problem shows at the top and next to what it is about.
 */
export function TemplateEditor({ template, nextVersion, deadlineRules = DEFAULT_DEADLINE_RULES, onSave, onCancel, deadlinesHref = '#deadlines' }: TemplateEditorProps) {
  const t = useT(templateEditorMessages);
  const locale = useLocale();
  const [draft, setDraft] = useState<Template>(template);
  const [attempted, setAttempted] = useState(false);
  const [storeProblems, setStoreProblems] = useState<TemplateProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const [remind, setRemind] = useState(() => remindParts(template.remindBeforeMinutes));
  const [visits, setVisits] = useState(() => String(template.minKeyAccountVisits ?? ''));
  const titleRef = useRef<HTMLHeadingElement>(null);
  const problemsRef = useRef<HTMLDivElement>(null);
  const focusField = useRef<string | null>(null);
  const ids = useId();

  useEffect(() => titleRef.current?.focus(), []);
  useEffect(() => {
    if (!focusField.current) return;
    document.querySelector<HTMLElement>(`[data-field-key="${focusField.current}"] input`)?.focus();
    focusField.current = null;
  });

  // After a first attempt, problems follow the edits: a fixed one disappears as it is fixed.
  const checked = useMemo(() => validateTemplate(draft), [draft]);
  const problems = attempted ? (checked.ok ? storeProblems : checked.problems) : [];

  const edit = (change: (draft: Template) => Template) => {
    setStoreProblems([]);
    setSaveError(undefined);
    setDraft(change);
  };
  const editSection = (index: number, change: (section: TemplateSection) => TemplateSection) =>
    edit((d) => ({ ...d, sections: d.sections.map((s, i) => (i === index ? change(s) : s)) }));
  const editField = (index: number, change: (field: TemplateField) => TemplateField) =>
    edit((d) => ({ ...d, fields: d.fields.map((f, i) => (i === index ? change(f) : f)) }));

  const setRemindParts = (next: { amount: string; unit: RemindUnit }) => {
    setRemind(next);
    const amount = next.amount.trim() === '' ? Number.NaN : Number(next.amount);
    edit((d) => ({ ...d, remindBeforeMinutes: Number.isFinite(amount) ? Math.round(amount * UNIT_MINUTES[next.unit] * 1000) / 1000 : Number.NaN }));
  };

  const addField = () => {
    const key = newFieldKey(draft.fields.map((f) => f.key));
    focusField.current = key;
    edit((d) => ({ ...d, fields: [...d.fields, { key, type: 'text', label: { ...EMPTY }, required: false }] }));
  };
  const moveField = (index: number, by: -1 | 1) =>
    edit((d) => {
      const fields = [...d.fields];
      const [moved] = fields.splice(index, 1);
      fields.splice(index + by, 0, moved!);
      return { ...d, fields };
    });
  const removeField = (index: number) => edit((d) => ({ ...d, fields: d.fields.filter((_, i) => i !== index) }));

  const save = async () => {
    setAttempted(true);
    setSaveError(undefined);
    setStoreProblems([]);
    if (!checked.ok) {
      problemsRef.current?.focus();
      return;
    }
    setSaving(true);
    try {
      const result = await onSave(checked.template);
      if (!result.ok) {
        setStoreProblems(result.problems);
        problemsRef.current?.focus();
      }
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  const subjects = DEADLINE_SUBJECTS_OF_KIND[draft.kind];
  const shownSubjects = deadlineSubjectsShownFor(draft);
  const name = draft.name[locale].trim() || template.name[locale];

  return (
    <form
      className="flex min-w-0 flex-col gap-5"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      aria-labelledby={`${ids}-title`}
    >
      <div className="flex min-w-0 flex-col gap-1">
        <h3 id={`${ids}-title`} ref={titleRef} tabIndex={-1} className="m-0 text-lg font-semibold break-words outline-none">
          {t('title', { name })}
        </h3>
        <p className={hintClass}>{t('intro', { version: nextVersion })}</p>
      </div>

      {problems.length > 0 && (
        <div ref={problemsRef} tabIndex={-1} role="alert" aria-labelledby={`${ids}-problems`} className="flex min-w-0 flex-col gap-2 rounded-lg border border-danger bg-danger-soft p-3 outline-none">
          <h4 id={`${ids}-problems`} className="m-0 text-base font-semibold text-danger">
            {t('problems', { count: problems.length })}
          </h4>
          <ul className="m-0 flex list-disc flex-col gap-1 pl-5 text-sm text-ink" data-testid="template-problems">
            {problems.map((problem, index) => (
              <li key={`${problem.path}-${index}`}>{problem.message[locale]}</li>
            ))}
          </ul>
          <details className="text-xs text-muted">
            <summary className="cursor-pointer">{t('technical')}</summary>
            <ul className="m-0 mt-1 flex list-none flex-col gap-0.5 p-0 font-mono break-all">
              {problems.map((problem, index) => (
                <li key={index}>{problem.path || '(root)'}</li>
              ))}
            </ul>
          </details>
        </div>
      )}

      <Part title={t('basics')}>
        <div className="grid min-w-0 gap-3 sm:grid-cols-2">
          {(['zh-CN', 'en'] as const).map((lang) => (
            <Field key={lang} label={t(lang === 'zh-CN' ? 'nameZh' : 'nameEn')} error={problemsUnder(problems, `name.${lang}`)[0]?.message[locale]}>
              {(control) => (
                <input
                  {...control}
                  className={inputClass}
                  value={draft.name[lang]}
                  lang={lang}
                  onChange={(event) => {
                    const value = event.target.value;
                    edit((d) => ({ ...d, name: { ...d.name, [lang]: value } }));
                  }}
                />
              )}
            </Field>
          ))}
        </div>
        <Field label={t('deadline')} error={problemsUnder(problems, 'deadlineSubject')[0]?.message[locale]}>
          {(control) => (
            <select
              {...control}
              className={selectClass}
              value={draft.deadlineSubject ?? ''}
              onChange={(event) => {
                const value = event.target.value;
                edit((d) => {
                  const { deadlineSubject: _old, ...rest } = d;
                  return value ? { ...rest, deadlineSubject: value } : rest;
                });
              }}
            >
              <option value="">{t('deadlineUsual')}</option>
              {subjects.map((subject) => (
                <option key={subject} value={subject}>
                  {subjectName(subject, locale)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="-mt-1 flex min-w-0 flex-col gap-1 text-sm" data-testid="deadline-words">
          <ul className="m-0 flex list-none flex-col gap-0.5 p-0">
            {shownSubjects.map((subject) => (
              <li key={subject}>{t('deadlineOf', { subject: subjectName(subject, locale), rule: describeDeadline(deadlineRules[subject], locale) })}</li>
            ))}
          </ul>
          <p className={hintClass}>
            {t('deadlinesHint')}{' '}
            <a href={deadlinesHref} className="text-accent-hover underline">
              {t('changeDeadlines')}
            </a>
          </p>
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor={`${ids}-remind`} className={labelClass}>
            {t('remind')}
          </label>
          <div className="flex min-w-0 items-center gap-2">
            <input
              id={`${ids}-remind`}
              className={cn(inputClass, 'w-24')}
              inputMode="numeric"
              value={remind.amount}
              aria-invalid={problemsUnder(problems, 'remindBeforeMinutes').length > 0 || undefined}
              aria-describedby={`${ids}-remind-hint${problemsUnder(problems, 'remindBeforeMinutes').length > 0 ? ` ${ids}-remind-problems` : ''}`}
              onChange={(event) => setRemindParts({ ...remind, amount: event.target.value })}
            />
            <select aria-label={t('remindUnit')} className={cn(selectClass, 'w-28')} value={remind.unit} onChange={(event) => setRemindParts({ ...remind, unit: event.target.value as RemindUnit })}>
              <option value="minutes">{t('minutes')}</option>
              <option value="hours">{t('hours')}</option>
              <option value="days">{t('days')}</option>
            </select>
          </div>
          <p id={`${ids}-remind-hint`} className={hintClass}>
            {t('remindHint')}
          </p>
          <Problems id={`${ids}-remind-problems`} problems={problemsUnder(problems, 'remindBeforeMinutes')} />
        </div>
        {draft.kind === 'weekly' && (
          <Field label={t('minVisits')} error={problemsUnder(problems, 'minKeyAccountVisits')[0]?.message[locale]}>
            {(control) => (
              <input
                {...control}
                className={cn(inputClass, 'w-24')}
                inputMode="numeric"
                value={visits}
                onChange={(event) => {
                  const text = event.target.value;
                  setVisits(text);
                  edit((d) => ({ ...d, minKeyAccountVisits: text.trim() === '' ? Number.NaN : Number(text) }));
                }}
              />
            )}
          </Field>
        )}
      </Part>

      <Part title={t('sections')} intro={t('sectionsIntro')}>
        <Problems problems={problems.filter((p) => p.path === 'sections')} />
        <ul className="m-0 flex list-none flex-col gap-3 p-0">
          {draft.sections.map((section, index) => (
            <li key={`${section.key}-${index}`}>
              <SectionEditor section={section} kind={draft.kind} problems={problemsUnder(problems, `sections.${index}`)} onChange={(change) => editSection(index, change)} t={t} />
            </li>
          ))}
        </ul>
      </Part>

      <Part title={t('fields')} intro={t('fieldsIntro')}>
        <Problems problems={problems.filter((p) => p.path === 'fields')} />
        {draft.fields.length === 0 && <p className="m-0 text-sm text-muted">{t('noFields')}</p>}
        <ol className="m-0 flex list-none flex-col gap-3 p-0">
          {draft.fields.map((field, index) => (
            // Keyed by the field's own key, so a moved field keeps its inputs and focus.
            <li key={draft.fields.filter((f) => f.key === field.key).length > 1 ? `${field.key}-${index}` : field.key}>
              <FieldEditor
                field={field}
                n={index + 1}
                first={index === 0}
                last={index === draft.fields.length - 1}
                problems={problemsUnder(problems, `fields.${index}`)}
                onChange={(change) => editField(index, change)}
                onMove={(by) => moveField(index, by)}
                onRemove={() => removeField(index)}
                t={t}
              />
            </li>
          ))}
        </ol>
        <AddRowButton onClick={addField}>{t('addField')}</AddRowButton>
      </Part>

      <div className="flex flex-wrap items-center gap-2 border-t border-line pt-4">
        <Button type="submit" variant="primary" disabled={saving} aria-busy={saving || undefined}>
          {saving ? t('saving') : t('save', { version: nextVersion })}
        </Button>
        <Button onClick={onCancel} disabled={saving}>
          {t('cancel')}
        </Button>
      </div>
      {saveError && (
        <div role="alert" className="flex flex-col gap-1">
          <p className="m-0 text-sm text-danger">{t('saveFailed')}</p>
          <details className="text-xs text-muted">
            <summary className="cursor-pointer">{t('technical')}</summary>
            <p className="m-0 mt-1 font-mono break-all">{saveError}</p>
          </details>
        </div>
      )}
    </form>
  );
}

/** A titled part of the editor. */
function Part({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="flex min-w-0 flex-col gap-3">
      <h4 id={id} className="m-0 text-base font-semibold">
        {title}
      </h4>
      {intro && <p className={hintClass}>{intro}</p>}
      {children}
    </section>
  );
}

/** Two inputs for the two languages of one label or hint. */
function LocalInputs({
  value,
  labels,
  problems,
  onChange,
}: {
  value: LocalText;
  labels: LocalText;
  problems: readonly TemplateProblem[];
  onChange: (value: LocalText) => void;
}) {
  const locale = useLocale();
  return (
    <div className="grid min-w-0 gap-3 sm:grid-cols-2">
      {(['zh-CN', 'en'] as const).map((lang) => {
        return (
          <Field key={lang} label={labels[lang]} error={problems.filter((p) => p.path.endsWith(`.${lang}`))[0]?.message[locale]}>
            {(control) => <input {...control} lang={lang} className={inputClass} value={value[lang]} onChange={(event) => onChange({ ...value, [lang]: event.target.value })} />}
          </Field>
        );
      })}
    </div>
  );
}

function SectionEditor({
  section,
  kind,
  problems,
  onChange,
  t,
}: {
  section: TemplateSection;
  kind: Template['kind'];
  problems: TemplateProblem[];
  onChange: (change: (section: TemplateSection) => TemplateSection) => void;
  t: T;
}) {
  const locale = useLocale();
  const builtIn = BUILT_IN_SECTIONS[kind].find((s) => s.key === section.key);
  const title = builtIn?.label[locale] ?? section.key;
  const labelProblems = problems.filter((p) => p.path.includes('.label.'));
  const hintProblems = problems.filter((p) => p.path.includes('.hint'));
  const otherProblems = problems.filter((p) => !labelProblems.includes(p) && !hintProblems.includes(p));
  return (
    <fieldset className={fieldsetClass}>
      <legend className={legendClass}>{title}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        <Checkbox label={t('required')} checked={section.required} onChange={(event) => onChange((s) => ({ ...s, required: event.target.checked }))} />
        <Checkbox label={t('hide')} checked={section.hidden === true} aria-invalid={otherProblems.some((p) => p.path.endsWith('.hidden')) || undefined} onChange={(event) => onChange((s) => ({ ...s, hidden: event.target.checked }))} />
      </div>
      <Problems problems={otherProblems} />
      <Disclosure summary={t('namesAndHint')} open={labelProblems.length + hintProblems.length > 0 ? true : undefined}>
        <LocalInputs
          value={section.label ?? builtIn?.label ?? EMPTY}
          labels={{ 'zh-CN': t('labelZh'), en: t('labelEn') }}
          problems={labelProblems}
          onChange={(label) => onChange((s) => ({ ...s, label }))}
        />
        <LocalInputs value={section.hint ?? EMPTY} labels={{ 'zh-CN': t('hintZh'), en: t('hintEn') }} problems={hintProblems} onChange={(hint) => onChange((s) => ({ ...s, hint }))} />
      </Disclosure>
    </fieldset>
  );
}

function FieldEditor({
  field,
  n,
  first,
  last,
  problems,
  onChange,
  onMove,
  onRemove,
  t,
}: {
  field: TemplateField;
  n: number;
  first: boolean;
  last: boolean;
  problems: TemplateProblem[];
  onChange: (change: (field: TemplateField) => TemplateField) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  t: T;
}) {
  const locale = useLocale();
  const label = field.label[locale].trim();
  const at = (suffix: string) => problems.filter((p) => p.path.split('.').slice(2).join('.').startsWith(suffix));
  const known = (FIELD_TYPES as readonly string[]).includes(field.type);
  const typeProblems = at('type');
  const unitProblems = at('unit');
  const choiceProblems = at('choices');
  const skuProblems = at('skus');
  const keyProblems = at('key');
  const requiredProblems = at('required');
  const choices = field.choices ?? [];
  return (
    <fieldset className={fieldsetClass} data-testid="template-field" data-field-key={field.key}>
      <legend className={cn(legendClass, 'max-w-full break-words')}>{label ? t('fieldNamed', { n, label }) : t('field', { n })}</legend>
      <div className="flex flex-wrap justify-end gap-1">
        <Button size="sm" variant="ghost" disabled={first} onClick={() => onMove(-1)} aria-label={t('moveUpLabel', { n })}>
          <ArrowUp aria-hidden="true" className="size-3.5" />
          {t('moveUp')}
        </Button>
        <Button size="sm" variant="ghost" disabled={last} onClick={() => onMove(1)} aria-label={t('moveDownLabel', { n })}>
          <ArrowDown aria-hidden="true" className="size-3.5" />
          {t('moveDown')}
        </Button>
        <Button size="sm" variant="ghost" onClick={onRemove} aria-label={t('removeLabel', { n })} className="text-danger">
          <Trash2 aria-hidden="true" className="size-3.5" />
          {t('remove')}
        </Button>
      </div>
      <LocalInputs
        value={field.label}
        labels={{ 'zh-CN': t('labelZh'), en: t('labelEn') }}
        problems={at('label')}
        onChange={(value) => onChange((f) => ({ ...f, label: value }))}
      />
      <div className="flex min-w-0 flex-wrap items-end gap-x-4 gap-y-2">
        <Field label={t('type')} className="w-44" error={typeProblems[0]?.message[locale]}>
          {(control) => (
            <select
              {...control}
              className={selectClass}
              value={field.type}
              onChange={(event) => {
                const type = event.target.value as FieldType;
                onChange((f) => ({
                  ...f,
                  type,
                  ...(type === 'choice' && !(f.choices && f.choices.length > 0) ? { choices: [{ value: 'c1', label: { ...EMPTY } }, { value: 'c2', label: { ...EMPTY } }] } : {}),
                }));
              }}
            >
              {!known && <option value={field.type}>{field.type}</option>}
              {FIELD_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`type_${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Checkbox className="mb-1" label={t('required')} checked={field.required} onChange={(event) => onChange((f) => ({ ...f, required: event.target.checked }))} />
      </div>
      {field.type === 'number' && (
        <Field label={t('unit')} hint={t('unitHint')} error={unitProblems[0]?.message[locale]}>
          {(control) => <input {...control} className={cn(inputClass, 'w-44')} value={field.unit ?? ''} onChange={(event) => onChange((f) => ({ ...f, unit: event.target.value }))} />}
        </Field>
      )}
      {field.type === 'choice' && (
        <fieldset className={cn(fieldsetClass, 'bg-soft')}>
          <legend className={cn(legendClass, 'text-sm')}>{t('choices')}</legend>
          <Problems problems={choiceProblems.filter((p) => p.path.endsWith('.choices') || p.path.endsWith('.value'))} />
          <ol className="m-0 flex list-none flex-col gap-2 p-0">
            {choices.map((choice, i) => (
              <li key={choice.value || i} className="flex min-w-0 items-end gap-2 border-b border-line pb-2 last:border-b-0 last:pb-0">
                <div className="min-w-0 flex-1">
                  <LocalInputs
                    value={choice.label}
                    labels={{ 'zh-CN': t('choiceZh', { n: i + 1 }), en: t('choiceEn', { n: i + 1 }) }}
                    problems={choiceProblems.filter((p) => p.path.includes(`.choices.${i}.label`))}
                    onChange={(value) => onChange((f) => ({ ...f, choices: (f.choices ?? []).map((c, j) => (j === i ? { ...c, label: value } : c)) }))}
                  />
                </div>
                <Button size="icon" variant="ghost" className="mb-1" aria-label={t('removeChoice', { n: i + 1 })} title={t('removeChoice', { n: i + 1 })} onClick={() => onChange((f) => ({ ...f, choices: (f.choices ?? []).filter((_, j) => j !== i) }))}>
                  <Trash2 aria-hidden="true" className="size-3.5" />
                </Button>
              </li>
            ))}
          </ol>
          <div>
            <Button size="sm" onClick={() => onChange((f) => ({ ...f, choices: [...(f.choices ?? []), { value: newChoiceValue(f.choices ?? []), label: { ...EMPTY } }] }))}>
              <Plus aria-hidden="true" className="size-3.5" />
              {t('addChoice')}
            </Button>
          </div>
        </fieldset>
      )}
      {field.type === 'skuChecklist' && (
        <div className="flex min-w-0 flex-col gap-1">
          <TagsInput label={t('skus')} hint={t('skusHint')} tags={field.skus ?? []} maxLength={60} onChange={(skus) => onChange((f) => ({ ...f, skus }))} />
          <Problems problems={skuProblems} />
        </div>
      )}
      <Disclosure summary={t('hint')} open={at('hint').length > 0 ? true : undefined}>
        <LocalInputs value={field.hint ?? EMPTY} labels={{ 'zh-CN': t('hintZh'), en: t('hintEn') }} problems={at('hint')} onChange={(hint) => onChange((f) => ({ ...f, hint }))} />
      </Disclosure>
      <Problems problems={[...problems.filter((p) => p.path.split('.').length === 2), ...keyProblems, ...requiredProblems]} />
    </fieldset>
  );
}
