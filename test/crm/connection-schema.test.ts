import { describe, expect, it } from 'vitest';
import { COMPANY_PROPERTIES, NOTE_PROPERTIES, REQUIRED_SCOPES } from '../../lib/crm/hubspot';
import { TOKEN, simulatorPerFile } from './helpers';

const t = simulatorPerFile();

describe('checkConnection', () => {
  it('reads token info and account details and lists no missing scope', async () => {
    const info = await t.adapter().checkConnection();
    const calls = t.calls().sort((a, b) => a.path.localeCompare(b.path));
    expect(calls).toEqual([
      { method: 'GET', path: '/account-info/v3/details', query: {}, body: undefined, status: 200 },
      { method: 'POST', path: '/oauth/v2/private-apps/get/access-token-info', query: {}, body: { tokenKey: TOKEN }, status: 200 },
    ]);
    expect(info).toMatchObject({
      portalId: t.sim.state.portalId,
      accountName: `HubSpot ${t.sim.state.portalId}`,
      uiDomain: 'app.hubspot.com',
      missingScopes: [],
      timeZone: 'Asia/Shanghai',
      currency: 'CNY',
    });
    expect(info.scopes).toEqual(expect.arrayContaining(REQUIRED_SCOPES.map((s) => s.scope)));
  });

  it('names the required scopes the token lacks', async () => {
    t.sim.setConfig({ scopes: t.sim.config.scopes.filter((s) => s !== 'crm.objects.owners.read' && s !== 'crm.schemas.companies.write') });
    const info = await t.adapter().checkConnection();
    expect(info.missingScopes).toEqual(['crm.objects.owners.read', 'crm.schemas.companies.write']);
  });
});

describe('ensureSchema', () => {
  it('creates the fieldkit group and properties on companies and notes, then detects no custom objects', async () => {
    const report = await t.adapter().ensureSchema();
    expect(report).toEqual({
      propertyGroupCreated: true,
      propertiesCreated: [...COMPANY_PROPERTIES.map((p) => `companies.${p.name}`), ...NOTE_PROPERTIES.map((p) => `notes.${p.name}`)],
      customObjectsSupported: false,
      recordStorage: 'properties',
    });
    const calls = t.calls();
    expect(calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'GET /crm/v3/properties/companies/groups/fieldkit 404',
      'POST /crm/v3/properties/companies/groups 201',
      'GET /crm/v3/properties/companies 200',
      'POST /crm/v3/properties/companies/batch/create 201',
      'GET /crm/v3/properties/notes/groups/fieldkit 404',
      'POST /crm/v3/properties/notes/groups 201',
      'GET /crm/v3/properties/notes 200',
      'POST /crm/v3/properties/notes/batch/create 201',
      'GET /crm-object-schemas/v3/schemas 403',
    ]);
    expect(calls[1]?.body).toEqual({ name: 'fieldkit', label: 'Fieldkit 外勤', displayOrder: -1 });
    const companyInputs = (calls[3]?.body as { inputs: Record<string, unknown>[] }).inputs;
    expect(companyInputs.find((i) => i.name === 'fieldkit_dealer_key')).toEqual({
      name: 'fieldkit_dealer_key',
      label: 'Fieldkit dealer id',
      type: 'string',
      fieldType: 'text',
      groupName: 'fieldkit',
      description: expect.any(String),
      hasUniqueValue: true,
    });
    expect(companyInputs.find((i) => i.name === 'fieldkit_customer_class')?.options).toEqual([
      { label: '经销客户 Distributor', value: 'distributor', displayOrder: 0, hidden: false },
      { label: '潜在客户 Potential', value: 'potential', displayOrder: 1, hidden: false },
      { label: '下游客户 Downstream', value: 'downstream', displayOrder: 2, hidden: false },
    ]);
    expect(t.sim.state.properties.companies.get('fieldkit_dealer_key')?.hasUniqueValue).toBe(true);
    // The record type is plain text, so a kind added to the registry needs no new option.
    const noteInputs = (calls[7]?.body as { inputs: Record<string, unknown>[] }).inputs;
    expect(noteInputs.find((i) => i.name === 'fieldkit_record_type')).toEqual({
      name: 'fieldkit_record_type',
      label: 'Fieldkit record type',
      type: 'string',
      fieldType: 'text',
      groupName: 'fieldkit',
      description: expect.any(String),
    });
    expect(t.sim.state.properties.notes.get('fieldkit_record_type')).toMatchObject({ type: 'string', fieldType: 'text', options: [] });
  });

  it('is idempotent: a second run reads and creates nothing', async () => {
    const adapter = t.adapter();
    await adapter.ensureSchema();
    t.sim.clearRequests();
    const again = await adapter.ensureSchema();
    expect(again).toEqual({ propertyGroupCreated: false, propertiesCreated: [], customObjectsSupported: false, recordStorage: 'properties' });
    expect(t.calls().every((c) => c.method === 'GET')).toBe(true);
  });

  it('switches to body mode when the portal refuses the notes group, creating nothing on notes; a body-mode adapter never tries', async () => {
    t.sim.setConfig({ noteProperties: 'refused' });
    const report = await t.adapter().ensureSchema();
    expect(report).toMatchObject({ recordStorage: 'body', propertiesCreated: COMPANY_PROPERTIES.map((p) => `companies.${p.name}`) });
    expect(report.conflicts).toBeUndefined();
    const notesCalls = t.calls().filter((c) => c.path.startsWith('/crm/v3/properties/notes'));
    expect(notesCalls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual(['GET /crm/v3/properties/notes/groups/fieldkit 404', 'POST /crm/v3/properties/notes/groups 400']);

    t.sim.setConfig({ noteProperties: 'accepted' });
    t.sim.clearRequests();
    expect((await t.adapter({ recordStorage: 'body' }).ensureSchema()).recordStorage).toBe('body');
    expect(t.calls().filter((c) => c.path.startsWith('/crm/v3/properties/notes'))).toEqual([]);
  });

  it('reports custom objects on an Enterprise portal and type conflicts on existing properties', async () => {
    t.sim.setConfig({ customObjects: 'enterprise', scopes: [...t.sim.config.scopes, 'crm.schemas.custom.read'] });
    t.sim.state.groups.companies.set('fieldkit', { name: 'fieldkit', label: 'Fieldkit', displayOrder: 0, archived: false });
    const existing = { ...t.sim.state.properties.companies.get('name')!, name: 'fieldkit_credit_limit', type: 'string' as const, hubspotDefined: false };
    t.sim.state.properties.companies.set('fieldkit_credit_limit', existing);
    const report = await t.adapter().ensureSchema();
    expect(report.customObjectsSupported).toBe(true);
    expect(report.conflicts).toEqual(['companies.fieldkit_credit_limit is string, Fieldkit needs number']);
    expect(report.propertiesCreated).not.toContain('companies.fieldkit_credit_limit');
  });
});
