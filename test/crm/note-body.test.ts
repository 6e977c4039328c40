/**
 * Body mode's note format (lib/crm/hubspot/note-body.ts): the readable note first, unchanged, then
 * one paragraph carrying the lookup key and the record, which must survive what HubSpot may do to
 * rich text and come back equal.
 */
import { describe, expect, it } from 'vitest';
import type { PushInput, SyncedRecord } from '../../lib/crm/port';
import { BODY_MARKER, bodyModeProperties, dataParagraph, keyOfBody, keyToken, pulledRecordOfBody } from '../../lib/crm/hubspot/note-body';
import { noteBody } from '../../lib/crm/hubspot/notes';
import { MAX_STRING } from '../../lib/crm/hubspot/properties';
import type { SimpleObject } from '../../lib/crm/hubspot/responses';

const ID = '01JD00000000000000000000R1';

function input(record: Partial<SyncedRecord> = {}, locale: 'zh-CN' | 'en' = 'zh-CN'): PushInput {
  const full = {
    id: ID,
    author: { id: '101', name: '张伟' },
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:30:00.000Z',
    sourceText: '壳牌 喜力 HX7 5W-40 4L 到手价 ¥199，买二送一',
    ...record,
  } as unknown as SyncedRecord;
  return {
    localId: ID,
    kind: 'intelItem',
    home: 'activity',
    deleted: false,
    dealerCrmId: '5001',
    ownerId: '101',
    record: full,
    readable: { title: { 'zh-CN': '竞品信息', en: 'Competitor intel' }, lines: [{ label: { 'zh-CN': '产品', en: 'Product' }, value: '喜力 HX7' }], locale },
  } as PushInput;
}

function note(body: string, id = '9001'): SimpleObject {
  return { id, properties: { hs_note_body: body }, createdAt: new Date('2026-11-20T10:31:00Z'), updatedAt: new Date('2026-11-20T10:32:00Z') };
}

describe('a body-mode note', () => {
  it('keeps the readable note as it is and appends one labelled data paragraph, in the record language', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const pushed = input({}, locale);
      const props = await bodyModeProperties(pushed, ['77']);
      expect(props.hs_note_body.startsWith(noteBody(pushed))).toBe(true);
      const tail = props.hs_note_body.slice(noteBody(pushed).length);
      expect(tail).toMatch(new RegExp(`^<p>${locale === 'zh-CN' ? 'Fieldkit 同步数据，请勿编辑' : 'Fieldkit sync data, do not edit'} ${BODY_MARKER} fk${ID.toLowerCase()} 1\\.[A-Za-z0-9_-]+</p>$`));
      // HubSpot's own note properties only: nothing a portal refusing custom properties would reject.
      expect(Object.keys(props).sort()).toEqual(['hs_attachment_ids', 'hs_note_body', 'hs_timestamp', 'hubspot_owner_id']);
      expect(props.hs_attachment_ids).toBe('77');
    }
  });

  it('comes back as the same record, kind, company and note id', async () => {
    const pushed = input();
    const pulled = await pulledRecordOfBody(note((await bodyModeProperties(pushed)).hs_note_body));
    expect(pulled).toEqual({ kind: 'intelItem', crmId: '9001', objectType: 'notes', modifiedAt: '2026-11-20T10:32:00.000Z', record: pushed.record });
    expect(keyOfBody((await bodyModeProperties(pushed)).hs_note_body)).toBe(ID);
  });

  it('survives HubSpot writing its spaces as &nbsp; and wrapping it in other markup', async () => {
    const body = (await bodyModeProperties(input())).hs_note_body.replace(/ /g, '&nbsp;');
    const rewritten = `<div style="">${body}</div>`;
    expect(keyOfBody(rewritten)).toBe(ID);
    expect(await pulledRecordOfBody(note(rewritten))).toMatchObject({ record: { id: ID } });
  });

  it('packs long Chinese text smaller than property mode would, and refuses a record too big for a note with a message', async () => {
    const long = '经销商反映竞品本月在苏南地区大幅降价，'.repeat(600);
    const pushed = input({ sourceText: long } as Partial<SyncedRecord>);
    const data = await dataParagraph(pushed);
    expect(data.length).toBeLessThan(JSON.stringify(pushed.record).length / 4);
    expect(await pulledRecordOfBody(note(noteBody(pushed) + data))).toMatchObject({ record: { sourceText: long } });

    // Random bytes do not compress: a record of them cannot fit.
    const noise = Array.from({ length: MAX_STRING }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20000))).join('');
    await expect(bodyModeProperties(input({ sourceText: noise } as Partial<SyncedRecord>))).rejects.toThrow(/characters; HubSpot allows 65536/);
  });

  it('says why a note cannot be read: no data, damaged data, not a record, another record', async () => {
    expect(await pulledRecordOfBody(note('<p>手写的备注</p>'))).toBe('no Fieldkit data in the note body');
    const body = (await bodyModeProperties(input())).hs_note_body;
    const damaged = body.replace(/1\.([A-Za-z0-9_-]{10})/, '1.AAAAAAAAAA');
    expect(await pulledRecordOfBody(note(damaged))).toMatch(/damaged/);
    const otherKey = body.replace(`fk${ID.toLowerCase()}`, 'fk01jd00000000000000000000r2');
    expect(await pulledRecordOfBody(note(otherKey))).toMatch(/another record/);
    const notRecord = await dataParagraph({ ...input(), record: [1, 2] as unknown as SyncedRecord });
    expect(await pulledRecordOfBody(note(notRecord))).toMatch(/not a record/);
  });

  it('keys a record by one word of letters and digits', () => {
    expect(keyToken(ID)).toBe(`fk${ID.toLowerCase()}`);
    expect(() => keyToken('not-an-id')).toThrow(/letters and digits/);
  });
});
