/**
 * One rep's week for the reports bench: deterministic (seeded PRNG, ULID-shaped ids built from
 * each record's own time), valid per the zod schemas (checked before writing), the week before
 * the current one (so the whole week has happened, and the KPI months are the current ones).
 *
 * The rep is responsible for 30 dealers (grades A/B/C), 20 of them visited in the week; 2 more
 * dealers of a colleague are visited too (read by id). Each dealer has 13 months of ERP figures
 * ending with the current month and 12 terminals (bench/panel/fixture.ts), and the rep's cards of
 * the year before (≈ 2 a week per dealer), so the report's KPI movements do the panel's real work.
 * The week itself: 100 visit cards (20 a working day, key accounts marked on some, orders,
 * inventory counts, required SKUs some not carried), 5 daily reports, 20 intel items; last week's
 * submitted weekly report plans 6 items, most naming dealers, and its snapshot holds the grades the
 * next report compares with (3 have changed since). 12 older weeklies and their dailies sit behind.
 */
import { daysOfIsoWeek, isoWeekOf, monthOf } from '../../lib/kernel/dates';
import { addDaysToDay } from '../../lib/reports/deadlines';
import type { Author } from '../../lib/kernel/record';
import type { Dealer, Terminal } from '../../lib/dealers/schema';
import type { DealerFacts } from '../../lib/dealers/facts';
import type { DiaryEntry } from '../../lib/reports/diary-schema';
import type { IntelItem } from '../../lib/intel/schema';
import type { VisitCard } from '../../lib/visits/schema';
import { periodOf, type ReportPeriod } from '../../lib/reports/periods';
import { dealerRecords } from '../panel/fixture';
import { prng, ulidAt } from '../views/fixture';

export const REP: Author = { id: 'owner-101', name: '张伟' };
const COLLEAGUE = 'owner-102';

export const WEEK = { dealersVisited: 20, ownDealers: 30, othersVisited: 2, cards: 100, intel: 20, dailies: 5, planItems: 6 } as const;
/** Weeks of cards before the measured one (the KPI's trend and last year's month read them). */
const HISTORY_WEEKS = 56;
const OLDER_WEEKLIES = 12;

export interface RepWeek {
  period: ReportPeriod;
  /** Friday 17:00 of the week, Asia/Shanghai: when the rep builds the report. */
  now: Date;
  dealers: Dealer[];
  terminals: Terminal[];
  facts: DealerFacts[];
  /** All the rep's cards: the week's and the history's. */
  cards: VisitCard[];
  intel: IntelItem[];
  diaries: DiaryEntry[];
  counts: { weekCards: number; historyCards: number; weekIntel: number; dailies: number; weeklies: number; planItems: number; keyAccountCards: number; gradeChanges: number };
}

const CITIES = ['杭州', '宁波', '温州', '绍兴', '嘉兴', '湖州', '金华', '台州', '苏州', '无锡', '常州', '南京', '合肥', '芜湖', '上海', '福州'];
const TRADES = ['顺达', '东海', '恒泰', '兴隆', '大华', '永盛', '金桥', '华丰'];
const SUFFIXES = ['润滑油经销有限公司', '汽配商贸公司', '车用品批发部', '机电物资公司'];
const SKUS = ['HX7-4L', 'HX8-4L', 'HX5-1L', 'ULTRA-5W30', 'DIESEL-CI4', 'GEAR-80W90'];
const NOTES = ['核对库存，调整陈列', '谈年底返利政策', '新品 HX8 推荐', '处理客户投诉；物流延迟 2 天', '对账并催收欠款', ''];
const COMPETITORS = ['美孚', '壳牌', '嘉实多', '长城', '昆仑'];
const GRADES = ['A', 'B', 'C'] as const;

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const int = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
/** A local time of a day in Asia/Shanghai (UTC+8), as ms. */
const at = (day: string, hour: number, minute = 0) => Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`) + minute * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The rep's week before the one containing `today` (YYYY-MM-DD). */
export function repWeek(today: string, seed = 11): RepWeek {
  const random = prng(seed);
  const period = periodOf('weekly', addDaysToDay(today, -7));
  const workdays = daysOfIsoWeek(period.start).slice(0, 5);
  const now = new Date(at(workdays[4]!, 17));
  const base = (ms: number, author: Author = REP) => ({ author, createdAt: iso(ms), updatedAt: iso(ms) });

  // Dealers 0–19: the rep's, visited; 20–29: the rep's, not visited this week; 30–31: a colleague's, visited.
  const total = WEEK.ownDealers + WEEK.othersVisited;
  const dealers: Dealer[] = [];
  const terminals: Terminal[] = [];
  const facts: DealerFacts[] = [];
  for (let i = 0; i < total; i++) {
    const name = `${CITIES[i % CITIES.length]}${TRADES[Math.floor(i / 4) % TRADES.length]}${SUFFIXES[i % SUFFIXES.length]}`;
    const records = dealerRecords({ name, companyId: String(9100 + i), years: 1, cards: 0, months: 13, terminals: 12, intel: 0, seed: 500 + i }, today);
    dealers.push({ ...records.dealer, grade: pick(random, GRADES), responsibleRepId: i < WEEK.ownDealers ? REP.id : COLLEAGUE });
    terminals.push(...records.terminals);
    facts.push(...records.facts);
  }
  const visited = [...dealers.slice(0, WEEK.dealersVisited), ...dealers.slice(WEEK.ownDealers)];

  const card = (dealer: Dealer, day: string, ms: number, keyAccount: boolean, dealerTerminals: Terminal[]): VisitCard => {
    const ordered = random() < 0.6;
    const terminal = random() < 0.5 ? pick(random, dealerTerminals) : undefined;
    return {
      id: ulidAt(ms, random),
      schemaVersion: 2,
      ...base(ms),
      dealerId: dealer.id,
      ...(terminal ? { terminalId: terminal.id } : {}),
      visitDay: day,
      isoWeek: isoWeekOf(day),
      previousPeriodSales: int(random, 0, 200),
      currentInventory: int(random, 0, 120),
      ...(ordered ? { orderQuantity: int(random, 5, 80) } : {}),
      unit: '箱',
      orderedSkus: ordered ? [pick(random, SKUS), pick(random, SKUS)] : [],
      requiredSkus: [
        { sku: SKUS[0]!, carried: random() < 0.8 },
        { sku: SKUS[1]!, carried: random() < 0.6 },
        { sku: SKUS[2]!, carried: random() < 0.9 },
      ],
      recentPurchases: [],
      actions: { checkedInventory: true, didDisplay: random() < 0.7, tookOrder: ordered, recommendedNewProducts: random() < 0.4 },
      keyAccount,
      note: pick(random, NOTES),
    };
  };
  const terminalsOf = new Map(dealers.map((d) => [d.id, terminals.filter((t) => t.dealerId === d.id)]));

  // The week: 20 cards a working day, every visited dealer once a day (key accounts: dealers 0–3, Monday and Thursday).
  const weekCards: VisitCard[] = [];
  workdays.forEach((day, d) => {
    visited.slice(0, WEEK.cards / workdays.length).forEach((dealer, k) => {
      const keyAccount = dealers.indexOf(dealer) < 4 && (d === 0 || d === 3);
      weekCards.push(card(dealer, day, at(day, 9, k * 20), keyAccount, terminalsOf.get(dealer.id)!));
    });
  });

  // The history: ≈ 2 cards a week per dealer of the rep over the weeks before (never in the measured week).
  const historyCards: VisitCard[] = [];
  for (let w = HISTORY_WEEKS; w >= 1; w--) {
    const days = daysOfIsoWeek(addDaysToDay(period.start, -7 * w)).slice(0, 5);
    dealers.slice(0, WEEK.ownDealers).forEach((dealer, i) => {
      for (const d of [i % 5, (i + 2) % 5]) historyCards.push(card(dealer, days[d]!, at(days[d]!, 10, i), false, terminalsOf.get(dealer.id)!));
    });
  }

  const intel: IntelItem[] = Array.from({ length: WEEK.intel }, (_, i) => {
    const day = workdays[i % workdays.length]!;
    const ms = at(day, 15, i);
    const competitor = pick(random, COMPETITORS);
    return {
      id: ulidAt(ms, random),
      schemaVersion: 1,
      ...base(ms),
      observedDay: day,
      competitorName: competitor,
      brand: competitor,
      product: `${competitor} 5W-30`,
      sku: `${competitor}-${int(random, 1, 6)}`,
      prices: [{ kind: 'retail', amount: int(random, 80, 400), currency: 'CNY', unit: '元/瓶' }],
      ...(i % 3 === 0 ? { promotion: { type: 'gift' as const, description: '买四送一', from: day } } : {}),
      ...(i % 2 === 0 ? { dealerId: visited[i % visited.length]!.id } : {}),
      sightings: [],
      confidence: 'medium',
    };
  });

  const entry = (kind: 'daily' | 'weekly', periodStart: string, content: DiaryEntry['content'], submittedMs: number, extra: Partial<DiaryEntry> = {}): DiaryEntry => ({
    id: ulidAt(submittedMs, random),
    schemaVersion: 1,
    ...base(submittedMs),
    periodStart,
    isoWeek: isoWeekOf(periodStart),
    month: monthOf(periodStart),
    status: 'submitted',
    submittedAt: iso(submittedMs),
    content,
    annotations: [],
    deadline: {
      outcome: 'onTime',
      dueAt: iso(kind === 'daily' ? at(periodStart, 20) : at(addDaysToDay(periodStart, 4), 18)),
      timeZone: 'Asia/Shanghai',
      submittedAt: iso(submittedMs),
    },
    ...extra,
  });
  const short = (dealer: Dealer) => dealer.name.slice(0, 4);
  const dailyOf = (day: string, d: number) =>
    entry('daily', day, {
      kind: 'daily',
      todayWork: [
        `拜访${visited[d]!.name}，核对库存`,
        d === 1 ? '完成了季度促销方案的培训，讲解了新品卖点' : '整理本周订单与回款',
        `陪同${short(visited[d + 5]!)}走访终端 ${3 + d} 家`,
      ],
      tomorrowPlan: ['继续拜访重点客户'],
      problems: d % 2 === 0 ? [`${short(visited[d + 2]!)}回款慢，需要支持`] : [],
    }, at(day, 19));

  const diaries: DiaryEntry[] = [];
  workdays.forEach((day, d) => diaries.push(dailyOf(day, d)));
  // Older weeks: each with its dailies and a weekly report.
  for (let w = OLDER_WEEKLIES + 1; w >= 1; w--) {
    const start = addDaysToDay(period.start, -7 * w);
    const days = daysOfIsoWeek(start).slice(0, 5);
    days.forEach((day, d) => diaries.push(dailyOf(day, d)));
    const last = w === 1;
    const plan = last
      ? [
          `拜访${visited[0]!.name}，谈年底返利`,
          `${visited[1]!.name}订货 200 箱`,
          `拜访${visited[2]!.name}和${dealers[WEEK.dealersVisited]!.name}`,
          '本周拜访 25 家终端',
          '完成季度促销方案培训',
          `电话跟进${dealers[WEEK.dealersVisited + 1]!.name}回款`,
        ]
      : ['跟进 3 家潜在客户', '完成 5 家终端陈列'];
    diaries.push(
      entry('weekly', start, {
        kind: 'weekly',
        lastWeekSummary: [{ item: '完成 5 家终端陈列', completion: 80, problem: '' }],
        nextWeekPlan: plan.map((priority) => ({ priority, support: '' })),
        keyAccountVisits: [],
        gradeChanges: [],
      }, at(days[4]!, 17), last
        ? {
            snapshot: {
              asOf: iso(at(days[4]!, 17)),
              timeZone: 'Asia/Shanghai',
              from: start,
              to: addDaysToDay(start, 6),
              plan: [],
              work: [],
              dealers: [],
              keyAccounts: { required: 2, visited: 2, checks: [] },
              intel: [],
              kpis: [],
              deadlines: [],
              problems: [],
              // Three grades have changed since (dealers 0, 5 and 10).
              grades: dealers.slice(0, WEEK.ownDealers).map((dealer, i) => ({ dealerId: dealer.id, grade: i % 5 === 0 && i <= 10 ? GRADES[(GRADES.indexOf(dealer.grade!) + 1) % 3] : dealer.grade })),
            },
          }
        : {}),
    );
  }

  return {
    period,
    now,
    dealers,
    terminals,
    facts,
    cards: [...historyCards, ...weekCards],
    intel,
    diaries,
    counts: {
      weekCards: weekCards.length,
      historyCards: historyCards.length,
      weekIntel: intel.length,
      dailies: workdays.length,
      weeklies: OLDER_WEEKLIES + 1,
      planItems: WEEK.planItems,
      keyAccountCards: weekCards.filter((c) => c.keyAccount).length,
      gradeChanges: 3,
    },
  };
}
