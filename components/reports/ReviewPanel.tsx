/**
 * The review of one report, for its author and for the manager reading it: where it stands
 * (submitted, returned, reviewed; on time or late; who has read it), the manager's notes in red
 * with who wrote them and when, the author's replies, the manager's actions (note, return with a
 * reason, mark reviewed) and the report's history. Presentational: actions go out through
 * `onAction`, which saves a review event (lib/reports/submit.ts `takeReviewAction`).
 */
import { useId, useState } from 'react';
import { CheckCheck, History, PenLine, Undo2 } from 'lucide-react';
import type { DiaryEntry, DiaryKind } from '../../lib/reports/diary-schema';
import { auditTrailOf, canTakeAction, ReviewError, type AuditStep, type ReviewRequest, type ReviewSummary } from '../../lib/reports/review';
import type { ReviewEvent } from '../../lib/reports/review-schema';
import { profileNameFor } from '../../lib/store/settings';
import { useLocale, useT } from '../shell/locale';
import { Badge, Button, Notice, cn, hintClass, textareaClass } from '../ui';
import { diaryEditorMessages, type DiaryEditorMessageKey } from './messages';
import { formatInstant } from './period';
import { reviewMessages } from './review-messages';

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

/** A field path ("lastWeekSummary.1.completion", "content.todayWork.0") as its reader names it: "上周工作总结 #2". */
export function usePathLabel(kind: DiaryKind): (path: string | undefined) => string | undefined {
  const t = useT(diaryEditorMessages);
  return (path) => {
    if (!path) return undefined;
    const parts = path.split('.').filter((p) => p !== 'content');
    const [field, index] = parts;
    if (field === 'extra') return parts[1];
    const key = field === 'problems' ? (kind === 'monthly' ? 'monthProblems' : 'problems') : FIELD_LABELS[field ?? ''];
    if (!key) return undefined;
    return index !== undefined && /^\d+$/.test(index) ? `${t(key)} #${Number(index) + 1}` : t(key);
  };
}

const STATE_TONES = { draft: 'neutral', submitted: 'accent', returned: 'danger', resubmitted: 'accent', reviewed: 'ok' } as const;
const OUTCOME_TONES = { onTime: 'ok', onTimeWithReason: 'ok', late: 'warn' } as const;

export function ReviewStateBadge({ state }: { state: ReviewSummary['state'] }) {
  const t = useT(reviewMessages);
  return <Badge tone={STATE_TONES[state]}>{t(`state_${state}`)}</Badge>;
}

/** How the submission met its deadline, with the reason the author gave. */
export function DeadlineLine({ entry }: { entry: DiaryEntry }) {
  const t = useT(reviewMessages);
  const locale = useLocale();
  if (!entry.deadline) return null;
  const d = entry.deadline;
  return (
    <p className="m-0 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted">
      <Badge tone={OUTCOME_TONES[d.outcome]}>{t(`outcome_${d.outcome}`)}</Badge>
      <span className="inline-block">{t('dueAt', { due: formatInstant(d.dueAt, locale) })}</span>
      {d.reason && <span className="min-w-0 break-words">{t('outcomeReason', { reason: d.reason })}</span>}
    </p>
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
}

export function ReviewPanel({ entry, summary, events, viewer, canReview, onAction }: ReviewPanelProps) {
  const t = useT(reviewMessages);
  const locale = useLocale();
  const isAuthor = viewer.id === entry.author.id;
  const reviewer = canReview && !isAuthor;
  const name = (n: string) => profileNameFor(n, locale);
  if (summary.state === 'draft') return null;
  return (
    <div className="flex min-w-0 flex-col gap-3">
      <div className="flex min-w-0 flex-col gap-1">
        <DeadlineLine entry={entry} />
        {summary.readBy.length > 0 ? (
          summary.readBy.map((r) => (
            <p key={r.id} className="m-0 flex items-center gap-1.5 text-sm text-muted" data-testid="read-receipt">
              <CheckCheck aria-hidden="true" className="size-4 shrink-0 text-ok" />
              {t('readBy', { name: name(r.name), time: formatInstant(r.at, locale) })}
            </p>
          ))
        ) : isAuthor ? (
          <p className={hintClass}>{t('notReadYet')}</p>
        ) : null}
      </div>
      {summary.state === 'returned' && summary.returned && (
        <Notice tone="danger" role="status">
          <span className="flex flex-col gap-0.5">
            <span className="font-semibold">{t('returnedBy', { name: name(summary.returned.author.name), time: formatInstant(summary.returned.at, locale) })}</span>
            <span className="break-words whitespace-pre-wrap">{summary.returned.text}</span>
            {isAuthor && <span className="text-sm">{t('returnedWhat')}</span>}
          </span>
        </Notice>
      )}
      {summary.state === 'reviewed' && summary.reviewed && (
        <Notice tone="ok" role="status">
          {t('reviewedBy', { name: name(summary.reviewed.author.name), time: formatInstant(summary.reviewed.at, locale) })}
        </Notice>
      )}
      {summary.threads.length > 0 && <Threads entry={entry} summary={summary} isAuthor={isAuthor} onAction={onAction} />}
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

/** The manager's notes in red pen, each with its replies; the author can answer each. */
function Threads({ entry, summary, isAuthor, onAction }: { entry: DiaryEntry; summary: ReviewSummary; isAuthor: boolean; onAction: ReviewPanelProps['onAction'] }) {
  const t = useT(reviewMessages);
  const locale = useLocale();
  const pathLabel = usePathLabel(entry.content.kind);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2 rounded-md border border-l-4 border-danger bg-danger-soft px-3 py-2.5" data-testid="annotations">
      <h4 id={headingId} className="m-0 flex items-center gap-1.5 text-sm font-semibold text-danger">
        <PenLine aria-hidden="true" className="size-4 shrink-0" />
        {t(isAuthor ? 'annotations' : 'annotationsReviewer', { count: summary.threads.length })}
      </h4>
      <ul className="m-0 flex list-none flex-col gap-3 p-0">
        {summary.threads.map(({ annotation, replies }) => {
          const field = pathLabel(annotation.path) ?? t('wholeReport');
          return (
            <li key={annotation.id} className="flex flex-col gap-1" data-testid="annotation">
              <span className="text-xs text-muted">
                <span className="inline-block font-semibold text-danger">{profileNameFor(annotation.author.name, locale)}</span>
                {' · '}
                <span className="inline-block">{formatInstant(annotation.at, locale)}</span>
              </span>
              <span className="text-xs break-words text-muted">{annotation.quote ? t('aboutQuote', { field, quote: annotation.quote }) : t('about', { field })}</span>
              <span className="text-base break-words whitespace-pre-wrap text-danger">{annotation.text}</span>
              {replies.map((reply) => (
                <span key={reply.id} className="ml-3 flex flex-col gap-0.5 border-l-2 border-line pl-2">
                  <span className="text-xs text-muted">{t('replied', { name: profileNameFor(reply.author.name, locale), time: formatInstant(reply.at, locale) })}</span>
                  <span className="text-base break-words whitespace-pre-wrap text-ink">{reply.text}</span>
                </span>
              ))}
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
  const errorOf = useActionError();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const id = useId();
  if (!open)
    return (
      <div>
        <Button size="sm" variant="ghost" onClick={() => setOpen(true)}>
          {t('reply')}
        </Button>
      </div>
    );
  const label = t('replyLabel', { name: profileNameFor(annotation.author.name, locale) });
  // Not a <form>: the panel sits inside the report editor's form, and forms do not nest.
  const send = async () => {
    if (!text.trim()) return setError(t('errorTextRequired'));
    setBusy(true);
    try {
      await onAction({ action: 'reply', replyTo: annotation.id, text });
      setText('');
      setOpen(false);
      setError(undefined);
    } catch (e) {
      setError(errorOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div role="group" aria-label={label} className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm text-ink">
        {label}
      </label>
      <textarea id={id} rows={2} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} className={textareaClass} aria-invalid={error ? true : undefined} />
      {error && (
        <p role="alert" className="m-0 text-sm text-danger">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="primary" disabled={busy} onClick={() => void send()}>
          {t('sendReply')}
        </Button>
        <Button size="sm" onClick={() => setOpen(false)}>
          {t('cancel')}
        </Button>
      </div>
    </div>
  );
}

/** A note box (on a line or on the whole report). */
export function NoteForm({ label, onSave, onCancel }: { label: string; onSave(text: string): Promise<unknown>; onCancel?: () => void }) {
  const t = useT(reviewMessages);
  const errorOf = useActionError();
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const id = useId();
  const save = async () => {
    if (!text.trim()) return setError(t('errorTextRequired'));
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
    <div role="group" aria-label={label} className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm text-ink">
        {label}
      </label>
      <textarea id={id} rows={2} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} className={textareaClass} aria-invalid={error ? true : undefined} />
      {error && (
        <p role="alert" className="m-0 text-sm text-danger">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="primary" disabled={busy} onClick={() => void save()}>
          {t('saveNote')}
        </Button>
        {onCancel && (
          <Button size="sm" onClick={onCancel}>
            {t('cancel')}
          </Button>
        )}
      </div>
    </div>
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
          <label htmlFor={reasonId} className="text-sm text-ink">
            {t('returnReason')}
          </label>
          <textarea id={reasonId} rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} className={textareaClass} aria-invalid={error ? true : undefined} />
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              variant="danger"
              disabled={busy}
              onClick={() => (reason.trim() ? void run({ action: 'return', text: reason }) : setError(t('errorReasonRequired')))}
            >
              {t('confirmReturn', { name: author })}
            </Button>
            <Button size="sm" onClick={() => setMode('none')}>
              {t('cancel')}
            </Button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="m-0 text-sm text-danger">
          {error}
        </p>
      )}
      {mode === 'none' && (
        <div className="flex flex-wrap gap-2">
          {canTakeAction('annotate', summary.state) && (
            <Button size="sm" onClick={() => setMode('note')}>
              <PenLine aria-hidden="true" className="size-4" />
              {t('noteWhole')}
            </Button>
          )}
          {canDecide && (
            <Button size="sm" onClick={() => setMode('return')}>
              <Undo2 aria-hidden="true" className="size-4" />
              {t('returnForRevision')}
            </Button>
          )}
          {canDecide && (
            <Button size="sm" variant="primary" disabled={busy} onClick={() => void run({ action: 'review' })}>
              <CheckCheck aria-hidden="true" className="size-4" />
              {t('markReviewed')}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}

/** A changed value as a short text. */
function valueText(value: unknown, empty: string): string {
  if (value === undefined || value === null || value === '') return empty;
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 79)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const strings = Object.values(value as Record<string, unknown>).filter((v) => typeof v === 'string' || typeof v === 'number');
  return valueText(strings.join(' · '), empty);
}

/** Every step of the report's life, oldest first: who, when, what changed. */
function AuditTrail({ entry, events }: { entry: DiaryEntry; events: readonly ReviewEvent[] }) {
  const t = useT(reviewMessages);
  const locale = useLocale();
  const pathLabel = usePathLabel(entry.content.kind);
  const steps = auditTrailOf(entry, events);
  if (steps.length === 0) return null;
  const what = (step: AuditStep) => {
    const name = profileNameFor(step.by.name, locale);
    return step.type === 'revision' ? t(`audit_${step.revision.action}`, { name }) : t(`audit_${step.event.action}`, { name });
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
            <span className="text-sm text-ink">
              {what(step)}
              <span className="text-muted"> · {formatInstant(step.at, locale)}</span>
            </span>
            {step.type === 'revision' && step.revision.action === 'submitted' && entry.deadline && step.at === entry.deadline.submittedAt && (
              <span className="text-xs text-muted">{t(`outcome_${entry.deadline.outcome}`)}</span>
            )}
            {step.type === 'event' && step.event.text && (
              <span className={cn('text-sm break-words whitespace-pre-wrap', step.event.action === 'annotate' || step.event.action === 'return' ? 'text-danger' : 'text-muted')}>{step.event.text}</span>
            )}
            {step.type === 'revision' && step.revision.changes.length > 0 && (
              <ul className="m-0 flex list-none flex-col gap-0.5 p-0 text-xs text-muted">
                {step.revision.changes.slice(0, 12).map((change, j) => {
                  const field = pathLabel(change.path) ?? change.path;
                  const key = change.before === undefined ? 'changeAdded' : change.after === undefined ? 'changeRemoved' : 'changeLine';
                  return <li key={j} className="break-words">{t(key, { field, before: valueText(change.before, t('emptyValue')), after: valueText(change.after, t('emptyValue')) })}</li>;
                })}
                {step.revision.changes.length > 12 && <li>{t('changes', { count: step.revision.changes.length })}</li>}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}
