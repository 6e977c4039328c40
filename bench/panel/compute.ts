/**
 * The KPI computation for one dealer in real Chromium: the bench page (./main.ts) built with Vite
 * like the extension's pages, served on 127.0.0.1, its IndexedDB seeded directly, then each
 * variant of ./api.ts timed — one warm-up each, then `runs` rounds in turns (which variant goes
 * first alternates), so drift on a busy machine hits all of them alike.
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { findChromium } from '../../test/e2e/chromium';
import wxtConfig from '../../wxt.config';
import { statsOf, type Stats } from './harness';
import { VARIANTS, type Breakdown, type FieldkitPanelBench, type MeasureResult, type SaveCost, type SeedResult, type SeedSpec, type Variant } from './api';

const here = dirname(fileURLToPath(import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/** Built like the extension's pages: the plugins and aliases of wxt.config.ts. */
async function buildPage(outDir: string): Promise<void> {
  const extension = (await wxtConfig.vite?.({ command: 'build', mode: 'production', browser: 'chrome', manifestVersion: 3 })) ?? {};
  await build({
    configFile: false,
    root: here,
    base: './',
    logLevel: 'warn',
    plugins: [...(extension.plugins ?? [])],
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

type PageWindow = { fieldkitPanelBench: FieldkitPanelBench };

export interface VariantTiming {
  stats: Stats | undefined;
  cards?: number;
  visitMonths?: number;
  facts?: number;
  model?: string;
  error?: string;
}

export interface ComputeResult {
  chromium: string;
  buildMs: number;
  seed: SeedResult;
  timings: Record<Variant, VariantTiming>;
  /** Median of `runs` breakdown passes, each step timed alone. */
  breakdown: Breakdown;
  saveCost: SaveCost;
  errors: string[];
}

export async function measureComputation(spec: SeedSpec, runs: number): Promise<ComputeResult> {
  const outDir = mkdtempSync(join(tmpdir(), 'fieldkit-bench-panel-page-'));
  let server: Server | undefined;
  let browser: Browser | undefined;
  try {
    const building = Date.now();
    await buildPage(outDir);
    const buildMs = Date.now() - building;
    server = await serve(outDir);
    const { port } = server.address() as AddressInfo;
    browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc'] });
    const page: Page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'fieldkitPanelBench' in window, undefined, { timeout: 30_000 });
    const seed = await page.evaluate((s) => (window as unknown as PageWindow).fieldkitPanelBench.seed(s), spec);
    const measureOnce = (variant: Variant) =>
      page.evaluate(([d, id, p, v]) => (window as unknown as PageWindow).fieldkitPanelBench.measure(d, id, p, v), [seed.database, seed.dealerId, seed.period, variant] as const);

    const samples: Record<Variant, number[]> = { indexed: [], whole: [], range: [], read: [], compute: [] };
    const last: Partial<Record<Variant, MeasureResult>> = {};
    const failed: Partial<Record<Variant, string>> = {};
    const once = async (variant: Variant, warmup: boolean) => {
      if (failed[variant]) return;
      try {
        const result = await measureOnce(variant);
        last[variant] = result;
        if (!warmup) samples[variant].push(result.ms);
      } catch (error) {
        failed[variant] = error instanceof Error ? error.message.split('\n')[0] : String(error);
      }
    };
    for (const variant of VARIANTS) await once(variant, true);
    for (let run = 0; run < runs; run++) {
      const order = run % 2 ? [...VARIANTS].reverse() : VARIANTS;
      for (const variant of order) await once(variant, false);
    }

    const passes: Breakdown[] = [];
    for (let run = 0; run < runs; run++) {
      passes.push(await page.evaluate(([d, id, p]) => (window as unknown as PageWindow).fieldkitPanelBench.breakdown(d, id, p), [seed.database, seed.dealerId, seed.period] as const));
    }
    const med = (pick: (b: Breakdown) => number) => statsOf(passes.map(pick))!.median;
    const first = passes[0]!;
    const breakdown: Breakdown = {
      reads: Object.fromEntries(Object.keys(first.reads).map((key) => [key, med((b) => b.reads[key as keyof Breakdown['reads']])])) as Breakdown['reads'],
      gatherOnce: med((b) => b.gatherOnce),
      evaluateOnce: med((b) => b.evaluateOnce),
      gathers: first.gathers,
      evaluations: first.evaluations,
      cardsRange: med((b) => b.cardsRange),
      cardsInRange: first.cardsInRange,
      cardsWholeTable: med((b) => b.cardsWholeTable),
    };
    // Last: it writes (and undoes) cards, so the panel timings above read an untouched database.
    const saveCost = await page.evaluate(([d, id, p, r]) => (window as unknown as PageWindow).fieldkitPanelBench.saveCost(d, id, p, r), [seed.database, seed.dealerId, seed.period, runs] as const);
    const timings = Object.fromEntries(
      VARIANTS.map((variant) => [variant, { stats: statsOf(samples[variant]), cards: last[variant]?.cards, visitMonths: last[variant]?.visitMonths, facts: last[variant]?.facts, model: last[variant]?.model, error: failed[variant] }]),
    ) as Record<Variant, VariantTiming>;
    return { chromium: browser.version(), buildMs, seed, timings, breakdown, saveCost, errors };
  } finally {
    await browser?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
    rmSync(outDir, { recursive: true, force: true });
  }
}
