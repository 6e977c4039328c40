import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addSighting, closePrice, findNearDuplicates, nearDuplicatesAmong, sameProduct, type NearDuplicateProbe } from '../../lib/intel/near-duplicates';
import { createIntelHandlers } from '../../lib/intel/handlers';
import { createRouter } from '../../lib/messaging/router';
import { saveRecord, deleteRecord } from '../../lib/store/records';
import { writeSetting } from '../../lib/store/settings';
import { freshDatabase, intelDraft, REP } from '../fixtures/records';

const db = freshDatabase('fieldkit-near-duplicates');
afterEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});

const OTHER_REP = { id: 'owner-202', name: '李娜' };
const retail = (amount: number, unit = '元/桶') => ({ kind: 'retail' as const, amount, currency: 'CNY', unit });

function probe(overrides: Partial<NearDuplicateProbe> = {}): NearDuplicateProbe {
  return { competitorName: '美孚', product: '美孚1号 0W-40', sku: '', observedDay: '2026-12-01', prices: [retail(429)], ...overrides };
}

async function earlier(overrides: Parameters<typeof intelDraft>[0] = {}, author = OTHER_REP) {
  return saveRecord(db, 'intelItems', intelDraft({ competitorName: '美孚', product: '美孚1号 0W-40', sku: '', observedDay: '2026-11-27', prices: [retail(429)], ...overrides }), { author });
}

describe('near-duplicate intel', () => {
  it('finds the same competitor product and price kind at almost the same price within a week, by anyone', async () => {
    const item = await earlier({ sourceTitle: '京东 美孚1号' });
    const found = await findNearDuplicates(db, probe({ prices: [retail(432)] }));
    expect(found).toHaveLength(1);
    expect((await findNearDuplicates(db, probe(), { meId: OTHER_REP.id }))[0]!.byMe).toBe(true);
    expect(found[0]).toMatchObject({ id: item.id, authorName: '李娜', byMe: false, observedDay: '2026-11-27', sourceTitle: '京东 美孚1号', match: { kind: 'retail', earlier: { amount: 429 }, now: { amount: 432 } } });
  });

  it('does not offer a different price, price kind, product, competitor, currency or unit', async () => {
    await earlier();
    expect(await findNearDuplicates(db, probe({ prices: [retail(449)] }))).toEqual([]); // 4.5 % apart
    expect(await findNearDuplicates(db, probe({ prices: [{ ...retail(429), kind: 'supply' }] }))).toEqual([]);
    expect(await findNearDuplicates(db, probe({ product: '美孚速霸 5W-30' }))).toEqual([]);
    expect(await findNearDuplicates(db, probe({ competitorName: '壳牌' }))).toEqual([]);
    expect(await findNearDuplicates(db, probe({ prices: [{ ...retail(429), currency: 'USD' }] }))).toEqual([]);
    expect(await findNearDuplicates(db, probe({ prices: [retail(429, '元/箱')] }))).toEqual([]);
    expect(await findNearDuplicates(db, probe({ prices: [] }))).toEqual([]);
  });

  it('looks seven days either side and no further', async () => {
    await earlier({ observedDay: '2026-11-24' });
    expect(await findNearDuplicates(db, probe())).toHaveLength(1); // 7 days before
    expect(await findNearDuplicates(db, probe({ observedDay: '2026-12-02' }))).toEqual([]); // 8 days after
    expect(await findNearDuplicates(db, probe({ observedDay: '2026-11-17' }))).toHaveLength(1); // 7 days after
  });

  it('matches names the way people type them, and SKUs before product names', async () => {
    await earlier({ competitorName: 'Mobil', product: 'Mobil 1  0W-40', sku: 'M1-0W40-4L' });
    expect(await findNearDuplicates(db, probe({ competitorName: 'ＭＯＢＩＬ', product: 'something else', sku: 'm1-0w40-4l' }))).toHaveLength(1);
    expect(await findNearDuplicates(db, probe({ competitorName: 'mobil', product: 'mobil 1 0w-40', sku: 'M1-5W30-4L' }))).toEqual([]);
    expect(sameProduct({ sku: '', product: undefined }, { sku: '', product: '' })).toBe(true);
    expect(sameProduct({ sku: '', product: 'A' }, { sku: '', product: undefined })).toBe(false);
  });

  it('skips deleted items and the item being edited, and shows the closest first', async () => {
    const gone = await earlier();
    await deleteRecord(db, 'intelItems', gone.id, { author: OTHER_REP });
    const far = await earlier({ prices: [retail(440)] });
    const near = await earlier({ prices: [retail(430)] });
    const found = await findNearDuplicates(db, probe());
    expect(found.map((f) => f.id)).toEqual([near.id, far.id]);
    expect((await findNearDuplicates(db, probe({ excludeId: near.id }))).map((f) => f.id)).toEqual([far.id]);
  });

  it('is symmetric in its price test and never offers prices further apart than 3 %', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), (a, b) => {
        const ab = closePrice([retail(a)], [retail(b)]);
        const ba = closePrice([retail(b)], [retail(a)]);
        expect(Boolean(ab)).toBe(Boolean(ba));
        if (ab) expect(Math.abs(a - b)).toBeLessThanOrEqual(0.03 * Math.max(a, b) + 1e-9);
      }),
    );
  });

  it('adds a sighting to the earlier item instead of a new item, keeping its author', async () => {
    const item = await earlier();
    const updated = await addSighting(db, item.id, intelDraft({ competitorName: '美孚', observedDay: '2026-12-01', prices: [retail(432)], region: '苏州', sourceUrl: 'https://shop.example/m1' }), { author: REP, now: new Date('2026-12-01T02:00:00Z') });
    expect(await db.intelItems.count()).toBe(1);
    expect(updated.author).toEqual(OTHER_REP);
    expect(updated.sightings).toEqual([{ observedDay: '2026-12-01', by: REP, at: '2026-12-01T02:00:00.000Z', prices: [retail(432)], region: '苏州', sourceUrl: 'https://shop.example/m1' }]);
    expect(nearDuplicatesAmong([updated], probe())[0]!.sightings).toBe(1);
    const audit = await db.audit.where('recordId').equals(item.id).toArray();
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['create', OTHER_REP.id], ['update', REP.id]]);
  });

  it('answers the content script through the message protocol, and saves as new when the earlier item is gone', async () => {
    await writeSetting(db, 'profile', { ...REP, role: 'rep' });
    const ext = 'fieldkitextensionidfieldkitexten';
    const route = createRouter(createIntelHandlers(db) as never, ext);
    const sender = { id: ext, url: `chrome-extension://${ext}/intel-form.html#capture`, tab: { id: 3 }, frameId: 5 };
    const item = await earlier();
    const hint = await route({ type: 'intel.nearDuplicates', payload: probe() }, sender);
    expect(hint).toMatchObject({ ok: true, data: { items: [{ id: item.id }] } });
    const added = await route({ type: 'intel.save', payload: { ...intelDraft({ competitorName: '美孚', observedDay: '2026-12-01', prices: [retail(429)] }), addTo: item.id } }, sender);
    expect(added).toMatchObject({ ok: true, data: { id: item.id, addedTo: true } });
    await deleteRecord(db, 'intelItems', item.id, { author: OTHER_REP });
    const fresh = await route({ type: 'intel.save', payload: { ...intelDraft({ competitorName: '美孚', observedDay: '2026-12-01', prices: [retail(429)] }), addTo: item.id } }, sender);
    expect(fresh).toMatchObject({ ok: true });
    expect((fresh as { data: { id: string } }).data.id).not.toBe(item.id);
    // A page cannot forge sightings.
    const forged = await route({ type: 'intel.save', payload: { ...intelDraft(), sightings: [{ observedDay: '2026-12-01', by: OTHER_REP, at: '2026-12-01T00:00:00Z' }] } }, sender);
    expect(forged).toMatchObject({ ok: true });
    expect((await db.intelItems.get((forged as { data: { id: string } }).data.id))!.sightings).toEqual([]);
  });
});
