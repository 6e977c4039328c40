import { appendFileSync, writeFileSync } from 'node:fs';

/** One served request, as written to the JSONL log and kept in memory for tests. */
export interface LogEntry {
  time: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
  status: number;
  durationMs: number;
  /** Set when a fault was injected: the status then says what the client saw (0 = no response). */
  fault?: string;
  /** A 429's `policyName` (TEN_SECONDLY_ROLLING, SECONDLY for search, DAILY). */
  policy?: string;
}

export class RequestLog {
  readonly entries: LogEntry[] = [];

  constructor(private readonly file?: string) {
    if (file) writeFileSync(file, '');
  }

  add(entry: LogEntry): void {
    this.entries.push(entry);
    // Synchronous append keeps lines whole and in order even when the process is killed.
    if (this.file) appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }

  clear(): void {
    this.entries.length = 0;
  }
}

export function queryObject(q: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(q.keys())) {
    const all = q.getAll(key);
    out[key] = all.length === 1 ? (all[0] ?? '') : all;
  }
  return out;
}
