import { describe, expect, it } from 'vitest';
import { IntelItem } from '../../lib/intel/schema';
import { localResolver, type ViewResolver } from '../../lib/intel/browse';
import { promotionFrequency } from '../../lib/intel/promotion-frequency';
import { REP } from '../fixtures/records';

let n = 0;
function item(competitorName: string, observedDay: string, promotion?: IntelItem['promotion'], more: Partial<IntelItem> = {}): IntelItem {
  n += 1;
  return IntelItem.parse({
    id: `01KD${String(n).padStart(22, '0')}`,
    author: REP,
    createdAt: '2026-11-01T02:00:00.000Z',
    updatedAt: '2026-11-01T02:00:00.000Z',
    schemaVersion: 1,
    observedDay,
    competitorName,
    sku: 'X',
    ...(promotion ? { promotion } : {}),
    ...more,
  });
}

describe('promotion frequency', () => {
  it('counts distinct promotions per competitor and type, the most active competitor first', () => {
    const gift = { type: 'gift' as const, description: '买 4L 送 1L', from: '2026-11-01', to: '2026-11-12' };
    const items = [
      item('美孚', '2026-11-02', gift),
      // The same campaign seen again, by someone else, written with other spacing: counted once.
      item('美孚', '2026-11-05', { ...gift, description: '买4L送1L' }, { author: { id: 'r2', name: '李娜' } }),
      item('美孚', '2026-11-20', { type: 'priceCut', description: '直降 20 元' }),
      item('美孚', '2026-11-25', { type: 'gift', description: '送机滤' }),
      item('嘉实多', '2026-11-06', { type: 'bundle', description: '买三送一' }),
      item('嘉实多', '2026-11-07'),
      // Outside the period.
      item('壳牌', '2026-10-01', { type: 'discount', description: '9 折' }),
    ];
    expect(promotionFrequency(items, { from: '2026-11-01', to: '2026-11-30' })).toEqual([
      {
        key: '美孚',
        name: '美孚',
        total: 3,
        byType: [
          { type: 'gift', count: 2 },
          { type: 'priceCut', count: 1 },
        ],
      },
      { key: '嘉实多', name: '嘉实多', total: 1, byType: [{ type: 'bundle', count: 1 }] },
    ]);
  });

  it('counts a promotion without terms or period once per week it was seen', () => {
    const display = { type: 'display' as const, description: '' };
    const items = [item('美孚', '2026-11-02', display), item('美孚', '2026-11-03', display), item('美孚', '2026-11-10', display)];
    expect(promotionFrequency(items)[0]).toMatchObject({ total: 2, byType: [{ type: 'display', count: 2 }] });
  });

  it('groups by the canonical competitor', () => {
    const resolver: ViewResolver = { ...localResolver, competitorOf: ({ competitorName }) => (/mobil|美孚/i.test(competitorName) ? { key: 'c1', name: '美孚' } : localResolver.competitorOf({ competitorName })) };
    const items = [item('Mobil', '2026-11-02', { type: 'gift', description: 'A' }), item('美孚', '2026-11-03', { type: 'gift', description: 'B' })];
    expect(promotionFrequency(items, { resolver })).toEqual([{ key: 'c1', name: '美孚', total: 2, byType: [{ type: 'gift', count: 2 }] }]);
  });

  it('leaves out deleted items', () => {
    expect(promotionFrequency([item('美孚', '2026-11-02', { type: 'gift', description: 'A' }, { deletedAt: '2026-11-03T00:00:00.000Z' })])).toEqual([]);
  });
});
