import { describe, expect, it } from 'vitest';
import { CrmError, MAX_BATCH, type PushInput, type PushResult } from '../../lib/crm/port';
import { AUTHOR, rejection, simulatorPerFile, visitCard, visitCardBody } from './helpers';

// Contract tests write and then search at once (lookups, pulls); how the engine copes with
// HubSpot's search lag is tested in test/sync/search-lag.test.ts.
const t = simulatorPerFile({ strict: { searchLagMs: 0 } });

async function ready() {
  const adapter = t.adapter();
  await adapter.ensureSchema();
  t.sim.clearRequests();
  return adapter;
}

const crmIdOf = (r: PushResult | undefined) => (r?.ok ? r.crmId : undefined);
const errorOf = (r: PushResult | undefined) => (r && !r.ok ? r.error : undefined);
const association = (companyId: string) => [{ to: { id: companyId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 190 }] }];

/** Every property a default visit card's note carries, create and update alike. */
function noteProperties(input: PushInput, options: { deleted?: boolean } = {}) {
  return {
    hs_timestamp: input.timestamp ?? input.record.updatedAt,
    hs_note_body: visitCardBody(options),
    fieldkit_record_id: input.localId.toLowerCase(),
    fieldkit_record_type: input.kind,
    fieldkit_payload: JSON.stringify(input.record),
    fieldkit_version: input.record.updatedAt,
    ...(input.ownerId ? { hubspot_owner_id: input.ownerId } : {}),
    ...(input.dealerCrmId ? { fieldkit_company_id: input.dealerCrmId } : {}),
  };
}

describe('pushRecords: creates', () => {
  it('batch-creates notes associated to the dealer (type 190) with the trace id = local id', async () => {
    const adapter = await ready();
    const a = visitCard();
    const b = visitCard({ kind: 'intelItem', dealerCrmId: '20002', ownerId: undefined, record: { competitor: '壳牌', price: 45 } });
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
                hs_timestamp: '2026-11-20T12:00:00.000Z',
                hs_note_body: visitCardBody(),
                fieldkit_record_id: a.localId.toLowerCase(),
                fieldkit_record_type: 'visitCard',
                fieldkit_payload: JSON.stringify(a.record),
                fieldkit_version: '2026-11-20T02:05:00.000Z',
                hubspot_owner_id: '101',
                fieldkit_company_id: '20001',
              },
              objectWriteTraceId: a.localId,
              associations: association('20001'),
            },
            {
              properties: {
                hs_timestamp: '2026-11-20T12:00:00.000Z',
                hs_note_body: visitCardBody(),
                fieldkit_record_id: b.localId.toLowerCase(),
                fieldkit_record_type: 'intelItem',
                fieldkit_payload: JSON.stringify(b.record),
                fieldkit_version: '2026-11-20T02:05:00.000Z',
                fieldkit_company_id: '20002',
              },
              objectWriteTraceId: b.localId,
              associations: association('20002'),
            },
          ],
        },
      },
    ]);
    expect(results).toEqual([
      { localId: a.localId, ok: true, crmId: expect.any(String), objectType: 'notes', operation: 'created', modifiedAt: expect.any(String) },
      { localId: b.localId, ok: true, crmId: expect.any(String), objectType: 'notes', operation: 'created', modifiedAt: expect.any(String) },
    ]);
    const noteId = crmIdOf(results[0]) ?? '';
    expect(t.sim.state.associationsFrom('companies', '20001', 'notes').map((x) => x.toId)).toEqual([noteId]);
    const stored = t.sim.state.get('notes', noteId)?.properties;
    expect(stored?.hs_note_body).toBe(visitCardBody());
    expect(JSON.parse(stored?.fieldkit_payload ?? '')).toEqual(a.record);
  });

  it('without a timestamp the note sits at the record\'s updatedAt; without a dealer it has no association', async () => {
    const adapter = await ready();
    const { timestamp: _timestamp, dealerCrmId: _dealer, ...rest } = visitCard();
    const loose: PushInput = rest;
    await adapter.pushRecords([loose]);
    expect(t.calls()[0]?.body).toEqual({
      inputs: [
        {
          properties: {
            hs_timestamp: '2026-11-20T02:05:00.000Z',
            hs_note_body: visitCardBody(),
            fieldkit_record_id: loose.localId.toLowerCase(),
            fieldkit_record_type: 'visitCard',
            fieldkit_payload: JSON.stringify(loose.record),
            fieldkit_version: '2026-11-20T02:05:00.000Z',
            hubspot_owner_id: '101',
          },
          objectWriteTraceId: loose.localId,
          associations: [],
        },
      ],
    });
  });

  it('a report about several dealers is one note associated with each of them (the dealer first, none twice)', async () => {
    const adapter = await ready();
    const { dealerCrmId: _dealer, ...rest } = visitCard({ kind: 'diaryEntry' });
    const report: PushInput = { ...rest, coveredDealerCrmIds: ['20001', '20002', '20001'] };
    const [result] = await adapter.pushRecords([report]);
    expect((t.calls()[0]?.body as { inputs: { associations: unknown }[] }).inputs[0]!.associations).toEqual([...association('20001'), ...association('20002')]);
    const noteId = crmIdOf(result)!;
    expect(t.sim.state.associationsFrom('notes', noteId, 'companies').map((x) => x.toId).sort()).toEqual(['20001', '20002']);
  });

  it('maps a 207 back per record: a missing dealer fails only its own record, as dealer-gone', async () => {
    const adapter = await ready();
    const good = visitCard();
    const bad = visitCard({ dealerCrmId: '99999' });
    const results = await adapter.pushRecords([good, bad]);
    expect(t.calls()[0]?.status).toBe(207);
    expect(results[0]).toMatchObject({ localId: good.localId, ok: true, objectType: 'notes', operation: 'created' });
    expect(results[1]).toMatchObject({ localId: bad.localId, ok: false });
    const err = errorOf(results[1]);
    expect(err).toBeInstanceOf(CrmError);
    // HubSpot's subCategory crm.associations.TO_OBJECT_NOT_FOUND: the dealer's company is gone.
    expect(err?.kind).toBe('dealer-gone');
    expect(err?.message).toContain('associations are invalid');
    expect(err?.retryable).toBe(false);
  });

  it('fails every record with HubSpot\'s message when the properties were never created', async () => {
    const adapter = t.adapter(); // no ensureSchema
    const results = await adapter.pushRecords([visitCard()]);
    expect(results[0]).toMatchObject({ ok: false });
    const err = errorOf(results[0]);
    expect(err?.kind).toBe('validation');
    expect(err?.message).toContain('PROPERTY_DOESNT_EXIST');
  });

  it('refuses a record too big for a HubSpot property without sending it', async () => {
    const adapter = await ready();
    const big = visitCard({ record: { note: 'x'.repeat(70_000) } });
    const results = await adapter.pushRecords([big]);
    expect(results[0]).toMatchObject({ localId: big.localId, ok: false, error: { kind: 'validation' } });
    expect(t.calls()).toEqual([]);
  });

  it('refuses more than 100 inputs or a duplicate local id before any request', async () => {
    const adapter = await ready();
    const tooMany = Array.from({ length: MAX_BATCH + 1 }, () => visitCard());
    expect(await rejection(adapter.pushRecords(tooMany))).toMatchObject({ kind: 'validation' });
    const one = visitCard();
    expect(await rejection(adapter.pushRecords([one, one]))).toMatchObject({ kind: 'validation' });
    expect(t.calls()).toEqual([]);
  });
});

describe('pushRecords: the readable note body', () => {
  it('is the title in bold, the labelled lines, then the footer naming title, author and date — in one language, without the id', async () => {
    const adapter = await ready();
    const card = visitCard({
      readable: {
        title: { 'zh-CN': '客户卡', en: 'Visit card' },
        locale: 'zh-CN',
        date: '2026年11月20日',
        lines: [
          { label: { 'zh-CN': '拜访日', en: 'Visit day' }, value: '2026年11月20日' },
          { label: { 'zh-CN': '进货品种', en: 'SKUs ordered' }, value: '全合成 5W-30、柴机油 CI-4' },
        ],
        sections: [{ heading: { 'zh-CN': '备注', en: 'Note' }, items: ['门店刚装修完'] }],
      },
    });
    const [result] = await adapter.pushRecords([card]);
    const body = (t.calls()[0]?.body as { inputs: { properties: { hs_note_body: string } }[] }).inputs[0]?.properties.hs_note_body;
    expect(body).toBe(
      '<p><strong>客户卡</strong></p>' +
        '<p>拜访日：2026年11月20日<br>进货品种：全合成 5W-30、柴机油 CI-4</p>' +
        '<p><strong>备注</strong></p><ul><li>门店刚装修完</li></ul>' +
        '<p>Fieldkit · 客户卡 · 张伟 · 2026年11月20日</p>',
    );
    expect(body).not.toContain(card.localId.toLowerCase());
    expect(t.sim.state.get('notes', crmIdOf(result) ?? '')?.properties.hs_note_body).toBe(body);
  });

  it('is written in English for an English record: English title, labels, headings and deleted mark', async () => {
    const adapter = await ready();
    const readable = {
      title: { 'zh-CN': '客户卡', en: 'Visit card' },
      locale: 'en' as const,
      date: '20 Nov 2026',
      lines: [{ label: { 'zh-CN': '拜访日', en: 'Visit day' }, value: '20 Nov 2026' }],
      sections: [{ heading: { 'zh-CN': '合理化方案', en: 'Improvement proposal' }, text: 'Line one\nline two' }],
    };
    const card = visitCard({ readable });
    const [created] = await adapter.pushRecords([card]);
    const body = (i: number) => (t.calls()[i]?.body as { inputs: { properties: { hs_note_body: string } }[] }).inputs[0]?.properties.hs_note_body;
    const rest = '<p>Visit day: 20 Nov 2026</p><p><strong>Improvement proposal</strong></p><p>Line one<br>line two</p><p>Fieldkit · Visit card · 张伟 · 20 Nov 2026</p>';
    expect(body(0)).toBe(`<p><strong>Visit card</strong></p>${rest}`);
    t.sim.clearRequests();
    await adapter.pushRecords([visitCard({ localId: card.localId, crmId: crmIdOf(created), deleted: true, readable, record: { deletedAt: '2026-11-22T00:00:00.000Z' } })]);
    expect(body(0)).toBe(`<p><strong>Visit card</strong> (deleted)</p>${rest}`);
  });

  it('escapes hostile text in values, labels, headings, items, the title and the author name; the payload keeps it verbatim', async () => {
    const adapter = await ready();
    const hostile = '<img src=x onerror=alert(1)>';
    const card = visitCard({
      record: { author: { id: '101', name: '<b>张伟</b>' }, note: hostile },
      readable: {
        title: { 'zh-CN': '客户卡 <script>', en: 'Visit card & "more"' },
        locale: 'zh-CN',
        lines: [
          { label: { 'zh-CN': '备注', en: 'Note' }, value: hostile },
          { label: { 'zh-CN': "<i>'标签'</i>", en: '<i>label</i>' }, value: 'a & b' },
        ],
        sections: [{ heading: { 'zh-CN': '<h1>标题</h1>', en: 'x' }, items: [hostile] }],
      },
    });
    const [result] = await adapter.pushRecords([card]);
    const properties = (t.calls()[0]?.body as { inputs: { properties: Record<string, string> }[] }).inputs[0]?.properties;
    const title = '客户卡 &lt;script&gt;';
    expect(properties?.hs_note_body).toBe(
      `<p><strong>${title}</strong></p>` +
        '<p>备注：&lt;img src=x onerror=alert(1)&gt;<br>' +
        '&lt;i&gt;&#39;标签&#39;&lt;/i&gt;：a &amp; b</p>' +
        '<p><strong>&lt;h1&gt;标题&lt;/h1&gt;</strong></p><ul><li>&lt;img src=x onerror=alert(1)&gt;</li></ul>' +
        `<p>Fieldkit · ${title} · &lt;b&gt;张伟&lt;/b&gt;</p>`,
    );
    expect(properties?.hs_note_body).not.toContain('<img');
    expect(properties?.hs_note_body).not.toContain('<script');
    expect(JSON.parse(properties?.fieldkit_payload ?? '')).toMatchObject({ note: hostile, author: { name: '<b>张伟</b>' } });
    expect(t.sim.state.get('notes', crmIdOf(result) ?? '')?.properties.hs_note_body).toBe(properties?.hs_note_body);
  });

  it('with no lines is the title and the footer; without a locale it is zh-CN', async () => {
    const adapter = await ready();
    const card = visitCard({ readable: { title: { 'zh-CN': '客户卡', en: 'Visit card' }, lines: [] } });
    await adapter.pushRecords([card]);
    const body = (t.calls()[0]?.body as { inputs: { properties: { hs_note_body: string } }[] }).inputs[0]?.properties.hs_note_body;
    expect(body).toBe(`<p><strong>客户卡</strong></p><p>Fieldkit · 客户卡 · ${AUTHOR.name}</p>`);
  });
});

describe('pushRecords: updates', () => {
  it('batch-updates by CRM id, creates and updates mixed, results in input order', async () => {
    const adapter = await ready();
    const first = visitCard();
    const [created] = await adapter.pushRecords([first]);
    t.sim.clearRequests();
    const edited = visitCard({ localId: first.localId, crmId: crmIdOf(created), record: { currentInventory: 80, updatedAt: '2026-11-21T00:00:00.000Z' } });
    const fresh = visitCard();
    const results = await adapter.pushRecords([edited, fresh]);
    expect(t.calls().map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'POST /crm/v3/objects/notes/batch/create 201',
      'POST /crm/v3/objects/notes/batch/update 200',
    ]);
    expect(t.calls()[0]?.body).toEqual({ inputs: [{ properties: noteProperties(fresh), objectWriteTraceId: fresh.localId, associations: association('20001') }] });
    expect(t.calls()[1]?.body).toEqual({ inputs: [{ id: crmIdOf(created), objectWriteTraceId: first.localId, properties: noteProperties(edited) }] });
    expect(noteProperties(edited)).toMatchObject({ fieldkit_version: '2026-11-21T00:00:00.000Z' });
    expect(results).toEqual([
      { localId: first.localId, ok: true, crmId: crmIdOf(created), objectType: 'notes', operation: 'updated', modifiedAt: expect.any(String) },
      { localId: fresh.localId, ok: true, crmId: expect.any(String), objectType: 'notes', operation: 'created', modifiedAt: expect.any(String) },
    ]);
    expect(JSON.parse(t.sim.state.get('notes', crmIdOf(created) ?? '')?.properties.fieldkit_payload ?? '')).toMatchObject({ currentInventory: 80 });
  });

  it('reports an update of a deleted note as deleted-in-crm for that record only', async () => {
    const adapter = await ready();
    const gone = visitCard({ crmId: '424242' });
    const results = await adapter.pushRecords([gone]);
    expect(t.calls()[0]?.status).toBe(207);
    expect(results[0]).toMatchObject({ localId: gone.localId, ok: false, error: { kind: 'deleted-in-crm' } });
  });
});

describe('pushRecords: deletes', () => {
  it('writes the tombstone with a batch update, archives the note in one batch call, and reads it back to confirm', async () => {
    const adapter = await ready();
    const card = visitCard();
    const [created] = await adapter.pushRecords([card]);
    const crmId = crmIdOf(created) ?? '';
    t.sim.clearRequests();
    const deleted = visitCard({
      localId: card.localId,
      crmId,
      deleted: true,
      record: { updatedAt: '2026-11-22T00:00:00.000Z', deletedAt: '2026-11-22T00:00:00.000Z' },
    });
    const results = await adapter.pushRecords([deleted]);
    expect(t.calls()).toEqual([
      {
        method: 'POST',
        path: '/crm/v3/objects/notes/batch/update',
        query: {},
        status: 200,
        body: { inputs: [{ id: crmId, objectWriteTraceId: card.localId, properties: noteProperties(deleted, { deleted: true }) }] },
      },
      { method: 'POST', path: '/crm/v3/objects/notes/batch/archive', query: {}, status: 204, body: { inputs: [{ id: crmId }] } },
      // The read-back: not found any more (207, an error per input) means the delete is done.
      { method: 'POST', path: '/crm/v3/objects/notes/batch/read', query: { archived: 'false' }, status: 207, body: { inputs: [{ id: crmId }], properties: ['hs_timestamp'], propertiesWithHistory: [] } },
    ]);
    expect(results).toEqual([{ localId: card.localId, ok: true, crmId, objectType: 'notes', operation: 'archived' }]);
    // Gone from HubSpot users' view; the archived copy holds the tombstone.
    expect(t.sim.state.get('notes', crmId)).toBeUndefined();
    const archived = t.sim.state.objects.notes.get(crmId);
    expect(archived?.archived).toBe(true);
    expect(JSON.parse(archived?.properties.fieldkit_payload ?? '')).toMatchObject({ deletedAt: '2026-11-22T00:00:00.000Z' });
    expect(archived?.properties.hs_note_body).toContain('<p><strong>客户卡</strong>（已删除）</p>');
  });

  it('sends creates, updates and tombstones together; archives only the deleted ones; results in input order', async () => {
    const adapter = await ready();
    const kept = visitCard();
    const dropped = visitCard();
    const [rk, rd] = await adapter.pushRecords([kept, dropped]);
    t.sim.clearRequests();
    const edit = visitCard({ localId: kept.localId, crmId: crmIdOf(rk), record: { currentInventory: 60, updatedAt: '2026-11-22T00:00:00.000Z' } });
    const del = visitCard({ localId: dropped.localId, crmId: crmIdOf(rd), deleted: true, record: { deletedAt: '2026-11-22T00:00:00.000Z' } });
    const fresh = visitCard();
    const results = await adapter.pushRecords([del, fresh, edit]);
    expect(t.calls().map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'POST /crm/v3/objects/notes/batch/create 201',
      'POST /crm/v3/objects/notes/batch/update 200',
      'POST /crm/v3/objects/notes/batch/archive 204',
      'POST /crm/v3/objects/notes/batch/read 207',
    ]);
    expect(t.calls()[0]?.body).toEqual({ inputs: [{ properties: noteProperties(fresh), objectWriteTraceId: fresh.localId, associations: association('20001') }] });
    expect(t.calls()[1]?.body).toEqual({
      inputs: [
        { id: crmIdOf(rd), objectWriteTraceId: dropped.localId, properties: noteProperties(del, { deleted: true }) },
        { id: crmIdOf(rk), objectWriteTraceId: kept.localId, properties: noteProperties(edit) },
      ],
    });
    expect(t.calls()[2]?.body).toEqual({ inputs: [{ id: crmIdOf(rd) }] });
    expect(results).toEqual([
      { localId: dropped.localId, ok: true, crmId: crmIdOf(rd), objectType: 'notes', operation: 'archived' },
      { localId: fresh.localId, ok: true, crmId: expect.any(String), objectType: 'notes', operation: 'created', modifiedAt: expect.any(String) },
      { localId: kept.localId, ok: true, crmId: crmIdOf(rk), objectType: 'notes', operation: 'updated', modifiedAt: expect.any(String) },
    ]);
    expect(t.sim.state.list('notes').map((n) => n.id)).toEqual([crmIdOf(rk), crmIdOf(results[1])]);
  });

  it('never sends a deleted record that has no CRM id (it never reached the CRM)', async () => {
    const adapter = await ready();
    const neverSent = visitCard({ deleted: true, record: { deletedAt: '2026-11-22T00:00:00.000Z' } });
    const fresh = visitCard();
    const results = await adapter.pushRecords([neverSent, fresh]);
    expect(t.calls()).toEqual([
      {
        method: 'POST',
        path: '/crm/v3/objects/notes/batch/create',
        query: {},
        status: 201,
        body: { inputs: [{ properties: noteProperties(fresh), objectWriteTraceId: fresh.localId, associations: association('20001') }] },
      },
    ]);
    expect(results[1]).toMatchObject({ localId: fresh.localId, ok: true, operation: 'created' });
    expect(t.sim.state.list('notes')).toHaveLength(1);

    t.sim.clearRequests();
    await adapter.pushRecords([visitCard({ deleted: true })]);
    expect(t.calls()).toEqual([]);
  });

  // Adapter bug (reported): pushRecords answers `undefined` for a deleted input without a crmId,
  // breaking "one result per input" (port.ts). Remove `.fails` once the adapter answers it.
  it('answers a deleted record without a CRM id with a result of its own, sending nothing', async () => {
    const adapter = await ready();
    const neverSent = visitCard({ deleted: true });
    const results = await adapter.pushRecords([neverSent]);
    expect(results).toEqual([{ localId: neverSent.localId, ok: true, objectType: 'notes', operation: 'none' }]);
    expect(t.calls()).toEqual([]);
  });

  it('counts a delete of a note already gone in HubSpot (not-found) as done, without an archive call', async () => {
    const adapter = await ready();
    const gone = visitCard({ crmId: '424242', deleted: true, record: { deletedAt: '2026-11-22T00:00:00.000Z' } });
    const results = await adapter.pushRecords([gone]);
    expect(t.calls().map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual(['POST /crm/v3/objects/notes/batch/update 207']);
    expect(results[0]).toEqual({ localId: gone.localId, ok: true, crmId: '424242', objectType: 'notes', operation: 'archived' });
  });

  it('a note HubSpot still shows after the archive answered 204 is a delete still to do (retryable), not a done one', async () => {
    const card = visitCard();
    const [created] = await (await ready()).pushRecords([card]);
    const crmId = crmIdOf(created) ?? '';
    // An archive that answers 204 but has not (yet) taken effect: the call never reaches the portal.
    const swallowArchive: typeof fetch = async (input, init) =>
      String(input instanceof Request ? input.url : input).includes('/batch/archive') ? new Response(null, { status: 204 }) : fetch(input, init);
    const adapter = t.adapter({ fetch: swallowArchive });
    const deleted = visitCard({ localId: card.localId, crmId, deleted: true, record: { deletedAt: '2026-11-22T00:00:00.000Z' } });
    const [result] = await adapter.pushRecords([deleted]);
    expect(result).toMatchObject({ localId: card.localId, ok: false, error: { kind: 'server', retryable: true } });
    expect(t.sim.state.get('notes', crmId)).toBeDefined();
    // Sent again through HubSpot itself, it is archived and confirmed.
    const [retry] = await (await ready()).pushRecords([deleted]);
    expect(retry).toEqual({ localId: card.localId, ok: true, crmId, objectType: 'notes', operation: 'archived' });
    expect(t.sim.state.get('notes', crmId)).toBeUndefined();
  });

  it('a failed archive call fails the whole push (retryable); the tombstone is already written', async () => {
    const adapter = await ready();
    const card = visitCard();
    const [created] = await adapter.pushRecords([card]);
    const crmId = crmIdOf(created) ?? '';
    t.sim.clearRequests();
    t.sim.setFaults({ match: 'batch/archive', script: ['5xx'], errorStatus: 503 });
    const deleted = visitCard({ localId: card.localId, crmId, deleted: true, record: { deletedAt: '2026-11-22T00:00:00.000Z' } });
    const err = await rejection(adapter.pushRecords([deleted]));
    expect(err).toBeInstanceOf(CrmError);
    expect(err).toMatchObject({ kind: 'server', retryable: true, details: { status: 503 } });
    expect(t.calls().map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'POST /crm/v3/objects/notes/batch/update 200',
      'POST /crm/v3/objects/notes/batch/archive 503',
    ]);
    expect(t.sim.state.get('notes', crmId)?.properties.hs_note_body).toContain('<p><strong>客户卡</strong>（已删除）</p>');
    // The retry archives it.
    t.sim.setFaults({});
    const [retry] = await adapter.pushRecords([deleted]);
    expect(retry).toEqual({ localId: card.localId, ok: true, crmId, objectType: 'notes', operation: 'archived' });
    expect(t.sim.state.get('notes', crmId)).toBeUndefined();
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
    expect(found).toEqual(new Map([[a.localId, { crmId: crmIdOf(ra), ownerId: a.ownerId }]]));
    expect(t.calls()).toEqual([
      {
        method: 'POST',
        path: '/crm/v3/objects/notes/search',
        query: {},
        status: 200,
        body: {
          filterGroups: [{ filters: [{ propertyName: 'fieldkit_record_id', operator: 'IN', values: [a.localId.toLowerCase(), b.localId.toLowerCase()] }] }],
          sorts: [{ propertyName: 'hs_createdate', direction: 'ASCENDING' }],
          properties: ['fieldkit_record_id', 'hubspot_owner_id'],
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
    const crmId = found.get(card.localId)?.crmId;
    expect(crmId).toBe(t.sim.state.list('notes')[0]?.id);
    // The retry becomes an update of the found note, never a second create.
    const [retry] = await adapter.pushRecords([{ ...card, crmId }]);
    expect(retry).toMatchObject({ ok: true, objectType: 'notes', operation: 'updated', crmId });
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
  it('reads Fieldkit notes back as the stored records with their kind, oldest change first', async () => {
    const adapter = await ready();
    const a = visitCard();
    const b = visitCard({ kind: 'report', ownerId: '102', dealerCrmId: undefined, record: { author: { id: '102', name: '李娜' }, period: 'weekly', week: '2026-W47' } });
    const [ra] = await adapter.pushRecords([a]);
    const [rb] = await adapter.pushRecords([b]);
    // A note someone typed in HubSpot is not a Fieldkit record and must not come back.
    t.sim.state.objects.notes.set('1', { id: '1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', archived: false, properties: { hs_note_body: 'hand-written', hs_timestamp: '2026-01-01T00:00:00.000Z', hs_lastmodifieddate: '2026-01-01T00:00:00.000Z' } });
    t.sim.clearRequests();
    const page = await adapter.pullRecords(undefined, undefined);
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
    expect(page.skipped).toBeUndefined();
    const modifiedAt = (r: PushResult | undefined) => t.sim.state.get('notes', crmIdOf(r) ?? '')?.updatedAt;
    expect(page.items).toEqual([
      { kind: 'visitCard', crmId: crmIdOf(ra), objectType: 'notes', modifiedAt: modifiedAt(ra), record: a.record },
      { kind: 'report', crmId: crmIdOf(rb), objectType: 'notes', modifiedAt: modifiedAt(rb), record: b.record },
    ]);
    expect(page.items[0]?.modifiedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('pulls only changes since a time (GTE in epoch ms) and reports hand-broken payloads as skipped', async () => {
    const adapter = await ready();
    const [r1] = await adapter.pushRecords([visitCard()]);
    const since = new Date(Date.parse(t.sim.state.get('notes', crmIdOf(r1) ?? '')?.updatedAt ?? '') + 1).toISOString();
    // Two writes may share a millisecond (strict.sharedMilliseconds): the later one is a moment later.
    t.advanceClock(1);
    const later = visitCard();
    await adapter.pushRecords([later]);
    t.sim.clearRequests();
    const page = await adapter.pullRecords(since, undefined);
    const filters = (t.calls()[0]?.body as { filterGroups: { filters: unknown[] }[] }).filterGroups[0]?.filters;
    expect(filters).toEqual([
      { propertyName: 'fieldkit_record_id', operator: 'HAS_PROPERTY' },
      { propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(Date.parse(since)) },
    ]);
    expect(page.items.map((i) => i.record.id)).toEqual([later.localId]);

    // Someone edits the JSON by hand in HubSpot: the record is reported, not silently dropped.
    const crmId = page.items[0]?.crmId ?? '';
    await adapter.pushRecords([{ ...later, crmId }]);
    const note = t.sim.state.get('notes', crmId);
    if (note) note.properties.fieldkit_payload = '{oops';
    const again = await adapter.pullRecords(since, undefined);
    expect(again.items).toEqual([]);
    expect(again.skipped).toEqual([{ crmId, reason: 'fieldkit_payload is not valid JSON (edited by hand?)' }]);
  });

  it('skips notes whose payload is JSON but not a record, or that name no kind', async () => {
    const adapter = await ready();
    const results = await adapter.pushRecords([visitCard(), visitCard(), visitCard(), visitCard()]);
    const [arrayId, nullId, noKindId] = results.map((r) => crmIdOf(r) ?? '');
    const props = (id: string | undefined) => t.sim.state.get('notes', id ?? '')?.properties ?? {};
    props(arrayId).fieldkit_payload = '[1,2]';
    props(nullId).fieldkit_payload = 'null';
    delete props(noKindId).fieldkit_record_type;
    const page = await adapter.pullRecords(undefined, undefined);
    expect(page.items.map((i) => i.crmId)).toEqual([crmIdOf(results[3])]);
    expect(page.skipped).toEqual([
      { crmId: arrayId, reason: 'fieldkit_payload is not a record' },
      { crmId: nullId, reason: 'fieldkit_payload is not a record' },
      { crmId: noKindId, reason: 'no fieldkit_record_type' },
    ]);
  });

  it('brings back a kind the schema never listed (the record type is plain text)', async () => {
    const adapter = await ready();
    const visitPlan = visitCard({ kind: 'visitPlan', record: { plannedDay: '2026-11-25' } });
    const [r] = await adapter.pushRecords([visitPlan]);
    expect(r).toMatchObject({ ok: true, operation: 'created' });
    const page = await adapter.pullRecords(undefined, undefined);
    expect(page.items).toEqual([expect.objectContaining({ kind: 'visitPlan', record: visitPlan.record })]);
  });

  it('follows the paging cursor', async () => {
    const adapter = await ready();
    for (let i = 0; i < 3; i++) await adapter.pushRecords(Array.from({ length: 50 }, () => visitCard()));
    t.sim.clearRequests();
    const p1 = await adapter.pullRecords(undefined, undefined);
    expect(p1.items).toHaveLength(100);
    expect(p1.after).toBe('100');
    const p2 = await adapter.pullRecords(undefined, p1.after);
    expect(p2.items).toHaveLength(50);
    expect(p2.after).toBeUndefined();
    expect((t.calls()[1]?.body as { after?: string }).after).toBe('100');
  });
});

describe('readArchivedRecords', () => {
  it('reads the given notes among the archived ones only (batch read, archived=true) and returns their records', async () => {
    const adapter = await ready();
    const kept = visitCard();
    const dropped = visitCard();
    const [rk, rd] = await adapter.pushRecords([kept, dropped]);
    const tombstone = visitCard({ localId: dropped.localId, crmId: crmIdOf(rd), deleted: true, record: { deletedAt: '2026-11-22T00:00:00.000Z', updatedAt: '2026-11-22T00:00:00.000Z' } });
    await adapter.pushRecords([tombstone]);
    t.sim.clearRequests();
    const archived = await adapter.readArchivedRecords!([crmIdOf(rk)!, crmIdOf(rd)!]);
    expect(t.calls()).toEqual([
      {
        method: 'POST',
        path: '/crm/v3/objects/notes/batch/read',
        query: { archived: 'true' },
        status: 207,
        body: { inputs: [{ id: crmIdOf(rk) }, { id: crmIdOf(rd) }], properties: expect.arrayContaining(['fieldkit_payload', 'fieldkit_record_id']), propertiesWithHistory: [] },
      },
    ]);
    expect(archived).toHaveLength(1);
    expect(archived[0]).toMatchObject({ crmId: crmIdOf(rd), record: { id: dropped.localId, deletedAt: '2026-11-22T00:00:00.000Z' } });
    await expect(adapter.readArchivedRecords!(Array.from({ length: MAX_BATCH + 1 }, (_, i) => String(i + 1)))).rejects.toMatchObject({ kind: 'validation' });
  });
});

describe('body mode (a portal refusing custom note properties)', () => {
  async function bodyReady() {
    t.sim.setConfig({ noteProperties: 'refused' });
    const adapter = t.adapter();
    expect((await adapter.ensureSchema()).recordStorage).toBe('body');
    t.sim.clearRequests();
    return adapter;
  }

  it('creates the note with HubSpot-defined properties only: the readable body, then the data paragraph', async () => {
    const adapter = await bodyReady();
    const card = visitCard();
    const [result] = await adapter.pushRecords([card]);
    expect(result).toMatchObject({ ok: true, operation: 'created' });
    const [create] = t.calls();
    expect(create).toMatchObject({ method: 'POST', path: '/crm/v3/objects/notes/batch/create', status: 201 });
    const input = (create!.body as { inputs: { properties: Record<string, string>; associations: unknown; objectWriteTraceId: string }[] }).inputs[0]!;
    expect(Object.keys(input.properties).sort()).toEqual(['hs_note_body', 'hs_timestamp', 'hubspot_owner_id']);
    expect(input.properties.hs_note_body!.startsWith(visitCardBody())).toBe(true);
    expect(input.properties.hs_note_body!.slice(visitCardBody().length)).toMatch(new RegExp(`^<p>[^<]* fieldkitdata fk${card.localId.toLowerCase()} 1\\.[A-Za-z0-9_-]+</p>$`));
    expect(input.associations).toEqual(association(card.dealerCrmId!));
    expect(input.objectWriteTraceId).toBe(card.localId);
  });

  it('looks records up with one CONTAINS_TOKEN filter group per id, 5 ids a search, and pulls by the marker word', async () => {
    const adapter = await bodyReady();
    const cards = Array.from({ length: 6 }, () => visitCard());
    const results = await adapter.pushRecords(cards);
    t.sim.clearRequests();
    const found = await adapter.findRecordsByLocalIds(cards.map((c) => c.localId));
    expect(found).toEqual(new Map(cards.map((c, i) => [c.localId, { crmId: crmIdOf(results[i]), ownerId: c.ownerId }])));
    const searches = t.calls();
    expect(searches.map((c) => c.path)).toEqual(['/crm/v3/objects/notes/search', '/crm/v3/objects/notes/search']);
    expect(searches[0]!.body).toEqual({
      filterGroups: cards.slice(0, 5).map((c) => ({ filters: [{ propertyName: 'hs_note_body', operator: 'CONTAINS_TOKEN', value: `fk${c.localId.toLowerCase()}` }] })),
      sorts: [{ propertyName: 'hs_createdate', direction: 'ASCENDING' }],
      properties: ['hs_note_body', 'hubspot_owner_id'],
      limit: 200,
    });

    t.sim.clearRequests();
    const page = await adapter.pullRecords(undefined, undefined);
    expect(t.calls()[0]!.body).toEqual({
      filterGroups: [{ filters: [{ propertyName: 'hs_note_body', operator: 'CONTAINS_TOKEN', value: 'fieldkitdata' }] }],
      sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
      properties: ['hs_timestamp', 'hubspot_owner_id', 'hs_note_body'],
      limit: 100,
    });
    expect(page.items.map((r) => r.record)).toEqual(cards.map((c) => c.record));
    expect(page.items.map((r) => r.kind)).toEqual(cards.map(() => 'visitCard'));
  });

  it('updates and archives by note id, and a hand-edited data paragraph comes back as a skipped note, not a record', async () => {
    const adapter = await bodyReady();
    const card = visitCard();
    const [created] = await adapter.pushRecords([card]);
    const crmId = crmIdOf(created)!;
    const edited = visitCard({ localId: card.localId, crmId, record: { id: card.localId, updatedAt: '2026-11-21T09:00:00.000Z' } });
    expect((await adapter.pushRecords([edited]))[0]).toMatchObject({ ok: true, operation: 'updated' });
    const note = t.sim.state.get('notes', crmId)!;
    note.properties.hs_note_body = note.properties.hs_note_body!.replace(/ 1\.[A-Za-z0-9_-]{8}/, ' 1.XXXXXXXX');
    const page = await adapter.pullRecords(undefined, undefined);
    expect(page.items).toEqual([]);
    expect(page.skipped).toEqual([{ crmId, reason: expect.stringMatching(/damaged/) }]);
    expect((await adapter.pushRecords([{ ...edited, deleted: true }]))[0]).toMatchObject({ ok: true, operation: 'archived' });
    expect(t.sim.state.get('notes', crmId)).toBeUndefined();
  });
});
