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
import { SEED_IDS, seedDictionaryIn } from '../../lib/intel/dictionary/seed';
import { Competitor, Product } from '../../lib/intel/dictionary/schema';
import { ReviewEvent } from '../../lib/reports/review-schema';
import { isoWeekOf } from '../../lib/kernel/dates';
import type { CrmOwner } from '../../lib/crm/port';

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
    team: {
      manager: '王强',
      name: '华东区',
      otherTeam: '华南区',
      /** The rep's own weekly report: noted and returned. */
      note: '30 箱是哪几个品种？请写清楚 SKU 和交货日期。',
      returnReason: '下周计划写得太笼统，请按批注补充后重新提交。',
      late: {
        name: '李娜',
        summary: [
          { item: '杭州顺达新签终端 2 家', completion: 100, problem: '' },
          { item: '回收苏南汽配城欠款', completion: 40, problem: '老板出差，下周再跟进' },
        ],
        plan: [{ priority: '完成苏南汽配城欠款回收', support: '需要财务出对账单' }],
        visit: { purpose: '核对库存', outcome: '补货 20 箱' },
      },
      resubmitted: {
        name: '刘洋',
        summary: [
          { item: '华东润滑油新品铺货', completion: 60, problem: '端架位置被竞品占用' },
          { item: '走访终端 8 家', completion: 100, problem: '' },
        ],
        planBefore: '多拜访几家终端',
        plan: [
          { priority: '跟进华东润滑油端架陈列', support: '' },
          { priority: '拜访永盛、东方、金桥 3 家终端，推荐 ULTRA 0W-20', support: '需要样品 6 桶' },
        ],
        extraAfter: '美孚占端架 2 层',
        notes: ['端架被哪家竞品占了？拍张陈列照片发我。', '“几家”是哪几家？写出终端名称。'],
        reply: '是美孚，周一补拍照片上传到客户卡。',
        returnReason: '请补充计划里的终端名称。',
      },
      reviewed: { name: '陈静', summary: [{ item: '苏州新开终端 3 家', completion: 100, problem: '' }], plan: [{ priority: '苏州终端陈列检查', support: '' }] },
      missing: ['赵磊', '周敏'],
      otherTeamRep: '孙浩',
    },
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
    team: {
      manager: 'Qiang Wang',
      name: 'East region',
      otherTeam: 'South region',
      note: 'Which SKUs make up the 30 cases? Name them and the delivery day.',
      returnReason: 'The plan is too vague: add what the note asks, then resubmit.',
      late: {
        name: 'Na Li',
        summary: [
          { item: 'Signed 2 new outlets at Hangzhou Express', completion: 100, problem: '' },
          { item: 'Collect Southside’s overdue invoice', completion: 40, problem: 'The owner is away; following up next week' },
        ],
        plan: [{ priority: 'Collect Southside’s overdue invoice', support: 'Finance to send a statement' }],
        visit: { purpose: 'Stock check', outcome: 'Restocked 20 cases' },
      },
      resubmitted: {
        name: 'Yang Liu',
        summary: [
          { item: 'New line on the shelves at Eastern Lubricants', completion: 60, problem: 'A competitor has the end cap' },
          { item: 'Visited 8 outlets', completion: 100, problem: '' },
        ],
        planBefore: 'Visit a few more outlets',
        plan: [
          { priority: 'Follow up the end-cap display at Eastern Lubricants', support: '' },
          { priority: 'Visit Yongsheng, Dongfang and Jinqiao; recommend ULTRA 0W-20', support: '6 sample drums' },
        ],
        extraAfter: 'Mobil holds 2 end-cap shelves',
        notes: ['Which competitor has the end cap? Send me a photo of the display.', 'Which outlets? Name them.'],
        reply: 'Mobil. I’ll add a photo to the visit card on Monday.',
        returnReason: 'Name the outlets in your plan.',
      },
      reviewed: { name: 'Jing Chen', summary: [{ item: 'Opened 3 outlets in Suzhou', completion: 100, problem: '' }], plan: [{ priority: 'Check the displays at the Suzhou outlets', support: '' }] },
      missing: ['Lei Zhao', 'Min Zhou'],
      otherTeamRep: 'Hao Sun',
    },
  },
} as const;

/** The rep whose week the surfaces show (a HubSpot owner id, as after connecting). */
const REP_ID = '101';

/** Last week's report was due Friday 27 Nov 18:00 in Shanghai, or Monday 09:00 with a reason. */
function weeklyDeadline(submittedAt: string) {
  const dueAt = '2026-11-27T10:00:00.000Z';
  const graceUntil = '2026-11-30T01:00:00.000Z';
  const outcome = submittedAt <= dueAt ? 'onTime' : submittedAt <= graceUntil ? 'onTimeWithReason' : 'late';
  return { outcome, dueAt, graceUntil, timeZone: 'Asia/Shanghai', submittedAt } as const;
}

/**
 * The team as sync would have read it from HubSpot: the regional manager (owner 103), the reps on
 * the manager's team (the rep whose week the surfaces show among them, two who have not submitted)
 * and a rep on another team. Owners come in the `sync.owners` settings row, which a backup never
 * carries: the surface test writes it, with the manager's profile, into the extension's database.
 */
export function teamOf(locale: 'zh-CN' | 'en') {
  const words = TEXT[locale].team;
  const teamId = '7001';
  const otherTeamId = '7002';
  const reps = [
    { key: 'own', id: REP_ID, name: TEXT[locale].rep, teamId },
    { key: 'late', id: '102', name: words.late.name, teamId },
    { key: 'resubmitted', id: '104', name: words.resubmitted.name, teamId },
    { key: 'reviewed', id: '105', name: words.reviewed.name, teamId },
    { key: 'missing0', id: '106', name: words.missing[0], teamId },
    { key: 'missing1', id: '107', name: words.missing[1], teamId },
    { key: 'otherTeam', id: '108', name: words.otherTeamRep, teamId: otherTeamId },
  ];
  const manager = { id: '103', name: words.manager };
  const teamName = (id: string) => (id === teamId ? words.name : words.otherTeam);
  const owners: CrmOwner[] = [...reps, { ...manager, key: 'manager', teamId }].map((o) => ({
    id: o.id,
    userId: 5000 + Number(o.id),
    name: o.name,
    email: `owner${o.id}@example.com`,
    teams: [{ id: o.teamId, name: teamName(o.teamId), primary: true }],
    archived: false,
  }));
  return { manager, reps, owners, profile: { ...manager, role: 'manager' as const, timeZone: 'Asia/Shanghai' } };
}

export function buildLookBackup(locale: 'zh-CN' | 'en'): string {
  const text = TEXT[locale];
  const author = { id: REP_ID, name: text.rep };
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
  const diaryEntries: DiaryEntry[] = [
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
    // Last week's report, submitted on Friday morning: the manager read it, noted a line and returned it.
    DiaryEntry.parse({
      ...base(entryId(2), 3),
      schemaVersion: 1,
      periodStart: lastMonday,
      isoWeek: isoWeekOf(lastMonday),
      month: lastMonday.slice(0, 7),
      status: 'submitted',
      submittedAt: at(3).toISOString(),
      deadline: weeklyDeadline(at(3).toISOString()),
      revisions: [{ at: at(3).toISOString(), by: author, action: 'submitted', changes: [] }],
      content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: text.weeklyPlan.map((priority) => ({ priority, support: '' })), keyAccountVisits: [], gradeChanges: [] },
    }),
  ];
  const team = teamOf(locale);
  const manager = team.manager;
  const reps = Object.fromEntries(team.reps.map((r) => [r.key, { id: r.id, name: r.name }]));
  const words = text.team;
  /** A team member's weekly report for last week, submitted at `submittedAt`. */
  const weekly = (n: number, who: { id: string; name: string }, submittedAt: string, fields: { summary: readonly { item: string; completion: number; problem: string }[]; plan: readonly { priority: string; support: string }[]; visit?: { purpose: string; outcome: string } }, more: Partial<DiaryEntry> = {}) =>
    DiaryEntry.parse({
      id: entryId(n),
      author: who,
      createdAt: submittedAt,
      updatedAt: submittedAt,
      schemaVersion: 1,
      periodStart: lastMonday,
      isoWeek: isoWeekOf(lastMonday),
      month: lastMonday.slice(0, 7),
      status: 'submitted',
      submittedAt,
      deadline: weeklyDeadline(submittedAt),
      revisions: [{ at: submittedAt, by: who, action: 'submitted', changes: [] }],
      content: {
        kind: 'weekly',
        lastWeekSummary: fields.summary,
        nextWeekPlan: fields.plan,
        keyAccountVisits: fields.visit ? [{ dealerId: dealers[1]!.id, day: day(5), ...fields.visit }] : [],
        gradeChanges: [],
      },
      ...more,
    });
  const resubmittedAt = '2026-11-30T00:50:00.000Z';
  const r = words.resubmitted;
  diaryEntries.push(
    // Submitted on Monday after the grace period: late, and not read yet.
    weekly(3, reps.late!, '2026-11-30T01:40:00.000Z', words.late),
    // Returned on Saturday with two notes, answered and resubmitted on Monday morning.
    weekly(4, reps.resubmitted!, '2026-11-27T09:20:00.000Z', { summary: r.summary, plan: r.plan }, {
      updatedAt: resubmittedAt,
      extra: { competitorShelf: r.extraAfter },
      revisions: [
        { at: '2026-11-27T09:20:00.000Z', by: reps.resubmitted!, action: 'submitted', changes: [] },
        {
          at: resubmittedAt,
          by: reps.resubmitted!,
          action: 'resubmitted',
          changes: [
            { path: 'content.nextWeekPlan.1.priority', before: r.planBefore, after: r.plan[1]!.priority },
            { path: 'content.nextWeekPlan.1.support', before: '', after: r.plan[1]!.support },
            { path: 'extra.competitorShelf', after: r.extraAfter },
          ],
        },
      ],
    }),
    // Submitted on Friday afternoon, read and marked reviewed on Saturday.
    weekly(5, reps.reviewed!, '2026-11-27T08:00:00.000Z', words.reviewed),
    // A draft is not in the inbox: its author has not submitted.
    DiaryEntry.parse({ ...weekly(6, reps.missing0!, '2026-11-27T07:00:00.000Z', { summary: [], plan: [] }), status: 'draft', submittedAt: undefined, deadline: undefined, revisions: undefined }),
    // Another team's rep: not this manager's.
    weekly(7, reps.otherTeam!, '2026-11-27T06:00:00.000Z', words.reviewed),
  );
  const eventId = ids('R');
  let events = 0;
  const review = (entry: DiaryEntry, by: { id: string; name: string }, action: ReviewEvent['action'], atIso: string, more: Partial<ReviewEvent> = {}) =>
    ReviewEvent.parse({
      id: eventId(++events),
      author: by,
      createdAt: atIso,
      updatedAt: atIso,
      schemaVersion: 1,
      entryId: entry.id,
      entryAuthorId: entry.author.id,
      entryKind: entry.content.kind,
      entryPeriodStart: entry.periodStart,
      action,
      at: atIso,
      ...more,
    });
  const [own, , resubmitted, reviewed] = [diaryEntries[1]!, diaryEntries[2]!, diaryEntries[3]!, diaryEntries[4]!];
  const firstNote = review(resubmitted, manager, 'annotate', '2026-11-28T02:05:00.000Z', { path: 'lastWeekSummary.0', quote: r.summary[0]!.item, text: r.notes[0] });
  const reviewEvents = [
    review(own, manager, 'read', '2026-11-28T01:30:00.000Z'),
    review(own, manager, 'annotate', '2026-11-28T01:35:00.000Z', { path: 'nextWeekPlan.0', quote: text.weeklyPlan[0], text: words.note }),
    review(own, manager, 'return', '2026-11-28T01:40:00.000Z', { text: words.returnReason }),
    review(resubmitted, manager, 'read', '2026-11-28T02:00:00.000Z'),
    firstNote,
    review(resubmitted, manager, 'annotate', '2026-11-28T02:06:00.000Z', { path: 'nextWeekPlan.1', quote: r.planBefore, text: r.notes[1] }),
    review(resubmitted, manager, 'return', '2026-11-28T02:08:00.000Z', { text: r.returnReason }),
    review(resubmitted, reps.resubmitted!, 'reply', '2026-11-29T12:00:00.000Z', { replyTo: firstNote.id, text: r.reply }),
    review(reviewed, manager, 'read', '2026-11-28T02:30:00.000Z'),
    review(reviewed, manager, 'review', '2026-11-28T02:32:00.000Z'),
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
      // The first: a promotion with its running period, seen again a day later by the rep's colleague.
      ...(i === 0
        ? {
            promotion: { ...fields.promotion, from: day(9), to: day(-11) },
            sightings: [{ observedDay: day(1), by: { id: 'o-li', name: text.team.late.name }, at: at(1).toISOString(), prices: [{ kind: 'retail', amount: 458, currency: 'CNY', unit: fields.prices[0]!.unit }], region: fields.region }],
          }
        : {}),
    }),
  );
  // Earlier sightings of the same two products, so the timeline, the price chart and the analysis
  // have a history: the first product's retail price came down over six weeks, the second's
  // wholesale price was cut.
  const dictionary = seedDictionaryIn(locale);
  const historyId = ids('H');
  const history = [
    { of: 0, daysAgo: 40, prices: [{ kind: 'retail', amount: 488 }, { kind: 'wholesale', amount: 380 }] },
    { of: 1, daysAgo: 33, prices: [{ kind: 'wholesale', amount: 330 }] },
    { of: 0, daysAgo: 26, prices: [{ kind: 'retail', amount: 478 }, { kind: 'wholesale', amount: 372 }] },
    { of: 1, daysAgo: 19, prices: [{ kind: 'wholesale', amount: 318 }] },
    { of: 0, daysAgo: 12, prices: [{ kind: 'retail', amount: 468 }, { kind: 'wholesale', amount: 372 }] },
  ].map(({ of, daysAgo, prices }, i) => {
    const { promotion: _promotion, ...fields } = text.intel[of]!;
    const unit = text.intel[of]!.prices[0]!.unit;
    return IntelItem.parse({
      ...base(historyId(i + 1), daysAgo),
      schemaVersion: 1,
      observedDay: day(daysAgo),
      confidence: 'medium',
      dealerId: dealers[of]!.id,
      ...fields,
      competitorId: of === 0 ? SEED_IDS.mobil : SEED_IDS.castrol,
      prices: prices.map((p) => ({ ...p, unit, currency: 'CNY' })),
    });
  });
  // Two additions a rep made while capturing, waiting for the manager's review.
  const pending = {
    competitors: [Competitor.parse({ ...base('01JDXC000000000000000000P1', 1), schemaVersion: 1, name: locale === 'en' ? 'Mobil Oil China' : '美孚石油', status: 'pending' })],
    products: [
      Product.parse({
        ...base('01JDXP000000000000000000P2', 1),
        schemaVersion: 1,
        competitorId: SEED_IDS.castrol,
        name: locale === 'en' ? 'Castrol EDGE Titanium' : '嘉实多极护钛流体 全合成机油',
        spec: '0W-20 4L',
        status: 'pending',
      }),
    ],
  };
  return JSON.stringify({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: FIXED_NOW.toISOString(),
    appVersion: 'look-test',
    tables: { dealers, terminals, dealerFacts, visitCards, diaryEntries, reviewEvents, intelItems: [...intelItems, ...history], competitors: [...dictionary.competitors, ...pending.competitors], products: [...dictionary.products, ...pending.products], settings: [{ key: 'profile', value: { ...author, role: 'rep' } }] },
  });
}
