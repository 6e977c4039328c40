/** What the panel-bench page exposes on `window.fieldkitPanelBench`, shared by the page and bench/panel.bench.ts. */

/**
 * - `indexed`: `loadDealerPanel` (lib/dealers/panel-data.ts), the real path: index-backed reads of
 *   the panel's window, then `buildDealerPanel`;
 * - `whole`: the baseline: every visit card and every figures row read with `toArray()`, filtered
 *   to the dealer (and the same window) in memory, then the same `buildDealerPanel`;
 * - `read`: the reads of `indexed` alone (the same queries, in parallel, nothing built);
 * - `compute`: `buildDealerPanel` alone, on the inputs `read` returned (held in memory).
 */
export const VARIANTS = ['indexed', 'whole', 'read', 'compute'] as const;
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
  validated: number;
}

export interface MeasureResult {
  ms: number;
  /** Visit cards and figures rows read (for `compute`, those it was given). */
  cards: number;
  facts: number;
  /** A hash of the model built (its JSON), so the variants can be checked to build the same panel. */
  model: string;
}

/** One sequential pass over each read of `indexed` and each step of the computation, ms. */
export interface Breakdown {
  reads: Record<'dealer' | 'ruleSets' | 'terminals' | 'cards' | 'facts' | 'intel', number>;
  /** One `gatherDealerInputs` (a month's inputs) and one `evaluate` of the KPI rule set. */
  gatherOnce: number;
  evaluateOnce: number;
  /** How many of each `buildDealerPanel` makes for the panel (trend months, last year, warnings). */
  gathers: number;
  evaluations: number;
  /**
   * What-ifs, nothing in lib/ changed: the same cards read through the same index range with a
   * plain `toArray()` (Dexie then uses `getAll`; live filter and newest-first order in memory),
   * instead of the query's cursor (its `.filter(isLive)` makes Dexie walk the range row by row) …
   */
  cardsGetAll: number;
  /** … the whole visit-card table read with `toArray()` (the baseline's read alone) … */
  cardsWholeTable: number;
  /**
   * … and only the months the card-based inputs use (the trend's 12 and the same month last year;
   * the window's 15 months before those only feed the figures' series): read with the real query,
   * how many, the panel built from them, and whether it is the very same panel.
   */
  narrow: { months: number; cards: number; read: number; compute: number; samePanel: boolean };
}

export interface FieldkitPanelBench {
  seed(spec: SeedSpec): Promise<SeedResult>;
  measure(database: string, dealerId: string, period: string, variant: Variant): Promise<MeasureResult>;
  breakdown(database: string, dealerId: string, period: string): Promise<Breakdown>;
}
