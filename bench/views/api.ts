/** What the views-bench page exposes on `window.fieldkitBench`, shared by the page and bench/views.bench.ts. */

export const VIEWS = ['today', 'dealers', 'intel', 'reports'] as const;
export type ViewName = (typeof VIEWS)[number];

/** `indexed`: the real views (named, index-backed queries); `whole`: the previous whole-table reads. */
export type Variant = 'indexed' | 'whole';

export interface ScenarioSpec {
  /** Also the database name suffix. */
  name: string;
  years: number;
  /** Reps whose history is stored (at most). */
  reps: number;
  /** Stop adding reps once seeding has taken this long (the manager scenario on a slow machine). */
  seedBudgetMs?: number;
  /** The profile is a manager with their own history on top of the reps'; otherwise the (only) rep. */
  manager: boolean;
}

export interface SeedResult {
  database: string;
  /** Reps actually seeded (fewer than asked when the budget ran out). */
  reps: number;
  /** The day the history ends on: the page's today when it was seeded. */
  today: string;
  counts: { dealers: number; visitCards: number; diaryEntries: number; intelItems: number; daily: number; weekly: number; monthly: number };
  /** Records of the profile's own author (what Today and Reports read). */
  own: { visitCards: number; diaryEntries: number; intelItems: number; todaysCards: number };
  generateMs: number;
  writeMs: number;
  validated: number;
}

export interface MeasureResult {
  ms: number;
  /** How many rows the view rendered (list rows / table rows), to see what was measured. */
  rows: number;
}

export interface FieldkitBench {
  seed(spec: ScenarioSpec): Promise<SeedResult>;
  measure(database: string, view: ViewName, variant: Variant, timeoutMs: number): Promise<MeasureResult>;
  /** The views' today (the real clock): a history seeded before midnight no longer ends today after it. */
  today(): string;
}
