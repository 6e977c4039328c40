/**
 * The contract of a dealer's KPI snapshot write (`home: 'dealerFields'`): exactly one companies
 * batch update carrying exactly the seven `fieldkit_kpi_*` properties the HubSpot app card reads,
 * `''` sent to clear the score of a partial snapshot, and the properties created by ensureSchema
 * with the card's own definitions.
 */
import { describe, expect, it } from 'vitest';
import { buildDealerPanel, type DealerPanelModel } from '../../lib/dealers/panel';
import { snapshotFields, snapshotFromFields, snapshotOf, SNAPSHOT_FIELD_NAMES, type SnapshotFields } from '../../lib/dealers/snapshot';
import { getBuiltInRuleSet } from '../../lib/rules/built-in';
import { COMPANY_PROPERTIES, DEALER_FIELD_PROPERTIES, type PropertySpec } from '../../lib/crm/hubspot/properties';
import type { PushInput } from '../../lib/crm/port';
import { HISTORY } from '../fixtures/dealer-history';
import { AUTHOR, dealer, localId, simulatorPerFile } from './helpers';

const t = simulatorPerFile();

const ruleSets = { kpi: getBuiltInRuleSet('dealer-kpi')!, warnings: getBuiltInRuleSet('warnings')! };
const PANEL = buildDealerPanel(HISTORY, '2026-11', ruleSets, { now: new Date('2026-11-30T10:00:00Z') });
const PARTIAL: DealerPanelModel = { ...PANEL, computedAt: '2026-12-01T09:00:00.000Z', score: { ...PANEL.score, total: null, knownTotal: 60, grade: null, partial: true } };
const FULL_FIELDS: SnapshotFields & Record<string, string | number> = { ...snapshotFields(snapshotOf(PANEL)) };
const PARTIAL_FIELDS: SnapshotFields & Record<string, string | number> = { ...snapshotFields(snapshotOf(PARTIAL)) };

/** What the engine hands the port for a dealer's snapshot row (lib/sync/outgoing.ts). */
function kpiInput(fields: Readonly<Record<string, string | number>>, overrides: Partial<PushInput> = {}): PushInput {
  const id = overrides.localId ?? localId();
  return {
    localId: id,
    kind: 'dealerKpi',
    home: 'dealerFields',
    deleted: false,
    dealerCrmId: '20003',
    fields,
    record: { id, schemaVersion: 1, author: AUTHOR, createdAt: '2026-11-30T10:00:00.000Z', updatedAt: '2026-11-30T10:00:00.000Z', fields },
    readable: { title: { 'zh-CN': '经销商 KPI 快照', en: 'Dealer KPI snapshot' }, lines: [] },
    ...overrides,
  };
}

/** The seven properties as HubSpot receives them for these fields, written out by hand. */
function kpiProperties(f: SnapshotFields): Record<string, string> {
  return {
    fieldkit_kpi_score: f.kpiScore === '' ? '' : String(f.kpiScore),
    fieldkit_kpi_grade: f.kpiGrade,
    fieldkit_kpi_period: f.kpiPeriod,
    fieldkit_kpi_rule_set: f.kpiRuleSet,
    fieldkit_kpi_computed_at: f.kpiComputedAt,
    fieldkit_kpi_partial: f.kpiPartial,
    fieldkit_kpi_detail: f.kpiDetail,
  };
}

/** A company's properties read back by the card's field names (hubspot-app's `snapshotFieldsOf`). */
function cardFieldsOf(properties: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(SNAPSHOT_FIELD_NAMES.map((name) => [name, properties[DEALER_FIELD_PROPERTIES[name]!]]));
}

describe('pushRecords: a dealer\'s KPI snapshot', () => {
  it('writes exactly the seven KPI properties with one companies batch update, and the card reads the snapshot back', async () => {
    await t.adapter().ensureSchema();
    t.sim.clearRequests();
    const input = kpiInput(FULL_FIELDS);

    const results = await t.adapter().pushRecords([input]);

    expect(t.calls()).toEqual([
      {
        method: 'POST',
        path: '/crm/v3/objects/companies/batch/update',
        query: {},
        status: 200,
        body: { inputs: [{ id: '20003', objectWriteTraceId: input.localId, properties: kpiProperties(FULL_FIELDS) }] },
      },
    ]);
    expect(kpiProperties(FULL_FIELDS)).toMatchObject({ fieldkit_kpi_score: '87.5', fieldkit_kpi_grade: 'A', fieldkit_kpi_period: '2026-11', fieldkit_kpi_rule_set: 'dealer-kpi@1', fieldkit_kpi_partial: 'false' });
    expect(results).toEqual([{ localId: input.localId, ok: true, crmId: '20003', objectType: 'companies', operation: 'updated', modifiedAt: expect.any(String) }]);
    const company = t.sim.state.get('companies', '20003')!.properties;
    expect(company).toMatchObject({ ...kpiProperties(FULL_FIELDS), name: '杭州百川润滑油有限公司' });
    expect(snapshotFromFields(cardFieldsOf(company))).toEqual({ ok: true, snapshot: snapshotOf(PANEL) });
  });

  it('sends \'\' for the score and grade of a partial snapshot, which clears the old ones', async () => {
    await t.adapter().ensureSchema();
    await t.adapter().pushRecords([kpiInput(FULL_FIELDS)]);
    t.sim.clearRequests();

    const input = kpiInput(PARTIAL_FIELDS);
    expect((await t.adapter().pushRecords([input]))[0]).toMatchObject({ ok: true, crmId: '20003' });

    const sent = (t.calls()[0]!.body as { inputs: { properties: Record<string, string> }[] }).inputs[0]!.properties;
    expect(Object.keys(sent).sort()).toEqual(Object.values(DEALER_FIELD_PROPERTIES).sort());
    expect(sent).toMatchObject({ fieldkit_kpi_score: '', fieldkit_kpi_grade: '', fieldkit_kpi_partial: 'true' });
    const company = t.sim.state.get('companies', '20003')!.properties;
    expect(company).not.toHaveProperty('fieldkit_kpi_score');
    expect(company).not.toHaveProperty('fieldkit_kpi_grade');
    const read = snapshotFromFields(cardFieldsOf(company));
    expect(read.ok && read.snapshot).toMatchObject({ score: null, grade: null, partial: true, knownTotal: 60 });
  });

  it('refuses, without a request, a snapshot whose dealer has no company and one naming a field no property stands for', async () => {
    await t.adapter().ensureSchema();
    t.sim.clearRequests();
    const unlinked = kpiInput(FULL_FIELDS, { dealerCrmId: undefined });
    const unknown = kpiInput({ ...FULL_FIELDS, kpiMood: 'good' });

    const results = await t.adapter().pushRecords([unlinked, unknown]);

    expect(t.calls()).toEqual([]);
    expect(results.map((r) => r.ok)).toEqual([false, false]);
    expect(results[0]).toMatchObject({ error: { kind: 'validation', message: expect.stringMatching(/not linked/) } });
    expect(results[1]).toMatchObject({ error: { kind: 'validation', message: expect.stringMatching(/kpiMood/) } });
  });

  it('writes a dealer\'s own fields and its snapshot in two calls when both go to the same company, each with its own answer', async () => {
    await t.adapter().ensureSchema();
    t.sim.clearRequests();
    const own = dealer({ crmId: '20003' });
    const kpi = kpiInput(FULL_FIELDS, { dealerCrmId: '20003' });
    const other = kpiInput(FULL_FIELDS, { dealerCrmId: '20004' });

    const results = await t.adapter().pushRecords([own, kpi, other]);

    // HubSpot refuses a batch naming one company twice ("Duplicate IDs"): the second write waits for a second call.
    const bodies = t.calls().map((c) => (c.body as { inputs: { id: string }[] }).inputs.map((i) => i.id));
    expect(t.calls().map((c) => [c.path, c.status])).toEqual([
      ['/crm/v3/objects/companies/batch/update', 200],
      ['/crm/v3/objects/companies/batch/update', 200],
    ]);
    expect(bodies).toEqual([['20003', '20004'], ['20003']]);
    expect(results.map((r) => r.ok && r.crmId)).toEqual(['20003', '20003', '20004']);
    expect(t.sim.state.get('companies', '20003')!.properties).toMatchObject({ fieldkit_grade: 'A', fieldkit_kpi_score: '87.5' });
  });

  it('maps a 207 back to the snapshot whose company is gone, the others written', async () => {
    await t.adapter().ensureSchema();
    const gone = kpiInput(FULL_FIELDS, { dealerCrmId: '999999' });
    const fine = kpiInput(FULL_FIELDS, { dealerCrmId: '20004' });

    const [a, b] = await t.adapter().pushRecords([gone, fine]);

    expect(a).toMatchObject({ localId: gone.localId, ok: false, error: { kind: 'not-found' } });
    expect(b).toMatchObject({ localId: fine.localId, ok: true, crmId: '20004' });
  });

  it('is refused per record, naming the property, by a portal whose KPI properties were never created', async () => {
    const [result] = await t.adapter().pushRecords([kpiInput(FULL_FIELDS)]);
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringMatching(/fieldkit_kpi_score/) } });
  });
});

describe('ensureSchema: the KPI properties', () => {
  const kpiSpecs = () => COMPANY_PROPERTIES.filter((p) => p.name.startsWith('fieldkit_kpi_'));

  it('are the seven the HubSpot app card reads, defined as the card defines them', async () => {
    // Imported at run time: hubspot-app is its own project, outside this one's type check.
    const cardModule = '../../hubspot-app/src/app/cards/fieldkit-properties.ts';
    const card = (await import(/* @vite-ignore */ cardModule)) as { KPI_PROPERTY_NAMES: Record<string, string>; KPI_PROPERTIES: readonly PropertySpec[] };
    expect(DEALER_FIELD_PROPERTIES).toEqual(card.KPI_PROPERTY_NAMES);
    expect(kpiSpecs()).toEqual(card.KPI_PROPERTIES);
    expect(COMPANY_PROPERTIES.map((p) => p.name)).not.toContain('fieldkit_kpi_snapshot');
    expect(COMPANY_PROPERTIES.map((p) => p.name)).not.toContain('fieldkit_rule_set_version');
  });

  it('are created on companies with their types, the partial flag a yes/no checkbox', async () => {
    const report = await t.adapter().ensureSchema();
    for (const spec of kpiSpecs()) expect(report.propertiesCreated).toContain(`companies.${spec.name}`);
    const create = t.calls().find((c) => c.path === '/crm/v3/properties/companies/batch/create')!;
    const sent = (create.body as { inputs: { name: string; type: string; fieldType: string; groupName: string; options?: unknown[] }[] }).inputs;
    expect(sent.find((p) => p.name === 'fieldkit_kpi_partial')).toMatchObject({
      type: 'bool',
      fieldType: 'booleancheckbox',
      groupName: 'fieldkit',
      options: [
        { label: '是 Yes', value: 'true', displayOrder: 0, hidden: false },
        { label: '否 No', value: 'false', displayOrder: 1, hidden: false },
      ],
    });
    for (const spec of kpiSpecs()) {
      const stored = t.sim.state.properties.companies.get(spec.name)!;
      expect([stored.type, stored.fieldType, stored.groupName], spec.name).toEqual([spec.type, spec.fieldType, 'fieldkit']);
    }
  });
});
