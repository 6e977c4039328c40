import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { CrmAdapter, PushInput, RateLimitSnapshot } from '../../lib/crm/errors';
import { createHubSpotAdapter, type HubSpotAdapterOptions } from '../../lib/crm/hubspot';
import { startHubSpotSim, type HubSpotSim, type LogEntry } from '../../sim/server';

export const TOKEN = 'contract-token';

/** One simulator per test file, reset before each test; `adapter()` makes a HubSpot adapter on it. */
export function simulatorPerFile(options: Parameters<typeof startHubSpotSim>[0] = {}) {
  const ctx = {
    sim: undefined as unknown as HubSpotSim,
    snapshots: [] as RateLimitSnapshot[],
    adapter(extra: Partial<HubSpotAdapterOptions> = {}): CrmAdapter {
      return createHubSpotAdapter({
        baseUrl: ctx.sim.url,
        token: TOKEN,
        onRateLimit: (s) => ctx.snapshots.push(s),
        ...extra,
      });
    },
    /** The requests the simulator served, as method + path + query + body. */
    calls(): Pick<LogEntry, 'method' | 'path' | 'query' | 'body' | 'status'>[] {
      return ctx.sim.requests.map(({ method, path, query, body, status }) => ({ method, path, query, body, status }));
    },
  };
  beforeAll(async () => {
    ctx.sim = await startHubSpotSim({ port: 0, token: TOKEN, ...options });
  });
  afterAll(() => ctx.sim.close());
  beforeEach(() => {
    ctx.sim.reset();
    ctx.snapshots.length = 0;
  });
  return ctx;
}

let n = 0;
/** A ULID-shaped local id (26 Crockford characters), unique per call. */
export function localId(): string {
  n += 1;
  return `01JD${String(n).padStart(22, '0')}`;
}

export function visitCard(overrides: Partial<PushInput> = {}): PushInput {
  return {
    localId: localId(),
    recordType: 'visitCard',
    dealerCrmId: '20001',
    ownerId: '101',
    payload: { inventory: 120, ordered: 40, actions: ['查库存', '做陈列'] },
    readableHtml: '<p>拜访 华东润滑油经销有限公司：库存 120 箱，本次进货 40 箱。</p>',
    timestamp: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:05:00.000Z',
    ...overrides,
  };
}

export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}
