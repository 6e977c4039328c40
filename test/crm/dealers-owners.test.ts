import { describe, expect, it } from 'vitest';
import { COMPANY_READ_PROPERTIES } from '../../lib/crm/hubspot/companies';
import { CrmError } from '../../lib/crm/port';
import { dealer, simulatorPerFile, visitCard } from './helpers';

const t = simulatorPerFile();

describe('pullDealers', () => {
  it('searches all companies oldest change first and maps them', async () => {
    const page = await t.adapter().pullDealers(undefined, undefined);
    expect(t.calls()).toEqual([
      {
        method: 'POST',
        path: '/crm/v3/objects/companies/search',
        query: {},
        status: 200,
        body: { sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }], properties: COMPANY_READ_PROPERTIES, limit: 100 },
      },
    ]);
    expect(page.total).toBe(12);
    expect(page.after).toBeUndefined();
    // No Fieldkit responsible rep yet: the company owner is the responsible rep.
    expect(page.items[0]).toEqual({
      crmId: '20001',
      objectType: 'companies',
      name: '华东润滑油经销有限公司',
      city: '上海',
      region: '上海',
      responsibleRepId: '101',
      modifiedAt: '2026-01-05T01:00:00.000Z',
    });
  });

  it('pulls only companies changed since a time, with GTE on hs_lastmodifieddate in epoch ms', async () => {
    const since = '2026-01-05T01:10:00.000Z';
    const page = await t.adapter().pullDealers(since, undefined);
    expect((t.calls()[0]?.body as { filterGroups: unknown }).filterGroups).toEqual([
      { filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(Date.parse(since)) }] },
    ]);
    expect(page.items.map((c) => c.name)).toEqual(['绍兴越兴商贸有限公司', '广州粤通润滑油有限公司']);
  });

  it('maps Fieldkit\'s stored dealer key and the KPI snapshot\'s summary (never its detail) when a company carries them', async () => {
    await t.adapter().ensureSchema();
    const company = t.sim.state.get('companies', '20005');
    Object.assign(company?.properties ?? {}, {
      fieldkit_dealer_key: '01jd00000000000000000000ab',
      fieldkit_kpi_score: '87.5',
      fieldkit_kpi_grade: 'A',
      fieldkit_kpi_period: '2026-11',
      fieldkit_kpi_rule_set: 'dealer-kpi@3',
      fieldkit_kpi_computed_at: '2026-11-20T00:00:00.000Z',
      fieldkit_kpi_partial: 'false',
      fieldkit_kpi_detail: '{"version":1}',
    });
    const page = await t.adapter().pullDealers(undefined, undefined);
    expect(page.items.find((d) => d.crmId === '20005')).toEqual({
      crmId: '20005',
      objectType: 'companies',
      name: '宁波港城汽配有限公司',
      city: '宁波',
      region: '浙江',
      responsibleRepId: '102',
      localId: '01JD00000000000000000000AB',
      kpi: { kpiScore: '87.5', kpiGrade: 'A', kpiPeriod: '2026-11', kpiRuleSet: 'dealer-kpi@3', kpiComputedAt: '2026-11-20T00:00:00.000Z', kpiPartial: 'false' },
      modifiedAt: company?.updatedAt,
    });
  });

  it('pages with the cursor over a larger portal', async () => {
    const companies = Array.from({ length: 130 }, (_, i) => ({ properties: { name: `经销商 ${i + 1}` } }));
    t.sim.state.reset({ companies });
    const adapter = t.adapter();
    const p1 = await adapter.pullDealers(undefined, undefined);
    expect(p1.items).toHaveLength(100);
    expect(p1.after).toBe('100');
    const p2 = await adapter.pullDealers(undefined, p1.after);
    expect(p2.items.map((c) => c.name).at(-1)).toBe('经销商 130');
    expect(p2.after).toBeUndefined();
  });
});

describe('pushRecords: dealers', () => {
  async function ready() {
    const adapter = t.adapter();
    await adapter.ensureSchema();
    t.sim.clearRequests();
    return adapter;
  }

  it('writes a linked dealer\'s fields with one companies batch update and reads them back', async () => {
    const adapter = await ready();
    const d = dealer();
    const results = await adapter.pushRecords([d]);
    expect(t.calls()).toEqual([
      {
        method: 'POST',
        path: '/crm/v3/objects/companies/batch/update',
        query: {},
        status: 200,
        body: {
          inputs: [
            {
              id: '20003',
              objectWriteTraceId: d.localId,
              properties: {
                fieldkit_customer_class: 'distributor',
                fieldkit_grade: 'A',
                fieldkit_credit_limit: '500000',
                fieldkit_arrears: '12000.5',
                fieldkit_responsible_rep: '102',
              },
            },
          ],
        },
      },
    ]);
    expect(results).toEqual([{ localId: d.localId, ok: true, crmId: '20003', objectType: 'companies', operation: 'updated', modifiedAt: expect.any(String) }]);

    // Reading back is a search: it finds the update once HubSpot's search has indexed it.
    t.waitForSearch();
    const page = await adapter.pullDealers('2026-06-01T00:00:00.000Z', undefined);
    expect(page.items).toEqual([
      {
        crmId: '20003',
        objectType: 'companies',
        name: '杭州百川润滑油有限公司',
        city: '杭州',
        region: '浙江',
        responsibleRepId: '102',
        customerClass: 'distributor',
        grade: 'A',
        creditLimit: 500000,
        arrears: 12000.5,
        modifiedAt: t.sim.state.get('companies', '20003')?.updatedAt,
      },
    ]);
  });

  it('sends only the fields the dealer record has, so HubSpot users\' values of the others survive', async () => {
    const adapter = await ready();
    const company = t.sim.state.get('companies', '20004');
    if (company) company.properties.fieldkit_credit_limit = '300000'; // set by a HubSpot user
    const d = dealer({
      crmId: '20004',
      record: { customerClass: undefined, grade: 'B', creditLimit: undefined, arrears: undefined, responsibleRepId: undefined },
    });
    const results = await adapter.pushRecords([d]);
    expect(t.calls()).toEqual([
      {
        method: 'POST',
        path: '/crm/v3/objects/companies/batch/update',
        query: {},
        status: 200,
        body: { inputs: [{ id: '20004', objectWriteTraceId: d.localId, properties: { fieldkit_grade: 'B' } }] },
      },
    ]);
    expect(results[0]).toMatchObject({ ok: true, crmId: '20004', objectType: 'companies', operation: 'updated' });
    expect(t.sim.state.get('companies', '20004')?.properties).toMatchObject({ fieldkit_grade: 'B', fieldkit_credit_limit: '300000', name: '南京金盛贸易有限公司' });
  });

  it('refuses a dealer not linked to a company without any request', async () => {
    const adapter = await ready();
    const unlinked = dealer({ crmId: undefined });
    const results = await adapter.pushRecords([unlinked]);
    expect(t.calls()).toEqual([]);
    expect(results).toEqual([{ localId: unlinked.localId, ok: false, error: expect.any(CrmError) }]);
    const err = results[0] && !results[0].ok ? results[0].error : undefined;
    expect(err).toMatchObject({ kind: 'validation', retryable: false });
    expect(err?.message).toContain('not linked');
  });

  it('sends the linked dealers of a mixed batch and refuses only the unlinked one', async () => {
    const adapter = await ready();
    const unlinked = dealer({ crmId: undefined });
    const linked = dealer({ crmId: '20002', record: { grade: 'C' } });
    const results = await adapter.pushRecords([unlinked, linked]);
    expect(t.calls().map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual(['POST /crm/v3/objects/companies/batch/update 200']);
    expect((t.calls()[0]?.body as { inputs: { id: string; objectWriteTraceId: string }[] }).inputs.map((i) => [i.id, i.objectWriteTraceId])).toEqual([
      ['20002', linked.localId],
    ]);
    expect(results).toEqual([
      { localId: unlinked.localId, ok: false, error: expect.objectContaining({ kind: 'validation' }) },
      { localId: linked.localId, ok: true, crmId: '20002', objectType: 'companies', operation: 'updated', modifiedAt: expect.any(String) },
    ]);
  });

  it('maps a refused batch (400) and a 207 back per dealer: a bad option and a deleted company fail only their own dealer', async () => {
    const adapter = await ready();
    const badOption = dealer({ crmId: '20002', record: { grade: 'Z' } });
    const gone = dealer({ crmId: '99999' });
    const good = dealer({ crmId: '20004' });
    const before = structuredClone(t.sim.state.get('companies', '20002')?.properties);
    const results = await adapter.pushRecords([badOption, gone, good]);
    // HubSpot refuses a whole batch update for one invalid value (400, nothing written); the
    // adapter halves it until the bad input stands alone. An unknown id is a per-input error (207).
    expect(t.calls().map((c) => [c.status, (c.body as { inputs: { id: string }[] }).inputs.map((i) => i.id)])).toEqual([
      [400, ['20002', '99999', '20004']],
      [400, ['20002', '99999']],
      [400, ['20002']],
      [207, ['99999']],
      [200, ['20004']],
    ]);
    expect(t.calls().every((c) => c.method === 'POST' && c.path === '/crm/v3/objects/companies/batch/update')).toBe(true);
    expect(t.sim.state.get('companies', '20002')?.properties).toEqual(before);
    expect(results[0]).toMatchObject({ localId: badOption.localId, ok: false, error: { kind: 'validation' } });
    expect(results[0] && !results[0].ok ? results[0].error.message : '').toContain('INVALID_OPTION');
    expect(results[1]).toMatchObject({ localId: gone.localId, ok: false, error: { kind: 'not-found' } });
    expect(results[2]).toMatchObject({ localId: good.localId, ok: true, crmId: '20004', objectType: 'companies', operation: 'updated' });
  });

  it('writes notes and dealers in one push: notes first, then companies; results in input order', async () => {
    const adapter = await ready();
    const d = dealer();
    const card = visitCard();
    const results = await adapter.pushRecords([d, card]);
    expect(t.calls().map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'POST /crm/v3/objects/notes/batch/create 201',
      'POST /crm/v3/objects/companies/batch/update 200',
    ]);
    expect((t.calls()[0]?.body as { inputs: unknown[] }).inputs).toHaveLength(1);
    expect(results).toEqual([
      { localId: d.localId, ok: true, crmId: '20003', objectType: 'companies', operation: 'updated', modifiedAt: expect.any(String) },
      { localId: card.localId, ok: true, crmId: expect.any(String), objectType: 'notes', operation: 'created', modifiedAt: expect.any(String) },
    ]);
  });
});

describe('listOwners', () => {
  it('reads every page of owners with their teams, Chinese names family name first', async () => {
    const owners = await t.adapter().listOwners();
    expect(t.calls()).toEqual([{ method: 'GET', path: '/crm/v3/owners/', query: { limit: '100', archived: 'false' }, body: undefined, status: 200 }]);
    expect(owners.map((o) => o.name)).toEqual(['张伟', '李娜', '王强', '赵敏']);
    expect(owners[2]).toEqual({
      id: '103',
      userId: 5103,
      email: 'wang.qiang@example.cn',
      firstName: '强',
      lastName: '王',
      name: '王强',
      archived: false,
      teams: [
        { id: '7001', name: '华东区', primary: true },
        { id: '7010', name: '区域经理', primary: false },
      ],
    });
  });

  it('follows paging past the first 100 owners', async () => {
    const owners = Array.from({ length: 150 }, (_, i) => ({ id: String(1000 + i), email: `rep${i}@example.cn`, firstName: 'Rep', lastName: String(i) }));
    t.sim.state.reset({ owners });
    const list = await t.adapter().listOwners();
    expect(list).toHaveLength(150);
    expect(t.calls().map((c) => c.query)).toEqual([
      { limit: '100', archived: 'false' },
      { after: '100', limit: '100', archived: 'false' },
    ]);
    expect(list[0]?.name).toBe('Rep 0');
  });
});
