import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../lib/rules/evaluate';
import { loadRuleSetOrThrow } from '../../../lib/rules/load';
import { builtIn, itemAt, scoreWith } from '../helpers';

const perfect = {
  absentDays: 0, absentHalfDays: 0,
  dealerDailyReportsLate: 0, networkPlanMissed: false, terminalProblemsUnsolved: 0, commercialPolicyBreaches: 0,
  specialProblemsUnreported: 0, rebateTablesLate: false, repeatedNonSubmission: false,
  weeklyReportsLateOrIllegible: 0, weeklySummaryUntrue: false, weeklyPlanUntrue: false,
  keyAccountMissingItems: 0, keyAccountRepeatWithoutRecord: false,
  weeklyReportOtherScore: 10, repManagementOtherScore: 30,
};
const score = (changes: Partial<typeof perfect>) => scoreWith('sales-rep-monthly', { ...perfect, ...changes });

describe('sales-rep monthly assessment', () => {
  it('gives 100 for a perfect month', () => {
    // daily work (30 + 70) × 70% = 70; attendance 100 × 30% = 30; 70 + 30 = 100
    expect(score({}).total).toBe(100);
    expect(score({}).grade).toBe('A');
  });

  it('computes the shipped sample by hand', () => {
    const result = evaluate(builtIn('sales-rep-monthly'), builtIn('sales-rep-monthly').ruleSet.samples[0]!.inputs);
    // dealer management: 30 − 5 (2 late daily reports, once per item) − 5 (rebate tables) = 20
    expect(itemAt(result, 'dailyWork.dealerManagement').score).toBe(20);
    // key accounts: 10 − 1 × 3 = 7; weekly report: 10 + 10 + 7 + 8 = 35; rep management: 35 + 25 = 60
    expect(itemAt(result, 'dailyWork.repManagement.weeklyReport.keyAccountVisits').score).toBe(7);
    expect(itemAt(result, 'dailyWork.repManagement').score).toBe(60);
    // daily work 20 + 60 = 80 → × 70% = 56
    expect(itemAt(result, 'dailyWork').contribution).toBeCloseTo(56);
    // attendance: 1 day + 1 half day (counts as a day) = 2 × 4 = 8 → 92 × 30% = 27.6
    expect(itemAt(result, 'attendance').score).toBe(92);
    // 56 + 27.6 = 83.6 → grade B (75 ≤ 83.6 < 90)
    expect(result.total).toBe(83.6);
    expect(result.grade).toBe('B');
    expect(itemAt(result, 'attendance').explanation!['zh-CN']).toBe('出勤 = 100 − 8 = 92 分 × 30% = 27.6');
  });

  it('deducts 5 once per item by default, per occurrence when the parameter says so', () => {
    // 3 unsolved terminal problems: once per item → 30 − 5 = 25
    expect(itemAt(score({ terminalProblemsUnsolved: 3 }), 'dailyWork.dealerManagement').score).toBe(25);
    const perOccurrence = structuredClone(builtIn('sales-rep-monthly').ruleSet);
    perOccurrence.parameters.dealerDeductOncePerItem!.value = false;
    const result = evaluate(loadRuleSetOrThrow(perOccurrence), { ...perfect, terminalProblemsUnsolved: 3 });
    // per occurrence → 30 − 3 × 5 = 15; daily work 15 + 70 = 85 × 0.7 = 59.5; + 30 = 89.5
    expect(itemAt(result, 'dailyWork.dealerManagement').score).toBe(15);
    expect(result.total).toBe(89.5);
  });

  it('floors dealer management at 0', () => {
    const all = { dealerDailyReportsLate: 1, networkPlanMissed: true, terminalProblemsUnsolved: 1, commercialPolicyBreaches: 1, specialProblemsUnreported: 1, rebateTablesLate: true, repeatedNonSubmission: true };
    // 6 items × 5 = 30, with two submission items doubled: 5×2 + 5×2 + 4×5 = 40 → 30 − 40 = −10 → floor 0
    const result = score(all);
    expect(itemAt(result, 'dailyWork.dealerManagement').score).toBe(0);
    // daily work 0 + 70 = 70 × 0.7 = 49; + 30 = 79
    expect(result.total).toBe(79);
  });

  it('doubles the deduction for repeated non-submission', () => {
    // rebate tables late again: 5 × 2 = 10 → 20; daily work 90 × 0.7 = 63; + 30 = 93
    const result = score({ rebateTablesLate: true, repeatedNonSubmission: true });
    expect(itemAt(result, 'dailyWork.dealerManagement.rebateTables').score).toBe(-10);
    expect(result.total).toBe(93);
  });

  it('zeroes the weekly report when one was late, with the reason in the explanation', () => {
    // weekly report 40 → 0; rep management 0 + 30 = 30; daily work 30 + 30 = 60 × 0.7 = 42; + 30 = 72
    const result = score({ weeklyReportsLateOrIllegible: 1 });
    expect(itemAt(result, 'dailyWork.repManagement.weeklyReport').score).toBe(0);
    expect(itemAt(result, 'dailyWork.repManagement.weeklyReport').explanation!.en).toMatch(/a weekly report was late or illegible\) → 0$/);
    expect(result.total).toBe(72);
  });

  it('key-account visits: −3 per missing item, 0 from 2 missing items (2项以上 = 2 or more)', () => {
    const keyAccounts = (missing: number) => itemAt(score({ keyAccountMissingItems: missing }), 'dailyWork.repManagement.weeklyReport.keyAccountVisits').score;
    expect(keyAccounts(0)).toBe(10);
    expect(keyAccounts(1)).toBe(7); // 10 − 3
    expect(keyAccounts(2)).toBe(0); // 2 or more missing → 0
    expect(itemAt(score({ keyAccountRepeatWithoutRecord: true }), 'dailyWork.repManagement.weeklyReport.keyAccountVisits').score).toBe(0);
  });

  it('zeroes an untrue summary or plan only', () => {
    // weekly report 40 − 10 = 30; daily work 90 × 0.7 = 63; + 30 = 93
    expect(score({ weeklySummaryUntrue: true }).total).toBe(93);
  });

  it('counts half days as whole days and floors attendance at 0', () => {
    // 3 half days = 3 days → 100 − 12 = 88 → 70 + 26.4 = 96.4
    expect(score({ absentHalfDays: 3 }).total).toBe(96.4);
    // 30 days × 4 = 120 → 100 − 120 → floor 0 → 70 + 0 = 70
    expect(itemAt(score({ absentDays: 30 }), 'attendance').score).toBe(0);
    expect(score({ absentDays: 30 }).total).toBe(70);
  });
});
