/**
 * Named queries: the only way views read records. Each names the index it reads, so a
 * convention test can run every query and prove that it really uses that index and that every
 * index a kind declares is read by some query (test/conventions/registry.test.ts).
 */
import type { FieldkitDatabase } from './database';

export interface NamedQuery<A, R> {
  /** `capability.what`, e.g. `visits.ofAuthorOnDay`. */
  name: string;
  table: string;
  /** The index it reads (as declared by the kind), or `:id` for the primary key. */
  index: string;
  run(db: FieldkitDatabase, args: A): Promise<R>;
  /** Arguments the convention test runs it with. */
  example: A;
}

export function defineQuery<A, R>(query: NamedQuery<A, R>): NamedQuery<A, R> {
  return query;
}

/** Live (not tombstoned) rows. */
export function isLive(row: { deletedAt?: string }): boolean {
  return !row.deletedAt;
}

/** A page of a list: how many to show, growing with "show more". */
export const PAGE_SIZE = 50;
