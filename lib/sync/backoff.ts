/**
 * Retry delays. Capped exponential backoff with "full jitter" (AWS architecture blog): many
 * devices that failed together do not retry together.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 15 * 60_000 };

/** Delay before attempt number `attempts + 1`, given `attempts` failures so far (≥ 1). */
export function backoffDelay(attempts: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  // Half fixed, half random: never retries immediately, yet spreads retries out.
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}
