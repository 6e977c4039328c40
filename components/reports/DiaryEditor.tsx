import { useEffect, useId, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { isoWeekOf, monthOf } from '../../lib/kernel/dates';
import { formatDateTime } from '../../lib/kernel/i18n';
import { profileNameFor } from '../../lib/store/settings';
import type { RecordDraft } from '../../lib/store/records';
import { DiaryContent, type DiaryEntry, type DiaryKind } from '../../lib/reports/diary-schema';
import type { VisitCard } from '../../lib/visits/schema';
import { DEFAULT_TEMPLATES } from '../../lib/reports/templates';
import { useLocale, useT } from '../shell/locale';
import { Button, Field, FieldError, LineListInput, RowListFieldset, SaveError, errorMessageOf, palette, styles } from '../ui';
import { VisitCardList } from '../visits/index';
import { diaryEditorMessages, type DiaryEditorMessageKey } from './messages';
import { isCopiedLine, vagueWordWithoutNumber } from '../../lib/reports/signals';
import {
  emptyGradeRow,
  emptyKeyAccountRow,
  emptyPlanRow,
  emptySummaryRow,
  initialState,
  keyAccountVisitCount,
  toContent,
  validate,
  type EditorErrors,
  type EditorState,
  type GradeRow,
  type WeeklyState,
} from '../../lib/reports/prefill';

export interface DiaryEditorProps {
  kind: DiaryKind;
  /** The day the entry is about; for weekly and monthly entries the first day of the period. */
  periodStart: string;
  entry?: DiaryEntry;
  /** Visit cards of the period: attached to a daily report, the source of a week's key-account visits. */
  visitsOfPeriod: VisitCard[];
  dealersById: Record<string, string>;
  /** The entry before this one: its plan prefills this one, and identical lines are pointed out. */
  previousEntry?: DiaryEntry;
  /** Fields that must not be empty on submit; defaults to the built-in template of `kind`. */
  requiredFields?: string[];
  /** Weekly key-account visits expected; defaults to the built-in weekly template. */
  minKeyAccountVisits?: number;
  onSave(draft: RecordDraft<'diaryEntries'>, options: { submit: boolean }): Promise<void>;
}

const LINE_MAX = 500;
const GRADES = ['A', 'B', 'C'] as const;

/** Statuses after which the rep no longer edits the entry: changes come with the manager's review. */
const READ_ONLY_STATUSES: ReadonlySet<DiaryEntry['status']> = new Set(['submitted', 'reviewed']);

/** Inline styles cannot target :disabled; this marks a read-only entry's controls as such, and hides its dead add/remove buttons. */
const READ_ONLY_CLASS = 'fk-diary-read-only';
const READ_ONLY_CSS =
  `.${READ_ONLY_CLASS} button:disabled { display: none; }` +
  `.${READ_ONLY_CLASS} input:disabled, .${READ_ONLY_CLASS} select:disabled, .${READ_ONLY_CLASS} textarea:disabled { background: ${palette.soft} !important; cursor: default; }`;

function templateOf(kind: DiaryKind) {
  return DEFAULT_TEMPLATES.find((template) => template.kind === kind);
}

/**
 * Editor for the four written reports (日报, 周报, 月报, 市场巡视报告). Presentational: saves go out
 * through `onSave`. A submitted or reviewed entry is shown read-only, without save buttons.
 */
export function DiaryEditor({
  kind,
  periodStart,
  entry,
  visitsOfPeriod,
  dealersById,
  previousEntry,
  requiredFields = templateOf(kind)?.requiredFields ?? [],
  minKeyAccountVisits = templateOf('weekly')?.minKeyAccountVisits ?? 0,
  onSave,
}: DiaryEditorProps) {
  const t = useT(diaryEditorMessages);
  const locale = useLocale();
  const [{ state: initial, prefilledFromPlan }] = useState(() => initialState(kind, entry, previousEntry, visitsOfPeriod, t, locale));
  const [state, setState] = useState<EditorState>(initial);
  const [errors, setErrors] = useState<EditorErrors>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const [notice, setNotice] = useState<DiaryEditorMessageKey>();
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstError = useRef(false);
  const readOnlyNoteId = useId();
  const status = entry?.status;
  const readOnly = status !== undefined && READ_ONLY_STATUSES.has(status);

  useEffect(() => {
    if (!focusFirstError.current) return;
    focusFirstError.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });

  const before = previousEntry?.content.kind === kind ? previousEntry.content : undefined;
  const copyMessage = t(`copied_${kind}`);
  const errorText = (path: string) => (errors[path] ? t(errors[path]!) : undefined);
  const edit = (change: (draft: EditorState) => EditorState) => {
    setNotice(undefined);
    setState(change);
  };

  const save = async (submit: boolean) => {
    if (readOnly) return;
    setNotice(undefined);
    setSaveError(undefined);
    const found = validate(state, submit, requiredFields);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError.current = true;
      return;
    }
    const content = toContent(state);
    const checked = DiaryContent.safeParse(content);
    if (!checked.success) {
      setSaveError(t('errorInvalid', { message: checked.error.issues.map((issue) => issue.path.join('.')).join(', ') }));
      return;
    }
    const draft: RecordDraft<'diaryEntries'> = {
      periodStart,
      isoWeek: isoWeekOf(periodStart),
      month: monthOf(periodStart),
      status: submit ? 'submitted' : (entry?.status ?? 'draft'),
      content,
      annotations: entry?.annotations ?? [],
    };
    if (entry) {
      draft.id = entry.id;
      if (entry.submittedAt) draft.submittedAt = entry.submittedAt;
      if (entry.dueAt) draft.dueAt = entry.dueAt;
      if (entry.templateId) draft.templateId = entry.templateId;
    }
    setSaving(true);
    try {
      await onSave(draft, { submit });
      setNotice(submit ? 'submitted' : 'savedDraft');
    } catch (error) {
      setSaveError(errorMessageOf(error));
    } finally {
      setSaving(false);
    }
  };

  /** A line list with its signals: copies of the previous entry, and vague plans. */
  const lines = (field: string, label: string, value: string[], options: { plan?: boolean; hint?: ReactNode } = {}) => {
    const previous = before && Array.isArray((before as Record<string, unknown>)[field]) ? ((before as Record<string, unknown>)[field] as string[]) : [];
    return (
      <div style={styles.section}>
        <LineListInput
          label={label}
          lines={value}
          maxLength={LINE_MAX}
          hint={options.hint}
          invalidLines={errors[field] ? new Set([0]) : undefined}
          onChange={(next) => edit((current) => ({ ...current, [field]: next }) as EditorState)}
          flagsFor={(line) => lineSignals(line, previous, Boolean(options.plan))}
        />
        <FieldError label={label} message={errorText(field)} />
      </div>
    );
  };

  const lineSignals = (line: string, previous: readonly string[], plan: boolean): string[] => {
    const signals: string[] = [];
    if (isCopiedLine(line, previous)) signals.push(copyMessage);
    const vague = plan ? vagueWordWithoutNumber(line) : undefined;
    if (vague) signals.push(t('vague', { word: vague }));
    return signals;
  };

  const period = kind === 'weekly' ? isoWeekOf(periodStart) : kind === 'monthly' ? monthOf(periodStart) : periodStart;

  return (
    <form
      ref={formRef}
      noValidate
      aria-label={t(`title_${kind}`, { period })}
      style={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        void save(true);
      }}
    >
      <div style={{ ...styles.row, alignItems: 'center' }}>
        <h3 style={styles.heading}>{t(`title_${kind}`, { period })}</h3>
        {status && <span style={styles.badge}>{t(`status_${status}`)}</span>}
      </div>

      {readOnly && (
        <p id={readOnlyNoteId} style={{ ...styles.hint, fontSize: 13 }}>
          {t('readOnly')}
        </p>
      )}

      {entry && entry.annotations.length > 0 && <Annotations entry={entry} kind={kind} locale={locale} />}

      {readOnly && <style>{READ_ONLY_CSS}</style>}
      {/* One fieldset around every control: disabling it makes a submitted entry read-only without remounting the inputs. */}
      <fieldset
        disabled={readOnly}
        aria-describedby={readOnly ? readOnlyNoteId : undefined}
        className={readOnly ? READ_ONLY_CLASS : undefined}
        style={{ ...styles.form, border: 0, padding: 0, margin: 0, minWidth: 0 }}
      >
        {state.kind === 'daily' && (
          <>
            {lines('todayWork', t('todayWork'), state.todayWork, { hint: prefilledFromPlan ? t('prefilledFromPlan') : undefined })}
            {lines('tomorrowPlan', t('tomorrowPlan'), state.tomorrowPlan, { plan: true })}
            {lines('problems', t('problems'), state.problems)}
            <section aria-label={t('todaysVisits', { n: visitsOfPeriod.length })} style={styles.section}>
              <h4 style={{ ...styles.label, margin: 0 }}>{t('todaysVisits', { n: visitsOfPeriod.length })}</h4>
              {visitsOfPeriod.length === 0 ? (
                <p style={styles.hint}>{t('noVisits')}</p>
              ) : (
                <>
                  <VisitCardList cards={visitsOfPeriod} dealersById={dealersById} />
                  <p style={styles.hint}>{t('visitsAttached')}</p>
                </>
              )}
            </section>
          </>
        )}

        {state.kind === 'weekly' && (
          <WeeklySections
            state={state}
            previous={before?.kind === 'weekly' ? before : undefined}
            dealersById={dealersById}
            periodStart={periodStart}
            minKeyAccountVisits={minKeyAccountVisits}
            errorText={errorText}
            lineSignals={lineSignals}
            onChange={(next) => edit(() => next)}
          />
        )}

        {state.kind === 'monthly' && (
          <>
            {before?.kind === 'monthly' && before.nextMonthPlan.length > 0 && <PreviousPlan lines={before.nextMonthPlan} />}
            {lines('results', t('results'), state.results)}
            {lines('problems', t('monthProblems'), state.problems)}
            {lines('nextMonthPlan', t('nextMonthPlan'), state.nextMonthPlan, { plan: true, hint: t('nextMonthPlanHint') })}
            <Field label={t('localProposal')} optional>
              {(control) => (
                <textarea
                  {...control}
                  rows={4}
                  maxLength={4000}
                  value={state.localProposal}
                  onChange={(event) => edit((current) => ({ ...current, localProposal: event.target.value }) as EditorState)}
                  style={styles.textarea}
                />
              )}
            </Field>
          </>
        )}

        {state.kind === 'inspection' && (
          <>
            {lines('learned', t('learned'), state.learned)}
            {lines('handled', t('handled'), state.handled)}
            {lines('guided', t('guided'), state.guided)}
          </>
        )}
      </fieldset>

      <SaveError error={saveError} />
      {notice && (
        <p role="status" style={{ ...styles.hint, fontSize: 13 }}>
          {t(notice)}
        </p>
      )}
      {!readOnly && (
        <div style={styles.actions}>
          <Button onClick={() => void save(false)} disabled={saving} aria-busy={saving || undefined}>
            {t('saveDraft')}
          </Button>
          <Button type="submit" variant="primary" disabled={saving} aria-busy={saving || undefined}>
            {t(`submit_${kind}`)}
          </Button>
        </div>
      )}
    </form>
  );
}

function PreviousPlan({ lines }: { lines: string[] }) {
  const t = useT(diaryEditorMessages);
  return (
    <section aria-label={t('previousPlan')} style={{ ...styles.section, gap: 2 }}>
      <h4 style={{ ...styles.label, margin: 0 }}>{t('previousPlan')}</h4>
      <ul style={{ margin: 0, paddingLeft: 18, ...styles.muted }}>
        {lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </section>
  );
}

const ANNOTATION_FIELD_LABELS: Record<string, DiaryEditorMessageKey> = {
  todayWork: 'todayWork',
  tomorrowPlan: 'tomorrowPlan',
  lastWeekSummary: 'lastWeekSummary',
  nextWeekPlan: 'nextWeekPlan',
  keyAccountVisits: 'keyAccountVisits',
  gradeChanges: 'gradeChanges',
  lateReason: 'lateReason',
  results: 'results',
  nextMonthPlan: 'nextMonthPlan',
  localProposal: 'localProposal',
  learned: 'learned',
  handled: 'handled',
  guided: 'guided',
};

/** The manager's red pen, read-only for the rep. */
function Annotations({ entry, kind, locale }: { entry: DiaryEntry; kind: DiaryKind; locale: 'zh-CN' | 'en' }) {
  const t = useT(diaryEditorMessages);
  const fieldLabel = (path: string | undefined) => {
    if (!path) return undefined;
    const [field, index] = path.split('.');
    const key = field === 'problems' ? (kind === 'monthly' ? 'monthProblems' : 'problems') : ANNOTATION_FIELD_LABELS[field ?? ''];
    if (!key) return undefined;
    return index !== undefined && /^\d+$/.test(index) ? `${t(key)} #${Number(index) + 1}` : t(key);
  };
  return (
    <section aria-label={t('annotations')} style={{ ...styles.fieldset, borderColor: '#fca5a5', background: '#fff7f7' }}>
      <h4 style={{ ...styles.label, margin: 0, color: '#b91c1c' }}>{t('annotations')}</h4>
      <ul style={styles.list}>
        {entry.annotations.map((note) => {
          const on = fieldLabel(note.path);
          return (
            <li key={note.id} style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
              <span style={{ ...styles.muted, fontSize: 12 }}>
                {profileNameFor(note.author.name, locale)} · {formatDateTime(note.at, locale)}
                {on && ` · ${t('annotationOn', { field: on })}`}
              </span>
              <span style={{ whiteSpace: 'pre-wrap' }}>{note.text}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The weekly report's lists of rows. */
type RowKey = 'lastWeekSummary' | 'nextWeekPlan' | 'keyAccountVisits' | 'gradeChanges';

function WeeklySections({
  state,
  previous,
  dealersById,
  periodStart,
  minKeyAccountVisits,
  errorText,
  lineSignals,
  onChange,
}: {
  state: WeeklyState;
  previous: Extract<DiaryEntry['content'], { kind: 'weekly' }> | undefined;
  dealersById: Record<string, string>;
  periodStart: string;
  minKeyAccountVisits: number;
  errorText(path: string): string | undefined;
  lineSignals(line: string, previous: readonly string[], plan: boolean): string[];
  onChange(next: WeeklyState): void;
}) {
  const t = useT(diaryEditorMessages);
  const set = <K extends keyof WeeklyState>(key: K, value: WeeklyState[K]) => onChange({ ...state, [key]: value });
  const updateRow = <K extends RowKey>(key: K, index: number, patch: Partial<WeeklyState[K][number]>) =>
    set(key, state[key].map((row, i) => (i === index ? { ...row, ...patch } : row)) as WeeklyState[K]);
  const removeRow = <K extends RowKey>(key: K, index: number) =>
    set(key, state[key].filter((_, i) => i !== index) as WeeklyState[K]);

  const removeButton = (key: RowKey, index: number, name: string, style?: CSSProperties) => (
    <Button variant="small" style={style} aria-label={t('removeRow', { name })} onClick={() => removeRow(key, index)}>
      ×
    </Button>
  );

  const previousPriorities = previous?.nextWeekPlan.map((row) => row.priority) ?? [];
  const previousProblems = previous?.lastWeekSummary.map((row) => row.problem) ?? [];
  const count = keyAccountVisitCount(state);
  const dealerOptions = Object.entries(dealersById);
  const dealerSelect = (value: string, onSelect: (id: string) => void) => (control: object) => (
    <select {...control} value={value} onChange={(event) => onSelect(event.target.value)} style={styles.select}>
      <option value="">{t('chooseDealer')}</option>
      {dealerOptions.map(([id, name]) => (
        <option key={id} value={id}>
          {name}
        </option>
      ))}
      {value && !dealersById[value] && <option value={value}>{t('unknownDealer')}</option>}
    </select>
  );
  const gradeSelect = (value: GradeRow['from'], placeholder: string, onSelect: (grade: GradeRow['from']) => void) => (control: object) => (
    <select {...control} value={value} onChange={(event) => onSelect(event.target.value as GradeRow['from'])} style={styles.narrowInput}>
      <option value="">{placeholder}</option>
      {GRADES.map((grade) => (
        <option key={grade} value={grade}>
          {grade}
        </option>
      ))}
    </select>
  );
  const rowBox = { border: '1px solid #e4e7eb', borderRadius: 6, padding: 8, display: 'flex', flexDirection: 'column', gap: 6 } as const;
  const textInput = (value: string, onText: (text: string) => void) => (control: object) => (
    <input {...control} type="text" maxLength={LINE_MAX} value={value} onChange={(event) => onText(event.target.value)} style={styles.input} />
  );

  return (
    <>
      <RowListFieldset
        legend={t('lastWeekSummary')}
        hint={t('lastWeekSummaryHint')}
        error={errorText('lastWeekSummary')}
        addLabel={t('addSummaryItem')}
        onAdd={() => set('lastWeekSummary', [...state.lastWeekSummary, emptySummaryRow()])}
      >
        {state.lastWeekSummary.map((row, i) => {
          const n = i + 1;
          const problemSignals = row.problem.trim() ? lineSignals(row.problem, previousProblems, false) : [];
          return (
            <div key={i} style={rowBox}>
              <Field label={t('summaryItem', { n })} error={errorText(`lastWeekSummary.${i}.item`)}>
                {textInput(row.item, (item) => updateRow('lastWeekSummary', i, { item }))}
              </Field>
              <div style={styles.row}>
                <Field label={t('summaryCompletion', { n })} error={errorText(`lastWeekSummary.${i}.completion`)}>
                  {(control) => (
                    <input
                      {...control}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={100}
                      value={row.completion}
                      onChange={(event) => updateRow('lastWeekSummary', i, { completion: event.target.value })}
                      style={styles.narrowInput}
                    />
                  )}
                </Field>
                <div style={{ flex: 1, minWidth: 160 }}>
                  <Field label={t('summaryProblem', { n })} signal={problemSignals.length ? problemSignals.join(' ') : undefined}>
                    {textInput(row.problem, (problem) => updateRow('lastWeekSummary', i, { problem }))}
                  </Field>
                </div>
                {removeButton('lastWeekSummary', i, t('summaryItem', { n }))}
              </div>
            </div>
          );
        })}
      </RowListFieldset>

      <RowListFieldset
        legend={t('nextWeekPlan')}
        error={errorText('nextWeekPlan')}
        addLabel={t('addPriority')}
        onAdd={() => set('nextWeekPlan', [...state.nextWeekPlan, emptyPlanRow()])}
      >
        {state.nextWeekPlan.map((row, i) => {
          const n = i + 1;
          const signals = row.priority.trim() ? lineSignals(row.priority, previousPriorities, true) : [];
          return (
            <div key={i} style={{ ...styles.row, alignItems: 'flex-start' }}>
              <div style={{ flex: 2, minWidth: 180 }}>
                <Field label={t('planPriority', { n })} error={errorText(`nextWeekPlan.${i}.priority`)} signal={signals.length ? signals.join(' ') : undefined}>
                  {textInput(row.priority, (priority) => updateRow('nextWeekPlan', i, { priority }))}
                </Field>
              </div>
              <div style={{ flex: 1, minWidth: 140 }}>
                <Field label={t('planSupport', { n })} optional>
                  {textInput(row.support, (support) => updateRow('nextWeekPlan', i, { support }))}
                </Field>
              </div>
              {removeButton('nextWeekPlan', i, t('planPriority', { n }), { marginTop: 22 })}
            </div>
          );
        })}
      </RowListFieldset>

      <RowListFieldset
        legend={t('keyAccountVisits')}
        addLabel={t('addVisit')}
        onAdd={() => set('keyAccountVisits', [...state.keyAccountVisits, emptyKeyAccountRow(periodStart)])}
      >
        <p role="status" style={count < minKeyAccountVisits ? styles.signal : styles.hint}>
          {count < minKeyAccountVisits
            ? t('keyAccountBelow', { count, min: minKeyAccountVisits, missing: minKeyAccountVisits - count })
            : t('keyAccountCount', { count, min: minKeyAccountVisits })}
        </p>
        {state.keyAccountVisits.map((row, i) => {
          const n = i + 1;
          return (
            <div key={i} style={rowBox}>
              <div style={styles.grid}>
                <Field label={t('visitDealer', { n })} error={errorText(`keyAccountVisits.${i}.dealerId`)}>
                  {dealerSelect(row.dealerId, (dealerId) => updateRow('keyAccountVisits', i, { dealerId }))}
                </Field>
                <Field label={t('visitDay', { n })} error={errorText(`keyAccountVisits.${i}.day`)}>
                  {(control) => (
                    <input {...control} type="date" value={row.day} onChange={(event) => updateRow('keyAccountVisits', i, { day: event.target.value })} style={styles.input} />
                  )}
                </Field>
              </div>
              <Field label={t('visitPurpose', { n })} error={errorText(`keyAccountVisits.${i}.purpose`)}>
                {textInput(row.purpose, (purpose) => updateRow('keyAccountVisits', i, { purpose }))}
              </Field>
              <Field label={t('visitOutcome', { n })} error={errorText(`keyAccountVisits.${i}.outcome`)}>
                {textInput(row.outcome, (outcome) => updateRow('keyAccountVisits', i, { outcome }))}
              </Field>
              <div>
                {removeButton('keyAccountVisits', i, t('visitDealer', { n }))}
              </div>
            </div>
          );
        })}
      </RowListFieldset>

      <RowListFieldset
        legend={t('gradeChanges')}
        hint={t('gradeChangesHint')}
        addLabel={t('addGradeChange')}
        onAdd={() => set('gradeChanges', [...state.gradeChanges, emptyGradeRow()])}
      >
        {state.gradeChanges.map((row, i) => {
          const n = i + 1;
          return (
            <div key={i} style={{ ...styles.row, alignItems: 'flex-start' }}>
              <div style={{ flex: 2, minWidth: 160 }}>
                <Field label={t('gradeDealer', { n })} error={errorText(`gradeChanges.${i}.dealerId`)}>
                  {dealerSelect(row.dealerId, (dealerId) => updateRow('gradeChanges', i, { dealerId }))}
                </Field>
              </div>
              <Field label={t('gradeFrom', { n })}>
                {gradeSelect(row.from, t('gradeNone'), (from) => updateRow('gradeChanges', i, { from }))}
              </Field>
              <Field label={t('gradeTo', { n })} error={errorText(`gradeChanges.${i}.to`)}>
                {gradeSelect(row.to, t('chooseDealer'), (to) => updateRow('gradeChanges', i, { to }))}
              </Field>
              {removeButton('gradeChanges', i, t('gradeDealer', { n }), { marginTop: 22 })}
            </div>
          );
        })}
      </RowListFieldset>

      <Field label={t('lateReason')} hint={t('lateReasonHint')} optional>
        {textInput(state.lateReason, (lateReason) => set('lateReason', lateReason))}
      </Field>
    </>
  );
}
