/**
 * HubSpot answers → CrmError. The rest of Fieldkit acts on the kind (pause, park, back off, wait)
 * and shows the message, so the message is HubSpot's own where it sent one.
 */
import { CrmError, type CrmErrorKind } from '../errors';
import { ErrorBody, type StandardError } from './responses';

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function kindOfStatus(status: number): CrmErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  if (status >= 400) return 'validation';
  return 'invalid-response';
}

/**
 * How long to wait after a 429: Retry-After when sent (HubSpot rarely sends it), otherwise the
 * rolling window from X-HubSpot-RateLimit-Interval-Milliseconds (10 s), a second for the search
 * limit (SECONDLY), and for the daily policy
 * an hour — the daily limit resets at midnight in the portal's zone, which we do not know here.
 */
export function retryAfterMs(headers: Headers, policyName: string | undefined): number {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - Date.now());
  }
  if (policyName === 'DAILY') return 60 * 60 * 1000;
  // The search limit is per second (policy SECONDLY, unlike TEN_SECONDLY_ROLLING): a second is enough.
  if (policyName === 'SECONDLY') return 1_000;
  const interval = Number(headers.get('x-hubspot-ratelimit-interval-milliseconds'));
  return Number.isFinite(interval) && interval > 0 ? interval : 10_000;
}

/** A non-2xx HTTP answer. */
export function errorFromResponse(status: number, headers: Headers, text: string): CrmError {
  const parsed = ErrorBody.safeParse(readJson(text));
  const body = parsed.success ? parsed.data : undefined;
  const kind = kindOfStatus(status);
  let message = body?.message ?? `HubSpot answered HTTP ${status}`;
  if (kind === 'forbidden') {
    const scopes = body?.errors?.flatMap((e) => {
      const s = e.context?.requiredGranularScopes;
      return Array.isArray(s) ? s.map(String) : [];
    });
    if (scopes && scopes.length > 0) message = `${message} (needs one of: ${scopes.join(', ')})`;
  }
  return new CrmError(kind, message, {
    status,
    ...(body?.category ? { category: body.category } : body?.policyName ? { category: body.policyName } : {}),
    ...(body?.correlationId ? { correlationId: body.correlationId } : {}),
    ...(kind === 'rate-limited' ? { retryAfterMs: retryAfterMs(headers, body?.policyName) } : {}),
  });
}

const CATEGORY_KINDS: Record<string, CrmErrorKind> = {
  VALIDATION_ERROR: 'validation',
  OBJECT_NOT_FOUND: 'not-found',
  CONFLICT: 'conflict',
  OBJECT_ALREADY_EXISTS: 'conflict',
  MISSING_SCOPES: 'forbidden',
  RATE_LIMITS: 'rate-limited',
};

/** One failed input of a 207 multi-status answer. */
export function errorFromBatchItem(e: StandardError): CrmError {
  // A note's company association names a company deleted in HubSpot (sim/write.ts models it).
  if (e.subCategory === 'crm.associations.TO_OBJECT_NOT_FOUND') return new CrmError('dealer-gone', e.message, { ...(e.category ? { category: e.category } : {}) });
  const kind = (e.category && CATEGORY_KINDS[e.category]) || 'validation';
  return new CrmError(kind, e.message, { ...(e.category ? { category: e.category } : {}) });
}

export function invalidResponse(what: string, detail: string): CrmError {
  return new CrmError('invalid-response', `HubSpot's answer to ${what} was not understood: ${detail}`);
}
