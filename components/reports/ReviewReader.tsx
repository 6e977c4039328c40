/**
 * A rep's report in a reading layout for the manager: who wrote it and for when, where it
 * stands (deadline, read receipts, a return in force), every part as text with the notes on each
 * line in red (with the rep's replies) and a way to note any line, then the review actions and
 * the report's history. Opening it leaves a read receipt (已读) the rep sees.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ChevronLeft, PenLine } from 'lucide-react';
import type { Author } from '../../lib/kernel/record';
import { dealerIdsNamedIn, type DiaryEntry } from '../../lib/reports/diary-schema';
import { initialState, type EditorState } from '../../lib/reports/prefill';
import { reviewEventsOfEntry } from '../../lib/reports/queries';
import { canTakeAction, reviewSummaryOf, type ReviewRequest, type ReviewSummary } from '../../lib/reports/review';
import { markRead, takeReviewAction } from '../../lib/reports/submit';
import { profileNameFor } from '../../lib/store/settings';
import { useDatabase, useDealerNames, useQuery } from '../shell/database-context';
import { useLocale, useT } from '../shell/locale';
import { Button } from '../ui';
import { diaryEditorMessages } from './messages';
import { periodTitle } from './period';
import { ReadOnlyReport } from './ReadOnlyReport';
import { CustomFields } from './CustomFields';
import { NoteForm, NoteText, Replies, ReviewPanel, ReviewStateBadge, ReviewStatus, unbroken, usePathLabel } from './ReviewPanel';
import { reviewMessages } from './review-messages';
import { useEntryTemplate } from './use-template';

/**
 * The lines the reading layout shows, by the path a note names them with: where a note is shown
 * at its line. (ReadOnlyReport shows every row of a weekly report and the non-blank lines of the
 * other kinds.) A note on a line that is no longer there is listed with the other notes.
 */
function linePathsOf(state: EditorState): Set<string> {
  const paths = new Set<string>();
  const lines = (field: string, values: readonly string[]) => values.forEach((line, i) => line.trim() && paths.add(`${field}.${i}`));
  const rows = (field: string, values: readonly unknown[]) => values.forEach((_, i) => paths.add(`${field}.${i}`));
  if (state.kind === 'daily') {
    lines('todayWork', state.todayWork);
    lines('tomorrowPlan', state.tomorrowPlan);
    lines('problems', state.problems);
  } else if (state.kind === 'weekly') {
    rows('lastWeekSummary', state.lastWeekSummary);
    rows('nextWeekPlan', state.nextWeekPlan);
    rows('keyAccountVisits', state.keyAccountVisits);
    rows('gradeChanges', state.gradeChanges);
  } else if (state.kind === 'monthly') {
    lines('results', state.results);
    lines('problems', state.problems);
    lines('nextMonthPlan', state.nextMonthPlan);
  } else {
    lines('learned', state.learned);
    lines('handled', state.handled);
    lines('guided', state.guided);
  }
  return paths;
}

export function ReviewReader({ entry, viewer, canReview, onBack, children }: { entry: DiaryEntry; viewer: Author; canReview: boolean; onBack?: () => void; children?: React.ReactNode }) {
  const db = useDatabase();
  const t = useT(reviewMessages);
  const te = useT(diaryEditorMessages);
  const locale = useLocale();
  const events = useQuery(reviewEventsOfEntry, { entryId: entry.id });
  const dealersById = useDealerNames(useMemo(() => dealerIdsNamedIn(entry), [entry]));
  const titleId = useId();
  const title = useRef<HTMLHeadingElement>(null);
  const summary = useMemo(() => (events ? reviewSummaryOf(entry, events) : undefined), [entry, events]);
  const submitted = summary !== undefined && summary.state !== 'draft';
  const ready = summary !== undefined && dealersById !== undefined;

  // The read receipt: once per reader and report, when a submitted report is first opened.
  const marked = useRef<string | undefined>(undefined);
  useEffect(() => {
    const key = `${entry.id}:${viewer.id}`;
    if (!submitted || viewer.id === entry.author.id || marked.current === key) return;
    marked.current = key;
    void markRead(db, entry.id, { id: viewer.id, name: viewer.name }).catch(() => undefined);
  }, [db, entry.id, entry.author.id, viewer.id, viewer.name, submitted]);

  // Opened from the inbox: the report starts at its title (focus moves there once, for screen readers too).
  const fromInbox = onBack !== undefined;
  const focused = useRef(false);
  useEffect(() => {
    if (!ready || !fromInbox || focused.current) return;
    focused.current = true;
    title.current?.focus();
  }, [ready, fromInbox]);

  const template = useEntryTemplate(entry.content.kind, entry);
  const state = useMemo(() => initialState(entry.content.kind, entry, undefined, [], te, locale).state, [entry, te, locale]);
  const inlinePaths = useMemo(() => linePathsOf(state), [state]);
  if (!events || !summary || !dealersById) return null;
  const onAction = (request: ReviewRequest) => takeReviewAction(db, entry.id, request, viewer);
  const reviewer = canReview && viewer.id !== entry.author.id;
  // The period stays on one line when the title wraps (no "Week / 48, 2026").
  const report = te(`title_${entry.content.kind}`, { period: unbroken(periodTitle(entry.content.kind, entry.periodStart, locale)) });

  return (
    <article aria-labelledby={titleId} className="flex min-w-0 flex-col gap-3" data-testid="review-reader">
      {onBack && (
        <div>
          <Button size="sm" variant="ghost" className="-ml-2.5" onClick={onBack}>
            <ChevronLeft aria-hidden="true" className="size-4" />
            {t('inboxBack')}
          </Button>
        </div>
      )}
      <header className="flex min-w-0 flex-col items-start gap-1.5">
        <h3 id={titleId} ref={title} tabIndex={-1} className="m-0 min-w-0 text-lg font-semibold break-words text-ink outline-none">
          {t('reportOf', { name: profileNameFor(entry.author.name, locale), report })}
        </h3>
        <ReviewStateBadge state={summary.state} />
      </header>
      <ReviewStatus entry={entry} summary={summary} isAuthor={viewer.id === entry.author.id} />
      {children}
      <ReadOnlyReport
        state={state}
        dealersById={dealersById}
        locale={locale}
        aside={(path, text) => <LineNotes path={path} text={text} entry={entry} summary={summary} canAnnotate={reviewer && canTakeAction('annotate', summary.state)} onAction={onAction} />}
      />
      {/* The fields the admin added to the template, as written with the entry's own template version. */}
      {template && template.template.fields.length > 0 && (
        <CustomFields
          template={template.template}
          values={entry.extra ?? {}}
          readOnly
          aside={(path, text) => <LineNotes path={path} text={text} entry={entry} summary={summary} canAnnotate={reviewer && canTakeAction('annotate', summary.state)} onAction={onAction} />}
        />
      )}
      <ReviewPanel entry={entry} summary={summary} events={events} viewer={viewer} canReview={canReview} onAction={onAction} showStatus={false} inlinePaths={inlinePaths} />
    </article>
  );
}

/** After a line: the notes on it in red (who, when) with the rep's replies and, for the manager, "Note" to add one. */
function LineNotes({ path, text, entry, summary, canAnnotate, onAction }: { path: string; text: string; entry: DiaryEntry; summary: ReviewSummary; canAnnotate: boolean; onAction(request: ReviewRequest): Promise<unknown> }) {
  const t = useT(reviewMessages);
  const template = useEntryTemplate(entry.content.kind, entry)?.template;
  const pathLabel = usePathLabel(entry.content.kind, template);
  const [open, setOpen] = useState(false);
  const notes = summary.threads.filter((thread) => thread.annotation.path === path);
  const field = pathLabel(path) ?? t('wholeReport');
  return (
    <>
      {notes.map(({ annotation, replies }) => (
        <span key={annotation.id} className="mt-1.5 flex flex-col gap-0.5 border-l-2 border-danger pl-2 text-sm" data-testid="line-note">
          <NoteText annotation={annotation} />
          <Replies replies={replies} />
        </span>
      ))}
      {canAnnotate &&
        (open ? (
          <span className="mt-1.5 block">
            <NoteForm label={t('annotationText', { field })} onSave={(note) => onAction({ action: 'annotate', path, quote: text, text: note })} onCancel={() => setOpen(false)} />
          </span>
        ) : (
          <span className="block">
            <Button size="sm" variant="ghost" className="-ml-2.5 text-muted" aria-label={t('annotateLine', { field })} onClick={() => setOpen(true)}>
              <PenLine aria-hidden="true" className="size-3.5" />
              {t('annotate')}
            </Button>
          </span>
        ))}
    </>
  );
}
