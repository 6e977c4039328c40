/**
 * The outbox drain. Everything it needs to resume lives in Dexie (entries, lease, cursors, pause),
 * so the instance itself is disposable: a service worker stopped at any instant simply builds a
 * new one. Calls to the CRM never happen inside a Dexie transaction.
 */
import type { FieldkitDatabase } from '../store/database';
import { CrmError } from '../crm/errors';
import { newId } from '../kernel/ids';
import { acquireLease, releaseLease } from './lease';
import { asCrmError, type FailurePolicy } from './classify';
import { DEFAULT_BACKOFF } from './backoff';
import { claimBatch, countOpen, dueEntries, nextDueAt, settleBatch, type ClaimedEntry, type Settlement } from './batch';
import { MAX_BATCH, type CrmPort } from '../crm/port';
import { outgoingOf, ownerIdOf } from './outgoing';
import { RequestPacer, type Pacer } from './pacer';
import { readSyncState, updateSyncState, writeProgress } from './state';
import { pullDealers, pullRecords, type PullContext, type PullSummary } from './pull';
import { holdUntilSearchable, restampCreates, lookupTrustedAt, SEARCH_LAG_BOUND_MS } from './search-lag';

export interface SyncEngineOptions {
  db: FieldkitDatabase;
  port: CrmPort;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  batchSize?: number;
  /** How long a drain's lease lasts without renewal; longer than any single request. */
  leaseTtlMs?: number;
  /** An in-flight entry is not picked again before this, so a slow request cannot race its retry. */
  inFlightHoldMs?: number;
  /** A lookup that misses is trusted only this long after the create was sent (./search-lag.ts). */
  searchLagBoundMs?: number;
  /** Waits longer than this end the drain; the alarm resumes it (a worker must not sleep long). */
  maxInlineWaitMs?: number;
  /** A drain yields after this long so one event never outlives the browser's per-event limit. */
  maxDrainMs?: number;
  /** Pull other users' (and this user's other devices') records before pushing. */
  pullBeforePush?: boolean;
  /**
   * Runs between a drain's pull and its push, under the drain's lease: work that needs what the
   * pull brought and whose writes this same drain should push (the KPI snapshot refresh). It
   * must be bounded in time and must not throw (a throw here is treated like a crash).
   */
  beforePush?: () => Promise<void>;
  failurePolicy?: Partial<FailurePolicy>;
  pacer?: Pacer;
  /** Checked before every batch: false stops the drain (e.g. the user disconnected meanwhile). */
  shouldContinue?: () => Promise<boolean>;
  /** Called after every batch; the background makes an extension API call to stay awake. */
  onBatch?: () => Promise<void>;
  /** Test hook: throwing here simulates the worker being stopped at that point. */
  checkpoint?: (stage: DrainStage) => void | Promise<void>;
}

export type DrainStage = 'leased' | 'claimed' | 'looked-up' | 'responded' | 'settled';

export interface DrainResult {
  outcome: 'done' | 'busy' | 'paused' | 'deferred';
  pushed: number;
  parked: number;
  retried: number;
  requests: number;
  /** Epoch ms when the next open entry becomes due, for the alarm. */
  nextDueAt?: number;
}

export class SyncEngine {
  private readonly db: FieldkitDatabase;
  private readonly port: CrmPort;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly batchSize: number;
  private readonly leaseTtlMs: number;
  private readonly inFlightHoldMs: number;
  private readonly searchLagBoundMs: number;
  private readonly maxInlineWaitMs: number;
  private readonly maxDrainMs: number;
  private readonly pullBeforePush: boolean;
  private readonly beforePush: () => Promise<void>;
  private readonly policy: FailurePolicy;
  private readonly pacer: Pacer;
  private readonly checkpoint: (stage: DrainStage) => void | Promise<void>;
  private readonly shouldContinue: () => Promise<boolean>;
  private readonly onBatch: () => Promise<void>;

  constructor(options: SyncEngineOptions) {
    this.db = options.db;
    this.port = options.port;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.batchSize = Math.min(MAX_BATCH, options.batchSize ?? MAX_BATCH);
    this.leaseTtlMs = options.leaseTtlMs ?? 90_000;
    this.inFlightHoldMs = options.inFlightHoldMs ?? 60_000;
    this.searchLagBoundMs = options.searchLagBoundMs ?? SEARCH_LAG_BOUND_MS;
    this.maxInlineWaitMs = options.maxInlineWaitMs ?? 20_000;
    this.maxDrainMs = options.maxDrainMs ?? 240_000;
    this.pullBeforePush = options.pullBeforePush ?? false;
    this.beforePush = options.beforePush ?? (async () => undefined);
    this.policy = {
      backoff: DEFAULT_BACKOFF,
      maxAttempts: 12,
      defaultRetryAfterMs: 10_000,
      ...options.failurePolicy,
    };
    this.pacer = options.pacer ?? new RequestPacer();
    this.checkpoint = options.checkpoint ?? (() => undefined);
    this.shouldContinue = options.shouldContinue ?? (async () => true);
    this.onBatch = options.onBatch ?? (async () => undefined);
  }

  /** Pushes every due entry, in batches, until none is due, the CRM asks to wait, or sync pauses. */
  async drain(): Promise<DrainResult> {
    const result: DrainResult = { outcome: 'done', pushed: 0, parked: 0, retried: 0, requests: 0 };
    result.outcome = await this.exclusive(async (owner) => {
      if (this.pullBeforePush) {
        // Merging remote edits first is what lets the conflict rule see them (docs/sync.md).
        // The first pull can be thousands of records: show its progress bar.
        const firstPull = !(await readSyncState(this.db)).cursors.records;
        result.requests += (await pullRecords(this.db, this.port, this.pullContext(firstPull))).requests;
      }
      await this.beforePush();
      const total = await countOpen(this.db);
      const started = this.now();
      let settled = 0;
      for (;;) {
        if (this.now() - started > this.maxDrainMs) return 'deferred';
        if (!(await this.shouldContinue())) return 'paused';
        if (!(await acquireLease(this.db, owner, this.now(), this.leaseTtlMs))) return 'busy';
        const entries = await dueEntries(this.db, this.now(), this.batchSize);
        if (entries.length === 0) {
          // A short wait (a 429's Retry-After, a first backoff) is slept through; a long one is
          // left to the alarm, since a worker must not sleep for minutes.
          const due = await nextDueAt(this.db);
          if (due === undefined || due - this.now() > this.maxInlineWaitMs) return 'done';
          await this.sleep(Math.max(0, due - this.now()));
          continue;
        }
        await this.waitForWindow();
        const batch = await this.pushBatch(entries, result);
        if (batch === 'paused') return 'paused';
        settled += batch.settled;
        if (total > this.batchSize) await writeProgress(this.db, { phase: 'push', done: Math.min(settled, total), total });
        await this.onBatch();
      }
    });
    if (result.outcome !== 'busy') result.nextDueAt = await nextDueAt(this.db);
    return result;
  }

  /** Pulls dealers or records changed since the last pull, under the same lease as pushes. */
  async pull(kind: 'records' | 'dealers', options: { showProgress?: boolean } = {}): Promise<PullSummary & { outcome: DrainResult['outcome'] }> {
    let summary: PullSummary = { requests: 0, outcomes: {} };
    const outcome = await this.exclusive(async () => {
      summary = await (kind === 'records' ? pullRecords : pullDealers)(this.db, this.port, this.pullContext(options.showProgress ?? false));
      return 'done';
    });
    return { ...summary, outcome };
  }

  /**
   * Runs `work` holding the drain lease. CRM errors end it gracefully (401 pauses sync); anything
   * else is a crash or a bug and leaves everything as stored, exactly as a stopped worker would:
   * the lease expires and in-flight entries become due after their hold.
   */
  private async exclusive(work: (owner: string) => Promise<DrainResult['outcome']>): Promise<DrainResult['outcome']> {
    const owner = newId();
    if (!(await acquireLease(this.db, owner, this.now(), this.leaseTtlMs))) return 'busy';
    let crashed = false;
    try {
      await this.checkpoint('leased');
      if ((await readSyncState(this.db)).paused) return 'paused';
      return await work(owner);
    } catch (error) {
      if (error instanceof Deferred) return 'deferred';
      const crmError = asCrmError(error);
      if (!crmError) {
        crashed = true;
        throw error;
      }
      await this.recordFailure(crmError);
      return crmError.kind === 'unauthorized' ? 'paused' : 'deferred';
    } finally {
      if (!crashed) {
        await writeProgress(this.db, undefined);
        await releaseLease(this.db, owner);
      }
    }
  }

  private pullContext(showProgress: boolean): PullContext {
    return { now: this.now, call: (request) => this.call(request), showProgress };
  }

  /** One claim → (lookup) → push → settle cycle over at most one batch of entries. */
  private async pushBatch(entries: Parameters<typeof claimBatch>[1], result: DrainResult): Promise<{ settled: number } | 'paused'> {
    let claims = await claimBatch(this.db, entries, this.now(), this.inFlightHoldMs);
    await this.checkpoint('claimed');
    if (claims.length === 0) return { settled: entries.length };

    const outcomes: { claim: ClaimedEntry; result: Settlement }[] = [];
    const toLookUp = claims.filter((c) => c.needsLookup);
    if (toLookUp.length > 0) {
      try {
        const found = await this.call(() => this.port.findRecordsByLocalIds(toLookUp.map((c) => c.record.id)));
        result.requests += 1;
        const sentAt = new Map(entries.map((e) => [e.id, e]));
        const holds: { entryId: string; until: number }[] = [];
        const refused = new Set<string>();
        for (const claim of toLookUp) {
          const hit = found.get(claim.record.id);
          const author = ownerIdOf(claim.record.author.id);
          if (hit?.ownerId && author && hit.ownerId !== author) {
            // Someone else's note carries this record's id (a crafted backup row, say): it is never
            // overwritten or re-owned, and the record waits for a person (it stays in lookup).
            refused.add(claim.entryId);
            outcomes.push({ claim, result: { ok: false, error: new CrmError('owned-by-another', `The CRM object ${hit.crmId} found for this record belongs to owner ${hit.ownerId}, not to its author ${author}; it was not overwritten.`) } });
            continue;
          }
          // Found: the earlier create did land. Send the current content as an update to it.
          if (hit) claim.crmId = hit.crmId;
          else {
            // Not found yet may mean not indexed yet: neither create again nor call a delete done
            // before the miss can be trusted.
            const trustedAt = lookupTrustedAt(sentAt.get(claim.entryId) ?? {}, this.searchLagBoundMs);
            if (trustedAt !== undefined && trustedAt > this.now()) {
              holds.push({ entryId: claim.entryId, until: trustedAt });
              continue;
            }
          }
          claim.needsLookup = false;
        }
        const held = new Set(holds.map((h) => h.entryId));
        if (holds.length > 0) {
          await holdUntilSearchable(this.db, holds, this.now());
          claims = claims.filter((c) => !held.has(c.entryId));
        }
        const sentAgain = toLookUp.filter((c) => !held.has(c.entryId) && !refused.has(c.entryId) && !c.crmId && !c.record.deletedAt);
        await restampCreates(this.db, sentAgain.map((c) => c.entryId), this.now());
      } catch (error) {
        const crmError = asCrmError(error);
        if (!crmError) throw error;
        for (const claim of toLookUp) outcomes.push({ claim, result: { ok: false, error: crmError } });
      }
      await this.checkpoint('looked-up');
    }

    for (const claim of claims) {
      // Deleted before its lost create could be confirmed, and the lookup found nothing: done.
      if (!claim.needsLookup && !claim.crmId && claim.record.deletedAt) outcomes.push({ claim, result: { ok: true } });
    }
    const toPush = claims.filter((c) => !c.needsLookup && (c.crmId || !c.record.deletedAt));
    if (toPush.length > 0) {
      const inputs = await outgoingOf(this.db, toPush);
      try {
        const results = await this.call(() => this.port.pushRecords(inputs));
        result.requests += 1;
        const byId = new Map(results.map((r) => [r.localId, r]));
        for (const claim of toPush) {
          const answer = byId.get(claim.record.id);
          outcomes.push({
            claim,
            result: answer
              ? answer.ok
                ? {
                    ok: true,
                    crmId: answer.crmId,
                    objectType: answer.objectType,
                    ...('modifiedAt' in answer && answer.modifiedAt ? { modifiedAt: answer.modifiedAt } : {}),
                    ...('attachmentError' in answer && answer.attachmentError ? { attachmentError: answer.attachmentError } : {}),
                  }
                : { ok: false, error: answer.error }
              : { ok: false, error: missingAnswer() },
          });
        }
      } catch (error) {
        const crmError = asCrmError(error);
        if (!crmError) throw error;
        for (const claim of toPush) outcomes.push({ claim, result: { ok: false, error: crmError } });
      }
    }
    await this.checkpoint('responded');

    const summary = await settleBatch(this.db, outcomes, this.now(), this.random, this.policy);
    await this.checkpoint('settled');
    result.pushed += summary.succeeded;
    result.parked += summary.parked;
    result.retried += summary.retried;
    const at = new Date(this.now()).toISOString();
    await updateSyncState(this.db, (state) => {
      if (summary.succeeded > 0) state.lastSuccessAt = at;
      const failure = outcomes.find((o) => !o.result.ok)?.result;
      // A file deferred to the next push (too many in one) is not a problem worth showing.
      const attachment = outcomes.find((o) => o.result.ok && o.result.attachmentError && o.result.attachmentError.kind !== 'rate-limited')?.result;
      const attachmentError = attachment?.ok ? attachment.attachmentError : undefined;
      state.lastError =
        failure && !failure.ok ? failure.error.message : attachmentError ? attachmentError.message : summary.succeeded > 0 ? undefined : state.lastError;
      if (summary.paused) state.paused = 'unauthorized';
      if (summary.retryAfterMs) state.notBefore = this.now() + summary.retryAfterMs;
    });
    return summary.paused ? 'paused' : { settled: claims.length };
  }

  /** Waits for the rate-limit window and any 429 hold; throws Deferred when too long to sleep. */
  private async waitForWindow(): Promise<void> {
    const state = await readSyncState(this.db);
    const hold = Math.max(0, (state.notBefore ?? 0) - this.now());
    const delay = Math.max(hold, this.pacer.delayBeforeNext(this.now(), this.port.rateLimit?.()));
    if (delay > this.maxInlineWaitMs) throw new Deferred();
    if (delay > 0) await this.sleep(delay);
  }

  /**
   * Every CRM call goes through here so the pacer both paces and counts it. Anything the adapter
   * throws that is not a CrmError (an answer its client library choked on) becomes an
   * `invalid-response`: retried with backoff and bounded attempts, never wedging the queue.
   */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    await this.waitForWindow();
    this.pacer.recordSend(this.now());
    try {
      return await request();
    } catch (error) {
      if (error instanceof CrmError) throw error;
      throw new CrmError('invalid-response', error instanceof Error ? error.message.slice(0, 500) : String(error));
    }
  }

  private async recordFailure(error: CrmError): Promise<void> {
    await updateSyncState(this.db, (state) => {
      state.lastError = error.message;
      if (error.kind === 'unauthorized') state.paused = 'unauthorized';
      if (error.kind === 'rate-limited') state.notBefore = this.now() + (error.details.retryAfterMs ?? this.policy.defaultRetryAfterMs);
    });
  }
}

function missingAnswer(): CrmError {
  return new CrmError('invalid-response', 'The CRM returned no result for this record.');
}

/** Thrown inside a drain when the next call would have to wait longer than a worker may sleep. */
class Deferred extends Error {}
