import { format, parseISO, subMonths } from 'date-fns';
import type { VisitCard } from './schema';
import type { FieldkitDatabase } from '../store/database';
import { dealerVisitsBetween } from './queries';

/** How many of the dealer's last orders the card shows (the seed's "最近几次进货数量"). */
export const RECENT_PURCHASES_SHOWN = 5;

/**
 * This dealer's earlier cards as of `visitDay`, newest first. Cards dated after `visitDay` are
 * left out so a back-filled card is prefilled from what was known on that day; `excludeId` is
 * the card being edited, which must not count as its own history.
 */
export function earlierCardsOf(history: readonly VisitCard[], dealerId: string, visitDay: string, excludeId?: string): VisitCard[] {
  return history
    .filter((card) => card.dealerId === dealerId && !card.deletedAt && card.id !== excludeId && card.visitDay <= visitDay)
    .sort((a, b) => b.visitDay.localeCompare(a.visitDay) || b.createdAt.localeCompare(a.createdAt));
}

/** The last few orders (day and quantity), newest first: computed, never typed. */
export function recentPurchasesOf(earlier: readonly VisitCard[], limit = RECENT_PURCHASES_SHOWN): { day: string; quantity: number }[] {
  return recentOrdersOf(earlier, limit).map(({ day, quantity }) => ({ day, quantity }));
}

/** The same orders with the unit each was counted in, for display. */
export function recentOrdersOf(earlier: readonly VisitCard[], limit = RECENT_PURCHASES_SHOWN): { day: string; quantity: number; unit: string }[] {
  return earlier
    .filter((card) => card.orderQuantity !== undefined && card.orderQuantity > 0)
    .slice(0, limit)
    .map((card) => ({ day: card.visitDay, quantity: card.orderQuantity!, unit: card.unit }));
}

/**
 * 往期销量 prefill. Within one month every visit refers to the same previous period, so a value
 * already on an earlier card this month wins (the rep may have corrected it); otherwise it is the
 * sum of what the dealer ordered from us in the previous calendar month. Undefined when unknown.
 */
export function previousPeriodSalesOf(earlier: readonly VisitCard[], visitDay: string): number | undefined {
  const month = visitDay.slice(0, 7);
  const sameMonth = earlier.find((card) => card.visitDay.slice(0, 7) === month && card.previousPeriodSales !== undefined);
  if (sameMonth) return sameMonth.previousPeriodSales;
  const previousMonth = format(subMonths(parseISO(visitDay), 1), 'yyyy-MM');
  const orders = earlier.filter((card) => card.visitDay.slice(0, 7) === previousMonth && card.orderQuantity !== undefined);
  if (orders.length === 0) return undefined;
  return orders.reduce((sum, card) => sum + card.orderQuantity!, 0);
}

/** The most recent earlier card that recorded a counted inventory. */
export function lastInventoryCardOf(earlier: readonly VisitCard[]): VisitCard | undefined {
  return earlier.find((card) => card.currentInventory !== undefined);
}

export function actionsDone(card: Pick<VisitCard, 'actions'>): number {
  return Object.values(card.actions).filter(Boolean).length;
}

export const ACTION_KEYS = ['checkedInventory', 'didDisplay', 'tookOrder', 'recommendedNewProducts'] as const;

/**
 * How many of a dealer's latest cards a new card is prefilled from. Enough for the last few
 * orders, the last counted inventory and last month's orders of a dealer visited weekly, while
 * reading one short index range however long the history is.
 */
export const HISTORY_CARDS = 40;

/**
 * A dealer's cards up to `visitDay`, newest first: what the visit-card form prefills from. A
 * rarely visited dealer still shows its last orders (no date window); a weekly one its last
 * ten months or so.
 */
export async function dealerHistoryOf(db: FieldkitDatabase, dealerId: string, visitDay: string): Promise<VisitCard[]> {
  return dealerVisitsBetween.run(db, { dealerId, from: '0000-01-01', to: visitDay, limit: HISTORY_CARDS });
}
