/** What the panel-bench page exposes on `window.fieldkitPanelBench`, shared by the page and bench/panel.bench.ts. */

/**
 * - `indexed`: `loadDealerPanel` (lib/dealers/panel-data.ts), the real path: the dealer's
 *   visit-month summaries (13 rows) and its 5 latest cards instead of its cards, the figures and
 *   the rest index-backed, then `buildDealerPanel`;
 * - `whole`: the baseline: every visit card and every figures row read with `toArray()`, filtered
 *   to the dealer (and the same window) in memory, then the same `buildDealerPanel` from the raw
 *   cards (summarised on the spot): the from-scratch computation;
 * - `range`: the path before the summary: the dealer's cards of the panel's 13 months read on the
 *   `[dealerId+visitDay]` index, then built from the raw cards;
 * - `read`: the reads of `indexed` alone (the same queries, in parallel, nothing built);
 * - `compute`: `buildDealerPanel` alone, on the inputs `read` returned (held in memory).
 */
export const VARIANTS = ['indexed', 'whole', 'range', 'read', 'compute'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface SeedSpec {
  /** Database name suffix. */
  name: string;
  years: number;
  cards: number;
  months: number;
  terminals: number;
  intel: number;
}

export interface SeedResult {
  database: string;
  dealerId: string;
  /** The month the panel is for: the current one (the figures end with it). */
  period: string;
  counts: { visitCards: number; dealerFacts: number; terminals: number; intelItems: number };
  generateMs: number;
  writeMs: number;
  /** Building the visit-month summary from every card, as the v10 migration does, and the rows built. */
  rebuildMs: number;
  visitMonths: number;
  validated: number;
}

export interface MeasureResult {
  ms: number;
  /** Visit cards, visit-month summaries and figures rows read (for `compute`, those it was given). */
  cards: number;
  visitMonths: number;
  facts: number;
  /** A hash of the model built (its JSON), so the variants can be checked to build the same panel. */
  model: string;
}

/** One sequential pass over each read of `indexed` and each step of the computation, ms. */
export interface Breakdown {
  reads: Record<'dealer' | 'ruleSets' | 'terminals' | 'visitMonths' | 'recentVisits' | 'facts' | 'intel', number>;
  /** One `gatherDealerInputs` (a month's inputs) and one `evaluate` of the KPI rule set. */
  gatherOnce: number;
  evaluateOnce: number;
  /** How many of each `buildDealerPanel` makes for the panel (trend months, last year, warnings). */
  gathers: number;
  evaluations: number;
  /** The panel's 13 months of cards read on the `[dealerId+visitDay]` index (what the panel read before the summary), and how many. */
  cardsRange: number;
  cardsInRange: number;
  /** The whole visit-card table with `toArray()` (the baseline's read alone). */
  cardsWholeTable: number;
}

/** What keeping the summary costs a write of one card, ms (median of `runs`), against the same write without the middleware. */
export interface SaveCost {
  runs: number;
  /** A new card of the current month put in a read-write transaction (the summary folds it in: one get, one put). */
  newCard: number;
  /** The same put straight to IndexedDB (no middleware): the baseline. */
  newCardRaw: number;
  /** An existing card of the current month put again, edited (its month recomputed from its cards). */
  editCard: number;
  editCardRaw: number;
  /** Cards in that dealer-month (what a recompute reads). */
  monthCards: number;
  /** After every write and its undo: the dealer's stored rows equal a rebuild from all its cards. */
  consistent: boolean;
}

export interface FieldkitPanelBench {
  seed(spec: SeedSpec): Promise<SeedResult>;
  measure(database: string, dealerId: string, period: string, variant: Variant): Promise<MeasureResult>;
  breakdown(database: string, dealerId: string, period: string): Promise<Breakdown>;
  saveCost(database: string, dealerId: string, period: string, runs: number): Promise<SaveCost>;
}
