/**
 * The review of one report, for its author and for the manager reading it: where it stands
 * (submitted, returned, reviewed; on time or late; who has read it), the manager's notes in red
 * with who wrote them and when, the author's replies, the manager's actions (note, return with a
 * reason, mark reviewed) and the report's history. Presentational: actions go out through
 * `onAction`, which saves a review event (lib/reports/submit.ts `takeReviewAction`).
 */
import { useId, useMemo, useState } from 'react';
import { CheckCheck, History, PenLine, Undo2 } from 'lucide-react';
import { formatDay, formatNumber } from '../../lib/kernel/format';
import type { Locale } from '../../lib/kernel/i18n';
import type { DiaryEntry, DiaryKind } from '../../lib/reports/diary-schema';
import { auditTrailOf, canTakeAction, ReviewError, type AnnotationThread, type AuditStep, type ReviewRequest, type ReviewSummary } from '../../lib/reports/review';
import type { ReviewEvent } from '../../lib/reports/review-schema';
import type { Template, TemplateField } from '../../lib/reports/schema';
import { fieldValueText } from '../../lib/reports/template-render';
import { profileNameFor } from '../../lib/store/settings';
import { useDealerNames } from '../shell/database-context';
import { useLocale, useT } from '../shell/locale';
import { Badge, Button, Notice, cn, hintClass, textareaClass } from '../ui';
import { diaryEditorMessages, type DiaryEditorMessageKey } from './messages';
import { reviewMessages } from './review-messages';
import { useEntryTemplate } from './use-template';

const FIELD_LABELS: Record<string, DiaryEditorMessageKey> = {
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

/** A part of a row, as the report editor labels its input ("Support needed for priority 2"). */
const ROW_FIELD_LABELS: Record<string, DiaryEditorMessageKey> = {
  'lastWeekSummary.item': 'summaryItem',
  'lastWeekSummary.completion': 'summaryCompletion',
  'lastWeekSummary.problem': 'summaryProblem',
  'nextWeekPlan.priority': 'planPriority',
  'nextWeekPlan.support': 'planSupport',
  'keyAccountVisits.dealerId': 'visitDealer',
  'keyAccountVisits.day': 'visitDay',
  'keyAccountVisits.purpose': 'visitPurpose',
  'keyAccountVisits.outcome': 'visitOutcome',
  'gradeChanges.dealerId': 'gradeDealer',
  'gradeChanges.from': 'gradeFrom',
  'gradeChanges.to': 'gradeTo',
};

/**
 * A field path ("lastWeekSummary.1", "content.nextWeekPlan.0.support", "extra.shelf") as its
 * reader names it: "上周工作总结 #2", "重点工作 1 需要的支持", an added field by the label the
 * template gives it (else "自定义字段": never the raw key). Undefined for a path it cannot name.
 */
export function usePathLabel(kind: DiaryKind, template?: Pick<Template, 'fields'>): (path: string | undefined) => string | undefined {
  const t = useT(diaryEditorMessages);
  const tr = useT(reviewMessages);
  const locale = useLocale();
  return (path) => {
    if (!path) return undefined;
    const parts = path.split('.').filter((p, i) => !(i === 0 && p === 'content'));
    const [field, index, sub] = parts;
    if (field === 'extra') {
      const label = (parts[1] && template?.fields.find((f) => f.key === parts[1])?.label[locale]) || tr('addedField');
      // A part of an added field's answer (an SKU of a checklist) is named by the answer's own key.
      return parts.length > 2 ? `${label} · ${parts.slice(2).join('.')}` : label;
    }
    const key = field === 'problems' ? (kind === 'monthly' ? 'monthProblems' : 'problems') : FIELD_LABELS[field ?? ''];
    if (!key) return undefined;
    if (index === undefined || !/^\d+$/.test(index)) return t(key);
    const n = Number(index) + 1;
    const rowKey = sub ? ROW_FIELD_LABELS[`${field}.${sub}`] : undefined;
    return rowKey ? t(rowKey, { n }) : `${t(key)} #${n}`;
  };
}

/**
 * A time or date kept on one line inside a sentence: "28 Nov, 01:30" must not wrap as
 * "28 Nov, / 01:30", nor "11月28日" as "11 / 月28日" (no-break spaces, word joiners in Chinese).
 */
export function unbroken(text: string): string {
  const spaced = text.replace(/ /g, '\u00a0');
  return /\p{Script=Han}/u.test(spaced) ? Array.from(spaced).join('\u2060') : spaced;
}

/** When something happened, in the UI language and on one line: "Sat 28 Nov, 01:30" (with the year when it is not this year's). */
export function whenText(iso: string, locale: Locale, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const thisYear = at.getFullYear() === now.getFullYear();
  const format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    ...(thisYear ? {} : { year: 'numeric' }),
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return unbroken(format.format(at));
}

const STATE_TONES = { draft: 'neutral', submitted: 'info', returned: 'danger', resubmitted: 'info', reviewed: 'ok' } as const;
/** The design system's badge has no information tone: the info colours, from the tokens. */
const INFO_BADGE = 'border-transparent bg-info-soft text-info';

export function ReviewStateBadge({ state }: { state: ReviewSummary['state'] }) {
  const t = useT(reviewMessages);
  const tone = STATE_TONES[state];
  return tone === 'info' ? <Badge className={INFO_BADGE}>{t(`state_${state}`)}</Badge> : <Badge tone={tone}>{t(`state_${state}`)}</Badge>;
}

const OUTCOME_TONES = { onTime: 'ok', onTimeWithReason: 'ok', late: 'warn' } as const;

/** How the submission met its deadline, as a badge. */
export function DeadlineBadge({ outcome }: { outcome: NonNullable<DiaryEntry['deadline']>['outcome'] }) {
  const t = useT(reviewMessages);
  return <Badge tone={OUTCOME_TONES[outcome]}>{t(`outcome_${outcome}`)}</Badge>;
}

/** How the submission met its deadline, with the reason the author gave. */
export function DeadlineLine({ entry }: { entry: DiaryEntry }) {
  const t = useT(reviewMessages);
  const locale = useLocale();
  if (!entry.deadline) return null;
  const d = entry.deadline;
  return (
    <p className="m-0 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted">
      <DeadlineBadge outcome={d.outcome} />
      <span>{t('dueAt', { due: whenText(d.dueAt, locale) })}</span>
      {d.reason && <span className="min-w-0 basis-full break-words">{t('outcomeReason', { reason: d.reason })}</span>}
    </p>
  );
}

/**
 * Where the report stands for whoever looks at it: returned (by whom, why) or reviewed, how it
 * met its deadline, who has read it (已读), or for its author that nobody has yet.
 */
export function ReviewStatus({ entry, summary, isAuthor }: { entry: DiaryEntry; summary: ReviewSummary; isAuthor: boolean }) {
  const t = useT(reviewMessages);
  const locale = useLocale();
  const name = (n: string) => profileNameFor(n, locale);
  return (
    <div className="flex min-w-0 flex-col gap-2">
      {summary.state === 'returned' && summary.returned && (
        <Notice tone="danger" role="status">
          <span className="flex flex-col gap-1">
            <span className="font-semibold">{t('returnedBy', { name: name(summary.returned.author.name), time: whenText(summary.returned.at, locale) })}</span>
            <span className="text-base break-words whitespace-pre-wrap">{summary.returned.text}</span>
            {isAuthor && <span className="text-ink">{t('returnedWhat')}</span>}
          </span>
        </Notice>
      )}
      {summary.state === 'reviewed' && summary.reviewed && (
        <Notice tone="ok" role="status">
          {t('reviewedBy', { name: name(summary.reviewed.author.name), time: whenText(summary.reviewed.at, locale) })}
        </Notice>
      )}
      <div className="flex min-w-0 flex-col gap-1">
        <DeadlineLine entry={entry} />
        {summary.readBy.length > 0 ? (
          summary.readBy.map((r) => (
            <p key={r.id} className="m-0 flex items-start gap-1.5 text-sm text-muted" data-testid="read-receipt">
              <CheckCheck aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-ok" />
              <span className="min-w-0">{t('readBy', { name: name(r.name), time: whenText(r.at, locale) })}</span>
            </p>
          ))
        ) : isAuthor ? (
          <p className={hintClass}>{t('notReadYet')}</p>
        ) : null}
      </div>
    </div>
  );
}

export interface ReviewPanelProps {
  entry: DiaryEntry;
  summary: ReviewSummary;
  events: readonly ReviewEvent[];
  /** Who is looking: the author answers notes; anyone else with `canReview` reviews. */
  viewer: { id: string; name: string };
  canReview: boolean;
  onAction(request: ReviewRequest): Promise<unknown>;
  /** Whether to show where it stands (the reading layout shows it under its title instead). */
  showStatus?: boolean;
  /** Notes on these lines are shown at the line (the reading layout): not listed again here. */
  inlinePaths?: ReadonlySet<string>;
}

export function ReviewPanel({ entry, summary, events, viewer, canReview, onAction, showStatus = true, inlinePaths }: ReviewPanelProps) {
  const isAuthor = viewer.id === entry.author.id;
  const reviewer = canReview && !isAuthor;
  if (summary.state === 'draft') return null;
  const threads = inlinePaths ? summary.threads.filter((thread) => !thread.annotation.path || !inlinePaths.has(thread.annotation.path)) : summary.threads;
  const heading = threads.length < summary.threads.length ? 'annotationsElsewhere' : isAuthor ? 'annotations' : 'annotationsReviewer';
  return (
    <div className="flex min-w-0 flex-col gap-3">
      {showStatus && <ReviewStatus entry={entry} summary={summary} isAuthor={isAuthor} />}
      {threads.length > 0 && <Threads entry={entry} threads={threads} isAuthor={isAuthor} onAction={onAction} heading={heading} />}
      {reviewer && <ReviewerActions entry={entry} summary={summary} onAction={onAction} />}
      <AuditTrail entry={entry} events={events} />
    </div>
  );
}

/** Errors of a review action in the UI language. */
function useActionError() {
  const t = useT(reviewMessages);
  return (error: unknown) => (error instanceof ReviewError ? t(`error_${error.reason}`) : t('errorSaveFailed'));
}

/** A manager's note in red pen: who wrote it and when, then the note. */
export function NoteText({ annotation, children }: { annotation: ReviewEvent; children?: React.ReactNode }) {
  const locale = useLocale();
  return (
    <>
      <span className="text-xs text-muted">
        <span className="font-semibold text-danger">{profileNameFor(annotation.author.name, locale)}</span>
        {' · '}
        <span>{whenText(annotation.at, locale)}</span>
      </span>
      {children}
      <span className="text-base break-words whitespace-pre-wrap text-danger">{annotation.text}</span>
    </>
  );
}

/** The author's answers to a note, each with who and when. */
export function Replies({ replies }: { replies: readonly ReviewEvent[] }) {
  const t = useT(reviewMessages);
  const locale = useLocale();
  return replies.map((reply) => (
    <span key={reply.id} className="mt-1 ml-3 flex flex-col gap-0.5 border-l-2 border-line-strong pl-2">
      <span className="text-xs text-muted">{t('replied', { name: profileNameFor(reply.author.name, locale), time: whenText(reply.at, locale) })}</span>
      <span className="text-base break-words whitespace-pre-wrap text-ink">{reply.text}</span>
    </span>
  ));
}

/** The manager's notes in red pen, each with its replies; the author can answer each. */
function Threads({ entry, threads, isAuthor, onAction, heading }: { entry: DiaryEntry; threads: readonly AnnotationThread[]; isAuthor: boolean; onAction: ReviewPanelProps['onAction']; heading: 'annotations' | 'annotationsReviewer' | 'annotationsElsewhere' }) {
  const t = useT(reviewMessages);
  const template = useEntryTemplate(entry.content.kind, entry)?.template;
  const pathLabel = usePathLabel(entry.content.kind, template);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2 rounded-md border border-l-4 border-danger bg-danger-soft px-3 py-2.5" data-testid="annotations">
      <h4 id={headingId} className="m-0 flex items-center gap-1.5 text-sm font-semibold text-danger">
        <PenLine aria-hidden="true" className="size-4 shrink-0" />
        {t(heading, { count: threads.length })}
      </h4>
      <ul className="m-0 flex list-none flex-col gap-3 p-0">
        {threads.map(({ annotation, replies }) => {
          const field = pathLabel(annotation.path) ?? t('wholeReport');
          return (
            <li key={annotation.id} className="flex min-w-0 flex-col gap-1" data-testid="annotation">
              <NoteText annotation={annotation}>
                <span className="text-xs break-words text-muted">{annotation.quote ? t('aboutQuote', { field, quote: annotation.quote }) : t('about', { field })}</span>
              </NoteText>
              <Replies replies={replies} />
              {isAuthor && <ReplyForm annotation={annotation} onAction={onAction} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ReplyForm({ annotation, onAction }: { annotation: ReviewEvent; onAction: ReviewPanelProps['onAction'] }) {
  const t = useT(reviewMessages);
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <div>
        <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>
          {t('reply')}
        </Button>
      </div>
    );
  return (
    <span className="mt-1 flex flex-col">
      <NoteForm
        label={t('replyLabel', { name: profileNameFor(annotation.author.name, locale) })}
        submitLabel={t('sendReply')}
        emptyMessage={t('errorReplyRequired')}
        onSave={(text) => onAction({ action: 'reply', replyTo: annotation.id, text })}
        onCancel={() => setOpen(false)}
      />
    </span>
  );
}

/**
 * A note box: a note on a line or on the whole report, or a reply to one. Not a <form>: the
 * panel sits inside the report editor's form, and forms do not nest. Closes (onCancel) once saved.
 */
export function NoteForm({
  label,
  submitLabel,
  emptyMessage,
  onSave,
  onCancel,
}: {
  label: string;
  submitLabel?: string;
  emptyMessage?: string;
  onSave(text: string): Promise<unknown>;
  onCancel?: () => void;
}) {
  const t = useT(reviewMessages);
  const errorOf = useActionError();
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const id = useId();
  const errorId = useId();
  const save = async () => {
    if (!text.trim()) return setError(emptyMessage ?? t('errorTextRequired'));
    setBusy(true);
    try {
      await onSave(text);
      setText('');
      setError(undefined);
      onCancel?.();
    } catch (e) {
      setError(errorOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span role="group" aria-label={label} className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-ink">
        {label}
      </label>
      <textarea
        id={id}
        rows={2}
        maxLength={2000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        className={textareaClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      {error && (
        <span id={errorId} role="alert" className="text-sm text-danger">
          {error}
        </span>
      )}
      <span className="flex flex-wrap gap-2">
        <Button size="sm" variant="primary" disabled={busy} onClick={() => void save()}>
          {submitLabel ?? t('saveNote')}
        </Button>
        {onCancel && (
          <Button size="sm" onClick={onCancel}>
            {t('cancel')}
          </Button>
        )}
      </span>
    </span>
  );
}

/** The manager's actions on a report: a note on the whole report, return with a reason, mark reviewed. */
function ReviewerActions({ entry, summary, onAction }: { entry: DiaryEntry; summary: ReviewSummary; onAction: ReviewPanelProps['onAction'] }) {
  const t = useT(reviewMessages);
  const locale = useLocale();
  const errorOf = useActionError();
  const [mode, setMode] = useState<'none' | 'note' | 'return'>('none');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const reasonId = useId();
  const errorId = useId();
  const author = profileNameFor(entry.author.name, locale);
  const run = async (request: ReviewRequest) => {
    setBusy(true);
    setError(undefined);
    try {
      await onAction(request);
      setMode('none');
      setReason('');
    } catch (e) {
      setError(errorOf(e));
    } finally {
      setBusy(false);
    }
  };
  const canDecide = canTakeAction('review', summary.state);
  const canNote = canTakeAction('annotate', summary.state);
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2 rounded-md border border-line bg-surface px-3 py-2.5" data-testid="review-actions">
      <h4 id={headingId} className="m-0 text-sm font-semibold text-ink">
        {t('reviewActions')}
      </h4>
      {summary.state === 'reviewed' && <p className={hintClass}>{t('reviewDoneHint')}</p>}
      {summary.state === 'returned' && <p className={hintClass}>{t('awaitingResubmission', { name: author })}</p>}
      {mode === 'note' && <NoteForm label={t('noteWhole')} onSave={(text) => onAction({ action: 'annotate', text })} onCancel={() => setMode('none')} />}
      {mode === 'return' && (
        <div role="group" aria-label={t('returnForRevision')} className="flex flex-col gap-1.5">
          <label htmlFor={reasonId} className="text-sm font-medium text-ink">
            {t('returnReason')}
          </label>
          <textarea
            id={reasonId}
            rows={3}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className={textareaClass}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
          {error && (
            <p id={errorId} role="alert" className="m-0 text-sm text-danger">
              {error}
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <Button size="sm" variant="danger" disabled={busy} onClick={() => (reason.trim() ? void run({ action: 'return', text: reason }) : setError(t('errorReasonRequired')))}>
              <Undo2 aria-hidden="true" className="size-4" />
              {t('confirmReturn', { name: author })}
            </Button>
            <Button
              size="sm"
              onClick={() => {
                setMode('none');
                setError(undefined);
              }}
            >
              {t('cancel')}
            </Button>
          </div>
        </div>
      )}
      {mode !== 'return' && error && (
        <p role="alert" className="m-0 text-sm text-danger">
          {error}
        </p>
      )}
      {mode === 'none' && (canNote || canDecide) && (
        <div className="flex flex-col items-start gap-2">
          {canNote && (
            <Button size="sm" variant="ghost" className="-ml-2.5" onClick={() => setMode('note')}>
              <PenLine aria-hidden="true" className="size-4" />
              {t('noteWhole')}
            </Button>
          )}
          {canDecide && (
            <div className="flex w-full flex-wrap gap-2">
              <Button size="sm" className="grow" onClick={() => setMode('return')}>
                <Undo2 aria-hidden="true" className="size-4" />
                {t('returnForRevision')}
              </Button>
              <Button size="sm" variant="primary" className="grow" disabled={busy} onClick={() => void run({ action: 'review' })}>
                <CheckCheck aria-hidden="true" className="size-4" />
                {t('markReviewed')}
              </Button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Everything a changed value may need to be read as words: dealers by name, days in words, added fields by their template. */
interface ValueWords {
  locale: Locale;
  empty: string;
  dealerName(id: string): string | undefined;
  field?: TemplateField;
}

/** A changed value as a short text in the UI language: a customer by name, a day in words, a percentage, ✓/✗; never an id or an ISO string. */
function valueText(value: unknown, key: string | undefined, words: ValueWords): string {
  const { locale, empty } = words;
  if (value === undefined || value === null || value === '') return empty;
  if (words.field) return fieldValueText(words.field, value, locale, words.dealerName) ?? empty;
  if (key === 'dealerId' && typeof value === 'string') return words.dealerName(value) ?? empty;
  if (typeof value === 'string') {
    if (DAY.test(value)) return unbroken(formatDay(value, locale, 'date'));
    return value.length > 80 ? `${value.slice(0, 79)}…` : value;
  }
  if (typeof value === 'number') return key === 'completion' ? `${formatNumber(value, locale)}%` : formatNumber(value, locale);
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (Array.isArray(value)) return valueText(value.map((v) => valueText(v, key, { ...words, empty: '' })).filter(Boolean).join(locale === 'en' ? '; ' : '；'), key, words);
  const parts = Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => (typeof v === 'object' && v !== null ? '' : valueText(v, k, { ...words, empty: '' })))
    .filter(Boolean);
  return valueText(parts.join(' · '), undefined, words);
}

/** The customers a revision's changes name, to show them by name. */
function dealerIdsOfChanges(entry: DiaryEntry): string[] {
  const ids = new Set<string>();
  const visit = (value: unknown, key?: string) => {
    if (key === 'dealerId' && typeof value === 'string') ids.add(value);
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) visit(v, Array.isArray(value) ? key : k);
  };
  for (const revision of entry.revisions ?? [])
    for (const change of revision.changes) {
      const last = change.path.split('.').at(-1);
      visit(change.before, last);
      visit(change.after, last);
    }
  return [...ids];
}

/** Every step of the report's life, oldest first: who, when, what changed. */
function AuditTrail({ entry, events }: { entry: DiaryEntry; events: readonly ReviewEvent[] }) {
  const t = useT(reviewMessages);
  const locale = useLocale();
  const template = useEntryTemplate(entry.content.kind, entry)?.template;
  const pathLabel = usePathLabel(entry.content.kind, template);
  const dealers = useDealerNames(useMemo(() => dealerIdsOfChanges(entry), [entry]));
  const steps = auditTrailOf(entry, events);
  if (steps.length === 0) return null;
  const what = (step: AuditStep) => {
    const name = profileNameFor(step.by.name, locale);
    return step.type === 'revision' ? t(`audit_${step.revision.action}`, { name }) : t(`audit_${step.event.action}`, { name });
  };
  const change = (path: string, before: unknown, after: unknown) => {
    const parts = path.split('.');
    const field = parts[0] === 'extra' ? template?.fields.find((f) => f.key === parts[1]) : undefined;
    const key = parts.at(-1);
    const words: ValueWords = { locale, empty: t('emptyValue'), dealerName: (id) => dealers?.[id] ?? undefined, ...(field && parts.length === 2 ? { field } : {}) };
    const label = pathLabel(path) ?? t('otherField');
    const blank = (v: unknown) => v === undefined || v === null || v === '';
    const messageKey = blank(before) ? 'changeAdded' : blank(after) ? 'changeRemoved' : 'changeLine';
    return t(messageKey, { field: label, before: valueText(before, key, words), after: valueText(after, key, words) });
  };
  return (
    <details className="group rounded-md border border-line px-3 py-2" data-testid="audit-trail">
      <summary className="flex cursor-pointer items-center gap-1.5 text-sm font-semibold text-ink">
        <History aria-hidden="true" className="size-4 shrink-0 text-muted" />
        {t('auditTrail', { count: steps.length })}
      </summary>
      <ol className="m-0 mt-2 flex list-none flex-col gap-2 p-0">
        {steps.map((step, i) => (
          <li key={i} className="flex min-w-0 flex-col gap-0.5 border-l-2 border-line pl-2">
            {/* Who did what, then when on its own line (the separator is for copied text only). */}
            <span className="text-sm text-ink">
              {what(step)}
              <span hidden> · </span>
            </span>
            <span className="text-xs text-muted">{whenText(step.at, locale)}</span>
            {step.type === 'revision' && step.revision.action === 'submitted' && entry.deadline && step.at === entry.deadline.submittedAt && (
              <span className="text-xs text-muted">{entry.deadline.reason ? `${t(`outcome_${entry.deadline.outcome}`)} · ${t('outcomeReason', { reason: entry.deadline.reason })}` : t(`outcome_${entry.deadline.outcome}`)}</span>
            )}
            {step.type === 'event' && step.event.text && (
              <span className={cn('text-sm break-words whitespace-pre-wrap', step.event.action === 'annotate' || step.event.action === 'return' ? 'text-danger' : 'text-muted')}>{step.event.text}</span>
            )}
            {step.type === 'revision' && step.revision.changes.length > 0 && (
              <ul className="m-0 flex list-none flex-col gap-0.5 p-0 text-xs text-muted">
                {step.revision.changes.slice(0, 12).map((c, j) => (
                  <li key={j} className="break-words">
                    {change(c.path, c.before, c.after)}
                  </li>
                ))}
                {step.revision.changes.length > 12 && <li>{t('moreChanges', { count: step.revision.changes.length - 12 })}</li>}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}
