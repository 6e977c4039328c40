/**
 * The KPI snapshot refresh: keeps each CRM-linked dealer's snapshot row (./kpi-snapshot-kind.ts)
 * equal to what its panel says now, so the sync engine writes it to the dealer's CRM record.
 *
 * - It computes the dealer's panel (./panel-data.ts) for `defaultPanelPeriod` and maps it with
 *   `snapshotOf` / `snapshotFields` (./snapshot.ts).
 * - It saves a new version of the row — which queues it (lib/store/records.ts) — only when a field
 *   other than `kpiComputedAt` changed, so a refresh that finds nothing new queues nothing and
 *   the CRM is written once per real change, not once per run. A dealer about which nothing is
 *   known (no KPI has a value) gets no row at all until something is.
 * - It is bounded: each run looks at a page of dealers (by default at most 200, and stops after
 *   2 s) and remembers where it stopped, so the next run continues there and a pass over every
 *   dealer takes as many runs as it needs. A manager's 6,000 dealers never hold a sync cycle (or
 *   the service worker) for more than a couple of seconds. A new pass starts at most every 15
 *   minutes, so a snapshot follows a change within about that plus the pass itself.
 *
 * Pure: the database and the time come in, nothing here touches the browser (lib/sync/service.ts
 * runs it inside a sync cycle, after the pulls and before the push).
 */
import type { FieldkitDatabase } from '../store/database';
import { defineQuery } from '../store/query';
import { saveRecord } from '../store/records';
import { readSetting } from '../store/settings';
import type { Author } from '../kernel/record';
import { toDay } from '../kernel/dates';
import { z } from '../kernel/zod';
import { defaultPanelPeriod, loadDealerPanel } from './panel-data';
import { snapshotFields, snapshotOf, type SnapshotFields } from './snapshot';
import { dealerKpiKind, kpiSnapshotIdOf, type DealerKpiSnapshot } from './kpi-snapshot-kind';
import type { Dealer } from './schema';

/**
 * The month a dealer's snapshot is for: the month its panel opens at (./panel-data.ts), so the
 * snapshot in HubSpot and the panel next to it show the same month.
 */
export { defaultPanelPeriod };

/**
 * CRM-linked dealers in order of their CRM id, after `after`: the refresh's pages. (Named like
 * every read, though lib/queries.ts does not list it yet: the `crm.objectId` index it reads is
 * already read by `dealers.byCrmId`.)
 */
export const linkedDealersAfter = defineQuery({
  name: 'dealers.linkedAfter',
  table: 'dealers',
  index: 'crm.objectId',
  example: { after: '', limit: 50 },
  run: async (db, { after, limit }: { after: string; limit: number }): Promise<Dealer[]> => db.dealers.where('crm.objectId').above(after).limit(limit).toArray(),
});

/** Where the last run stopped: the CRM id of the last dealer it looked at (a settings row, so it survives the worker). */
export const KPI_REFRESH_KEY = 'dealers.kpiRefresh';
const RefreshCursor = z.object({
  after: z.string(),
  /** When the last pass over every dealer ended (epoch ms). */
  passEndedAt: z.number().optional(),
});
type RefreshCursor = z.infer<typeof RefreshCursor>;

export interface KpiRefreshOptions {
  /** Dealers looked at per run at most (default 200). */
  maxDealers?: number;
  /** A run stops looking at further dealers after this many ms of `clock` (default 2,000). */
  budgetMs?: number;
  /** For the budget; default `Date.now`. Tests pass a virtual clock. */
  clock?: () => number;
  /** Who the saved rows name as author; default the device's profile (the CRM owner once connected). */
  author?: Author;
  /**
   * A new pass over every dealer starts at most this long after the last one ended (default
   * 15 min, like the dealer pull): between passes a run does nothing, so a device that syncs every
   * 30 s does not spend its CPU recomputing panels whose inputs rarely change.
   */
  minPassIntervalMs?: number;
}

export interface KpiRefreshSummary {
  /** Dealers looked at. */
  examined: number;
  /** Rows saved, each with its outbox entry. */
  queued: number;
  /** Rows whose fields had not changed (nothing queued). */
  unchanged: number;
  /** Dealers deleted locally, or whose panel could not be computed. */
  skipped: number;
  /** Dealers with no snapshot yet and nothing known to put in one (no KPI has a value). */
  empty: number;
  /** Panels that threw (a broken rule set …), with why; the run goes on with the next dealer. */
  failures: { dealerId: string; message: string }[];
  /** Whether this run reached the last linked dealer (the next one starts a new pass). */
  passComplete: boolean;
  /** The last pass ended less than `minPassIntervalMs` ago: this run looked at nothing. */
  resting: boolean;
}

export const DEFAULT_MAX_DEALERS = 200;
export const DEFAULT_BUDGET_MS = 2_000;
export const DEFAULT_MIN_PASS_INTERVAL_MS = 15 * 60_000;

/**
 * Whether `fields` say what `row` already says, `kpiComputedAt` aside: the same snapshot computed
 * at another time. (Compared through `snapshotFields` itself, so the JSON detail is compared too,
 * with its own `computedAt` set to the row's.)
 */
function sameSnapshot(row: DealerKpiSnapshot, fields: SnapshotFields, recompute: (computedAt: string) => SnapshotFields): boolean {
  if (row.fields.kpiPeriod !== fields.kpiPeriod) return false;
  const again = recompute(row.fields.kpiComputedAt);
  return (Object.keys(again) as (keyof SnapshotFields)[]).every((name) => again[name] === row.fields[name]);
}

/**
 * Whether the row's current version has reached the dealer's CRM record or is on its way: written
 * to the company the dealer is linked to now, or queued (a parked entry included: it waits for
 * the user's Retry, not for another copy). A row whose entry was closed unsent — its dealer was
 * not linked when it was claimed — or that went to another company (the dealer was re-linked) is
 * saved again even though its fields did not change.
 */
async function reachedOrQueued(db: FieldkitDatabase, row: DealerKpiSnapshot, dealer: Dealer): Promise<boolean> {
  if (row.crm && row.crm.objectId === dealer.crm?.objectId && row.crm.syncedVersion === row.updatedAt) return true;
  const entry = await db.outbox.where('[table+recordId]').equals([dealerKpiKind.table, row.id]).first();
  return !!entry && entry.status !== 'done';
}

/**
 * One bounded run over the next page of CRM-linked dealers. Never throws for one dealer's panel;
 * a failure to read or write the store does throw (the caller logs it, and the next run retries
 * from the same cursor).
 */
export async function refreshKpiSnapshots(db: FieldkitDatabase, now: Date, options: KpiRefreshOptions = {}): Promise<KpiRefreshSummary> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  const maxDealers = Math.max(1, options.maxDealers ?? DEFAULT_MAX_DEALERS);
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const author = options.author ?? (await readSetting(db, 'profile'));
  const today = toDay(now);
  const summary: KpiRefreshSummary = { examined: 0, queued: 0, unchanged: 0, skipped: 0, empty: 0, failures: [], passComplete: false, resting: false };

  const stored = RefreshCursor.safeParse((await db.settings.get(KPI_REFRESH_KEY))?.value);
  const cursor: RefreshCursor = stored.success ? stored.data : { after: '' };
  const minPassIntervalMs = options.minPassIntervalMs ?? DEFAULT_MIN_PASS_INTERVAL_MS;
  if (cursor.after === '' && cursor.passEndedAt !== undefined && now.getTime() - cursor.passEndedAt < minPassIntervalMs && now.getTime() >= cursor.passEndedAt) {
    summary.resting = true;
    return summary;
  }
  let after = cursor.after;
  const page = await linkedDealersAfter.run(db, { after, limit: maxDealers });
  // Fewer than a page: the end of the list. The next run starts again from the first dealer.
  summary.passComplete = page.length < maxDealers;

  for (const dealer of page) {
    if (summary.examined > 0 && clock() - started > budgetMs) {
      summary.passComplete = false;
      break;
    }
    summary.examined += 1;
    after = dealer.crm!.objectId;
    if (dealer.deletedAt) {
      summary.skipped += 1;
      continue;
    }
    try {
      const period = await defaultPanelPeriod(db, dealer.id, today);
      const model = await loadDealerPanel(db, dealer.id, period, { now });
      if (!model) {
        summary.skipped += 1;
        continue;
      }
      const id = kpiSnapshotIdOf(dealer.id);
      const existing = await db.dealerKpis.get(id);
      if (!existing && model.kpis.every((kpi) => kpi.value === null)) {
        // Nothing known about this dealer yet (no visits, figures or terminals): no snapshot to
        // write. Most of a big portal's companies are such, and an empty snapshot on each would
        // cost a write apiece and say nothing. One that had a snapshot gets its empty one (below).
        summary.empty += 1;
        continue;
      }
      const snapshot = snapshotOf(model);
      const fields = snapshotFields(snapshot);
      if (existing && !existing.deletedAt && sameSnapshot(existing, fields, (computedAt) => snapshotFields({ ...snapshot, computedAt })) && (await reachedOrQueued(db, existing, dealer))) {
        summary.unchanged += 1;
        continue;
      }
      await saveRecord(db, 'dealerKpis', { id, dealerId: dealer.id, period: fields.kpiPeriod, fields }, { author, now });
      summary.queued += 1;
    } catch (error) {
      summary.failures.push({ dealerId: dealer.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  const next: RefreshCursor = summary.passComplete ? { after: '', passEndedAt: now.getTime() } : { ...cursor, after };
  await db.settings.put({ key: KPI_REFRESH_KEY, value: next });
  return summary;
}
