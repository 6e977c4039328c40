/**
 * Two simulator behaviours body mode depends on: a portal that refuses custom properties on notes
 * (`noteProperties: 'refused'`), and CONTAINS_TOKEN matching whole words only (docs/hubspot.md).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { containsToken } from '../../sim/search';
import { jsonCaller } from './json-call';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';

const TOKEN = 'note-properties-token';
let sim: HubSpotSim;
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: TOKEN, noteProperties: 'refused', strict: { searchLagMs: 0 } });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const call = jsonCaller(() => sim, TOKEN);

const property = { name: 'fieldkit_record_id', label: 'Record id', type: 'string', fieldType: 'text', groupName: 'fieldkit' };

describe('a portal refusing custom note properties', () => {
  it('answers every property and group create on notes with a 400, and still takes them on companies', async () => {
    for (const [path, body] of [
      ['/crm/v3/properties/notes/groups', { name: 'fieldkit', label: 'Fieldkit' }],
      ['/crm/v3/properties/notes', property],
      ['/crm/v3/properties/notes/batch/create', { inputs: [property] }],
    ] as const) {
      const res = await call('POST', path, body);
      expect(res.status, path).toBe(400);
      expect(res.body).toMatchObject({ category: 'VALIDATION_ERROR', subCategory: 'PROPERTY_CREATE_NOT_SUPPORTED' });
    }
    expect([...sim.state.properties.notes.values()].filter((p) => !p.hubspotDefined)).toEqual([]);
    expect((await call('POST', '/crm/v3/properties/companies/groups', { name: 'fieldkit', label: 'Fieldkit' })).status).toBe(201);
  });

  it('still stores and finds notes by a word of their body', async () => {
    const created = await call('POST', '/crm/v3/objects/notes', { properties: { hs_timestamp: '2026-11-20T10:00:00Z', hs_note_body: '<p>竞品</p><p>Fieldkit&nbsp;fieldkitdata fk01jd 1.abc</p>' } });
    expect(created.status).toBe(201);
    const search = (value: string) => call('POST', '/crm/v3/objects/notes/search', { filterGroups: [{ filters: [{ propertyName: 'hs_note_body', operator: 'CONTAINS_TOKEN', value }] }] });
    expect((await search('FK01JD')).body.total).toBe(1);
    expect((await search('fk01')).body.total).toBe(0);
    expect((await search('fk01*')).body.total).toBe(1);
  });
});

describe('CONTAINS_TOKEN', () => {
  it('matches a whole word, case-insensitively, across tags and &nbsp;', () => {
    expect(containsToken('<p>Fieldkit sync data</p><p>fieldkitdata fk01abc</p>', 'FK01ABC')).toBe(true);
    expect(containsToken('a&nbsp;fk01abc&nbsp;b', 'fk01abc')).toBe(true);
    expect(containsToken('<p>x</p>fk01abc', 'fk01abc')).toBe(true);
  });

  it('does not match part of a word, nor split on punctuation, unless a * says so', () => {
    expect(containsToken('fk01abcdef', 'fk01abc')).toBe(false);
    expect(containsToken('fk-01abc', '01abc')).toBe(false);
    expect(containsToken('sales@hubspot.com', '*@hubspot.com')).toBe(true);
    expect(containsToken('sales@hubspot.com', '@hubspot.com')).toBe(false);
  });
});
