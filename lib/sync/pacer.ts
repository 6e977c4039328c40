/**
 * Keeps the engine under the CRM's rolling rate-limit window instead of discovering it through
 * 429s. It counts this engine's own requests in the window and, when the adapter reports the
 * `X-HubSpot-RateLimit-*` headers, also what the CRM says is used (other tabs, other tools).
 * Memory here is only an optimisation: after a worker restart the snapshot re-seeds it.
 */
import type { RateLimitSnapshot } from '../crm/errors';

export interface PacerOptions {
  /** Used until the CRM reports its own limits (HubSpot private apps: 100 per 10 s). */
  defaultMax?: number;
  defaultIntervalMs?: number;
  /** Requests left unused in every window for the UI's own calls (connection check, pulls). */
  reserve?: number;
  /** Margin for the CRM counting arrival time rather than our send time. */
  slackMs?: number;
}

/** What the engine needs from a pacer (the bench's naive baseline passes one that never waits). */
export interface Pacer {
  delayBeforeNext(now: number, snapshot?: RateLimitSnapshot): number;
  recordSend(now: number): void;
}

export class RequestPacer implements Pacer {
  private sentAt: number[] = [];
  private readonly defaultMax: number;
  private readonly defaultIntervalMs: number;
  private readonly reserve: number;
  private readonly slackMs: number;

  constructor(options: PacerOptions = {}) {
    this.defaultMax = options.defaultMax ?? 100;
    this.defaultIntervalMs = options.defaultIntervalMs ?? 10_000;
    this.reserve = options.reserve ?? 2;
    this.slackMs = options.slackMs ?? 300;
  }

  /** Milliseconds to wait before the next request may be sent; 0 when it may go now. */
  delayBeforeNext(now: number, snapshot?: RateLimitSnapshot): number {
    const usable = snapshot && snapshot.observedAt <= now + 1_000 && snapshot.observedAt > now - snapshot.intervalMs;
    const max = usable ? snapshot.max : this.defaultMax;
    const intervalMs = usable ? snapshot.intervalMs : this.defaultIntervalMs;
    const windowMs = intervalMs + this.slackMs;
    this.sentAt = this.sentAt.filter((t) => t > now - windowMs);
    const budget = Math.max(1, max - this.reserve);

    let wait = 0;
    if (this.sentAt.length >= budget) {
      // The request that must leave the window before we may send again.
      const oldest = this.sentAt[this.sentAt.length - budget]!;
      wait = oldest + windowMs - now;
    }
    if (usable) {
      // Requests the CRM counted that are not ours (another tab, another tool on the same app).
      // We do not know when they were sent; assume they leave the window one interval after the
      // answer that reported them (conservative) and add them to our own.
      const oursAtSnapshot = this.sentAt.filter((t) => t <= snapshot.observedAt).length;
      const foreign = snapshot.max - snapshot.remaining - oursAtSnapshot;
      if (foreign > 0 && now < snapshot.observedAt + windowMs) {
        const ownBudget = budget - foreign;
        if (ownBudget <= 0) wait = Math.max(wait, snapshot.observedAt + windowMs - now);
        else if (this.sentAt.length >= ownBudget) {
          const oldest = this.sentAt[this.sentAt.length - ownBudget]!;
          wait = Math.max(wait, Math.min(oldest, snapshot.observedAt) + windowMs - now);
        }
      }
    }
    return Math.max(0, Math.ceil(wait));
  }

  recordSend(now: number): void {
    this.sentAt.push(now);
  }
}
