import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_DEADLINE_RULES as RULES, type DeadlineRule } from '../../lib/reports/deadline-rules';
import { DiaryEntry, type DeadlineOutcome } from '../../lib/reports/diary-schema';
import { assessmentLateInputs, lateInputsOf, monthOfWeek, weeksOfMonth } from '../../lib/reports/late-inputs';
import { deleteRecord, saveRecord, type RecordDraft } from '../../lib/store/records';
import { isoWeekOf } from '../../lib/kernel/dates';
import { evaluate } from '../../lib/rules/evaluate';
import { builtIn, itemAt } from '../rules/helpers';
import { freshDatabase, REP } from '../fixtures/records';

const SH = 'Asia/Shanghai';
const MANAGER = { id: 'owner-201', name: '王芳' };
let seq = 0;
const nextId = () => `01JE${String(++seq).padStart(22, '0')}`;

/** A recorded first-submission outcome. */
function recorded(outcome: DeadlineOutcome['outcome'], submittedAt: string): DeadlineOutcome {
  return { outcome, dueAt: '2026-01-01T00:00:00Z', timeZone: SH, submittedAt, ...(outcome === 'onTimeWithReason' ? { reason: '在外地' } : {}) };
}

function draftOf(kind: 'weekly' | 'monthly', periodStart: string, opts: { submittedAt?: string; deadline?: DeadlineOutcome; lateReason?: string } = {}): RecordDraft<'diaryEntries'> {
  const content =
    kind === 'weekly'
      ? { kind, lastWeekSummary: [], nextWeekPlan: [], keyAccountVisits: [], gradeChanges: [], ...(opts.lateReason ? { lateReason: opts.lateReason } : {}) }
      : { kind, results: ['完成'], problems: [], nextMonthPlan: [] };
  return {
    schemaVersion: 1,
    periodStart,
    isoWeek: isoWeekOf(periodStart),
    month: periodStart.slice(0, 7),
    status: opts.submittedAt ? 'submitted' : 'draft',
    ...(opts.submittedAt ? { submittedAt: opts.submittedAt } : {}),
    ...(opts.deadline ? { deadline: opts.deadline } : {}),
    content,
    annotations: [],
  } as RecordDraft<'diaryEntries'>;
}

function entry(kind: 'weekly' | 'monthly', periodStart: string, opts: Parameters<typeof draftOf>[2] = {}, author = REP): DiaryEntry {
  return DiaryEntry.parse({ ...draftOf(kind, periodStart, opts), id: nextId(), author, createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z' });
}

/** On-time weekly reports for every week of a month, submitted on their Thursday. */
function onTimeWeeks(month: string): DiaryEntry[] {
  return weeksOfMonth(month).map((monday) => entry('weekly', monday, { submittedAt: `${addDays(monday, 3)}T08:00:00Z`, deadline: recorded('onTime', `${addDays(monday, 3)}T08:00:00Z`) }));
}

/** The month's own monthly report, submitted on time on its 28th. */
function monthlyOnTime(month: string, author = REP): DiaryEntry {
  return entry('monthly', `${month}-01`, { submittedAt: `${month}-28T08:00:00Z`, deadline: recorded('onTime', `${month}-28T08:00:00Z`) }, author);
}

/** A month with every report on time: its weekly reports and its monthly report. */
const onTimeMonth = (month: string) => [...onTimeWeeks(month), monthlyOnTime(month)];

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const AFTER_NOVEMBER = '2026-12-05T02:00:00Z'; // every November deadline has passed
const rep = (entries: DiaryEntry[], now = AFTER_NOVEMBER, rules: Record<string, DeadlineRule> = RULES) =>
  lateInputsOf({ role: 'rep', month: '2026-11', entries, now, rules: rules as typeof RULES, timeZone: SH });
const manager = (entries: DiaryEntry[], month = '2026-11', now = AFTER_NOVEMBER) =>
  lateInputsOf({ role: 'manager', month, entries, now, rules: RULES, timeZone: SH });

describe('which week belongs to which month', () => {
  it('a week belongs to the month its Friday falls in', () => {
    expect(weeksOfMonth('2026-11')).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(weeksOfMonth('2026-10')).toEqual(['2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26']);
    expect(monthOfWeek('2026-11-30')).toBe('2026-12'); // Mon 30 Nov – Sun 6 Dec: Friday 4 Dec
    expect(monthOfWeek('2026-10-01')).toBe('2026-10'); // Thursday of the week of Fri 2 Oct
    expect(weeksOfMonth('2027-01')[0]).toBe('2026-12-28'); // Friday 1 Jan 2027
  });

  it('every week belongs to exactly one month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), (n) => {
        const day = addDays('2000-01-03', n);
        const monday = addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
        const month = monthOfWeek(day);
        const months = [-1, 0, 1].map((k) => {
          const [y, m] = month.split('-').map(Number) as [number, number];
          const i = y * 12 + m - 1 + k;
          return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
        });
        expect(months.filter((m) => weeksOfMonth(m).includes(monday))).toEqual([month]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('lateInputsOf — a rep', () => {
  it('all weekly reports on time: nothing late, nothing repeated', () => {
    const { inputs, sources } = rep([...onTimeMonth('2026-10'), ...onTimeMonth('2026-11')]);
    expect(inputs).toEqual({ weeklyReportsLateOrIllegible: 0, repeatedNonSubmission: false });
    expect(sources.find((s) => s.input === 'weeklyReportsLateOrIllegible')).toMatchObject({ entryIds: [], text: '2026年11月的周报没有迟交' });
  });

  it('counts recorded late outcomes, not on time with a reason', () => {
    const weeks = onTimeWeeks('2026-11');
    weeks[1] = entry('weekly', '2026-11-09', { submittedAt: '2026-11-16T03:00:00Z', deadline: recorded('late', '2026-11-16T03:00:00Z') });
    weeks[2] = entry('weekly', '2026-11-16', { submittedAt: '2026-11-22T03:00:00Z', deadline: recorded('onTimeWithReason', '2026-11-22T03:00:00Z') });
    const { inputs, sources, reports } = rep([...onTimeWeeks('2026-10'), ...weeks]);
    expect(inputs.weeklyReportsLateOrIllegible).toBe(1);
    expect(sources[0]).toEqual({ input: 'weeklyReportsLateOrIllegible', entryIds: [weeks[1]!.id], text: '2026年11月的 4 份周报中迟交或未交 1 份：11月9日那周（迟交）' });
    expect(reports.filter((r) => r.month === '2026-11' && r.kind === 'weekly').map((r) => r.standing)).toEqual(['onTime', 'late', 'onTimeWithReason', 'onTime']);
  });

  it('a report never submitted counts as late once its deadline (the end of the grace) has passed', () => {
    const weeks = onTimeWeeks('2026-11').slice(0, 3); // nothing for the week of 23 Nov
    const draft = entry('weekly', '2026-11-16'); // a draft never submitted
    weeks[2] = draft;
    // Saturday 28 Nov: the week of 23 Nov is in its grace (until Mon 30 Nov 09:00) — pending, not late.
    const saturday = rep(weeks, '2026-11-28T04:00:00Z');
    expect(saturday.inputs.weeklyReportsLateOrIllegible).toBe(1); // only the draft week of 16 Nov
    expect(saturday.reports.find((r) => r.periodStart === '2026-11-23')!.standing).toBe('pending');
    expect(saturday.sources[0]!.text).toContain('（1 份尚未到截止时间）');
    // One second after Monday 09:00 in Shanghai it is missing.
    const monday = rep(weeks, '2026-11-30T01:00:01Z');
    expect(monday.inputs.weeklyReportsLateOrIllegible).toBe(2);
    expect(monday.sources[0]!.entryIds).toEqual([draft.id]);
    expect(monday.sources[0]!.text).toBe('2026年11月的 4 份周报中迟交或未交 2 份：11月16日那周（未交）、11月23日那周（未交）');
    expect(rep(weeks, '2026-11-30T01:00:00Z').inputs.weeklyReportsLateOrIllegible).toBe(1);
  });

  it('judges a submission without a recorded outcome by its submit time and its stated reason', () => {
    const weeks = onTimeWeeks('2026-11');
    weeks[3] = entry('weekly', '2026-11-23', { submittedAt: '2026-11-29T04:00:00Z', lateReason: '周五陪经销商盘点' }); // Sunday, with a reason
    expect(rep(weeks).inputs.weeklyReportsLateOrIllegible).toBe(0);
    weeks[3] = entry('weekly', '2026-11-23', { submittedAt: '2026-11-29T04:00:00Z' }); // Sunday, no reason
    expect(rep(weeks).inputs.weeklyReportsLateOrIllegible).toBe(1);
    weeks[3] = entry('weekly', '2026-11-23', { submittedAt: '2026-11-30T01:00:01Z', lateReason: '生病' }); // after Monday 09:00
    expect(rep(weeks).inputs.weeklyReportsLateOrIllegible).toBe(1);
  });

  it('keeps the recorded outcome when the rules changed since (history is not rewritten)', () => {
    const stricter = { ...RULES, weekly: { type: 'weekday', weekday: 3, time: '12:00' } as DeadlineRule };
    expect(rep(onTimeWeeks('2026-11'), AFTER_NOVEMBER, stricter).inputs.weeklyReportsLateOrIllegible).toBe(0);
  });

  it('uses the author’s time zone: a Friday 19:00 Berlin submission is late in Berlin', () => {
    const weeks = onTimeWeeks('2026-11');
    weeks[3] = entry('weekly', '2026-11-23', { submittedAt: '2026-11-27T18:00:00Z' }); // 19:00 in Berlin, Sat 02:00 in Shanghai
    const inBerlin = lateInputsOf({ role: 'rep', month: '2026-11', entries: weeks, now: AFTER_NOVEMBER, rules: RULES, timeZone: 'Europe/Berlin' });
    expect(inBerlin.inputs.weeklyReportsLateOrIllegible).toBe(1);
    const inLosAngeles = lateInputsOf({ role: 'rep', month: '2026-11', entries: weeks, now: AFTER_NOVEMBER, rules: RULES, timeZone: 'America/Los_Angeles' });
    expect(inLosAngeles.inputs.weeklyReportsLateOrIllegible).toBe(0); // 10:00 on Friday there
  });

  it('ignores deleted entries and weeks of other months', () => {
    const weeks = onTimeWeeks('2026-11');
    const deleted = { ...weeks[0]!, deletedAt: '2026-11-10T00:00:00Z' };
    const december = entry('weekly', '2026-11-30', { submittedAt: '2026-12-10T00:00:00Z', deadline: recorded('late', '2026-12-10T00:00:00Z') });
    const { inputs } = rep([deleted, ...weeks.slice(1), december]);
    expect(inputs.weeklyReportsLateOrIllegible).toBe(1); // the week of 2 Nov is missing; December's late week does not count
  });

  it('repeated non-submission: late in this month and the month before, not in only one of them', () => {
    const lateOct = onTimeWeeks('2026-10');
    lateOct[0] = entry('weekly', '2026-09-28', { submittedAt: '2026-10-06T00:00:00Z', deadline: recorded('late', '2026-10-06T00:00:00Z') });
    const lateNov = onTimeWeeks('2026-11');
    lateNov[3] = entry('weekly', '2026-11-23', { submittedAt: '2026-12-01T00:00:00Z', deadline: recorded('late', '2026-12-01T00:00:00Z') });
    const months = [monthlyOnTime('2026-10'), monthlyOnTime('2026-11')];
    const both = rep([...lateOct, ...lateNov, ...months]);
    expect(both.inputs.repeatedNonSubmission).toBe(true);
    expect(both.sources[1]).toEqual({ input: 'repeatedNonSubmission', entryIds: [lateOct[0]!.id, lateNov[3]!.id], text: '2026年11月和2026年10月都有材料（周报或月报）迟交或未交' });
    expect(rep([...onTimeWeeks('2026-10'), ...lateNov, ...months]).inputs.repeatedNonSubmission).toBe(false);
    expect(rep([...lateOct, ...onTimeWeeks('2026-11'), ...months]).inputs.repeatedNonSubmission).toBe(false);
    // A monthly report never submitted is material not handed in, too.
    expect(rep([...lateOct, ...lateNov, months[1]!]).inputs.repeatedNonSubmission).toBe(true);
  });

  it('a rep’s monthly report late last month counts as material not handed in', () => {
    const octMonthly = entry('monthly', '2026-10-01', { submittedAt: '2026-11-03T00:00:00Z', deadline: recorded('late', '2026-11-03T00:00:00Z') });
    const lateNov = onTimeWeeks('2026-11');
    lateNov[0] = entry('weekly', '2026-11-02', { submittedAt: '2026-11-09T02:00:00Z', deadline: recorded('late', '2026-11-09T02:00:00Z') });
    expect(rep([...onTimeWeeks('2026-10'), octMonthly, ...lateNov, monthlyOnTime('2026-11')]).inputs.repeatedNonSubmission).toBe(true);
    expect(rep([...onTimeWeeks('2026-10'), octMonthly, ...onTimeMonth('2026-11')]).inputs.repeatedNonSubmission).toBe(false);
  });

  it('says it in English when asked', () => {
    const weeks = onTimeWeeks('2026-11').slice(0, 3);
    const { sources } = lateInputsOf({ role: 'rep', month: '2026-11', entries: weeks, now: AFTER_NOVEMBER, rules: RULES, timeZone: SH, locale: 'en' });
    expect(sources[0]!.text).toBe('1 of 4 weekly reports for November 2026 late or missing: week of 23 Nov (not submitted)');
  });
});

describe('lateInputsOf — a regional manager', () => {
  it('the monthly report on time, late, missing or not yet due', () => {
    const onTime = entry('monthly', '2026-11-01', { submittedAt: '2026-11-30T09:00:00Z', deadline: recorded('onTime', '2026-11-30T09:00:00Z') }, MANAGER);
    expect(manager([onTime]).inputs).toEqual({ monthlyReportLate: false, repeatedNonSubmission: false });
    const late = entry('monthly', '2026-11-01', { submittedAt: '2026-12-01T09:00:00Z', deadline: recorded('late', '2026-12-01T09:00:00Z') }, MANAGER);
    expect(manager([late]).inputs.monthlyReportLate).toBe(true);
    expect(manager([late]).sources[0]).toEqual({ input: 'monthlyReportLate', entryIds: [late.id], text: '2026年11月月报迟交' });
    expect(manager([]).inputs.monthlyReportLate).toBe(true); // past the 30th, never submitted
    expect(manager([], '2026-11', '2026-11-30T15:59:59Z').inputs.monthlyReportLate).toBe(false); // 23:59:59 on the 30th: not yet
    expect(manager([], '2026-11', '2026-11-30T16:00:00Z').inputs.monthlyReportLate).toBe(true);
  });

  it('the 30th rule: a manager’s January report on the 31st is late (judged without a recorded outcome)', () => {
    const on31st = entry('monthly', '2027-01-01', { submittedAt: '2027-01-31T02:00:00Z' }, MANAGER);
    expect(manager([on31st], '2027-01', '2027-02-05T00:00:00Z').inputs.monthlyReportLate).toBe(true);
    const on30th = entry('monthly', '2027-01-01', { submittedAt: '2027-01-30T15:59:59Z' }, MANAGER);
    expect(manager([on30th], '2027-01', '2027-02-05T00:00:00Z').inputs.monthlyReportLate).toBe(false);
  });

  it('repeated: late this month and last month', () => {
    const oct = entry('monthly', '2026-10-01', { submittedAt: '2026-11-02T00:00:00Z', deadline: recorded('late', '2026-11-02T00:00:00Z') }, MANAGER);
    const nov = entry('monthly', '2026-11-01', { submittedAt: '2026-12-02T00:00:00Z', deadline: recorded('late', '2026-12-02T00:00:00Z') }, MANAGER);
    const novOnTime = entry('monthly', '2026-11-01', { submittedAt: '2026-11-29T00:00:00Z', deadline: recorded('onTime', '2026-11-29T00:00:00Z') }, MANAGER);
    expect(manager([oct, nov]).inputs).toEqual({ monthlyReportLate: true, repeatedNonSubmission: true });
    expect(manager([oct, novOnTime]).inputs).toEqual({ monthlyReportLate: false, repeatedNonSubmission: false });
  });
});

describe('through the real rule sets', () => {
  const perfectRep = {
    absentDays: 0, absentHalfDays: 0,
    dealerDailyReportsLate: 0, networkPlanMissed: false, terminalProblemsUnsolved: 0, commercialPolicyBreaches: 0,
    specialProblemsUnreported: 0, rebateTablesLate: false, repeatedNonSubmission: false,
    weeklyReportsLateOrIllegible: 0, weeklySummaryUntrue: false, weeklyPlanUntrue: false,
    keyAccountMissingItems: 0, keyAccountRepeatWithoutRecord: false,
    weeklyReportOtherScore: 10, repManagementOtherScore: 30,
  };

  it('a late weekly report zeroes the weekly-report item; none late leaves it whole', () => {
    const weeks = onTimeWeeks('2026-11');
    const clean = evaluate(builtIn('sales-rep-monthly'), { ...perfectRep, ...rep(weeks).inputs });
    expect(itemAt(clean, 'dailyWork.repManagement.weeklyReport').score).toBe(40);
    weeks[2] = entry('weekly', '2026-11-16', { submittedAt: '2026-11-23T02:00:00Z', deadline: recorded('late', '2026-11-23T02:00:00Z') });
    const late = evaluate(builtIn('sales-rep-monthly'), { ...perfectRep, ...rep(weeks).inputs });
    expect(itemAt(late, 'dailyWork.repManagement.weeklyReport').score).toBe(0);
    expect(late.total!).toBeLessThan(clean.total!);
  });

  it('a manager’s late report, twice in a row, takes the report item to −10', () => {
    const perfectManager = { absentDays: 0, absentHalfDays: 0, summaryScore: 20, planScore: 20, proposalScore: 20, weeklyReviewScore: 10, trainingsHeld: 1, trainingRecorded: true, monthlyReportLate: false, repeatedNonSubmission: false, teamDeduction: 0 };
    const oct = entry('monthly', '2026-10-01', { submittedAt: '2026-11-02T00:00:00Z', deadline: recorded('late', '2026-11-02T00:00:00Z') }, MANAGER);
    const result = evaluate(builtIn('regional-manager-monthly'), { ...perfectManager, ...manager([oct]).inputs });
    expect(itemAt(result, 'dailyWork.reportOnTime').score).toBe(-10);
    const onTime = entry('monthly', '2026-11-01', { submittedAt: '2026-11-29T00:00:00Z', deadline: recorded('onTime', '2026-11-29T00:00:00Z') }, MANAGER);
    expect(itemAt(evaluate(builtIn('regional-manager-monthly'), { ...perfectManager, ...manager([oct, onTime]).inputs }), 'dailyWork.reportOnTime').score).toBe(10);
  });
});

describe('assessmentLateInputs (through the named queries)', () => {
  const db = freshDatabase('fieldkit-late-inputs');
  afterEach(async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
  });

  it('reads the author’s own weekly and monthly entries of the month and the month before', async () => {
    for (const e of [...onTimeMonth('2026-10'), ...onTimeMonth('2026-11')]) {
      const { id: _id, author: _a, createdAt: _c, updatedAt: _u, ...draft } = e;
      await saveRecord(db, 'diaryEntries', draft as RecordDraft<'diaryEntries'>, { author: REP });
    }
    // Someone else's late week and the author's deleted week do not count; a week of December is outside.
    await saveRecord(db, 'diaryEntries', draftOf('weekly', '2026-11-30', { submittedAt: '2026-12-12T00:00:00Z', deadline: recorded('late', '2026-12-12T00:00:00Z') }), { author: REP });
    await saveRecord(db, 'diaryEntries', draftOf('weekly', '2026-11-09', { submittedAt: '2026-11-20T00:00:00Z', deadline: recorded('late', '2026-11-20T00:00:00Z') }), { author: { id: 'rep-2', name: '李娜' } });
    const clean = await assessmentLateInputs(db, REP.id, '2026-11', 'rep', AFTER_NOVEMBER, RULES, SH);
    expect(clean.inputs).toEqual({ weeklyReportsLateOrIllegible: 0, repeatedNonSubmission: false });
    expect(clean.reports.filter((r) => r.kind === 'weekly' && r.entryId).length).toBe(9);

    const week = (await db.diaryEntries.toArray()).find((e) => e.author.id === REP.id && e.periodStart === '2026-11-16')!;
    await deleteRecord(db, 'diaryEntries', week.id, { author: REP });
    const afterDelete = await assessmentLateInputs(db, REP.id, '2026-11', 'rep', AFTER_NOVEMBER, RULES, SH, 'en');
    expect(afterDelete.inputs.weeklyReportsLateOrIllegible).toBe(1);
    expect(afterDelete.sources[0]!.text).toBe('1 of 4 weekly reports for November 2026 late or missing: week of 16 Nov (not submitted)');
  });

  it('reads a manager’s monthly reports', async () => {
    await saveRecord(db, 'diaryEntries', draftOf('monthly', '2026-10-01', { submittedAt: '2026-11-02T00:00:00Z', deadline: recorded('late', '2026-11-02T00:00:00Z') }), { author: MANAGER });
    await saveRecord(db, 'diaryEntries', draftOf('monthly', '2026-11-01', { submittedAt: '2026-12-03T00:00:00Z', deadline: recorded('late', '2026-12-03T00:00:00Z') }), { author: MANAGER });
    const result = await assessmentLateInputs(db, MANAGER.id, '2026-11', 'manager', AFTER_NOVEMBER, RULES, SH);
    expect(result.inputs).toEqual({ monthlyReportLate: true, repeatedNonSubmission: true });
    expect(result.sources[1]!.entryIds).toHaveLength(2);
  });
});
