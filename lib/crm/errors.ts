/**
 * CRM failures and rate-limit readings, in terms the sync engine can act on without knowing the
 * CRM. The port itself is ./port.ts.
 */

/** Why a CRM call failed, in terms the sync engine can act on without knowing the CRM. */
export type CrmErrorKind =
  | 'unauthorized' // 401: token revoked or wrong — pause sync, ask to reconnect
  | 'forbidden' // 403: a scope is missing
  | 'rate-limited' // 429: wait `retryAfterMs`
  | 'validation' // 4xx the user must fix: park as "needs attention", never retry blindly
  | 'not-found'
  | 'conflict'
  | 'owned-by-another' // the CRM object found for a record belongs to another user: never overwritten
  | 'deleted-in-crm' // the record's own CRM object was deleted there: re-create it or delete the record too
  | 'dealer-gone' // the dealer's CRM record the record is filed under was deleted there: file it under another
  | 'server' // 5xx: retry with backoff
  | 'network' // no response at all (offline, dropped connection, response lost)
  | 'invalid-response'; // the CRM answered with a shape we do not understand

export class CrmError extends Error {
  override readonly name = 'CrmError';
  constructor(
    readonly kind: CrmErrorKind,
    message: string,
    readonly details: {
      status?: number;
      category?: string;
      correlationId?: string;
      retryAfterMs?: number;
    } = {},
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind === 'rate-limited' || this.kind === 'server' || this.kind === 'network';
  }
}

/** What the rate-limit headers of the most recent response said. */
export interface RateLimitSnapshot {
  max: number;
  remaining: number;
  intervalMs: number;
  observedAt: number;
}
