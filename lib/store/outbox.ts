import { z } from '../kernel/zod';
import { Id, Instant } from '../kernel/record';

/** The table of a synced kind (one whose declaration has a CRM mapping; lib/kinds.ts). */
export const SyncedTable = z.string().min(1);
export type SyncedTable = z.infer<typeof SyncedTable>;

/**
 * One pending write to the CRM, written in the same Dexie transaction as the record itself so a
 * record can never exist without its pending sync (or the reverse). One entry per record: a later
 * edit updates the entry instead of queueing a second one.
 */
export const OutboxEntry = z.object({
  id: Id,
  table: SyncedTable,
  recordId: Id,
  operation: z.enum(['upsert', 'delete']),
  status: z.enum(['pending', 'inFlight', 'needsAttention', 'done']),
  /** updatedAt of the record version that must reach the CRM. */
  recordVersion: Instant,
  attempts: z.number().int().nonnegative().default(0),
  /** When the next drain may try this entry (ISO instant); backoff and Retry-After set it. */
  nextAttemptAt: Instant,
  /** Set before a create is sent: a retry must look the record up first (response may be lost). */
  createSentAt: Instant.optional(),
  lastError: z
    .object({ kind: z.string(), message: z.string(), status: z.number().optional(), at: Instant })
    .optional(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;
