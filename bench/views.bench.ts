/**
 * Side-panel views at scale, in real Chromium: the time from mounting a view to its first
 * meaningful render (see MEANINGFUL in bench/views/main.tsx), for Today, Dealers, Intel and
 * Reports, reading through the named index-backed queries (the real views) against the same
 * views reading whole tables (bench/views/legacy.tsx, the previous approach), in the same run.
 *
 * Scenarios: a rep with 1 year and with 5 years of history (flatness), and a manager over many
 * reps with 5 years each. Targets (≤ 150 ms per view, flat from 1 to 5 years) are reported, never
 * asserted. The page is built with Vite into a temporary folder and served on 127.0.0.1.
 *
 * Environment:
 *   FIELDKIT_BENCH_REPS          reps under the manager (default 50)
 *   FIELDKIT_BENCH_SEED_BUDGET_S no more reps are added once the manager's seeding has taken this long, seconds
 *                                (default 180: a slow machine measures a smaller team; the size used is printed)
 *   FIELDKIT_BENCH_RUNS          timed mounts per view and variant, after one warm-up (default 7; the median is reported;
 *                                3 when the warm-up took over 2 s; over 10 s the warm-up is the only sample; marked [n=…])
 *   FIELDKIT_BENCH_TIMEOUT_MS    give up on a mount that has not rendered after this long (default 180000, reported as
 *                                "> …"; a mount that keeps the main thread busy longer still reports its real time)
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { findChromium } from '../test/e2e/chromium';
import wxtConfig from '../wxt.config';
import { VIEWS, type FieldkitBench, type MeasureResult, type ScenarioSpec, type SeedResult, type Variant, type ViewName } from './views/api';

const here = dirname(fileURLToPath(import.meta.url));
const TARGET_MS = 150;
const DEFAULT_REPS = 50;
const RUNS = Math.max(1, Number(process.env.FIELDKIT_BENCH_RUNS ?? 7));
const TIMEOUT_MS = Number(process.env.FIELDKIT_BENCH_TIMEOUT_MS ?? 180_000);
/** A warm-up mount slower than this gets 3 timed mounts instead of RUNS; 5× slower, it is the only sample. */
const SLOW_MS = 2_000;
const SEED_BUDGET_S = Number(process.env.FIELDKIT_BENCH_SEED_BUDGET_S ?? 180);
const REPS = Math.max(1, Number(process.env.FIELDKIT_BENCH_REPS ?? DEFAULT_REPS));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Built like the extension's pages: React, plus the plugins and aliases of wxt.config.ts (Tailwind, …). */
async function buildPage(outDir: string): Promise<void> {
  const extension = (await wxtConfig.vite?.({ command: 'build', mode: 'production', browser: 'chrome', manifestVersion: 3 })) ?? {};
  await build({
    configFile: false,
    root: join(here, 'views'),
    base: './',
    logLevel: 'warn',
    plugins: [react(), ...(extension.plugins ?? [])],
    resolve: extension.resolve,
    build: { outDir, emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 5000 },
  });
}

function serve(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    if (!file.startsWith(root + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(response);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

type PageWindow = { fieldkitBench: FieldkitBench };

/** The bench page in one tab; a tab that crashes (e.g. out of memory) is replaced and the mount reported as failed. */
class BenchPage {
  readonly errors: string[] = [];
  private page!: Page;

  constructor(
    private readonly browser: Browser,
    private readonly url: string,
  ) {}

  async open(): Promise<void> {
    this.page = await this.browser.newPage({ viewport: { width: 400, height: 900 } });
    this.page.on('pageerror', (error) => this.errors.push(error.message));
    this.page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(message.text());
    });
    this.page.on('crash', () => this.errors.push('the tab crashed'));
    await this.page.goto(this.url);
    await this.page.waitForFunction(() => 'fieldkitBench' in window, undefined, { timeout: 30_000 });
  }

  today(): Promise<string> {
    return this.page.evaluate(() => (window as unknown as PageWindow).fieldkitBench.today());
  }

  seed(spec: ScenarioSpec): Promise<SeedResult> {
    return this.page.evaluate((s) => (window as unknown as PageWindow).fieldkitBench.seed(s), spec);
  }

  async measure(database: string, view: ViewName, variant: Variant): Promise<MeasureResult | Error> {
    try {
      return await this.page.evaluate(([d, v, x, t]) => (window as unknown as PageWindow).fieldkitBench.measure(d, v, x, t), [database, view, variant, TIMEOUT_MS] as const);
    } catch (error) {
      if (this.page.isClosed() || !(await this.page.evaluate(() => true).catch(() => false))) {
        await this.page.close().catch(() => undefined);
        await this.open();
      }
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Timing {
  /** Set when the only mount gave up after TIMEOUT_MS: the time is more than that. */
  timedOut?: boolean;
  median?: number;
  min?: number;
  max?: number;
  rows?: number;
  runs: number;
  error?: string;
}

/** Timed mounts after a warm-up of `warmupMs`: fewer when one mount takes seconds, to bound the run. */
function runsAfter(warmupMs: number): number {
  if (warmupMs > SLOW_MS * 5) return 0; // the warm-up is the sample
  if (warmupMs > SLOW_MS) return Math.min(RUNS, 3);
  return RUNS;
}

/**
 * One warm-up mount of each variant, then the timed mounts, interleaved (alternating which goes
 * first) so that drift on a busy machine hits both variants alike.
 */
async function timeView(bench: BenchPage, database: string, view: ViewName): Promise<Record<Variant, Timing>> {
  const samples: Record<Variant, number[]> = { indexed: [], whole: [] };
  const rows: Record<Variant, number | undefined> = { indexed: undefined, whole: undefined };
  const errors: Partial<Record<Variant, string>> = {};
  const runs: Record<Variant, number> = { indexed: 0, whole: 0 };
  const once = async (variant: Variant): Promise<number | undefined> => {
    if (errors[variant]) return undefined;
    const result = await bench.measure(database, view, variant);
    if (result instanceof Error) {
      errors[variant] = result.message.split('\n')[0];
      return undefined;
    }
    rows[variant] = result.rows;
    return result.ms;
  };
  for (const variant of ['indexed', 'whole'] as const) {
    const warmup = await once(variant);
    runs[variant] = warmup === undefined ? 0 : runsAfter(warmup);
    if (warmup !== undefined && runs[variant] === 0) samples[variant].push(warmup);
  }
  for (let run = 0; run < RUNS; run++) {
    const order: Variant[] = run % 2 ? ['whole', 'indexed'] : ['indexed', 'whole'];
    for (const variant of order) {
      if (run >= runs[variant]) continue;
      const value = await once(variant);
      if (value !== undefined) samples[variant].push(value);
    }
  }
  const timing = (variant: Variant): Timing => {
    const values = samples[variant];
    if (values.length === 0) return { runs: 0, error: errors[variant] ?? 'no sample', timedOut: /not rendered within/.test(errors[variant] ?? '') };
    return { median: median(values), min: Math.min(...values), max: Math.max(...values), rows: rows[variant], runs: values.length, error: errors[variant] };
  };
  return { indexed: timing('indexed'), whole: timing('whole') };
}

function ms(t: Timing): string {
  if (t.timedOut) return `> ${TIMEOUT_MS} (timed out)`;
  if (t.median === undefined) return `✗ ${t.error}`;
  const spread = t.runs > 1 ? ` (${t.min!.toFixed(0)}–${t.max!.toFixed(0)})` : '';
  return `${t.median.toFixed(0)}${spread}${t.runs === RUNS ? '' : ` [n=${t.runs}]`}`;
}
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
const n = (value: number) => value.toLocaleString('en-US');

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

function describeSeed(spec: ScenarioSpec, seed: SeedResult): string {
  const c = seed.counts;
  const records = c.dealers + c.visitCards + c.diaryEntries + c.intelItems;
  return (
    `${spec.name}: ${n(c.visitCards)} visit cards, ${n(c.diaryEntries)} diary entries (${n(c.daily)} daily, ${n(c.weekly)} weekly, ${n(c.monthly)} monthly), ` +
    `${n(c.intelItems)} intel items, ${n(c.dealers)} dealers; the profile's own: ${n(seed.own.visitCards)} cards (${seed.own.todaysCards} today), ${n(seed.own.diaryEntries)} entries. ` +
    `Seeded in ${seconds(seed.generateMs + seed.writeMs)} (generate ${seconds(seed.generateMs)}, IndexedDB bulkPut ${seconds(seed.writeMs)} = ` +
    `${n(Math.round(records / (seed.writeMs / 1000)))} records/s); ${n(seed.validated)} records checked against the zod schemas`
  );
}

export async function run(): Promise<void> {
  const started = Date.now();
  const outDir = mkdtempSync(join(tmpdir(), 'fieldkit-bench-views-'));
  let server: Server | undefined;
  let browser: Browser | undefined;
  try {
    await buildPage(outDir);
    console.log(`built the bench page with Vite in ${seconds(Date.now() - started)}`);
    server = await serve(outDir);
    const { port } = server.address() as AddressInfo;
    browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc'] });
    const bench = new BenchPage(browser, `http://127.0.0.1:${port}/`);
    await bench.open();
    console.log(
      `Chromium ${browser.version()} (headless), viewport 400 × 900 (a side panel); history ends today, ${new Date().toLocaleDateString('sv-SE')}; ` +
        `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
    );

    const results: { spec: ScenarioSpec; seed: SeedResult; views: Record<ViewName, Record<Variant, Timing>> }[] = [];
    /** Seeds and times one scenario; a failure is printed and the other scenarios still run. */
    const scenario = async (spec: ScenarioSpec): Promise<void> => {
      try {
        let seed = await bench.seed(spec);
        if (spec.manager) {
          spec.name = `manager-${seed.reps}x5y`;
          const cut = seed.reps < spec.reps ? `; the ${SEED_BUDGET_S} s seeding budget (FIELDKIT_BENCH_SEED_BUDGET_S) ran out after ${seed.reps} of ${spec.reps}` : '';
          console.log(`manager scenario: ${seed.reps} reps × 5 years + the manager's own 5 years (FIELDKIT_BENCH_REPS, default ${DEFAULT_REPS}${cut})`);
        }
        console.log(describeSeed(spec, seed));
        const views = {} as Record<ViewName, Record<Variant, Timing>>;
        for (const view of VIEWS) {
          if ((await bench.today()) !== seed.today) {
            // Past midnight the history no longer ends today (Today would show no visits): seed it again.
            console.log(`${spec.name}: the day changed since seeding; seeding again`);
            seed = await bench.seed({ ...spec, reps: seed.reps, seedBudgetMs: undefined });
          }
          views[view] = await timeView(bench, seed.database, view);
        }
        results.push({ spec, seed, views });
      } catch (error) {
        console.log(`${spec.name}: failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };

    await scenario({ name: 'rep-1y', years: 1, reps: 1, manager: false });
    await scenario({ name: 'rep-5y', years: 5, reps: 1, manager: false });
    await scenario({ name: 'manager', years: 5, reps: REPS, manager: true, seedBudgetMs: SEED_BUDGET_S * 1000 });

    console.log(
      `\nTime to first meaningful render, ms: from root.render() until the view's first meaningful element is in the DOM and the next frame is rendered; ` +
        `median of ${RUNS} fresh mounts (fresh Dexie instance) after one warm-up, (min–max). Meaningful: today = daily report editor + today's visits; ` +
        `dealers = first dealer row with the day of its last visit; intel = first intel list item; reports = period line + report editor.\n` +
        `"indexed" = the real views (named index-backed queries), "whole tables" = bench/views/legacy.tsx (whole-table reads + in-memory filter/sort, as before). ` +
        `ratio = whole ÷ indexed. Target ≤ ${TARGET_MS} ms per view (reported, not asserted).\n`,
    );
    const rows: string[][] = [];
    for (const { spec, views } of results) {
      for (const view of VIEWS) {
        const { indexed, whole } = views[view];
        const ratio = !indexed.median ? '–' : whole.median ? `×${(whole.median / indexed.median).toFixed(1)}` : whole.timedOut ? `> ×${(TIMEOUT_MS / indexed.median).toFixed(0)}` : '–';
        const met = indexed.median === undefined ? 'NO' : indexed.median <= TARGET_MS ? 'yes' : 'NO';
        rows.push([spec.name, view, ms(indexed), ms(whole), ratio, met, `${indexed.rows ?? '–'} / ${whole.rows ?? '–'}`]);
      }
    }
    console.log(
      table([`scenario`, 'view', `indexed (ms, median of ${RUNS})`, `whole tables (ms, median of ${RUNS})`, 'ratio', `target ≤${TARGET_MS} ms met?`, 'rows rendered (indexed / whole)'], rows),
    );

    const named = (prefix: string) => results.find((r) => r.spec.name.startsWith(prefix));
    const growth = (from: string, to: string, variant: Variant) =>
      VIEWS.map((view) => {
        const a = named(from)?.views[view][variant].median;
        const b = named(to)?.views[view][variant].median;
        return `${view} ${a && b ? `×${(b / a).toFixed(2)}` : '–'}`;
      }).join(', ');
    console.log(`\nflatness, rep 5 years ÷ 1 year (×1.00 = flat): indexed: ${growth('rep-1y', 'rep-5y', 'indexed')}; whole tables: ${growth('rep-1y', 'rep-5y', 'whole')}`);
    console.log(`team size, manager ÷ rep 5 years: indexed: ${growth('rep-5y', 'manager', 'indexed')}; whole tables: ${growth('rep-5y', 'manager', 'whole')}`);
    if (bench.errors.length) console.log(`\npage errors (${bench.errors.length}, first 5):\n  ${[...new Set(bench.errors)].slice(0, 5).join('\n  ')}`);
    console.log(`\nviews bench done in ${seconds(Date.now() - started)} (load average now ${loadavg()[0]!.toFixed(1)})`);
  } finally {
    await browser?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
    rmSync(outDir, { recursive: true, force: true });
  }
}
