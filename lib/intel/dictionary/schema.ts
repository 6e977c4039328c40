import { z } from '../../kernel/zod';
import { Id, recordBase } from '../../kernel/record';

/** Dictionary entries keep names consistent so intel rolls up per competitor product. */
export const Competitor = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  name: z.string().min(1).max(200),
  aliases: z.array(z.string()).default([]),
});
export type Competitor = z.infer<typeof Competitor>;

export const Product = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  /** Absent for our own products; set for a competitor's. */
  competitorId: Id.optional(),
  brand: z.string().max(200).optional(),
  name: z.string().min(1).max(200),
  sku: z.string().min(1).max(200),
  spec: z.string().max(200).optional(),
  unit: z.string().default('箱'),
});
export type Product = z.infer<typeof Product>;
