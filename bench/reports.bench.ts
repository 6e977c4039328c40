/**
 * Reports (issue [reports]), in Node on fake-indexeddb (as the unit tests), each variant against
 * the time merely to read the same records through the same named queries in the same run;
 * targets are reported, never asserted:
 *
 * 1. The one-click weekly draft for one rep-week (100 visit cards over 20 dealers, 20 intel items,
 *    5 dailies, last week's plan of 6 items, KPI movements of 30 dealers; bench/reports/fixture.ts):
 *    `readPeriodSources` + `composeWeekly` (the draft, not saved), `buildReportDraft` (read +
 *    compose + save, a new draft and an existing one refreshed), and the same without KPI
 *    movements. Target ≤ 200 ms.
 * 2. The team roll-up of 50 reps (test/fixtures/rollup.ts): `entriesOfPeriod` + `buildTeamRollup`,
 *    + the dealers' names + `documentOfRollup`, + the Markdown and the Excel export. Target ≤ 1 s.
 *
 * fake-indexeddb is slower than Chromium's IndexedDB (pure JS, structured clone per row), so the
 * read baselines here are pessimistic: compare the ratios, and read the absolute times as an
 * upper bound.
 *
 * Environment:
 *   FIELDKIT_BENCH_RUNS  timed runs per variant after one warm-up (default 7; this bench takes 3×)
 */
import { cpus, loadavg } from 'node:os';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { FieldkitDatabase } from '../lib/store/database';
import type { RecordTable } from '../lib/store/records';
import { addMonthsTo, monthOf, today as todayOf } from '../lib/kernel/dates';
import { addDaysToDay } from '../lib/reports/deadlines';
import { dealersByIds, dealersOfRep, factsOfDealerBetween, terminalsOfDealer } from '../lib/dealers/queries';
import { activeCompiledRuleSet, PANEL_RULE_SETS } from '../lib/dealers/panel-data';
import { rankingGatherOptions, rankingWindow } from '../lib/dealers/rankings';
import { intelOfAuthorBetween } from '../lib/intel/queries';
import { dealerVisitsInRange, visitsOfAuthorBetween } from '../lib/visits/queries';
import { buildReportDraft, KPI_DEALERS, readPeriodSources } from '../lib/reports/compose/build';
import { composeWeekly, dayIn, type ComposeWords } from '../lib/reports/compose/weekly';
import { entriesOfKindBefore, entriesOfKindBetween, entriesOfPeriod, entryOfPeriod } from '../lib/reports/queries';
import { periodOf } from '../lib/reports/periods';
import { saveDiary } from '../lib/reports/submit';
import { buildTeamRollup, type TeamRollup } from '../lib/reports/rollup';
import { documentOfRollup } from '../lib/reports/rollup-document';
import { renderMarkdown } from '../lib/reports/export/markdown';
import { renderXlsxBytes } from '../lib/reports/export/xlsx';
import type { Dealer } from '../lib/dealers/schema';
import { fiftyRepTeam, dealerOf } from '../test/fixtures/rollup';
import { REP, repWeek, type RepWeek } from './reports/fixture';
import { median, ms, n, statsOf, table, type Stats } from './panel/harness';

const RUNS = Math.max(1, Number(process.env.FIELDKIT_BENCH_RUNS ?? 7)) * 3;
const WEEK_TARGET_MS = 200;
const ROLLUP_TARGET_MS = 1000;
const TIME_ZONE = 'Asia/Shanghai';
const WORDS: ComposeWords = { locale: 'zh-CN', ordered: (quantity) => `订货 ${quantity}` };

const load = () => `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
const f = (value: number) => value.toFixed(1);

function openDatabase(name: string): FieldkitDatabase {
  return new FieldkitDatabase({ name, indexedDB: new IDBFactory(), IDBKeyRange });
}

/** Validates every row with its kind's schema, then writes the table in one bulkPut. */
async function putValid(db: FieldkitDatabase, table: RecordTable, rows: readonly object[]): Promise<number> {
  const schema = db.kind(table).schema;
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (!parsed.success) throw new Error(`fixture ${table} row is invalid: ${String(parsed.error)}\n${JSON.stringify(row)}`);
  }
  await db.table(table).bulkPut([...rows]);
  return rows.length;
}

type Variant<K extends string> = { key: K; run: () => Promise<unknown>; before?: () => Promise<void> };

/**
 * One warm-up each, then `runs` rounds in turns (the order alternates), so drift on a busy
 * machine hits every variant alike. Only `run` is timed; `before` (resetting state) is not.
 */
async function measure<K extends string>(variants: readonly Variant<K>[], runs: number): Promise<Record<K, Stats>> {
  const samples = Object.fromEntries(variants.map((v) => [v.key, [] as number[]])) as unknown as Record<K, number[]>;
  const once = async (variant: Variant<K>, record: boolean) => {
    await variant.before?.();
    const started = performance.now();
    await variant.run();
    const elapsed = performance.now() - started;
    if (record) samples[variant.key].push(elapsed);
  };
  for (const variant of variants) await once(variant, false);
  for (let round = 0; round < runs; round++) {
    for (const variant of round % 2 ? [...variants].reverse() : variants) await once(variant, true);
  }
  return Object.fromEntries(variants.map((v) => [v.key, statsOf(samples[v.key])!])) as Record<K, Stats>;
}

const verdict = (value: number, target: number) => (value <= target ? 'PASS' : `OVER (×${(value / target).toFixed(1)})`);
const ratio = (value: Stats, base: Stats) => `×${(value.median / base.median).toFixed(1)}`;

// ---------------------------------------------------------------------------------------------
// 1. Rep-week
// ---------------------------------------------------------------------------------------------

/** What readPeriodSources reads, read the same way, nothing composed; with KPI: the KPI movements' reads too, nothing scored. */
async function readWeek(db: FieldkitDatabase, week: RepWeek, kpis: boolean): Promise<{ rows: number; kpiIds: string[]; kpiRows: number }> {
  const { period } = week;
  const [previous, dailies, visits, intel, own] = await Promise.all([
    entriesOfKindBefore.run(db, { authorId: REP.id, kind: 'weekly', before: period.start, limit: 1 }),
    entriesOfKindBetween.run(db, { authorId: REP.id, kind: 'daily', from: period.start, to: period.end }),
    visitsOfAuthorBetween.run(db, { authorId: REP.id, from: period.start, to: period.end }),
    intelOfAuthorBetween.run(db, { authorId: REP.id, from: period.start, to: period.end }),
    dealersOfRep.run(db, { repId: REP.id }),
  ]);
  const visitedIds = [...new Set(visits.map((card) => card.dealerId))];
  const ownIds = new Set(own.map((dealer) => dealer.id));
  const missing = [...new Set([...visitedIds, ...(previous[0]?.snapshot?.grades ?? []).map((row) => row.dealerId)])].filter((id) => !ownIds.has(id));
  const others = missing.length > 0 ? await dealersByIds.run(db, { ids: missing }) : [];
  const rows = previous.length + dailies.length + visits.length + intel.length + own.length + others.length;
  const kpiIds = [...visitedIds, ...own.map((dealer) => dealer.id).filter((id) => !visitedIds.includes(id))].slice(0, KPI_DEALERS);
  if (!kpis) return { rows, kpiIds, kpiRows: 0 };
  // The reads of the KPI movements (lib/reports/compose/build.ts kpiMovesOf): each dealer's figures
  // over the lookback and the previous month's shipment average, its cards of two months, its terminals.
  const kpi = await activeCompiledRuleSet(db, PANEL_RULE_SETS.kpi);
  const gather = rankingGatherOptions(kpi);
  const current = monthOf(dayIn(new Date(), TIME_ZONE));
  const window = rankingWindow(current, gather, true);
  const earliest = rankingWindow(addMonthsTo(current, -2), gather, true).fromMonth;
  const read = await Promise.all(
    kpiIds.map(async (dealerId) => {
      const [facts, cards, terminals] = await Promise.all([
        factsOfDealerBetween.run(db, { dealerId, from: earliest, to: current }),
        dealerVisitsInRange.run(db, { dealerId, from: window.fromDay, to: window.toDay }),
        terminalsOfDealer.run(db, { dealerId }),
      ]);
      return facts.length + cards.length + terminals.length;
    }),
  );
  return { rows, kpiIds, kpiRows: read.reduce((a, b) => a + b, 0) };
}

async function repWeekBench(): Promise<void> {
  const today = todayOf();
  const generated = performance.now();
  const week = repWeek(today);
  const generateMs = performance.now() - generated;
  const db = openDatabase('bench-reports-week');
  await db.open();
  const writing = performance.now();
  const validated =
    (await putValid(db, 'dealers', week.dealers)) +
    (await putValid(db, 'terminals', week.terminals)) +
    (await putValid(db, 'dealerFacts', week.facts)) +
    (await putValid(db, 'visitCards', week.cards)) +
    (await putValid(db, 'intelItems', week.intel)) +
    (await putValid(db, 'diaryEntries', week.diaries));
  const writeMs = performance.now() - writing;
  const c = week.counts;
  const source = { author: REP, period: week.period, timeZone: TIME_ZONE };

  // What the draft holds, once, so the numbers are known to be the real thing.
  const sources = await readPeriodSources(db, source);
  const composed = composeWeekly(sources, WORDS, week.now);
  const kpiRead = await readWeek(db, week, true);
  console.log(
    `\n1. One rep-week's weekly draft, Node ${process.version}, fake-indexeddb; ${load()}\n` +
      `   week ${week.period.label} (${week.period.start} – ${week.period.end}): ${c.weekCards} visit cards over ${new Set(sources.visits.map((v) => v.dealerId)).size} dealers ` +
      `(${c.keyAccountCards} key-account), ${sources.intel.length} intel items, ${sources.dailies.length} dailies, last week's plan of ${c.planItems} items; ` +
      `the rep's ${week.dealers.filter((d) => d.responsibleRepId === REP.id).length} dealers, ${sources.dealers.length} read; ` +
      `KPI movements of ${sources.kpis.length} dealers (${n(kpiRead.kpiRows)} rows of figures, cards and terminals read for them).\n` +
      `   Behind them: ${n(c.historyCards)} older cards of the rep, ${c.weeklies} weeklies and their dailies, ${week.facts.length} monthly figure rows, ${week.terminals.length} terminals; ` +
      `seeded in ${f(generateMs + writeMs)} ms (generate ${f(generateMs)}, IndexedDB ${f(writeMs)}), ${n(validated)} rows checked against the kinds' schemas.\n` +
      `   The draft: ${composed.snapshot.plan.length} plan rows (${composed.snapshot.plan.map((p) => p.suggestion).join(', ')}), ${composed.content.keyAccountVisits.length} key-account visits, ` +
      `${composed.content.gradeChanges.length} grade changes, ${composed.snapshot.dealers.length} dealer rows, ${composed.snapshot.intel.length} intel lines, ${composed.snapshot.kpis.length} KPI moves, ` +
      `${composed.snapshot.problems.length} problems.`,
  );

  const entryId = async () => (await entryOfPeriod.run(db, { authorId: REP.id, kind: 'weekly', periodStart: week.period.start }))?.id;
  const build = () => buildReportDraft(db, { author: REP, kind: 'weekly', periodStart: week.period.start, words: WORDS, now: week.now });
  const stats = await measure(
    [
      { key: 'readNoKpi', run: () => readWeek(db, week, false) },
      { key: 'readKpi', run: () => readWeek(db, week, true) },
      { key: 'draft', run: async () => composeWeekly(await readPeriodSources(db, source), WORDS, week.now) },
      { key: 'draftNoKpi', run: async () => composeWeekly(await readPeriodSources(db, { ...source, kpis: false }), WORDS, week.now) },
      {
        key: 'create',
        // A fresh draft each run: the one saved before is removed first (not timed).
        before: async () => {
          const id = await entryId();
          if (id) await db.diaryEntries.delete(id);
        },
        run: build,
      },
      { key: 'refresh', before: async () => void ((await entryId()) ?? (await build())), run: build },
    ] as const,
    RUNS,
  );

  // Where the time goes, each step alone (median of RUNS passes).
  const composeSamples: number[] = [];
  const saveSamples: number[] = [];
  const saved = await entryOfPeriod.run(db, { authorId: REP.id, kind: 'weekly', periodStart: week.period.start });
  for (let i = 0; i <= RUNS; i++) {
    let t = performance.now();
    composeWeekly(sources, WORDS, week.now);
    if (i > 0) composeSamples.push(performance.now() - t);
    // The save alone: the draft as buildReportDraft last wrote it, saved again through saveDiary.
    if (saved) {
      t = performance.now();
      await saveDiary(db, { ...saved, content: composed.content, snapshot: composed.snapshot }, { author: REP, submit: false, now: week.now });
      if (i > 0) saveSamples.push(performance.now() - t);
    }
  }

  console.log(`\nms, median of ${RUNS} after one warm-up (min–max), one long-lived Dexie instance. Target ≤ ${WEEK_TARGET_MS} ms for the draft.\n`);
  const base = stats.readKpi;
  const baseNoKpi = stats.readNoKpi;
  console.log(
    table(
      ['variant', 'ms', `target ≤ ${WEEK_TARGET_MS} ms`, '÷ read (with KPI reads)', '÷ read (no KPI)'],
      [
        ['baseline: the named queries of readPeriodSources + the KPI movements\' reads, nothing computed', ms(base, 1), '', '×1.0', ratio(base, baseNoKpi)],
        ['baseline: the named queries of readPeriodSources, no KPI', ms(baseNoKpi, 1), '', ratio(baseNoKpi, base), '×1.0'],
        ['draft: readPeriodSources + composeWeekly (not saved)', ms(stats.draft, 1), verdict(stats.draft.median, WEEK_TARGET_MS), ratio(stats.draft, base), ratio(stats.draft, baseNoKpi)],
        ['draft without KPI movements (kpis: false)', ms(stats.draftNoKpi, 1), verdict(stats.draftNoKpi.median, WEEK_TARGET_MS), ratio(stats.draftNoKpi, base), ratio(stats.draftNoKpi, baseNoKpi)],
        ['buildReportDraft: read + compose + save, a new draft', ms(stats.create, 1), verdict(stats.create.median, WEEK_TARGET_MS), ratio(stats.create, base), ratio(stats.create, baseNoKpi)],
        ['buildReportDraft: the existing draft refreshed', ms(stats.refresh, 1), verdict(stats.refresh.median, WEEK_TARGET_MS), ratio(stats.refresh, base), ratio(stats.refresh, baseNoKpi)],
      ],
    ),
  );
  const kpiShare = stats.draft.median - stats.draftNoKpi.median;
  console.log(
    `\nwhere the time goes: KPI movements ${f(kpiShare)} ms of the draft's ${f(stats.draft.median)} (their reads ${f(base.median - baseNoKpi.median)}); ` +
      `composeWeekly alone (in memory) ${f(median(composeSamples))}; saving the draft (saveDiary alone) ${saveSamples.length ? f(median(saveSamples)) : '–'}.`,
  );
  await db.delete();
}

// ---------------------------------------------------------------------------------------------
// 2. Roll-up
// ---------------------------------------------------------------------------------------------

/** As components/reports/TeamRollup.tsx: the dealers a roll-up names. */
function dealerIdsOf(rollup: TeamRollup): string[] {
  const ids = new Set<string>();
  for (const rep of rollup.reps) {
    for (const h of rep.highlights) if (h.kind === 'order' || h.kind === 'gradeChange') ids.add(h.dealerId);
    for (const p of rep.problems) if (p.kind === 'missingSkus') ids.add(p.dealerId);
  }
  for (const m of [...rollup.kpis.drops, ...rollup.kpis.rises]) ids.add(m.dealerId);
  return [...ids].sort();
}

async function rollupBench(): Promise<void> {
  const today = todayOf();
  const lastWeek = periodOf('weekly', addDaysToDay(today, -7));
  const { members, entries } = fiftyRepTeam(lastWeek);
  const db = openDatabase('bench-reports-rollup');
  await db.open();
  const created = '2026-01-05T02:00:00.000Z';
  const dealers: Dealer[] = Array.from({ length: 40 }, (_, i) => ({
    id: dealerOf(i),
    schemaVersion: 1,
    author: { id: 'owner-1', name: '管理员' },
    createdAt: created,
    updatedAt: created,
    name: `${['杭州', '宁波', '广州', '深圳'][i % 4]}经销商 ${i + 1} 号润滑油有限公司`,
    grade: (['A', 'B', 'C'] as const)[i % 3],
    responsibleRepId: members[i % members.length]!.id,
    shared: false,
    file: { salesRegions: [], mainProducts: [] },
  }));
  const writing = performance.now();
  const validated = (await putValid(db, 'dealers', dealers)) + (await putValid(db, 'diaryEntries', entries));
  const writeMs = performance.now() - writing;
  const kind = 'weekly' as const;
  const memberIds = new Set(members.map((m) => m.id));
  const now = new Date();
  const manager = { id: 'owner-1', name: '王经理' };

  const rollupOf = async () => {
    const read = (await entriesOfPeriod.run(db, { kind, periodStart: lastWeek.start })).filter((e) => memberIds.has(e.author.id));
    return buildTeamRollup({ kind, period: lastWeek, members, entries: read, now, timeZone: TIME_ZONE });
  };
  const documentOf = async () => {
    const rollup = await rollupOf();
    const names = new Map((await dealersByIds.run(db, { ids: dealerIdsOf(rollup) })).map((d) => [d.id, d.name]));
    return documentOfRollup(rollup, { locale: 'zh-CN', teamName: '华东区', manager, dealerName: (id) => names.get(id), timeZone: TIME_ZONE });
  };

  const rollup = await rollupOf();
  const document = await documentOf();
  const markdown = renderMarkdown(document);
  const xlsx = await renderXlsxBytes(document);
  console.log(
    `\n2. The team roll-up of ${members.length} reps, week ${lastWeek.label}: ${entries.length} reports (${entries.filter((e) => e.snapshot).length} with a snapshot), ` +
      `${dealers.length} dealers; seeded in ${f(writeMs)} ms, ${validated} rows checked against the kinds' schemas. ` +
      `The roll-up: ${rollup.reps.length} reps, ${rollup.sourceEntryIds.length} submitted reports read, ${dealerIdsOf(rollup).length} dealers named; ` +
      `document of ${document.sections.length} sections; Markdown ${n(markdown.length)} characters, Excel ${n(xlsx.byteLength)} bytes.`,
  );

  const stats = await measure(
    [
      { key: 'read', run: () => entriesOfPeriod.run(db, { kind, periodStart: lastWeek.start }) },
      { key: 'rollup', run: rollupOf },
      { key: 'document', run: documentOf },
      { key: 'markdown', run: async () => renderMarkdown(await documentOf()) },
      { key: 'xlsx', run: async () => renderXlsxBytes(await documentOf()) },
    ] as const,
    RUNS,
  );
  console.log(`\nms, median of ${RUNS} after one warm-up (min–max). Target ≤ ${ROLLUP_TARGET_MS} ms for the roll-up.\n`);
  const base = stats.read;
  const row = (label: string, s: Stats, target: boolean) => [label, ms(s, 1), target ? verdict(s.median, ROLLUP_TARGET_MS) : '', ratio(s, base)];
  console.log(
    table(
      ['variant', 'ms', `target ≤ ${ROLLUP_TARGET_MS} ms`, '÷ read'],
      [
        row(`baseline: entriesOfPeriod (${entries.length} reports), nothing built`, base, false),
        row('entriesOfPeriod + buildTeamRollup', stats.rollup, true),
        row('+ the dealers\' names (dealersByIds) + documentOfRollup', stats.document, true),
        row('+ renderMarkdown', stats.markdown, true),
        row('+ renderXlsxBytes', stats.xlsx, true),
      ],
    ),
  );
  await db.delete();
}

export async function run(): Promise<void> {
  const started = performance.now();
  await repWeekBench();
  await rollupBench();
  console.log(`\nreports bench done in ${f((performance.now() - started) / 1000)} s (${load()})`);
}
