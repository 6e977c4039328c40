/**
 * Rules engine throughput: 10,000 reps × 12 months with the sales-rep monthly rule set, against a
 * hand-written TypeScript function computing the same scores in the same run. Two comparisons:
 * the engine's totals-only path (`compileTotals`) against a hand-written totals function, and the
 * engine's item tree against a hand-written function building the same tree. All must agree on
 * every total, or the comparison means nothing.
 */
import { getBuiltInRuleSet } from '../lib/rules/built-in';
import { evaluate } from '../lib/rules/evaluate';
import { compileTotals } from '../lib/rules/totals';
import type { ItemResult } from '../lib/rules/assessment-schema';

const SUBJECTS = 10_000;
const MONTHS = 12;
const TOTALS_ROUNDS = 7;

type RepMonth = {
  absentDays: number; absentHalfDays: number; dealerDailyReportsLate: number; networkPlanMissed: boolean; terminalProblemsUnsolved: number;
  commercialPolicyBreaches: number; specialProblemsUnreported: number; rebateTablesLate: boolean; repeatedNonSubmission: boolean;
  weeklyReportsLateOrIllegible: number; weeklySummaryUntrue: boolean; weeklyPlanUntrue: boolean; keyAccountMissingItems: number;
  keyAccountRepeatWithoutRecord: boolean; weeklyReportOtherScore: number; repManagementOtherScore: number;
};

/** Deterministic inputs so runs compare (mulberry32). */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * (max + 1));
  const chance = (p: number) => next() < p;
  return (): RepMonth => ({
    absentDays: chance(0.7) ? 0 : int(4), absentHalfDays: chance(0.8) ? 0 : int(2), dealerDailyReportsLate: chance(0.6) ? 0 : int(5),
    networkPlanMissed: chance(0.2), terminalProblemsUnsolved: chance(0.8) ? 0 : int(3), commercialPolicyBreaches: chance(0.9) ? 0 : int(2),
    specialProblemsUnreported: chance(0.9) ? 0 : 1, rebateTablesLate: chance(0.15), repeatedNonSubmission: chance(0.05),
    weeklyReportsLateOrIllegible: chance(0.85) ? 0 : int(2), weeklySummaryUntrue: chance(0.05), weeklyPlanUntrue: chance(0.05),
    keyAccountMissingItems: chance(0.7) ? 0 : int(3), keyAccountRepeatWithoutRecord: chance(0.05), weeklyReportOtherScore: int(10), repManagementOtherScore: 15 + int(15),
  });
}

/** The rule set written out by hand, with the default parameters baked in. */
function handWritten(m: RepMonth): { total: number; dailyWork: number; attendance: number } {
  const once = (n: number | boolean) => Math.min(typeof n === 'boolean' ? Number(n) : n, 1);
  const repeat = m.repeatedNonSubmission ? 2 : 1;
  const dealerDeductions =
    once(m.dealerDailyReportsLate) * 5 * repeat + once(m.networkPlanMissed) * 5 + once(m.terminalProblemsUnsolved) * 5 +
    once(m.commercialPolicyBreaches) * 5 + once(m.specialProblemsUnreported) * 5 + once(m.rebateTablesLate) * 5 * repeat;
  const dealerManagement = Math.max(0, 30 - dealerDeductions);
  const keyAccounts = m.keyAccountMissingItems >= 2 || m.keyAccountRepeatWithoutRecord ? 0 : Math.max(0, 10 - 3 * m.keyAccountMissingItems);
  const weeklyReport = m.weeklyReportsLateOrIllegible > 0 ? 0 : (m.weeklySummaryUntrue ? 0 : 10) + (m.weeklyPlanUntrue ? 0 : 10) + keyAccounts + Math.min(10, Math.max(0, m.weeklyReportOtherScore));
  const repManagement = weeklyReport + Math.min(30, Math.max(0, m.repManagementOtherScore));
  const dailyWork = Math.max(0, dealerManagement + repManagement);
  const attendance = Math.max(0, 100 - 4 * (m.absentDays + m.absentHalfDays));
  const total = Math.round((dailyWork * 0.7 + attendance * 0.3) * 10) / 10;
  return { total, dailyWork, attendance };
}

type Node = Pick<ItemResult, 'id' | 'path' | 'kind' | 'status' | 'value' | 'score' | 'weight' | 'contribution' | 'missing'> & { children?: Node[] };
const node = (id: string, path: string, kind: ItemResult['kind'], value: Node['value'], score: number, weight = 1, children?: Node[]): Node => ({
  id, path, kind, status: 'ok', value, score, weight, contribution: score * weight, missing: [], children,
});

/**
 * The same computation returning the same tree the engine returns (scores, weights and
 * contributions for all 19 items, no explanation strings): the fair comparison for the engine's
 * result, since a stored score must show every item.
 */
function handWrittenTree(m: RepMonth): { total: number; root: Node } {
  const repeat = m.repeatedNonSubmission ? 2 : 1;
  const deduction = (id: string, count: number | boolean, multiplier = 1) => {
    const n = typeof count === 'boolean' ? Number(count) : count;
    return node(id, `monthly.dailyWork.dealerManagement.${id}`, 'deduction', n, -Math.min(n, 1) * 5 * multiplier || 0);
  };
  const dealerChildren = [
    deduction('dealerDailyReportLate', m.dealerDailyReportsLate, repeat), deduction('networkPlan', m.networkPlanMissed),
    deduction('terminalProblems', m.terminalProblemsUnsolved), deduction('commercialPolicy', m.commercialPolicyBreaches),
    deduction('specialProblems', m.specialProblemsUnreported), deduction('rebateTables', m.rebateTablesLate, repeat),
  ];
  const dealerManagement = Math.max(0, dealerChildren.reduce((sum, child) => sum + child.score!, 30));
  const weekly = 'monthly.dailyWork.repManagement.weeklyReport';
  const missingItems = node('keyAccountMissing', `${weekly}.keyAccountVisits.keyAccountMissing`, 'deduction', m.keyAccountMissingItems, -3 * m.keyAccountMissingItems || 0);
  const keyAccounts = m.keyAccountMissingItems >= 2 || m.keyAccountRepeatWithoutRecord ? 0 : Math.max(0, 10 + missingItems.score!);
  const weeklyChildren = [
    node('lastWeekSummary', `${weekly}.lastWeekSummary`, 'formula', 10, m.weeklySummaryUntrue ? 0 : 10),
    node('nextWeekPlan', `${weekly}.nextWeekPlan`, 'formula', 10, m.weeklyPlanUntrue ? 0 : 10),
    node('keyAccountVisits', `${weekly}.keyAccountVisits`, 'block', null, keyAccounts, 1, [missingItems]),
    node('weeklyReportOther', `${weekly}.weeklyReportOther`, 'formula', m.weeklyReportOtherScore, Math.min(10, Math.max(0, m.weeklyReportOtherScore))),
  ];
  const weeklyScore = m.weeklyReportsLateOrIllegible > 0 ? 0 : weeklyChildren.reduce((sum, child) => sum + child.score!, 0);
  const repOther = Math.min(30, Math.max(0, m.repManagementOtherScore));
  const repChildren = [node('weeklyReport', weekly, 'block', null, weeklyScore, 1, weeklyChildren), node('repManagementOther', 'monthly.dailyWork.repManagement.repManagementOther', 'formula', repOther, repOther)];
  const dailyChildren = [
    node('dealerManagement', 'monthly.dailyWork.dealerManagement', 'block', null, dealerManagement, 1, dealerChildren),
    node('repManagement', 'monthly.dailyWork.repManagement', 'block', null, weeklyScore + repOther, 1, repChildren),
  ];
  const dailyWork = Math.max(0, dealerManagement + weeklyScore + repOther);
  const absence = node('absence', 'monthly.attendance.absence', 'deduction', m.absentDays + m.absentHalfDays, -4 * (m.absentDays + m.absentHalfDays) || 0);
  const attendance = Math.max(0, 100 + absence.score!);
  const root = node('monthly', 'monthly', 'block', null, dailyWork * 0.7 + attendance * 0.3, 1, [
    node('dailyWork', 'monthly.dailyWork', 'block', null, dailyWork, 0.7, dailyChildren),
    node('attendance', 'monthly.attendance', 'block', null, attendance, 0.3, [absence]),
  ]);
  return { total: Math.round(root.score! * 10) / 10, root };
}

function countItems(item: ItemResult): number {
  let count = 1;
  for (const child of item.children ?? []) count += countItems(child);
  return count;
}

function time<T>(work: () => T): { seconds: number; value: T } {
  const start = process.hrtime.bigint();
  const value = work();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, value };
}

const rate = (n: number) => Math.round(n).toLocaleString('en-US');

export async function run(): Promise<void> {
  const compiled = getBuiltInRuleSet('sales-rep-monthly')!;
  const next = generator(42);
  const months: RepMonth[] = Array.from({ length: SUBJECTS * MONTHS }, next);
  const itemsPerEvaluation = countItems(evaluate(compiled, months[0]!).root);
  const evaluations = months.length;

  const totals = compileTotals(compiled);

  // Warm up every path so the JIT has seen them before timing.
  for (let i = 0; i < 20_000; i++) totals(months[i]!);
  for (let i = 0; i < 2000; i++) {
    evaluate(compiled, months[i]!, { explain: false });
    handWritten(months[i]!);
    handWrittenTree(months[i]!);
  }

  // The totals-only runs are short (~0.1 s), so each is the best of several, interleaved, to keep
  // a busy machine's noise out of the ratio; the tree runs are long enough to time once.
  let hand = time(() => months.map(handWritten));
  let engineTotals = time(() => months.map(totals));
  for (let round = 1; round < TOTALS_ROUNDS; round++) {
    const handAgain = time(() => months.map(handWritten));
    if (handAgain.seconds < hand.seconds) hand = handAgain;
    const engineAgain = time(() => months.map(totals));
    if (engineAgain.seconds < engineTotals.seconds) engineTotals = engineAgain;
  }
  const handTree = time(() => months.map(handWrittenTree));
  const engine = time(() => months.map((m) => evaluate(compiled, m, { explain: false })));
  const explainedCount = 20_000;
  const explained = time(() => months.slice(0, explainedCount).map((m) => evaluate(compiled, m)));

  let mismatches = 0;
  engine.value.forEach((result, i) => {
    const fast = engineTotals.value[i]!;
    if (result.total !== hand.value[i]!.total || result.total !== handTree.value[i]!.total) mismatches++;
    else if (fast.total !== result.total || fast.grade !== result.grade || fast.partial !== result.partial) mismatches++;
  });

  const line = (name: string, seconds: number, count: number) =>
    `${name.padEnd(34)} ${seconds.toFixed(2).padStart(6)} s  ${rate(count / seconds).padStart(10)} subjects/s  ${rate((count * itemsPerEvaluation) / seconds).padStart(12)} item evaluations/s`;
  console.log(`sales-rep-monthly: ${SUBJECTS.toLocaleString('en-US')} reps × ${MONTHS} months = ${evaluations.toLocaleString('en-US')} evaluations, ${itemsPerEvaluation} items each`);
  console.log(line('hand-written, totals only', hand.seconds, evaluations));
  console.log(line('engine, totals only', engineTotals.seconds, evaluations));
  console.log(line('hand-written, same item tree', handTree.seconds, evaluations));
  console.log(line('engine, totals + item tree', engine.seconds, evaluations));
  console.log(line(`engine, with explanations (${explainedCount / 1000}k)`, explained.seconds, explainedCount));
  const treeRatio = engine.seconds / handTree.seconds;
  const totalsRatio = engineTotals.seconds / hand.seconds;
  const treeVsTotals = engine.seconds / hand.seconds;
  const itemRate = (seconds: number, count: number) => (count * itemsPerEvaluation) / seconds;
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(
    `engine / hand-written: ${totalsRatio.toFixed(2)}× totals only (engine totals path vs hand-written totals), ` +
      `${treeRatio.toFixed(2)}× with the item tree (vs hand-written tree); the tree path is ${treeVsTotals.toFixed(1)}× the hand-written totals`,
  );
  console.log(
    `target ≥ 100,000 item evaluations/s: ${met(itemRate(engineTotals.seconds, evaluations) >= 100_000)} (totals only), ` +
      `${met(itemRate(engine.seconds, evaluations) >= 100_000)} (item tree), ${met(itemRate(explained.seconds, explainedCount) >= 100_000)} (with explanations)`,
  );
  console.log(`target within 3× of hand-written: ${met(totalsRatio <= 3)} totals only (${totalsRatio.toFixed(2)}×), ${met(treeRatio <= 3)} with the item tree (${treeRatio.toFixed(2)}×)`);
  console.log(`results that differ (engine tree, engine totals path, hand-written): ${mismatches}`);
  if (mismatches) throw new Error('the engine and the hand-written function disagree');
}
