/**
 * 经销商月度拜访汇总: what a dealer's KPI panel needs from one month of its visit cards, kept as
 * one row per dealer and month (docs/kpi.md, "The visit-month summary"). The panel of a 5-year
 * dealer reads 13 such rows instead of thousands of cards.
 *
 * The row is derived data: nobody types it and it never syncs. A DBCore middleware (./visit-months-
 * middleware.ts) keeps it right on every write to the visit-card table — a saved or deleted card,
 * a pulled one, a restored backup, a migration — in the write's own transaction, and
 * `rebuildVisitMonths` rebuilds it from scratch (the v10 migration, the consistency test).
 *
 * Card-based KPI inputs are computed from these rows only, whether they come from the table or
 * are summarised on the spot from raw cards (`summarizeVisitMonths`): one code path, so the
 * stored rows and a from-scratch computation cannot drift apart in meaning.
 */
import type { Table, Transaction } from 'dexie';
import { z } from '../kernel/zod';
import { Day, Id, Month } from '../kernel/record';
import type { VisitCard } from '../visits/schema';

/** The key of the dealer itself among a month's customers (its terminals are keyed by their id). */
export const DEALER_CUSTOMER = '';

/** The latest card of one customer (the dealer, or one terminal) in the month. */
export const LatestCard = z.object({
  day: Day,
  cardId: Id,
  /** The required SKUs that card found not carried, each once, sorted. */
  notCarried: z.array(z.string()),
});
export type LatestCard = z.infer<typeof LatestCard>;

export const VisitMonth = z.object({
  schemaVersion: z.literal(1),
  dealerId: Id,
  month: Month,
  /** Live visit cards of the dealer that month (a month without any has no row). */
  cards: z.number().int().positive(),
  /** The terminals visited that month, each once, sorted (the panel keeps those on its list). */
  terminalIds: z.array(z.string()),
  /** The latest stock count a rep made at the dealer itself that month (not at a terminal). */
  inventoryCount: z.object({ day: Day, cardId: Id, value: z.number().nonnegative() }).optional(),
  /** The latest card of each customer visited that month, by customer (`DEALER_CUSTOMER` or a terminal id). */
  latestByCustomer: z.record(z.string(), LatestCard),
});
export type VisitMonth = z.infer<typeof VisitMonth>;

/** A dealer's month as the summary keys it. */
export const monthOfCard = (card: Pick<VisitCard, 'visitDay'>): string => card.visitDay.slice(0, 7);

/**
 * Which of two cards of a day counts as the latest: the later day; on the same day the one with
 * the smaller id. (The id rule is the order the panel has always used: it took the first card of
 * the day in index order. Fixed, so the answer never depends on the order cards are read in.)
 */
const later = (a: { day: string; cardId: string }, b: { day: string; cardId: string }): boolean => a.day > b.day || (a.day === b.day && a.cardId < b.cardId);

const isLiveCard = (card: VisitCard): boolean => !card.deletedAt;

/**
 * The month's row with one more live card folded in (a new row when `summary` is undefined).
 * Order-independent: folding a month's cards in any order gives the same row.
 */
export function addCardToMonth(summary: VisitMonth | undefined, card: VisitCard): VisitMonth {
  const row: VisitMonth = summary
    ? { ...summary, terminalIds: [...summary.terminalIds], latestByCustomer: { ...summary.latestByCustomer } }
    : { schemaVersion: 1, dealerId: card.dealerId, month: monthOfCard(card), cards: 0, terminalIds: [], latestByCustomer: {} };
  row.cards += 1;
  const here = { day: card.visitDay, cardId: card.id };
  if (card.terminalId && !row.terminalIds.includes(card.terminalId)) row.terminalIds = [...row.terminalIds, card.terminalId].sort();
  if (!card.terminalId && card.currentInventory !== undefined && (!row.inventoryCount || later(here, row.inventoryCount))) {
    row.inventoryCount = { ...here, value: card.currentInventory };
  }
  const customer = card.terminalId ?? DEALER_CUSTOMER;
  const seen = row.latestByCustomer[customer];
  if (!seen || later(here, seen)) {
    row.latestByCustomer[customer] = { ...here, notCarried: [...new Set(card.requiredSkus.filter((s) => !s.carried).map((s) => s.sku))].sort() };
  }
  return row;
}

/** A month's row from its cards (any order; tombstones ignored), or undefined when none is live. */
export function summarizeVisitMonth(cards: Iterable<VisitCard>): VisitMonth | undefined {
  let row: VisitMonth | undefined;
  for (const card of cards) if (isLiveCard(card)) row = addCardToMonth(row, card);
  return row;
}

/** The key a row is stored under: `[dealerId, month]`. */
export const visitMonthKeyOf = (dealerId: string, month: string): string => `${dealerId}|${month}`;

/** Every dealer-month's row from a set of cards (tombstones ignored), oldest month first per dealer. */
export function summarizeVisitMonths(cards: Iterable<VisitCard>): VisitMonth[] {
  const rows = new Map<string, VisitMonth>();
  for (const card of cards) {
    if (!isLiveCard(card)) continue;
    const key = visitMonthKeyOf(card.dealerId, monthOfCard(card));
    rows.set(key, addCardToMonth(rows.get(key), card));
  }
  return [...rows.values()].sort((a, b) => (a.dealerId === b.dealerId ? a.month.localeCompare(b.month) : a.dealerId.localeCompare(b.dealerId)));
}

/** How many required SKUs the month's latest card of each customer found not carried. */
export function requiredSkusNotCarriedOf(row: VisitMonth): number {
  return Object.values(row.latestByCustomer).reduce((sum, latest) => sum + latest.notCarried.length, 0);
}

const REBUILD_CHUNK = 2000;

/**
 * Rebuilds every row from the visit cards, from scratch, inside `tx` (which must include both
 * tables): the v10 migration and the consistency test. Cards are read a chunk at a time by
 * primary key, so a large table is never held whole.
 */
export async function rebuildVisitMonths(tx: Pick<Transaction, 'table'>): Promise<number> {
  const cards = tx.table('visitCards') as Table<VisitCard, string>;
  const months = tx.table('visitMonths') as Table<VisitMonth, [string, string]>;
  const rows = new Map<string, VisitMonth>();
  let after: string | undefined;
  for (;;) {
    const chunk = await (after === undefined ? cards.orderBy(':id') : cards.where(':id').above(after)).limit(REBUILD_CHUNK).toArray();
    for (const card of chunk) {
      if (!isLiveCard(card)) continue;
      const key = visitMonthKeyOf(card.dealerId, monthOfCard(card));
      rows.set(key, addCardToMonth(rows.get(key), card));
    }
    if (chunk.length < REBUILD_CHUNK) break;
    after = chunk[chunk.length - 1]!.id;
  }
  await months.clear();
  await months.bulkPut([...rows.values()]);
  return rows.size;
}
