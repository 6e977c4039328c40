/**
 * An in-memory CRM behind the engine's port, with fault injection. It stores what a real CRM would
 * (one object per create) so tests can count duplicates and lost records exactly.
 */
import { CrmError, type RateLimitSnapshot } from '../../lib/crm/errors';
import type { CrmPort, FoundRecord, Page, PushInput, PushResult, RemoteDealer, RemoteRecord, SyncedRecord } from '../../lib/crm/port';

export interface StoredObject {
  crmId: string;
  /** The kind's name (visitCard, intelItem, …). */
  kind: string;
  localId: string;
  record: SyncedRecord;
  modifiedAt: string;
}

/** What happens to one call: 'lost-response' means the CRM applied it but the answer never came. */
export type CallFault = 'none' | 'network' | 'lost-response' | 'server' | 'rate-limited' | 'unauthorized';

/** Thrown from an engine checkpoint: the worker stops there, nothing after it runs. */
export class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';
}

export class FakeCrm implements CrmPort {
  objects = new Map<string, StoredObject>();
  calls = { push: 0, find: 0, pull: 0 };
  creates = 0;
  private nextId = 1000;
  private clock = 0;
  /** Decides each call's fate; default: all succeed. */
  fault: (call: 'push' | 'find' | 'pull') => CallFault = () => 'none';
  snapshot?: RateLimitSnapshot;

  /** Records whose content makes the CRM refuse them (a 4xx the user must fix). */
  isInvalid: (record: SyncedRecord) => string | undefined = (record) =>
    typeof record.note === 'string' && record.note.includes('INVALID') ? 'Property values were not valid: note' : undefined;

  byLocalId(localId: string): StoredObject[] {
    return [...this.objects.values()].filter((o) => o.localId === localId);
  }

  private tick(): string {
    this.clock += 1;
    return new Date(Date.UTC(2030, 0, 1) + this.clock).toISOString();
  }

  private before(call: 'push' | 'find' | 'pull'): CallFault {
    const fault = this.fault(call);
    if (fault === 'network') throw new CrmError('network', 'fetch failed');
    if (fault === 'server') throw new CrmError('server', 'Internal error', { status: 502 });
    if (fault === 'rate-limited') throw new CrmError('rate-limited', 'You have reached your ten-secondly limit.', { status: 429, retryAfterMs: 1_000 });
    if (fault === 'unauthorized') throw new CrmError('unauthorized', 'Authentication credentials not found.', { status: 401 });
    return fault;
  }

  private after(fault: CallFault): void {
    if (fault === 'lost-response') throw new CrmError('network', 'socket hang up');
  }

  async pushRecords(inputs: PushInput[]): Promise<PushResult[]> {
    if (inputs.length > 100) throw new CrmError('validation', 'Too many inputs', { status: 400 });
    this.calls.push += 1;
    const fault = this.before('push');
    const results: PushResult[] = inputs.map((input) => {
      const invalid = this.isInvalid(input.record);
      if (invalid) return { localId: input.localId, ok: false, error: new CrmError('validation', invalid, { status: 400 }) };
      if (input.crmId) {
        const existing = this.objects.get(input.crmId);
        if (!existing) return { localId: input.localId, ok: false, error: new CrmError('not-found', 'Object not found', { status: 404 }) };
        existing.record = structuredClone(input.record);
        existing.modifiedAt = this.tick();
        return { localId: input.localId, ok: true, crmId: input.crmId, objectType: 'objects', operation: 'updated' };
      }
      const crmId = String(this.nextId++);
      this.creates += 1;
      this.objects.set(crmId, { crmId, kind: input.kind, localId: input.localId, record: structuredClone(input.record), modifiedAt: this.tick() });
      return { localId: input.localId, ok: true, crmId, objectType: 'objects', operation: 'created' };
    });
    this.after(fault);
    return results;
  }

  async findRecordsByLocalIds(localIds: string[]): Promise<Map<string, FoundRecord>> {
    this.calls.find += 1;
    const fault = this.before('find');
    const found = new Map<string, FoundRecord>();
    for (const id of localIds) {
      const match = this.byLocalId(id)[0];
      if (match) found.set(id, { crmId: match.crmId });
    }
    this.after(fault);
    return found;
  }

  async pullRecords(since: string | undefined, after: string | undefined): Promise<Page<RemoteRecord>> {
    this.calls.pull += 1;
    const fault = this.before('pull');
    const all = [...this.objects.values()]
      .filter((o) => !since || o.modifiedAt >= since)
      .sort((a, b) => a.modifiedAt.localeCompare(b.modifiedAt));
    const start = after ? Number(after) : 0;
    const items = all.slice(start, start + 100).map((o) => ({ kind: o.kind, crmId: o.crmId, objectType: 'objects', modifiedAt: o.modifiedAt, record: structuredClone(o.record) }));
    this.after(fault);
    return { items, total: all.length, ...(start + 100 < all.length ? { after: String(start + 100) } : {}) };
  }

  /** Another machine writing straight to the CRM. */
  writeFromElsewhere(crmId: string, record: SyncedRecord): void {
    const existing = this.objects.get(crmId)!;
    existing.record = structuredClone(record);
    existing.modifiedAt = this.tick();
  }

  async pullDealers(): Promise<Page<RemoteDealer>> {
    return { items: [] };
  }

  async checkConnection() {
    return { portalId: 1, accountName: 'Fake CRM', scopes: [], missingScopes: [] };
  }

  async ensureSchema() {
    return { propertyGroupCreated: false, propertiesCreated: [], customObjectsSupported: false, recordStorage: 'properties' as const };
  }

  async listOwners() {
    return [];
  }

  rateLimit(): RateLimitSnapshot | undefined {
    return this.snapshot;
  }
}

/** Virtual time: sleeping advances the clock instantly, so backoff and leases cost no real time. */
export function virtualClock(start = Date.UTC(2026, 10, 23, 8)) {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}
