import { afterEach, describe, expect, it } from 'vitest';
import {
  COPIED_INVENTORY_MIN_DEALERS,
  SIMILARITY_THRESHOLD,
  integritySignals,
  loadIntegritySignals,
  localDayAndTime,
  textSimilarity,
  type IntegrityInput,
  type IntegritySignal,
} from '../../lib/reports/integrity';
import { isCopiedLine } from '../../lib/reports/signals';
import type { DiaryEntry, Revision } from '../../lib/reports/diary-schema';
import type { ReviewEvent } from '../../lib/reports/review-schema';
import type { VisitCard } from '../../lib/visits/schema';
import { isoWeekOf } from '../../lib/kernel/dates';
import { saveRecord } from '../../lib/store/records';
import type { FieldkitDatabase } from '../../lib/store/database';
import { REP, freshDatabase, visitDraft } from '../fixtures/records';

const TZ = 'Asia/Shanghai';
let seq = 0;
/** A ULID-shaped id, unique per call. */
const id = (prefix = '01JE') => `${prefix}${String(++seq).padStart(26 - prefix.length, '0')}`;

/** An instant from a Shanghai wall-clock time: `at('2026-11-23', '18:30')`. */
const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`).toISOString();

type Daily = { todayWork?: string[]; tomorrowPlan?: string[]; problems?: string[] };

function daily(day: string, content: Daily = {}, extra: Partial<DiaryEntry> = {}): DiaryEntry {
  return {
    id: id(),
    schemaVersion: 1,
    author: REP,
    createdAt: at(day, '18:30'),
    updatedAt: at(day, '18:30'),
    periodStart: day,
    isoWeek: isoWeekOf(day),
    month: day.slice(0, 7),
    status: 'submitted',
    content: { kind: 'daily', todayWork: [], tomorrowPlan: [], problems: [], ...content },
    annotations: [],
    ...extra,
  };
}

function weekly(monday: string, content: Partial<Extract<DiaryEntry['content'], { kind: 'weekly' }>> = {}, extra: Partial<DiaryEntry> = {}): DiaryEntry {
  return {
    ...daily(monday, {}, extra),
    content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [], keyAccountVisits: [], gradeChanges: [], ...content },
    ...extra,
  };
}

function card(dealerId: string, day: string, inventory: number | undefined, extra: Partial<VisitCard> = {}): VisitCard {
  return {
    id: id('01JV'),
    schemaVersion: 2,
    author: REP,
    createdAt: at(day, '10:00'),
    updatedAt: at(day, '10:00'),
    dealerId,
    visitDay: day,
    isoWeek: isoWeekOf(day),
    currentInventory: inventory,
    unit: '箱',
    orderedSkus: [],
    requiredSkus: [],
    recentPurchases: [],
    actions: { checkedInventory: true, didDisplay: true, tookOrder: false, recommendedNewProducts: false },
    keyAccount: false,
    note: '',
    ...extra,
  };
}

function input(entry: DiaryEntry, rest: Partial<IntegrityInput> = {}): IntegrityInput {
  return { entry, earlierEntries: [], visits: [], previousVisitByCard: new Map(), timeZone: TZ, now: at('2026-12-01', '09:00'), ...rest };
}

const kinds = (signals: IntegritySignal[]) => signals.map((s) => s.kind);
const only = (signals: IntegritySignal[], kind: IntegritySignal['kind']) => signals.filter((s) => s.kind === kind);

/**
 * An ordinary week: a daily written every evening, each about that day's visits, with routine
 * lines (拜访客户), plans naming other days, a deadline, a past order arriving, and stock counts
 * that move. Nothing here may fire.
 */
function ordinaryWeek() {
  const days = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
  const work = [
    ['拜访客户', '华联超市订货50箱，调整端架陈列', '永辉超市查库存，建议补货'],
    ['拜访客户', '家乐福新品试吃活动，卖出18箱', '周一下的订单今天到货，已核对'],
    ['拜访客户', '与王总沟通年终返利方案，约定周五前答复', '大润发堆头撤场，协调新位置'],
    ['拜访客户', '物美超市收回货款2万元', '11月3日的欠款已全部结清'],
    ['拜访客户', '培训两名新导购，讲解新品卖点', '整理本周客户档案并录入系统'],
  ];
  const plans = [['周二拜访家乐福'], ['周三和王总见面'], ['周四去物美收款'], ['周五培训导购'], ['下周一拜访华联']];
  const entries = days.map((day, i) => daily(day, { todayWork: work[i], tomorrowPlan: plans[i], problems: i === 2 ? ['堆头费用偏高'] : [] }));
  const dealers = ['01JD0000000000000000000001', '01JD0000000000000000000002', '01JD0000000000000000000003', '01JD0000000000000000000004'];
  const visitsOf = (day: string, i: number) => dealers.map((d, j) => card(d, day, 20 + i * 3 + j));
  return { days, entries, dealers, visitsOf };
}

describe('an ordinary week', () => {
  it('raises no signal on any day', () => {
    const { entries, visitsOf } = ordinaryWeek();
    entries.forEach((entry, i) => {
      const visits = visitsOf(entry.periodStart, i + 1);
      const previous = visitsOf('2026-11-16', i);
      const previousVisitByCard = new Map(visits.map((v, j) => [v.id, previous[j]]));
      const earlierEntries = entries.slice(0, i).reverse();
      const signals = integritySignals(
        input(entry, { earlierEntries, sameDayWrites: entries, laterEntries: entries.slice(i + 1), visits, previousVisitByCard, now: at('2026-11-28', '09:00') }),
      );
      expect(signals, entry.periodStart).toEqual([]);
    });
  });
});

describe('writtenLate (多日一记)', () => {
  it('fires when a daily is written three days after its day, with both days', () => {
    const entry = daily('2026-11-20', { todayWork: ['拜访华联超市'] }, { createdAt: at('2026-11-23', '10:00') });
    expect(only(integritySignals(input(entry)), 'writtenLate')).toEqual([
      { kind: 'writtenLate', params: { entryKind: 'daily', reportedDay: '2026-11-20', writtenDay: '2026-11-23', days: 3 }, relatedIds: [] },
    ]);
  });

  it('does not fire for an entry written the next morning', () => {
    const entry = daily('2026-11-20', { todayWork: ['拜访华联超市'] }, { createdAt: at('2026-11-21', '08:30') });
    expect(integritySignals(input(entry))).toEqual([]);
  });

  it('reads the day written in the author time zone', () => {
    // 17:00 UTC on the 21st is 01:00 on the 22nd in Shanghai (two days late) but 09:00 on the 21st in Los Angeles.
    const entry = daily('2026-11-20', {}, { createdAt: '2026-11-21T17:00:00.000Z' });
    expect(kinds(integritySignals(input(entry)))).toEqual(['writtenLate']);
    expect(integritySignals(input(entry, { timeZone: 'America/Los_Angeles' }))).toEqual([]);
  });

  it('judges a weekly report from the last day of its week', () => {
    const monday = weekly('2026-11-16', {}, { createdAt: at('2026-11-23', '09:00') });
    expect(integritySignals(input(monday))).toEqual([]);
    const wednesday = weekly('2026-11-16', {}, { createdAt: at('2026-11-25', '09:00') });
    expect(only(integritySignals(input(wednesday)), 'writtenLate')[0]!.params).toEqual({ entryKind: 'weekly', reportedDay: '2026-11-22', writtenDay: '2026-11-25', days: 3 });
  });

  it('gives the local day and time of an instant', () => {
    expect(localDayAndTime('2026-11-21T17:05:00.000Z', TZ)).toEqual({ day: '2026-11-22', time: '01:05' });
  });
});

describe('manyDaysInOne (一日多记: several days in one entry)', () => {
  it('fires when work lines are headed by other days of the week', () => {
    const entry = daily('2026-11-25', { todayWork: ['周一：拜访华联超市，订货50箱', '周二：永辉超市补货30箱', '周三：整理客户档案'] });
    expect(only(integritySignals(input(entry)), 'manyDaysInOne')).toEqual([
      { kind: 'manyDaysInOne', params: { entryKind: 'daily', basis: 'namedDays', days: '2026-11-23,2026-11-24', count: 2 }, relatedIds: [] },
    ]);
  });

  it('fires on dates and English weekdays as headings', () => {
    const dated = daily('2026-11-25', { todayWork: ['11月23日 拜访华联超市', '今天：整理档案'] });
    expect(only(integritySignals(input(dated)), 'manyDaysInOne')[0]!.params.days).toBe('2026-11-23');
    const english = daily('2026-11-25', { todayWork: ['Mon: visited Hualian, ordered 50 cases', 'Tuesday - restocked Yonghui'] });
    expect(only(integritySignals(input(english)), 'manyDaysInOne')[0]!.params.days).toBe('2026-11-23,2026-11-24');
  });

  it('fires when several lines each name a different past day', () => {
    const entry = daily('2026-11-26', { todayWork: ['星期一去了华联超市', '星期二在永辉超市补货'] });
    expect(only(integritySignals(input(entry)), 'manyDaysInOne')[0]!.params).toMatchObject({ basis: 'namedDays', days: '2026-11-23,2026-11-24', count: 2 });
  });

  it('does not fire on deadlines, plans, other weeks, old dates or one past day in a sentence', () => {
    const entry = daily('2026-11-25', {
      todayWork: ['约定周五前送货', '下周一再去华联', '周一下的订单今天到货', '11月3日的欠款已结清', '星期四：准备培训材料'],
      tomorrowPlan: ['周一：拜访华联', '周二：拜访永辉'],
    });
    expect(integritySignals(input(entry))).toEqual([]);
  });

  it('fires on every entry of a sitting that back-fills several days', () => {
    const mon = daily('2026-11-23', { todayWork: ['拜访华联超市'] }, { createdAt: at('2026-11-25', '20:00') });
    const tue = daily('2026-11-24', { todayWork: ['拜访永辉超市'] }, { createdAt: at('2026-11-25', '20:10') });
    const wed = daily('2026-11-25', { todayWork: ['拜访家乐福'] }, { createdAt: at('2026-11-25', '20:20') });
    const all = [mon, tue, wed];
    expect(only(integritySignals(input(wed, { sameDayWrites: all })), 'manyDaysInOne')).toEqual([
      {
        kind: 'manyDaysInOne',
        params: { entryKind: 'daily', basis: 'sitting', days: '2026-11-23,2026-11-24', count: 3, writtenDay: '2026-11-25', minutes: 30 },
        relatedIds: [mon.id, tue.id],
      },
    ]);
    expect(only(integritySignals(input(mon, { sameDayWrites: all })), 'manyDaysInOne')[0]!.relatedIds).toEqual([tue.id, wed.id]);
  });

  it('chains a sitting by gaps, not by distance from the first entry', () => {
    const a = daily('2026-11-21', {}, { createdAt: at('2026-11-25', '20:00') });
    const b = daily('2026-11-22', {}, { createdAt: at('2026-11-25', '20:25') });
    const c = daily('2026-11-23', {}, { createdAt: at('2026-11-25', '20:50') });
    expect(only(integritySignals(input(c, { sameDayWrites: [a, b, c] })), 'manyDaysInOne')[0]!.params.count).toBe(3);
  });

  it('does not fire for dailies written on their own evenings, nor for a draft of tomorrow opened tonight', () => {
    const today = daily('2026-11-25', { todayWork: ['拜访家乐福'] }, { createdAt: at('2026-11-25', '18:00') });
    const yesterday = daily('2026-11-24', {}, { createdAt: at('2026-11-24', '18:05') });
    const tomorrow = daily('2026-11-26', {}, { createdAt: at('2026-11-25', '18:10'), status: 'draft' });
    expect(integritySignals(input(today, { sameDayWrites: [yesterday, today, tomorrow] }))).toEqual([]);
  });

  it('does not join an entry of another kind written in the same sitting', () => {
    const today = daily('2026-11-27', {}, { createdAt: at('2026-11-27', '18:00') });
    const week = weekly('2026-11-23', {}, { createdAt: at('2026-11-27', '18:10') });
    expect(integritySignals(input(today, { sameDayWrites: [week] }))).toEqual([]);
  });
});

describe('oneDaySpread (一日多记: one day over several entries)', () => {
  it('fires when the same quantities are reported again the next day', () => {
    const mon = daily('2026-11-23', { todayWork: ['拜访华联超市，订货50箱', '永辉超市回款3万元', '整理客户档案'], tomorrowPlan: ['拜访家乐福'] });
    const tue = daily('2026-11-24', {
      todayWork: ['拜访华联超市，订货50箱', '永辉超市回款3万元', '与王总沟通年终返利方案并约定签约时间', '为新来的导购讲解新品卖点'],
      tomorrowPlan: ['去物美超市收款，核对对账单'],
      problems: ['大润发堆头费用偏高，需要公司支持'],
    });
    const signals = integritySignals(input(tue, { earlierEntries: [mon] }));
    expect(kinds(signals)).toEqual(['oneDaySpread']);
    expect(signals[0]).toEqual({ kind: 'oneDaySpread', params: { entryKind: 'daily', basis: 'repeated', earlierDay: '2026-11-23', lines: 2, ofLines: 4 }, relatedIds: [mon.id] });
  });

  it('does not fire for continuing work that states no quantity', () => {
    const mon = daily('2026-11-23', { todayWork: ['继续跟进华联超市的年度合同谈判', '整理客户档案并录入系统', '永辉超市订货20箱'] });
    const tue = daily('2026-11-24', { todayWork: ['继续跟进华联超市的年度合同谈判', '整理客户档案并录入系统', '家乐福订货35箱，安排周四送货'] });
    expect(only(integritySignals(input(tue, { earlierEntries: [mon] })), 'oneDaySpread')).toEqual([]);
  });

  it('does not count a line whose quantity changed: two orders, not one reported twice', () => {
    const mon = daily('2026-11-23', { todayWork: ['华联超市订货50箱，调整端架陈列', '永辉超市回款3万元', '培训两名新导购'] });
    const tue = daily('2026-11-24', { todayWork: ['华联超市订货60箱，调整端架陈列', '永辉超市回款3万元', '与王总沟通年终返利方案'] });
    expect(only(integritySignals(input(tue, { earlierEntries: [mon] })), 'oneDaySpread')).toEqual([]);
  });

  it('fires on an empty daily without visits whose day the next daily reports', () => {
    const mon = daily('2026-11-23', { todayWork: [], tomorrowPlan: ['拜访永辉'] });
    const tue = daily('2026-11-24', { todayWork: ['昨天：拜访华联超市，订货50箱', '今天：永辉补货'] });
    const signals = integritySignals(input(mon, { laterEntries: [tue], now: at('2026-11-25', '09:00') }));
    expect(only(signals, 'oneDaySpread')).toEqual([{ kind: 'oneDaySpread', params: { entryKind: 'daily', basis: 'emptyDay', laterDay: '2026-11-24' }, relatedIds: [tue.id] }]);
  });

  it('does not fire on an empty daily with visits, on a day off, or before the day is over', () => {
    const tue = daily('2026-11-24', { todayWork: ['周一：拜访华联超市，订货50箱'] });
    const later = { laterEntries: [tue], now: at('2026-11-25', '09:00') };
    const withVisits = daily('2026-11-23', {});
    expect(only(integritySignals(input(withVisits, { ...later, visits: [card('01JD0000000000000000000001', '2026-11-23', 10)] })), 'oneDaySpread')).toEqual([]);
    const dayOff = daily('2026-11-23', { todayWork: ['休息'] });
    expect(only(integritySignals(input(dayOff, later)), 'oneDaySpread')).toEqual([]);
    const morning = daily('2026-11-23', {});
    expect(only(integritySignals(input(morning, { laterEntries: [tue], now: at('2026-11-23', '09:00') })), 'oneDaySpread')).toEqual([]);
  });

  it('fires when a weekly report lists a key-account visit an earlier one already reported', () => {
    const dealerId = '01JD0000000000000000000001';
    const before = weekly('2026-11-16', { keyAccountVisits: [{ dealerId, day: '2026-11-20', purpose: '年度合同', outcome: '已签约' }] });
    const now = weekly('2026-11-23', {
      keyAccountVisits: [
        { dealerId, day: '2026-11-20', purpose: '年度合同', outcome: '已签约' },
        { dealerId, day: '2026-11-26', purpose: '回访', outcome: '订货30箱' },
      ],
    });
    expect(only(integritySignals(input(now, { earlierEntries: [before] })), 'oneDaySpread')).toEqual([
      { kind: 'oneDaySpread', params: { entryKind: 'weekly', basis: 'visits', visits: 1, days: '2026-11-20', earlierDay: '2026-11-16' }, relatedIds: [before.id] },
    ]);
  });
});

describe('sameAsEarlier (同昨日)', () => {
  const monWork = ['拜访华联超市，订货50箱，调整端架陈列', '永辉超市查库存，建议补货30箱', '与王总沟通年终返利方案'];

  it('fires on nearly identical text, with the similarity and the earlier entry', () => {
    const mon = daily('2026-11-23', { todayWork: monWork, tomorrowPlan: ['拜访家乐福，推荐新品'] });
    const tue = daily('2026-11-24', { todayWork: ['拜访华联超市，订货50箱，调整端架陈列。', '永辉超市查库存，建议补货30箱', '与王总沟通年终返利方案！'], tomorrowPlan: ['拜访家乐福，推荐新品'] });
    const [signal] = only(integritySignals(input(tue, { earlierEntries: [mon] })), 'sameAsEarlier');
    expect(signal).toEqual({
      kind: 'sameAsEarlier',
      params: { entryKind: 'daily', basis: 'text', similarity: 100, earlierDay: '2026-11-23', lines: 4, ofLines: 4 },
      relatedIds: [mon.id],
    });
  });

  it('fires on text that differs in a few characters, below 100 %', () => {
    const mon = daily('2026-11-23', { todayWork: monWork });
    const tue = daily('2026-11-24', { todayWork: ['拜访华联超市，订货60箱，调整端架陈列', '永辉超市查库存，建议补货30箱', '与王总沟通年终返利方案'] });
    const params = only(integritySignals(input(tue, { earlierEntries: [mon] })), 'sameAsEarlier')[0]!.params;
    expect(params.basis).toBe('text');
    expect(params.similarity).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD * 100);
    expect(params.similarity).toBeLessThan(100);
  });

  it('fires when most lines are copied even though one new line lowers the whole-text similarity', () => {
    const lines = ['拜访华联超市，订货50箱', '永辉超市查库存，补货30箱', '家乐福新品试吃，卖出18箱', '物美超市收回货款2万元'];
    const mon = daily('2026-11-23', { todayWork: lines });
    const tue = daily('2026-11-24', { todayWork: lines, problems: ['大润发要求把堆头费从每月三千元涨到五千元，需要公司决定是否续租'] });
    const params = only(integritySignals(input(tue, { earlierEntries: [mon] })), 'sameAsEarlier')[0]!.params;
    expect(params).toMatchObject({ basis: 'lines', lines: 4, ofLines: 5, earlierDay: '2026-11-23' });
    expect(params.similarity).toBeLessThan(85);
  });

  it('fires when the day’s work only says 同昨日', () => {
    const mon = daily('2026-11-23', { todayWork: monWork });
    const tue = daily('2026-11-24', { todayWork: ['同昨日'] });
    expect(only(integritySignals(input(tue, { earlierEntries: [mon] })), 'sameAsEarlier')).toEqual([
      { kind: 'sameAsEarlier', params: { entryKind: 'daily', basis: 'marker', marker: '同昨日', earlierDay: '2026-11-23' }, relatedIds: [mon.id] },
    ]);
  });

  it('names the most similar of the earlier entries', () => {
    const thu = daily('2026-11-19', { todayWork: monWork });
    const fri = daily('2026-11-20', { todayWork: ['家乐福新品试吃活动，卖出18箱', '物美超市收回货款2万元', '培训两名新导购'] });
    const mon = daily('2026-11-23', { todayWork: monWork });
    expect(only(integritySignals(input(mon, { earlierEntries: [fri, thu] })), 'sameAsEarlier')[0]!.relatedIds).toEqual([thu.id]);
  });

  it('does not fire on short entries that happen to be equal', () => {
    const mon = daily('2026-11-23', { todayWork: ['休息'], tomorrowPlan: ['拜访客户'] });
    const tue = daily('2026-11-24', { todayWork: ['休息'], tomorrowPlan: ['拜访客户'] });
    expect(integritySignals(input(tue, { earlierEntries: [mon] }))).toEqual([]);
  });

  it('does not let a short recurring line make an entry fire', () => {
    const mon = daily('2026-11-23', { todayWork: ['拜访客户', '拜访客户', '永辉超市补货30箱，调整端架陈列'], tomorrowPlan: ['拜访客户'] });
    const tue = daily('2026-11-24', { todayWork: ['拜访客户', '拜访客户', '与华联王总谈年度返利，约定12月签约'], tomorrowPlan: ['拜访客户'] });
    expect(integritySignals(input(tue, { earlierEntries: [mon] }))).toEqual([]);
  });

  it('does not fire on different text with the same structure', () => {
    const a = '拜访华联超市，订货50箱，检查端架陈列';
    const b = '拜访永辉超市，订货30箱，补充堆头陈列';
    expect(textSimilarity(a, b)).toBeLessThan(0.7);
    const mon = daily('2026-11-23', { todayWork: [a, '与王总沟通年终返利方案'], tomorrowPlan: ['去物美收款'] });
    const tue = daily('2026-11-24', { todayWork: [b, '与李经理商量春节备货计划'], tomorrowPlan: ['去大润发谈堆头'] });
    expect(integritySignals(input(tue, { earlierEntries: [mon] }))).toEqual([]);
  });

  it('does not compare a plan with the work it became', () => {
    // Today's work is yesterday's plan, carried over by the editor and done: not a copy.
    const plan = ['拜访华联超市，谈年终返利方案', '去永辉超市查库存，补货30箱', '给家乐福送新品试吃物料'];
    const mon = daily('2026-11-23', { todayWork: ['培训两名新导购，讲解新品卖点', '物美超市收回货款2万元'], tomorrowPlan: plan });
    const tue = daily('2026-11-24', { todayWork: plan, tomorrowPlan: ['整理本周客户档案并录入系统', '准备周五的经销商会议材料'] });
    expect(integritySignals(input(tue, { earlierEntries: [mon] }))).toEqual([]);
  });

  it('measures similarity, not string equality', () => {
    expect(textSimilarity('拜访华联超市，订货50箱。', '拜访 华联超市 订货50箱')).toBe(1);
    expect(textSimilarity('Visited Hualian, ordered 50 cases', 'visited hualian ordered 50 cases.')).toBe(1);
    expect(textSimilarity('拜访华联', '')).toBe(0);
  });

  it('keeps the editor’s line signal working', () => {
    expect(isCopiedLine('同昨日', [])).toBe(true);
    expect(isCopiedLine(' 拜访华联。', ['拜访华联'])).toBe(true);
    expect(isCopiedLine('拜访永辉', ['拜访华联'])).toBe(false);
  });
});

describe('copiedInventory', () => {
  const dealers = ['01JD0000000000000000000001', '01JD0000000000000000000002', '01JD0000000000000000000003', '01JD0000000000000000000004', '01JD0000000000000000000005'];
  const entry = daily('2026-11-24', { todayWork: ['拜访五家经销商'] });

  function visitsWith(pairs: [dealer: string, before: number | undefined, now: number | undefined][]) {
    const visits = pairs.map(([d, , now]) => card(d, '2026-11-24', now));
    const previousVisitByCard = new Map(pairs.map(([d, before], i) => [visits[i]!.id, before === undefined ? undefined : card(d, '2026-11-17', before)]));
    return { visits, previousVisitByCard };
  }

  it('fires when most customers show exactly last visit’s stock, with the counts', () => {
    const data = visitsWith([
      [dealers[0]!, 40, 40],
      [dealers[1]!, 12, 12],
      [dealers[2]!, 25, 25],
      [dealers[3]!, 30, 18],
      [dealers[4]!, undefined, 9],
    ]);
    const [signal] = only(integritySignals(input(entry, data)), 'copiedInventory');
    expect(signal).toEqual({
      kind: 'copiedInventory',
      params: { entryKind: 'daily', cards: 3, ofCards: 4, dealers: 3, percent: 75 },
      relatedIds: data.visits.slice(0, 3).map((v) => v.id),
    });
  });

  it('does not fire for one dealer whose stock did not move', () => {
    const data = visitsWith([
      [dealers[0]!, 40, 40],
      [dealers[1]!, 12, 10],
      [dealers[2]!, 25, 31],
    ]);
    expect(integritySignals(input(entry, data))).toEqual([]);
  });

  it('does not fire for the same dealer unchanged on several cards of a week', () => {
    const week = weekly('2026-11-23');
    const visits = ['2026-11-23', '2026-11-25', '2026-11-27'].map((d) => card(dealers[0]!, d, 40));
    const previousVisitByCard = new Map(visits.map((v, i) => [v.id, i === 0 ? card(dealers[0]!, '2026-11-20', 40) : visits[i - 1]]));
    expect(COPIED_INVENTORY_MIN_DEALERS).toBeGreaterThan(1);
    expect(integritySignals(input(week, { visits, previousVisitByCard }))).toEqual([]);
  });

  it('does not fire when the unchanged counts are a minority, nor on empty shelves twice', () => {
    const minority = visitsWith([
      [dealers[0]!, 40, 40],
      [dealers[1]!, 12, 12],
      [dealers[2]!, 25, 25],
      [dealers[3]!, 30, 18],
      [dealers[4]!, 9, 14],
      ['01JD0000000000000000000006', 7, 3],
    ]);
    expect(integritySignals(input(entry, minority))).toEqual([]);
    const empty = visitsWith([
      [dealers[0]!, 0, 0],
      [dealers[1]!, 0, 0],
      [dealers[2]!, 0, 0],
    ]);
    expect(integritySignals(input(entry, empty))).toEqual([]);
  });
});

describe('editedAfterSubmit', () => {
  const by = { id: REP.id, name: REP.name };
  const submitted: Revision = { at: at('2026-11-24', '18:00'), by, action: 'submitted', changes: [] };
  const change = (path: string) => ({ path, before: 'a', after: 'b' });

  it('fires for each edit after submission, with who, when and how many fields', () => {
    const edited: Revision = { at: at('2026-11-25', '09:15'), by, action: 'edited', changes: [change('todayWork.0'), change('todayWork.1'), change('problems.0')] };
    const entry = daily('2026-11-24', { todayWork: ['拜访华联超市'] }, { revisions: [submitted, edited], submittedAt: submitted.at });
    expect(only(integritySignals(input(entry)), 'editedAfterSubmit')).toEqual([
      { kind: 'editedAfterSubmit', params: { entryKind: 'daily', by: '张伟', byId: REP.id, at: edited.at, day: '2026-11-25', time: '09:15', fields: 3 }, relatedIds: [] },
    ]);
  });

  it('does not fire for a draft, for an edit before submission, or for an edit that changed nothing', () => {
    const early: Revision = { at: at('2026-11-24', '17:00'), by, action: 'edited', changes: [change('todayWork.0')] };
    const empty: Revision = { at: at('2026-11-25', '09:00'), by, action: 'edited', changes: [] };
    expect(integritySignals(input(daily('2026-11-24', {}, { status: 'draft' })))).toEqual([]);
    expect(integritySignals(input(daily('2026-11-24', {}, { revisions: [early, submitted, empty] })))).toEqual([]);
  });

  it('does not fire for the revision asked for by a return, but does for an edit after the resubmission', () => {
    const returned: ReviewEvent = {
      id: id(),
      schemaVersion: 1,
      author: { id: 'owner-900', name: '李经理' },
      createdAt: at('2026-11-25', '10:00'),
      updatedAt: at('2026-11-25', '10:00'),
      entryId: '',
      entryAuthorId: REP.id,
      entryKind: 'daily',
      entryPeriodStart: '2026-11-24',
      action: 'return',
      at: at('2026-11-25', '10:00'),
      text: '请写清楚订货数量',
    };
    const revising: Revision = { at: at('2026-11-25', '11:00'), by, action: 'edited', changes: [change('todayWork.0')] };
    const resubmitted: Revision = { at: at('2026-11-25', '11:05'), by, action: 'resubmitted', changes: [change('todayWork.0')] };
    const after: Revision = { at: at('2026-11-26', '08:00'), by, action: 'edited', changes: [change('problems.0')] };
    const entry = daily('2026-11-24', {}, { revisions: [submitted, revising, resubmitted, after] });
    const signals = integritySignals(input(entry, { reviewEvents: [{ ...returned, entryId: entry.id }] }));
    expect(signals.map((s) => s.params.day)).toEqual(['2026-11-26']);
  });
});

describe('loadIntegritySignals', () => {
  let db: FieldkitDatabase | undefined;
  afterEach(async () => {
    await db?.delete();
    db = undefined;
  });

  it('gathers the sitting, the visits and their previous visits through the named queries', async () => {
    db = freshDatabase('integrity-load');
    const tonight = new Date(at('2026-11-25', '20:00'));
    const save = (day: string, minutes: number) =>
      saveRecord(
        db!,
        'diaryEntries',
        { periodStart: day, isoWeek: isoWeekOf(day), status: 'draft', content: { kind: 'daily', todayWork: [`${day} 的工作`], tomorrowPlan: [], problems: [] }, annotations: [] },
        { author: REP, now: new Date(tonight.getTime() + minutes * 60_000) },
      );
    const dealers = ['01JD0000000000000000000001', '01JD0000000000000000000002', '01JD0000000000000000000003'];
    for (const [i, dealerId] of dealers.entries()) {
      await saveRecord(db, 'visitCards', visitDraft({ dealerId, visitDay: '2026-11-16', isoWeek: '2026-W47', currentInventory: 30 + i }), { author: REP, now: new Date(at('2026-11-16', '10:00')) });
      await saveRecord(db, 'visitCards', visitDraft({ dealerId, visitDay: '2026-11-23', isoWeek: '2026-W48', currentInventory: 30 + i }), { author: REP, now: tonight });
    }
    const mon = await save('2026-11-23', 0);
    const tue = await save('2026-11-24', 10);
    await save('2026-11-25', 20);

    const signals = await loadIntegritySignals(db, mon, { timeZone: TZ, now: at('2026-11-26', '09:00') });
    expect(kinds(signals)).toEqual(['writtenLate', 'manyDaysInOne', 'copiedInventory']);
    expect(signals[0]!.params).toMatchObject({ reportedDay: '2026-11-23', writtenDay: '2026-11-25', days: 2 });
    expect(signals[1]!.params).toMatchObject({ basis: 'sitting', days: '2026-11-24,2026-11-25', count: 3 });
    expect(signals[2]!.params).toMatchObject({ cards: 3, ofCards: 3, dealers: 3, percent: 100 });

    const second = await loadIntegritySignals(db, tue, { timeZone: TZ, now: at('2026-11-26', '09:00') });
    expect(kinds(second)).toEqual(['manyDaysInOne']);
  });
});
