import { createRandom, type Random } from './prng';

/** A fault the next matching request suffers, for deterministic tests. */
export type ScriptedFault = 'drop' | 'lost' | '5xx' | '429' | 'malformed' | 'wrong-shape';

/**
 * Fault injection. Rates are probabilities per HubSpot request (control paths are never faulted);
 * `script` is consumed first, one entry per request, so a test can say "the next create loses
 * its response" exactly.
 */
export interface SimFaults {
  /** Added to every response. */
  latencyMs?: number;
  /** Plus a uniformly random 0..jitter ms. */
  latencyJitterMs?: number;
  /** Probability of a 5xx answer (the request is not applied). */
  errorRate?: number;
  /** Status for injected server errors (default 502). */
  errorStatus?: number;
  /** Probability of a 429 regardless of the real window. */
  rateLimitRate?: number;
  /** Every request is answered 429 until this many ms after the faults were set. */
  stormMs?: number;
  /** Retry-After seconds on injected 429s (HubSpot itself usually sends none). */
  retryAfterSeconds?: number;
  /** Probability the socket is destroyed before the request is handled. */
  dropRate?: number;
  /** Probability the request is applied and then the socket destroyed ("processed, response lost"). */
  lostResponseRate?: number;
  /** Only requests whose `METHOD path` matches this regular expression are faulted. */
  match?: string;
  script?: ScriptedFault[];
  /** Seed for the PRNG behind every rate and the jitter. */
  seed?: number;
}

export interface FaultDecision {
  latencyMs: number;
  kind?: ScriptedFault;
}

export class FaultInjector {
  private faults: SimFaults = {};
  private random: Random = createRandom(1);
  private stormUntil = 0;
  private matcher: RegExp | undefined;

  constructor(faults: SimFaults = {}) {
    this.set(faults);
  }

  set(faults: SimFaults): void {
    this.faults = { ...faults, script: [...(faults.script ?? [])] };
    this.random = createRandom(faults.seed ?? 1);
    this.stormUntil = faults.stormMs ? Date.now() + faults.stormMs : 0;
    this.matcher = faults.match ? new RegExp(faults.match) : undefined;
  }

  get(): SimFaults {
    return { ...this.faults, script: [...(this.faults.script ?? [])] };
  }

  get retryAfterSeconds(): number | undefined {
    return this.faults.retryAfterSeconds;
  }

  decide(method: string, path: string): FaultDecision {
    const f = this.faults;
    if (this.matcher && !this.matcher.test(`${method} ${path}`)) return { latencyMs: 0 };
    const latencyMs = (f.latencyMs ?? 0) + (f.latencyJitterMs ? Math.floor(this.random() * f.latencyJitterMs) : 0);
    const scripted = f.script?.shift();
    if (scripted) return { latencyMs, kind: scripted };
    if (Date.now() < this.stormUntil) return { latencyMs, kind: '429' };
    const roll = (p: number | undefined) => p !== undefined && p > 0 && this.random() < p;
    if (roll(f.dropRate)) return { latencyMs, kind: 'drop' };
    if (roll(f.errorRate)) return { latencyMs, kind: '5xx' };
    if (roll(f.rateLimitRate)) return { latencyMs, kind: '429' };
    if (roll(f.lostResponseRate)) return { latencyMs, kind: 'lost' };
    return { latencyMs };
  }

  get errorStatus(): number {
    return this.faults.errorStatus ?? 502;
  }
}
