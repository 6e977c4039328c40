/**
 * How strict the simulator is about behaviours real HubSpot has and a naive client trips over.
 * `STRICT` turns every switch on and is what `startHubSpotSim` (and so every test, the CLI and the
 * bench) gets by default; a test turns off only the switch that is in its way, with a reason.
 * Sources for each behaviour: docs/hubspot.md, "Strictness".
 */
export interface SimStrictness {
  /**
   * How long a write takes to reach the search index, in ms (0: at once). Until then search answers
   * with what it indexed before (nothing, for a new object); GET by id always reads the write.
   */
  searchLagMs: number;
  /** Search requests per second per token (0: no limit); past it a 429 with policyName SECONDLY. */
  searchPerSecond: number;
  /**
   * EQ / NEQ / IN / NOT_IN on string properties compare exactly. HubSpot's guide says string
   * filters are case-insensitive except IN / NOT_IN, whose values must be lowercase.
   */
  caseSensitiveIn: boolean;
  /** A batch update with one invalid property value fails as a whole (400) and writes nothing. */
  batchUpdateAllOrNothing: boolean;
  /**
   * Two writes may share a millisecond (HubSpot promises nothing else); off, the simulator's clock
   * steps 1 ms per write so `hs_lastmodifieddate` never ties.
   */
  sharedMilliseconds: boolean;
}

export const STRICT: SimStrictness = {
  searchLagMs: 3_000,
  searchPerSecond: 5,
  caseSensitiveIn: true,
  batchUpdateAllOrNothing: true,
  sharedMilliseconds: true,
};

/** The simulator before #13: instant, unlimited search; for a test about something else. */
export const LENIENT: SimStrictness = {
  searchLagMs: 0,
  searchPerSecond: 0,
  caseSensitiveIn: false,
  batchUpdateAllOrNothing: false,
  sharedMilliseconds: false,
};

/** One window per token of search requests in the last second. */
export class SearchLimiter {
  private hits = new Map<string, number[]>();

  constructor(private readonly clock: () => number) {}

  reset(): void {
    this.hits.clear();
  }

  /** True when allowed (and counted); refused requests do not count. */
  take(token: string, perSecond: number): boolean {
    if (perSecond <= 0) return true;
    const now = this.clock();
    const recent = (this.hits.get(token) ?? []).filter((t) => t > now - 1_000);
    if (recent.length >= perSecond) {
      this.hits.set(token, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(token, recent);
    return true;
  }
}
