import { z } from '../kernel/zod';
import { Id, Instant, IsoWeek, recordBase } from '../kernel/record';

/**
 * A generated report (one-click weekly report, team roll-up, competitive analysis). It keeps the
 * ids of the records it was built from so a reader can drill down and a rebuild can be compared.
 */
export const Report = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  kind: z.enum(['weekly', 'teamRollup', 'competitorAnalysis']),
  isoWeek: IsoWeek.optional(),
  title: z.string().min(1).max(200),
  /** Editable body as structured sections; export renders them. */
  sections: z.array(z.object({ heading: z.string(), lines: z.array(z.string()) })).default([]),
  sourceRecordIds: z.array(Id).default([]),
  generatedAt: Instant,
  postedAt: Instant.optional(),
});
export type Report = z.infer<typeof Report>;

/** A report template an admin defines: which sections, deadlines, and required fields. */
export const Template = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  kind: z.enum(['daily', 'weekly', 'monthly', 'inspection']),
  name: z.string().min(1),
  version: z.number().int().positive(),
  /** Deadline rule, e.g. weekly: Friday 18:00, grace Monday 09:00 with a reason. */
  deadline: z.object({
    dayOfWeek: z.number().int().min(1).max(7).optional(), // ISO: 1 = Monday
    dayOfMonth: z.union([z.number().int().min(1).max(31), z.literal('last')]).optional(),
    time: z.string().regex(/^\d{2}:\d{2}$/),
    graceUntil: z
      .object({ dayOffset: z.number().int(), time: z.string().regex(/^\d{2}:\d{2}$/), reasonRequired: z.boolean() })
      .optional(),
  }),
  requiredFields: z.array(z.string()).default([]),
  minKeyAccountVisits: z.number().int().nonnegative().optional(),
  remindBeforeMinutes: z.number().int().nonnegative().default(60),
});
export type Template = z.infer<typeof Template>;
