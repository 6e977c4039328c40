/**
 * The scale fixture of the views bench: deterministic (seeded PRNG, ULID-shaped ids built from
 * the record's own time), valid per the zod schemas, and ending today (the views read the real
 * clock through `today()`), so "today", "this week" and "this month" are the last of the history.
 *
 * Per author and year: 1,200 visit cards over the author's dealers (≈ 4–5 a working day, today
 * included), 250 daily reports (working days before today), 52 weekly (ISO weeks before this
 * one), 12 monthly (months before this one) and 300 intel items. 120 dealers per rep.
 */
import { getDay } from 'date-fns';
import { isoWeekOf, monthOf, toDay } from '../../lib/kernel/dates';
import type { Author } from '../../lib/kernel/record';
import type { Dealer } from '../../lib/dealers/schema';
import type { DiaryEntry } from '../../lib/reports/diary-schema';
import type { IntelItem } from '../../lib/intel/schema';
import { Competitor } from '../../lib/intel/dictionary/schema';
import type { VisitCard } from '../../lib/visits/schema';
import { createRandom } from '../../sim/prng';

export const PER_YEAR = { cards: 1200, daily: 250, weekly: 52, monthly: 12, intel: 300 } as const;
export const DEALERS_PER_REP = 120;

/** The simulator's seeded PRNG (mulberry32), so a fixture is the same on every run. */
export const prng = createRandom;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-shaped id: 10 characters of `time` (ms), 16 from the PRNG. */
export function ulidAt(time: number, random: () => number): string {
  let head = '';
  let t = time;
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[t % 32]! + head;
    t = Math.floor(t / 32);
  }
  let tail = '';
  for (let i = 0; i < 16; i++) tail += CROCKFORD[Math.floor(random() * 32)]!;
  return head + tail;
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const int = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/** One calendar day of the span. */
interface Day {
  day: string;
  isoWeek: string;
  /** Local noon, ms. */
  noon: number;
  weekday: boolean;
}

/** The `years` × 365 days that end with `today` (inclusive), oldest first. */
export function daysEndingOn(today: string, years: number): Day[] {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const count = Math.round(years * 365.25);
  const days: Day[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const date = new Date(y, m - 1, d - i, 12);
    const day = toDay(date);
    const weekDay = getDay(date);
    days.push({ day, isoWeek: isoWeekOf(day), noon: date.getTime(), weekday: weekDay !== 0 && weekDay !== 6 });
  }
  return days;
}

/** `n` indexes spread evenly over `0..length-1` (all of them when n ≥ length). */
function spread(length: number, n: number): number[] {
  if (n >= length) return Array.from({ length }, (_, i) => i);
  return Array.from({ length: n }, (_, i) => Math.floor(((i + 0.5) * length) / n));
}

const CITIES = ['杭州', '宁波', '温州', '绍兴', '嘉兴', '湖州', '金华', '台州', '苏州', '无锡', '常州', '南京', '合肥', '芜湖', '上海', '福州'];
const REGIONS = ['华东一区', '华东二区', '华东三区', '华中区'];
const SUFFIXES = ['汽配', '润滑油', '商贸', '车用品', '贸易', '机电', '物资', '养护'];
const SKUS = ['HX7-4L', 'HX8-4L', 'HX5-1L', 'ULTRA-5W30', 'DIESEL-CI4', 'GEAR-80W90', 'ATF-III', 'COOLANT-4L'];
const COMPETITORS = ['美孚', '壳牌', '嘉实多', '长城', '昆仑', '道达尔', '福斯', '统一'];
const PRODUCTS = ['金装 5W-30', '银装 10W-40', '全合成 0W-20', '柴机油 CI-4', '齿轮油 80W-90', '防冻液'];
const WORK = ['拜访重点客户并核对库存', '陪同经销商走访终端', '整理本周订单与回款', '处理客户投诉', '新品陈列检查', '参加区域例会'];
const PLANS = ['跟进 3 家潜在客户', '完成 5 家终端陈列', '催收欠款 2 万元', '推广新品 HX8 到 4 家门店', '拜访 2 家大客户'];
const PROBLEMS = ['竞品降价 5%，客户要求支持', '物流延迟 2 天', '部分终端库存偏高'];

export function dealersOf(repIndex: number, author: Author, random: () => number, now: number): Dealer[] {
  const at = new Date(now).toISOString();
  return Array.from({ length: DEALERS_PER_REP }, (_, i) => {
    const n = repIndex * DEALERS_PER_REP + i;
    const city = pick(random, CITIES);
    return {
      id: ulidAt(now - 86_400_000 * 2000 + n * 1000, random),
      schemaVersion: 1 as const,
      author,
      createdAt: at,
      updatedAt: at,
      name: `${city}${pick(random, SUFFIXES)}有限公司 ${String(n + 1).padStart(4, '0')}`,
      city,
      region: pick(random, REGIONS),
      customerClass: pick(random, ['distributor', 'potential', 'downstream'] as const),
      grade: pick(random, ['A', 'B', 'C'] as const),
      creditLimit: int(random, 1, 50) * 10_000,
      arrears: int(random, 0, 20) * 1000,
      responsibleRepId: author.id,
      shared: false,
      file: { salesRegions: [city], mainProducts: [pick(random, SKUS)] },
      crm: { objectType: 'companies', objectId: String(100_000 + n), syncedAt: at, syncedVersion: at },
    };
  });
}

export function competitorsOf(random: () => number, now: number, author: Author): Competitor[] {
  const at = new Date(now).toISOString();
  // Parsed, so the rows carry whatever defaults the dictionary's schema adds.
  return COMPETITORS.map((name, i) =>
    Competitor.parse({
      id: ulidAt(now - 86_400_000 * 2100 + i, random),
      schemaVersion: 1,
      author,
      createdAt: at,
      updatedAt: at,
      name,
    }),
  );
}

export interface History {
  cards: VisitCard[];
  diaries: DiaryEntry[];
  intel: IntelItem[];
}

/**
 * One author's history over `days` (see daysEndingOn): cards on working days (today always),
 * daily reports on working days before today, weekly/monthly for the periods before the current
 * one (the current period's report is what the rep is about to write), intel over every day.
 */
export function historyOf(author: Author, dealerIds: readonly string[], days: readonly Day[], years: number, random: () => number, reviewer: Author): History {
  const today = days[days.length - 1]!;
  const workdays = days.filter((d, i) => d.weekday || i === days.length - 1);
  const iso = (ms: number) => new Date(ms).toISOString();

  const cards: VisitCard[] = [];
  const cardCount = PER_YEAR.cards * years;
  const base = Math.floor(cardCount / workdays.length);
  const extra = new Set(spread(workdays.length, cardCount - base * workdays.length));
  workdays.forEach((d, w) => {
    const n = base + (extra.has(w) ? 1 : 0);
    for (let k = 0; k < n; k++) {
      const at = d.noon - 3 * 3_600_000 + k * 45 * 60_000;
      const ordered = random() < 0.6;
      cards.push({
        id: ulidAt(at, random),
        schemaVersion: 2,
        author,
        createdAt: iso(at),
        updatedAt: iso(at),
        dealerId: pick(random, dealerIds),
        visitDay: d.day,
        isoWeek: d.isoWeek,
        previousPeriodSales: int(random, 0, 200),
        currentInventory: int(random, 0, 120),
        orderQuantity: ordered ? int(random, 5, 80) : undefined,
        unit: '箱',
        orderedSkus: ordered ? [pick(random, SKUS), pick(random, SKUS)] : [],
        requiredSkus: [
          { sku: SKUS[0]!, carried: random() < 0.8 },
          { sku: SKUS[1]!, carried: random() < 0.5 },
        ],
        recentPurchases: [],
        actions: { checkedInventory: true, didDisplay: random() < 0.7, tookOrder: ordered, recommendedNewProducts: random() < 0.4 },
        keyAccount: random() < 0.1,
        note: `${pick(random, WORK)}；${pick(random, PROBLEMS)}`,
      });
    }
  });

  const diaries: DiaryEntry[] = [];
  const entry = (periodStart: string, noon: number, content: DiaryEntry['content']): DiaryEntry => {
    const at = noon + 6 * 3_600_000;
    const reviewed = random() < 0.3;
    return {
      id: ulidAt(at, random),
      schemaVersion: 1,
      author,
      createdAt: iso(at),
      updatedAt: iso(at),
      periodStart,
      isoWeek: isoWeekOf(periodStart),
      month: monthOf(periodStart),
      status: reviewed ? 'reviewed' : 'submitted',
      submittedAt: iso(at),
      content,
      annotations: reviewed ? [{ id: ulidAt(at + 86_400_000, random), author: reviewer, at: iso(at + 86_400_000), text: '数据要具体，下周跟进结果' }] : [],
    };
  };
  const before = workdays.slice(0, -1);
  for (const w of spread(before.length, PER_YEAR.daily * years)) {
    const d = before[w]!;
    diaries.push(
      entry(d.day, d.noon, {
        kind: 'daily',
        todayWork: [pick(random, WORK), pick(random, WORK), pick(random, WORK)],
        tomorrowPlan: [pick(random, PLANS), pick(random, PLANS)],
        problems: [pick(random, PROBLEMS)],
      }),
    );
  }
  // Mondays of the weeks before this one; the first day of the months before this one.
  const mondays = days.filter((d) => getDay(new Date(d.noon)) === 1 && d.isoWeek !== today.isoWeek);
  for (const d of mondays.slice(-PER_YEAR.weekly * years)) {
    const visits = dealerIds.slice(0, 2);
    diaries.push(
      entry(d.day, d.noon, {
        kind: 'weekly',
        lastWeekSummary: [
          { item: pick(random, PLANS), completion: int(random, 4, 10) * 10, problem: '' },
          { item: pick(random, PLANS), completion: int(random, 0, 10) * 10, problem: pick(random, PROBLEMS) },
        ],
        nextWeekPlan: [
          { priority: pick(random, PLANS), support: '' },
          { priority: pick(random, PLANS), support: '需要市场部支持' },
        ],
        keyAccountVisits: visits.map((dealerId) => ({ dealerId, day: d.day, purpose: '季度返利沟通', outcome: '达成进货意向' })),
        gradeChanges: [],
      }),
    );
  }
  const firsts = days.filter((d) => d.day.endsWith('-01') && monthOf(d.day) !== monthOf(today.day));
  for (const d of firsts.slice(-PER_YEAR.monthly * years)) {
    diaries.push(
      entry(d.day, d.noon, {
        kind: 'monthly',
        results: [pick(random, WORK), `回款 ${int(random, 10, 90)} 万元`],
        problems: [pick(random, PROBLEMS)],
        nextMonthPlan: [pick(random, PLANS), pick(random, PLANS)],
      }),
    );
  }

  const intel: IntelItem[] = [];
  for (const i of spread(days.length, PER_YEAR.intel * years)) {
    const d = days[i]!;
    const at = d.noon + 2 * 3_600_000;
    const competitor = pick(random, COMPETITORS);
    intel.push({
      id: ulidAt(at, random),
      schemaVersion: 1,
      author,
      createdAt: iso(at),
      updatedAt: iso(at),
      observedDay: d.day,
      competitorName: competitor,
      brand: competitor,
      product: pick(random, PRODUCTS),
      sku: `${competitor}-${int(random, 1, 6)}`,
      spec: '4L',
      prices: [
        { kind: 'retail', amount: int(random, 80, 400), currency: 'CNY', unit: '元/瓶' },
        { kind: 'wholesale', amount: int(random, 60, 300), currency: 'CNY', unit: '元/瓶' },
      ],
      promotion: random() < 0.3 ? { type: 'gift', description: '买四送一', from: d.day } : undefined,
      channel: '汽修厂',
      region: pick(random, REGIONS),
      dealerId: random() < 0.6 ? pick(random, dealerIds) : undefined,
      sightings: [],
      confidence: pick(random, ['low', 'medium', 'high'] as const),
    });
  }
  return { cards, diaries, intel };
}
