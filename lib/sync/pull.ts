/**
 * Incremental pulls, paged by CRM modification time. The cursor is stored after every page, so a
 * worker stopped mid-pull resumes from the last merged page instead of starting over.
 */
import type { FieldkitDatabase } from '../store/database';
import type { SyncPort } from '../crm/port';
import { mergeRemoteRecord, type MergeOutcome } from './merge';
import { mergeRemoteDealer } from '../dealers/remote';
import { updateSyncState, readSyncState, writeProgress } from './state';

export interface PullContext {
  now: () => number;
  /** Paces and counts each CRM call (the engine's rate-limit window). */
  call: <T>(request: () => Promise<T>) => Promise<T>;
  /** Show a progress bar (first pulls can be thousands of items). */
  showProgress?: boolean;
}

export interface PullSummary {
  requests: number;
  outcomes: Partial<Record<MergeOutcome | 'dealers', number>>;
}

function later(a: string | undefined, b: string): string {
  return a && a > b ? a : b;
}

export async function pullRecords(db: FieldkitDatabase, port: SyncPort, context: PullContext): Promise<PullSummary> {
  const summary: PullSummary = { requests: 0, outcomes: {} };
  if (!port.pullRecords) return summary;
  const since = (await readSyncState(db)).cursors.records;
  let after: string | undefined;
  let merged = 0;
  do {
    const page = await context.call(() => port.pullRecords!(since, after));
    summary.requests += 1;
    let cursor: string | undefined;
    for (const remote of page.items) {
      const outcome = await mergeRemoteRecord(db, remote, context.now());
      summary.outcomes[outcome] = (summary.outcomes[outcome] ?? 0) + 1;
      cursor = later(cursor, remote.modifiedAt);
    }
    merged += page.items.length;
    if (cursor) await updateSyncState(db, (s) => void (s.cursors.records = later(s.cursors.records, cursor)));
    if (context.showProgress && page.total) await writeProgress(db, { phase: 'pull', done: merged, total: page.total });
    after = page.after;
  } while (after);
  if (context.showProgress) await writeProgress(db, undefined);
  return summary;
}

export async function pullDealers(db: FieldkitDatabase, port: SyncPort, context: PullContext): Promise<PullSummary> {
  const summary: PullSummary = { requests: 0, outcomes: {} };
  if (!port.pullDealers) return summary;
  const since = (await readSyncState(db)).cursors.dealers;
  let after: string | undefined;
  let merged = 0;
  do {
    const page = await context.call(() => port.pullDealers!(since, after));
    summary.requests += 1;
    let cursor: string | undefined;
    for (const remote of page.items) {
      await mergeRemoteDealer(db, remote, context.now());
      cursor = later(cursor, remote.modifiedAt);
    }
    merged += page.items.length;
    summary.outcomes.dealers = merged;
    if (cursor) await updateSyncState(db, (s) => void (s.cursors.dealers = later(s.cursors.dealers, cursor)));
    if (context.showProgress && page.total) await writeProgress(db, { phase: 'pull', done: merged, total: page.total });
    after = page.after;
  } while (after);
  if (context.showProgress) await writeProgress(db, undefined);
  return summary;
}
