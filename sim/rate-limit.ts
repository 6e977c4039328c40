/** HubSpot's burst window: a rolling 10 seconds per token (policy TEN_SECONDLY_ROLLING). */
export const WINDOW_MS = 10_000;

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
  policyName?: 'TEN_SECONDLY_ROLLING' | 'DAILY';
  retryAfterMs?: number;
}

/**
 * Counts served requests per token in a rolling window and a calendar day, and produces the
 * X-HubSpot-RateLimit-* headers HubSpot sends. Refused requests do not count against the window.
 */
export class RateLimiter {
  private windows = new Map<string, number[]>();
  private days = new Map<string, { day: string; count: number }>();

  constructor(
    public max: number,
    public daily: number,
    private readonly clock: () => number = Date.now,
  ) {}

  reset(): void {
    this.windows.clear();
    this.days.clear();
  }

  take(token: string): RateDecision {
    const now = this.clock();
    const hits = (this.windows.get(token) ?? []).filter((t) => t > now - WINDOW_MS);
    const dayKey = new Date(now).toISOString().slice(0, 10);
    const day = this.days.get(token);
    const dayCount = day && day.day === dayKey ? day.count : 0;
    const oldest = hits[0];
    if (dayCount >= this.daily) {
      this.windows.set(token, hits);
      return { allowed: false, policyName: 'DAILY', headers: this.headers(hits.length, dayCount) };
    }
    if (hits.length >= this.max) {
      this.windows.set(token, hits);
      return {
        allowed: false,
        policyName: 'TEN_SECONDLY_ROLLING',
        retryAfterMs: oldest === undefined ? WINDOW_MS : oldest + WINDOW_MS - now,
        headers: this.headers(hits.length, dayCount),
      };
    }
    hits.push(now);
    this.windows.set(token, hits);
    this.days.set(token, { day: dayKey, count: dayCount + 1 });
    return { allowed: true, headers: this.headers(hits.length, dayCount + 1) };
  }

  private headers(used: number, dayUsed: number): Record<string, string> {
    return {
      'X-HubSpot-RateLimit-Max': String(this.max),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, this.max - used)),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(WINDOW_MS),
      'X-HubSpot-RateLimit-Daily': String(this.daily),
      'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, this.daily - dayUsed)),
    };
  }
}
