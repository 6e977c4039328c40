import { describe, expect, it } from 'vitest';
import { RequestPacer } from '../../lib/sync/pacer';
import { backoffDelay } from '../../lib/sync/backoff';

describe('request pacer', () => {
  it('sends up to the budget at once, then waits for the oldest request to leave the window', () => {
    const pacer = new RequestPacer({ defaultMax: 10, defaultIntervalMs: 10_000, reserve: 2, slackMs: 0 });
    for (let i = 0; i < 8; i++) {
      expect(pacer.delayBeforeNext(1_000 + i)).toBe(0);
      pacer.recordSend(1_000 + i);
    }
    expect(pacer.delayBeforeNext(2_000)).toBe(9_000);
    expect(pacer.delayBeforeNext(11_000)).toBe(0);
  });

  it('counts requests the CRM saw from elsewhere, using its rate-limit headers', () => {
    const pacer = new RequestPacer({ reserve: 2, slackMs: 0 });
    // The CRM says 95 of 100 are used and none were ours: with 2 in reserve, 3 are left for us.
    const snapshot = { max: 100, remaining: 5, intervalMs: 10_000, observedAt: 5_000 };
    for (let i = 0; i < 3; i++) {
      expect(pacer.delayBeforeNext(5_001, snapshot)).toBe(0);
      pacer.recordSend(5_001);
    }
    expect(pacer.delayBeforeNext(5_002, snapshot)).toBe(9_998);
  });

  it('ignores a snapshot from long ago', () => {
    const pacer = new RequestPacer();
    expect(pacer.delayBeforeNext(100_000, { max: 100, remaining: 0, intervalMs: 10_000, observedAt: 1_000 })).toBe(0);
  });
});

describe('backoff', () => {
  it('grows exponentially with jitter and stays under the cap', () => {
    const policy = { baseMs: 1_000, capMs: 60_000 };
    expect(backoffDelay(1, () => 0, policy)).toBe(500);
    expect(backoffDelay(1, () => 1, policy)).toBe(1_000);
    expect(backoffDelay(4, () => 1, policy)).toBe(8_000);
    expect(backoffDelay(30, () => 1, policy)).toBe(60_000);
    expect(backoffDelay(30, () => 0, policy)).toBe(30_000);
  });
});
