/**
 * The near-duplicate check's messages (lib/intel/near-duplicates.ts), apart from its store code:
 * the message protocol, and so the capture content script, import these schemas only.
 */
import { z } from '../kernel/zod';
import { Day, Id } from '../kernel/record';
import { ObservedPrice } from './schema';

/** What is being saved, as far as the comparison needs it. */
export const NearDuplicateProbe = z
  .object({
    competitorName: z.string().trim().min(1).max(200),
    product: z.string().max(200).optional(),
    sku: z.string().max(200).default(''),
    observedDay: Day,
    prices: z.array(ObservedPrice).max(20),
    /** The item being edited is never its own duplicate. */
    excludeId: Id.optional(),
  })
  .strict();
export type NearDuplicateProbe = z.input<typeof NearDuplicateProbe>;

/** An earlier item as the hint shows it: no more than the rep needs to recognise it. */
export const NearDuplicateView = z.object({
  id: Id,
  competitorName: z.string(),
  product: z.string().optional(),
  sku: z.string(),
  spec: z.string().optional(),
  observedDay: Day,
  authorName: z.string(),
  /** Logged by the rep asking: the hint says "you" rather than their own name. */
  byMe: z.boolean().default(false),
  /** The earlier price that is close, and the probe's price it is close to. */
  match: z.object({ kind: ObservedPrice.shape.kind, earlier: ObservedPrice, now: ObservedPrice }),
  sourceTitle: z.string().optional(),
  sightings: z.number().int().nonnegative(),
});
export type NearDuplicateView = z.infer<typeof NearDuplicateView>;

