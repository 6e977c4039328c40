/** Small helpers of the panel bench: the built extension, statistics and the printed tables. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const OUTPUT = resolve('.output/chrome-mv3');
const LOCK = '/tmp/fk-build.lock';

/**
 * A private copy of the built Chrome extension, taken under the build lock (other work rebuilds
 * .output while the bench runs). Builds it first when the HubSpot content script is missing, or
 * always with FIELDKIT_BENCH_BUILD=1.
 */
export function extensionSnapshot(): { dir: string; builtNow: boolean; builtAt: Date } {
  const script = join(OUTPUT, 'content-scripts/hubspot-company.js');
  const builtNow = process.env.FIELDKIT_BENCH_BUILD === '1' || !existsSync(script);
  if (builtNow) execFileSync('flock', [LOCK, 'npm', 'run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const dir = join(mkdtempSync(join(tmpdir(), 'fieldkit-bench-panel-ext-')), 'chrome-mv3');
  // cp under flock: the copy never sees half a build.
  execFileSync('flock', [LOCK, 'cp', '-r', OUTPUT, dir]);
  return { dir, builtNow, builtAt: statSync(join(dir, 'manifest.json')).mtime };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Stats {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function statsOf(values: readonly number[]): Stats | undefined {
  return values.length ? { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length } : undefined;
}

/** `median (min–max)`, with `digits` decimals. */
export function ms(stats: Stats | undefined, digits = 0): string {
  if (!stats) return '–';
  return `${stats.median.toFixed(digits)} (${stats.min.toFixed(digits)}–${stats.max.toFixed(digits)})`;
}

export const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
export const n = (value: number) => value.toLocaleString('en-US');
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (c ?? '').padEnd(widths[i]!)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
