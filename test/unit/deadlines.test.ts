import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEADLINE_SUBJECTS,
  DEFAULT_DEADLINE_RULES as R,
  DeadlineRule,
  deadlineRulesFrom,
  subjectOfDiary,
} from '../../lib/reports/deadline-rules';
import { deadlineOf, deviceTimeZone, evaluateSubmission, phaseAt, type DeadlinePeriod } from '../../lib/reports/deadlines';
import { DeadlineOutcome } from '../../lib/reports/diary-schema';

const SH = 'Asia/Shanghai'; // UTC+8, no DST
const BER = 'Europe/Berlin';
const LA = 'America/Los_Angeles';

const day = (d: string): DeadlinePeriod => ({ start: d, end: d });
const week = (monday: string, sunday: string): DeadlinePeriod => ({ start: monday, end: sunday });
const month = (m: string, last: string): DeadlinePeriod => ({ start: `${m}-01`, end: `${m}-${last}` });

describe('the defaults (the brief’s table)', () => {
  it('has one valid rule per subject', () => {
    expect(Object.keys(R).sort()).toEqual([...DEADLINE_SUBJECTS].sort());
    for (const subject of DEADLINE_SUBJECTS) expect(DeadlineRule.safeParse(R[subject]).success).toBe(true);
  });

  // Shanghai is UTC+8 all year: wall time 16:00 is 08:00Z.
  it.each([
    ['terminalDaily', day('2026-11-27'), '2026-11-27T08:00:00Z', undefined], // 16:00 the same day
    ['daily', day('2026-11-27'), '2026-11-27T15:59:59Z', undefined], // end of the day
    ['inspection', day('2026-11-27'), '2026-11-27T15:59:59Z', undefined],
    ['weekly', week('2026-11-23', '2026-11-29'), '2026-11-27T10:00:00Z', '2026-11-30T01:00:00Z'], // Fri 18:00, Mon 09:00
    ['customerFile', week('2026-11-23', '2026-11-29'), '2026-11-27T10:00:00Z', undefined], // Fri end of work
    ['rebateTables', month('2026-11', '30'), '2026-11-24T15:59:59Z', undefined], // before the 25th
    ['monthlyRep', month('2026-11', '30'), '2026-11-30T15:59:59Z', undefined], // the last day
    ['monthlyManager', month('2026-11', '30'), '2026-11-30T15:59:59Z', undefined], // the 30th
    ['assessmentForms', month('2026-11', '30'), '2026-12-07T15:59:59Z', undefined], // before the 8th of the next month
    ['feedbackInterview', day('2026-12-03'), '2026-12-08T15:59:59Z', undefined], // within 5 days
  ] as const)('%s', (subject, period, dueAt, graceUntil) => {
    const deadline = deadlineOf(R[subject], period, SH);
    expect(deadline.dueAt).toBe(dueAt);
    expect(deadline.graceUntil).toBe(graceUntil);
    expect(deadline.reasonRequired).toBe(graceUntil !== undefined);
  });

  it('maps a diary kind and its author’s role to a subject', () => {
    expect(subjectOfDiary('monthly', 'rep')).toBe('monthlyRep');
    expect(subjectOfDiary('monthly', 'manager')).toBe('monthlyManager');
    expect(subjectOfDiary('monthly', 'admin')).toBe('monthlyManager');
    expect(subjectOfDiary('weekly', 'manager')).toBe('weekly');
    expect(subjectOfDiary('daily', 'rep')).toBe('daily');
    expect(subjectOfDiary('inspection', 'manager')).toBe('inspection');
  });
});

describe('month ends', () => {
  it('the rep’s monthly report is due on each month’s own last day, February in leap and common years', () => {
    const due = (m: string, last: string) => deadlineOf(R.monthlyRep, month(m, last), SH).dueAt;
    expect(due('2026-01', '31')).toBe('2026-01-31T15:59:59Z');
    expect(due('2026-04', '30')).toBe('2026-04-30T15:59:59Z');
    expect(due('2026-02', '28')).toBe('2026-02-28T15:59:59Z');
    expect(due('2028-02', '29')).toBe('2028-02-29T15:59:59Z');
    expect(due('2100-02', '28')).toBe('2100-02-28T15:59:59Z'); // not a leap year
    expect(due('2000-02', '29')).toBe('2000-02-29T15:59:59Z'); // a leap year
  });

  it('the 30th rule: the 30th in 31-day months, the last day of February', () => {
    const due = (m: string, last: string) => deadlineOf(R.monthlyManager, month(m, last), SH).dueAt;
    expect(due('2026-01', '31')).toBe('2026-01-30T15:59:59Z'); // not the 31st
    expect(due('2026-12', '31')).toBe('2026-12-30T15:59:59Z');
    expect(due('2026-06', '30')).toBe('2026-06-30T15:59:59Z');
    expect(due('2026-02', '28')).toBe('2026-02-28T15:59:59Z');
    expect(due('2024-02', '29')).toBe('2024-02-29T15:59:59Z');
  });

  it('a day of the month past a short month’s end is capped to it; day 31 falls on the 31st where there is one', () => {
    const rule = DeadlineRule.parse({ type: 'monthDay', day: 31, time: '18:00', month: 'same' });
    expect(deadlineOf(rule, month('2026-03', '31'), SH).dueAt).toBe('2026-03-31T10:00:00Z');
    expect(deadlineOf(rule, month('2026-09', '30'), SH).dueAt).toBe('2026-09-30T10:00:00Z');
    expect(deadlineOf(rule, month('2025-02', '28'), SH).dueAt).toBe('2025-02-28T10:00:00Z');
  });

  it('assessment forms for December are due in January of the next year', () => {
    expect(deadlineOf(R.assessmentForms, month('2026-12', '31'), SH).dueAt).toBe('2027-01-07T15:59:59Z');
  });

  it('a feedback interview late in February counts days across the month end, leap year or not', () => {
    expect(deadlineOf(R.feedbackInterview, day('2026-02-26'), SH).dueAt).toBe('2026-03-03T15:59:59Z');
    expect(deadlineOf(R.feedbackInterview, day('2028-02-26'), SH).dueAt).toBe('2028-03-02T15:59:59Z');
  });

  it('a week spanning two months and two years keeps its Friday and the Monday grace in the next year', () => {
    const d = deadlineOf(R.weekly, week('2026-12-28', '2027-01-03'), SH);
    expect(d.dueAt).toBe('2027-01-01T10:00:00Z');
    expect(d.graceUntil).toBe('2027-01-04T01:00:00Z');
  });

  it('finds the period’s week from any day in it', () => {
    expect(deadlineOf(R.weekly, { start: '2026-11-25', end: '2026-11-25' }, SH).dueAt).toBe('2026-11-27T10:00:00Z');
    expect(deadlineOf(R.weekly, { start: '2026-11-29', end: '2026-11-29' }, SH).dueAt).toBe('2026-11-27T10:00:00Z'); // a Sunday
  });
});

describe('the weekly report’s Monday 09:00 grace', () => {
  const period = week('2026-11-23', '2026-11-29');
  const submit = (submittedAt: string, reason?: string) =>
    evaluateSubmission({ rule: R.weekly, period, submittedAt, timeZone: SH, reason });

  it('on time until Friday 18:00, reason or not', () => {
    expect(submit('2026-11-27T09:30:00Z').outcome).toBe('onTime');
    expect(submit('2026-11-27T10:00:00Z', 'traffic').outcome).toBe('onTime');
  });

  it('over the weekend until Monday 09:00: on time with a reason, late without', () => {
    const withReason = submit('2026-11-29T12:00:00Z', '  周五在经销商处盘点到很晚 ');
    expect(withReason).toMatchObject({ outcome: 'onTimeWithReason', reason: '周五在经销商处盘点到很晚', graceUntil: '2026-11-30T01:00:00Z' });
    expect(submit('2026-11-29T12:00:00Z').outcome).toBe('late');
    expect(submit('2026-11-30T01:00:00Z', 'x').outcome).toBe('onTimeWithReason'); // Monday 09:00:00 itself
  });

  it('a blank reason is no reason', () => {
    expect(submit('2026-11-28T02:00:00Z', '   ').outcome).toBe('late');
    expect(submit('2026-11-28T02:00:00Z', '').outcome).toBe('late');
    expect(submit('2026-11-28T02:00:00Z', '\n\t').reason).toBeUndefined();
  });

  it('after Monday 09:00 a reason does not help', () => {
    const after = submit('2026-11-30T01:00:01Z', 'sick');
    expect(after.outcome).toBe('late');
    expect(after.reason).toBe('sick'); // kept for the manager to read
  });

  it('the outcome is a valid DeadlineOutcome record', () => {
    expect(DeadlineOutcome.safeParse(submit('2026-11-29T12:00:00Z', 'x')).success).toBe(true);
    expect(DeadlineOutcome.safeParse(submit('2026-11-20T12:00:00Z')).success).toBe(true);
    expect(DeadlineOutcome.safeParse(submit('2026-11-29T12:00:00Z', 'x'.repeat(900))).success).toBe(true);
  });

  it('the customer-file update has no grace: late right after Friday 18:00, whatever the reason', () => {
    const r = evaluateSubmission({ rule: R.customerFile, period, submittedAt: '2026-11-27T10:00:01Z', timeZone: SH, reason: 'busy' });
    expect(r.outcome).toBe('late');
    expect(r.graceUntil).toBeUndefined();
  });
});

describe('the 16:00 boundary, to the second', () => {
  const period = day('2026-11-27');
  const outcome = (submittedAt: string) => evaluateSubmission({ rule: R.terminalDaily, period, submittedAt, timeZone: SH }).outcome;

  it('accepts 16:00:00 and 16:00:00.999, refuses 16:00:01', () => {
    expect(outcome('2026-11-27T07:59:59Z')).toBe('onTime');
    expect(outcome('2026-11-27T08:00:00Z')).toBe('onTime');
    expect(outcome('2026-11-27T08:00:00.999Z')).toBe('onTime');
    expect(outcome('2026-11-27T16:00:00.999+08:00')).toBe('onTime');
    expect(outcome('2026-11-27T08:00:01Z')).toBe('late');
    expect(outcome('2026-11-27T16:00:01+08:00')).toBe('late');
  });

  it('phaseAt says open, grace and late at each edge', () => {
    const d = deadlineOf(R.weekly, week('2026-11-23', '2026-11-29'), SH);
    expect(phaseAt(d, '2026-11-27T10:00:00.500Z')).toBe('open');
    expect(phaseAt(d, '2026-11-27T10:00:01Z')).toBe('grace');
    expect(phaseAt(d, '2026-11-30T01:00:00.999Z')).toBe('grace');
    expect(phaseAt(d, '2026-11-30T01:00:01Z')).toBe('late');
    expect(phaseAt({ dueAt: '2026-11-27T08:00:00Z', reasonRequired: false }, '2026-11-27T08:00:01Z')).toBe('late');
  });
});

describe('an author in another time zone', () => {
  it('the same wall clock is a different instant in Shanghai, Berlin and Los Angeles', () => {
    const p = day('2026-11-27');
    expect(deadlineOf(R.terminalDaily, p, SH).dueAt).toBe('2026-11-27T08:00:00Z');
    expect(deadlineOf(R.terminalDaily, p, BER).dueAt).toBe('2026-11-27T15:00:00Z'); // CET, UTC+1
    expect(deadlineOf(R.terminalDaily, p, LA).dueAt).toBe('2026-11-28T00:00:00Z'); // PST, UTC−8
  });

  it('one submission instant is on time for a rep in Los Angeles and late for one in Shanghai', () => {
    const at = '2026-11-27T20:00:00Z'; // Shanghai: Sat 04:00; Los Angeles: Fri 12:00
    const args = { rule: R.daily, period: day('2026-11-27'), submittedAt: at };
    expect(evaluateSubmission({ ...args, timeZone: LA }).outcome).toBe('onTime');
    expect(evaluateSubmission({ ...args, timeZone: SH }).outcome).toBe('late');
    expect(evaluateSubmission({ ...args, timeZone: SH }).timeZone).toBe(SH);
  });

  it('across a DST change the wall-clock time holds: Berlin’s weekly grace over the October change', () => {
    // Europe/Berlin leaves summer time on Sunday 2026-10-25: Friday is UTC+2, Monday UTC+1.
    const d = deadlineOf(R.weekly, week('2026-10-19', '2026-10-25'), BER);
    expect(d.dueAt).toBe('2026-10-23T16:00:00Z');
    expect(d.graceUntil).toBe('2026-10-26T08:00:00Z');
  });

  it('across the US spring change: Los Angeles’ weekly grace over 2026-03-08', () => {
    const d = deadlineOf(R.weekly, week('2026-03-02', '2026-03-08'), LA);
    expect(d.dueAt).toBe('2026-03-07T02:00:00Z'); // Fri 18:00 PST (UTC−8)
    expect(d.graceUntil).toBe('2026-03-09T16:00:00Z'); // Mon 09:00 PDT (UTC−7)
  });

  it('a wall time in a DST gap moves forward by the gap (as Temporal’s "compatible"), an ambiguous one takes the first', () => {
    const rule = DeadlineRule.parse({ type: 'sameDay', time: '02:30' });
    expect(deadlineOf(rule, day('2026-03-08'), LA).dueAt).toBe('2026-03-08T10:30:00Z'); // 03:30 PDT
    const fallBack = DeadlineRule.parse({ type: 'sameDay', time: '01:30' });
    expect(deadlineOf(fallBack, day('2026-11-01'), LA).dueAt).toBe('2026-11-01T08:30:00Z'); // 01:30 PDT, not PST
  });

  it('deviceTimeZone gives an IANA zone', () => {
    expect(deviceTimeZone()).toMatch(/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/);
  });
});

describe('deadlineRulesFrom (the admin’s overrides)', () => {
  it('no overrides: the defaults, no problems', () => {
    expect(deadlineRulesFrom({})).toEqual({ rules: R, problems: [] });
  });

  it('takes a valid override and keeps every other default', () => {
    const { rules, problems } = deadlineRulesFrom({ terminalDaily: { type: 'sameDay', time: '17:30' } });
    expect(problems).toEqual([]);
    expect(rules.terminalDaily).toEqual({ type: 'sameDay', time: '17:30' });
    expect(rules.weekly).toEqual(R.weekly);
    expect(deadlineOf(rules.terminalDaily, day('2026-11-27'), SH).dueAt).toBe('2026-11-27T09:30:00Z');
  });

  it('refuses bad overrides with a message naming the field, and keeps the default', () => {
    const { rules, problems } = deadlineRulesFrom({
      weekly: { type: 'weekday', weekday: 8, time: '18:00' },
      daily: { type: 'sameDay', time: '24:00' },
      rebateTables: { type: 'monthDay', day: 0, time: '18:00', month: 'same' },
      monthlyRep: { type: 'someday' },
      inspection: 'end of day',
      holidays: { type: 'sameDay', time: '18:00' },
    });
    expect(rules.weekly).toEqual(R.weekly);
    expect(rules.daily).toEqual(R.daily);
    expect(rules.rebateTables).toEqual(R.rebateTables);
    expect(rules.monthlyRep).toEqual(R.monthlyRep);
    expect(rules.inspection).toEqual(R.inspection);
    const bySubject = Object.fromEntries(problems.map((p) => [p.subject, p.message]));
    expect(Object.keys(bySubject).sort()).toEqual(['daily', 'holidays', 'inspection', 'monthlyRep', 'rebateTables', 'weekly']);
    expect(bySubject.weekly).toMatch(/^weekday: /);
    expect(bySubject.daily).toMatch(/^time: expected a time like 18:00/);
    expect(bySubject.rebateTables).toMatch(/^day: /);
    expect(bySubject.holidays).toMatch(/unknown deadline subject/);
  });
});

describe('properties', () => {
  const zones = fc.constantFrom(SH, BER, LA, 'UTC', 'Asia/Kolkata', 'Australia/Sydney');
  const days = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const rules = fc.constantFrom(...DEADLINE_SUBJECTS.map((s) => R[s]));
  const RANK = { onTime: 0, onTimeWithReason: 1, late: 2 } as const;

  it('the outcome never gets better as the submission gets later (same reason)', () => {
    fc.assert(
      fc.property(rules, days, zones, fc.integer({ min: -10 * 86_400, max: 10 * 86_400 }), fc.integer({ min: 0, max: 86_400 }), fc.option(fc.constantFrom('x', ' ', 'reason')), (rule, d, zone, offset, step, reason) => {
        const period = { start: d, end: d };
        const due = Date.parse(deadlineOf(rule, period, zone).dueAt);
        const a = new Date(due + offset * 1000).toISOString();
        const b = new Date(due + (offset + step) * 1000).toISOString();
        const ra = evaluateSubmission({ rule, period, submittedAt: a, timeZone: zone, reason: reason ?? undefined });
        const rb = evaluateSubmission({ rule, period, submittedAt: b, timeZone: zone, reason: reason ?? undefined });
        expect(RANK[rb.outcome]).toBeGreaterThanOrEqual(RANK[ra.outcome]);
      }),
      { numRuns: 300 },
    );
  });

  it('the due instant shows the rule’s wall-clock time in the author’s zone, and a grace comes after it', () => {
    fc.assert(
      fc.property(rules, days, zones, (rule, d, zone) => {
        const deadline = deadlineOf(rule, { start: d, end: d }, zone);
        const wall = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(deadline.dueAt));
        expect(wall).toBe(rule.time.length === 5 ? `${rule.time}:00` : rule.time);
        if (deadline.graceUntil) expect(Date.parse(deadline.graceUntil)).toBeGreaterThan(Date.parse(deadline.dueAt));
      }),
      { numRuns: 300 },
    );
  });
});
