import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHubSpotSim, STRICT, type HubSpotSim } from '../../sim/server';

/**
 * The simulator checked with HubSpot's own Node client: if @hubspot/api-client can talk to it and
 * parse every answer into its models, the simulator speaks HubSpot's shapes at HubSpot's paths.
 */
let sim: HubSpotSim;
let client: Client;
const logFile = join(mkdtempSync(join(tmpdir(), 'hubspot-sim-')), 'requests.jsonl');
/** How far the portal's clock runs ahead of real time: moved on to wait out the search lag. */
let ahead = 0;

beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: 'test-token', logFile, clock: () => Date.now() + ahead });
  client = new Client({ accessToken: 'test-token', basePath: sim.url });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const noteInput = (trace: string, companyId: string, extra: Record<string, string> = {}) => ({
  objectWriteTraceId: trace,
  properties: { hs_timestamp: '2026-11-20T02:00:00.000Z', hs_note_body: `<p>${trace}</p>`, ...extra },
  associations: [{ to: { id: companyId }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 190 }] }],
});

async function apiError(p: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown>; headers: Record<string, string> }> {
  try {
    await p;
  } catch (e) {
    return e as { code: number; body: Record<string, unknown>; headers: Record<string, string> };
  }
  throw new Error('expected the call to fail');
}

describe('auth and errors', () => {
  it('answers a wrong token with a HubSpot-shaped 401', async () => {
    const bad = new Client({ accessToken: 'nope', basePath: sim.url });
    const e = await apiError(bad.crm.companies.basicApi.getPage(1));
    expect(e.code).toBe(401);
    expect(e.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    expect(e.body.correlationId).toEqual(expect.any(String));
  });

  it('answers a missing scope with 403 MISSING_SCOPES naming the scope', async () => {
    sim.setConfig({ scopes: sim.config.scopes.filter((s) => s !== 'crm.objects.owners.read') });
    const e = await apiError(client.crm.owners.ownersApi.getPage());
    expect(e.code).toBe(403);
    expect(e.body).toMatchObject({ category: 'MISSING_SCOPES' });
    expect(JSON.stringify(e.body)).toContain('crm.objects.owners.read');
  });
});

describe('companies', () => {
  it('pages through the built-in dealers', async () => {
    const first = await client.crm.companies.basicApi.getPage(5, undefined, ['name', 'city']);
    expect(first.results).toHaveLength(5);
    expect(first.results[0]?.properties.name).toBe('华东润滑油经销有限公司');
    const after = first.paging?.next?.after;
    expect(after).toBeTruthy();
    const rest = await client.crm.companies.basicApi.getPage(100, after);
    expect(rest.results).toHaveLength(7);
    expect(rest.paging).toBeUndefined();
  });

  it('searches with EQ / IN / GTE / HAS_PROPERTY, sorts and pages', async () => {
    const res = await client.crm.companies.searchApi.doSearch({
      filterGroups: [
        {
          filters: [
            { propertyName: 'state', operator: 'IN' as never, values: ['浙江', '江苏'] },
            { propertyName: 'hs_lastmodifieddate', operator: 'GTE' as never, value: String(Date.parse('2026-01-05T01:03:00.000Z')) },
            { propertyName: 'domain', operator: 'HAS_PROPERTY' as never },
          ],
        },
      ],
      sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }] as never,
      properties: ['name', 'state'],
      limit: 3,
    });
    expect(res.total).toBe(7);
    expect(res.results.map((r) => r.properties.name)).toEqual(['南京金盛贸易有限公司', '宁波港城汽配有限公司', '无锡顺达润滑科技有限公司']);
    expect(res.results[0]?.updatedAt).toBeInstanceOf(Date);
    const page2 = await client.crm.companies.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'hubspot_owner_id', operator: 'EQ' as never, value: '102' }] }],
      limit: 2,
      after: '2',
    });
    expect(page2.total).toBe(6);
    expect(page2.paging?.next?.after).toBe('4');
  });

  it('validates filter-group limits like HubSpot (current 5 × 10; legacy 3 × 3)', async () => {
    const f = { propertyName: 'name', operator: 'HAS_PROPERTY' as never };
    const e = await apiError(client.crm.companies.searchApi.doSearch({ filterGroups: Array.from({ length: 6 }, () => ({ filters: [f] })) }));
    expect(e.code).toBe(400);
    expect(e.body).toMatchObject({ category: 'VALIDATION_ERROR' });
    sim.setConfig({ searchLimits: 'legacy' });
    const e2 = await apiError(client.crm.companies.searchApi.doSearch({ filterGroups: [{ filters: [f, f, f, f] }] }));
    expect(e2.code).toBe(400);
  });

  it('refuses a bad enum option and enforces hasUniqueValue', async () => {
    await client.crm.properties.groupsApi.create('companies', { name: 'fieldkit', label: 'Fieldkit' });
    await client.crm.properties.batchApi.create('companies', {
      inputs: [
        { name: 'fieldkit_grade', label: 'Grade', type: 'enumeration' as never, fieldType: 'select' as never, groupName: 'fieldkit', options: ['A', 'B', 'C'].map((v, i) => ({ label: v, value: v, displayOrder: i, hidden: false })) },
        { name: 'fieldkit_dealer_key', label: 'Dealer key', type: 'string' as never, fieldType: 'text' as never, groupName: 'fieldkit', hasUniqueValue: true },
      ],
    });
    const bad = await apiError(client.crm.companies.basicApi.update('20001', { properties: { fieldkit_grade: 'Z' } }));
    expect(bad.code).toBe(400);
    expect(String(bad.body.message)).toContain('INVALID_OPTION');
    await client.crm.companies.basicApi.update('20001', { properties: { fieldkit_dealer_key: 'K1' } });
    const dup = await apiError(client.crm.companies.basicApi.update('20002', { properties: { fieldkit_dealer_key: 'K1' } }));
    expect(dup.code).toBe(409);
  });
});

describe('notes', () => {
  it('batch-creates notes associated to a company (201) and reads them back through the association', async () => {
    const res = await client.crm.objects.notes.batchApi.create({ inputs: [noteInput('a', '20001'), noteInput('b', '20001')] });
    expect(res.status).toBe('COMPLETE');
    expect(res.results.map((r) => r.objectWriteTraceId).sort()).toEqual(['a', 'b']);
    const ids = res.results.map((r) => r.id);
    const assoc = await client.crm.associations.v4.basicApi.getPage('companies', '20001', 'notes');
    expect(assoc.results.map((r) => String(r.toObjectId)).sort()).toEqual([...ids].sort());
    expect(assoc.results[0]?.associationTypes[0]).toMatchObject({ category: 'HUBSPOT_DEFINED', typeId: 189 });
    const company = await client.crm.companies.basicApi.getById('20001', undefined, undefined, ['notes']);
    expect(company.associations?.notes?.results.map((r) => r.id).sort()).toEqual([...ids].sort());
    const note = await client.crm.objects.notes.basicApi.getById(ids[0] ?? '', ['hs_note_body'], undefined, ['companies']);
    expect(note.associations?.companies?.results[0]?.id).toBe('20001');
  });

  it('answers 207 per input when some inputs fail, mapped by objectWriteTraceId', async () => {
    const info = await client.crm.objects.notes.batchApi.createWithHttpInfo({
      inputs: [noteInput('ok', '20001'), noteInput('unknown-prop', '20001', { nope: '1' }), noteInput('no-company', '99999')],
    });
    expect(info.httpStatusCode).toBe(207);
    const body = info.data as { results: { objectWriteTraceId?: string }[]; errors?: { context: Record<string, string[]>; category: string; message: string }[] };
    expect(body.results.map((r) => r.objectWriteTraceId)).toEqual(['ok']);
    const byTrace = Object.fromEntries((body.errors ?? []).map((e) => [e.context.objectWriteTraceId?.[0], e]));
    expect(byTrace['unknown-prop']).toMatchObject({ category: 'VALIDATION_ERROR' });
    expect(byTrace['unknown-prop']?.message).toContain('PROPERTY_DOESNT_EXIST');
    expect(byTrace['no-company']?.message).toContain('associations are invalid');
    expect(sim.state.list('notes')).toHaveLength(1);
  });

  it('fails the whole batch with 400 when inputs carry no trace ids, writing nothing', async () => {
    const plain = (body: string) => ({ properties: { hs_timestamp: '2026-11-20T02:00:00Z', hs_note_body: body } });
    const e = await apiError(client.crm.objects.notes.batchApi.create({ inputs: [plain('x'), { properties: { hs_note_body: 'no timestamp' } }] }));
    expect(e.code).toBe(400);
    expect(sim.state.list('notes')).toHaveLength(0);
  });

  it('refuses more than 100 inputs', async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => noteInput(`t${i}`, '20001'));
    const e = await apiError(client.crm.objects.notes.batchApi.create({ inputs }));
    expect(e.code).toBe(400);
    expect(String(e.body.message)).toContain('100');
  });

  it('batch-updates by id: 200, and 207 for an unknown id', async () => {
    const created = await client.crm.objects.notes.batchApi.create({ inputs: [noteInput('a', '20001')] });
    const id = created.results[0]?.id ?? '';
    const ok = await client.crm.objects.notes.batchApi.updateWithHttpInfo({ inputs: [{ id, properties: { hs_note_body: 'v2' } }] });
    expect(ok.httpStatusCode).toBe(200);
    const mixed = await client.crm.objects.notes.batchApi.updateWithHttpInfo({
      inputs: [{ id, properties: { hs_note_body: 'v3' } }, { id: '12345', properties: { hs_note_body: 'x' } }],
    });
    expect(mixed.httpStatusCode).toBe(207);
    expect((mixed.data as { errors?: { context: Record<string, string[]> }[] }).errors?.[0]?.context.ids).toEqual(['12345']);
    expect(sim.state.get('notes', id)?.properties.hs_note_body).toBe('v3');
  });

  it('batch-reads notes and searches them by property', async () => {
    const created = await client.crm.objects.notes.batchApi.create({ inputs: [noteInput('a', '20001'), noteInput('b', '20002')] });
    const ids = created.results.map((r) => r.id);
    const read = await client.crm.objects.notes.batchApi.read({ inputs: ids.map((id) => ({ id })), properties: ['hs_note_body'], propertiesWithHistory: [] });
    expect(read.results).toHaveLength(2);
    // Search finds the new notes once it has indexed them (STRICT.searchLagMs later on the portal's clock).
    ahead += STRICT.searchLagMs;
    const found = await client.crm.objects.notes.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'hs_note_body', operator: 'CONTAINS_TOKEN' as never, value: 'b' }] }],
    });
    expect(found.results.map((r) => r.id)).toEqual([ids[1]]);
  });
});

describe('properties', () => {
  it('gets, creates and conflicts on property groups; lists and gets properties', async () => {
    const missing = await apiError(client.crm.properties.groupsApi.getByName('notes', 'fieldkit'));
    expect(missing.code).toBe(404);
    const g = await client.crm.properties.groupsApi.create('notes', { name: 'fieldkit', label: 'Fieldkit' });
    expect(g.name).toBe('fieldkit');
    const again = await apiError(client.crm.properties.groupsApi.create('notes', { name: 'fieldkit', label: 'Fieldkit' }));
    expect(again.code).toBe(409);
    const created = await client.crm.properties.coreApi.create('notes', {
      name: 'fieldkit_record_id', label: 'Fieldkit record id', type: 'string' as never, fieldType: 'text' as never, groupName: 'fieldkit',
    });
    expect(created.name).toBe('fieldkit_record_id');
    const all = await client.crm.properties.coreApi.getAll('notes');
    expect(all.results.map((p) => p.name)).toContain('fieldkit_record_id');
    const one = await client.crm.properties.coreApi.getByName('companies', 'name');
    expect(one.type).toBe('string');
  });
});

describe('owners, account, schemas', () => {
  it('lists owners with teams, paged', async () => {
    const first = await client.crm.owners.ownersApi.getPage(undefined, undefined, 2);
    expect(first.results).toHaveLength(2);
    expect(first.results[0]).toMatchObject({ lastName: '张', firstName: '伟', teams: [{ name: '华东区', primary: true }] });
    const rest = await client.crm.owners.ownersApi.getPage(undefined, first.paging?.next?.after, 100);
    expect(rest.results.map((o) => `${o.lastName ?? ''}${o.firstName ?? ''}`)).toEqual(['王强', '赵敏']);
  });

  it('answers account details and the private-app token info', async () => {
    const details = (await (await client.apiRequest({ method: 'GET', path: '/account-info/v3/details' })).json()) as Record<string, unknown>;
    expect(details).toMatchObject({ portalId: sim.state.portalId, timeZone: 'Asia/Shanghai', companyCurrency: 'CNY', uiDomain: 'app.hubspot.com' });
    const info = (await (
      await client.apiRequest({ method: 'POST', path: '/oauth/v2/private-apps/get/access-token-info', body: { tokenKey: 'test-token' } })
    ).json()) as Record<string, unknown>;
    expect(info).toMatchObject({ hubId: sim.state.portalId, scopes: expect.arrayContaining(['crm.objects.companies.read']) });
  });

  it('answers /crm-object-schemas/v3/schemas with 403 on a portal without custom objects', async () => {
    const e = await apiError(client.crm.schemas.coreApi.getAll());
    expect(e.code).toBe(403);
    sim.setConfig({ customObjects: 'enterprise' });
    const ok = await client.crm.schemas.coreApi.getAll();
    expect(ok.results[0]?.name).toBe('dealer_visit');
  });
});

describe('rate limit', () => {
  it('sends the headers and a 429 with policyName after the window is used up', async () => {
    sim.setConfig({ rate: 3 });
    const r = await client.crm.companies.basicApi.getPageWithHttpInfo(1);
    expect(r.headers['x-hubspot-ratelimit-max']).toBe('3');
    expect(r.headers['x-hubspot-ratelimit-remaining']).toBe('2');
    expect(r.headers['x-hubspot-ratelimit-interval-milliseconds']).toBe('10000');
    await client.crm.companies.basicApi.getPage(1);
    await client.crm.companies.basicApi.getPage(1);
    const e = await apiError(client.crm.companies.basicApi.getPage(1));
    expect(e.code).toBe(429);
    expect(e.body).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
    expect(e.headers['x-hubspot-ratelimit-remaining']).toBe('0');
  });
});

describe('faults and control API', () => {
  it('drops a connection, loses a response after applying the write, and answers 5xx', async () => {
    sim.setFaults({ script: ['drop', 'lost', '5xx'] });
    await expect(client.crm.companies.basicApi.getPage(1)).rejects.toThrow();
    await expect(client.crm.objects.notes.batchApi.create({ inputs: [noteInput('lost', '20001')] })).rejects.toThrow();
    expect(sim.state.list('notes')).toHaveLength(1); // processed, response lost
    const e = await apiError(client.crm.companies.basicApi.getPage(1));
    expect(e.code).toBe(502);
    expect(sim.requests.map((r) => r.fault)).toEqual(['drop', 'lost', '5xx']);
  });

  it('replays random faults exactly from a seed', async () => {
    const run = async () => {
      sim.reset();
      sim.setFaults({ errorRate: 0.5, seed: 42 });
      const out: number[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await fetch(`${sim.url}/crm/v3/owners`, { headers: { Authorization: 'Bearer test-token' } });
        out.push(r.status);
      }
      return out;
    };
    const a = await run();
    expect(a).toContain(502);
    expect(a).toContain(200);
    expect(await run()).toEqual(a);
  });

  it('is driven over HTTP with its own control token: faults, state, reset, and writes a JSONL log', async () => {
    const control = { 'x-sim-control-token': sim.controlToken };
    const post = (path: string, body: unknown, headers: Record<string, string> = control) =>
      fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    // Without the control token, or with the CRM token instead, nothing is read or changed.
    expect((await post('/__sim/reset', {}, {})).status).toBe(401);
    expect((await post('/__sim/reset', {}, { 'x-sim-control-token': 'test-token' })).status).toBe(401);
    expect((await fetch(`${sim.url}/__sim/state`)).status).toBe(401);
    // The config it hands out names no CRM token.
    const config = await (await fetch(`${sim.url}/__sim/config`, { headers: control })).text();
    expect(config).not.toContain('test-token');
    expect((await post('/__sim/faults', { script: ['429'], retryAfterSeconds: 3 })).status).toBe(200);
    const r = await fetch(`${sim.url}/crm/v3/owners`, { headers: { Authorization: 'Bearer test-token' } });
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('3');
    await client.crm.objects.notes.batchApi.create({ inputs: [noteInput('a', '20001')] });
    const stateText = await (await fetch(`${sim.url}/__sim/state`, { headers: control })).text();
    expect(stateText).not.toContain('test-token');
    const state = JSON.parse(stateText) as { objects: { notes: unknown[] } };
    expect(state.objects.notes).toHaveLength(1);
    await post('/__sim/reset', {});
    expect(sim.state.list('notes')).toHaveLength(0);
    const lines = readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({ method: 'POST', path: '/crm/v3/objects/notes/batch/create', status: 201 });
    expect(lines.at(-1)?.body).toMatchObject({ inputs: [{ objectWriteTraceId: 'a' }] });
  });
});
