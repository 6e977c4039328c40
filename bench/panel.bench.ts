/**
 * The dealer KPI panel on HubSpot (issue [panel]), three measurements, each against a baseline
 * measured in the same run; targets are reported, never asserted:
 *
 * 1. Script on a HubSpot page before the panel loads: the built content script's gzip size
 *    (target ≤ 60 KB); the framed panel page's own JS, read from its script tags, for information.
 * 2. In-app navigation to the panel visible, warm (target ≤ 300 ms): the built extension in real
 *    Chromium on HubSpot fixture pages at real URLs; `history.pushState` from one linked dealer's
 *    company record to another's and back, until the frame's heading shows the dealer; baseline:
 *    a full page load of the record. Two pairs of dealers: 1 year of modest history, and 5 years
 *    (the dealer of 3.). See bench/panel/extension.ts.
 * 3. The KPI computation for one dealer with 5 years of history (20,000 visit cards, 60 months of
 *    figures, 80 terminals; target ≤ 16 ms): `loadDealerPanel` on a Vite-built page in Chromium
 *    against whole-table reads, and `buildDealerPanel` alone. See bench/panel/compute.ts.
 *
 * The extension is the one in .output/chrome-mv3, copied under the build lock (built first when
 * missing; FIELDKIT_BENCH_BUILD=1 rebuilds it).
 *
 * Environment:
 *   FIELDKIT_BENCH_RUNS        timed rounds of navigation after one warm-up (default 7); the computation
 *                              takes 3× as many timed runs per variant (it is quicker, and noisier)
 *   FIELDKIT_BENCH_TIMEOUT_MS  give up on a panel that has not shown after this long (default 30000)
 *   FIELDKIT_BENCH_BUILD       1: rebuild the extension first
 *   FIELDKIT_BENCH_PANEL       compute: part 3 alone
 */
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { rmSync } from 'node:fs';
import { measureSizes, CONTENT_SCRIPT_TARGET_BYTES, type FileSize } from './panel/size';
import { launch, measureNavigation, seedExtension, type NavigationResult } from './panel/extension';
import { measureComputation, type ComputeResult } from './panel/compute';
import { FIVE_YEARS, type DealerSpec } from './panel/fixture';
import { extensionSnapshot, kb, ms, n, seconds, table } from './panel/harness';
import type { Variant } from './panel/api';

const RUNS = Math.max(1, Number(process.env.FIELDKIT_BENCH_RUNS ?? 7));
const COMPUTE_RUNS = RUNS * 3;
const TIMEOUT_MS = Number(process.env.FIELDKIT_BENCH_TIMEOUT_MS ?? 30_000);
const NAVIGATION_TARGET_MS = 300;
const COMPUTE_TARGET_MS = 16;
/** `FIELDKIT_BENCH_PANEL=compute`: part 3 alone (no extension build, no navigation). */
const ONLY_COMPUTATION = process.env.FIELDKIT_BENCH_PANEL === 'compute';

const ONE_YEAR = { years: 1, cards: 1200, months: 12, terminals: 20, intel: 60 } as const;
/** Pairs of linked dealers, navigated between: the first of each pair is the record loaded in full. */
const PAIRS: { label: string; dealers: [DealerSpec, DealerSpec] }[] = [
  {
    label: `1 year (${n(ONE_YEAR.cards)} cards, ${ONE_YEAR.months} months of figures, ${ONE_YEAR.terminals} terminals each)`,
    dealers: [
      { ...ONE_YEAR, name: 'Eastern Lubricants Distribution', companyId: '9001', seed: 101 },
      { ...ONE_YEAR, name: 'Southside Auto Parts Wholesale', companyId: '9003', seed: 103 },
    ],
  },
  {
    label: `5 years (${n(FIVE_YEARS.cards)} cards, ${FIVE_YEARS.months} months, ${FIVE_YEARS.terminals} terminals each)`,
    dealers: [
      { ...FIVE_YEARS, name: '杭州顺达润滑油经销有限公司', companyId: '9011', seed: 111 },
      { ...FIVE_YEARS, name: '宁波东海汽配润滑油商贸公司', companyId: '9013', seed: 113 },
    ],
  },
];

const load = () => `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
const met = (value: number | undefined, target: number) => (value === undefined ? '–' : value <= target ? 'yes' : `NO (×${(value / target).toFixed(1)})`);
const first = (message: unknown) => (message instanceof Error ? message.message : String(message)).split('\n')[0];

function printSizes(root: string): void {
  const sizes = measureSizes(root);
  const sum = (files: FileSize[]) => files.reduce((total, f) => ({ bytes: total.bytes + f.bytes, gzip: total.gzip + f.gzip }), { bytes: 0, gzip: 0 });
  const scripts = sum(sizes.contentScripts);
  const panel = sum(sizes.panelJs);
  const css = sum(sizes.panelCss);
  console.log(`\n1. Script on a HubSpot company record, gzip (zlib level 6), KB = 1,024 bytes\n`);
  console.log(
    table(
      ['what', 'files', 'raw', 'gzip', `target ≤ ${kb(CONTENT_SCRIPT_TARGET_BYTES)} met?`],
      [
        ['content script, before the panel loads', sizes.contentScripts.map((f) => f.file).join(', ') || 'none', kb(scripts.bytes), kb(scripts.gzip), sizes.contentScripts.length ? met(scripts.gzip, CONTENT_SCRIPT_TARGET_BYTES) : '–'],
        ['panel page JS (framed; information)', `${sizes.panelJs.length} (script + modulepreload of hubspot-panel.html)`, kb(panel.bytes), kb(panel.gzip), '–'],
        ['panel page CSS (information)', `${sizes.panelCss.length}`, kb(css.bytes), kb(css.gzip), '–'],
      ],
    ),
  );
  console.log(`   panel page JS: ${sizes.panelJs.map((f) => `${f.file} ${kb(f.gzip)}`).join(', ')}`);
}

async function navigation(root: string): Promise<{ label: string; result: NavigationResult }[]> {
  const session = await launch(root);
  try {
    const seeded = await seedExtension(session, PAIRS.flatMap((p) => p.dealers));
    console.log(
      `\n2. In-app navigation, Chromium ${session.version} (headless) with the built extension, 1280 × 900, HubSpot fixture pages at app.hubspot.com URLs; ` +
        `seeded ${seeded.dealers.length} linked dealers in ${seconds(seeded.ms)}; ${load()}`,
    );
    const results: { label: string; result: NavigationResult }[] = [];
    for (const [i, pair] of PAIRS.entries()) {
      const [a, b] = [seeded.dealers[i * 2]!, seeded.dealers[i * 2 + 1]!];
      const result = await measureNavigation(session, a, b, RUNS, TIMEOUT_MS);
      results.push({ label: pair.label, result });
    }
    return results;
  } finally {
    await session.close();
  }
}

function printNavigation(results: { label: string; result: NavigationResult }[]): void {
  console.log(
    `\nms, median of ${RUNS} after one warm-up round (min–max). In-app: from just before history.pushState (host page) to the panel frame's heading showing the dealer ` +
      `and the next frame rendered. Full load: from the host document's navigation start to the same. Background answer: panel.ofCompany sent from the frame, alone. ` +
      `Target ≤ ${NAVIGATION_TARGET_MS} ms for in-app navigation (reported, not asserted).\n`,
  );
  const rows: string[][] = [];
  for (const { label, result } of results) {
    const load = result.load;
    for (const { dealer, stats, answer } of result.to) {
      const ratio = stats && load ? `×${(load.median / stats.median).toFixed(1)}` : '–';
      rows.push([label, `in-app → ${dealer.spec.companyId} (${dealer.name})`, ms(stats), met(stats?.median, NAVIGATION_TARGET_MS), ratio, ms(answer.stats), answer.bytes ? kb(answer.bytes) : '–']);
    }
    rows.push([label, `full load (goto) ${result.loaded.spec.companyId}: baseline`, ms(load), '', '', '', '']);
    rows.push([label, 'pushState → panel frame gets the record (hash change)', ms(result.hash), '', '', '', '']);
  }
  console.log(table(['dealers', 'step', 'ms', `target ≤ ${NAVIGATION_TARGET_MS} met?`, 'full load ÷ in-app', 'background answer (ms)', 'answer size'], rows));
  const errors = results.flatMap((r) => r.result.errors);
  if (errors.length) console.log(`\nnavigation errors (${errors.length}, first 5):\n  ${[...new Set(errors)].slice(0, 5).join('\n  ')}`);
}

function printComputation(result: ComputeResult): void {
  const { seed, timings, breakdown: b, saveCost: save } = result;
  const c = seed.counts;
  console.log(
    `\n3. KPI computation for one dealer, Chromium ${result.chromium} (headless), page built with Vite in ${seconds(result.buildMs)}; ` +
      `${n(c.visitCards)} visit cards over 5 years, ${c.dealerFacts} monthly rows of figures, ${c.terminals} terminals, ${c.intelItems} intel items; ` +
      `seeded in ${seconds(seed.generateMs + seed.writeMs)} (generate ${seconds(seed.generateMs)}, IndexedDB ${seconds(seed.writeMs)}), ${n(seed.validated)} records checked against the zod schemas; ` +
      `visit-month summary built from every card (as the v10 migration does) in ${seconds(seed.rebuildMs)}: ${seed.visitMonths} rows; panel for ${seed.period}; ${load()}`,
  );
  console.log(`\nms, median of ${COMPUTE_RUNS} after one warm-up (min–max), one long-lived Dexie instance (as in the background). Target ≤ ${COMPUTE_TARGET_MS} ms for loadDealerPanel.\n`);
  const indexed = timings.indexed.stats?.median;
  const row = (variant: Variant, label: string, target: boolean): string[] => {
    const t = timings[variant];
    const value = t.stats?.median;
    return [
      label,
      t.error ? `✗ ${t.error}` : ms(t.stats, 1),
      t.cards === undefined ? '–' : n(t.cards),
      t.visitMonths === undefined ? '–' : n(t.visitMonths),
      t.facts === undefined ? '–' : n(t.facts),
      target ? met(value, COMPUTE_TARGET_MS) : '',
      value !== undefined && indexed ? `×${(value / indexed).toFixed(2)}` : '–',
    ];
  };
  console.log(
    table(
      ['variant', 'ms', 'visit cards read', 'visit-month rows read', 'figure rows read', `target ≤ ${COMPUTE_TARGET_MS} ms met?`, '÷ loadDealerPanel'],
      [
        row('indexed', 'loadDealerPanel (visit-month summary + 5 latest cards + figures, then build)', true),
        row('whole', 'baseline: whole tables toArray() + filter in memory + build from raw cards', false),
        row('range', 'before the summary: the 13 months of cards on their index + build from them', false),
        row('read', 'its reads alone (the same queries, nothing built)', false),
        row('compute', 'buildDealerPanel alone (in memory)', false),
      ],
    ),
  );
  const models = (['indexed', 'whole', 'range', 'compute'] as const).map((v) => timings[v].model).filter(Boolean);
  console.log(`\nsame panel from every variant (summary and raw cards): ${models.length === 4 && new Set(models).size === 1 ? `yes (${models[0]}: hash/JSON length)` : `NO: ${models.join(', ')}`}`);
  const r = b.reads;
  const f = (value: number) => value.toFixed(1);
  console.log(
    `where the time goes (each step alone, median of ${COMPUTE_RUNS} passes, ms): reads — visit-month rows ${f(r.visitMonths)} (${n(timings.read.visitMonths ?? 0)} rows), ` +
      `5 latest cards ${f(r.recentVisits)}, terminals ${f(r.terminals)}, figures ${f(r.facts)}, rule sets ${f(r.ruleSets)}, intel ${f(r.intel)}, dealer ${f(r.dealer)}; ` +
      `computing — one month's gatherDealerInputs ${f(b.gatherOnce)} × ${b.gathers}, one evaluate ${f(b.evaluateOnce)} × ${b.evaluations}.`,
  );
  console.log(`what-ifs: the panel's ${n(b.cardsInRange)} cards of 13 months on their index (as before the summary) ${f(b.cardsRange)}; the whole visit-card table with toArray() ${f(b.cardsWholeTable)}.`);
  console.log(
    `\nkeeping the summary, per card written (one put in its own read-write transaction, median of ${save.runs}, ms): ` +
      `a new card ${f(save.newCard)} against ${f(save.newCardRaw)} without the middleware (+${f(save.newCard - save.newCardRaw)}); ` +
      `an edit ${f(save.editCard)} against ${f(save.editCardRaw)} (+${f(save.editCard - save.editCardRaw)}: its month of ${n(save.monthCards)} cards recomputed); ` +
      `summary still equal to a rebuild from the cards afterwards: ${save.consistent ? 'yes' : 'NO'}.`,
  );
  const total = timings.indexed.stats?.median;
  const reading = timings.read.stats?.median;
  const computing = timings.compute.stats?.median;
  if (total !== undefined && reading !== undefined && computing !== undefined) {
    const share = (part: number) => `${Math.round((part / total) * 100)}%`;
    console.log(
      total <= COMPUTE_TARGET_MS
        ? `\nloadDealerPanel meets the ${COMPUTE_TARGET_MS} ms target: ${f(total)} ms (reading ${f(reading)}, computing ${f(computing)}).`
        : `\nloadDealerPanel misses the ${COMPUTE_TARGET_MS} ms target by ${f(total - COMPUTE_TARGET_MS)} ms (×${(total / COMPUTE_TARGET_MS).toFixed(1)}): reading ${f(reading)} ms (≈ ${share(reading)}), ` +
            `computing ${f(computing)} ms (≈ ${share(computing)})${computing > COMPUTE_TARGET_MS ? `; the computation alone misses it too, by ${f(computing - COMPUTE_TARGET_MS)} ms` : ''}.`,
    );
  }
  if (result.errors.length) console.log(`\npage errors (${result.errors.length}, first 5):\n  ${[...new Set(result.errors)].slice(0, 5).join('\n  ')}`);
}

/** Parts 1 and 2: the built extension's sizes and its in-app navigation. */
async function extensionParts(): Promise<void> {
  let snapshot: ReturnType<typeof extensionSnapshot> | undefined;
  try {
    snapshot = extensionSnapshot();
    console.log(
      `extension: .output/chrome-mv3 ${snapshot.builtNow ? 'built now' : `as built at ${snapshot.builtAt.toISOString()}`}, copied under the build lock`,
    );
    try {
      printSizes(snapshot.dir);
    } catch (error) {
      console.log(`1. sizes: failed: ${first(error)}`);
    }
    try {
      const navigationStarted = Date.now();
      printNavigation(await navigation(snapshot.dir));
      console.log(`(part 2 took ${seconds(Date.now() - navigationStarted)})`);
    } catch (error) {
      console.log(`2. navigation: failed: ${first(error)}`);
    }
  } catch (error) {
    console.log(`extension: failed: ${first(error)} (parts 1 and 2 skipped)`);
  } finally {
    if (snapshot) rmSync(dirname(snapshot.dir), { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const started = Date.now();
  console.log(`panel bench: ${load()}`);
  if (ONLY_COMPUTATION) console.log('FIELDKIT_BENCH_PANEL=compute: parts 1 and 2 skipped');
  else await extensionParts();
  try {
    const computationStarted = Date.now();
    printComputation(await measureComputation({ name: '5y', ...FIVE_YEARS }, COMPUTE_RUNS));
    console.log(`(part 3 took ${seconds(Date.now() - computationStarted)})`);
  } catch (error) {
    console.log(`3. computation: failed: ${first(error)}`);
  }
  console.log(`\npanel bench done in ${seconds(Date.now() - started)} (${load()})`);
}
