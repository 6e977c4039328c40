/**
 * One dealer's history for the KPI-panel bench: deterministic (seeded PRNG, ULID-shaped ids built
 * from each record's own time), valid per the zod schemas, ending today. Used in Node (seeding the
 * built extension's database) and in the bench page (seeding IndexedDB directly).
 *
 * The 5-year dealer of issue [panel]: 20,000 visit cards over its working days (≈ 15 a day, most at
 * one of its terminals), 60 monthly rows of ERP figures ending with the current month, 80 terminals,
 * 300 intel items. Figures carry what the look fixture's dealer has (shipments, sales and target,
 * inventory, terminal sales and counts); terminal totals, signed terminals and contracted volume
 * come from the terminal list, arrears and credit limit from the dealer file, as in real data.
 */
import { daysOfMonth, monthOf, addMonthsTo } from '../../lib/kernel/dates';
import type { Author } from '../../lib/kernel/record';
import type { Dealer, Terminal } from '../../lib/dealers/schema';
import type { DealerFacts, FigureName } from '../../lib/dealers/facts';
import type { IntelItem } from '../../lib/intel/schema';
import type { VisitCard } from '../../lib/visits/schema';
import { daysEndingOn, prng, ulidAt } from '../views/fixture';

export interface DealerSpec {
  name: string;
  /** The HubSpot company the dealer is linked to. */
  companyId: string;
  years: number;
  cards: number;
  /** Monthly rows of figures, ending with the current month. */
  months: number;
  terminals: number;
  intel: number;
  /** PRNG seed: the same spec and seed give the same records. */
  seed: number;
}

export const FIVE_YEARS = { years: 5, cards: 20_000, months: 60, terminals: 80, intel: 300 } as const;

export interface DealerRecords {
  dealer: Dealer;
  terminals: Terminal[];
  facts: DealerFacts[];
  cards: VisitCard[];
  intel: IntelItem[];
}

const SKUS = ['HX7-4L', 'HX8-4L', 'HX5-1L', 'ULTRA-5W30', 'DIESEL-CI4', 'GEAR-80W90', 'ATF-III', 'COOLANT-4L'];
const NOTES = ['拜访重点客户并核对库存', '陪同经销商走访终端', '新品陈列检查', '处理客户投诉；物流延迟 2 天', '竞品降价 5%，客户要求支持', ''];
const COMPETITORS = ['美孚', '壳牌', '嘉实多', '长城', '昆仑'];
const DAY_MS = 86_400_000;

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const int = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/** The dealer's records, ending on `today` (YYYY-MM-DD, the local day the panel reads). */
export function dealerRecords(spec: DealerSpec, today: string): DealerRecords {
  const random = prng(spec.seed);
  const days = daysEndingOn(today, spec.years);
  const now = days[days.length - 1]!.noon;
  const iso = (ms: number) => new Date(ms).toISOString();
  const author: Author = { id: 'rep-001', name: '销售代表 1' };
  const base = (at: number) => ({ author, createdAt: iso(at), updatedAt: iso(at) });
  const start = days[0]!.noon - 30 * DAY_MS;

  const dealer: Dealer = {
    id: ulidAt(start, random),
    schemaVersion: 1,
    ...base(start),
    name: spec.name,
    city: '杭州',
    region: '华东一区',
    customerClass: 'distributor',
    grade: 'A',
    creditLimit: 500_000,
    arrears: 120_000,
    responsibleRepId: author.id,
    shared: false,
    file: { salesRegions: ['杭州'], mainProducts: ['HX7-4L'] },
    crm: { objectType: 'company', objectId: spec.companyId, syncedAt: iso(now), syncedVersion: iso(start) },
  };

  const terminals: Terminal[] = Array.from({ length: spec.terminals }, (_, i) => {
    const at = start + i * 60_000;
    const signed = i % 5 < 3;
    const firstDay = i % 4 < 3 ? days[Math.floor((i / spec.terminals) * (days.length - 1))]!.day : undefined;
    return {
      id: ulidAt(at, random),
      schemaVersion: 1,
      ...base(at),
      dealerId: dealer.id,
      name: `终端 ${String(i + 1).padStart(3, '0')}`,
      signed,
      ...(signed ? { contractedVolume: int(random, 8, 20) * 10 } : {}),
      ...(firstDay ? { firstTransactionDay: firstDay } : {}),
    };
  });

  const lastMonth = monthOf(today);
  const facts: DealerFacts[] = Array.from({ length: spec.months }, (_, i) => {
    const month = addMonthsTo(lastMonth, i - spec.months + 1);
    const importedAt = Math.min(now, Date.parse(`${daysOfMonth(month).last}T12:00:00Z`) + DAY_MS);
    const source = { kind: 'import' as const, file: `erp-${month}.xlsx`, row: 2, at: iso(importedAt) };
    const active = int(random, 40, 60);
    const values: Partial<Record<FigureName, number>> = {
      shipments: int(random, 240, 320),
      sales: int(random, 850, 1100),
      salesTarget: 1000,
      inventory: int(random, 220, 360),
      terminalSales: int(random, 4000, 6000),
      activeTerminals: active,
      signedTerminalsOnTarget: int(random, 20, 40),
      signedTerminalSales: int(random, 3000, 4500),
    };
    return {
      id: ulidAt(importedAt, random),
      schemaVersion: 1,
      ...base(importedAt),
      dealerId: dealer.id,
      period: month,
      figures: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value, source }])) as DealerFacts['figures'],
    };
  });

  // Cards on working days (today always), spread evenly; most at a terminal, some at the dealer itself.
  const workdays = days.filter((d, i) => d.weekday || i === days.length - 1);
  const perDay = Math.floor(spec.cards / workdays.length);
  const extra = spec.cards - perDay * workdays.length;
  const cards: VisitCard[] = [];
  workdays.forEach((d, w) => {
    const n = perDay + (Math.floor(((w + 1) * extra) / workdays.length) - Math.floor((w * extra) / workdays.length));
    for (let k = 0; k < n; k++) {
      const at = d.noon - 4 * 3_600_000 + k * 20 * 60_000;
      const terminal = random() < 0.85 && terminals.length > 0 ? pick(random, terminals) : undefined;
      const ordered = random() < 0.6;
      cards.push({
        id: ulidAt(at, random),
        schemaVersion: 2,
        ...base(at),
        dealerId: dealer.id,
        ...(terminal ? { terminalId: terminal.id } : {}),
        visitDay: d.day,
        isoWeek: d.isoWeek,
        previousPeriodSales: int(random, 0, 200),
        currentInventory: int(random, 0, 120),
        ...(ordered ? { orderQuantity: int(random, 5, 80) } : {}),
        unit: '箱',
        orderedSkus: ordered ? [pick(random, SKUS), pick(random, SKUS)] : [],
        requiredSkus: [
          { sku: SKUS[0]!, carried: random() < 0.8 },
          { sku: SKUS[1]!, carried: random() < 0.5 },
        ],
        recentPurchases: [],
        actions: { checkedInventory: true, didDisplay: random() < 0.7, tookOrder: ordered, recommendedNewProducts: random() < 0.4 },
        keyAccount: random() < 0.1,
        note: pick(random, NOTES),
      });
    }
  });

  const intel: IntelItem[] = Array.from({ length: spec.intel }, (_, i) => {
    const d = days[Math.floor(((i + 0.5) * days.length) / spec.intel)]!;
    const at = d.noon + 2 * 3_600_000;
    const competitor = pick(random, COMPETITORS);
    return {
      id: ulidAt(at, random),
      schemaVersion: 1,
      ...base(at),
      observedDay: d.day,
      competitorName: competitor,
      brand: competitor,
      product: `${competitor} 5W-30`,
      sku: `${competitor}-${int(random, 1, 6)}`,
      prices: [{ kind: 'retail', amount: int(random, 80, 400), currency: 'CNY', unit: '元/瓶' }],
      ...(random() < 0.3 ? { promotion: { type: 'gift' as const, description: '买四送一', from: d.day } } : {}),
      dealerId: dealer.id,
      sightings: [],
      confidence: 'medium',
    };
  });

  return { dealer, terminals, facts, cards, intel };
}

/** The tables the records go to, in writing order. */
export const TABLES = ['dealers', 'terminals', 'dealerFacts', 'visitCards', 'intelItems'] as const;
export type SeededTable = (typeof TABLES)[number];

export function rowsByTable(records: DealerRecords): Record<SeededTable, readonly object[]> {
  return { dealers: [records.dealer], terminals: records.terminals, dealerFacts: records.facts, visitCards: records.cards, intelItems: records.intel };
}
