import { afterEach, describe, expect, it } from 'vitest';
import { deleteRecord, saveRecord } from '../../lib/store/records';
import { lastVisitDayOfDealers } from '../../lib/visits/queries';
import { intelCompetitorNames } from '../../lib/intel/queries';
import { anyDealer, dealersByIds } from '../../lib/dealers/queries';
import { addLocalDealer } from '../../lib/dealers/local';
import { freshDatabase, intelDraft, REP, visitDraft } from '../fixtures/records';

const db = freshDatabase('fieldkit-queries');
afterEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});

const OTHER_DEALER = '01JD0000000000000000000002';
const NEVER_VISITED = '01JD0000000000000000000003';

describe('visits.lastDayOfDealers', () => {
  it("answers each dealer's latest live visit day and leaves out dealers never visited", async () => {
    await saveRecord(db, 'visitCards', visitDraft({ visitDay: '2026-11-02', isoWeek: '2026-W45' }), { author: REP });
    await saveRecord(db, 'visitCards', visitDraft({ visitDay: '2026-11-20', isoWeek: '2026-W47' }), { author: REP });
    await saveRecord(db, 'visitCards', visitDraft({ dealerId: OTHER_DEALER, visitDay: '2025-03-09', isoWeek: '2025-W10' }), { author: { id: 'rep-2', name: '李娜' } });
    const latest = await saveRecord(db, 'visitCards', visitDraft({ visitDay: '2026-11-27', isoWeek: '2026-W48' }), { author: REP });
    // A deleted card does not count: the day before it is the last visit.
    await deleteRecord(db, 'visitCards', latest.id, { author: REP });
    const days = await lastVisitDayOfDealers.run(db, { dealerIds: [visitDraft().dealerId, OTHER_DEALER, NEVER_VISITED] });
    expect(days).toEqual({ [visitDraft().dealerId]: '2026-11-20', [OTHER_DEALER]: '2025-03-09' });
  });
});

describe('intel.competitorNames', () => {
  it('lists each competitor once, in index order, without names only deleted items carry', async () => {
    for (const [competitorName, sku, observedDay] of [
      ['壳牌', 'HX7-4L', '2026-10-01'],
      ['壳牌', 'HX7-4L', '2026-11-01'],
      ['壳牌', 'HX8-1L', '2026-11-02'],
      ['美孚', 'M1-0W40-4L', '2026-11-03'],
      ['Castrol', 'EDGE-5W30', '2026-11-04'],
    ] as const) {
      await saveRecord(db, 'intelItems', intelDraft({ competitorName, sku, observedDay }), { author: REP });
    }
    // 美孚's only item deleted, 壳牌's first one deleted (its others keep the name).
    const typo = await saveRecord(db, 'intelItems', intelDraft({ competitorName: '嘉实多x', observedDay: '2026-11-05' }), { author: REP });
    await deleteRecord(db, 'intelItems', typo.id, { author: REP });
    const [firstShell] = await db.intelItems.where('[competitorName+sku+observedDay]').between(['壳牌', ''], ['壳牌', '\uffff']).toArray();
    await deleteRecord(db, 'intelItems', firstShell!.id, { author: REP });
    expect(await intelCompetitorNames.run(db, {})).toEqual(['Castrol', '壳牌', '美孚']);
  });

  it('is empty with no intel', async () => {
    expect(await intelCompetitorNames.run(db, {})).toEqual([]);
  });
});

describe('dealers.byIds and dealers.any', () => {
  it('finds the dealers named, deleted ones too, and skips unknown ids', async () => {
    expect(await anyDealer.run(db, {})).toBe(false);
    const a = await addLocalDealer(db, { name: '华东汽配', city: '上海' }, { author: REP });
    const b = await addLocalDealer(db, { name: '北方润滑', city: '' }, { author: REP });
    expect(await anyDealer.run(db, {})).toBe(true);
    await deleteRecord(db, 'dealers', b.id, { author: REP });
    const found = await dealersByIds.run(db, { ids: [b.id, NEVER_VISITED, a.id] });
    expect(found.map((d) => d.name)).toEqual(['北方润滑', '华东汽配']);
    await deleteRecord(db, 'dealers', a.id, { author: REP });
    expect(await anyDealer.run(db, {})).toBe(false);
  });
});
