import { describe, expect, it } from 'vitest';
import { COMPANY_READ_PROPERTIES } from '../../lib/crm/hubspot/companies';
import { simulatorPerFile } from './helpers';

const t = simulatorPerFile();

describe('pullDealers', () => {
  it('searches all companies oldest change first and maps them', async () => {
    const page = await t.adapter().pullDealers(undefined);
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
    expect(page.items[0]).toEqual({
      crmId: '20001',
      name: '华东润滑油经销有限公司',
      domain: 'huadong-lube.example.cn',
      city: '上海',
      region: '上海',
      ownerId: '101',
      responsibleRepId: '101',
      createdAt: '2026-01-05T01:00:00.000Z',
      updatedAt: '2026-01-05T01:00:00.000Z',
    });
  });

  it('pulls only companies changed since a time, with GTE on hs_lastmodifieddate in epoch ms', async () => {
    const since = '2026-01-05T01:10:00.000Z';
    const page = await t.adapter().pullDealers(since);
    expect((t.calls()[0]?.body as { filterGroups: unknown }).filterGroups).toEqual([
      { filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(Date.parse(since)) }] },
    ]);
    expect(page.items.map((c) => c.name)).toEqual(['绍兴越兴商贸有限公司', '广州粤通润滑油有限公司']);
  });

  it('round-trips Fieldkit dealer fields written with updateDealers', async () => {
    const adapter = t.adapter();
    await adapter.ensureSchema();
    t.sim.clearRequests();
    const results = await adapter.updateDealers([
      {
        crmId: '20003',
        localId: '01JD00000000000000000000AB',
        customerClass: 'distributor',
        grade: 'A',
        creditLimit: 500000,
        arrears: 12000.5,
        responsibleRepId: '102',
        kpi: { snapshot: { coverage: 0.82 }, score: 87.5, grade: 'A', ruleSetVersion: 'dealer-kpi@3', computedAt: '2026-11-20T00:00:00.000Z' },
      },
    ]);
    expect(results).toEqual([{ localId: '20003', ok: true, crmId: '20003', operation: 'updated' }]);
    expect(t.calls()[0]).toMatchObject({
      method: 'POST',
      path: '/crm/v3/objects/companies/batch/update',
      status: 200,
      body: {
        inputs: [
          {
            id: '20003',
            objectWriteTraceId: '20003',
            properties: {
              fieldkit_dealer_key: '01jd00000000000000000000ab',
              fieldkit_customer_class: 'distributor',
              fieldkit_grade: 'A',
              fieldkit_credit_limit: '500000',
              fieldkit_arrears: '12000.5',
              fieldkit_responsible_rep: '102',
              fieldkit_kpi_snapshot: '{"coverage":0.82}',
              fieldkit_kpi_score: '87.5',
              fieldkit_kpi_grade: 'A',
              fieldkit_rule_set_version: 'dealer-kpi@3',
              fieldkit_kpi_computed_at: '2026-11-20T00:00:00.000Z',
            },
          },
        ],
      },
    });
    const page = await adapter.pullDealers('2026-06-01T00:00:00.000Z');
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      crmId: '20003',
      localId: '01JD00000000000000000000AB',
      customerClass: 'distributor',
      grade: 'A',
      creditLimit: 500000,
      arrears: 12000.5,
      ownerId: '102',
      responsibleRepId: '102',
      kpi: { snapshot: { coverage: 0.82 }, score: 87.5, grade: 'A', ruleSetVersion: 'dealer-kpi@3', computedAt: '2026-11-20T00:00:00.000Z' },
    });
  });

  it('reports the unique dealer key conflict and a bad option per company', async () => {
    const adapter = t.adapter();
    await adapter.ensureSchema();
    await adapter.updateDealers([{ crmId: '20001', localId: '01JD00000000000000000000K1' }]);
    const results = await adapter.updateDealers([
      { crmId: '20002', localId: '01JD00000000000000000000K1' },
      { crmId: '20004', grade: 'A' },
    ]);
    expect(results[0]).toMatchObject({ localId: '20002', ok: false, error: { kind: 'conflict' } });
    expect(results[1]).toMatchObject({ localId: '20004', ok: true });
  });

  it('pages with the cursor over a larger portal', async () => {
    const companies = Array.from({ length: 130 }, (_, i) => ({ properties: { name: `经销商 ${i + 1}` } }));
    t.sim.state.reset({ companies });
    const adapter = t.adapter();
    const p1 = await adapter.pullDealers(undefined);
    expect(p1.items).toHaveLength(100);
    expect(p1.after).toBe('100');
    const p2 = await adapter.pullDealers(undefined, p1.after);
    expect(p2.items.map((c) => c.name).at(-1)).toBe('经销商 130');
    expect(p2.after).toBeUndefined();
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
