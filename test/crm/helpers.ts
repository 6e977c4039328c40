import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { CrmPort, PushInput, RateLimitSnapshot, SyncedRecord } from '../../lib/crm/port';
import { createHubSpotAdapter, type HubSpotAdapterOptions } from '../../lib/crm/hubspot';
import { startHubSpotSim, type HubSpotSim, type LogEntry } from '../../sim/server';

export const TOKEN = 'contract-token';

/**
 * One simulator per test file, reset before each test; `adapter()` makes a HubSpot port on it.
 * It is as strict as HubSpot (sim/strict.ts) unless `options.strict` turns a switch off. Its clock
 * runs with real time; `waitForSearch()` moves it on past the search lag instead of sleeping.
 */
export function simulatorPerFile(options: Parameters<typeof startHubSpotSim>[0] = {}) {
  /** How far the portal's clock runs ahead of real time. */
  let ahead = 0;
  const ctx = {
    sim: undefined as unknown as HubSpotSim,
    snapshots: [] as RateLimitSnapshot[],
    /**
     * Waits, on the portal's clock, until search has indexed every write so far: HubSpot's search
     * finds a write only seconds later (`strict.searchLagMs`); GET and batch read see it at once.
     */
    waitForSearch(): void {
      ctx.advanceClock(ctx.sim.config.strict.searchLagMs);
    },
    /** Moves the portal's clock on by `ms` without sleeping. */
    advanceClock(ms: number): void {
      ahead += ms;
    },
    adapter(extra: Partial<HubSpotAdapterOptions> = {}): CrmPort {
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
    ctx.sim = await startHubSpotSim({ port: 0, token: TOKEN, clock: () => Date.now() + ahead, ...options });
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

/** Overrides of a push input; `record` fields are merged into the default record. */
export type InputOverrides = Partial<Omit<PushInput, 'record'>> & { record?: Partial<SyncedRecord> };

export const AUTHOR = { id: '101', name: '张伟' };

/**
 * A visit card as the engine hands it to the port: the stored record (without its CRM link) and
 * its readable rendering. `localId` and `record.id` are the same id, as the engine makes them.
 */
export function visitCard(overrides: InputOverrides = {}): PushInput {
  const { record, ...rest } = overrides;
  const id = rest.localId ?? localId();
  return {
    localId: id,
    kind: 'visitCard',
    home: 'activity',
    deleted: false,
    dealerCrmId: '20001',
    ownerId: '101',
    timestamp: '2026-11-20T12:00:00.000Z',
    ...rest,
    record: {
      id,
      schemaVersion: 1,
      author: AUTHOR,
      createdAt: '2026-11-20T02:00:00.000Z',
      updatedAt: '2026-11-20T02:05:00.000Z',
      visitDay: '2026-11-20',
      currentInventory: 120,
      orderQuantity: 40,
      unit: '箱',
      orderedSkus: ['全合成 5W-30', '柴机油 CI-4'],
      ...record,
    },
    readable: rest.readable ?? {
      title: { 'zh-CN': '客户卡', en: 'Visit card' },
      locale: 'zh-CN',
      date: '2026年11月20日',
      lines: [
        { label: { 'zh-CN': '拜访日', en: 'Visit day' }, value: '2026年11月20日' },
        { label: { 'zh-CN': '当期库存', en: 'Stock on hand' }, value: '120 箱' },
        { label: { 'zh-CN': '本次进货', en: 'Ordered this visit' }, value: '40 箱' },
      ],
    },
  };
}

/**
 * The note body HubSpot users read for a default `visitCard()`: in the record's language only,
 * the bold title, the labelled lines, then the footer "Fieldkit · title · author · date" (no id:
 * that lives in the note's properties). Written out literally so the contract does not depend on
 * the adapter's own formatting code.
 */
export function visitCardBody(options: { deleted?: boolean } = {}): string {
  return (
    `<p><strong>客户卡</strong>${options.deleted ? '（已删除）' : ''}</p>` +
    '<p>拜访日：2026年11月20日<br>当期库存：120 箱<br>本次进货：40 箱</p>' +
    '<p>Fieldkit · 客户卡 · 张伟 · 2026年11月20日</p>'
  );
}

/** A dealer write: the local dealer record linked to CRM company `crmId` (20003 by default). */
export function dealer(overrides: InputOverrides = {}): PushInput {
  const { record, ...rest } = overrides;
  const id = rest.localId ?? localId();
  return {
    localId: id,
    kind: 'dealer',
    home: 'dealer',
    deleted: false,
    crmId: '20003',
    ...rest,
    record: {
      id,
      schemaVersion: 1,
      author: AUTHOR,
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-20T03:00:00.000Z',
      name: '杭州百川润滑油有限公司',
      city: '杭州',
      region: '浙江',
      customerClass: 'distributor',
      grade: 'A',
      creditLimit: 500000,
      arrears: 12000.5,
      responsibleRepId: '102',
      shared: false,
      file: { salesRegions: ['浙江'], mainProducts: [] },
      ...record,
    },
    readable: rest.readable ?? { title: { 'zh-CN': '经销商', en: 'Dealer' }, locale: 'zh-CN', lines: [{ label: { 'zh-CN': '名称', en: 'Name' }, value: '杭州百川润滑油有限公司' }] },
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

/**
 * A JPEG-typed data URL of `size` bytes (a JPEG start marker, then bytes from `seed`): what a
 * screenshot looks like to the CRM layer, which never decodes the image.
 */
export function jpegDataUrl(size: number, seed = 1): string {
  const bytes = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return `data:image/jpeg;base64,${bytes.toString('base64')}`;
}

/** The bytes a data URL carries. */
export function bytesOf(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}
