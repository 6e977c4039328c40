import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { X } from 'lucide-react';
import { isoWeekOf, monthOf } from '../../lib/kernel/dates';
import type { RecordDraft } from '../../lib/store/records';
import { DiaryContent, type DiaryEntry, type DiaryKind } from '../../lib/reports/diary-schema';
import type { VisitCard } from '../../lib/visits/schema';
import type { PlanEvidence } from '../../lib/reports/snapshot-schema';
import { PlanEvidenceHint } from './PlanEvidenceHint';
import { DEFAULT_TEMPLATES } from '../../lib/reports/templates';
import { useLocale, useT } from '../shell/locale';
import {
  Badge,
  Button,
  DatePicker,
  Field,
  ErrorDetails,
  FieldError,
  LineListInput,
  Notice,
  RowListFieldset,
  SaveError,
  cn,
  controlClass,
  errorMessageOf,
  hintClass,
  inputClass,
  selectClass,
  textareaClass,
  type FieldControlProps,
} from '../ui';
import { formatQuantity } from '../../lib/kernel/units';
import { diaryEditorMessages, type DiaryEditorMessageKey } from './messages';
import { formatInstant, periodTitle } from './period';
import { Annotations, ReadOnlyReport } from './ReadOnlyReport';
import { ReviewPanel, ReviewStateBadge } from './ReviewPanel';
import { reviewMessages } from './review-messages';
import type { DeadlinePhase } from '../../lib/reports/deadlines';
import { authorMayEdit, submitActionFor, type ReviewRequest, type ReviewSummary } from '../../lib/reports/review';
import type { ReviewEvent } from '../../lib/reports/review-schema';
import type { Template } from '../../lib/reports/schema';
import { hiddenSectionsOf, requiredSectionsOf, sectionsOf } from '../../lib/reports/templates';
import { validateEntryAgainstTemplate, type TemplateProblem } from '../../lib/reports/template-validate';
import { CustomFields } from './CustomFields';
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
  /** Names of the dealers the entry and its visits mention. */
  dealersById: Record<string, string>;
  /** The dealers a weekly report's rows can pick (all of them, by name); until they load, those in `dealersById`. */
  dealerOptions?: readonly { id: string; name: string }[];
  /** The entry before this one: its plan prefills this one, and identical lines are pointed out. */
  previousEntry?: DiaryEntry;
  /** Fields that must not be empty on submit; defaults to the built-in template of `kind`. */
  requiredFields?: string[];
  /** Weekly key-account visits expected; defaults to the built-in weekly template. */
  minKeyAccountVisits?: number;
  onSave(draft: RecordDraft<'diaryEntries'>, options: { submit: boolean; reason?: string }): Promise<unknown>;
  /** A generated report's plan items with what the records show (its snapshot), shown under each summary row. */
  planEvidence?: readonly PlanEvidence[];
  /**
   * The entry's review (批注) as its author sees it: where it stands, the manager's notes to
   * answer, and the history. Absent: a draft nobody has seen.
   */
  review?: { summary: ReviewSummary; events: readonly ReviewEvent[]; viewer: { id: string; name: string }; onAction(request: ReviewRequest): Promise<unknown> };
  /**
   * Where the period's deadline stands now: in the grace period a submission needs a reason to
   * count as on time; after it, the report will count as late.
   */
  deadline?: { phase: DeadlinePhase; dueAt: string; graceUntil?: string };
  /** Someone else's entry: shown, never editable here (reviews happen in the team inbox). */
  ownerName?: string;
  /** Integrity signals (多日一记, 同昨日 …) the author sees as the manager does. */
  signals?: ReactNode;
  /**
   * The template the entry is written with (its exact version): which sections are required or
   * hidden, their labels and hints, and the fields an admin added. Absent: the built-in.
   */
  template?: Template;
}

const LINE_MAX = 500;
const GRADES = ['A', 'B', 'C'] as const;

/** Statuses after which the rep no longer edits the entry: changes come with the manager's review. */
const READ_ONLY_STATUSES: ReadonlySet<DiaryEntry['status']> = new Set(['submitted', 'reviewed']);

/** A one-line answer that wraps instead of being cut off in a narrow panel. */
const lineClass = cn(controlClass, 'min-h-9 resize-none py-1.75 field-sizing-content');

const STATUS_TONES = { draft: 'neutral', submitted: 'ok', reviewed: 'ok' } as const;

function templateOf(kind: DiaryKind) {
  return DEFAULT_TEMPLATES.find((template) => template.kind === kind);
}

/**
 * Editor for the four written reports (日报, 周报, 月报, 市场巡视报告). Presentational: saves go out
 * through `onSave`. A submitted or reviewed entry is shown as the written report it is (text, not
 * greyed-out inputs), without save buttons.
 */
export function DiaryEditor({
  kind,
  periodStart,
  entry,
  visitsOfPeriod,
  dealersById,
  dealerOptions,
  previousEntry,
  template,
  requiredFields = template ? requiredSectionsOf(template) : (templateOf(kind)?.requiredFields ?? []),
  minKeyAccountVisits = template?.minKeyAccountVisits ?? templateOf('weekly')?.minKeyAccountVisits ?? 0,
  onSave,
  planEvidence,
  review,
  deadline,
  ownerName,
  signals,
}: DiaryEditorProps) {
  const [extra, setExtra] = useState<Record<string, unknown>>(() => entry?.extra ?? {});
  const [extraProblems, setExtraProblems] = useState<TemplateProblem[]>([]);
  const hidden = new Set(template ? hiddenSectionsOf(template) : []);
  const t = useT(diaryEditorMessages);
  const tr = useT(reviewMessages);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const locale = useLocale();
  const [{ state: initial, prefilledFromPlan }] = useState(() => initialState(kind, entry, previousEntry, visitsOfPeriod, t, locale));
  const [state, setState] = useState<EditorState>(initial);
  const [errors, setErrors] = useState<EditorErrors>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const [invalidDetails, setInvalidDetails] = useState<string>();
  const [notice, setNotice] = useState<DiaryEditorMessageKey>();
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstError = useRef(false);
  const readOnlyNoteId = useId();
  const titleId = useId();
  const status = entry?.status;
  const reviewState = review?.summary.state ?? (status === 'reviewed' ? 'reviewed' : status === 'submitted' ? 'submitted' : 'draft');
  // Without a review (a host that does not load one), a submitted entry stays read-only as before.
  const readOnly = ownerName !== undefined || (review ? !authorMayEdit(reviewState) : status !== undefined && READ_ONLY_STATUSES.has(status));
  const submitAs = submitActionFor(reviewState);
  /** Submitting in the grace period needs a reason to count as on time: the weekly report keeps it in its own field. */
  const reasonNeeded = submitAs === 'submitted' && deadline?.phase === 'grace';
  const ownReasonField = reasonNeeded && kind !== 'weekly';

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
    setInvalidDetails(undefined);
    const found = validate(state, submit, requiredFields);
    // The admin's added fields: the template names what is missing (only what a submission needs).
    const added = submit && template ? validateEntryAgainstTemplate(template, { content: toContent(state), extra }).filter((p) => p.path.startsWith('extra.')) : [];
    setExtraProblems(added);
    if (submit && reasonNeeded) {
      const given = state.kind === 'weekly' ? state.lateReason : reason;
      if (!given.trim()) found[state.kind === 'weekly' ? 'lateReason' : 'reason'] = 'errorLateReason';
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || added.length > 0) {
      focusFirstError.current = true;
      return;
    }
    const content = toContent(state);
    const checked = DiaryContent.safeParse(content);
    if (!checked.success) {
      setInvalidDetails(checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'));
      return;
    }
    const draft: RecordDraft<'diaryEntries'> = {
      periodStart,
      isoWeek: isoWeekOf(periodStart),
      month: monthOf(periodStart),
      status: submit ? 'submitted' : (entry?.status ?? 'draft'),
      content,
      annotations: entry?.annotations ?? [],
      ...(Object.keys(extra).length > 0 ? { extra } : {}),
      ...(template ? { templateId: entry?.templateId ?? template.id, templateVersion: entry?.templateVersion ?? template.version } : {}),
    };
    if (entry) {
      draft.id = entry.id;
      if (entry.submittedAt) draft.submittedAt = entry.submittedAt;
      if (entry.dueAt) draft.dueAt = entry.dueAt;
      if (entry.templateId) draft.templateId = entry.templateId;
      if (entry.templateVersion) draft.templateVersion = entry.templateVersion;
      // A generated report's numbers stay as of when they were built; only a rebuild replaces them.
      if (entry.snapshot) draft.snapshot = entry.snapshot;
    }
    setSaving(true);
    try {
      await onSave(draft, { submit, ...(ownReasonField && reason.trim() ? { reason: reason.trim() } : {}) });
      setNotice(submit ? 'submitted' : reviewState === 'draft' ? 'savedDraft' : 'savedChanges');
    } catch (error) {
      setSaveError(errorMessageOf(error));
    } finally {
      setSaving(false);
    }
  };

  /** A line list with its signals: copies of the previous entry, and vague plans. */
  const lines = (field: string, builtInLabel: string, value: string[], options: { plan?: boolean; hint?: ReactNode } = {}) => {
    if (hidden.has(field)) return null;
    const own = template ? sectionsOf(template).find((section) => section.key === field) : undefined;
    // The admin's label only where it differs from the product's own words for the section.
    const label = own && own.label[locale] !== own.builtInLabel[locale] ? own.label[locale] : builtInLabel;
    if (own?.hint) options = { ...options, hint: own.hint[locale] };
    const previous = before && Array.isArray((before as Record<string, unknown>)[field]) ? ((before as Record<string, unknown>)[field] as string[]) : [];
    return (
      <div className="flex min-w-0 flex-col gap-1">
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

  const period = periodTitle(kind, periodStart, locale);
  const title = t(`title_${kind}`, { period });
  // The period wraps as a whole: "Market inspection ·" then "Mon, 30 Nov 2026", never "30 Nov / 2026".
  const periodAt = title.indexOf(period);

  const header = (
    <div className="flex flex-col gap-0.5">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <h3 id={titleId} className="m-0 text-lg font-semibold text-ink">
          {periodAt < 0 ? (
            title
          ) : (
            <>
              {title.slice(0, periodAt)}
              <span className="inline-block">{period}</span>
              {title.slice(periodAt + period.length)}
            </>
          )}
        </h3>
        {review ? <ReviewStateBadge state={reviewState} /> : status && <Badge tone={STATUS_TONES[status]}>{t(`status_${status}`)}</Badge>}
      </div>
      {readOnly && entry?.submittedAt && <p className={hintClass}>{t('submittedOn', { time: formatInstant(entry.submittedAt, locale) })}</p>}
    </div>
  );

  const reviewPanel = review && entry && review.summary.state !== 'draft' && (
    <ReviewPanel entry={entry} summary={review.summary} events={review.events} viewer={review.viewer} canReview={false} onAction={review.onAction} />
  );
  const deadlineNote =
    submitAs === 'submitted' && deadline && deadline.phase !== 'open' ? (
      <Notice tone="warn" role="status">
        {deadline.phase === 'grace' ? tr('lateReasonRequired', { grace: formatInstant(deadline.graceUntil ?? deadline.dueAt, locale) }) : tr('lateNow', { due: formatInstant(deadline.dueAt, locale) })}
      </Notice>
    ) : null;

  const visits =
    state.kind === 'daily' ? (
      <section aria-label={t('todaysVisits', { n: visitsOfPeriod.length })} className="flex min-w-0 flex-col gap-1.5">
        <h4 className="m-0 text-sm font-semibold text-ink">{t('todaysVisits', { n: visitsOfPeriod.length })}</h4>
        {visitsOfPeriod.length === 0 ? (
          <p className={hintClass}>{t('noVisits')}</p>
        ) : (
          <>
            {/* A compact list: the cards themselves are one tap away on Today, the report only names them. */}
            <ul className="m-0 flex list-none flex-col divide-y divide-line rounded-md border border-line p-0">
              {visitsOfPeriod.map((card) => (
                <li key={card.id} className="flex flex-wrap items-baseline justify-between gap-x-3 px-2.5 py-1.5">
                  <span className="min-w-0 text-base">{dealersById[card.dealerId] ?? t('unknownDealer')}</span>
                  <span className="text-sm whitespace-nowrap text-muted">
                    {card.orderQuantity ? t('outcomeOrdered', { quantity: formatQuantity(card.orderQuantity, card.unit, locale) }) : t('noOrder')}
                  </span>
                </li>
              ))}
            </ul>
            <p className={hintClass}>{t('visitsAttached')}</p>
          </>
        )}
      </section>
    ) : null;

  const footer = (
    <>
      <SaveError error={saveError} />
      {invalidDetails && (
        <div role="alert" className="flex flex-col gap-1">
          <Notice tone="danger">{t('errorInvalidShort')}</Notice>
          <ErrorDetails summary={t('technicalDetails')}>{invalidDetails}</ErrorDetails>
        </div>
      )}
      {notice && (
        <Notice tone="ok" role="status">
          {t(notice)}
        </Notice>
      )}
    </>
  );

  if (readOnly) {
    return (
      <article aria-labelledby={titleId} aria-describedby={readOnlyNoteId} className="flex min-w-0 flex-col gap-3">
        {header}
        <Notice id={readOnlyNoteId}>{ownerName !== undefined ? tr('lockedOther', { name: ownerName }) : review ? tr('lockedReviewed') : t('readOnly')}</Notice>
        {reviewPanel}
        {signals}
        {entry && entry.annotations.length > 0 && <Annotations entry={entry} kind={kind} locale={locale} />}
        <ReadOnlyReport state={state} dealersById={dealersById} locale={locale} />
        {template && template.fields.length > 0 && <CustomFields template={template} values={extra} readOnly />}
        {visits}
        {footer}
      </article>
    );
  }

  return (
    <form
      ref={formRef}
      noValidate
      aria-labelledby={titleId}
      className="flex min-w-0 flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        void save(true);
      }}
    >
      {header}
      {reviewPanel}
      {signals}
      {(reviewState === 'submitted' || reviewState === 'resubmitted') && <Notice>{tr('editAfterSubmit')}</Notice>}
      {deadlineNote}

      {entry && entry.annotations.length > 0 && <Annotations entry={entry} kind={kind} locale={locale} />}

      {state.kind === 'daily' && (
        <>
          {lines('todayWork', t('todayWork'), state.todayWork, { hint: prefilledFromPlan ? t('prefilledFromPlan') : undefined })}
          {lines('tomorrowPlan', t('tomorrowPlan'), state.tomorrowPlan, { plan: true })}
          {lines('problems', t('problems'), state.problems)}
          {visits}
        </>
      )}

      {state.kind === 'weekly' && (
        <WeeklySections
          state={state}
          previous={before?.kind === 'weekly' ? before : undefined}
          dealersById={dealersById}
          dealerOptions={dealerOptions}
          periodStart={periodStart}
          minKeyAccountVisits={minKeyAccountVisits}
          planEvidence={planEvidence}
          reasonRequired={reasonNeeded}
          // Asked for only when it can matter: past the due time before a first submission, or already given.
          showLateReason={deadline === undefined || (submitAs === 'submitted' && deadline.phase !== 'open') || (state.kind === 'weekly' && state.lateReason.trim() !== '')}
          errorText={errorText}
          lineSignals={lineSignals}
          onChange={(next) => edit(() => next)}
        />
      )}

      {state.kind === 'monthly' && (
        <>
          {before?.kind === 'monthly' && before.nextMonthPlan.length > 0 && <PreviousPlan lines={before.nextMonthPlan} evidence={planEvidence} periodStart={periodStart} />}
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
                className={textareaClass}
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

      {template && template.fields.length > 0 && (
        <CustomFields
          template={template}
          values={extra}
          problems={extraProblems}
          onChange={(values) => {
            setNotice(undefined);
            setExtra(values);
          }}
        />
      )}
      {ownReasonField && (
        <Field label={t('lateReason')} error={errorText('reason')}>
          {(control) => <textarea {...control} id={control.id ?? reasonId} rows={2} maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} className={textareaClass} />}
        </Field>
      )}
      {footer}
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={() => void save(false)} disabled={saving} aria-busy={saving || undefined}>
          {reviewState === 'draft' ? t('saveDraft') : tr('saveChanges')}
        </Button>
        {submitAs && (
          <Button type="submit" variant="primary" disabled={saving} aria-busy={saving || undefined}>
            {submitAs === 'resubmitted' ? tr('resubmit') : t(`submit_${kind}`)}
          </Button>
        )}
      </div>
    </form>
  );
}

/**
 * Last month's plan above this month's report; in a built report each line with what the month's
 * records show beside it (plan against actual).
 */
function PreviousPlan({ lines, evidence, periodStart }: { lines: string[]; evidence?: readonly PlanEvidence[]; periodStart: string }) {
  const t = useT(diaryEditorMessages);
  return (
    <section aria-label={t('previousPlan')} className="flex flex-col gap-1 rounded-md bg-soft px-3 py-2" data-testid="previous-plan">
      <h4 className="m-0 text-sm font-semibold text-ink">{t('previousPlan')}</h4>
      <ol className="m-0 flex list-decimal flex-col gap-1 pl-5 text-sm text-muted">
        {lines.map((line, i) => (
          <li key={i}>
            <span className="text-ink">{line}</span>
            <PlanEvidenceHint evidence={evidence?.find((row) => row.item === line.trim())} dealersById={{}} periodStart={periodStart} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * One row of a list of rows: its fields, and at the end of its first line the button that removes
 * it, named after the row and the list ("删除第 2 行（下周工作计划）").
 */
function RowCard({ removeLabel, onRemove, children }: { removeLabel: string; onRemove: () => void; children: ReactNode }) {
  return (
    <div className="grid min-w-0 grid-cols-[minmax(0,1fr)_auto] gap-x-1.5 rounded-md bg-soft p-2">
      <div className="flex min-w-0 flex-wrap gap-x-3 gap-y-2">{children}</div>
      {/* 22 px of label line and gap, then centred on the 36 px input: in line with the first field. */}
      <Button variant="ghost" size="icon" className="mt-6.5 text-muted hover:bg-surface hover:text-danger" aria-label={removeLabel} title={removeLabel} onClick={onRemove}>
        <X aria-hidden="true" className="size-4" />
      </Button>
    </div>
  );
}

/** The weekly report's lists of rows. */
type RowKey = 'lastWeekSummary' | 'nextWeekPlan' | 'keyAccountVisits' | 'gradeChanges';

function WeeklySections({
  state,
  previous,
  dealersById,
  dealerOptions: pickable,
  periodStart,
  minKeyAccountVisits,
  planEvidence,
  reasonRequired,
  showLateReason,
  errorText,
  lineSignals,
  onChange,
}: {
  planEvidence: readonly PlanEvidence[] | undefined;
  reasonRequired: boolean;
  showLateReason: boolean;
  state: WeeklyState;
  previous: Extract<DiaryEntry['content'], { kind: 'weekly' }> | undefined;
  dealersById: Record<string, string>;
  dealerOptions: readonly { id: string; name: string }[] | undefined;
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
  const row = (key: RowKey, index: number, children: ReactNode) => (
    <RowCard key={index} removeLabel={t('removeRow', { n: index + 1, list: t(key) })} onRemove={() => removeRow(key, index)}>
      {children}
    </RowCard>
  );

  const previousPriorities = previous?.nextWeekPlan.map((r) => r.priority) ?? [];
  const previousProblems = previous?.lastWeekSummary.map((r) => r.problem) ?? [];
  const count = keyAccountVisitCount(state);
  const dealerOptions = pickable ? pickable.map((d) => [d.id, d.name] as const) : Object.entries(dealersById);
  const nameOf = (id: string) => dealersById[id] ?? pickable?.find((d) => d.id === id)?.name;
  const dealerSelect = (value: string, onSelect: (id: string) => void) => (control: FieldControlProps) => (
    <select
      {...control}
      value={value}
      title={value ? (nameOf(value) ?? t('unknownDealer')) : undefined}
      onChange={(event) => onSelect(event.target.value)}
      className={cn(selectClass, 'truncate')}
    >
      <option value="">{t('chooseDealer')}</option>
      {dealerOptions.map(([id, name]) => (
        <option key={id} value={id}>
          {name}
        </option>
      ))}
      {value && !dealerOptions.some(([id]) => id === value) && <option value={value}>{nameOf(value) ?? t('unknownDealer')}</option>}
    </select>
  );
  const gradeSelect = (value: GradeRow['from'], placeholder: string, onSelect: (grade: GradeRow['from']) => void) => (control: FieldControlProps) => (
    <select {...control} value={value} onChange={(event) => onSelect(event.target.value as GradeRow['from'])} className={selectClass}>
      <option value="">{placeholder}</option>
      {GRADES.map((grade) => (
        <option key={grade} value={grade}>
          {grade}
        </option>
      ))}
    </select>
  );
  const textInput = (value: string, onText: (text: string) => void) => (control: FieldControlProps) => (
    <textarea
      {...control}
      rows={1}
      maxLength={LINE_MAX}
      value={value}
      // One line that wraps: Enter neither adds a line break nor submits the report.
      onKeyDown={(event) => event.key === 'Enter' && !event.nativeEvent.isComposing && event.preventDefault()}
      onChange={(event) => onText(event.target.value.replace(/\s*\r?\n\s*/g, ' '))}
      className={lineClass}
    />
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
        {state.lastWeekSummary.map((summary, i) => {
          const n = i + 1;
          const problemSignals = summary.problem.trim() ? lineSignals(summary.problem, previousProblems, false) : [];
          return row(
            'lastWeekSummary',
            i,
            <>
              <Field className="basis-full" label={t('summaryItem', { n })} error={errorText(`lastWeekSummary.${i}.item`)}>
                {textInput(summary.item, (item) => updateRow('lastWeekSummary', i, { item }))}
              </Field>
              <PlanEvidenceHint evidence={planEvidence?.find((row) => row.item === summary.item.trim())} dealersById={dealersById} periodStart={periodStart} />
              <Field className="shrink-0" label={t('summaryCompletion', { n })} error={errorText(`lastWeekSummary.${i}.completion`)}>
                {(control) => (
                  <input
                    {...control}
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={100}
                    value={summary.completion}
                    onChange={(event) => updateRow('lastWeekSummary', i, { completion: event.target.value })}
                    className={cn(inputClass, 'w-24 tabular-nums')}
                  />
                )}
              </Field>
              <Field
                className="grow basis-44"
                label={t('summaryProblem', { n })}
                error={errorText(`lastWeekSummary.${i}.problem`)}
                signal={problemSignals.length ? problemSignals.join(' ') : undefined}
              >
                {textInput(summary.problem, (problem) => updateRow('lastWeekSummary', i, { problem }))}
              </Field>
            </>,
          );
        })}
      </RowListFieldset>

      <RowListFieldset
        legend={t('nextWeekPlan')}
        error={errorText('nextWeekPlan')}
        addLabel={t('addPriority')}
        onAdd={() => set('nextWeekPlan', [...state.nextWeekPlan, emptyPlanRow()])}
      >
        {state.nextWeekPlan.map((plan, i) => {
          const n = i + 1;
          const signals = plan.priority.trim() ? lineSignals(plan.priority, previousPriorities, true) : [];
          return row(
            'nextWeekPlan',
            i,
            <>
              <Field className="basis-full" label={t('planPriority', { n })} error={errorText(`nextWeekPlan.${i}.priority`)} signal={signals.length ? signals.join(' ') : undefined}>
                {textInput(plan.priority, (priority) => updateRow('nextWeekPlan', i, { priority }))}
              </Field>
              <Field className="basis-full" label={t('planSupport', { n })} optional>
                {textInput(plan.support, (support) => updateRow('nextWeekPlan', i, { support }))}
              </Field>
            </>,
          );
        })}
      </RowListFieldset>

      <RowListFieldset
        legend={t('keyAccountVisits')}
        addLabel={t('addVisit')}
        onAdd={() => set('keyAccountVisits', [...state.keyAccountVisits, emptyKeyAccountRow(periodStart)])}
      >
        <Notice tone={count < minKeyAccountVisits ? 'warn' : 'ok'} role="status">
          {count < minKeyAccountVisits
            ? t('keyAccountBelow', { count, min: minKeyAccountVisits, missing: minKeyAccountVisits - count })
            : t('keyAccountCount', { count, min: minKeyAccountVisits })}
        </Notice>
        {state.keyAccountVisits.map((visit, i) => {
          const n = i + 1;
          return row(
            'keyAccountVisits',
            i,
            <>
              <Field className="basis-full" label={t('visitDealer', { n })} error={errorText(`keyAccountVisits.${i}.dealerId`)}>
                {dealerSelect(visit.dealerId, (dealerId) => updateRow('keyAccountVisits', i, { dealerId }))}
              </Field>
              <Field className="basis-full" label={t('visitDay', { n })} error={errorText(`keyAccountVisits.${i}.day`)}>
                {(control) => <DatePicker {...control} value={visit.day} onValueChange={(day) => updateRow('keyAccountVisits', i, { day })} />}
              </Field>
              <Field className="basis-full" label={t('visitPurpose', { n })} error={errorText(`keyAccountVisits.${i}.purpose`)}>
                {textInput(visit.purpose, (purpose) => updateRow('keyAccountVisits', i, { purpose }))}
              </Field>
              <Field className="basis-full" label={t('visitOutcome', { n })} error={errorText(`keyAccountVisits.${i}.outcome`)}>
                {textInput(visit.outcome, (outcome) => updateRow('keyAccountVisits', i, { outcome }))}
              </Field>
            </>,
          );
        })}
      </RowListFieldset>

      <RowListFieldset
        legend={t('gradeChanges')}
        hint={t('gradeChangesHint')}
        addLabel={t('addGradeChange')}
        onAdd={() => set('gradeChanges', [...state.gradeChanges, emptyGradeRow()])}
      >
        {state.gradeChanges.map((change, i) => {
          const n = i + 1;
          return row(
            'gradeChanges',
            i,
            <>
              <Field className="basis-full" label={t('gradeDealer', { n })} error={errorText(`gradeChanges.${i}.dealerId`)}>
                {dealerSelect(change.dealerId, (dealerId) => updateRow('gradeChanges', i, { dealerId }))}
              </Field>
              <Field className="grow basis-40" label={t('gradeFrom', { n })}>
                {gradeSelect(change.from, t('gradeNone'), (from) => updateRow('gradeChanges', i, { from }))}
              </Field>
              <Field className="grow basis-40" label={t('gradeTo', { n })} error={errorText(`gradeChanges.${i}.to`)}>
                {gradeSelect(change.to, t('chooseDealer'), (to) => updateRow('gradeChanges', i, { to }))}
              </Field>
            </>,
          );
        })}
      </RowListFieldset>

      {showLateReason && (
        <Field label={t('lateReason')} hint={t('lateReasonHint')} optional={!reasonRequired} error={errorText('lateReason')}>
          {textInput(state.lateReason, (lateReason) => set('lateReason', lateReason))}
        </Field>
      )}
    </>
  );
}
