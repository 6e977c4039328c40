import { describe, expect, it } from 'vitest';
import { itemAt, scoreWith } from '../helpers';

const month = {
  absentDays: 0, absentHalfDays: 1, summaryScore: 18, planScore: 17, proposalScore: 15, weeklyReviewScore: 8,
  trainingsHeld: 1, trainingRecorded: true, monthlyReportLate: false, repeatedNonSubmission: false, teamDeduction: 2,
};
const score = (changes: Partial<typeof month>) => scoreWith('regional-manager-monthly', { ...month, ...changes });

describe('regional-manager monthly assessment', () => {
  it('computes the sample month by hand', () => {
    const result = score({});
    // monthly report 18 + 17 + 15 = 50; review 8; training 10; on time 10; team 10 − 2 = 8
    // daily work 50 + 8 + 10 + 10 + 8 = 86 → × 70% = 60.2
    expect(itemAt(result, 'dailyWork').score).toBe(86);
    // attendance: one half day = 1 day → 100 − 4 = 96 → × 30% = 28.8; 60.2 + 28.8 = 89
    expect(result.total).toBe(89);
    expect(result.grade).toBe('B');
  });

  it('gives no training points without a recorded training', () => {
    // daily work 86 − 10 = 76 × 0.7 = 53.2; + 28.8 = 82
    expect(score({ trainingRecorded: false }).total).toBe(82);
    expect(itemAt(score({ trainingsHeld: 0 }), 'dailyWork.training').zeroedBy).toEqual({ en: 'fewer trainings than required', 'zh-CN': '培训次数不足' });
  });

  it('takes 10 for a late report and 20 when it is late again', () => {
    // late: 86 − 10 = 76 → 53.2 + 28.8 = 82
    expect(score({ monthlyReportLate: true }).total).toBe(82);
    // late again: 10 − 20 = −10 on that item → 86 − 20 = 66 → 46.2 + 28.8 = 75
    const repeated = score({ monthlyReportLate: true, repeatedNonSubmission: true });
    expect(itemAt(repeated, 'dailyWork.reportOnTime').score).toBe(-10);
    expect(repeated.total).toBe(75);
  });
});
