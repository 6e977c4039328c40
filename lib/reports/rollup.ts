/**
 * The manager's team roll-up for a week or a month (pure): every rep's status, the scores a
 * report honestly yields, its highlights and the problems that need the manager, and the team's
 * competitor highlights and KPI movements, merged from the reps' report snapshots.
 *
 * Status. A submitted report stands as the outcome recorded at its first submission
 * (`entry.deadline`, so a later change of rules never rewrites history); one submitted without a
 * recorded outcome (older data) is judged now by its submit time under the rules in force. A
 * report not submitted is `missing` once its deadline — the end of the grace, if the rule has
 * one — has passed at `now` (a draft past the deadline is missing too, flagged `hasDraft`),
 * before that `draft` (a draft exists) or `pending` (nothing yet). The same reading as the
 * monthly assessment's late inputs (./late-inputs.ts), with ./deadlines.ts doing the judging.
 *
 * Scores, and only what the report itself says:
 * - `planCompletion`: the average of the completions the rep gave last week's plan items
 *   (weekly `lastWeekSummary[].completion`, 0–100); null when there are none or for a monthly
 *   report (whose plan has no percentages: `planItems` counts the items the snapshot judged done).
 * - `keyAccounts`: key-account visits against the required number (the snapshot's; without one,
 *   the weekly report's own rows against `requiredKeyAccountVisits`, default 2 a week).
 * - `keyAccountMissingItems`: the monthly assessment's input of that name
 *   (rules/sales-rep-monthly.json): fields left blank in the week's key-account visits plus each
 *   visit short of the required number. The points it costs are the rule set's parameters; this
 *   module does not compute points (no per-report score exists in lib/rules: the weekly report's
 *   40 points are scored monthly, partly by the manager).
 */
import type { DeadlineRule, DeadlineSubject } from './deadline-rules';
import { DEFAULT_DEADLINE_RULES, subjectOfDiary } from './deadline-rules';
import { deadlineOf, evaluateSubmission, phaseAt } from './deadlines';
import type { DiaryEntry } from './diary-schema';
import type { ReportPeriod } from './periods';
import type { IntelLine, KpiMove } from './snapshot-schema';

export type RollupKind = 'weekly' | 'monthly';

/** Where a rep's report stands: missing and late first (`ROLLUP_STATUS_ORDER`). */
export type RollupStatus = 'missing' | 'late' | 'draft' | 'pending' | 'onTimeWithReason' | 'onTime';

/** The order groups are shown in: what needs the manager first. */
export const ROLLUP_STATUS_ORDER: readonly RollupStatus[] = ['missing', 'late', 'draft', 'pending', 'onTimeWithReason', 'onTime'];

export interface RollupMember {
  id: string;
  name: string;
  teamName?: string;
  /** The IANA zone the rep's deadlines fall in; absent: `timeZone` of the input. */
  timeZone?: string;
}

export type RollupHighlight =
  /** One of the period's largest orders (the snapshot's dealers). */
  | { kind: 'order'; dealerId: string; quantity: number; unit: string; visits: number }
  /** A plan item the rep reported fully done (weekly 100 %, or monthly judged done by the snapshot). */
  | { kind: 'planDone'; text: string }
  /** A line of a monthly report's results (工作成果). */
  | { kind: 'result'; text: string }
  /** A customer's grade changed (客户级别变动). */
  | { kind: 'gradeChange'; dealerId: string; from?: 'A' | 'B' | 'C'; to: 'A' | 'B' | 'C' };

export type RollupProblem =
  /** A plan item's stated problem (上周工作总结: 问题). */
  | { kind: 'planProblem'; item: string; text: string; completion: number }
  /** Support or resources asked for next period (下周工作计划: 需要的支持). */
  | { kind: 'support'; priority: string; text: string }
  /** A problem the rep raised: a daily report's, still open (snapshot), or the monthly report's 存在问题. */
  | { kind: 'reported'; text: string; day?: string }
  /** Required SKUs a dealer does not carry (必销品种缺货), from the snapshot. */
  | { kind: 'missingSkus'; dealerId: string; skus: string[] }
  /** Fewer key-account visits than required. */
  | { kind: 'keyAccountsShort'; required: number; visited: number };

export interface RepScores {
  /** Average of the rep's own completion percentages, 0–100 (one decimal); null: none given. */
  planCompletion: number | null;
  /** Plan items reviewed, and how many are fully done. */
  planItems: { total: number; done: number };
  /** Key-account visits against the required number; null when the report says nothing about them. */
  keyAccounts: { required: number; visited: number } | null;
  /** Blank key-account fields plus visits short of the required number (weekly only; else null). */
  keyAccountMissingItems: number | null;
}

export interface RepRollup {
  id: string;
  name: string;
  teamName?: string;
  status: RollupStatus;
  /** The submitted report (a draft is not read: it only makes the status `draft`). */
  entryId?: string;
  /** A draft exists (the status is then `draft`, or `missing` past the deadline). */
  hasDraft: boolean;
  /** Reviewed by the manager (批阅). */
  reviewed: boolean;
  submittedAt?: string;
  /** When the report is (or was) due, and the reason given for a late or grace submission. */
  dueAt?: string;
  reason?: string;
  /** The time zone the rep's days are counted in. */
  timeZone: string;
  /** When the report's numbers were read (a generated report); absent: written by hand. */
  snapshotAsOf?: string;
  scores: RepScores;
  highlights: RollupHighlight[];
  problems: RollupProblem[];
}

export interface CompetitorPrice {
  kind: string;
  currency: string;
  unit: string;
  amount: number;
  product?: string;
  day: string;
  dealerId?: string;
}

export interface CompetitorHighlight {
  /** As first written (trimmed); lines are grouped case- and space-insensitively. */
  competitor: string;
  /** Intel lines about it across the team (each intel item once). */
  count: number;
  /** Reps who reported it. */
  repIds: string[];
  products: string[];
  promotions: string[];
  /** The lowest price seen, one per price kind, currency and unit (prices in other units do not compare). */
  lowestPrices: CompetitorPrice[];
  lastSeen: string;
}

export interface KpiMovement {
  dealerId: string;
  period: string;
  score: number;
  previous: number;
  /** score − previous, rounded to one decimal. */
  change: number;
  grade: string | null;
  partial: boolean;
  /** Reps whose reports cover the dealer. */
  repIds: string[];
}

export interface TeamRollup {
  kind: RollupKind;
  period: ReportPeriod;
  /** `now` as an instant: when the roll-up was built. */
  generatedAt: string;
  /** Every member once, grouped by status in `ROLLUP_STATUS_ORDER`, by name within a group. */
  reps: RepRollup[];
  /** The non-empty status groups, in order. */
  groups: { status: RollupStatus; repIds: string[] }[];
  counts: Record<RollupStatus, number>;
  /** Reps whose report is submitted (on time, with a reason, or late). */
  submitted: number;
  team: {
    /** The average of the reps' plan completions (reps with one); null: none. */
    planCompletion: number | null;
    keyAccounts: { required: number; visited: number } | null;
    problems: number;
  };
  /** By number of intel lines, then name. */
  competitors: CompetitorHighlight[];
  kpis: {
    /** The largest drops first (at most `kpiLimit`). */
    drops: KpiMovement[];
    /** The largest rises first (at most `kpiLimit`). */
    rises: KpiMovement[];
    /** Dealers with both scores and no change; dealers without a score to compare. */
    unchanged: number;
    noComparison: number;
  };
  /** The submitted reports the roll-up read. */
  sourceEntryIds: string[];
}

export interface RollupInput {
  kind: RollupKind;
  period: ReportPeriod;
  members: readonly RollupMember[];
  /** The period's reports of that kind, by anyone (others than `members` are ignored). */
  entries: readonly DiaryEntry[];
  now: Date;
  /** The deadline rules in force; default: the brief's. */
  rules?: Record<DeadlineSubject, DeadlineRule>;
  /** The zone of a member without one; default Asia/Shanghai. */
  timeZone?: string;
  /** Key-account visits a week when a report has no snapshot; default 2 (the weekly template's). */
  requiredKeyAccountVisits?: number;
  /** Largest orders per rep; default 3. KPI drops and rises shown; default 10 each. */
  orderLimit?: number;
  kpiLimit?: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const isSubmitted = (e: DiaryEntry) => e.status !== 'draft' && Boolean(e.submittedAt);
const blank = (s: string | undefined) => !s || s.trim() === '';
const byText = (a: string, b: string) => a.localeCompare(b, 'zh-CN');

/** The entry that speaks for a rep's period: the earliest submission, else the latest draft. */
function entryFor(entries: readonly DiaryEntry[]): DiaryEntry | undefined {
  const live = entries.filter((e) => !e.deletedAt);
  const submitted = live.filter(isSubmitted).sort((a, b) => (a.submittedAt! < b.submittedAt! ? -1 : a.submittedAt! > b.submittedAt! ? 1 : 0));
  if (submitted[0]) return submitted[0];
  return live.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))[0];
}

function statusOf(entry: DiaryEntry | undefined, rule: DeadlineRule, period: ReportPeriod, now: string, timeZone: string): { status: RollupStatus; dueAt: string; reason?: string } {
  const span = { start: period.start, end: period.end };
  if (entry && isSubmitted(entry)) {
    const reason = entry.content.kind === 'weekly' ? entry.content.lateReason : undefined;
    const outcome = entry.deadline ?? evaluateSubmission({ rule, period: span, submittedAt: entry.submittedAt!, timeZone, reason });
    return { status: outcome.outcome, dueAt: outcome.dueAt, ...(outcome.reason ? { reason: outcome.reason } : {}) };
  }
  const deadline = deadlineOf(rule, span, timeZone);
  if (phaseAt(deadline, now) === 'late') return { status: 'missing', dueAt: deadline.dueAt };
  return { status: entry ? 'draft' : 'pending', dueAt: deadline.dueAt };
}

function scoresOf(entry: DiaryEntry | undefined, requiredKeyAccountVisits: number): RepScores {
  const none: RepScores = { planCompletion: null, planItems: { total: 0, done: 0 }, keyAccounts: null, keyAccountMissingItems: null };
  if (!entry) return none;
  const c = entry.content;
  const snapshot = entry.snapshot;
  if (c.kind === 'weekly') {
    const completions = c.lastWeekSummary.map((s) => s.completion);
    const planCompletion = completions.length > 0 ? round1(completions.reduce((a, b) => a + b, 0) / completions.length) : null;
    const keyAccounts = snapshot ? { required: snapshot.keyAccounts.required, visited: snapshot.keyAccounts.visited } : { required: requiredKeyAccountVisits, visited: c.keyAccountVisits.length };
    // Blank fields: the snapshot checked every key-account visit card; a hand-written report, its own rows.
    const blanks = snapshot
      ? snapshot.keyAccounts.checks.reduce((n, check) => n + check.missing.length, 0)
      : c.keyAccountVisits.reduce((n, v) => n + Number(blank(v.purpose)) + Number(blank(v.outcome)), 0);
    return {
      planCompletion,
      planItems: { total: completions.length, done: completions.filter((p) => p >= 100).length },
      keyAccounts,
      keyAccountMissingItems: blanks + Math.max(0, keyAccounts.required - keyAccounts.visited),
    };
  }
  if (c.kind === 'monthly' && snapshot) {
    const plan = snapshot.planVsActual ?? snapshot.plan.map((p) => ({ suggestion: p.suggestion }));
    return {
      planCompletion: null,
      planItems: { total: plan.length, done: plan.filter((p) => p.suggestion === 'done').length },
      keyAccounts: { required: snapshot.keyAccounts.required, visited: snapshot.keyAccounts.visited },
      keyAccountMissingItems: null,
    };
  }
  return none;
}

function highlightsOf(entry: DiaryEntry | undefined, orderLimit: number): RollupHighlight[] {
  if (!entry) return [];
  const out: RollupHighlight[] = [];
  const snapshot = entry.snapshot;
  if (snapshot) {
    const orders = snapshot.dealers.filter((d) => d.orderQuantity > 0).sort((a, b) => b.orderQuantity - a.orderQuantity || (a.dealerId < b.dealerId ? -1 : 1));
    for (const d of orders.slice(0, orderLimit)) out.push({ kind: 'order', dealerId: d.dealerId, quantity: d.orderQuantity, unit: d.unit, visits: d.visits });
  }
  const c = entry.content;
  if (c.kind === 'weekly') {
    for (const s of c.lastWeekSummary) if (s.completion >= 100 && !blank(s.item)) out.push({ kind: 'planDone', text: s.item.trim() });
    for (const g of c.gradeChanges) out.push({ kind: 'gradeChange', dealerId: g.dealerId, ...(g.from ? { from: g.from } : {}), to: g.to });
  } else if (c.kind === 'monthly') {
    for (const p of snapshot?.planVsActual ?? []) if (p.suggestion === 'done' && !blank(p.plan)) out.push({ kind: 'planDone', text: p.plan.trim() });
    for (const line of c.results) if (!blank(line)) out.push({ kind: 'result', text: line.trim() });
  }
  return out;
}

function problemsOf(entry: DiaryEntry | undefined, scores: RepScores): RollupProblem[] {
  if (!entry) return [];
  const out: RollupProblem[] = [];
  const seen = new Set<string>();
  const reported = (text: string, day?: string) => {
    const key = text.trim();
    if (!key || seen.has(key)) return;
    seen.add(key);
    out.push({ kind: 'reported', text: key, ...(day ? { day } : {}) });
  };
  const c = entry.content;
  if (c.kind === 'weekly') {
    for (const s of c.lastWeekSummary) if (!blank(s.problem)) out.push({ kind: 'planProblem', item: s.item.trim(), text: s.problem.trim(), completion: s.completion });
    for (const p of c.nextWeekPlan) if (!blank(p.support)) out.push({ kind: 'support', priority: p.priority.trim(), text: p.support.trim() });
  } else if (c.kind === 'monthly') {
    for (const line of c.problems) reported(line);
  }
  for (const p of entry.snapshot?.problems ?? []) reported(p.text, p.day);
  for (const d of entry.snapshot?.dealers ?? []) if (d.missingSkus.length > 0) out.push({ kind: 'missingSkus', dealerId: d.dealerId, skus: [...d.missingSkus] });
  if (scores.keyAccounts && scores.keyAccounts.visited < scores.keyAccounts.required) out.push({ kind: 'keyAccountsShort', ...scores.keyAccounts });
  return out;
}

const competitorKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

function competitorsOf(lines: { repId: string; line: IntelLine }[]): CompetitorHighlight[] {
  const groups = new Map<string, CompetitorHighlight & { ids: Set<string> }>();
  for (const { repId, line } of lines) {
    const key = competitorKey(line.competitor);
    if (!key) continue;
    let group = groups.get(key);
    if (!group) {
      group = { competitor: line.competitor.trim(), count: 0, repIds: [], products: [], promotions: [], lowestPrices: [], lastSeen: line.day, ids: new Set() };
      groups.set(key, group);
    }
    if (!group.repIds.includes(repId)) group.repIds.push(repId);
    // An intel item reached by two snapshots counts once.
    if (group.ids.has(line.id)) continue;
    group.ids.add(line.id);
    group.count += 1;
    if (line.day > group.lastSeen) group.lastSeen = line.day;
    const product = line.product?.trim();
    if (product && !group.products.includes(product)) group.products.push(product);
    const promotion = line.promotion?.trim();
    if (promotion && !group.promotions.includes(promotion)) group.promotions.push(promotion);
    if (line.price) {
      const { kind, currency, unit, amount } = line.price;
      const same = group.lowestPrices.find((p) => p.kind === kind && p.currency === currency && p.unit === unit);
      const price: CompetitorPrice = { kind, currency, unit, amount, day: line.day, ...(product ? { product } : {}), ...(line.dealerId ? { dealerId: line.dealerId } : {}) };
      if (!same) group.lowestPrices.push(price);
      else if (amount < same.amount) Object.assign(same, price, { product, dealerId: line.dealerId });
    }
  }
  return [...groups.values()]
    .map(({ ids: _ids, ...group }) => ({ ...group, products: group.products.sort(byText), promotions: group.promotions.sort(byText), lowestPrices: group.lowestPrices.map((p) => dropUndefined(p)) }))
    .sort((a, b) => b.count - a.count || byText(a.competitor, b.competitor));
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * One move per dealer: the latest KPI period any rep's snapshot holds for it, from the snapshot
 * read last (the newest numbers), with every rep that covers the dealer.
 */
function kpisOf(moves: { repId: string; asOf: string; move: KpiMove }[], limit: number): TeamRollup['kpis'] {
  const best = new Map<string, { asOf: string; move: KpiMove; repIds: string[] }>();
  for (const { repId, asOf, move } of moves) {
    const current = best.get(move.dealerId);
    if (!current) {
      best.set(move.dealerId, { asOf, move, repIds: [repId] });
      continue;
    }
    if (!current.repIds.includes(repId)) current.repIds.push(repId);
    if (move.period > current.move.period || (move.period === current.move.period && asOf > current.asOf)) Object.assign(current, { asOf, move });
  }
  const compared: KpiMovement[] = [];
  let noComparison = 0;
  for (const { move, repIds } of best.values()) {
    if (move.score === null || move.previous === null) {
      noComparison += 1;
      continue;
    }
    compared.push({ dealerId: move.dealerId, period: move.period, score: move.score, previous: move.previous, change: round1(move.score - move.previous), grade: move.grade, partial: move.partial, repIds });
  }
  const tie = (a: KpiMovement, b: KpiMovement) => (a.dealerId < b.dealerId ? -1 : 1);
  return {
    drops: compared.filter((m) => m.change < 0).sort((a, b) => a.change - b.change || tie(a, b)).slice(0, limit),
    rises: compared.filter((m) => m.change > 0).sort((a, b) => b.change - a.change || tie(a, b)).slice(0, limit),
    unchanged: compared.filter((m) => m.change === 0).length,
    noComparison,
  };
}

export type RollupSort = 'status' | 'name' | 'planCompletion' | 'problems';

/**
 * Reps in an order a manager picks: by name; by plan completion (lowest first — who needs help;
 * reps without one last); by number of problems (most first). Ties go by name.
 */
export function sortReps(reps: readonly RepRollup[], by: RollupSort, locale: string = 'zh-CN'): RepRollup[] {
  const name = (a: RepRollup, b: RepRollup) => a.name.localeCompare(b.name, locale) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const compare: Record<RollupSort, (a: RepRollup, b: RepRollup) => number> = {
    status: (a, b) => ROLLUP_STATUS_ORDER.indexOf(a.status) - ROLLUP_STATUS_ORDER.indexOf(b.status) || name(a, b),
    name,
    planCompletion: (a, b) => (a.scores.planCompletion ?? Infinity) - (b.scores.planCompletion ?? Infinity) || name(a, b),
    problems: (a, b) => b.problems.length - a.problems.length || name(a, b),
  };
  return [...reps].sort(compare[by]);
}

export function buildTeamRollup(input: RollupInput): TeamRollup {
  const { kind, period, members, now } = input;
  const rules = input.rules ?? DEFAULT_DEADLINE_RULES;
  const rule = rules[subjectOfDiary(kind, 'rep')];
  const nowIso = now.toISOString();
  const fallbackZone = input.timeZone ?? 'Asia/Shanghai';
  const orderLimit = input.orderLimit ?? 3;

  const byAuthor = new Map<string, DiaryEntry[]>();
  for (const entry of input.entries) {
    if (entry.content.kind !== kind || entry.periodStart !== period.start) continue;
    const list = byAuthor.get(entry.author.id);
    if (list) list.push(entry);
    else byAuthor.set(entry.author.id, [entry]);
  }

  const intel: { repId: string; line: IntelLine }[] = [];
  const moves: { repId: string; asOf: string; move: KpiMove }[] = [];
  const sourceEntryIds: string[] = [];
  const seenMembers = new Set<string>();
  const reps: RepRollup[] = [];
  for (const member of members) {
    if (seenMembers.has(member.id)) continue;
    seenMembers.add(member.id);
    const timeZone = member.timeZone ?? fallbackZone;
    const entry = entryFor(byAuthor.get(member.id) ?? []);
    const { status, dueAt, reason } = statusOf(entry, rule, period, nowIso, timeZone);
    // A draft is not the rep's report yet: it gives the status, never numbers or problems.
    const report = entry && isSubmitted(entry) ? entry : undefined;
    const scores = scoresOf(report, input.requiredKeyAccountVisits ?? 2);
    if (report) sourceEntryIds.push(report.id);
    if (report?.snapshot) {
      for (const line of report.snapshot.intel) intel.push({ repId: member.id, line });
      for (const move of report.snapshot.kpis) moves.push({ repId: member.id, asOf: report.snapshot.asOf, move });
    }
    reps.push({
      id: member.id,
      name: member.name,
      ...(member.teamName ? { teamName: member.teamName } : {}),
      status,
      ...(report ? { entryId: report.id, submittedAt: report.submittedAt } : {}),
      hasDraft: entry !== undefined && !report,
      reviewed: report?.status === 'reviewed',
      dueAt,
      ...(reason ? { reason } : {}),
      timeZone,
      ...(report?.snapshot ? { snapshotAsOf: report.snapshot.asOf } : {}),
      scores,
      highlights: highlightsOf(report, orderLimit),
      problems: problemsOf(report, scores),
    });
  }

  const ordered = sortReps(reps, 'status');
  const counts = Object.fromEntries(ROLLUP_STATUS_ORDER.map((s) => [s, 0])) as Record<RollupStatus, number>;
  for (const rep of ordered) counts[rep.status] += 1;
  const groups = ROLLUP_STATUS_ORDER.filter((s) => counts[s] > 0).map((status) => ({ status, repIds: ordered.filter((r) => r.status === status).map((r) => r.id) }));

  const completions = ordered.flatMap((r) => (r.scores.planCompletion === null ? [] : [r.scores.planCompletion]));
  const withKeyAccounts = ordered.flatMap((r) => (r.scores.keyAccounts ? [r.scores.keyAccounts] : []));

  return {
    kind,
    period,
    generatedAt: nowIso,
    reps: ordered,
    groups,
    counts,
    submitted: counts.onTime + counts.onTimeWithReason + counts.late,
    team: {
      planCompletion: completions.length > 0 ? round1(completions.reduce((a, b) => a + b, 0) / completions.length) : null,
      keyAccounts:
        withKeyAccounts.length > 0
          ? withKeyAccounts.reduce((sum, k) => ({ required: sum.required + k.required, visited: sum.visited + k.visited }), { required: 0, visited: 0 })
          : null,
      problems: ordered.reduce((n, r) => n + r.problems.length, 0),
    },
    competitors: competitorsOf(intel),
    kpis: kpisOf(moves, input.kpiLimit ?? 10),
    sourceEntryIds,
  };
}
