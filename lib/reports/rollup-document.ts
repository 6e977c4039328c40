/**
 * The team roll-up as a document (./export/document.ts), in the manager's language: what every
 * export renders and what the CRM note says. Sections: status (one row per rep, missing and late
 * first), highlights, problems that need the manager, competitors, KPI drops and rises. The
 * phrases for a status, a highlight or a problem are ./rollup-words.ts, shared with the view.
 */
import { formatDay, formatMonth, formatWeek } from '../kernel/format';
import { translator, type Locale, type Translate } from '../kernel/i18n';
import { formatQuantity, formatUnitPrice } from '../kernel/units';
import { isoWeekOf, monthOf } from '../kernel/dates';
import type { Cell, ReportDocument } from './export/document';
import type { CompetitorHighlight, KpiMovement, RepRollup, RollupHighlight, RollupProblem, TeamRollup } from './rollup';
import { rollupWords, type RollupWord } from './rollup-words';

export type DealerNames = (dealerId: string) => string | undefined;

export interface RollupDocumentOptions {
  locale: Locale;
  teamName?: string;
  manager: { id: string; name: string };
  /** Dealers by name; a dealer this device no longer has is said so, never shown by id. */
  dealerName?: DealerNames;
  /** The zone the "as of" time is written in; default the manager's device's (Asia/Shanghai when unknown). */
  timeZone?: string;
}

const words = (locale: Locale): Translate<RollupWord> => translator(rollupWords, locale);

/** The period in words: 2026年第49周 / Week 49, 2026; 2026年11月 / November 2026. */
export function rollupPeriodText(rollup: Pick<TeamRollup, 'kind' | 'period'>, locale: Locale): string {
  return rollup.kind === 'weekly' ? formatWeek(isoWeekOf(rollup.period.start), locale) : formatMonth(monthOf(rollup.period.start), locale);
}

/** A rep's status in words (a missing report with a draft says so). */
export function statusText(rep: Pick<RepRollup, 'status' | 'hasDraft'>, locale: Locale): string {
  const t = words(locale);
  return rep.status === 'missing' && rep.hasDraft ? t('statusMissingDraft') : t(`status_${rep.status}`);
}

function dealerOf(id: string, t: Translate<RollupWord>, dealerName?: DealerNames): string {
  return dealerName?.(id) ?? t('unknownDealer');
}

/** One highlight as a sentence in `locale`. */
export function highlightText(highlight: RollupHighlight, locale: Locale, dealerName?: DealerNames): string {
  const t = words(locale);
  switch (highlight.kind) {
    case 'order':
      return t('highlightOrder', { dealer: dealerOf(highlight.dealerId, t, dealerName), quantity: formatQuantity(highlight.quantity, highlight.unit, locale), visits: highlight.visits });
    case 'planDone':
      return t('highlightPlanDone', { text: highlight.text });
    case 'result':
      return t('highlightResult', { text: highlight.text });
    case 'gradeChange':
      return highlight.from
        ? t('highlightGradeChange', { dealer: dealerOf(highlight.dealerId, t, dealerName), from: highlight.from, to: highlight.to })
        : t('highlightFirstGrade', { dealer: dealerOf(highlight.dealerId, t, dealerName), to: highlight.to });
  }
}

/** One problem as a sentence in `locale`. */
export function problemText(problem: RollupProblem, locale: Locale, dealerName?: DealerNames): string {
  const t = words(locale);
  switch (problem.kind) {
    case 'planProblem':
      return t('problemPlan', { item: problem.item, completion: problem.completion, text: problem.text });
    case 'support':
      return problem.priority ? t('problemSupport', { priority: problem.priority, text: problem.text }) : t('problemSupportNoPriority', { text: problem.text });
    case 'reported':
      return problem.day ? t('problemReportedDay', { text: problem.text, day: formatDay(problem.day, locale, 'short') }) : t('problemReported', { text: problem.text });
    case 'missingSkus':
      return t('problemMissingSkus', { dealer: dealerOf(problem.dealerId, t, dealerName), count: problem.skus.length, skus: problem.skus.join(t('listSeparator')) });
    case 'keyAccountsShort':
      return t('problemKeyAccountsShort', { visited: problem.visited, required: problem.required });
  }
}

/** The lowest prices seen of a competitor, one per kind and unit: "零售价 158 元/瓶" / "retail ¥158/bottle". */
export function lowestPriceText(competitor: CompetitorHighlight, locale: Locale): string {
  const t = words(locale);
  return competitor.lowestPrices
    .map((p) => t('priceLine', { kind: p.kind === 'retail' || p.kind === 'wholesale' || p.kind === 'supply' ? t(`priceKind_${p.kind}`) : p.kind, price: formatUnitPrice(p.amount, p.currency, p.unit, locale) }))
    .join(t('listSeparator'));
}

/** The day (YYYY-MM-DD) an instant falls on in a time zone. */
function dayIn(instant: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
  } catch {
    return instant.slice(0, 10);
  }
}

function timeIn(instant: string, timeZone: string, locale: Locale): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  const tag = locale === 'en' ? 'en-GB' : 'zh-CN';
  try {
    return new Intl.DateTimeFormat(tag, { ...options, timeZone }).format(new Date(instant));
  } catch {
    return new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' }).format(new Date(instant));
  }
}

/** A file name safe on every system: `team-rollup-2026-W49` / `team-rollup-2026-11`, with an ASCII team name when there is one. */
function fileNameOf(rollup: TeamRollup, teamName?: string): string {
  const slug = (teamName ?? '')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return ['team-rollup', rollup.period.label, slug].filter(Boolean).join('-');
}

function kpiRows(moves: KpiMovement[], rollup: TeamRollup, t: Translate<RollupWord>, locale: Locale, dealerName?: DealerNames): Cell[][] {
  const names = new Map(rollup.reps.map((r) => [r.id, r.name]));
  return moves.map((m) => [
    dealerOf(m.dealerId, t, dealerName),
    m.repIds.map((id) => names.get(id) ?? id).join(t('listSeparator')),
    formatMonth(m.period, locale),
    m.score,
    m.previous,
    m.change,
    m.partial ? (m.grade ? t('partial', { grade: m.grade }) : t('partialOnly')) : m.grade,
  ]);
}

export function documentOfRollup(rollup: TeamRollup, options: RollupDocumentOptions): ReportDocument {
  const { locale, teamName, manager, dealerName } = options;
  const t = words(locale);
  const period = rollupPeriodText(rollup, locale);
  const total = rollup.reps.length;
  const showTeam = new Set(rollup.reps.map((r) => r.teamName ?? '')).size > 1;
  const zone = options.timeZone ?? 'Asia/Shanghai';

  const statusColumns = [
    { label: t('colRep'), type: 'text' as const, width: 12 },
    ...(showTeam ? [{ label: t('colTeam'), type: 'text' as const, width: 10 }] : []),
    { label: t('colStatus'), type: 'text' as const, width: 16 },
    { label: t('colSubmittedOn'), type: 'date' as const, width: 12 },
    // A week's plan has the rep's percentages; a month's, items the snapshot judged done.
    ...(rollup.kind === 'weekly'
      ? [{ label: t('colPlanCompletion'), type: 'percent' as const, width: 10 }]
      : [
          { label: t('colPlanDone'), type: 'number' as const, width: 10 },
          { label: t('colPlanItems'), type: 'number' as const, width: 10 },
        ]),
    { label: t('colKeyVisited'), type: 'number' as const, width: 10 },
    { label: t('colKeyRequired'), type: 'number' as const, width: 10 },
    ...(rollup.kind === 'weekly' ? [{ label: t('colKeyBlank'), type: 'number' as const, width: 10 }] : []),
    { label: t('colProblems'), type: 'number' as const, width: 8 },
  ];
  const statusRows: Cell[][] = rollup.reps.map((rep) => [
    rep.name,
    ...(showTeam ? [rep.teamName ?? null] : []),
    statusText(rep, locale),
    rep.submittedAt ? dayIn(rep.submittedAt, rep.timeZone) : null,
    ...(rollup.kind === 'weekly'
      ? [rep.scores.planCompletion]
      : rep.scores.planItems.total > 0
        ? [rep.scores.planItems.done, rep.scores.planItems.total]
        : [null, null]),
    rep.scores.keyAccounts?.visited ?? null,
    rep.scores.keyAccounts?.required ?? null,
    ...(rollup.kind === 'weekly' ? [rep.scores.keyAccountMissingItems] : []),
    rep.problems.length,
  ]);

  const highlights = rollup.reps.flatMap((rep) => rep.highlights.map((h) => t('repLine', { rep: rep.name, text: highlightText(h, locale, dealerName) })));
  const problems = rollup.reps.flatMap((rep) => rep.problems.map((p) => t('repLine', { rep: rep.name, text: problemText(p, locale, dealerName) })));
  const names = new Map(rollup.reps.map((r) => [r.id, r.name]));

  const fields = [
    { label: t('fieldPeriod'), value: period },
    ...(teamName ? [{ label: t('fieldTeam'), value: teamName }] : []),
    { label: t('fieldManager'), value: manager.name },
    { label: t('fieldSubmitted'), value: t('submittedOf', { submitted: rollup.submitted, total }) },
    ...(rollup.team.planCompletion !== null ? [{ label: t('fieldPlanCompletion'), value: `${rollup.team.planCompletion}%` }] : []),
    ...(rollup.team.keyAccounts ? [{ label: t('fieldKeyAccounts'), value: t('keyAccountsOf', rollup.team.keyAccounts) }] : []),
  ];

  return {
    locale,
    title: t(rollup.kind === 'weekly' ? 'title_weekly' : 'title_monthly'),
    subtitle: teamName ? t('subtitle', { team: teamName, period }) : period,
    fields,
    asOf: t('asOf', { time: timeIn(rollup.generatedAt, zone, locale), zone }),
    sections: [
      { id: 'status', heading: t('sectionStatus'), blocks: total > 0 ? [{ type: 'table', columns: statusColumns, rows: statusRows }] : [] },
      { id: 'highlights', heading: t('sectionHighlights'), blocks: highlights.length > 0 ? [{ type: 'list', items: highlights }] : [], empty: t('highlightsEmpty') },
      { id: 'problems', heading: t('sectionProblems'), blocks: problems.length > 0 ? [{ type: 'list', items: problems }] : [], empty: t('problemsEmpty') },
      {
        id: 'competitors',
        heading: t('sectionCompetitors'),
        blocks:
          rollup.competitors.length > 0
            ? [
                {
                  type: 'table',
                  columns: [
                    { label: t('colCompetitor'), type: 'text', width: 14 },
                    { label: t('colMentions'), type: 'number', width: 8 },
                    { label: t('colReps'), type: 'text', width: 14 },
                    { label: t('colProducts'), type: 'text', width: 20 },
                    { label: t('colLowestPrice'), type: 'text', width: 18 },
                    { label: t('colPromotions'), type: 'text', width: 20 },
                    { label: t('colLastSeen'), type: 'date', width: 12 },
                  ],
                  rows: rollup.competitors.map((c) => [
                    c.competitor,
                    c.count,
                    c.repIds.map((id) => names.get(id) ?? id).join(t('listSeparator')),
                    c.products.join(t('listSeparator')) || null,
                    lowestPriceText(c, locale) || null,
                    c.promotions.join(t('listSeparator')) || null,
                    c.lastSeen,
                  ]),
                },
              ]
            : [],
        empty: t('competitorsEmpty'),
      },
      ...(['drops', 'rises'] as const).map((which) => ({
        id: which === 'drops' ? 'kpiDrops' : 'kpiRises',
        heading: t(which === 'drops' ? 'sectionKpiDrops' : 'sectionKpiRises'),
        blocks:
          rollup.kpis[which].length > 0
            ? [
                {
                  type: 'table' as const,
                  columns: [
                    { label: t('colDealer'), type: 'text' as const, width: 18 },
                    { label: t('colReps'), type: 'text' as const, width: 12 },
                    { label: t('colKpiMonth'), type: 'text' as const, width: 12 },
                    { label: t('colScore'), type: 'number' as const, width: 8 },
                    { label: t('colPrevious'), type: 'number' as const, width: 8 },
                    { label: t('colChange'), type: 'number' as const, width: 8 },
                    { label: t('colGrade'), type: 'text' as const, width: 14 },
                  ],
                  rows: kpiRows(rollup.kpis[which], rollup, t, locale, dealerName),
                },
              ]
            : [],
        empty: t(which === 'drops' ? 'kpiDropsEmpty' : 'kpiRisesEmpty'),
      })),
    ],
    fileName: fileNameOf(rollup, teamName),
  };
}
