/**
 * Manager rankings: for one month, every live dealer's `dealer-kpi` score (total, grade, partial —
 * through the rules engine's totals-only fast path, never the explanation tree), dealers ranked by
 * it, and reps ranked by the average score of the dealers they are responsible for.
 *
 * A dealer whose score is partial is never ranked as 0: it sits after the ranked ones in its own
 * group with the inputs it lacks. Equal scores share a rank (1, 2, 2, 4) and are listed by name in
 * Chinese collation order.
 *
 * The pure part (scoring a history, ranking scores) is separate from the loader, which reads per
 * dealer only what the month needs: its terminals, its visit cards of the month and its figures of
 * the months the shipments average needs (one month more of each for the trend vs last month).
 */
import { addMonthsTo, daysOfMonth } from '../kernel/dates';
import type { Localized } from '../rules/rule-set-schema';
import type { CompiledRuleSet } from '../rules/compile-rule-set';
import { evaluateTotals } from '../rules/totals';
import { applyRounding } from '../rules/rounding';
import type { FieldkitDatabase } from '../store/database';
import type { VisitCard } from '../visits/schema';
import type { DealerFacts } from './facts';
import { DEFAULT_GATHER, gatherDealerInputs, inputValues, type DealerHistory, type GatherOptions } from './kpi-inputs';
import { activeCompiledRuleSet, PANEL_RULE_SETS } from './panel-data';
import { dealersForRanking, factsPerDealerBetween, ownerNames, terminalsPerDealer, visitsPerDealerBetween } from './rankings-queries';
import type { Dealer, Terminal } from './schema';

/** One dealer's score for the month. */
export interface DealerScore {
  dealerId: string;
  name: string;
  region?: string;
  /** The CRM owner responsible for the dealer, when it has one. */
  repId?: string;
  /** Null when partial: a missing input is never 0. */
  total: number | null;
  grade: string | null;
  partial: boolean;
  /** The rule set's inputs that nothing supplied this month (names; empty when a computation failed instead). */
  missing: string[];
  /** Last month's total; null when it was partial or was not asked for. */
  previous: number | null;
}

export interface RankedDealer extends DealerScore {
  total: number;
  partial: false;
  /** 1 for the best; equal totals share a rank. */
  rank: number;
}

export interface DealerRanking {
  /** Scored dealers, best first. */
  ranked: RankedDealer[];
  /** Dealers whose score is partial, by name: after the ranked ones, never ranked. */
  incomplete: DealerScore[];
}

/** A rep (or, with `repId` null, the dealers nobody is responsible for) and their dealers' scores. */
export interface RepScore {
  repId: string | null;
  /** The owner's name as the CRM (or one of their visit cards) gives it; null when unknown here. */
  name: string | null;
  /** The average total of the scored dealers (rounded as the rule set rounds), null when none is scored. */
  average: number | null;
  scored: number;
  partial: number;
  dealers: DealerRanking;
}

export interface RankedRep extends RepScore {
  repId: string;
  average: number;
  rank: number;
}

export interface RepRanking {
  /** Reps with at least one scored dealer, best average first. */
  ranked: RankedRep[];
  /** Reps none of whose dealers is scored this month, by name. */
  incomplete: RepScore[];
  /** Dealers without a responsible rep, as a group of their own; null when there are none. */
  unassigned: RepScore | null;
}

export interface MonthRankings {
  period: string;
  /** The region shown, null for all. */
  region: string | null;
  /** Every region the live dealers name, in Chinese collation order. */
  regions: string[];
  ruleSet: { id: string; version: number; name: Localized };
  /** How each grade reads ("A 级" / "Grade A"), by grade. */
  gradeLabels: Record<string, Localized>;
  /** Labels of the inputs named in any dealer's `missing`, by name. */
  inputLabels: Record<string, Localized>;
  dealers: DealerRanking;
  reps: RepRanking;
}

const collator = new Intl.Collator('zh-CN');

/** Name order in Chinese collation, then id, so equal names still have one order. */
export function byName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The inputs some item of the rule set needs (directly or through derived quantities), in the order the rule set declares them. */
export function neededInputsOf(kpi: CompiledRuleSet): string[] {
  const needed = new Set(kpi.items.flatMap((item) => item.needs.map((need) => need.name)));
  return Object.keys(kpi.ruleSet.inputs).filter((name) => needed.has(name));
}

/** How the rule set gathers: shipments averaged over its own `shipmentMonths`; no warnings series (the score does not read them). */
export function rankingGatherOptions(kpi: CompiledRuleSet): GatherOptions {
  const shipmentMonths = Number(kpi.ruleSet.parameters?.shipmentMonths?.value ?? DEFAULT_GATHER.shipmentMonths);
  return { shipmentMonths, seriesMonths: 0 };
}

/**
 * What a month's ranking reads of each dealer: figures from the first month the shipments
 * average needs, cards of the month — each starting a month earlier with the trend.
 */
export function rankingWindow(period: string, gather: GatherOptions, trend: boolean): { fromMonth: string; toMonth: string; fromDay: string; toDay: string } {
  const first = trend ? addMonthsTo(period, -1) : period;
  return { fromMonth: addMonthsTo(first, -(gather.shipmentMonths - 1)), toMonth: period, fromDay: daysOfMonth(first).first, toDay: daysOfMonth(period).last };
}

/** One dealer-month's total, grade and partial flag (the fast path), and the needed inputs nothing supplied. */
export function scoreDealerMonth(
  history: DealerHistory,
  period: string,
  kpi: CompiledRuleSet,
  options: { gather?: GatherOptions; needed?: readonly string[] } = {},
): Pick<DealerScore, 'total' | 'grade' | 'partial' | 'missing'> {
  const gathered = gatherDealerInputs(history, period, options.gather ?? rankingGatherOptions(kpi));
  const { total, grade, partial } = evaluateTotals(kpi, inputValues(gathered));
  const missing = partial ? (options.needed ?? neededInputsOf(kpi)).filter((name) => gathered[name]?.value === undefined) : [];
  return { total: partial ? null : total, grade: partial ? null : grade, partial, missing };
}

/** A dealer's score for `period`, with last month's total when `trend`. */
export function dealerScore(history: DealerHistory, period: string, kpi: CompiledRuleSet, options: { trend?: boolean; gather?: GatherOptions; needed?: readonly string[] } = {}): DealerScore {
  const gather = options.gather ?? rankingGatherOptions(kpi);
  const needed = options.needed ?? neededInputsOf(kpi);
  const now = scoreDealerMonth(history, period, kpi, { gather, needed });
  const previous = options.trend ? evaluateTotals(kpi, inputValues(gatherDealerInputs(history, addMonthsTo(period, -1), gather))) : undefined;
  const { dealer } = history;
  return {
    dealerId: dealer.id,
    name: dealer.name,
    ...(dealer.region ? { region: dealer.region } : {}),
    ...(dealer.responsibleRepId ? { repId: dealer.responsibleRepId } : {}),
    ...now,
    previous: previous && !previous.partial ? previous.total : null,
  };
}

const sortKey = (score: DealerScore) => ({ name: score.name, id: score.dealerId });

/** Scored dealers best first (equal totals share a rank, listed by name), then the partial ones by name. */
export function rankDealers(scores: readonly DealerScore[]): DealerRanking {
  const scored = scores.filter((s): s is DealerScore & { total: number } => !s.partial && s.total !== null);
  scored.sort((a, b) => b.total - a.total || byName(sortKey(a), sortKey(b)));
  const ranked: RankedDealer[] = [];
  scored.forEach((score, i) => {
    const rank = i > 0 && scored[i - 1]!.total === score.total ? ranked[i - 1]!.rank : i + 1;
    ranked.push({ ...score, partial: false, rank });
  });
  const incomplete = scores.filter((s) => s.partial || s.total === null).sort((a, b) => byName(sortKey(a), sortKey(b)));
  return { ranked, incomplete };
}

/**
 * Reps ranked by the average total of the scored dealers they are responsible for (equal averages
 * share a rank, listed by name); reps with none scored after them; the dealers without a rep apart.
 * `names` gives owners' names by id (a rep missing there keeps a null name).
 */
export function rankReps(scores: readonly DealerScore[], names: Readonly<Record<string, string>>, rounding?: CompiledRuleSet['ruleSet']['rounding']): RepRanking {
  const groups = new Map<string | null, DealerScore[]>();
  for (const score of scores) {
    const key = score.repId ?? null;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(score);
  }
  const repOf = (repId: string | null, dealers: DealerScore[]): RepScore => {
    const ranking = rankDealers(dealers);
    const sum = ranking.ranked.reduce((total, d) => total + d.total, 0);
    return {
      repId,
      name: repId === null ? null : (names[repId] ?? null),
      average: ranking.ranked.length > 0 ? applyRounding(sum / ranking.ranked.length, rounding) : null,
      scored: ranking.ranked.length,
      partial: ranking.incomplete.length,
      dealers: ranking,
    };
  };
  const reps = [...groups].filter(([repId]) => repId !== null).map(([repId, dealers]) => repOf(repId, dealers));
  const unassigned = groups.get(null);
  const repKey = (rep: RepScore) => ({ name: rep.name ?? '\uffff', id: rep.repId ?? '' });
  const scored = reps.filter((rep): rep is RepScore & { repId: string; average: number } => rep.average !== null);
  scored.sort((a, b) => b.average - a.average || byName(repKey(a), repKey(b)));
  const ranked: RankedRep[] = [];
  scored.forEach((rep, i) => {
    const rank = i > 0 && scored[i - 1]!.average === rep.average ? ranked[i - 1]!.rank : i + 1;
    ranked.push({ ...rep, rank });
  });
  return {
    ranked,
    incomplete: reps.filter((rep) => rep.average === null).sort((a, b) => byName(repKey(a), repKey(b))),
    unassigned: unassigned ? repOf(null, unassigned) : null,
  };
}

/** The regions live dealers name, once each, in Chinese collation order. */
export function regionsOf(dealers: readonly Pick<Dealer, 'region'>[]): string[] {
  return [...new Set(dealers.flatMap((d) => (d.region?.trim() ? [d.region] : [])))].sort(collator.compare);
}

/** Rep names the visit cards give (an author whose id is the owner id), for owners the CRM list lacks. */
function authorNames(cards: readonly VisitCard[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const card of cards) if (card.author.name.trim()) names[card.author.id] ??= card.author.name;
  return names;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    let group = groups.get(k);
    if (!group) groups.set(k, (group = []));
    group.push(row);
  }
  return groups;
}

export interface RankingOptions {
  /** Only the dealers of this region (and reps ranked over them); null or absent for all. */
  region?: string | null;
  /** Also score last month, for the trend (default true; it reads one month more of each dealer). */
  trend?: boolean;
  /** Dealers read per batch (default 500). */
  batch?: number;
  /** Called after each batch: how many dealers are scored, of how many. */
  onProgress?(scored: number, of: number): void;
  /** Stops between batches (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
}

const EMPTY: never[] = [];

/**
 * A month's rankings from the store, through the named queries of rankings-queries.ts: per batch
 * of dealers, one read transaction with one key range per dealer and table.
 */
export async function loadMonthRankings(db: FieldkitDatabase, period: string, options: RankingOptions = {}): Promise<MonthRankings> {
  const trend = options.trend ?? true;
  const batch = Math.max(1, options.batch ?? 500);
  const [kpi, dealers, owners] = await Promise.all([activeCompiledRuleSet(db, PANEL_RULE_SETS.kpi), dealersForRanking.run(db, {}), ownerNames.run(db, {})]);
  const region = options.region ?? null;
  const subjects = region === null ? dealers : dealers.filter((d) => d.region === region);
  const gather = rankingGatherOptions(kpi);
  const needed = neededInputsOf(kpi);
  const window = rankingWindow(period, gather, trend);

  const scores: DealerScore[] = [];
  const cardAuthors: Record<string, string> = {};
  for (let start = 0; start < subjects.length; start += batch) {
    options.signal?.throwIfAborted();
    const chunk = subjects.slice(start, start + batch);
    const dealerIds = chunk.map((d) => d.id);
    const [terminals, cards, facts] = await db.transaction('r', [db.terminals, db.visitCards, db.dealerFacts], () =>
      Promise.all([
        terminalsPerDealer.run(db, { dealerIds }),
        visitsPerDealerBetween.run(db, { dealerIds, from: window.fromDay, to: window.toDay }),
        factsPerDealerBetween.run(db, { dealerIds, from: window.fromMonth, to: window.toMonth }),
      ]),
    );
    const terminalsBy = groupBy<Terminal>(terminals, (t) => t.dealerId);
    const cardsBy = groupBy<VisitCard>(cards, (c) => c.dealerId);
    const factsBy = groupBy<DealerFacts>(facts, (f) => f.dealerId);
    for (const [id, name] of Object.entries(authorNames(cards))) cardAuthors[id] ??= name;
    for (const dealer of chunk) {
      const history: DealerHistory = { dealer, terminals: terminalsBy.get(dealer.id) ?? EMPTY, cards: cardsBy.get(dealer.id) ?? EMPTY, facts: factsBy.get(dealer.id) ?? EMPTY };
      scores.push(dealerScore(history, period, kpi, { trend, gather, needed }));
    }
    options.onProgress?.(scores.length, subjects.length);
  }
  options.signal?.throwIfAborted();

  const missingNames = new Set(scores.flatMap((s) => s.missing));
  return {
    period,
    region,
    regions: regionsOf(dealers),
    ruleSet: { id: kpi.ruleSet.id, version: kpi.ruleSet.version, name: kpi.ruleSet.name },
    gradeLabels: Object.fromEntries(kpi.ruleSet.grades.flatMap((g) => (g.label ? [[g.grade, g.label]] : []))),
    inputLabels: Object.fromEntries([...missingNames].map((name) => [name, kpi.labels.get(name) ?? { en: name, 'zh-CN': name }])),
    dealers: rankDealers(scores),
    reps: rankReps(scores, { ...cardAuthors, ...owners }, kpi.ruleSet.rounding),
  };
}
