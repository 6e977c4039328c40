/**
 * One click: read the rep's records of the period through named queries, compose the draft
 * (./weekly.ts) and save it — a new draft, or the numbers of an existing draft refreshed. What the
 * rep already wrote in a draft is kept; a submitted report is never rebuilt (it changes only
 * through the revision flow, lib/reports/submit.ts).
 */
import type { FieldkitDatabase } from '../../store/database';
import type { RecordDraft } from '../../store/records';
import { addMonthsTo, isoWeekOf, monthOf } from '../../kernel/dates';
import type { Author } from '../../kernel/record';
import { dealersByIds, dealersOfRep, factsOfDealerBetween, terminalsOfDealer } from '../../dealers/queries';
import { activeCompiledRuleSet, PANEL_RULE_SETS } from '../../dealers/panel-data';
import { dealerScore, rankingGatherOptions, rankingWindow } from '../../dealers/rankings';
import { intelOfAuthorBetween } from '../../intel/queries';
import { dealerVisitsInRange, visitsOfAuthorBetween } from '../../visits/queries';
import type { Dealer } from '../../dealers/schema';
import { readSetting } from '../../store/settings';
import type { DiaryEntry } from '../diary-schema';
import { deviceTimeZone } from '../deadlines';
import { periodOf, type ReportPeriod } from '../periods';
import { entriesOfKindBefore, entriesOfKindBetween, entryOfPeriod } from '../queries';
import type { KpiMove } from '../snapshot-schema';
import { activeTemplateOf } from '../template-store';
import { saveDiary } from '../submit';
import { composeMonthly, composeWeekly, dayIn, type ComposeWords, type PeriodSources } from './weekly';

/** The KPI movements a report shows: at most this many dealers (most visited first, then the rep's own). */
export const KPI_DEALERS = 30;

export type ComposedKind = 'weekly' | 'monthly';

/** The rep's records of one period, read by index (never a whole table). */
export async function readPeriodSources(
  db: FieldkitDatabase,
  { author, period, timeZone, requiredKeyAccountVisits = 2, kpis = true }: { author: Author; period: ReportPeriod; timeZone: string; requiredKeyAccountVisits?: number; kpis?: boolean },
): Promise<PeriodSources> {
  const kind = period.kind as ComposedKind;
  const [previous, dailies, visits, intel, own, weeklies] = await Promise.all([
    entriesOfKindBefore.run(db, { authorId: author.id, kind, before: period.start, limit: 1 }),
    entriesOfKindBetween.run(db, { authorId: author.id, kind: 'daily', from: period.start, to: period.end }),
    visitsOfAuthorBetween.run(db, { authorId: author.id, from: period.start, to: period.end }),
    intelOfAuthorBetween.run(db, { authorId: author.id, from: period.start, to: period.end }),
    dealersOfRep.run(db, { repId: author.id }),
    kind === 'monthly' ? entriesOfKindBetween.run(db, { authorId: author.id, kind: 'weekly', from: period.start, to: period.end }) : Promise.resolve([]),
  ]);
  const last = previous[0];
  // The dealers visited, the rep's own, and those the last report saw (so a grade change of a dealer not visited this week still shows).
  const visitedIds = [...new Set(visits.map((card) => card.dealerId))];
  const ownIds = new Set(own.map((dealer) => dealer.id));
  const missing = [...new Set([...visitedIds, ...(last?.snapshot?.grades ?? []).map((row) => row.dealerId)])].filter((id) => !ownIds.has(id));
  const others = missing.length > 0 ? await dealersByIds.run(db, { ids: missing }) : [];
  const dealers: Dealer[] = [...own, ...others.filter((dealer) => !dealer.deletedAt)];
  const kpiIds = [...visitedIds, ...own.map((dealer) => dealer.id).filter((id) => !visitedIds.includes(id))].slice(0, KPI_DEALERS);
  return {
    period,
    timeZone,
    ...(last ? { previous: last } : {}),
    dailies,
    visits,
    intel,
    dealers,
    kpis: kpis ? await kpiMovesOf(db, kpiIds, dayIn(new Date(), timeZone)) : [],
    requiredKeyAccountVisits,
    weeklies,
  };
}

/** How many months back a report looks for a dealer's latest month with ERP figures (as the dealer panel does). */
const FIGURES_LOOKBACK = 2;

/**
 * Each dealer's score in its latest month with figures against the month before — the rankings'
 * fast path (totals only, the month's cards and the figures the score reads), not a whole panel:
 * a report covers up to 30 dealers and the click must stay quick.
 */
async function kpiMovesOf(db: FieldkitDatabase, dealerIds: readonly string[], today: string): Promise<KpiMove[]> {
  if (dealerIds.length === 0) return [];
  const kpi = await activeCompiledRuleSet(db, PANEL_RULE_SETS.kpi).catch(() => undefined);
  if (!kpi) return [];
  const gather = rankingGatherOptions(kpi);
  const current = monthOf(today);
  const dealers = new Map((await dealersByIds.run(db, { ids: [...dealerIds] })).filter((d) => !d.deletedAt).map((d) => [d.id, d]));
  const moves = await Promise.all(
    dealerIds.map(async (dealerId): Promise<KpiMove | undefined> => {
      const dealer = dealers.get(dealerId);
      if (!dealer) return undefined;
      // One read of the figures: the months the lookback and the previous month's shipment average need.
      const earliest = rankingWindow(addMonthsTo(current, -FIGURES_LOOKBACK), gather, true).fromMonth;
      const facts = await factsOfDealerBetween.run(db, { dealerId, from: earliest, to: current });
      const withFigures = facts.filter((row) => Object.keys(row.figures).length > 0 && row.period >= addMonthsTo(current, -FIGURES_LOOKBACK)).map((row) => row.period);
      const period = withFigures.length > 0 ? withFigures.sort().at(-1)! : current;
      const window = rankingWindow(period, gather, true);
      const [cards, terminals] = await Promise.all([dealerVisitsInRange.run(db, { dealerId, from: window.fromDay, to: window.toDay }), terminalsOfDealer.run(db, { dealerId })]);
      const score = dealerScore({ dealer, terminals, cards, facts }, period, kpi, { trend: true, gather });
      // No score this month or last (no figures): nothing moved, and a row of dashes says nothing.
      if (score.total === null && score.previous === null) return undefined;
      return { dealerId, period, score: score.total, previous: score.previous, grade: score.grade, partial: score.partial, ruleSet: `${kpi.ruleSet.id}@${kpi.ruleSet.version}` };
    }),
  );
  return moves.filter((move): move is KpiMove => move !== undefined);
}

/**
 * Which weekly report one click builds on `today`: on a Monday whose previous week's report is not
 * submitted yet, that one (it is due by Monday 09:00 with a reason); otherwise this week's.
 */
export async function weekToReport(db: FieldkitDatabase, authorId: string, today: string): Promise<ReportPeriod> {
  const thisWeek = periodOf('weekly', today);
  if (new Date(`${today}T00:00:00Z`).getUTCDay() !== 1) return thisWeek;
  const lastWeek = periodOf('weekly', addDays(today, -7));
  const entry = await entryOfPeriod.run(db, { authorId, kind: 'weekly', periodStart: lastWeek.start });
  return entry && entry.status !== 'draft' ? thisWeek : lastWeek;
}

function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

export type BuildOutcome = { result: 'created' | 'refreshed'; entry: DiaryEntry } | { result: 'submitted'; entry: DiaryEntry };

/**
 * Builds the period's report for `author` and saves it as a draft. An existing draft keeps every
 * row the rep wrote or edited; it gains the plan rows and key-account visits it lacks, and its
 * numbers are replaced by the new snapshot. A submitted report is left alone.
 */
export async function buildReportDraft(
  db: FieldkitDatabase,
  { author, kind, periodStart, words, now = new Date() }: { author: Author; kind: ComposedKind; periodStart: string; words: ComposeWords; now?: Date },
): Promise<BuildOutcome> {
  const period = periodOf(kind, periodStart);
  const existing = await entryOfPeriod.run(db, { authorId: author.id, kind, periodStart: period.start });
  if (existing && existing.status !== 'draft') return { result: 'submitted', entry: existing };
  const profile = await readSetting(db, 'profile');
  const timeZone = profile.timeZone ?? deviceTimeZone();
  const template = await activeTemplateOf(db, kind);
  const sources = await readPeriodSources(db, { author, period, timeZone, requiredKeyAccountVisits: template.minKeyAccountVisits ?? 2 });
  const composed = kind === 'weekly' ? composeWeekly(sources, words, now) : composeMonthly(sources, now);
  const content = existing ? mergeIntoDraft(existing.content, composed.content) : composed.content;
  const draft: RecordDraft<'diaryEntries'> = {
    periodStart: period.start,
    isoWeek: isoWeekOf(period.start),
    month: monthOf(period.start),
    status: 'draft',
    content,
    snapshot: composed.snapshot,
    annotations: existing?.annotations ?? [],
    templateId: existing?.templateId ?? template.id,
    templateVersion: existing?.templateVersion ?? template.version,
    ...(existing ? { id: existing.id } : {}),
    ...(existing?.extra ? { extra: existing.extra } : {}),
  };
  const saved = await saveDiary(db, draft, { author, submit: false, now });
  return { result: existing ? 'refreshed' : 'created', entry: saved };
}

/** A draft's own rows first; the composed rows it does not have yet after them. */
export function mergeIntoDraft(draft: DiaryEntry['content'], composed: DiaryEntry['content']): DiaryEntry['content'] {
  if (draft.kind === 'weekly' && composed.kind === 'weekly') {
    const items = new Set(draft.lastWeekSummary.map((row) => row.item.trim()));
    const visits = new Set(draft.keyAccountVisits.map((row) => `${row.dealerId}|${row.day}`));
    const grades = new Set(draft.gradeChanges.map((row) => row.dealerId));
    return {
      ...draft,
      lastWeekSummary: [...draft.lastWeekSummary, ...composed.lastWeekSummary.filter((row) => !items.has(row.item.trim()))],
      keyAccountVisits: [...draft.keyAccountVisits, ...composed.keyAccountVisits.filter((row) => !visits.has(`${row.dealerId}|${row.day}`))],
      gradeChanges: [...draft.gradeChanges, ...composed.gradeChanges.filter((row) => !grades.has(row.dealerId))],
    };
  }
  if (draft.kind === 'monthly' && composed.kind === 'monthly') {
    const add = (mine: string[], theirs: string[]) => [...mine, ...theirs.filter((line) => !mine.includes(line))];
    return { ...draft, results: add(draft.results, composed.results), problems: add(draft.problems, composed.problems) };
  }
  return draft;
}
