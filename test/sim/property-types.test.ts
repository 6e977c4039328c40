/**
 * The simulator's property types, as HubSpot's properties guide and object specs describe them:
 * which fieldType goes with which type, what values each type takes, and that an empty string
 * clears a value of any type ("Properties values can be cleared by passing an empty string").
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jsonCaller } from './json-call';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';

const TOKEN = 'types-token';
let sim: HubSpotSim;
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: TOKEN });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const call = jsonCaller(() => sim, TOKEN);

async function createGroup() {
  expect((await call('POST', '/crm/v3/properties/companies/groups', { name: 'fieldkit', label: 'Fieldkit' })).status).toBe(201);
}

const property = (name: string, type: string, fieldType: string, extra: Record<string, unknown> = {}) => ({ name, label: name, type, fieldType, groupName: 'fieldkit', ...extra });
const BOOL_OPTIONS = [
  { label: 'Yes', value: 'true' },
  { label: 'No', value: 'false' },
];

describe('creating properties', () => {
  it('accepts the fieldType HubSpot documents for each type', async () => {
    await createGroup();
    const inputs = [
      property('t_number', 'number', 'number'),
      property('t_bool', 'bool', 'booleancheckbox', { options: BOOL_OPTIONS }),
      property('t_datetime', 'datetime', 'date'),
      property('t_date', 'date', 'date'),
      property('t_text', 'string', 'textarea'),
      property('t_enum', 'enumeration', 'select', { options: [{ label: 'A', value: 'A' }] }),
    ];
    const res = await call('POST', '/crm/v3/properties/companies/batch/create', { inputs });
    expect(res.status).toBe(201);
    expect((res.body.results as { name: string; type: string; fieldType: string }[]).map((p) => [p.name, p.type, p.fieldType])).toEqual(inputs.map((p) => [p.name, p.type, p.fieldType]));
  });

  it('refuses a fieldType that does not go with the type', async () => {
    await createGroup();
    for (const [type, fieldType] of [
      ['number', 'text'],
      ['bool', 'select'],
      ['string', 'booleancheckbox'],
      ['datetime', 'number'],
    ] as const) {
      const res = await call('POST', '/crm/v3/properties/companies', property(`bad_${type}`, type, fieldType));
      expect(res.status, `${type}/${fieldType}`).toBe(400);
      expect(String(res.body.message)).toMatch(/not valid for a property of type/);
    }
  });
});

describe('writing values', () => {
  beforeEach(async () => {
    await createGroup();
    await call('POST', '/crm/v3/properties/companies/batch/create', {
      inputs: [
        property('t_number', 'number', 'number'),
        property('t_bool', 'bool', 'booleancheckbox', { options: BOOL_OPTIONS }),
        property('t_datetime', 'datetime', 'date'),
        property('t_date', 'date', 'date'),
        property('t_text', 'string', 'textarea'),
      ],
    });
  });

  const update = (properties: Record<string, unknown>) => call('POST', '/crm/v3/objects/companies/batch/update', { inputs: [{ id: '20001', properties, objectWriteTraceId: 'k' }] });

  it('stores a number, a boolean, an instant and a day, and reads them back as strings', async () => {
    const res = await update({ t_number: '87.5', t_bool: 'false', t_datetime: '2026-11-30T10:00:00Z', t_date: '2026-11-30', t_text: '{"a":1}' });
    expect(res.status).toBe(200);
    expect(sim.state.get('companies', '20001')?.properties).toMatchObject({
      t_number: '87.5',
      t_bool: 'false',
      t_datetime: '2026-11-30T10:00:00.000Z',
      t_date: '2026-11-30T00:00:00.000Z',
      t_text: '{"a":1}',
    });
  });

  it('clears a value of any type given an empty string, and reads it as null', async () => {
    await update({ t_number: '87.5', t_bool: 'true', t_datetime: '2026-11-30T10:00:00Z', t_text: 'x' });
    const res = await update({ t_number: '', t_bool: '', t_datetime: '', t_text: '' });
    expect(res.status).toBe(200);
    const stored = sim.state.get('companies', '20001')!.properties;
    for (const name of ['t_number', 't_bool', 't_datetime', 't_text']) expect(stored, name).not.toHaveProperty(name);
    const read = await call('GET', '/crm/v3/objects/companies/20001?properties=t_number,t_bool');
    expect(read.body.properties).toMatchObject({ t_number: null, t_bool: null });
  });

  it('refuses a number that is not one, a boolean that is not true/false and a day that is not midnight UTC, writing nothing', async () => {
    const before = structuredClone(sim.state.get('companies', '20001')!.properties);
    for (const [name, value] of [
      ['t_number', 'eighty'],
      ['t_bool', 'yes'],
      ['t_date', '2026-11-30T10:00:00Z'],
    ] as const) {
      const res = await update({ [name]: value });
      // HubSpot refuses a batch update with an invalid value as a whole (strict.batchUpdateAllOrNothing).
      expect(res.status, name).toBe(400);
      expect(res.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
      expect(String(res.body.message), name).toContain(name);
    }
    expect(sim.state.get('companies', '20001')!.properties).toEqual(before);
  });
});
