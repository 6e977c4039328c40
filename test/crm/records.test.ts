import { describe, expect, it } from 'vitest';
import { CrmError, type PushResult } from '../../lib/crm/errors';
import { rejection, simulatorPerFile, visitCard } from './helpers';

const t = simulatorPerFile();

async function ready() {
  const adapter = t.adapter();
  await adapter.ensureSchema();
  t.sim.clearRequests();
  return adapter;
}

const crmIdOf = (r: PushResult | undefined) => (r?.ok ? r.crmId : undefined);

describe('pushRecords: creates', () => {
  it('batch-creates notes associated to the dealer (type 190) with the trace id = local id', async () => {
    const adapter = await ready();
    const a = visitCard();
    const b = visitCard({ recordType: 'intelItem', dealerCrmId: '20002', ownerId: undefined, payload: { competitor: '壳牌', price: 45 } });
    const results = await adapter.pushRecords([a, b]);
    expect(t.calls()).toEqual([
      {
        method: 'POST',
        path: '/crm/v3/objects/notes/batch/create',
        query: {},
        status: 201,
        body: {
          inputs: [
            {
              properties: {
                hs_timestamp: a.timestamp,
                hs_note_body: `${a.readableHtml}<p><small>Fieldkit · 拜访卡 Visit card · ${a.localId.toLowerCase()}</small></p>`,
                fieldkit_record_id: a.localId.toLowerCase(),
                fieldkit_record_type: 'visitCard',
                fieldkit_payload: JSON.stringify(a.payload),
                fieldkit_version: a.updatedAt,
                hubspot_owner_id: '101',
                fieldkit_company_id: '20001',
              },
              objectWriteTraceId: a.localId,
              associations: [{ to: { id: '20001' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 190 }] }],
            },
            {
              properties: expect.objectContaining({ fieldkit_record_type: 'intelItem', fieldkit_company_id: '20002' }),
              objectWriteTraceId: b.localId,
              associations: [{ to: { id: '20002' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 190 }] }],
            },
          ],
        },
      },
    ]);
    expect(results).toEqual([
      { localId: a.localId, ok: true, crmId: expect.any(String), operation: 'created' },
      { localId: b.localId, ok: true, crmId: expect.any(String), operation: 'created' },
    ]);
    const noteId = crmIdOf(results[0]) ?? '';
    expect(t.sim.state.associationsFrom('companies', '20001', 'notes').map((x) => x.toId)).toEqual([noteId]);
    expect(t.sim.state.get('notes', noteId)?.properties.hs_note_body).toContain('华东润滑油经销有限公司');
  });

  it('maps a 207 back per record: a missing dealer fails only its own record', async () => {
    const adapter = await ready();
    const good = visitCard();
    const bad = visitCard({ dealerCrmId: '99999' });
    const results = await adapter.pushRecords([good, bad]);
    expect(t.calls()[0]?.status).toBe(207);
    expect(results[0]).toMatchObject({ localId: good.localId, ok: true, operation: 'created' });
    expect(results[1]).toMatchObject({ localId: bad.localId, ok: false });
    const err = (results[1] as { error: CrmError }).error;
    expect(err).toBeInstanceOf(CrmError);
    expect(err.kind).toBe('validation');
    expect(err.message).toContain('associations are invalid');
    expect(err.retryable).toBe(false);
  });

  it('fails every record with HubSpot\'s message when the properties were never created', async () => {
    const adapter = t.adapter(); // no ensureSchema
    const results = await adapter.pushRecords([visitCard()]);
    expect(results[0]).toMatchObject({ ok: false });
    const err = (results[0] as { error: CrmError }).error;
    expect(err.kind).toBe('validation');
    expect(err.message).toContain('PROPERTY_DOESNT_EXIST');
  });

  it('refuses a record too big for a HubSpot property without sending it', async () => {
    const adapter = await ready();
    const big = visitCard({ payload: { text: 'x'.repeat(70_000) } });
    const results = await adapter.pushRecords([big]);
    expect(results[0]).toMatchObject({ localId: big.localId, ok: false, error: { kind: 'validation' } });
    expect(t.calls()).toEqual([]);
  });

  it('refuses more than 100 inputs or a duplicate local id before any request', async () => {
    const adapter = await ready();
    const tooMany = Array.from({ length: 101 }, () => visitCard());
    expect(await rejection(adapter.pushRecords(tooMany))).toMatchObject({ kind: 'validation' });
    const one = visitCard();
    expect(await rejection(adapter.pushRecords([one, one]))).toMatchObject({ kind: 'validation' });
    expect(t.calls()).toEqual([]);
  });
});

describe('pushRecords: updates', () => {
  it('batch-updates by CRM id, creates and updates mixed, results in input order', async () => {
    const adapter = await ready();
    const first = visitCard();
    const [created] = await adapter.pushRecords([first]);
    t.sim.clearRequests();
    const edited = { ...first, crmId: crmIdOf(created), payload: { inventory: 80 }, updatedAt: '2026-11-21T00:00:00.000Z' };
    const fresh = visitCard();
    const results = await adapter.pushRecords([edited, fresh]);
    expect(t.calls().map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'POST /crm/v3/objects/notes/batch/create 201',
      'POST /crm/v3/objects/notes/batch/update 200',
    ]);
    expect(t.calls()[1]?.body).toEqual({
      inputs: [
        {
          id: crmIdOf(created),
          objectWriteTraceId: first.localId,
          properties: expect.objectContaining({ fieldkit_payload: '{"inventory":80}', fieldkit_version: '2026-11-21T00:00:00.000Z' }),
        },
      ],
    });
    expect(results.map((r) => [r.localId, r.ok && r.operation])).toEqual([
      [first.localId, 'updated'],
      [fresh.localId, 'created'],
    ]);
    expect(t.sim.state.get('notes', crmIdOf(created) ?? '')?.properties.fieldkit_payload).toBe('{"inventory":80}');
  });

  it('reports an update of a deleted note as not-found for that record only', async () => {
    const adapter = await ready();
    const gone = visitCard({ crmId: '424242' });
    const results = await adapter.pushRecords([gone]);
    expect(t.calls()[0]?.status).toBe(207);
    expect(results[0]).toMatchObject({ localId: gone.localId, ok: false, error: { kind: 'not-found' } });
  });
});

describe('idempotency', () => {
  it('finds records by local id with one IN search (lowercase ids) and maps them back', async () => {
    const adapter = await ready();
    const a = visitCard();
    const b = visitCard();
    const [ra] = await adapter.pushRecords([a]);
    t.sim.clearRequests();
    const found = await adapter.findRecordsByLocalIds([a.localId, b.localId]);
    expect(found).toEqual(new Map([[a.localId, crmIdOf(ra)]]));
    expect(t.calls()).toEqual([
      {
        method: 'POST',
        path: '/crm/v3/objects/notes/search',
        query: {},
        status: 200,
        body: {
          filterGroups: [{ filters: [{ propertyName: 'fieldkit_record_id', operator: 'IN', values: [a.localId.toLowerCase(), b.localId.toLowerCase()] }] }],
          sorts: [{ propertyName: 'hs_createdate', direction: 'ASCENDING' }],
          properties: ['fieldkit_record_id'],
          limit: 200,
        },
      },
    ]);
  });

  it('"processed, response lost": the push throws network, the lookup finds the note, no duplicate is made', async () => {
    const adapter = await ready();
    const card = visitCard();
    t.sim.setFaults({ script: ['lost'] });
    const err = await rejection(adapter.pushRecords([card]));
    expect(err).toBeInstanceOf(CrmError);
    expect(err).toMatchObject({ kind: 'network', retryable: true });
    expect(t.sim.state.list('notes')).toHaveLength(1); // HubSpot did write it
    const found = await adapter.findRecordsByLocalIds([card.localId]);
    const crmId = found.get(card.localId);
    expect(crmId).toBe(t.sim.state.list('notes')[0]?.id);
    // The retry becomes an update of the found note, never a second create.
    const [retry] = await adapter.pushRecords([{ ...card, crmId }]);
    expect(retry).toMatchObject({ ok: true, operation: 'updated', crmId });
    expect(t.sim.state.list('notes')).toHaveLength(1);
  });

  it('splits lookups into chunks of 100 values', async () => {
    const adapter = await ready();
    const ids = Array.from({ length: 150 }, () => visitCard().localId);
    await adapter.findRecordsByLocalIds(ids);
    const bodies = t.calls().map((c) => (c.body as { filterGroups: { filters: { values: string[] }[] }[] }).filterGroups[0]?.filters[0]?.values.length);
    expect(bodies).toEqual([100, 50]);
  });
});

describe('pullRecords', () => {
  it('reads Fieldkit notes back as structured records, oldest change first, paged', async () => {
    const adapter = await ready();
    const a = visitCard();
    const b = visitCard({ recordType: 'report', ownerId: '102', dealerCrmId: undefined, payload: { kind: 'weekly', week: '2026-W47' } });
    await adapter.pushRecords([a]);
    await adapter.pushRecords([b]);
    // A note someone typed in HubSpot is not a Fieldkit record and must not come back.
    t.sim.state.objects.notes.set('1', { id: '1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', archived: false, properties: { hs_note_body: 'hand-written', hs_timestamp: '2026-01-01T00:00:00.000Z', hs_lastmodifieddate: '2026-01-01T00:00:00.000Z' } });
    t.sim.clearRequests();
    const page = await adapter.pullRecords(undefined);
    expect(t.calls()).toEqual([
      {
        method: 'POST',
        path: '/crm/v3/objects/notes/search',
        query: {},
        status: 200,
        body: {
          filterGroups: [{ filters: [{ propertyName: 'fieldkit_record_id', operator: 'HAS_PROPERTY' }] }],
          sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
          properties: ['hs_timestamp', 'hubspot_owner_id', 'fieldkit_record_id', 'fieldkit_record_type', 'fieldkit_payload', 'fieldkit_version', 'fieldkit_company_id'],
          limit: 100,
        },
      },
    ]);
    expect(page.total).toBe(2);
    expect(page.after).toBeUndefined();
    expect(page.items).toEqual([
      {
        crmId: expect.any(String),
        localId: a.localId,
        recordType: 'visitCard',
        payload: a.payload,
        version: a.updatedAt,
        authorOwnerId: '101',
        dealerCrmId: '20001',
        timestamp: a.timestamp,
        updatedAt: expect.stringMatching(/Z$/),
      },
      expect.objectContaining({ localId: b.localId, recordType: 'report', authorOwnerId: '102', payload: b.payload }),
    ]);
    expect(page.items[0]?.dealerCrmId).toBe('20001');
    expect(page.items[1]).not.toHaveProperty('dealerCrmId');
  });

  it('pulls only changes since a time (GTE in epoch ms) and reports hand-broken payloads as skipped', async () => {
    const adapter = await ready();
    const [r1] = await adapter.pushRecords([visitCard()]);
    // The simulator's clock is strictly increasing: anything written later is modified later.
    const since = new Date(Date.parse(t.sim.state.get('notes', crmIdOf(r1) ?? '')?.updatedAt ?? '') + 1).toISOString();
    const later = visitCard();
    await adapter.pushRecords([later]);
    const broken = t.sim.state.get('notes', crmIdOf(r1) ?? '');
    expect(broken).toBeDefined();
    t.sim.clearRequests();
    const page = await adapter.pullRecords(since);
    const filters = (t.calls()[0]?.body as { filterGroups: { filters: unknown[] }[] }).filterGroups[0]?.filters;
    expect(filters).toEqual([
      { propertyName: 'fieldkit_record_id', operator: 'HAS_PROPERTY' },
      { propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(Date.parse(since)) },
    ]);
    expect(page.items.map((i) => i.localId)).toEqual([later.localId]);

    // Someone edits the JSON by hand in HubSpot: the record is reported, not silently dropped.
    await adapter.pushRecords([{ ...later, crmId: page.items[0]?.crmId }]);
    const note = t.sim.state.get('notes', page.items[0]?.crmId ?? '');
    if (note) note.properties.fieldkit_payload = '{oops';
    const again = await adapter.pullRecords(since);
    expect(again.items).toEqual([]);
    expect(again.skipped).toEqual([{ crmId: page.items[0]?.crmId, reason: 'fieldkit_payload is not valid JSON (edited by hand?)' }]);
  });

  it('follows the paging cursor', async () => {
    const adapter = await ready();
    for (let i = 0; i < 3; i++) await adapter.pushRecords(Array.from({ length: 50 }, () => visitCard()));
    t.sim.clearRequests();
    const p1 = await adapter.pullRecords(undefined);
    expect(p1.items).toHaveLength(100);
    expect(p1.after).toBe('100');
    const p2 = await adapter.pullRecords(undefined, p1.after);
    expect(p2.items).toHaveLength(50);
    expect(p2.after).toBeUndefined();
    expect((t.calls()[1]?.body as { after?: string }).after).toBe('100');
  });
});

describe('archiveRecords', () => {
  it('archives notes in one batch call', async () => {
    const adapter = await ready();
    const results = await adapter.pushRecords([visitCard(), visitCard()]);
    t.sim.clearRequests();
    const ids = results.map((r) => crmIdOf(r) ?? '');
    await adapter.archiveRecords(ids);
    expect(t.calls()).toEqual([
      { method: 'POST', path: '/crm/v3/objects/notes/batch/archive', query: {}, status: 204, body: { inputs: ids.map((id) => ({ id })) } },
    ]);
    expect(t.sim.state.list('notes')).toHaveLength(0);
  });
});
