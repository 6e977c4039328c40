/**
 * The demo's built-in data: a week of a rep's work with a few dealers, visit cards, a daily report
 * and competitor intel, built through the same schemas the extension validates with and packed
 * as a Fieldkit backup file so the demo loads it through the real import path.
 */
import { BACKUP_FORMAT, BACKUP_VERSION } from '../lib/backup/format';
import { newId } from '../lib/kernel/ids';
import { Dealer } from '../lib/dealers/schema';
import { VisitCard } from '../lib/visits/schema';
import { DiaryEntry } from '../lib/reports/diary-schema';
import { IntelItem } from '../lib/intel/schema';
import { SEED_DICTIONARY, SEED_IDS } from '../lib/intel/dictionary/seed';
import { isoWeekOf, toDay } from '../lib/kernel/dates';

// 张伟 is owner 101 in the simulated HubSpot, so the demo's notes carry his owner id.
const REP = { id: '101', name: '张伟' };

/**
 * `dealers`: dealers already in Fieldkit (pulled from HubSpot) to hang the demo records on; without
 * them the demo brings three local dealers of its own.
 */
export function buildDemoBackup(now: Date = new Date(), pulledDealers: { id: string; name: string }[] = []): string {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000);
  const stamp = (daysAgo: number) => at(daysAgo).toISOString();
  const base = (daysAgo: number) => ({ id: newId(at(daysAgo).getTime()), author: REP, createdAt: stamp(daysAgo), updatedAt: stamp(daysAgo) });

  const dealers = [
    { name: '华东润滑油经销有限公司', city: '上海', grade: 'A', customerClass: 'distributor', creditLimit: 500000, arrears: 120000 },
    { name: '苏南汽配城润滑油批发部', city: '苏州', grade: 'B', customerClass: 'distributor', creditLimit: 200000, arrears: 230000 },
    { name: '杭州顺达汽车养护中心', city: '杭州', grade: 'C', customerClass: 'potential', creditLimit: 50000 },
  ].map((fields, i) => Dealer.parse({ ...base(30 - i), schemaVersion: 1, shared: false, ...fields }));
  const owners = pulledDealers.length > 0 ? pulledDealers : dealers;

  const visitCards = [0, 1, 2, 7, 8].map((daysAgo, i) => {
    const day = toDay(at(daysAgo));
    return VisitCard.parse({
      ...base(daysAgo),
      schemaVersion: 2,
      dealerId: owners[i % owners.length]!.id,
      visitDay: day,
      isoWeek: isoWeekOf(day),
      previousPeriodSales: 120 + i * 10,
      currentInventory: 40 - i * 3,
      orderQuantity: 25 + i * 5,
      unit: '箱',
      orderedSkus: ['HX7 5W-40 4L', 'HX5 10W-40 4L'].slice(0, 1 + (i % 2)),
      requiredSkus: [
        { sku: 'HX7 5W-40 4L', carried: true },
        { sku: 'Ultra 0W-20 4L', carried: i % 2 === 0 },
      ],
      actions: { checkedInventory: true, didDisplay: i !== 3, tookOrder: true, recommendedNewProducts: i % 2 === 0 },
      keyAccount: i < 2,
      note: ['调整了货架陈列，新品上了端架', '老板反映竞品在降价', '', '催收上月货款', '新店开业，铺了 3 个品种'][i],
    });
  });

  const yesterday = toDay(at(1));
  const diaryEntries = [
    DiaryEntry.parse({
      ...base(1),
      schemaVersion: 1,
      periodStart: yesterday,
      isoWeek: isoWeekOf(yesterday),
      month: yesterday.slice(0, 7),
      status: 'submitted',
      submittedAt: stamp(1),
      content: {
        kind: 'daily',
        todayWork: ['拜访苏南汽配城，完成 30 箱订货', '核对华东润滑油库存'],
        tomorrowPlan: ['拜访华东润滑油，推荐 Ultra 0W-20 新品', '整理本周竞品价格'],
        problems: ['苏南汽配城欠款超出授信额度，需要主管协调'],
      },
    }),
  ];

  // Eight weeks of the market as reps saw it, named as the dictionary names it: 美孚1号 0W-40 came
  // down from 468 to 449 and then to a 429 promotion, 嘉实多极护 cut its wholesale price, 壳牌 held.
  const LI_NA = { id: '102', name: '李娜' };
  const mobil1 = { competitorName: '美孚', competitorId: SEED_IDS.mobil, brand: '美孚1号', product: '美孚1号 全合成机油', spec: '0W-40 4L', sku: 'M1-0W40-4L' };
  const edge = { competitorName: '嘉实多', competitorId: SEED_IDS.castrol, brand: '极护', product: '嘉实多极护 全合成机油', spec: '5W-30 4L', sku: 'EDGE-5W30-4L' };
  const helix = { competitorName: '壳牌', competitorId: SEED_IDS.shell, brand: '喜力', product: '壳牌超凡喜力 全合成机油', spec: '0W-40 4L', sku: 'HU-0W40-4L' };
  const jd = (sku: string) => ({ sourceUrl: `https://item.jd.com/${sku.toLowerCase()}.html`, channel: '电商' });
  const history: { daysAgo: number; by?: typeof LI_NA; dealer?: number; region: string; fields: Record<string, unknown> }[] = [
    { daysAgo: 55, region: '华东', fields: { ...mobil1, ...jd(mobil1.sku), sourceTitle: '美孚1号 全合成机油 0W-40 4L - 京东', prices: [{ kind: 'retail', amount: 468, unit: '元/桶' }] } },
    { daysAgo: 54, dealer: 0, region: '华东', fields: { ...edge, channel: '经销商', prices: [{ kind: 'wholesale', amount: 330, unit: '元/桶' }, { kind: 'retail', amount: 419, unit: '元/桶' }] } },
    { daysAgo: 47, by: LI_NA, region: '华南', fields: { ...helix, ...jd(helix.sku), sourceTitle: '壳牌超凡喜力 0W-40 4L', prices: [{ kind: 'retail', amount: 439, unit: '元/桶' }] } },
    { daysAgo: 41, dealer: 1, region: '华东', fields: { ...mobil1, channel: '汽配城', prices: [{ kind: 'retail', amount: 468, unit: '元/桶' }, { kind: 'wholesale', amount: 372, unit: '元/桶' }] } },
    { daysAgo: 33, region: '华东', fields: { ...mobil1, ...jd(mobil1.sku), sourceTitle: '美孚1号 全合成机油 0W-40 4L - 京东', prices: [{ kind: 'retail', amount: 459, unit: '元/桶' }], promotion: { type: 'gift', description: '买 4L 送 1L 机滤' } } },
    { daysAgo: 27, by: LI_NA, dealer: 2, region: '华东', fields: { ...edge, channel: '经销商', prices: [{ kind: 'wholesale', amount: 305, unit: '元/桶' }], promotion: { type: 'priceCut', description: '批发价下调 8%' } } },
    { daysAgo: 20, region: '华东', fields: { ...mobil1, ...jd(mobil1.sku), sourceTitle: '美孚1号 全合成机油 0W-40 4L - 京东', prices: [{ kind: 'retail', amount: 449, unit: '元/桶' }] } },
    { daysAgo: 19, by: LI_NA, region: '华南', fields: { ...helix, ...jd(helix.sku), sourceTitle: '壳牌超凡喜力 0W-40 4L', prices: [{ kind: 'retail', amount: 439, unit: '元/桶' }], promotion: { type: 'display', description: '门店堆头陈列，送雨刮' } } },
    { daysAgo: 12, dealer: 0, region: '华东', fields: { ...edge, channel: '经销商', prices: [{ kind: 'wholesale', amount: 305, unit: '元/桶' }, { kind: 'retail', amount: 399, unit: '元/桶' }], promotion: { type: 'rebate', description: '季度返点 3%' } } },
    { daysAgo: 3, region: '华东', fields: { ...mobil1, ...jd(mobil1.sku), sourceTitle: '美孚1号 全合成机油 0W-40 4L - 京东', prices: [{ kind: 'retail', amount: 449, unit: '元/桶' }], promotion: { type: 'gift', description: '买 4L 送 1L' } } },
    { daysAgo: 2, dealer: 1, region: '华东', fields: { ...edge, channel: '汽配城', prices: [{ kind: 'wholesale', amount: 305, unit: '元/桶' }], promotion: { type: 'priceCut', description: '批发价下调 8%' } } },
  ];
  const intelItems = history.map(({ daysAgo, by, dealer, region, fields }) =>
    IntelItem.parse({
      ...base(daysAgo),
      ...(by ? { author: by } : {}),
      schemaVersion: 1,
      observedDay: toDay(at(daysAgo)),
      region,
      confidence: 'high',
      ...(dealer !== undefined ? { dealerId: owners[dealer % owners.length]!.id } : {}),
      ...fields,
      prices: (fields.prices as { kind: string; amount: number; unit: string }[]).map((price) => ({ ...price, currency: 'CNY' })),
    }),
  );

  return JSON.stringify(
    {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: now.toISOString(),
      appVersion: 'demo',
      tables: {
        dealers: pulledDealers.length > 0 ? [] : dealers,
        visitCards,
        diaryEntries,
        intelItems,
        // The team's competitor dictionary (美孚 / Mobil …) and our own products with their prices.
        competitors: SEED_DICTIONARY.competitors,
        products: SEED_DICTIONARY.products,
        // Connected, the profile comes from the HubSpot owner behind the token instead.
        settings: pulledDealers.length > 0 ? [] : [{ key: 'profile', value: { ...REP, role: 'rep' } }],
      },
    },
    null,
    2,
  );
}
