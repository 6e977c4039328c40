/**
 * The manager's team roll-up for a week or a month: every rep grouped by where their report
 * stands (missing and late first, each group collapsible with its count), sortable by name, plan
 * completion or problems; a rep's row opens to the report's highlights and the problems that need
 * the manager; then the team's competitor intel and KPI movements. The numbers are worked out by
 * lib/reports/rollup.ts from the reports' own content and snapshots; the same roll-up, as a
 * document, feeds the exports (the `actions` slot) and the HubSpot note ("Post to HubSpot").
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { ChevronDown, TrendingDown, TrendingUp } from 'lucide-react';
import { today } from '../../lib/kernel/dates';
import { formatNumber } from '../../lib/kernel/format';
import type { Locale } from '../../lib/kernel/i18n';
import { dealersByIds } from '../../lib/dealers/queries';
import { deadlineRulesFrom } from '../../lib/reports/deadline-rules';
import { deviceTimeZone } from '../../lib/reports/deadlines';
import type { ReportDocument } from '../../lib/reports/export/document';
import { periodOf } from '../../lib/reports/periods';
import { entriesOfPeriod } from '../../lib/reports/queries';
import { buildTeamRollup, sortReps, type KpiMovement, type RepRollup, type RollupKind, type RollupSort, type RollupStatus, type TeamRollup as Rollup } from '../../lib/reports/rollup';
import { documentOfRollup, highlightText, lowestPriceText, problemText, statusText, type DealerNames } from '../../lib/reports/rollup-document';
import { postedRollup, saveRollupReport } from '../../lib/reports/rollup-store';
import { rollupWords } from '../../lib/reports/rollup-words';
import { profileNameFor } from '../../lib/store/settings';
import type { TeamContext } from '../../lib/team/roles';
import { useDatabase } from '../shell/database-context';
import { useLocale, useT } from '../shell/locale';
import { Badge, Button, Notice, SegmentedControl, ShowMore, cn, hintClass } from '../ui';
import { formatInstant } from './period';
import { PeriodStepper } from './PeriodStepper';
import { whenText } from './ReviewPanel';
import { rollupMessages } from './rollup-messages';
import { useDeadlineOverrides } from './use-deadline-rules';

const KINDS = ['weekly', 'monthly'] as const satisfies readonly RollupKind[];
const SORTS = ['name', 'planCompletion', 'problems'] as const satisfies readonly RollupSort[];

const STATUS_TONES: Record<RollupStatus, 'danger' | 'warn' | 'neutral' | 'ok'> = {
  missing: 'danger',
  late: 'warn',
  draft: 'neutral',
  pending: 'neutral',
  onTimeWithReason: 'ok',
  onTime: 'ok',
};

/** The colour of a group's dot (its words say the status; the colour only repeats it). */
const STATUS_DOTS: Record<RollupStatus, string> = {
  missing: 'bg-danger',
  late: 'bg-warn',
  draft: 'bg-line-strong',
  pending: 'bg-line-strong',
  onTimeWithReason: 'bg-ok',
  onTime: 'bg-ok',
};

/** Every dealer a roll-up names (orders, grade changes, missing SKUs, KPI moves). */
function dealerIdsOf(rollup: Rollup): string[] {
  const ids = new Set<string>();
  for (const rep of rollup.reps) {
    for (const h of rep.highlights) if (h.kind === 'order' || h.kind === 'gradeChange') ids.add(h.dealerId);
    for (const p of rep.problems) if (p.kind === 'missingSkus') ids.add(p.dealerId);
  }
  for (const m of [...rollup.kpis.drops, ...rollup.kpis.rises]) ids.add(m.dealerId);
  return [...ids].sort();
}

/** The team's name: the reps' primary teams, as the CRM names them. */
function teamNameOf(team: TeamContext, locale: Locale): string | undefined {
  const names = [...new Set(team.reps.map((r) => r.teams[0]?.name).filter((n): n is string => Boolean(n)))];
  return names.length > 0 ? names.join(locale === 'zh-CN' ? '、' : ', ') : undefined;
}

export interface TeamRollupProps {
  team: TeamContext;
  initial?: { kind: RollupKind; periodStart: string };
  /** The export buttons for the roll-up's document (the lead's ExportMenu). */
  actions?: (document: ReportDocument) => ReactNode;
}

export function TeamRollup({ team, initial, actions }: TeamRollupProps) {
  const t = useT(rollupMessages);
  const locale = useLocale();
  const db = useDatabase();
  const headingId = useId();
  const [kind, setKind] = useState<RollupKind>(initial?.kind ?? 'weekly');
  const [start, setStart] = useState(() => initial?.periodStart ?? periodOf(initial?.kind ?? 'weekly', today()).start);
  const [sort, setSort] = useState<RollupSort>('name');
  const [posting, setPosting] = useState(false);
  const [postError, setPostError] = useState(false);
  const overrides = useDeadlineOverrides();
  const repIds = useMemo(() => new Set(team.reps.map((r) => r.id)), [team.reps]);
  const me = team.me;

  const data = useLiveQuery(async () => {
    const entries = (await entriesOfPeriod.run(db, { kind, periodStart: start })).filter((e) => repIds.has(e.author.id));
    const posted = await postedRollup(db, me.id, kind, start);
    return { kind, start, entries, posted };
  }, [db, kind, start, repIds, me.id]);

  const rollup = useMemo(() => {
    if (!data || data.kind !== kind || data.start !== start || overrides === undefined) return undefined;
    return buildTeamRollup({
      kind,
      period: periodOf(kind, start),
      members: team.reps.map((r) => ({ id: r.id, name: profileNameFor(r.name, locale), ...(r.teams[0] ? { teamName: r.teams[0].name } : {}), ...(r.timeZone ? { timeZone: r.timeZone } : {}) })),
      entries: data.entries,
      now: new Date(),
      rules: deadlineRulesFrom(overrides).rules,
      // A rep without a zone of their own works in the manager's (the team's), not this device's.
      timeZone: team.me.timeZone ?? deviceTimeZone(),
    });
  }, [data, kind, start, overrides, team.reps, team.me.timeZone, locale]);

  const dealerIds = useMemo(() => (rollup ? dealerIdsOf(rollup) : []), [rollup]);
  const dealers = useLiveQuery(() => dealersByIds.run(db, { ids: dealerIds }), [db, dealerIds.join(',')]);
  const dealerName: DealerNames = useMemo(() => {
    const names = new Map((dealers ?? []).map((d) => [d.id, d.name]));
    return (id) => names.get(id);
  }, [dealers]);
  const teamName = teamNameOf(team, locale);
  const document = useMemo(
    () => (rollup ? documentOfRollup(rollup, { locale, ...(teamName ? { teamName } : {}), manager: { id: me.id, name: profileNameFor(me.name, locale) }, dealerName, timeZone: team.me.timeZone ?? deviceTimeZone() }) : undefined),
    [rollup, locale, teamName, me.id, me.name, dealerName, team.me.timeZone],
  );

  if (team.role === 'rep') return <Notice>{t('notManager')}</Notice>;
  if (team.reps.length === 0) return <Notice>{t('noTeam')}</Notice>;

  const current = periodOf(kind, today()).start;
  const posted = data?.posted;

  async function post() {
    if (!rollup || !document) return;
    setPosting(true);
    setPostError(false);
    try {
      await saveRollupReport(db, rollup, document, { id: me.id, name: me.name });
    } catch {
      setPostError(true);
    } finally {
      setPosting(false);
    }
  }

  return (
    <section aria-labelledby={headingId} className="flex min-w-0 flex-col gap-3" data-testid="team-rollup">
      <h2 id={headingId} className="m-0 text-xl font-semibold">
        {t('title')}
      </h2>
      <div>
        <SegmentedControl
          label={t('periodKind')}
          options={KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) }))}
          value={kind}
          onChange={(k) => {
            setKind(k);
            setStart(periodOf(k, today()).start);
          }}
        />
      </div>
      <PeriodStepper kind={kind} start={start} current={current} labels={{ previous: t('previousPeriod'), next: t('nextPeriod') }} testId="rollup-period" onChange={setStart} />

      {!rollup || !document ? (
        <p className={hintClass}>{t('loading')}</p>
      ) : (
        <>
          <Summary rollup={rollup} />
          <div role="group" aria-label={t('exportBar')} className="flex flex-wrap items-center gap-2" data-testid="rollup-actions">
            {actions?.(document)}
            <Button size="sm" variant="primary" disabled={posting} onClick={() => void post()}>
              {posting ? t('posting') : posted ? t('postAgain') : t('post')}
            </Button>
          </div>
          {postError && (
            <Notice tone="danger" role="alert">
              {t('postFailed')}
            </Notice>
          )}
          {posted?.postedAt && (
            <Notice tone="ok" role="status" data-testid="rollup-posted">
              {t('postedAt', { title: posted.title, time: formatInstant(posted.postedAt, locale) })}{' '}
              {posted.crm && posted.crm.syncedVersion >= posted.updatedAt ? t('postedSynced', { time: formatInstant(posted.crm.syncedAt, locale) }) : t('postedWaiting')}
            </Notice>
          )}
          <div className="flex flex-wrap items-center gap-2">
            <span className={hintClass} aria-hidden="true">
              {t('sortBy')}
            </span>
            <SegmentedControl label={t('sortBy')} options={SORTS.map((s) => ({ value: s, label: t(`sort_${s}`) }))} value={sort} onChange={setSort} />
          </div>
          <RepGroups rollup={rollup} sort={sort} dealerName={dealerName} key={`${kind}:${start}`} />
          <Competitors rollup={rollup} />
          <KpiMovements rollup={rollup} dealerName={dealerName} />
        </>
      )}
    </section>
  );
}

function Summary({ rollup }: { rollup: Rollup }) {
  const t = useT(rollupMessages);
  const parts = [
    t('summary', { submitted: rollup.submitted, total: rollup.reps.length }),
    ...(rollup.counts.missing > 0 ? [t('summaryMissing', { count: rollup.counts.missing })] : []),
    ...(rollup.counts.late > 0 ? [t('summaryLate', { count: rollup.counts.late })] : []),
  ];
  const team = [
    ...(rollup.team.planCompletion !== null ? [t('teamPlan', { percent: rollup.team.planCompletion })] : []),
    ...(rollup.team.keyAccounts ? [t('teamKeyAccounts', rollup.team.keyAccounts)] : []),
  ];
  return (
    <div className="flex flex-col gap-0.5" data-testid="rollup-summary">
      <p className="m-0 text-base font-medium">{parts.join(' · ')}</p>
      {team.length > 0 && <p className={hintClass}>{team.join(' · ')}</p>}
    </div>
  );
}

function RepGroups({ rollup, sort, dealerName }: { rollup: Rollup; sort: RollupSort; dealerName: DealerNames }) {
  const t = useT(rollupMessages);
  const w = useT(rollupWords);
  // What needs the manager is open; a long list of the rest starts closed.
  const [open, setOpen] = useState<Partial<Record<RollupStatus, boolean>>>({});
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const isOpen = (status: RollupStatus) => open[status] ?? (status === 'missing' || status === 'late' || rollup.reps.length <= 12);
  const byId = new Map(rollup.reps.map((r) => [r.id, r]));
  return (
    <div className="flex flex-col gap-2" data-testid="rollup-groups">
      {rollup.groups.map((group) => {
        // Names sort as the team lists them (Chinese collation) in either language.
        const reps = sortReps(
          group.repIds.map((id) => byId.get(id)!),
          sort,
        );
        const shown = isOpen(group.status);
        const label = w(`status_${group.status}`);
        const listId = `rollup-group-${group.status}`;
        return (
          <section key={group.status} className="overflow-hidden rounded-lg border border-line bg-surface" data-testid="rollup-group" data-status={group.status}>
            <h3 className="m-0">
              <button
                type="button"
                aria-expanded={shown}
                aria-controls={listId}
                className="flex w-full cursor-pointer items-center gap-2 px-3 py-2 text-left text-base font-semibold hover:bg-soft focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-focus"
                onClick={() => setOpen({ ...open, [group.status]: !shown })}
              >
                <ChevronDown aria-hidden="true" className={cn('size-4 shrink-0 transition-transform', !shown && '-rotate-90')} />
                <span aria-hidden="true" className={cn('size-2.5 shrink-0 rounded-full', STATUS_DOTS[group.status])} />
                <span className="min-w-0 flex-1">{t('groupToggle', { status: label, count: reps.length })}</span>
              </button>
            </h3>
            {shown && (
              <ul id={listId} className="m-0 flex list-none flex-col divide-y divide-line border-t border-line p-0">
                {reps.map((rep) => (
                  <RepRow
                    key={rep.id}
                    rep={rep}
                    dealerName={dealerName}
                    expanded={expanded.has(rep.id)}
                    onToggle={() => {
                      const next = new Set(expanded);
                      if (next.has(rep.id)) next.delete(rep.id);
                      else next.add(rep.id);
                      setExpanded(next);
                    }}
                    showTeam={new Set(rollup.reps.map((r) => r.teamName)).size > 1}
                  />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

function RepRow({ rep, dealerName, expanded, onToggle, showTeam }: { rep: RepRollup; dealerName: DealerNames; expanded: boolean; onToggle: () => void; showTeam: boolean }) {
  const t = useT(rollupMessages);
  const locale = useLocale();
  const detailsId = useId();
  const facts = [
    ...(rep.scores.planCompletion !== null
      ? [t('repPlan', { percent: formatNumber(rep.scores.planCompletion, locale) })]
      : rep.scores.planItems.total > 0
        ? [t('repPlanItems', rep.scores.planItems)]
        : []),
    ...(rep.scores.keyAccounts ? [t('repKeyAccounts', rep.scores.keyAccounts)] : []),
    ...(rep.entryId ? [t('repProblems', { count: rep.problems.length })] : []),
  ];
  const when = rep.submittedAt ? t('repSubmitted', { time: whenText(rep.submittedAt, locale) }) : rep.dueAt ? t('repDue', { time: whenText(rep.dueAt, locale) }) : undefined;
  const summary = (
    <span className="flex min-w-0 flex-1 flex-col gap-0.5">
      <span className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
        <span className="min-w-0 text-base break-words text-ink" data-testid="rollup-rep-name">
          {rep.name}
        </span>
        <Badge tone={STATUS_TONES[rep.status]}>{statusText(rep, locale)}</Badge>
        {rep.reviewed && <Badge tone="accent">{t('repReviewed')}</Badge>}
      </span>
      {(facts.length > 0 || (showTeam && rep.teamName)) && <span className="text-sm text-muted">{[...(showTeam && rep.teamName ? [rep.teamName] : []), ...facts].join(' · ')}</span>}
      {when && <span className="text-sm whitespace-nowrap text-muted">{when}</span>}
    </span>
  );
  // Nothing submitted: nothing to open.
  if (!rep.entryId) {
    return (
      <li data-testid="rollup-rep" data-rep-id={rep.id} className="flex px-3 py-2">
        {summary}
      </li>
    );
  }
  return (
    <li data-testid="rollup-rep" data-rep-id={rep.id}>
      <button
        type="button"
        aria-expanded={expanded}
        aria-controls={detailsId}
        className="flex w-full min-w-0 cursor-pointer items-start gap-2 px-3 py-2 text-left hover:bg-soft focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-focus"
        onClick={onToggle}
      >
        {summary}
        <ChevronDown aria-hidden="true" className={cn('mt-1 size-4 shrink-0 text-muted transition-transform', expanded && 'rotate-180')} />
      </button>
      {expanded && (
        <div id={detailsId} className="flex flex-col gap-2 px-3 pb-3" data-testid="rollup-rep-details">
          {rep.highlights.length === 0 && rep.problems.length === 0 ? (
            <p className={hintClass}>{t('nothingToNote')}</p>
          ) : (
            <>
              {rep.problems.length > 0 && (
                <div>
                  <h4 className="m-0 text-sm font-semibold text-danger">{t('problems')}</h4>
                  <ul className="m-0 list-disc pl-5 text-sm break-words">
                    {rep.problems.map((p, i) => (
                      <li key={i}>{problemText(p, locale, dealerName)}</li>
                    ))}
                  </ul>
                </div>
              )}
              {rep.highlights.length > 0 && (
                <div>
                  <h4 className="m-0 text-sm font-semibold">{t('highlights')}</h4>
                  <ul className="m-0 list-disc pl-5 text-sm break-words">
                    {rep.highlights.map((h, i) => (
                      <li key={i}>{highlightText(h, locale, dealerName)}</li>
                    ))}
                  </ul>
                </div>
              )}
            </>
          )}
          <p className={hintClass}>{rep.snapshotAsOf ? t('repAsOf', { time: formatInstant(rep.snapshotAsOf, locale) }) : t('repHandWritten')}</p>
        </div>
      )}
    </li>
  );
}

function Competitors({ rollup }: { rollup: Rollup }) {
  const t = useT(rollupMessages);
  const w = useT(rollupWords);
  const locale = useLocale();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-1.5" data-testid="rollup-competitors">
      <h3 id={headingId} className="m-0 text-base font-semibold">
        {t('competitors')}
      </h3>
      {rollup.competitors.length === 0 ? (
        <p className={hintClass}>{t('competitorsNone')}</p>
      ) : (
        <ul className="m-0 flex list-none flex-col divide-y divide-line rounded-lg border border-line bg-surface p-0">
          {rollup.competitors.map((c) => {
            const prices = lowestPriceText(c, locale);
            return (
              <li key={c.competitor} className="flex flex-col gap-0.5 px-3 py-2">
                <span className="flex flex-wrap items-baseline gap-x-2">
                  <span className="text-base font-medium break-words">{c.competitor}</span>
                  <span className="text-sm text-muted">{t('competitorCount', { count: c.count, reps: c.repIds.length })}</span>
                </span>
                {c.products.length > 0 && <span className="text-sm break-words">{c.products.join(w('listSeparator'))}</span>}
                {prices && <span className="text-sm break-words">{t('competitorLowest', { prices })}</span>}
                {c.promotions.length > 0 && <span className="text-sm break-words text-muted">{t('competitorPromotions', { promotions: c.promotions.join(w('listSeparator')) })}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function KpiMovements({ rollup, dealerName }: { rollup: Rollup; dealerName: DealerNames }) {
  const t = useT(rollupMessages);
  const headingId = useId();
  const { drops, rises } = rollup.kpis;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-1.5" data-testid="rollup-kpis">
      <h3 id={headingId} className="m-0 text-base font-semibold">
        {t('kpis')}
      </h3>
      {drops.length === 0 && rises.length === 0 ? (
        <p className={hintClass}>{t('kpisNone')}</p>
      ) : (
        <>
          {drops.length > 0 && <KpiList title={t('kpiDrops')} moves={drops} rollup={rollup} dealerName={dealerName} down />}
          {rises.length > 0 && <KpiList title={t('kpiRises')} moves={rises} rollup={rollup} dealerName={dealerName} />}
        </>
      )}
    </section>
  );
}

function KpiList({ title, moves, rollup, dealerName, down = false }: { title: string; moves: KpiMovement[]; rollup: Rollup; dealerName: DealerNames; down?: boolean }) {
  const t = useT(rollupMessages);
  const w = useT(rollupWords);
  const locale = useLocale();
  const names = new Map(rollup.reps.map((r) => [r.id, r.name]));
  const Icon = down ? TrendingDown : TrendingUp;
  // The five largest first; the rest on request.
  const [limit, setLimit] = useState(5);
  return (
    <div className="flex flex-col gap-1" data-testid={down ? 'kpi-drops' : 'kpi-rises'}>
      <h4 className="m-0 text-sm font-semibold text-muted">{title}</h4>
      <ul className="m-0 flex list-none flex-col divide-y divide-line rounded-lg border border-line bg-surface p-0">
        {moves.slice(0, limit).map((m) => (
          <li key={m.dealerId} className="flex items-start gap-2 px-3 py-2">
            <Icon aria-hidden="true" className={cn('mt-0.5 size-4 shrink-0', down ? 'text-danger' : 'text-ok')} />
            <span className="flex min-w-0 flex-1 flex-col gap-0.5">
              <span className="text-base break-words">{dealerName(m.dealerId) ?? w('unknownDealer')}</span>
              <span className="text-sm text-muted">{t('kpiCoveredBy', { reps: m.repIds.map((id) => names.get(id) ?? '').filter(Boolean).join(w('listSeparator')) })}</span>
            </span>
            <span className="flex shrink-0 flex-col items-end">
              <span className={cn('text-base font-semibold whitespace-nowrap', down ? 'text-danger' : 'text-ok')}>
                {m.change > 0 ? '+' : '−'}
                {formatNumber(Math.abs(m.change), locale)}
              </span>
              <span className="text-sm whitespace-nowrap text-muted">
                {t('kpiMove', { previous: formatNumber(m.previous, locale), score: formatNumber(m.score, locale) })}
                {m.partial ? ` · ${t('kpiPartial')}` : ''}
              </span>
            </span>
          </li>
        ))}
      </ul>
      {moves.length > limit && (
        <div>
          <ShowMore shown={limit} limit={limit} onMore={() => setLimit(moves.length)} />
        </div>
      )}
    </div>
  );
}
