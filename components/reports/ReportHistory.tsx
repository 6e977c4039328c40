import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useLocale, useT } from '../shell/locale';
import { useDatabase, useDealerNames } from '../shell/database-context';
import { Badge, Button, DeleteButton, Field, Notice, SearchInput, ShowMore, cn, hintClass, selectClass } from '../ui';
import { diaryEditorMessages } from './messages';
import { historyMessages } from './history-messages';
import { periodTitle } from './period';
import { ReviewStateBadge } from './ReviewPanel';
import type { Author } from '../../lib/kernel/record';
import type { DiaryEntry, DiaryKind } from '../../lib/reports/diary-schema';
import { dealerIdsOfReports, foldedQuery, searchReports, type HistoryExcerpt, type HistorySearch } from '../../lib/reports/history';
import { HISTORY_LIMIT, historyOfAuthor } from '../../lib/reports/history-queries';
import { reviewEventsForAuthorSince } from '../../lib/reports/queries';
import { reviewSummaryOf, type ReviewSummary } from '../../lib/reports/review';
import type { ReviewEvent } from '../../lib/reports/review-schema';
import type { FieldkitDatabase } from '../../lib/store/database';
import { PAGE_SIZE } from '../../lib/store/query';
import { deleteRecord } from '../../lib/store/records';

const STATUS_TONES = { draft: 'neutral', submitted: 'ok', reviewed: 'ok' } as const;

export interface ReportHistoryProps {
  /** Which kind of report the history lists. */
  kind: DiaryKind;
  /** The current period's start: the history lists the reports before it (the editor shows the current one). */
  before: string;
  /** Whose reports (the signed-in rep); also the author of a draft's deletion. */
  author: Author;
  /** The period start of the report open in the editor above, if an earlier one is. */
  opened: string | undefined;
  /** Opens an earlier report in the editor (read-only there once submitted). */
  onOpen: (periodStart: string) => void;
  /** After a draft was deleted. */
  onDeleted: (periodStart: string) => void;
}

/** One author's earlier reports of a kind and where each one's review stands, read together. */
async function loadHistory(db: FieldkitDatabase, authorId: string, kind: DiaryKind, before: string) {
  const entries = await historyOfAuthor.run(db, { authorId, kind, before });
  const states = new Map<string, ReviewSummary['state']>();
  if (entries.length === 0) return { entries, states };
  // One read of the review events on the author's entries since the oldest listed one was
  // written (a day earlier, for clocks that disagree), instead of one read per entry.
  const oldest = entries.reduce((min, e) => (e.createdAt < min ? e.createdAt : min), entries[0]!.createdAt);
  const since = new Date(Date.parse(oldest) - 86_400_000).toISOString();
  const byEntry = new Map<string, ReviewEvent[]>();
  for (const event of await reviewEventsForAuthorSince.run(db, { authorId, since })) {
    const own = byEntry.get(event.entryId);
    if (own) own.push(event);
    else byEntry.set(event.entryId, [event]);
  }
  for (const entry of entries) states.set(entry.id, reviewSummaryOf(entry, byEntry.get(entry.id) ?? []).state);
  return { entries, states };
}

/**
 * Earlier reports of a kind, by period, newest first, a page at a time: each with where its
 * review stands, opening in the editor above (read-only once submitted: a submitted report
 * changes only through the review's revision flow); drafts can be deleted. A search box finds
 * reports by any line the rep wrote, fields an admin added and the names of the customers they
 * name, and shows the matching words; a customer filter keeps the reports that name a customer
 * (a generated report's numbers too).
 */
export function ReportHistory({ kind, before, author, opened, onOpen, onDeleted }: ReportHistoryProps) {
  const t = useT(historyMessages);
  const te = useT(diaryEditorMessages);
  const locale = useLocale();
  const db = useDatabase();
  const headingId = useId();
  const [text, setText] = useState('');
  const [chosenDealer, setChosenDealer] = useState('');
  const [limit, setLimit] = useState(PAGE_SIZE);
  // Typing stays responsive on a long history: the list follows a moment later.
  const deferredText = useDeferredValue(text);

  const loaded = useLiveQuery(() => loadHistory(db, author.id, kind, before), [db, author.id, kind, before]);
  const dealerIds = useMemo(() => (loaded ? dealerIdsOfReports(loaded.entries) : []), [loaded]);
  const names = useDealerNames(dealerIds);
  const dealers = useMemo(() => {
    const collator = new Intl.Collator(locale);
    return Object.entries(names ?? {})
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [names, locale]);
  // A customer no report names any more (its last report deleted) is no longer a filter.
  const dealerId = dealers.some((d) => d.id === chosenDealer) ? chosenDealer : '';
  // Text also finds a report by the name of a customer it names.
  const search = useMemo<HistorySearch>(() => ({ text: deferredText, dealerId: dealerId || undefined, dealerNames: names }), [deferredText, dealerId, names]);
  const results = useMemo(() => (loaded ? searchReports(loaded.entries, search) : []), [loaded, search]);

  if (!loaded) return null;
  const query = foldedQuery(search.text) === '' ? '' : deferredText.trim().replace(/\s+/gu, ' ');
  const dealerName = dealerId ? dealers.find((d) => d.id === dealerId)?.name : undefined;
  const searching = query !== '' || dealerName !== undefined;
  const shown = results.slice(0, limit);
  const titleOf = (entry: DiaryEntry) => te(`title_${kind}`, { period: periodTitle(kind, entry.periodStart, locale) });
  const clear = () => {
    setText('');
    setChosenDealer('');
    setLimit(PAGE_SIZE);
  };
  const noMatch = query && dealerName ? t('noMatchBoth', { text: query, dealer: dealerName }) : query ? t('noMatchText', { text: query }) : t('noMatchDealer', { dealer: dealerName ?? '' });

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3 border-t border-line pt-4">
      <h3 id={headingId} className="m-0 text-base font-semibold">
        {t(`history_${kind}`)}
      </h3>
      {loaded.entries.length === 0 ? (
        <p className={hintClass}>{t('historyEmpty')}</p>
      ) : (
        <>
          <div role="search" aria-label={t('search')} className="flex flex-col gap-2">
            <Field label={t('search')}>
              {(control) => (
                <SearchInput
                  {...control}
                  value={text}
                  onChange={(e) => {
                    setText(e.target.value);
                    setLimit(PAGE_SIZE);
                  }}
                />
              )}
            </Field>
            {dealers.length > 0 && (
              <Field label={t('dealer')}>
                {(control) => (
                  <select
                    {...control}
                    value={dealerId}
                    title={dealerName ?? t('anyDealer')}
                    onChange={(e) => {
                      setChosenDealer(e.target.value);
                      setLimit(PAGE_SIZE);
                    }}
                    className={cn(selectClass, 'truncate')}
                  >
                    <option value="">{t('anyDealer')}</option>
                    {dealers.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            {/* The count (or that nothing matches) and Clear; taking no room while nothing is searched. */}
            <div className={cn('flex items-start gap-2', !searching && '-mt-2')}>
              {/* Always in the page, so a screen reader hears each new count as the rep types. */}
              <div role="status" className="min-w-0 flex-1 self-center">
                {searching && results.length > 0 && <p className="m-0 text-sm text-muted">{t('matches', { count: results.length })}</p>}
                {searching && results.length === 0 && <Notice>{noMatch}</Notice>}
              </div>
              {searching && (
                <Button size="sm" className="shrink-0" onClick={clear}>
                  {t('clear')}
                </Button>
              )}
            </div>
            {searching && loaded.entries.length >= HISTORY_LIMIT && <p className={hintClass}>{t('limited', { count: HISTORY_LIMIT })}</p>}
          </div>
          {shown.length > 0 && (
            <ul className="m-0 flex list-none flex-col p-0" aria-labelledby={headingId}>
              {shown.map(({ entry, excerpt }) => {
                const title = titleOf(entry);
                const isOpen = entry.periodStart === opened;
                const state = loaded.states.get(entry.id);
                return (
                  <li
                    key={entry.id}
                    aria-current={isOpen || undefined}
                    className={cn('flex flex-wrap items-center gap-x-2 gap-y-1.5 border-b border-line py-2 last:border-b-0', isOpen && '-mx-2 rounded-md border-b-0 bg-accent-soft px-2')}
                  >
                    <span className="flex min-w-0 flex-1 flex-wrap items-center gap-x-2 gap-y-1">
                      <span className={cn('max-w-full truncate text-base', isOpen && 'font-semibold')} title={title}>
                        {title}
                      </span>
                      {state ? <ReviewStateBadge state={state} /> : <Badge tone={STATUS_TONES[entry.status]}>{te(`status_${entry.status}`)}</Badge>}
                      {excerpt && <Excerpt excerpt={excerpt} />}
                    </span>
                    <span className="ml-auto flex shrink-0 items-center gap-2">
                      {isOpen ? (
                        <span className="text-sm text-muted">{t('opened')}</span>
                      ) : (
                        <Button size="sm" aria-label={t('openReport', { report: title })} onClick={() => onOpen(entry.periodStart)}>
                          {t('open')}
                        </Button>
                      )}
                      {entry.status === 'draft' && (
                        <DeleteButton
                          record={title}
                          onDelete={async () => {
                            await deleteRecord(db, 'diaryEntries', entry.id, { author });
                            onDeleted(entry.periodStart);
                          }}
                        />
                      )}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
          {results.length > limit && (
            <div>
              <ShowMore shown={limit} limit={limit} onMore={() => setLimit((n) => n + PAGE_SIZE)} />
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** Why a report matched: the matching words in the report's own text, marked, with a little context. */
function Excerpt({ excerpt }: { excerpt: HistoryExcerpt }) {
  return (
    <span className="line-clamp-2 basis-full text-sm break-words text-muted" data-testid="history-excerpt">
      {excerpt.before}
      <mark className="rounded-sm bg-warn-soft px-0.5 text-ink">{excerpt.match}</mark>
      {excerpt.after}
    </span>
  );
}
