/**
 * A rep's report in a reading layout for the manager: who wrote it and for when, where it
 * stands, every part as text with the notes on each line in red and a way to note any line,
 * then the review actions and the report's history. Opening it leaves a read receipt (已读) the
 * rep sees.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { PenLine } from 'lucide-react';
import type { Author } from '../../lib/kernel/record';
import { dealerIdsNamedIn, type DiaryEntry } from '../../lib/reports/diary-schema';
import { initialState } from '../../lib/reports/prefill';
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
import { NoteForm, ReviewPanel, ReviewStateBadge, usePathLabel } from './ReviewPanel';
import { reviewMessages } from './review-messages';

export function ReviewReader({ entry, viewer, canReview, onBack, children }: { entry: DiaryEntry; viewer: Author; canReview: boolean; onBack?: () => void; children?: React.ReactNode }) {
  const db = useDatabase();
  const t = useT(reviewMessages);
  const te = useT(diaryEditorMessages);
  const locale = useLocale();
  const events = useQuery(reviewEventsOfEntry, { entryId: entry.id });
  const dealersById = useDealerNames(useMemo(() => dealerIdsNamedIn(entry), [entry]));
  const titleId = useId();
  const summary = useMemo(() => (events ? reviewSummaryOf(entry, events) : undefined), [entry, events]);
  const submitted = summary !== undefined && summary.state !== 'draft';

  // The read receipt: once per reader, when a submitted report is first opened.
  useEffect(() => {
    if (submitted && viewer.id !== entry.author.id) void markRead(db, entry.id, viewer).catch(() => undefined);
  }, [db, entry.id, entry.author.id, viewer, submitted]);

  const state = useMemo(() => initialState(entry.content.kind, entry, undefined, [], te, locale).state, [entry, te, locale]);
  if (!events || !summary || !dealersById) return null;
  const onAction = (request: ReviewRequest) => takeReviewAction(db, entry.id, request, viewer);
  const reviewer = canReview && viewer.id !== entry.author.id;
  const report = te(`title_${entry.content.kind}`, { period: periodTitle(entry.content.kind, entry.periodStart, locale) });

  return (
    <article aria-labelledby={titleId} className="flex min-w-0 flex-col gap-3" data-testid="review-reader">
      {onBack && (
        <div>
          <Button size="sm" variant="ghost" onClick={onBack}>
            {t('inboxBack')}
          </Button>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <h3 id={titleId} className="m-0 min-w-0 text-lg font-semibold break-words text-ink">
          {t('reportOf', { name: profileNameFor(entry.author.name, locale), report })}
        </h3>
        <ReviewStateBadge state={summary.state} />
      </div>
      {children}
      <ReadOnlyReport
        state={state}
        dealersById={dealersById}
        locale={locale}
        aside={(path, text) => <LineNotes path={path} text={text} summary={summary} kind={entry.content.kind} canAnnotate={reviewer && canTakeAction('annotate', summary.state)} onAction={onAction} />}
      />
      <ReviewPanel entry={entry} summary={summary} events={events} viewer={viewer} canReview={canReview} onAction={onAction} />
    </article>
  );
}

/** After a line: the notes on it in red (who, when) and, for the manager, "Note" to add one. */
function LineNotes({ path, text, summary, kind, canAnnotate, onAction }: { path: string; text: string; summary: ReviewSummary; kind: DiaryEntry['content']['kind']; canAnnotate: boolean; onAction(request: ReviewRequest): Promise<unknown> }) {
  const t = useT(reviewMessages);
  const locale = useLocale();
  const pathLabel = usePathLabel(kind);
  const [open, setOpen] = useState(false);
  const notes = summary.threads.filter((thread) => thread.annotation.path === path);
  const field = pathLabel(path) ?? t('wholeReport');
  return (
    <>
      {notes.map(({ annotation }) => (
        <span key={annotation.id} className="mt-0.5 block border-l-2 border-danger pl-2 text-sm text-danger" data-testid="line-note">
          <span className="block break-words whitespace-pre-wrap">{annotation.text}</span>
          <span className="block text-xs text-muted">
            {profileNameFor(annotation.author.name, locale)} · {new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(annotation.at))}
          </span>
        </span>
      ))}
      {canAnnotate &&
        (open ? (
          <span className="mt-1 block">
            <NoteForm label={t('annotationText', { field })} onSave={(note) => onAction({ action: 'annotate', path, quote: text, text: note })} onCancel={() => setOpen(false)} />
          </span>
        ) : (
          <span className="block">
            <Button size="sm" variant="ghost" className="-ml-2 text-muted" aria-label={t('annotateLine', { field })} onClick={() => setOpen(true)}>
              <PenLine aria-hidden="true" className="size-3.5" />
              {t('annotate')}
            </Button>
          </span>
        ))}
    </>
  );
}
