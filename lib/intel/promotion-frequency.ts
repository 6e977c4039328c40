/**
 * How often each competitor ran promotions of each type over a period. One promotion seen by
 * several reps, or on several days, is counted once: the same competitor, type, terms and period
 * (terms compared folded, spaces ignored). A promotion with neither terms nor period is counted once per ISO week
 * it was seen in, since nothing else tells two of them apart.
 */
import { isoWeekOf } from '../kernel/dates';
import { comparable, localResolver, type ViewResolver } from './browse';
import type { IntelItem, PromotionType } from './schema';

export type PromotionTypeName = (typeof PromotionType.options)[number];

export interface PromotionFrequency {
  key: string;
  name: string;
  /** Distinct promotions in the period. */
  total: number;
  /** Types with at least one promotion, the most frequent first (ties in the schema's order). */
  byType: { type: PromotionTypeName; count: number }[];
}

const TYPE_ORDER: readonly PromotionTypeName[] = ['discount', 'bundle', 'gift', 'rebate', 'points', 'display', 'priceCut', 'newLaunch', 'other'];

/** Per competitor (canonical), the distinct promotions observed between `from` and `to` inclusive, the most active competitor first. */
export function promotionFrequency(
  items: readonly IntelItem[],
  { resolver = localResolver, from, to }: { resolver?: ViewResolver; from?: string; to?: string } = {},
): PromotionFrequency[] {
  const seen = new Set<string>();
  const byCompetitor = new Map<string, { name: string; counts: Map<PromotionTypeName, number> }>();
  for (const item of items) {
    const promotion = item.promotion;
    if (!promotion || item.deletedAt) continue;
    if ((from && item.observedDay < from) || (to && item.observedDay > to)) continue;
    const competitor = resolver.competitorOf(item);
    // Spacing is how a writer types, not what the terms say: "买 4L 送 1L" is "买4L送1L".
    const terms = comparable(promotion.description).replace(/\s/g, '');
    const when = terms || promotion.from || promotion.to ? `${promotion.from ?? ''}|${promotion.to ?? ''}` : isoWeekOf(item.observedDay);
    const identity = `${competitor.key}\u0000${promotion.type}\u0000${terms}\u0000${when}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    let entry = byCompetitor.get(competitor.key);
    if (!entry) byCompetitor.set(competitor.key, (entry = { name: competitor.name, counts: new Map() }));
    entry.counts.set(promotion.type, (entry.counts.get(promotion.type) ?? 0) + 1);
  }
  return [...byCompetitor.entries()]
    .map(([key, { name, counts }]) => {
      const byType = [...counts.entries()].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type));
      return { key, name, total: byType.reduce((sum, t) => sum + t.count, 0), byType };
    })
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-CN'));
}
