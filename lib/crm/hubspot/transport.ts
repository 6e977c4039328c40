/**
 * The one place HTTP happens. The api-client's generated modules get this as their `httpApi`, so
 * every call goes through the same fetch, the same timeout, the same rate-limit reading and the
 * same error mapping. It never retries: the sync engine persists retries (an MV3 service worker
 * may die in the middle of an in-memory sleep), and the generated modules have no retry of their
 * own (that lives in the api-client's `Client`, which we do not load).
 */
import { CrmError, type RateLimitSnapshot } from '../errors';
import { errorFromResponse } from './errors';

export interface TransportOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  now: () => number;
  /** Waits before a search that would pass the per-second search limit (default: a timer). */
  sleep?: (ms: number) => Promise<void>;
  /** Searches per second per token HubSpot allows (its docs: 5; older ones 4). */
  searchesPerSecond?: number;
  onRateLimit?: (snapshot: RateLimitSnapshot) => void;
}

/** HubSpot's CRM search endpoints: limited per second on top of the 10 s window. */
const SEARCH_URL = /\/crm\/v3\/objects\/[^/?]+\/search(\?|$)/;
/** Margin on the 1 s search window for HubSpot counting arrival time rather than our send time. */
const SEARCH_SLACK_MS = 100;

export function readRateLimit(headers: Headers, observedAt: number): RateLimitSnapshot | undefined {
  const max = Number(headers.get('x-hubspot-ratelimit-max'));
  const remaining = Number(headers.get('x-hubspot-ratelimit-remaining'));
  const intervalMs = Number(headers.get('x-hubspot-ratelimit-interval-milliseconds'));
  // An answer without the headers (search answers may omit them) keeps the previous snapshot.
  if (!headers.has('x-hubspot-ratelimit-max') || ![max, remaining, intervalMs].every(Number.isFinite)) return undefined;
  return { max, remaining, intervalMs, observedAt };
}

export class Transport {
  private latest: RateLimitSnapshot | undefined;
  private searchesSentAt: number[] = [];

  constructor(private readonly options: TransportOptions) {}

  /**
   * Keeps searches under HubSpot's per-second search limit instead of meeting its SECONDLY 429s
   * (a wait of under a second: safe to sleep, even in a service worker).
   */
  private async searchSlot(): Promise<void> {
    const perSecond = this.options.searchesPerSecond ?? 5;
    const windowMs = 1_000 + SEARCH_SLACK_MS;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    for (;;) {
      const now = this.options.now();
      this.searchesSentAt = this.searchesSentAt.filter((t) => t > now - windowMs);
      if (this.searchesSentAt.length < perSecond) {
        this.searchesSentAt.push(now);
        return;
      }
      await sleep(Math.max(1, this.searchesSentAt[this.searchesSentAt.length - perSecond]! + windowMs - now));
    }
  }

  rateLimit(): RateLimitSnapshot | undefined {
    return this.latest;
  }

  /**
   * Sends a request; resolves with the body text of a 2xx answer, throws CrmError otherwise. A
   * FormData body (a file upload) goes as multipart/form-data with the boundary fetch chooses.
   */
  async send(url: string, init: { method: string; headers: Record<string, string>; body?: string | FormData }): Promise<{ status: number; headers: Headers; text: string }> {
    if (init.method === 'POST' && SEARCH_URL.test(url)) await this.searchSlot();
    let res: Response;
    try {
      res = await this.options.fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (e) {
      throw new CrmError('network', `No answer from HubSpot (${describe(e)}); a write may or may not have happened.`);
    }
    const snapshot = readRateLimit(res.headers, this.options.now());
    if (snapshot) {
      this.latest = snapshot;
      this.options.onRateLimit?.(snapshot);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      throw new CrmError('network', `HubSpot's answer was cut off (${describe(e)}).`, { status: res.status });
    }
    if (res.status < 200 || res.status > 299) throw errorFromResponse(res.status, res.headers, text);
    return { status: res.status, headers: res.headers, text };
  }

  /**
   * Sends a request built by a generated module. The module turns the answer into its own
   * ResponseContext (each module has its own class), so this returns the parts.
   */
  async sendGenerated(request: GeneratedRequest): Promise<{ status: number; headers: Record<string, string>; body: GeneratedBody }> {
    const body = request.getBody();
    const { status, headers, text } = await this.send(request.getUrl(), {
      method: request.getHttpMethod(),
      headers: request.getHeaders(),
      ...(typeof body === 'string' ? { body } : {}),
    });
    const flat: Record<string, string> = {};
    headers.forEach((v, k) => {
      flat[k] = v;
    });
    return {
      status,
      headers: flat,
      body: {
        text: () => Promise.resolve(text),
        binary: () => Promise.reject(new Error('binary bodies are not used by Fieldkit')),
      },
    };
  }
}

/** What the generated modules' RequestContext offers (identical in every module). */
export interface GeneratedRequest {
  getUrl(): string;
  getHttpMethod(): string;
  getHeaders(): Record<string, string>;
  getBody(): unknown;
}

export interface GeneratedBody {
  text(): Promise<string>;
  binary(): Promise<Buffer>;
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.name === 'TimeoutError' ? 'timed out' : e.message;
  return String(e);
}
