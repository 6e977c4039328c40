import { z } from './zod';

/** ULID: 26 Crockford base-32 characters; sorts by creation time. */
export const Id = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'expected a ULID (26 Crockford base-32 characters)');
export type Id = z.infer<typeof Id>;

/** An instant, ISO 8601 with offset, e.g. 2026-11-23T08:30:00.000Z. */
export const Instant = z.iso.datetime({ offset: true });

/** A calendar day the record is about (not when it was written): YYYY-MM-DD in the rep's zone. */
export const Day = z.iso.date();

/** ISO week, e.g. 2026-W48 — weekly reports and the "a rep's records by ISO week" index. */
export const IsoWeek = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'expected an ISO week like 2026-W48');

/** Calendar month, e.g. 2026-11. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month like 2026-11');

/** Who wrote a record: a CRM owner id when connected, a local profile id before. */
export const Author = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
});
export type Author = z.infer<typeof Author>;

/** Link to the CRM object a record has been written to (set by the sync engine). */
export const CrmLink = z.object({
  objectType: z.string(),
  objectId: z.string(),
  syncedAt: Instant,
  /** `updatedAt` of the local record that the CRM copy reflects; used to detect remote edits. */
  syncedVersion: Instant,
  /**
   * Server versions (the CRM's own last-modified time, never a device clock; lib/sync/merge.ts):
   * the latest this device knows of the CRM copy, the one its own last push produced, and the
   * latest written by another device that this device merged. Absent on links made before them.
   */
  serverVersion: Instant.optional(),
  pushedVersion: Instant.optional(),
  seenVersion: Instant.optional(),
});

/**
 * Fields every stored record carries. `schemaVersion` is per record type so a migration can
 * tell old shapes from new ones; `deletedAt` is a tombstone so deletes sync like edits.
 */
export const recordBase = {
  id: Id,
  schemaVersion: z.number().int().positive(),
  author: Author,
  createdAt: Instant,
  updatedAt: Instant,
  deletedAt: Instant.optional(),
  crm: CrmLink.optional(),
};
