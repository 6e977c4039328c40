/**
 * Keeps the visit-month summary (./visit-months.ts) right on every write to the visit-card table,
 * whatever writes it: `saveRecord`, a visit card's own save and delete, a pulled card
 * (lib/sync/merge.ts), a restored backup, a bulk write, a `Collection.modify/delete`, a clear.
 * It is a Dexie DBCore middleware, so no write path can forget it, and it writes in the write's
 * own transaction: the cards and their summary commit or roll back together.
 *
 * - Every read-write transaction that includes `visitCards` is widened to include `visitMonths`.
 * - Before a write, the rows it replaces or deletes are read (by key, or by the deleted range).
 * - A month that only gains live cards (a new card: the common save) is updated by folding the
 *   new cards into its row: one get and one put.
 * - A month that loses a live card (an edit, a move to another dealer or month, a tombstone, a
 *   delete) is recomputed from its cards after the write: one ranged read of that dealer-month
 *   on the `[dealerId+visitDay]` index.
 * - A card rewritten with only its CRM link changed (the sync engine's settle, 100 cards a batch)
 *   leaves its month as it was: no read at all. Recomputing there made a 10,000-card push
 *   quadratic (`npm run bench sync`).
 */
import { Dexie } from 'dexie';
import type { DBCore, DBCoreIndex, DBCoreKeyRange, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { daysOfMonth } from '../kernel/dates';
import type { VisitCard } from '../visits/schema';
import { addCardToMonth, monthOfCard, summarizeVisitMonth, visitMonthKeyOf, type VisitMonth } from './visit-months';

const CARDS = 'visitCards';
const MONTHS = 'visitMonths';
const CARDS_BY_DEALER_DAY = '[dealerId+visitDay]';
/** `DBCoreRangeType.Range`: a const enum, which isolated modules cannot import as a value. */
const RANGE = 2 as DBCoreKeyRange['type'];
/** Dexie's promise: keeps the transaction's zone across `then`, which Dexie's own middlewares read. */
const DexiePromise = Dexie.Promise;

interface DealerMonth {
  dealerId: string;
  month: string;
}

const isLive = (card: VisitCard | undefined): card is VisitCard => card !== undefined && !card.deletedAt;

/** Whether the transaction's database has the summary table (not yet during upgrades before v10). */
function hasMonths(trans: DBCoreTransaction): boolean {
  const names = (trans as unknown as IDBTransaction).objectStoreNames;
  return names === undefined || names.contains(MONTHS);
}

/** Whether a rewrite changed nothing but the card's CRM link (key order is kept by the store's clone). */
function onlyLinkChanged(before: VisitCard, after: VisitCard | undefined): boolean {
  if (after === undefined || after.id !== before.id) return false;
  const { crm: _before, ...was } = before;
  const { crm: _after, ...is } = after;
  return JSON.stringify(was) === JSON.stringify(is);
}

/** The rows a write replaces or deletes, as they are before it. */
function rowsBefore(cards: DBCoreTable, req: DBCoreMutateRequest): PromiseLike<VisitCard[]> {
  const { trans } = req;
  const present = (rows: unknown[]) => rows.filter((row): row is VisitCard => row !== undefined);
  switch (req.type) {
    case 'add':
      return DexiePromise.resolve([]);
    case 'put':
      return cards.getMany({ trans, keys: req.keys ?? req.values.map((value) => cards.schema.primaryKey.extractKey!(value)) }).then(present);
    case 'delete':
      return cards.getMany({ trans, keys: req.keys }).then(present);
    case 'deleteRange':
      return cards.query({ trans, values: true, query: { index: cards.schema.primaryKey, range: req.range } }).then(({ result }) => result as VisitCard[]);
  }
}

/** The cards a write stored (those that did not fail). */
function rowsAfter(req: DBCoreMutateRequest, res: DBCoreMutateResponse): VisitCard[] {
  if (req.type !== 'add' && req.type !== 'put') return [];
  const failed = res.failures ?? {};
  return (req.values as VisitCard[]).filter((_, i) => failed[i] === undefined);
}

function cardsIndexOf(cards: DBCoreTable): DBCoreIndex {
  const index = cards.schema.indexes.find((i) => i.name === CARDS_BY_DEALER_DAY);
  if (!index) throw new Error(`visit-month summary: ${CARDS}.${CARDS_BY_DEALER_DAY} is missing`);
  return index;
}

/** A dealer-month's row recomputed from its cards as they are now in `trans`. */
function recompute(cards: DBCoreTable, trans: DBCoreTransaction, { dealerId, month }: DealerMonth): PromiseLike<VisitMonth | undefined> {
  const { first, last } = daysOfMonth(month);
  return cards
    .query({
      trans,
      values: true,
      query: { index: cardsIndexOf(cards), range: { type: RANGE, lower: [dealerId, first], upper: [dealerId, last], lowerOpen: false, upperOpen: false } },
    })
    .then(({ result }) => summarizeVisitMonth(result as VisitCard[]));
}

/**
 * Updates the summary for one write to the visit-card table; `before` was read before it, `after`
 * is what it stored. Chained on Dexie's promises (no native `await`): Dexie's own middlewares
 * below this one read the transaction's zone, which a native await would lose.
 */
function keepSummary(cards: DBCoreTable, months: DBCoreTable, trans: DBCoreTransaction, allBefore: readonly VisitCard[], allAfter: readonly VisitCard[]): PromiseLike<void> {
  const afterById = new Map(allAfter.map((card) => [card.id, card]));
  const relinked = new Set(allBefore.filter((card) => onlyLinkChanged(card, afterById.get(card.id))).map((card) => card.id));
  const before = relinked.size > 0 ? allBefore.filter((card) => !relinked.has(card.id)) : allBefore;
  const after = relinked.size > 0 ? allAfter.filter((card) => !relinked.has(card.id)) : allAfter;
  const recomputed = new Map<string, DealerMonth>();
  const added = new Map<string, { at: DealerMonth; cards: VisitCard[] }>();
  for (const card of before) {
    if (isLive(card)) recomputed.set(visitMonthKeyOf(card.dealerId, monthOfCard(card)), { dealerId: card.dealerId, month: monthOfCard(card) });
  }
  // The same key twice in one bulk write: the last one wins in the table, so recompute rather than fold both.
  const seen = new Set<string>();
  for (const card of after) {
    const at = { dealerId: card.dealerId, month: monthOfCard(card) };
    const key = visitMonthKeyOf(at.dealerId, at.month);
    if (seen.has(card.id)) recomputed.set(key, at);
    seen.add(card.id);
    if (!isLive(card)) continue;
    const entry = added.get(key) ?? { at, cards: [] };
    entry.cards.push(card);
    added.set(key, entry);
  }
  for (const key of recomputed.keys()) added.delete(key);
  const folds = [...added.values()];

  const recomputing = DexiePromise.all([...recomputed.values()].map((at) => recompute(cards, trans, at).then((row) => ({ at, row }))));
  const folding =
    folds.length === 0
      ? DexiePromise.resolve([] as VisitMonth[])
      : months
          .getMany({ trans, keys: folds.map(({ at }) => [at.dealerId, at.month]) })
          .then((existing) => folds.map(({ cards: newCards }, i) => newCards.reduce<VisitMonth | undefined>((row, card) => addCardToMonth(row, card), existing[i] as VisitMonth | undefined)!));
  return DexiePromise.all([recomputing, folding]).then(([recomputedRows, foldedRows]) => {
    const puts = [...recomputedRows.flatMap(({ row }) => (row ? [row] : [])), ...foldedRows];
    const deletes = recomputedRows.flatMap(({ at, row }) => (row ? [] : [[at.dealerId, at.month]]));
    return DexiePromise.all([
      puts.length > 0 ? months.mutate({ type: 'put', trans, values: puts }) : undefined,
      deletes.length > 0 ? months.mutate({ type: 'delete', trans, keys: deletes }) : undefined,
    ]).then(() => undefined);
  });
}

/** The middleware the store installs with the visit-month kind (lib/store/database.ts). */
export const visitMonthsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'visit-month-summary',
  create: (down: DBCore): DBCore => ({
    ...down,
    transaction(stores, mode, options) {
      const widened = mode === 'readwrite' && stores.includes(CARDS) && !stores.includes(MONTHS) ? [...stores, MONTHS] : stores;
      return down.transaction(widened, mode, options);
    },
    table(name: string): DBCoreTable {
      const table = down.table(name);
      if (name !== CARDS) return table;
      return {
        ...table,
        mutate: (req) => {
          if (!hasMonths(req.trans)) return table.mutate(req);
          return DexiePromise.resolve(rowsBefore(table, req)).then((before) =>
            table.mutate(req).then((res) => keepSummary(table, down.table(MONTHS), req.trans, before, rowsAfter(req, res)).then(() => res)),
          );
        },
      };
    },
  }),
};
