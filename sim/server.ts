import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorBody, SimHttpError } from './errors';
import { FaultInjector, type SimFaults } from './faults';
import { queryObject, RequestLog, type LogEntry } from './log';
import { RateLimiter } from './rate-limit';
import { accountRoutes } from './routes/account';
import { objectRoutes } from './routes/objects';
import { propertyRoutes } from './routes/properties';
import { fileRoutes } from './routes/files';
import { SimMultipart, type Route, type RouteContext, type SimResponse } from './routes/types';
import { DEFAULT_SEED, loadSeedFile } from './seed';
import { SimState } from './state';
import { STRICT, SearchLimiter, type SimStrictness } from './strict';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { CustomObjectsMode, NotePropertiesMode, SearchLimits, SimConfig, SimSeed } from './types';

export type { SimFaults, ScriptedFault } from './faults';
export type { LogEntry } from './log';
export type { SimSeed, SimConfig } from './types';
export { STRICT, LENIENT, type SimStrictness } from './strict';

/** The header every `/__sim/*` control request must carry, with the simulator's control token. */
export const CONTROL_TOKEN_HEADER = 'x-sim-control-token';

/** Everything Fieldkit needs, granted by default so a fresh simulator "just works". */
export const DEFAULT_SCOPES = [
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.owners.read',
  'crm.schemas.companies.read',
  'crm.schemas.companies.write',
  'crm.schemas.contacts.read',
  'crm.schemas.contacts.write',
  'files',
  'oauth',
];

export interface HubSpotSimOptions {
  /** 0 (default) picks a free port. The simulator only ever binds 127.0.0.1. */
  port?: number;
  token?: string;
  /** More tokens, each of its own HubSpot user (token → userId, e.g. 5103 for owner 103). */
  userTokens?: Record<string, number>;
  /** A seed object, or the path of a JSON seed file. */
  seed?: SimSeed | string;
  /** Requests per rolling 10 s (default 100, HubSpot's lower private-app tier). */
  rate?: number;
  daily?: number;
  faults?: SimFaults;
  logFile?: string;
  scopes?: string[];
  customObjects?: CustomObjectsMode;
  /** Whether the portal lets an app create custom properties on notes (default accepted). */
  noteProperties?: NotePropertiesMode;
  searchLimits?: SearchLimits;
  /** Largest accepted upload in bytes (default 20 MB). */
  fileSizeLimit?: number;
  /**
   * Switches over STRICT (every real-HubSpot behaviour on, sim/strict.ts); a test about something
   * else turns off only the switch in its way, e.g. `{ searchLagMs: 0 }`, or passes `LENIENT`.
   */
  strict?: Partial<SimStrictness>;
  /**
   * The portal's clock for timestamps, the search lag and the search limit (default Date.now); a
   * test on virtual time passes its own so a lag of seconds costs no real waiting.
   */
  clock?: () => number;
  /** The `/__sim/*` token (default: 32 random bytes, hex). */
  controlToken?: string;
}

export interface HubSpotSim {
  url: string;
  port: number;
  state: SimState;
  /** Required in the `x-sim-control-token` header of every `/__sim/*` request. */
  controlToken: string;
  /** Changes the portal's clock (a fault-suite run starts its own virtual clock). */
  setClock(clock: () => number): void;
  config: SimConfig;
  /** Every request served (and every request faulted), oldest first. */
  requests: LogEntry[];
  clearRequests(): void;
  setFaults(faults: SimFaults): void;
  getFaults(): SimFaults;
  setConfig(patch: Partial<SimConfig>): void;
  /** Back to the start: seed objects, initial config, empty rate windows, no faults, empty request log. */
  reset(): void;
  /** Stops listening (connections refused, like HubSpot being unreachable) but keeps all state. */
  stop(): Promise<void>;
  /** Listens again on the same port with the state it had. */
  start(): Promise<void>;
  close(): Promise<void>;
}

const ROUTES: Route[] = [...objectRoutes, ...propertyRoutes, ...accountRoutes, ...fileRoutes];
const TOKEN_INFO_PATH = '/oauth/v2/private-apps/get/access-token-info';
/** CRM search endpoints: their own per-second limit (./strict.ts). */
const SEARCH_PATH = /^\/crm\/v3\/objects\/[^/]+\/search\/?$/;
/** Bodies past this are answered 413 unread (above any file size limit a test sets). */
const MAX_BODY = 64 * 1024 * 1024;

/** The raw body, or 'too-large' once it passes MAX_BODY (the rest is drained, not kept). */
function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * multipart/form-data → SimMultipart, with the platform's own parser (undici's, behind
 * `Response.formData()`), so a body a real server would reject is rejected here too.
 */
async function parseMultipart(raw: Buffer, contentType: string): Promise<SimMultipart | undefined> {
  try {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    const fields: Record<string, string> = {};
    const files: Record<string, { filename: string; type: string; bytes: Buffer }> = {};
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') fields[key] = value;
      else files[key] = { filename: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
    }
    return new SimMultipart(fields, files);
  } catch {
    return undefined;
  }
}

/**
 * The real HubSpot API sends no CORS headers: the extension reaches it through its
 * `host_permissions`. The simulator runs on a loopback port that production builds hold no
 * permission for, so it answers CORS itself — that lets the unmodified production build talk to it
 * in the demo and the end-to-end tests.
 */
const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Sim-Control-Token',
  'Access-Control-Expose-Headers': 'X-HubSpot-RateLimit-Max, X-HubSpot-RateLimit-Remaining, X-HubSpot-RateLimit-Interval-Milliseconds, X-HubSpot-RateLimit-Daily, X-HubSpot-RateLimit-Daily-Remaining, Retry-After',
  'Access-Control-Max-Age': '600',
};

function send(res: ServerResponse, r: SimResponse): void {
  const headers: Record<string, string> = { ...CORS_HEADERS, ...r.headers };
  if (r.body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json;charset=utf-8';
  res.writeHead(r.status, headers);
  res.end(r.body === undefined ? undefined : typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
}

function errorResponse(e: SimHttpError, headers: Record<string, string> = {}): SimResponse {
  return { status: e.status, body: errorBody(e.body), headers: { ...headers, ...e.headers } };
}

function rateLimited(policy: 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY', headers: Record<string, string>): SimResponse {
  return {
    status: 429,
    headers,
    body: {
      ...errorBody({
        message: policy === 'DAILY' ? 'You have reached your daily limit.' : `You have reached your ${policy.toLowerCase()} limit.`,
        errorType: 'RATE_LIMIT',
        policyName: policy,
      }),
      category: undefined,
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startHubSpotSim(options: HubSpotSimOptions = {}): Promise<HubSpotSim> {
  const seed = typeof options.seed === 'string' ? loadSeedFile(options.seed) : (options.seed ?? DEFAULT_SEED);
  const state = new SimState(seed);
  let clock = options.clock ?? Date.now;
  state.clock = () => clock();
  const config: SimConfig = {
    token: options.token ?? 'demo-token',
    strict: { ...STRICT, ...options.strict },
    ...(options.userTokens ? { userTokens: { ...options.userTokens } } : {}),
    scopes: [...(options.scopes ?? DEFAULT_SCOPES)],
    customObjects: options.customObjects ?? 'forbidden',
    noteProperties: options.noteProperties ?? 'accepted',
    searchLimits: options.searchLimits ?? 'current',
    rate: options.rate ?? 100,
    daily: options.daily ?? 250_000,
    fileSizeLimit: options.fileSizeLimit ?? 20 * 1024 * 1024,
  };
  const initialConfig: SimConfig = { ...config, scopes: [...config.scopes], strict: { ...config.strict } };
  const limiter = new RateLimiter(config.rate, config.daily);
  const searchLimiter = new SearchLimiter(() => state.clock());
  const controlToken = options.controlToken ?? randomBytes(32).toString('hex');
  const applyStrictness = () => {
    state.searchLagMs = config.strict.searchLagMs;
    state.sharedMilliseconds = config.strict.sharedMilliseconds;
  };
  applyStrictness();
  /** Constant-time, so the control token cannot be guessed byte by byte from response times. */
  const controlAllowed = (header: string | string[] | undefined) => {
    const given = Buffer.from(typeof header === 'string' ? header : '');
    const wanted = Buffer.from(controlToken);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  };
  const faults = new FaultInjector(options.faults);
  const log = new RequestLog(options.logFile);
  const ctx: RouteContext = { state, config };

  /** The config without any CRM token: the control API must never hand one out. */
  function publicConfig() {
    const { token: _token, userTokens, ...rest } = config;
    return { ...rest, users: Object.values(userTokens ?? {}).length };
  }

  function control(method: string, path: string, body: unknown): SimResponse {
    if (path === '/__sim/state' && method === 'GET') return { status: 200, body: state.toJSON() };
    if (path === '/__sim/config' && method === 'GET') return { status: 200, body: publicConfig() };
    if (path === '/__sim/reset' && method === 'POST') {
      api.reset();
      return { status: 200, body: { ok: true } };
    }
    if (path === '/__sim/faults' && method === 'GET') return { status: 200, body: faults.get() };
    if (path === '/__sim/faults' && method === 'POST') {
      faults.set((body ?? {}) as SimFaults);
      return { status: 200, body: faults.get() };
    }
    if (path === '/__sim/config' && method === 'POST') {
      api.setConfig((body ?? {}) as Partial<SimConfig>);
      return { status: 200, body: publicConfig() };
    }
    if (path === '/__sim/requests' && method === 'GET') return { status: 200, body: log.entries };
    if (path === '/__sim/requests' && method === 'DELETE') {
      log.clear();
      return { status: 204 };
    }
    return { status: 404, body: { message: `no control route ${method} ${path}` } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const rawBody = await readBody(req);
    const contentType = (req.headers['content-type'] ?? '').toLowerCase();
    let body: unknown = undefined;
    let badJson = false;
    let badMultipart = false;
    if (rawBody !== 'too-large' && rawBody.length > 0) {
      if (contentType.startsWith('multipart/form-data')) {
        body = await parseMultipart(rawBody, req.headers['content-type'] ?? '');
        badMultipart = body === undefined;
      } else {
        const raw = rawBody.toString('utf8');
        try {
          body = JSON.parse(raw);
        } catch {
          badJson = true;
          body = raw;
        }
      }
    }

    if (method === 'OPTIONS') {
      send(res, { status: 204 }); // CORS preflight: never authenticated, logged or rate limited
      return;
    }
    if (path.startsWith('/__sim/')) {
      // Its own token, never the CRM one: whoever can reach the port must not be able to read or
      // reset the portal, nor learn the CRM token from it.
      if (!controlAllowed(req.headers[CONTROL_TOKEN_HEADER])) {
        send(res, { status: 401, body: { message: `The simulator's control API needs the ${CONTROL_TOKEN_HEADER} header (printed when the simulator starts).` } });
        return;
      }
      send(res, control(method, path, body));
      return;
    }

    const entry = (status: number, fault?: string): LogEntry => ({
      time: new Date(started).toISOString(),
      method,
      path,
      query: queryObject(url.searchParams),
      body: body instanceof SimMultipart ? body.summary() : body,
      status,
      durationMs: Date.now() - started,
      ...(fault ? { fault } : {}),
    });

    const decision = faults.decide(method, path);
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    if (decision.kind === 'drop') {
      log.add(entry(0, 'drop'));
      req.socket.destroy();
      return;
    }

    const respond = (r: SimResponse, fault?: string) => {
      const policy = r.status === 429 ? (r.body as { policyName?: string } | undefined)?.policyName : undefined;
      log.add({ ...entry(r.status, fault), ...(policy ? { policy } : {}) });
      send(res, r);
    };

    // Bearer auth everywhere but token-info, which identifies the token from its body.
    const auth = req.headers.authorization ?? '';
    const bearer = auth.startsWith('Bearer ') ? auth.slice(7) : undefined;
    if (path !== TOKEN_INFO_PATH && bearer !== config.token && !(bearer !== undefined && config.userTokens && Object.hasOwn(config.userTokens, bearer))) {
      respond(
        errorResponse(
          new SimHttpError(401, {
            message: bearer
              ? 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview'
              : 'Authentication credentials not found.',
            category: 'INVALID_AUTHENTICATION',
          }),
        ),
      );
      return;
    }

    const rate = limiter.take(bearer ?? 'token-info');
    if (!rate.allowed) {
      respond(rateLimited(rate.policyName ?? 'TEN_SECONDLY_ROLLING', rate.headers));
      return;
    }
    if (SEARCH_PATH.test(path) && method === 'POST' && !searchLimiter.take(bearer ?? '', config.strict.searchPerSecond)) {
      respond(rateLimited('SECONDLY', rate.headers));
      return;
    }
    if (decision.kind === '429') {
      const retry = faults.retryAfterSeconds;
      respond(rateLimited('TEN_SECONDLY_ROLLING', { ...rate.headers, ...(retry !== undefined ? { 'Retry-After': String(retry) } : {}) }), '429');
      return;
    }
    if (decision.kind === '5xx') {
      const status = faults.errorStatus;
      respond({ status, headers: rate.headers, body: errorBody({ message: 'internal error', category: 'INTERNAL_ERROR' }) }, '5xx');
      return;
    }
    if (decision.kind === 'malformed') {
      respond({ status: 200, headers: { ...rate.headers, 'Content-Type': 'application/json;charset=utf-8' }, body: '{"results": [{"id": ' }, 'malformed');
      return;
    }
    if (decision.kind === 'wrong-shape') {
      respond({ status: 200, headers: rate.headers, body: { unexpected: true } }, 'wrong-shape');
      return;
    }

    let result: SimResponse;
    if (rawBody === 'too-large') {
      result = errorResponse(new SimHttpError(413, { message: 'Request entity too large.', category: 'VALIDATION_ERROR' }));
    } else if (badMultipart) {
      result = errorResponse(new SimHttpError(400, { message: 'Unable to parse the multipart/form-data body.', category: 'VALIDATION_ERROR' }));
    } else if (badJson) {
      result = errorResponse(new SimHttpError(400, { message: 'Invalid input JSON on line 1', category: 'VALIDATION_ERROR' }));
    } else {
      result = route(method, path, url.searchParams, body, contentType);
    }
    result = { ...result, headers: { ...rate.headers, ...result.headers } };

    if (decision.kind === 'lost') {
      // The write above has happened; the client just never hears about it.
      log.add(entry(result.status, 'lost'));
      req.socket.destroy();
      return;
    }
    respond(result);
  }

  function route(method: string, path: string, query: URLSearchParams, body: unknown, contentType: string): SimResponse {
    for (const r of ROUTES) {
      if (r.method !== method) continue;
      const m = r.pattern.exec(path);
      if (!m) continue;
      const params = Object.fromEntries(r.keys.map((k, i) => [k, decodeURIComponent(m[i + 1] ?? '')]));
      try {
        return r.handle(ctx, { method, path, query, body, params, contentType });
      } catch (e) {
        if (e instanceof SimHttpError) return errorResponse(e);
        return errorResponse(new SimHttpError(500, { message: `simulator bug: ${String(e)}`, category: 'INTERNAL_ERROR' }));
      }
    }
    return errorResponse(new SimHttpError(404, { message: `No route for ${method} ${path}`, category: 'OBJECT_NOT_FOUND' }));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: errorBody({ message: String(e), category: 'INTERNAL_ERROR' }) });
    });
  });
  const listen = (onPort: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(onPort, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;

  const api: HubSpotSim = {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    config,
    controlToken,
    setClock(next) {
      clock = next;
    },
    requests: log.entries,
    clearRequests: () => log.clear(),
    setFaults: (f) => faults.set(f),
    getFaults: () => faults.get(),
    setConfig(patch) {
      const { strict, ...rest } = patch;
      Object.assign(config, rest);
      if (strict) config.strict = { ...config.strict, ...strict };
      applyStrictness();
      limiter.max = config.rate;
      limiter.daily = config.daily;
    },
    reset() {
      api.setConfig({ ...initialConfig, scopes: [...initialConfig.scopes], strict: { ...initialConfig.strict } });
      state.reset();
      limiter.reset();
      searchLimiter.reset();
      faults.set({});
      log.clear();
    },
    stop: stopListening,
    start: () => (server.listening ? Promise.resolve() : listen(port)),
    close: stopListening,
  };
  return api;
}
