/**
 * The panel-bench page (built by bench/panel.bench.ts with Vite, opened in headless Chromium): one
 * dealer's 5-year history written straight to a real IndexedDB under the store Dexie opens, then
 * the KPI panel built from it the real way (`loadDealerPanel`) and the baseline ways (see
 * ./api.ts). One long-lived Dexie instance per database, as in the background that answers the
 * panel; the compiled rule sets are cached after the warm-up, as there.
 */
import { FieldkitDatabase } from '../../lib/store/database';
import { daysOfMonth, monthOf, today as todayOf } from '../../lib/kernel/dates';
import { Dealer, Terminal } from '../../lib/dealers/schema';
import { DealerFacts } from '../../lib/dealers/facts';
import { VisitCard } from '../../lib/visits/schema';
import { IntelItem } from '../../lib/intel/schema';
import { loadDealerPanel, panelOf, panelRuleSets, readDealerPanelData, recentVisitsOf, type DealerPanelData } from '../../lib/dealers/panel-data';
import { panelCardMonths, panelWindow } from '../../lib/dealers/panel';
import { DEFAULT_GATHER, gatherDealerInputs, inputValues, type DealerHistory } from '../../lib/dealers/kpi-inputs';
import { dealersByIds, factsOfDealerBetween, terminalsOfDealer, visitMonthsOfDealer } from '../../lib/dealers/queries';
import { rebuildVisitMonths, summarizeVisitMonths } from '../../lib/dealers/visit-months';
import { newId } from '../../lib/kernel/ids';
import { dealerVisitsBetween, dealerVisitsInRange } from '../../lib/visits/queries';
import { intelOfDealer } from '../../lib/intel/queries';
import { evaluate } from '../../lib/rules/evaluate';
import { dealerRecords, rowsByTable, TABLES, type DealerRecords, type SeededTable } from './fixture';
import type { Breakdown, FieldkitPanelBench, MeasureResult, SaveCost, SeedResult, SeedSpec, Variant } from './api';

declare global {
  interface Window {
    fieldkitPanelBench: FieldkitPanelBench;
    /** With --js-flags=--expose-gc. */
    gc?: () => void;
  }
}

const CHUNK = 5000;
/** As lib/dealers/panel-data.ts: the latest visits and intel the panel lists. */
const RECENT = 5;
/** As lib/dealers/panel.ts: the months of the trend (its default). */
const TREND_MONTHS = 12;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/**
 * Writes rows in chunks, one transaction each, straight to IndexedDB under the store Dexie opened
 * (same tables and indexes), with relaxed durability: Dexie's bookkeeping only slows seeding down.
 */
async function putAll(db: FieldkitDatabase, table: SeededTable, rows: readonly object[]) {
  const idb = db.backendDB();
  for (let i = 0; i < rows.length; i += CHUNK) {
    await new Promise<void>((resolve, reject) => {
      const tx = idb.transaction(table, 'readwrite', { durability: 'relaxed' });
      const store = tx.objectStore(table);
      for (const row of rows.slice(i, i + CHUNK)) store.put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error(`${table}: transaction aborted`));
    });
  }
}

function validate(records: DealerRecords): number {
  const check = (label: string, schema: { safeParse(value: unknown): { success: boolean; error?: unknown } }, rows: readonly unknown[]) => {
    for (const row of rows) {
      const parsed = schema.safeParse(row);
      if (!parsed.success) throw new Error(`fixture ${label} is invalid: ${String(parsed.error)}\n${JSON.stringify(row)}`);
    }
    return rows.length;
  };
  return (
    check('dealer', Dealer, [records.dealer]) +
    check('terminal', Terminal, records.terminals) +
    check('figures', DealerFacts, records.facts) +
    check('visit card', VisitCard, records.cards) +
    check('intel item', IntelItem, records.intel)
  );
}

const databases = new Map<string, FieldkitDatabase>();

async function databaseOf(name: string): Promise<FieldkitDatabase> {
  let db = databases.get(name);
  if (!db) {
    db = new FieldkitDatabase({ name });
    await db.open();
    databases.set(name, db);
  }
  return db;
}

async function seed(spec: SeedSpec): Promise<SeedResult> {
  const database = `fieldkit-bench-panel-${spec.name}`;
  databases.get(database)?.close();
  databases.delete(database);
  await new FieldkitDatabase({ name: database }).delete();
  const today = todayOf();
  let started = performance.now();
  const records = dealerRecords({ ...spec, name: '杭州顺达润滑油经销有限公司', companyId: '9001', seed: 1 }, today);
  const generateMs = performance.now() - started;
  const validated = validate(records);
  const db = await databaseOf(database);
  started = performance.now();
  const rows = rowsByTable(records);
  for (const table of TABLES) await putAll(db, table, rows[table]);
  const writeMs = performance.now() - started;
  // The rows were written under Dexie's feet: build the summary as the v10 migration does.
  started = performance.now();
  const visitMonths = await db.transaction('rw', [db.visitCards, db.visitMonths], (tx) => rebuildVisitMonths(tx));
  const rebuildMs = performance.now() - started;
  return {
    database,
    dealerId: records.dealer.id,
    period: monthOf(today),
    counts: { visitCards: records.cards.length, dealerFacts: records.facts.length, terminals: records.terminals.length, intelItems: records.intel.length },
    generateMs,
    writeMs,
    rebuildMs,
    visitMonths,
    validated,
  };
}

/** A fixed clock, so every variant builds the very same model (computedAt included). */
const NOW = new Date();

/** FNV-1a of the model's JSON: equal hashes, same panel. */
function hashOf(value: unknown): string {
  const text = JSON.stringify(value);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${(h >>> 0).toString(16).padStart(8, '0')}/${text.length}`;
}

type Inputs = DealerPanelData;

/** The reads of `loadDealerPanel` (lib/dealers/panel-data.ts), nothing built. */
async function readIndexed(db: FieldkitDatabase, dealerId: string, period: string): Promise<Inputs> {
  const data = await readDealerPanelData(db, dealerId, period);
  if (!data) throw new Error(`no dealer ${dealerId}`);
  return data;
}

/**
 * The baseline: whole visit-card and figures tables read with `toArray()`, then filtered to the
 * dealer and the panel's windows in memory and put in the order the indexes give (cards and
 * figures oldest first), so the panel built is the same.
 */
async function readWhole(db: FieldkitDatabase, dealerId: string, period: string): Promise<Inputs & { read: { cards: number; facts: number } }> {
  const [dealer] = await dealersByIds.run(db, { ids: [dealerId] });
  if (!dealer) throw new Error(`no dealer ${dealerId}`);
  const window = panelWindow(period);
  const cardMonths = panelCardMonths(period);
  const from = daysOfMonth(cardMonths.from).first;
  const to = daysOfMonth(cardMonths.to).last;
  const [ruleSets, terminals, allCards, allFacts, intel] = await Promise.all([
    panelRuleSets(db),
    terminalsOfDealer.run(db, { dealerId }),
    db.visitCards.toArray(),
    db.dealerFacts.toArray(),
    intelOfDealer.run(db, { dealerId, limit: RECENT }),
  ]);
  const asc = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const cards = allCards
    .filter((c) => c.dealerId === dealerId && !c.deletedAt && c.visitDay >= from && c.visitDay <= to)
    .sort((a, b) => asc(a.visitDay, b.visitDay) || asc(a.id, b.id));
  const facts = allFacts
    .filter((f) => f.dealerId === dealerId && !f.deletedAt && f.period >= window.from && f.period <= window.to)
    .sort((a, b) => asc(a.period, b.period) || asc(a.id, b.id));
  return { history: { dealer, terminals, cards, facts }, ruleSets, recentVisits: recentVisitsOf(cards), intel, read: { cards: allCards.length, facts: allFacts.length } };
}

/** The panel's reads before the visit-month summary: the cards of its 13 months on the `[dealerId+visitDay]` index. */
async function readRange(db: FieldkitDatabase, dealerId: string, period: string): Promise<Inputs> {
  const [dealer] = await dealersByIds.run(db, { ids: [dealerId] });
  if (!dealer) throw new Error(`no dealer ${dealerId}`);
  const window = panelWindow(period);
  const cardMonths = panelCardMonths(period);
  const [ruleSets, terminals, cards, facts, intel] = await Promise.all([
    panelRuleSets(db),
    terminalsOfDealer.run(db, { dealerId }),
    dealerVisitsInRange.run(db, { dealerId, from: daysOfMonth(cardMonths.from).first, to: daysOfMonth(cardMonths.to).last }),
    factsOfDealerBetween.run(db, { dealerId, from: window.from, to: window.to }),
    intelOfDealer.run(db, { dealerId, limit: RECENT }),
  ]);
  return { history: { dealer, terminals, cards, facts }, ruleSets, recentVisits: recentVisitsOf(cards), intel };
}

/** Rows of a read, for the table: cards, summaries, figures. */
const counted = (inputs: Inputs) => ({ cards: inputs.history.cards?.length ?? inputs.recentVisits.length, visitMonths: inputs.history.visitMonths?.length ?? 0, facts: inputs.history.facts.length });

const build = (inputs: Inputs, period: string) => panelOf(inputs, period, { now: NOW });

/** The inputs `compute` builds from, read once per database and dealer. */
const held = new Map<string, Inputs>();

async function idle(): Promise<void> {
  window.gc?.();
  await new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 500 }));
}

async function measure(database: string, dealerId: string, period: string, variant: Variant): Promise<MeasureResult> {
  const db = await databaseOf(database);
  const key = `${database}/${dealerId}/${period}`;
  if (variant === 'compute' && !held.has(key)) held.set(key, await readIndexed(db, dealerId, period));
  await idle();
  const started = performance.now();
  switch (variant) {
    case 'indexed': {
      const model = await loadDealerPanel(db, dealerId, period, { now: NOW });
      const ms = performance.now() - started;
      if (!model) throw new Error(`loadDealerPanel: no panel for ${dealerId}`);
      // What it read, counted outside the timing (the model only says what it used).
      const inputs = await readIndexed(db, dealerId, period);
      return { ms, ...counted(inputs), model: hashOf(model) };
    }
    case 'whole': {
      const inputs = await readWhole(db, dealerId, period);
      const model = build(inputs, period);
      const ms = performance.now() - started;
      return { ms, cards: inputs.read.cards, visitMonths: 0, facts: inputs.read.facts, model: hashOf(model) };
    }
    case 'range': {
      const inputs = await readRange(db, dealerId, period);
      const model = build(inputs, period);
      const ms = performance.now() - started;
      return { ms, ...counted(inputs), model: hashOf(model) };
    }
    case 'read': {
      const inputs = await readIndexed(db, dealerId, period);
      const ms = performance.now() - started;
      return { ms, ...counted(inputs), model: '–' };
    }
    case 'compute': {
      const inputs = held.get(key)!;
      const model = build(inputs, period);
      const ms = performance.now() - started;
      return { ms, ...counted(inputs), model: hashOf(model) };
    }
  }
}

async function breakdown(database: string, dealerId: string, period: string): Promise<Breakdown> {
  const db = await databaseOf(database);
  const window = panelWindow(period);
  const time = async <T>(run: () => Promise<T> | T): Promise<[T, number]> => {
    await idle();
    const started = performance.now();
    const value = await run();
    return [value, performance.now() - started];
  };
  const [[dealer], dealerMs] = await time(() => dealersByIds.run(db, { ids: [dealerId] }));
  const [ruleSets, ruleSetsMs] = await time(() => panelRuleSets(db));
  const [terminals, terminalsMs] = await time(() => terminalsOfDealer.run(db, { dealerId }));
  const cardMonths = panelCardMonths(period);
  const days = { from: daysOfMonth(cardMonths.from).first, to: daysOfMonth(cardMonths.to).last };
  const [visitMonths, visitMonthsMs] = await time(() => visitMonthsOfDealer.run(db, { dealerId, from: cardMonths.from, to: cardMonths.to }));
  const [, recentMs] = await time(() => dealerVisitsBetween.run(db, { dealerId, ...days, limit: RECENT }));
  const [facts, factsMs] = await time(() => factsOfDealerBetween.run(db, { dealerId, from: window.from, to: window.to }));
  const [, intelMs] = await time(() => intelOfDealer.run(db, { dealerId, limit: RECENT }));
  const history: DealerHistory = { dealer: dealer!, terminals, visitMonths, facts };
  const [gathered, gatherOnce] = await time(() => gatherDealerInputs(history, period, DEFAULT_GATHER));
  const [, evaluateOnce] = await time(() => evaluate(ruleSets.kpi, inputValues(gathered)));

  // What-ifs: the panel's cards read on their index (as before the summary), and the whole table.
  const [rangeCards, cardsRange] = await time(() => dealerVisitsInRange.run(db, { dealerId, ...days }));
  const [, cardsWholeTable] = await time(() => db.visitCards.toArray());

  return {
    reads: { dealer: dealerMs, ruleSets: ruleSetsMs, terminals: terminalsMs, visitMonths: visitMonthsMs, recentVisits: recentMs, facts: factsMs, intel: intelMs },
    gatherOnce,
    evaluateOnce,
    // buildDealerPanel (lib/dealers/panel.ts) gathers and scores each of its 12 trend months, the
    // same month last year (outside the trend), and gathers once more for the warnings.
    gathers: TREND_MONTHS + 2,
    evaluations: TREND_MONTHS + 2,
    cardsRange,
    cardsInRange: rangeCards.length,
    cardsWholeTable,
  };
}

/** Whether the dealer's stored summary rows equal those summarised from all its cards now. */
async function summaryConsistent(db: FieldkitDatabase, dealerId: string): Promise<boolean> {
  const stored = await visitMonthsOfDealer.run(db, { dealerId, from: '0000-01', to: '9999-12' });
  const cards = await dealerVisitsInRange.run(db, { dealerId, from: '0000-01-01', to: '9999-12-31' });
  return JSON.stringify(stored) === JSON.stringify(summarizeVisitMonths(cards));
}

/** One put in its own read-write transaction, through Dexie (with the middleware) or straight to IndexedDB (without). */
async function timedPut(db: FieldkitDatabase, card: VisitCard, raw: boolean): Promise<number> {
  await idle();
  const started = performance.now();
  if (raw) {
    await new Promise<void>((resolve, reject) => {
      const tx = db.backendDB().transaction('visitCards', 'readwrite');
      tx.objectStore('visitCards').put(card);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  } else {
    await db.transaction('rw', db.visitCards, () => db.visitCards.put(card));
  }
  return performance.now() - started;
}

async function rawDelete(db: FieldkitDatabase, id: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const tx = db.backendDB().transaction('visitCards', 'readwrite');
    tx.objectStore('visitCards').delete(id);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

/**
 * What keeping the summary costs one card's write: a new card and an edit of the current month,
 * each through Dexie (middleware) and straight to IndexedDB (none), in turns; every write undone
 * the same way it was made, so the stored summary stays right (checked at the end).
 */
async function saveCost(database: string, dealerId: string, period: string, runs: number): Promise<SaveCost> {
  const db = await databaseOf(database);
  const { first, last } = daysOfMonth(period);
  const monthCards = await dealerVisitsInRange.run(db, { dealerId, from: first, to: last });
  const sample = monthCards[monthCards.length - 1]!;
  const samples = { newCard: [] as number[], newCardRaw: [] as number[], editCard: [] as number[], editCardRaw: [] as number[] };
  for (let run = 0; run <= runs; run++) {
    const warm = run === 0;
    const fresh: VisitCard = { ...sample, id: newId(), note: `bench ${run}` };
    const a = await timedPut(db, fresh, false);
    await db.visitCards.delete(fresh.id);
    const freshRaw: VisitCard = { ...fresh, id: newId() };
    const b = await timedPut(db, freshRaw, true);
    await rawDelete(db, freshRaw.id);
    const edited: VisitCard = { ...sample, note: `edited ${run}` };
    const c = await timedPut(db, edited, false);
    await db.visitCards.put(sample);
    const d = await timedPut(db, edited, true);
    await timedPut(db, sample, true);
    if (warm) continue;
    samples.newCard.push(a);
    samples.newCardRaw.push(b);
    samples.editCard.push(c);
    samples.editCardRaw.push(d);
  }
  return {
    runs,
    newCard: median(samples.newCard),
    newCardRaw: median(samples.newCardRaw),
    editCard: median(samples.editCard),
    editCardRaw: median(samples.editCardRaw),
    monthCards: monthCards.length,
    consistent: await summaryConsistent(db, dealerId),
  };
}

window.fieldkitPanelBench = { seed, measure, breakdown, saveCost };
document.title = 'fieldkit panel bench: ready';
