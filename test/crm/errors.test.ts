import { describe, expect, it } from 'vitest';
import { CrmError } from '../../lib/crm/port';
import { rejection, simulatorPerFile, visitCard } from './helpers';

const t = simulatorPerFile();

async function crmError(p: Promise<unknown>): Promise<CrmError> {
  const e = await rejection(p);
  expect(e).toBeInstanceOf(CrmError);
  return e as CrmError;
}

describe('error mapping', () => {
  it('401 → unauthorized, with HubSpot\'s message, category and correlation id', async () => {
    const e = await crmError(t.adapter({ token: 'revoked' }).listOwners());
    expect(e).toMatchObject({ kind: 'unauthorized', retryable: false, details: { status: 401, category: 'INVALID_AUTHENTICATION' } });
    expect(e.details.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(e.message).toContain('Authentication credentials not found');
  });

  it('401 on token info → unauthorized from checkConnection', async () => {
    const e = await crmError(t.adapter({ token: 'revoked' }).checkConnection());
    expect(e.kind).toBe('unauthorized');
  });

  it('403 → forbidden, naming the missing scope', async () => {
    t.sim.setConfig({ scopes: t.sim.config.scopes.filter((s) => s !== 'crm.objects.owners.read') });
    const e = await crmError(t.adapter().listOwners());
    expect(e).toMatchObject({ kind: 'forbidden', details: { status: 403, category: 'MISSING_SCOPES' } });
    expect(e.message).toContain('crm.objects.owners.read');
  });

  it('429 with Retry-After → rate-limited with that wait', async () => {
    t.sim.setFaults({ script: ['429'], retryAfterSeconds: 7 });
    const e = await crmError(t.adapter().pullDealers(undefined, undefined));
    expect(e).toMatchObject({ kind: 'rate-limited', retryable: true, details: { status: 429, category: 'TEN_SECONDLY_ROLLING', retryAfterMs: 7000 } });
  });

  it('429 from the real window, without Retry-After → waits the window from the headers', async () => {
    t.sim.setConfig({ rate: 2 });
    const adapter = t.adapter();
    await adapter.listOwners();
    await adapter.listOwners();
    const e = await crmError(adapter.listOwners());
    expect(e).toMatchObject({ kind: 'rate-limited', details: { retryAfterMs: 10_000 } });
    expect(adapter.rateLimit()).toMatchObject({ max: 2, remaining: 0, intervalMs: 10_000 });
  });

  it('5xx → server, retryable', async () => {
    t.sim.setFaults({ script: ['5xx'], errorStatus: 503 });
    const e = await crmError(t.adapter().pushRecords([visitCard()]));
    expect(e).toMatchObject({ kind: 'server', retryable: true, details: { status: 503 } });
  });

  it('dropped connection → network', async () => {
    t.sim.setFaults({ script: ['drop'] });
    const e = await crmError(t.adapter().findRecordsByLocalIds([visitCard().localId]));
    expect(e).toMatchObject({ kind: 'network', retryable: true });
  });

  it('a timeout → network', async () => {
    t.sim.setFaults({ latencyMs: 300 });
    const e = await crmError(t.adapter({ timeoutMs: 50 }).listOwners());
    expect(e.kind).toBe('network');
    expect(e.message).toContain('timed out');
  });

  it('malformed JSON body → invalid-response', async () => {
    t.sim.setFaults({ script: ['malformed'] });
    const e = await crmError(t.adapter().pullRecords(undefined, undefined));
    expect(e.kind).toBe('invalid-response');
  });

  it('valid JSON of the wrong shape → invalid-response (zod), for generated and plain calls alike', async () => {
    t.sim.setFaults({ script: ['wrong-shape', 'wrong-shape', 'wrong-shape'] });
    const adapter = t.adapter();
    expect((await crmError(adapter.pullDealers(undefined, undefined))).kind).toBe('invalid-response');
    expect((await crmError(adapter.listOwners())).kind).toBe('invalid-response');
    expect((await crmError(adapter.checkConnection())).kind).toBe('invalid-response');
  });

  it('a batch write answered with the wrong shape → invalid-response, not a bare generated-client error', async () => {
    t.sim.setFaults({ script: ['wrong-shape'] });
    const e = await crmError(t.adapter().pushRecords([visitCard()]));
    expect(e.kind).toBe('invalid-response');
  });

  it('400 → validation with HubSpot\'s message (search paged past 10,000)', async () => {
    const e = await crmError(t.adapter().pullDealers(undefined, '10000'));
    expect(e).toMatchObject({ kind: 'validation', retryable: false, details: { status: 400, category: 'VALIDATION_ERROR' } });
    expect(e.message).toContain('10000');
  });
});

describe('rate-limit snapshot', () => {
  it('is reported through onRateLimit and rateLimit() after each response', async () => {
    const adapter = t.adapter({ now: () => 1_000 });
    expect(adapter.rateLimit()).toBeUndefined();
    await adapter.listOwners();
    await adapter.pullDealers(undefined, undefined);
    expect(t.snapshots).toEqual([
      { max: 100, remaining: 99, intervalMs: 10_000, observedAt: 1_000 },
      { max: 100, remaining: 98, intervalMs: 10_000, observedAt: 1_000 },
    ]);
    expect(adapter.rateLimit()).toEqual({ max: 100, remaining: 98, intervalMs: 10_000, observedAt: 1_000 });
  });

  it('uses the injected fetch for every call', async () => {
    const seen: string[] = [];
    const adapter = t.adapter({
      fetch: (input, init) => {
        seen.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
        return fetch(input, init);
      },
    });
    await adapter.checkConnection();
    await adapter.listOwners();
    expect(seen.sort()).toEqual(['GET /account-info/v3/details', 'GET /crm/v3/owners/', 'POST /oauth/v2/private-apps/get/access-token-info']);
  });
});
