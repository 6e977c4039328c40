/**
 * The records the surface tests show: a rep's week in the UI language (a Chinese team writes
 * Chinese, an English one English), as a Fieldkit backup imported through the real import path.
 * Fixed dates, so screenshots are stable: "today" is FIXED_NOW.
 */
import { BACKUP_FORMAT, BACKUP_VERSION } from '../../lib/backup/format';
import { Dealer, Terminal } from '../../lib/dealers/schema';
import { DealerFacts } from '../../lib/dealers/facts';
import { VisitCard } from '../../lib/visits/schema';
import { DiaryEntry } from '../../lib/reports/diary-schema';
import { IntelItem } from '../../lib/intel/schema';
import { isoWeekOf } from '../../lib/kernel/dates';

/** Monday 30 November 2026, 10:00 in Shanghai. */
export const FIXED_NOW = new Date('2026-11-30T02:00:00.000Z');

const DAY_MS = 86_400_000;
const ids = (prefix: string) => (n: number) => `01KB${prefix}${String(n).padStart(21 - prefix.length + 1, '0')}`.slice(0, 26);

const TEXT = {
  'zh-CN': {
    rep: '张伟',
    dealers: [
      { name: '华东润滑油经销有限公司', city: '上海', region: '华东', grade: 'A', customerClass: 'distributor', creditLimit: 500000, arrears: 120000 },
      { name: '苏南汽配城润滑油批发部', city: '苏州', region: '华东', grade: 'B', customerClass: 'distributor', creditLimit: 200000, arrears: 230000 },
      { name: '杭州顺达汽车养护中心', city: '杭州', region: '华东', grade: 'C', customerClass: 'potential', creditLimit: 50000 },
    ],
    notes: ['调整了货架陈列，新品上了端架', '老板反映竞品在降价', '', '催收上月货款'],
    unit: '箱',
    terminal: '终端',
    today: ['拜访苏南汽配城，完成 30 箱订货', '核对华东润滑油库存'],
    tomorrow: ['拜访华东润滑油，推荐新品 2 个', '整理本周竞品价格'],
    problems: ['苏南汽配城欠款超出授信额度，需要主管协调'],
    weeklyPlan: ['拜访苏南汽配城，完成 30 箱订货', '新开终端 3 家'],
    intel: [
      { competitorName: '美孚', brand: '美孚', product: '美孚1号 全合成机油 0W-40', sku: 'M1-0W40-4L', spec: '4L', prices: [{ kind: 'retail', amount: 468, unit: '元/桶' }], promotion: { type: 'gift', description: '买 4L 送 1L' }, region: '华东' },
      { competitorName: '嘉实多', brand: '嘉实多', product: '极护 5W-30', sku: 'EDGE-5W30-4L', spec: '4L', prices: [{ kind: 'wholesale', amount: 305, unit: '元/桶' }], promotion: { type: 'priceCut', description: '批发价下调 8%' }, region: '华东' },
    ],
  },
  en: {
    rep: 'Wei Zhang',
    dealers: [
      { name: 'Eastern Lubricants Distribution', city: 'Shanghai', region: 'East', grade: 'A', customerClass: 'distributor', creditLimit: 500000, arrears: 120000 },
      { name: 'Southside Auto Parts Wholesale', city: 'Suzhou', region: 'East', grade: 'B', customerClass: 'distributor', creditLimit: 200000, arrears: 230000 },
      { name: 'Hangzhou Express Car Care', city: 'Hangzhou', region: 'East', grade: 'C', customerClass: 'potential', creditLimit: 50000 },
    ],
    notes: ['Rearranged the shelf; the new line is on the end cap', 'The owner says a competitor is cutting prices', '', 'Chased last month’s invoice'],
    unit: 'case',
    terminal: 'Outlet',
    today: ['Visited Southside Auto Parts, took an order of 30 cases', 'Checked stock at Eastern Lubricants'],
    tomorrow: ['Visit Eastern Lubricants, recommend 2 new products', 'Collect this week’s competitor prices'],
    problems: ['Southside’s arrears exceed its credit limit: needs a manager'],
    weeklyPlan: ['Visit Southside Auto Parts, order of 30 cases', 'Open 3 new outlets'],
    intel: [
      { competitorName: 'Mobil', brand: 'Mobil', product: 'Mobil 1 Full Synthetic 0W-40', sku: 'M1-0W40-4L', spec: '4L', prices: [{ kind: 'retail', amount: 468, unit: 'drum' }], promotion: { type: 'gift', description: 'Buy 4L, get 1L free' }, region: 'East' },
      { competitorName: 'Castrol', brand: 'Castrol', product: 'EDGE 5W-30', sku: 'EDGE-5W30-4L', spec: '4L', prices: [{ kind: 'wholesale', amount: 305, unit: 'drum' }], promotion: { type: 'priceCut', description: 'Wholesale price down 8%' }, region: 'East' },
    ],
  },
} as const;

export function buildLookBackup(locale: 'zh-CN' | 'en'): string {
  const text = TEXT[locale];
  const author = { id: 'rep-101', name: text.rep };
  const at = (daysAgo: number) => new Date(FIXED_NOW.getTime() - daysAgo * DAY_MS);
  const day = (daysAgo: number) => at(daysAgo).toISOString().slice(0, 10);
  const base = (id: string, daysAgo: number) => ({ id, author, createdAt: at(daysAgo).toISOString(), updatedAt: at(daysAgo).toISOString() });
  const dealerId = ids('D');
  const dealers = text.dealers.map((fields, i) => Dealer.parse({ ...base(dealerId(i + 1), 40), schemaVersion: 1, shared: false, ...fields }));
  // The first dealer's terminal list and ERP figures (Sep–Nov), so its KPI panel has numbers.
  const terminalId = ids('T');
  const terminals = Array.from({ length: 8 }, (_, i) =>
    Terminal.parse({ ...base(terminalId(i + 1), 60), schemaVersion: 1, dealerId: dealers[0]!.id, name: `${text.terminal} ${i + 1}`, signed: i < 5, ...(i < 5 ? { contractedVolume: 120 } : {}), ...(i < 6 ? { firstTransactionDay: '2026-05-01' } : {}) }),
  );
  const factsId = ids('F');
  const figures = (values: Record<string, number>, month: string) =>
    Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value, source: { kind: 'import', file: `erp-${month}.xlsx`, row: 2, at: at(3).toISOString() } }]));
  const dealerFacts = [
    ['2026-09', { shipments: 260, sales: 980, salesTarget: 1000, inventory: 300 }],
    ['2026-10', { shipments: 280, sales: 930, salesTarget: 1000, inventory: 320 }],
    ['2026-11', { shipments: 300, sales: 960, salesTarget: 1000, inventory: 330, terminalSales: 620, activeTerminals: 5, signedTerminalsOnTarget: 3, signedTerminalSales: 480 }],
  ].map(([month, values], i) => DealerFacts.parse({ ...base(factsId(i + 1), 3), schemaVersion: 1, dealerId: dealers[0]!.id, period: month, figures: figures(values as Record<string, number>, month as string) }));
  const cardId = ids('V');
  const visitCards = [0, 0, 1, 7].map((daysAgo, i) =>
    VisitCard.parse({
      ...base(cardId(i + 1), daysAgo),
      schemaVersion: 2,
      dealerId: dealers[i % dealers.length]!.id,
      ...(i % dealers.length === 0 ? { terminalId: terminals[i]!.id } : {}),
      visitDay: day(daysAgo),
      isoWeek: isoWeekOf(day(daysAgo)),
      previousPeriodSales: 120 + i * 10,
      currentInventory: 40 - i * 3,
      orderQuantity: i === 2 ? undefined : 25 + i * 5,
      unit: text.unit,
      orderedSkus: ['HX7 5W-40 4L'],
      requiredSkus: [
        { sku: 'HX7 5W-40 4L', carried: true },
        { sku: 'ULTRA 0W-20 4L', carried: i % 2 === 0 },
      ],
      actions: { checkedInventory: true, didDisplay: i !== 3, tookOrder: i !== 2, recommendedNewProducts: i % 2 === 0 },
      keyAccount: i < 2,
      note: text.notes[i],
    }),
  );
  const entryId = ids('E');
  const lastMonday = day(7);
  const diaryEntries = [
    DiaryEntry.parse({
      ...base(entryId(1), 1),
      schemaVersion: 1,
      periodStart: day(1),
      isoWeek: isoWeekOf(day(1)),
      month: day(1).slice(0, 7),
      status: 'submitted',
      submittedAt: at(1).toISOString(),
      content: { kind: 'daily', todayWork: text.today, tomorrowPlan: text.tomorrow, problems: text.problems },
    }),
    DiaryEntry.parse({
      ...base(entryId(2), 3),
      schemaVersion: 1,
      periodStart: lastMonday,
      isoWeek: isoWeekOf(lastMonday),
      month: lastMonday.slice(0, 7),
      status: 'submitted',
      submittedAt: at(3).toISOString(),
      content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: text.weeklyPlan.map((priority) => ({ priority, support: '' })), keyAccountVisits: [], gradeChanges: [] },
    }),
  ];
  const intelId = ids('N');
  const intelItems = text.intel.map((fields, i) =>
    IntelItem.parse({
      ...base(intelId(i + 1), 2 + i),
      schemaVersion: 1,
      observedDay: day(2 + i),
      confidence: 'high',
      dealerId: dealers[i]!.id,
      sourceUrl: 'https://shop.example.com/item/1',
      sourceTitle: fields.product,
      ...fields,
      prices: fields.prices.map((p) => ({ ...p, currency: 'CNY' })),
    }),
  );
  return JSON.stringify({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: FIXED_NOW.toISOString(),
    appVersion: 'look-test',
    tables: { dealers, terminals, dealerFacts, visitCards, diaryEntries, intelItems, settings: [{ key: 'profile', value: { ...author, role: 'rep' } }] },
  });
}
