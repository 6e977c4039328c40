import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { ArrowDownRight, ArrowRight, ArrowUpRight, ChevronDown, ChevronRight, LoaderCircle, RefreshCw } from 'lucide-react';
import { useLocale, useT } from '../shell/locale';
import { useDatabase } from '../shell/database-context';
import { EmptyState } from '../shell/EmptyState';
import { Badge, Button, Field, Notice, SegmentedControl, ShowMore, cn, errorMessageOf, hintClass, selectClass } from '../ui';
import { ErrorDetails } from '../ui/ErrorDetails';
import { rankingsMessages, type RankingsMessageKey } from './rankings-messages';
import { addMonthsTo, monthOf, today } from '../../lib/kernel/dates';
import { formatMonth, formatNumber } from '../../lib/kernel/format';
import type { Locale, Translate } from '../../lib/kernel/i18n';
import type { FieldkitDatabase } from '../../lib/store/database';
import { PAGE_SIZE } from '../../lib/store/query';
import { loadMonthRankings, type DealerRanking, type DealerScore, type MonthRankings, type RankedDealer, type RepScore } from '../../lib/dealers/rankings';

type T = Translate<RankingsMessageKey>;
type Mode = 'dealers' | 'reps';

/** How many months back the month picker offers. */
const MONTHS_BACK = 24;
/** A ranking computed less than this long ago is shown again as it is (Refresh recomputes). */
const FRESH_MS = 5 * 60_000;

export interface RankingsProps {
  /** The month shown until the user picks one (`YYYY-MM`, e.g. the latest month with data); the current month by default. */
  defaultPeriod?: string;
  /** Opens a dealer; by default its page in the side panel (`#dealers/<id>`). */
  onOpenDealer?(dealerId: string): void;
  /** The level of the section's heading (2 in the side panel). */
  headingLevel?: 2 | 3;
}

interface Computed {
  key: string;
  rankings: MonthRankings;
  at: number;
}

interface Remembered {
  period?: string;
  region: string;
  mode: Mode;
}

/*
 * A month's ranking of thousands of dealers takes seconds, so it is computed when asked for (not
 * live on every write) and kept for the page's life: back from a dealer's page, the list and the
 * choices that led to it are where they were. Per database, so nothing leaks between databases.
 */
const computedBy = new WeakMap<FieldkitDatabase, Map<string, Computed>>();
const rememberedBy = new WeakMap<FieldkitDatabase, Remembered>();

function computedOf(db: FieldkitDatabase): Map<string, Computed> {
  let map = computedBy.get(db);
  if (!map) computedBy.set(db, (map = new Map()));
  return map;
}

const keyOf = (period: string, region: string) => `${period}\u0000${region}`;

/** The rankings of a month and region: the latest computed (possibly of another choice while the new one loads), progress, error. */
function useRankings(db: FieldkitDatabase, period: string, region: string) {
  const key = keyOf(period, region);
  const [shown, setShown] = useState<Computed | undefined>(() => computedOf(db).get(key));
  const [progress, setProgress] = useState<{ key: string; done: number; total: number }>();
  const [failure, setFailure] = useState<{ key: string; error: unknown }>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const cache = computedOf(db);
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < FRESH_MS) {
      setShown(hit);
      return;
    }
    const controller = new AbortController();
    setFailure(undefined);
    setProgress({ key, done: 0, total: 0 });
    loadMonthRankings(db, period, { region: region || null, signal: controller.signal, onProgress: (done, total) => setProgress({ key, done, total }) }).then(
      (rankings) => {
        const computed = { key, rankings, at: Date.now() };
        cache.set(key, computed);
        if (controller.signal.aborted) return; // another choice is loading now
        setShown(computed);
        setProgress(undefined);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setFailure({ key, error });
        setProgress(undefined);
      },
    );
    return () => controller.abort();
  }, [db, key, period, region, attempt]);

  const refresh = () => {
    computedOf(db).delete(key);
    setAttempt((n) => n + 1);
  };
  const error = failure?.key === key ? failure.error : undefined;
  return {
    shown,
    current: shown?.key === key,
    /** Computing this choice: for the first time, after another choice, or again on Refresh. */
    loading: progress?.key === key || (shown?.key !== key && error === undefined),
    progress: progress?.key === key ? progress : undefined,
    error,
    refresh,
  };
}

function openDealerPage(dealerId: string) {
  location.hash = `#dealers/${encodeURIComponent(dealerId)}`;
}

/**
 * Manager rankings: for a month and a region, dealers ranked by their `dealer-kpi` score (grade,
 * change on last month), or reps ranked by their dealers' average; dealers whose score is
 * incomplete in a group of their own after the ranked ones, never as 0. A dealer opens its page;
 * a rep opens to their dealers. Long lists show 50 at a time.
 */
export function Rankings({ defaultPeriod, onOpenDealer = openDealerPage, headingLevel = 2 }: RankingsProps) {
  const t = useT(rankingsMessages);
  const locale = useLocale();
  const db = useDatabase();
  const headingId = useId();
  const Heading = `h${headingLevel}` as 'h2';
  const remembered = rememberedBy.get(db);
  const current = monthOf(today());
  const [picked, setPicked] = useState<string | undefined>(remembered?.period);
  const [region, setRegion] = useState(remembered?.region ?? '');
  const [mode, setMode] = useState<Mode>(remembered?.mode ?? 'dealers');
  const period = picked ?? defaultPeriod ?? current;
  useEffect(() => {
    rememberedBy.set(db, { period: picked, region, mode });
  }, [db, picked, region, mode]);

  const { shown, current: upToDate, loading, progress, error, refresh } = useRankings(db, period, region);
  const rankings = shown?.rankings;
  const months = useMemo(() => {
    const list = Array.from({ length: MONTHS_BACK }, (_, i) => addMonthsTo(current, -i));
    return list.includes(period) ? list : [period, ...list].sort().reverse();
  }, [current, period]);
  const regions = rankings?.regions ?? [];

  return (
    <section aria-labelledby={headingId} className="flex min-w-0 flex-col gap-4" data-testid="rankings">
      <header className="flex flex-col gap-1">
        <Heading id={headingId} className="m-0 text-xl font-semibold">
          {t('title')}
        </Heading>
        {rankings && (
          // Month, rule set and version each stay whole; the line breaks between them.
          <p className="m-0 flex flex-wrap gap-x-1.5 text-xs text-muted">
            <span className="whitespace-nowrap">{formatMonth(rankings.period, locale)}</span>
            <span aria-hidden="true">·</span>
            <span>{rankings.ruleSet.name[locale]}</span>
            <span aria-hidden="true">·</span>
            <span className="whitespace-nowrap">{t('version', { version: rankings.ruleSet.version })}</span>
          </p>
        )}
      </header>

      <div className="grid grid-cols-[repeat(auto-fit,minmax(160px,1fr))] items-start gap-3">
        <Field label={t('month')}>
          {(control) => (
            <select {...control} value={period} onChange={(event) => setPicked(event.target.value)} className={cn(selectClass, 'truncate')}>
              {months.map((month) => (
                <option key={month} value={month}>
                  {formatMonth(month, locale)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('region')}>
          {(control) => (
            <select {...control} value={region} onChange={(event) => setRegion(event.target.value)} title={region || t('allRegions')} className={cn(selectClass, 'truncate')}>
              <option value="">{t('allRegions')}</option>
              {(region && !regions.includes(region) ? [region, ...regions] : regions).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-2">
        <SegmentedControl
          label={t('rankBy')}
          value={mode}
          onChange={setMode}
          options={[
            { value: 'dealers', label: t('modeDealers') },
            { value: 'reps', label: t('modeReps') },
          ]}
        />
        {shown && upToDate && (
          <span className="flex items-center gap-2">
            <span className="text-xs whitespace-nowrap text-muted">{t('updated', { time: formatTime(shown.at, locale) })}</span>
            <Button size="sm" variant="ghost" onClick={refresh} disabled={loading}>
              <RefreshCw aria-hidden="true" className="size-3.5" />
              {t('refresh')}
            </Button>
          </span>
        )}
      </div>

      {loading && (
        <p role="status" className="m-0 flex items-center gap-2 text-sm text-muted" data-testid="rankings-loading">
          <LoaderCircle aria-hidden="true" className="size-4 shrink-0 animate-spin" />
          {progress && progress.total > 0 && progress.done < progress.total
            ? t('progress', { done: formatNumber(progress.done, locale), total: formatNumber(progress.total, locale) })
            : t('loading')}
        </p>
      )}

      {error !== undefined && (
        <div className="flex flex-col gap-2">
          <Notice tone="danger" role="alert">
            {t('loadFailed')}
          </Notice>
          <ErrorDetails summary={t('errorDetails')}>{errorMessageOf(error)}</ErrorDetails>
          <div>
            <Button size="sm" onClick={refresh}>
              {t('tryAgain')}
            </Button>
          </div>
        </div>
      )}

      {rankings && (
        <div aria-busy={loading || undefined} className={cn('flex min-w-0 flex-col gap-4 transition-opacity', loading && 'opacity-60')}>
          {mode === 'dealers' ? (
            <DealersRanking rankings={rankings} t={t} locale={locale} onOpen={onOpenDealer} headingLevel={headingLevel} />
          ) : (
            <RepsRanking rankings={rankings} t={t} locale={locale} onOpen={onOpenDealer} headingLevel={headingLevel} />
          )}
        </div>
      )}
    </section>
  );
}

interface ListProps {
  rankings: MonthRankings;
  t: T;
  locale: Locale;
  onOpen(dealerId: string): void;
  headingLevel: 2 | 3;
}

/** Nothing to rank at all, or nothing in the chosen region. */
function NoDealers({ rankings, t }: { rankings: MonthRankings; t: T }) {
  if (rankings.region) return <Notice role="status">{t('noneInRegion', { region: rankings.region })}</Notice>;
  return <EmptyState testId="rankings-empty" title={t('emptyTitle')} body={t('emptyBody')} />;
}

function DealersRanking({ rankings, t, locale, onOpen, headingLevel }: ListProps) {
  const { ranked, incomplete } = rankings.dealers;
  if (ranked.length + incomplete.length === 0) return <NoDealers rankings={rankings} t={t} />;
  return (
    <>
      <p className="m-0 flex flex-wrap gap-x-1.5 text-sm text-muted">
        <span>{t('rankedCount', { count: ranked.length })}</span>
        {incomplete.length > 0 && (
          <>
            <span aria-hidden="true">·</span>
            <span>{t('incompleteCount', { count: incomplete.length })}</span>
          </>
        )}
      </p>
      {ranked.length === 0 && <Notice role="status">{t('noneScored', { month: formatMonth(rankings.period, locale) })}</Notice>}
      <DealerList ranking={rankings.dealers} rankings={rankings} t={t} locale={locale} onOpen={onOpen} label={t('modeDealers')} headingLevel={headingLevel} />
    </>
  );
}

/** A ranking's dealers: the ranked ones, then the incomplete ones under their own heading; each list 50 at a time. */
function DealerList({ ranking, rankings, t, locale, onOpen, label, headingLevel, nested }: { ranking: DealerRanking; label: string; nested?: boolean } & ListProps) {
  const incompleteId = useId();
  const Sub = `h${headingLevel + 1}` as 'h3';
  const rankWidth = rankWidthOf(ranking.ranked.at(-1)?.rank ?? 1);
  return (
    <>
      {ranking.ranked.length > 0 && (
        <Paged items={ranking.ranked} t={t} locale={locale}>
          {(page) => (
            <ul aria-label={label} className={cn('m-0 flex list-none flex-col divide-y divide-line p-0', !nested && 'rounded-lg border border-line bg-surface')} data-testid="ranked-dealers">
              {page.map((dealer) => (
                <DealerRow key={dealer.dealerId} dealer={dealer} rankings={rankings} rankWidth={rankWidth} t={t} locale={locale} onOpen={onOpen} />
              ))}
            </ul>
          )}
        </Paged>
      )}
      {ranking.incomplete.length > 0 && (
        <section aria-labelledby={incompleteId} className="flex flex-col gap-2">
          <div className="flex flex-col gap-0.5">
            <Sub id={incompleteId} className={cn('m-0 font-semibold', nested ? 'text-sm' : 'text-base')}>
              {t('incompleteTitle', { count: ranking.incomplete.length })}
            </Sub>
            {!nested && <p className={hintClass}>{t('incompleteHint')}</p>}
          </div>
          <Paged items={ranking.incomplete} t={t} locale={locale}>
            {(page) => (
              <ul aria-labelledby={incompleteId} className={cn('m-0 flex list-none flex-col divide-y divide-line p-0', !nested && 'rounded-lg border border-line bg-surface')} data-testid="incomplete-dealers">
                {page.map((dealer) => (
                  <DealerRow key={dealer.dealerId} dealer={dealer} rankings={rankings} rankWidth={rankWidth} t={t} locale={locale} onOpen={onOpen} />
                ))}
              </ul>
            )}
          </Paged>
        </section>
      )}
    </>
  );
}

/** Room for the widest rank, so names line up (tabular digits at 13 px are about 8 px wide). */
function rankWidthOf(largest: number): string {
  const digits = String(largest).length;
  return digits <= 2 ? 'w-5' : digits === 3 ? 'w-7' : 'w-9';
}

const rowClass =
  'relative flex items-center gap-2 px-3 py-2.5 hover:bg-soft has-[button:focus-visible]:outline-2 has-[button:focus-visible]:-outline-offset-2 has-[button:focus-visible]:outline-focus';
const stretchedButton = "cursor-pointer text-left font-semibold break-words text-ink outline-none after:absolute after:inset-0 after:content-['']";

/**
 * One dealer: rank, name (the button that opens it, stretched over the row), region and change on
 * last month; score and grade — or, for an incomplete one, what it lacks.
 */
function DealerRow({ dealer, rankings, rankWidth, t, locale, onOpen }: { dealer: DealerScore | RankedDealer; rankings: MonthRankings; rankWidth: string; t: T; locale: Locale; onOpen(id: string): void }) {
  const rank = 'rank' in dealer ? dealer.rank : undefined;
  const missing = dealer.missing.map((name) => rankings.inputLabels[name]?.[locale] ?? name);
  const listSeparator = locale === 'zh-CN' ? '、' : ', ';
  return (
    <li className="flex flex-col" data-testid="ranking-dealer">
      <div className={rowClass}>
        <span className={cn('shrink-0 text-right text-sm font-semibold text-muted tabular-nums', rankWidth)}>
          {rank !== undefined && (
            <>
              <span className="sr-only">{t('rankLabel', { rank })}</span>
              <span aria-hidden="true">{rank}</span>
            </>
          )}
        </span>
        <div className="flex min-w-0 flex-1 flex-col gap-0.5">
          <button type="button" onClick={() => onOpen(dealer.dealerId)} className={stretchedButton}>
            {dealer.name}
          </button>
          <p className="m-0 flex flex-wrap gap-x-1.5 text-xs text-muted">
            {dealer.region && <span>{dealer.region}</span>}
            {/* The arrow sets the change apart; a dot only before what is missing. */}
            {dealer.region && dealer.total === null && <span aria-hidden="true">·</span>}
            {dealer.total !== null ? (
              <Change value={dealer.total} previous={dealer.previous} t={t} locale={locale} />
            ) : (
              <span className="whitespace-nowrap">{missing.length > 0 ? t('missingCount', { count: missing.length }) : t('notComputable')}</span>
            )}
          </p>
          {missing.length > 0 && (
            <p className="m-0 truncate text-xs text-muted" title={t('missingList', { inputs: missing.join(listSeparator) })}>
              {t('missingList', { inputs: missing.join(listSeparator) })}
            </p>
          )}
        </div>
        {dealer.total !== null && (
          <div className="flex shrink-0 flex-col items-end gap-1">
            <span className="text-base font-semibold tabular-nums">{formatScore(dealer.total, locale)}</span>
            {dealer.grade && <Badge tone="accent">{rankings.gradeLabels[dealer.grade]?.[locale] ?? t('grade', { grade: dealer.grade })}</Badge>}
          </div>
        )}
        <ChevronRight aria-hidden="true" className="size-4 shrink-0 text-muted" />
      </div>
    </li>
  );
}

/** The score's change on last month, when last month was scored too. */
function Change({ value, previous, t, locale }: { value: number; previous: number | null; t: T; locale: Locale }) {
  if (previous === null) return null;
  const change = Math.round((value - previous) * 10) / 10;
  const Icon = change > 0 ? ArrowUpRight : change < 0 ? ArrowDownRight : ArrowRight;
  const amount = formatScore(Math.abs(change), locale);
  const signed = change > 0 ? `+${amount}` : change < 0 ? `−${amount}` : `±${amount}`;
  return (
    <span className={cn('inline-flex items-center gap-0.5 whitespace-nowrap tabular-nums', change > 0 && 'text-ok', change < 0 && 'text-danger')}>
      <Icon aria-hidden="true" className="size-3.5" />
      {t('change', { change: signed })}
    </span>
  );
}

function RepsRanking({ rankings, t, locale, onOpen, headingLevel }: ListProps) {
  const { ranked, incomplete, unassigned } = rankings.reps;
  const unscoredId = useId();
  const Sub = `h${headingLevel + 1}` as 'h3';
  if (rankings.dealers.ranked.length + rankings.dealers.incomplete.length === 0) return <NoDealers rankings={rankings} t={t} />;
  const rankWidth = rankWidthOf(ranked.at(-1)?.rank ?? 1);
  const rows = (reps: readonly RepScore[]) => reps.map((rep) => <RepRow key={rep.repId ?? ''} rep={rep} rankWidth={rankWidth} rankings={rankings} t={t} locale={locale} onOpen={onOpen} headingLevel={headingLevel} />);
  return (
    <>
      {ranked.length + incomplete.length === 0 ? (
        <Notice role="status">{t('noReps')}</Notice>
      ) : (
        <p className="m-0 text-sm text-muted">{t('repsCount', { count: ranked.length })}</p>
      )}
      {ranked.length > 0 && (
        <Paged items={ranked} t={t} locale={locale}>
          {(page) => (
            <ul aria-label={t('modeReps')} className="m-0 flex list-none flex-col divide-y divide-line rounded-lg border border-line bg-surface p-0" data-testid="ranked-reps">
              {rows(page)}
            </ul>
          )}
        </Paged>
      )}
      {incomplete.length > 0 && (
        <section aria-labelledby={unscoredId} className="flex flex-col gap-2">
          <Sub id={unscoredId} className="m-0 text-base font-semibold">
            {t('repsUnscoredTitle', { count: incomplete.length })}
          </Sub>
          <Paged items={incomplete} t={t} locale={locale}>
            {(page) => (
              <ul aria-labelledby={unscoredId} className="m-0 flex list-none flex-col divide-y divide-line rounded-lg border border-line bg-surface p-0" data-testid="unscored-reps">
                {rows(page)}
              </ul>
            )}
          </Paged>
        </section>
      )}
      {unassigned && (
        // Not a rep: a row of its own after the reps, opening to the dealers nobody is responsible for.
        <ul aria-label={t('unassignedName')} className="m-0 flex list-none flex-col rounded-lg border border-line bg-surface p-0" data-testid="unassigned-dealers">
          {rows([unassigned])}
        </ul>
      )}
    </>
  );
}

/** A rep (or the dealers without one): rank, name, how many dealers are scored; average score. Opens to their dealers. */
function RepRow({ rep, rankWidth, rankings, t, locale, onOpen, headingLevel }: { rep: RepScore; rankWidth: string } & ListProps) {
  const [open, setOpen] = useState(false);
  const detailId = useId();
  const rank = 'rank' in rep ? (rep.rank as number) : undefined;
  const name = rep.repId === null ? t('unassignedName') : (rep.name ?? t('unknownRep', { id: rep.repId }));
  return (
    <li className="flex flex-col" data-testid="ranking-rep">
      <div className={cn(rowClass, open && 'bg-soft')}>
        <span className={cn('shrink-0 text-right text-sm font-semibold text-muted tabular-nums', rankWidth)}>
          {rank !== undefined && (
            <>
              <span className="sr-only">{t('rankLabel', { rank })}</span>
              <span aria-hidden="true">{rank}</span>
            </>
          )}
        </span>
        <div className="flex min-w-0 flex-1 flex-col gap-0.5">
          <button type="button" aria-expanded={open} aria-controls={detailId} onClick={() => setOpen((o) => !o)} className={stretchedButton}>
            {name}
          </button>
          <p className="m-0 flex flex-wrap gap-x-1.5 text-xs text-muted">
            <span className="whitespace-nowrap">{t('repCounts', { count: rep.scored })}</span>
            {rep.partial > 0 && (
              <>
                <span aria-hidden="true">·</span>
                <span className="whitespace-nowrap">{t('repPartial', { count: rep.partial })}</span>
              </>
            )}
          </p>
        </div>
        {rep.average !== null && (
          <div className="flex shrink-0 flex-col items-end gap-0.5">
            <span className="text-base font-semibold tabular-nums">{formatScore(rep.average, locale)}</span>
            <span className="text-xs whitespace-nowrap text-muted">{t('average')}</span>
          </div>
        )}
        <ChevronDown aria-hidden="true" className={cn('size-4 shrink-0 text-muted transition-transform', open && 'rotate-180')} />
      </div>
      {open && (
        <div id={detailId} className="flex flex-col gap-2 border-t border-line bg-soft py-1 pl-3">
          <DealerList ranking={rep.dealers} rankings={rankings} t={t} locale={locale} onOpen={onOpen} label={t('dealersOf', { name })} headingLevel={headingLevel} nested />
        </div>
      )}
    </li>
  );
}

/** A long list 50 at a time, with how many are shown and "show more". */
function Paged<I>({ items, t, locale, children }: { items: readonly I[]; t: T; locale: Locale; children: (page: readonly I[]) => ReactNode }) {
  const [limit, setLimit] = useState(PAGE_SIZE);
  const page = items.length > limit ? items.slice(0, limit) : items;
  return (
    <div className="flex flex-col gap-2">
      {children(page)}
      {items.length > limit && (
        <div className="flex flex-wrap items-center gap-2 px-1 pb-1">
          <ShowMore shown={limit} limit={limit} onMore={() => setLimit((n) => n + PAGE_SIZE)} />
          <span className="text-xs text-muted">{t('showing', { shown: formatNumber(limit, locale), total: formatNumber(items.length, locale) })}</span>
        </div>
      )}
    </div>
  );
}

function formatScore(value: number, locale: Locale): string {
  return formatNumber(value, locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** A time of day ("10:32"), with the day when it is not today. */
function formatTime(at: number, locale: Locale): string {
  const date = new Date(at);
  const sameDay = date.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', ...(sameDay ? {} : { month: 'short', day: 'numeric' }) }).format(date);
}
