/**
 * What a failed push means for one outbox entry. Pure, so every branch of the retry policy is
 * tested without a CRM: validation errors are parked for the user, transient ones back off, 429s
 * wait as told, and 401 pauses everything.
 */
import { CrmError } from '../crm/errors';
import type { OutboxEntry } from '../store/outbox';
import { backoffDelay, type BackoffPolicy } from './backoff';

export interface FailurePolicy {
  backoff: BackoffPolicy;
  /** Unreadable answers in a row before an entry is parked for attention instead of retried. */
  maxAttempts: number;
  /** Wait when a 429 carries no Retry-After (HubSpot's window is 10 s). */
  defaultRetryAfterMs: number;
}

export type FailureOutcome =
  | { action: 'retry'; delayMs: number; countsAsAttempt: boolean }
  | { action: 'park' }
  | { action: 'pause' };

export function outcomeOfFailure(error: CrmError, attemptsSoFar: number, random: () => number, policy: FailurePolicy): FailureOutcome {
  switch (error.kind) {
    case 'unauthorized':
      return { action: 'pause' };
    case 'rate-limited':
      // Not the record's fault: does not use up its attempts.
      return { action: 'retry', delayMs: error.details.retryAfterMs ?? policy.defaultRetryAfterMs, countsAsAttempt: false };
    case 'server':
    case 'network': {
      // An outage ends by itself: keep retrying at the capped interval rather than making the
      // user press Retry on every record afterwards.
      const attempts = attemptsSoFar + 1;
      return { action: 'retry', delayMs: backoffDelay(attempts, random, policy.backoff), countsAsAttempt: true };
    }
    case 'invalid-response': {
      // An answer we cannot read may never become readable (an API change): surface it.
      const attempts = attemptsSoFar + 1;
      if (attempts >= policy.maxAttempts) return { action: 'park' };
      return { action: 'retry', delayMs: backoffDelay(attempts, random, policy.backoff), countsAsAttempt: true };
    }
    default:
      // validation, forbidden (missing scope), not-found, conflict: retrying cannot help.
      return { action: 'park' };
  }
}

/** Anything the adapter throws that is not a CrmError is a bug or a crash, never a CRM answer. */
export function asCrmError(error: unknown): CrmError | undefined {
  return error instanceof CrmError ? error : undefined;
}

export function lastErrorOf(error: CrmError, at: string): NonNullable<OutboxEntry['lastError']> {
  return { kind: error.kind, message: error.message.slice(0, 2000), ...(error.details.status ? { status: error.details.status } : {}), at };
}
