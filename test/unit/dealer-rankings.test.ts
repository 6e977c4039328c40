/**
 * Manager rankings (lib/dealers/rankings.ts): every live dealer's month scored through the totals
 * fast path exactly as its panel scores it, partial scores in their own group (never 0), ties by
 * name in Chinese collation, reps by their dealers' average, the region filter — and the loader
 * reading only what the month needs, through the named queries and the indexes they name.
 *
 * Timing (not asserted): `RANKINGS_BENCH=1 npx vitest run test/unit/dealer-rankings.test.ts`
 * prints how long a month's ranking takes for 120 and 6,000 dealers on fake-indexeddb.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addMonthsTo, daysOfMonth } from '../../lib/kernel/dates';
import { evaluate } from '../../lib/rules/evaluate';
import { getBuiltInRuleSet } from '../../lib/rules/built-in';
import { buildDealerPanel } from '../../lib/dealers/panel';
import { gatherDealerInputs, inputValues, type DealerHistory } from '../../lib/dealers/kpi-inputs';
import { DealerFacts, type FigureName } from '../../lib/dealers/facts';
import { Dealer, Terminal } from '../../lib/dealers/schema';
import { VisitCard } from '../../lib/visits/schema';
import type { FieldkitDatabase } from '../../lib/store/database';
import {
  dealerScore,
  loadMonthRankings,
  neededInputsOf,
  rankDealers,
  rankingGatherOptions,
  rankingWindow,
  rankReps,
  regionsOf,
  scoreDealerMonth,
  type DealerScore,
} from '../../lib/dealers/rankings';
import { factsPerDealerBetween, OWNERS_SETTING, rankingQueries, terminalsPerDealer, visitsPerDealerBetween } from '../../lib/dealers/rankings-queries';
import { AT, DEALER, FACTS, HISTORY, NOVEMBER_CARDS, TERMINALS } from '../fixtures/dealer-history';
import { spyOnIndexes } from '../fixtures/index-spy';
import { freshDatabase } from '../fixtures/records';
import { QUERIES } from '../../lib/queries';

const kpi = getBuiltInRuleSet('dealer-kpi')!;
const warnings = getBuiltInRuleSet('warnings')!;
const PERIOD = '2026-11';

let db: FieldkitDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

// ---------------------------------------------------------------------------------------------
// A scripted fixture: dealers whose score is set by how many of their 10 terminals were visited.

const REP = { id: 'owner-101', name: '张伟' };
const base = (id: string) => ({ id, schemaVersion: 1 as const, author: REP, createdAt: AT, updatedAt: AT });
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A ULID-shaped id: a kind letter and a number. */
const idOf = (kind: 'D' | 'T' | 'C' | 'F', n: number) => {
  let tail = '';
  for (let i = 0, x = n; i < 16; i++, x = Math.floor(x / 32)) tail = CROCKFORD[x % 32]! + tail;
  return `01JE${kind}00000${tail}`;
};

interface DealerSpec {
  name: string;
  region?: string;
  repId?: string;
  /** Terminals visited this month (of 10): the visit-coverage KPI. */
  visited: number;
  /** Terminals visited last month (default: as this month). */
  visitedLastMonth?: number;
  /** Leave out this month's terminal sales: the score is partial. */
  noTerminalSales?: boolean;
  deleted?: boolean;
  /** Card authors: the rep's own cards carry their name. */
  author?: { id: string; name: string };
}

interface Seeded {
  dealers: Dealer[];
  terminals: Terminal[];
  cards: VisitCard[];
  facts: DealerFacts[];
}

let serial = 0;
/**
 * The records of `specs` for `period`: 10 terminals each (4 signed, 7 transacted), cards in the
 * month and the one before — and, to prove they are not read, cards and figures months earlier —
 * and ERP figures for the months around it.
 */
function build(specs: readonly DealerSpec[], period = PERIOD): Seeded {
  const out: Seeded = { dealers: [], terminals: [], cards: [], facts: [] };
  for (const spec of specs) {
    const n = ++serial;
    const dealer: Dealer = {
      ...base(idOf('D', n)),
      name: spec.name,
      shared: false,
      file: { salesRegions: [], mainProducts: [] },
      ...(spec.region ? { region: spec.region } : {}),
      ...(spec.repId ? { responsibleRepId: spec.repId } : {}),
      ...(spec.deleted ? { deletedAt: AT } : {}),
    };
    out.dealers.push(dealer);
    const terminals = Array.from({ length: 10 }, (_, i): Terminal => ({
      ...base(idOf('T', n * 100 + i)),
      dealerId: dealer.id,
      name: `终端 ${i + 1}`,
      signed: i < 4,
      ...(i < 4 ? { contractedVolume: 100 } : {}),
      ...(i < 7 ? { firstTransactionDay: '2026-03-01' } : {}),
    }));
    out.terminals.push(...terminals);
    const author = spec.author ?? REP;
    const visits = (month: string, count: number, at: number) => {
      const { first } = daysOfMonth(month);
      terminals.slice(0, count).forEach((t, i) => {
        out.cards.push(cardOf(n * 1000 + at + i, dealer.id, `${month}-${String(3 + i).padStart(2, '0')}`, author, { terminalId: t.id }));
      });
      out.cards.push(cardOf(n * 1000 + at + 50, dealer.id, first.replace(/01$/, '25'), author, { currentInventory: 400 }));
    };
    visits(period, spec.visited, 0);
    visits(addMonthsTo(period, -1), spec.visitedLastMonth ?? spec.visited, 100);
    // Months a ranking of `period` has no business reading.
    visits(addMonthsTo(period, -6), 10, 200);
    visits(addMonthsTo(period, 1), 10, 300);
    const month = (m: string, i: number, figures: Partial<Record<FigureName, number>>) => out.facts.push(factsOf(n * 10 + i, dealer.id, m, figures));
    month(addMonthsTo(period, -8), 4, { shipments: 9000, terminalSales: 1 });
    month(addMonthsTo(period, -3), 0, { shipments: 300 });
    month(addMonthsTo(period, -2), 1, { shipments: 300 });
    month(addMonthsTo(period, -1), 2, { shipments: 300, terminalSales: 700, activeTerminals: 5, signedTerminalsOnTarget: 2, signedTerminalSales: 300 });
    month(period, 3, { shipments: 600, activeTerminals: 5, signedTerminalsOnTarget: 2, signedTerminalSales: 300, ...(spec.noTerminalSales ? {} : { terminalSales: 700 }) });
  }
  return out;
}

function cardOf(n: number, dealerId: string, day: string, author: { id: string; name: string }, fields: Partial<VisitCard>): VisitCard {
  return {
    ...base(idOf('C', n)),
    author,
    schemaVersion: 2,
    dealerId,
    visitDay: day,
    isoWeek: '2026-W47',
    unit: '箱',
    orderedSkus: [],
    requiredSkus: [],
    recentPurchases: [],
    actions: { checkedInventory: true, didDisplay: true, tookOrder: true, recommendedNewProducts: false },
    keyAccount: false,
    note: '',
    ...fields,
  };
}

function factsOf(n: number, dealerId: string, period: string, figures: Partial<Record<FigureName, number>>): DealerFacts {
  return {
    ...base(idOf('F', n)),
    dealerId,
    period,
    figures: Object.fromEntries(Object.entries(figures).map(([name, value]) => [name, { value, source: { kind: 'import', file: `erp-${period}.xlsx`, row: 2, at: AT } }])),
  };
}

async function seed(target: FieldkitDatabase, records: Seeded) {
  await target.transaction('rw', [target.dealers, target.terminals, target.visitCards, target.dealerFacts], async () => {
    await target.dealers.bulkAdd(records.dealers);
    await target.terminals.bulkAdd(records.terminals);
    await target.visitCards.bulkAdd(records.cards);
    await target.dealerFacts.bulkAdd(records.facts);
  });
}

const historyOf = (records: Seeded, dealer: Dealer): DealerHistory => ({
  dealer,
  terminals: records.terminals.filter((t) => t.dealerId === dealer.id),
  cards: records.cards.filter((c) => c.dealerId === dealer.id),
  facts: records.facts.filter((f) => f.dealerId === dealer.id),
});

// ---------------------------------------------------------------------------------------------

describe('scoring a dealer-month', () => {
  it('gives the worked dealer the panel’s 87.5 (A), through the fast path', () => {
    expect(scoreDealerMonth(HISTORY, PERIOD, kpi)).toEqual({ total: 87.5, grade: 'A', partial: false, missing: [] });
    const panel = buildDealerPanel(HISTORY, PERIOD, { kpi, warnings });
    expect(panel.score).toMatchObject({ total: 87.5, grade: 'A', partial: false });
  });

  it('reads only the month’s cards and the shipments months’ figures, and scores the same as with the panel’s whole window', () => {
    const gather = rankingGatherOptions(kpi);
    expect(gather).toEqual({ shipmentMonths: 3, seriesMonths: 0 });
    expect(rankingWindow(PERIOD, gather, false)).toEqual({ fromMonth: '2026-09', toMonth: '2026-11', fromDay: '2026-11-01', toDay: '2026-11-30' });
    expect(rankingWindow(PERIOD, gather, true)).toEqual({ fromMonth: '2026-08', toMonth: '2026-11', fromDay: '2026-10-01', toDay: '2026-11-30' });
    const trimmed: DealerHistory = { ...HISTORY, cards: NOVEMBER_CARDS.filter((c) => c.visitDay >= '2026-11-01'), facts: FACTS.filter((f) => f.period >= '2026-09') };
    expect(scoreDealerMonth(trimmed, PERIOD, kpi).total).toBe(87.5);
  });

  it('never scores a partial month as 0: total and grade are null and the missing inputs are named, as evaluate names them', () => {
    const october = scoreDealerMonth(HISTORY, '2026-10', kpi);
    const full = evaluate(kpi, inputValues(gatherDealerInputs(HISTORY, '2026-10')));
    expect(october).toMatchObject({ total: null, grade: null, partial: true });
    expect(october.missing.length).toBeGreaterThan(0);
    expect([...october.missing].sort()).toEqual([...full.missing].sort());
    expect(october.missing).toContain('transactedTerminalSales');
    // Every needed input is an input of the rule set.
    for (const name of neededInputsOf(kpi)) expect(kpi.kinds.get(name)).toBe('input');
  });

  it('agrees with the panel (full evaluate) for every dealer of a mixed fixture, this month and last', () => {
    const records = build([
      { name: '甲', visited: 9 },
      { name: '乙', visited: 3, visitedLastMonth: 6 },
      { name: '丙', visited: 0 },
      { name: '丁', visited: 6, noTerminalSales: true },
    ]);
    for (const dealer of records.dealers) {
      const history = historyOf(records, dealer);
      const score = dealerScore(history, PERIOD, kpi, { trend: true });
      const panel = buildDealerPanel(history, PERIOD, { kpi, warnings }, { months: 2 });
      expect(score.total, dealer.name).toBe(panel.score.total);
      expect(score.grade, dealer.name).toBe(panel.score.grade);
      expect(score.partial, dealer.name).toBe(panel.score.partial);
      expect(score.previous, dealer.name).toBe(panel.score.previous);
    }
  });
});

const scoreOf = (name: string, total: number | null, fields: Partial<DealerScore> = {}): DealerScore => ({
  dealerId: `id-${name}`,
  name,
  total,
  grade: total === null ? null : total >= 85 ? 'A' : 'B',
  partial: total === null,
  missing: total === null ? ['transactedTerminalSales'] : [],
  previous: null,
  ...fields,
});

describe('ranking', () => {
  it('ranks scored dealers best first, equal scores sharing a rank and listed by name in Chinese order', () => {
    const ranking = rankDealers([scoreOf('北京东方', 80), scoreOf('安徽华东', 80), scoreOf('重庆', 90), scoreOf('成都', 70), scoreOf('大连', null)]);
    expect(ranking.ranked.map((d) => [d.rank, d.name])).toEqual([
      [1, '重庆'],
      // 安 (ān) before 北 (běi), though 北 has the lower code point.
      [2, '安徽华东'],
      [2, '北京东方'],
      [4, '成都'],
    ]);
    expect(ranking.incomplete.map((d) => d.name)).toEqual(['大连']);
  });

  it('puts partial dealers after the ranked ones in their own group, by name, never as 0', () => {
    const ranking = rankDealers([scoreOf('张家港', null), scoreOf('阿拉善', null), scoreOf('零分', 0)]);
    expect(ranking.ranked.map((d) => [d.rank, d.name, d.total])).toEqual([[1, '零分', 0]]);
    expect(ranking.incomplete.map((d) => [d.name, d.total])).toEqual([
      ['阿拉善', null],
      ['张家港', null],
    ]);
  });

  it('ranks reps by their dealers’ average, counting scored and partial ones; dealers without a rep are grouped apart', () => {
    const reps = rankReps(
      [
        scoreOf('甲', 90, { repId: '1' }),
        scoreOf('乙', 71, { repId: '1' }),
        scoreOf('丙', null, { repId: '1' }),
        scoreOf('丁', 80.5, { repId: '2' }),
        scoreOf('戊', null, { repId: '3' }),
        scoreOf('己', 95),
        scoreOf('庚', null),
      ],
      { '1': '王芳', '2': '李强' },
      kpi.ruleSet.rounding,
    );
    expect(reps.ranked.map((r) => [r.rank, r.name, r.average, r.scored, r.partial])).toEqual([
      [1, '李强', 80.5, 1, 0],
      // (90 + 71) / 2 = 80.5: a tie, listed by name (李 lǐ before 王 wáng).
      [1, '王芳', 80.5, 2, 1],
    ]);
    expect(reps.ranked[1]!.dealers.ranked.map((d) => d.name)).toEqual(['甲', '乙']);
    expect(reps.ranked[1]!.dealers.incomplete.map((d) => d.name)).toEqual(['丙']);
    // A rep with no scored dealer is not ranked, and an owner missing from the names has none.
    expect(reps.incomplete.map((r) => [r.repId, r.name, r.average, r.scored, r.partial])).toEqual([['3', null, null, 0, 1]]);
    expect(reps.unassigned).toMatchObject({ repId: null, average: 95, scored: 1, partial: 1 });
    expect(rankReps([scoreOf('甲', 90, { repId: '1' })], {}).unassigned).toBeNull();
  });

  it('rounds a rep’s average as the rule set rounds totals', () => {
    const reps = rankReps([scoreOf('甲', 90, { repId: '1' }), scoreOf('乙', 85.5, { repId: '1' }), scoreOf('丙', 70.1, { repId: '1' })], {}, kpi.ruleSet.rounding);
    expect(reps.ranked[0]!.average).toBe(81.9);
  });

  it('offers each region once, in Chinese order, leaving out dealers without one', () => {
    expect(regionsOf([{ region: '华南' }, { region: '东北' }, {}, { region: '华南' }, { region: ' ' }, { region: '华北' }])).toEqual(['东北', '华北', '华南']);
  });
});

describe('loading a month’s rankings', () => {
  it('each ranking query reads the index it names (as the convention test will check)', async () => {
    db = freshDatabase('rankings-queries');
    const spy = spyOnIndexes(db);
    await db.open();
    for (const query of rankingQueries) {
      spy.as(query.name);
      await query.run(db, query.example as never);
      const reads = spy.reads.filter((r) => r.query === query.name);
      expect(reads.length, query.name).toBeGreaterThan(0);
      expect(reads.every((r) => r.table === query.table && r.index === query.index), `${query.name}: ${JSON.stringify(reads)}`).toBe(true);
      expect(query.name).toMatch(/^(visits|dealers)\.[a-zA-Z]+$/);
    }
    // Names stay unique once they join the registry (lib/queries.ts).
    const registered = new Set(QUERIES.filter((q) => !(rankingQueries as readonly unknown[]).includes(q)).map((q) => q.name));
    for (const query of rankingQueries) expect(registered.has(query.name), query.name).toBe(false);
  });

  it('ranks every live dealer of the store, reading only through indexes, with the trend vs last month', async () => {
    db = freshDatabase('rankings-load');
    const spy = spyOnIndexes(db);
    const records = build([
      { name: '苏州润滑油', region: '华东', repId: '101', visited: 9, visitedLastMonth: 6 },
      { name: '杭州油品', region: '华东', repId: '101', visited: 6, noTerminalSales: true },
      { name: '广州汽配', region: '华南', repId: '102', visited: 6, author: { id: '102', name: '李娜' } },
      { name: '深圳车品', region: '华南', visited: 3 },
      { name: '已删除', region: '西北', repId: '101', visited: 10, deleted: true },
    ]);
    await seed(db, records);
    // The worked dealer, as the panel tests know it, under no rep and no region.
    await seed(db, { dealers: [{ ...DEALER, region: undefined }], terminals: TERMINALS, cards: NOVEMBER_CARDS, facts: FACTS });
    await db.settings.put({ key: OWNERS_SETTING, value: [{ id: '101', name: '张伟', teams: [], archived: false }] });

    const rankings = await loadMonthRankings(db, PERIOD);
    expect(rankings.period).toBe(PERIOD);
    expect(rankings.region).toBeNull();
    expect(rankings.ruleSet).toMatchObject({ id: 'dealer-kpi', version: 1 });
    // The deleted dealer's region is not offered.
    expect(rankings.regions).toEqual(['华东', '华南']);

    const expected = (name: string) => dealerScore(historyOf(records, records.dealers.find((d) => d.name === name)!), PERIOD, kpi, { trend: true });
    expect(rankings.dealers.ranked.map((d) => [d.rank, d.name, d.total, d.grade])).toEqual([
      [1, '苏州润滑油', expected('苏州润滑油').total, 'A'],
      // Six of ten terminals visited, as the worked dealer: 87.5 both, listed by name (广 guǎng before 华 huá).
      [2, '广州汽配', 87.5, 'A'],
      [2, DEALER.name, 87.5, 'A'],
      [4, '深圳车品', expected('深圳车品').total, expected('深圳车品').grade],
    ]);
    // Last month six terminals were visited, so this month is up; the worked dealer has no October score.
    expect(rankings.dealers.ranked[0]!.previous).toBe(expected('苏州润滑油').previous);
    expect(rankings.dealers.ranked[0]!.previous).toBeLessThan(rankings.dealers.ranked[0]!.total);
    expect(rankings.dealers.ranked[2]!.previous).toBeNull();

    expect(rankings.dealers.incomplete).toEqual([expect.objectContaining({ name: '杭州油品', total: null, partial: true, missing: ['transactedTerminalSales'] })]);
    expect(rankings.inputLabels).toEqual({ transactedTerminalSales: { en: 'Monthly sales of transacted terminals', 'zh-CN': '已交易终端月度总销量' } });

    // Reps: the owners list names 101; 102 is named by their own visit cards.
    expect(rankings.reps.ranked.map((r) => [r.rank, r.repId, r.name, r.average, r.scored, r.partial])).toEqual([
      [1, '101', '张伟', expected('苏州润滑油').total, 1, 1],
      [2, '102', '李娜', expected('广州汽配').total, 1, 0],
    ]);
    expect(rankings.reps.unassigned?.dealers.ranked.map((d) => d.name)).toEqual([DEALER.name, '深圳车品']);

    // Nothing was read but through the indexes the queries name: no whole-table read.
    const allowed = new Set(['dealers.name', 'terminals.dealerId', 'visitCards.[dealerId+visitDay]', 'dealerFacts.[dealerId+period]', 'settings.:id', 'ruleSets.:id']);
    const kinds = new Set(spy.reads.map((r) => `${r.table}.${r.index}`));
    for (const read of kinds) {
      if (read.startsWith('ruleSets.')) continue; // the active rule set (rules.versionsOf)
      expect(allowed.has(read), read).toBe(true);
    }
  });

  it('reads each dealer’s cards and figures of the window only', async () => {
    db = freshDatabase('rankings-window');
    const records = build([
      { name: '甲', visited: 4 },
      { name: '乙', visited: 2 },
      { name: '丙', visited: 1 },
    ]);
    await seed(db, records);
    const dealerIds = [records.dealers[0]!.id, records.dealers[2]!.id];
    const window = rankingWindow(PERIOD, rankingGatherOptions(kpi), true);
    const cards = await visitsPerDealerBetween.run(db, { dealerIds, from: window.fromDay, to: window.toDay });
    expect(cards.length).toBe(4 + 1 + 4 + 1 + (1 + 1) * 2);
    expect(cards.every((c) => dealerIds.includes(c.dealerId) && c.visitDay >= '2026-10-01' && c.visitDay <= '2026-11-30')).toBe(true);
    const facts = await factsPerDealerBetween.run(db, { dealerIds, from: window.fromMonth, to: window.toMonth });
    expect(facts.map((f) => f.period).sort()).toEqual(['2026-08', '2026-08', '2026-09', '2026-09', '2026-10', '2026-10', '2026-11', '2026-11']);
    const terminals = await terminalsPerDealer.run(db, { dealerIds });
    expect(terminals.length).toBe(20);
  });

  it('filters by region, ranking reps over that region’s dealers only', async () => {
    db = freshDatabase('rankings-region');
    await seed(
      db,
      build([
        { name: '苏州润滑油', region: '华东', repId: '101', visited: 9 },
        { name: '广州汽配', region: '华南', repId: '101', visited: 3 },
        { name: '深圳车品', region: '华南', repId: '102', visited: 6 },
      ]),
    );
    const south = await loadMonthRankings(db, PERIOD, { region: '华南' });
    expect(south.region).toBe('华南');
    expect(south.regions).toEqual(['华东', '华南']);
    expect(south.dealers.ranked.map((d) => d.name)).toEqual(['深圳车品', '广州汽配']);
    expect(south.reps.ranked.map((r) => [r.repId, r.scored])).toEqual([
      ['102', 1],
      ['101', 1],
    ]);
    const none = await loadMonthRankings(db, PERIOD, { region: '西北' });
    expect(none.dealers).toEqual({ ranked: [], incomplete: [] });
  });

  it('gives the same ranking whatever the batch size, with or without the trend; reports progress and stops when asked', async () => {
    db = freshDatabase('rankings-batches');
    await seed(db, build(Array.from({ length: 23 }, (_, i) => ({ name: `经销商${i}`, repId: `${i % 4}`, region: i % 2 ? '华东' : '华北', visited: i % 11, noTerminalSales: i % 7 === 0 }))));
    const whole = await loadMonthRankings(db, PERIOD);
    const small = await loadMonthRankings(db, PERIOD, { batch: 5 });
    expect(small).toEqual(whole);
    const progress: [number, number][] = [];
    await loadMonthRankings(db, PERIOD, { batch: 10, onProgress: (done, of) => progress.push([done, of]) });
    expect(progress).toEqual([
      [10, 23],
      [20, 23],
      [23, 23],
    ]);
    const controller = new AbortController();
    const stopped = loadMonthRankings(db, PERIOD, { batch: 10, signal: controller.signal, onProgress: () => controller.abort(new Error('month changed')) });
    await expect(stopped).rejects.toThrow('month changed');
    const flat = await loadMonthRankings(db, PERIOD, { trend: false });
    expect(flat.dealers.ranked.map((d) => [d.name, d.total])).toEqual(whole.dealers.ranked.map((d) => [d.name, d.total]));
    expect(flat.dealers.ranked.every((d) => d.previous === null)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

const REGIONS = ['华东', '华南', '华北', '西南', '东北', '西北'];
function scaleSpecs(count: number): DealerSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `经销商${String(i).padStart(5, '0')}`,
    region: REGIONS[i % REGIONS.length]!,
    ...(i % 17 === 0 ? {} : { repId: String(1000 + (i % 50)) }),
    visited: i % 11,
    noTerminalSales: i % 9 === 0,
  }));
}

describe.runIf(process.env.RANKINGS_BENCH)('timing (printed, not asserted)', () => {
  it.each([120, 6000])('a month’s ranking of %i dealers', async (count) => {
    db = freshDatabase(`rankings-bench-${count}`);
    const records = build(scaleSpecs(count));
    const seeding = performance.now();
    await seed(db, records);
    const seeded = performance.now() - seeding;
    const times: Record<string, number> = {};
    for (const [label, options] of [
      ['warm-up', {}],
      ['all regions, with trend', {}],
      ['all regions, no trend', { trend: false }],
      ['one region, with trend', { region: '华东' }],
    ] as const) {
      const start = performance.now();
      const rankings = await loadMonthRankings(db, PERIOD, options);
      times[label] = Math.round(performance.now() - start);
      expect(rankings.dealers.ranked.length + rankings.dealers.incomplete.length).toBe(label.startsWith('one region') ? count / REGIONS.length : count);
    }
    // Scoring alone (the pure part, no reads), for the share the store takes.
    const byDealer = new Map(records.dealers.map((d) => [d.id, { dealer: d, terminals: [] as Terminal[], cards: [] as VisitCard[], facts: [] as DealerFacts[] }]));
    for (const t of records.terminals) byDealer.get(t.dealerId)!.terminals.push(t);
    for (const c of records.cards) byDealer.get(c.dealerId)!.cards.push(c);
    for (const f of records.facts) byDealer.get(f.dealerId)!.facts.push(f);
    const pure = performance.now();
    rankDealers([...byDealer.values()].map((history) => dealerScore(history, PERIOD, kpi, { trend: true })));
    times['scoring only (no reads)'] = Math.round(performance.now() - pure);
    console.log(`rankings, ${count} dealers (${records.terminals.length} terminals, ${records.cards.length} cards, ${records.facts.length} figure rows; seeded in ${Math.round(seeded)} ms):`, times);
  }, 600_000);
});
