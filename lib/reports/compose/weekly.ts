/**
 * The one-click weekly report (周报): from what the rep already recorded in the week — the daily
 * reports, visit cards, intel — and last week's report, the draft's rows and the numbers behind
 * them, as of now. Pure: ./sources.ts reads the records, this decides what the report says.
 *
 * The week's summary has one row per item of last week's plan (seed 000), each with its completion
 * suggested from the records (./plan-match.ts); key-account visits come from the cards marked so;
 * customer-grade changes compare each dealer's grade with the grade the last report saw.
 */
import { cleanLines } from '../../kernel/text';
import type { Locale } from '../../kernel/i18n';
import { formatQuantity } from '../../kernel/units';
import type { Dealer } from '../../dealers/schema';
import type { IntelItem } from '../../intel/schema';
import type { VisitCard } from '../../visits/schema';
import type { DiaryEntry } from '../diary-schema';
import type { ReportPeriod } from '../periods';
import type { DealerPeriod, DeadlineLine, IntelLine, KpiMove, ReportSnapshot } from '../snapshot-schema';
import { normalizeLine } from '../signals';
import { completionOf, matchPlanItem } from './plan-match';

type WeeklyContent = Extract<DiaryEntry['content'], { kind: 'weekly' }>;
type MonthlyContent = Extract<DiaryEntry['content'], { kind: 'monthly' }>;
type Grade = 'A' | 'B' | 'C';

/** What the composer reads: one rep's records of one period, and the report before. */
export interface PeriodSources {
  period: ReportPeriod;
  /** The rep's time zone: which day "today" is, and so which dailies are already missing. */
  timeZone: string;
  /** The report of the same kind before this one (its plan is this one's checklist). */
  previous?: DiaryEntry;
  /** The rep's daily reports of the period. */
  dailies: readonly DiaryEntry[];
  visits: readonly VisitCard[];
  intel: readonly IntelItem[];
  /** The dealers the report covers: those visited and those the rep is responsible for. */
  dealers: readonly Dealer[];
  kpis: readonly KpiMove[];
  /** Key-account visits a week must have (the weekly template's minimum; 2 by the seed). */
  requiredKeyAccountVisits: number;
  /** The weekly reports of the month (a monthly report's sources; empty for a weekly one). */
  weeklies?: readonly DiaryEntry[];
}

/** The words the composer writes into the report, in the report's language. */
export interface ComposeWords {
  locale: Locale;
  /** "Ordered 30 cases" — a key-account visit's outcome from its card. */
  ordered(quantity: string): string;
}

export interface ComposedReport<C> {
  content: C;
  snapshot: ReportSnapshot;
}

/** The calendar day of an instant in a time zone. */
export function dayIn(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

const byDay = <T extends { visitDay: string }>(a: T, b: T) => a.visitDay.localeCompare(b.visitDay);

/** The period's visits per dealer with the numbers a manager reads first; most visited first. */
export function dealersOfPeriod(visits: readonly VisitCard[]): DealerPeriod[] {
  const groups = new Map<string, VisitCard[]>();
  for (const card of [...visits].sort(byDay)) groups.set(card.dealerId, [...(groups.get(card.dealerId) ?? []), card]);
  return [...groups.entries()]
    .map(([dealerId, cards]) => {
      const last = cards[cards.length - 1]!;
      const unit = cards[0]!.unit;
      const lastCounted = [...cards].reverse().find((card) => card.currentInventory !== undefined);
      const row: DealerPeriod = {
        dealerId,
        visits: cards.length,
        days: [...new Set(cards.map((card) => card.visitDay))],
        // Quantities of one unit add up; a card in another unit is not silently summed into it.
        orderQuantity: cards.filter((card) => card.unit === unit).reduce((sum, card) => sum + (card.orderQuantity ?? 0), 0),
        unit,
        missingSkus: last.requiredSkus.filter((sku) => !sku.carried).map((sku) => sku.sku),
        keyAccount: cards.some((card) => card.keyAccount),
      };
      if (lastCounted?.currentInventory !== undefined) row.inventory = lastCounted.currentInventory;
      return row;
    })
    .sort((a, b) => b.visits - a.visits || b.orderQuantity - a.orderQuantity || a.dealerId.localeCompare(b.dealerId));
}

function intelLinesOf(intel: readonly IntelItem[]): IntelLine[] {
  return [...intel]
    .sort((a, b) => a.observedDay.localeCompare(b.observedDay) || a.id.localeCompare(b.id))
    .slice(0, 200)
    .map((item) => {
      const line: IntelLine = { id: item.id, day: item.observedDay, competitor: item.competitorName };
      // The brand once: "美孚1号 全合成机油", not "美孚1号 美孚1号 全合成机油".
      const brand = item.brand && !(item.product ?? '').includes(item.brand) ? item.brand : undefined;
      const product = [brand, item.product, item.spec].filter(Boolean).join(' ');
      if (product) line.product = product.slice(0, 400);
      const price = item.prices[0];
      if (price) line.price = { kind: price.kind, amount: price.amount, currency: price.currency, unit: price.unit.slice(0, 40) };
      if (item.promotion?.description) line.promotion = item.promotion.description.slice(0, 500);
      if (item.dealerId) line.dealerId = item.dealerId;
      return line;
    });
}

/** Each daily of the period, by day: how it met its deadline; a past workday with none is missing. */
function dailyDeadlines(period: ReportPeriod, dailies: readonly DiaryEntry[], today: string): DeadlineLine[] {
  const byStart = new Map(dailies.map((entry) => [entry.periodStart, entry]));
  const lines: DeadlineLine[] = [];
  for (let day = period.start; day <= period.end && day <= today; day = nextDay(day)) {
    const entry = byStart.get(day);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    // A daily submitted before outcomes were recorded says nothing about its deadline.
    const outcome = entry ? (entry.deadline?.outcome ?? (entry.status === 'draft' ? 'draft' : undefined)) : undefined;
    if (entry) {
      if (outcome) lines.push({ kind: 'daily', periodStart: day, outcome });
    }
    // A weekend day without a report is a day off; today's report is not missing until the day ends.
    else if (weekday !== 0 && weekday !== 6 && day < today) lines.push({ kind: 'daily', periodStart: day, outcome: 'missing' });
  }
  return lines;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Problems the dailies raised, each once (the latest wording), oldest first. */
function problemsOf(dailies: readonly DiaryEntry[]): { day: string; text: string }[] {
  const seen = new Map<string, { day: string; text: string }>();
  for (const entry of [...dailies].sort((a, b) => a.periodStart.localeCompare(b.periodStart))) {
    if (entry.content.kind !== 'daily') continue;
    for (const text of cleanLines(entry.content.problems)) seen.set(normalizeLine(text), { day: entry.periodStart, text: text.slice(0, 500) });
  }
  return [...seen.values()].slice(0, 100);
}

function workOf(dailies: readonly DiaryEntry[]): { day: string; lines: string[] }[] {
  return [...dailies]
    .filter((entry) => entry.content.kind === 'daily')
    .sort((a, b) => a.periodStart.localeCompare(b.periodStart))
    .map((entry) => ({ day: entry.periodStart, lines: cleanLines((entry.content as { todayWork: string[] }).todayWork).slice(0, 50).map((line) => line.slice(0, 500)) }))
    .filter((day) => day.lines.length > 0);
}

/** Grades now against the grades the previous report saw: changed ones, and first grades. */
export function gradeChangesOf(dealers: readonly Dealer[], baseline: ReportSnapshot['grades'] | undefined): WeeklyContent['gradeChanges'] {
  if (!baseline) return [];
  const before = new Map(baseline.map((row) => [row.dealerId, row.grade]));
  const changes: WeeklyContent['gradeChanges'] = [];
  for (const dealer of dealers) {
    if (!dealer.grade || !before.has(dealer.id)) continue;
    const was = before.get(dealer.id);
    if (was === dealer.grade) continue;
    changes.push(was ? { dealerId: dealer.id, from: was, to: dealer.grade } : { dealerId: dealer.id, to: dealer.grade });
  }
  return changes;
}

function gradesOf(dealers: readonly Dealer[]): ReportSnapshot['grades'] {
  return dealers.slice(0, 1000).map((dealer) => (dealer.grade ? { dealerId: dealer.id, grade: dealer.grade as Grade } : { dealerId: dealer.id }));
}

/** The numbers both a weekly and a monthly report keep. */
function baseSnapshot(sources: PeriodSources, now: Date, planItems: readonly string[], moreLines: readonly { day: string; text: string }[] = []): ReportSnapshot {
  const { period, dailies, visits, dealers } = sources;
  const dailyLines = [...workOf(dailies).flatMap((day) => day.lines.map((text) => ({ day: day.day, text }))), ...moreLines];
  const planSources = {
    dealers: dealers.map((dealer) => ({ id: dealer.id, name: dealer.name })),
    visits: visits.map((card) => ({ dealerId: card.dealerId, day: card.visitDay, ...(card.orderQuantity !== undefined ? { orderQuantity: card.orderQuantity } : {}) })),
    dailyLines,
  };
  const keyAccountCards = visits.filter((card) => card.keyAccount).sort(byDay);
  return {
    asOf: now.toISOString(),
    timeZone: sources.timeZone,
    from: period.start,
    to: period.end,
    plan: planItems.slice(0, 100).map((item) => matchPlanItem(item, planSources)),
    work: workOf(dailies),
    dealers: dealersOfPeriod(visits).slice(0, 500),
    keyAccounts: {
      required: sources.requiredKeyAccountVisits,
      visited: keyAccountCards.length,
      checks: keyAccountCards.slice(0, 200).map((card) => ({
        dealerId: card.dealerId,
        day: card.visitDay,
        missing: [
          ...(card.note.trim() ? [] : (['purpose'] as const)),
          ...(card.orderQuantity === undefined ? (['outcome'] as const) : []),
          ...(card.actions.tookOrder ? [] : (['order'] as const)),
          ...(card.currentInventory === undefined ? (['inventory'] as const) : []),
        ],
      })),
    },
    intel: intelLinesOf(sources.intel),
    kpis: [...sources.kpis].slice(0, 500),
    deadlines: dailyDeadlines(period, dailies, dayIn(now, sources.timeZone)),
    problems: problemsOf(dailies),
    grades: gradesOf(dealers),
  };
}

/** The weekly report's draft: rows to edit and the numbers behind them. */
export function composeWeekly(sources: PeriodSources, words: ComposeWords, now: Date): ComposedReport<WeeklyContent> {
  const previous = sources.previous?.content.kind === 'weekly' ? sources.previous.content : undefined;
  const planItems = (previous?.nextWeekPlan ?? []).map((row) => row.priority.trim()).filter(Boolean);
  const snapshot = baseSnapshot(sources, now, planItems);
  const previousWeekly = sources.previous;
  // Last week's report: how it met its deadline (one submitted before outcomes were recorded says nothing).
  const outcome = previousWeekly?.deadline?.outcome ?? (previousWeekly?.status === 'draft' ? 'draft' : undefined);
  if (previousWeekly && outcome) snapshot.deadlines.unshift({ kind: 'weekly', periodStart: previousWeekly.periodStart, outcome });
  const content: WeeklyContent = {
    kind: 'weekly',
    lastWeekSummary: snapshot.plan.map((row) => ({ item: row.item, completion: completionOf(row.suggestion) ?? 0, problem: '' })),
    nextWeekPlan: [],
    keyAccountVisits: sources.visits
      .filter((card) => card.keyAccount)
      .sort(byDay)
      .map((card) => ({
        dealerId: card.dealerId,
        day: card.visitDay,
        purpose: card.note.trim().slice(0, 500),
        outcome: card.orderQuantity ? words.ordered(formatQuantity(card.orderQuantity, card.unit, words.locale)) : '',
      })),
    gradeChanges: gradeChangesOf(sources.dealers, sources.previous?.snapshot?.grades),
  };
  return { content, snapshot };
}

/**
 * The monthly report's draft: results from the month's weekly summaries and orders, problems from
 * the weeklies and dailies, and last month's plan line by line against what the month shows.
 */
export function composeMonthly(sources: PeriodSources, now: Date): ComposedReport<MonthlyContent> {
  const previous = sources.previous?.content.kind === 'monthly' ? sources.previous.content : undefined;
  const planItems = cleanLines(previous?.nextMonthPlan ?? []);
  const weeklies = [...(sources.weeklies ?? [])].sort((a, b) => a.periodStart.localeCompare(b.periodStart));
  const weeklyRows = weeklies.flatMap((entry) => (entry.content.kind === 'weekly' ? entry.content.lastWeekSummary.map((row) => ({ day: entry.periodStart, row })) : []));
  // A week's summary lines are the month's record of work alongside its dailies.
  const snapshot = baseSnapshot(sources, now, planItems, weeklyRows.map(({ day, row }) => ({ day, text: row.item })));
  snapshot.planVsActual = snapshot.plan.map((row) => ({ plan: row.item, actual: row.evidence.map((e) => e.text).slice(0, 10), suggestion: row.suggestion }));
  for (const entry of weeklies) {
    const outcome = entry.deadline?.outcome ?? (entry.status === 'draft' ? 'draft' : undefined);
    if (outcome) snapshot.deadlines.push({ kind: 'weekly', periodStart: entry.periodStart, outcome });
  }
  snapshot.deadlines.sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.kind.localeCompare(b.kind));
  const weeklyProblems = weeklyRows.map(({ row }) => row.problem.trim()).filter(Boolean);
  const problems = [...new Map([...weeklyProblems, ...snapshot.problems.map((p) => p.text)].map((text) => [normalizeLine(text), text])).values()];
  const results = weeklyRows.filter(({ row }) => row.completion >= 100).map(({ row }) => row.item);
  return {
    content: { kind: 'monthly', results: [...new Set(results)].slice(0, 100), problems: problems.slice(0, 100), nextMonthPlan: [] },
    snapshot,
  };
}
