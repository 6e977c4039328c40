import { z } from '../../kernel/zod';
import { Day, Id, recordBase } from '../../kernel/record';
import { PriceKind } from '../schema';

/**
 * The competitor and product dictionary keeps names consistent so intel rolls up per competitor
 * product. Every field added since the first shape is optional or has a default, so rows written
 * as schemaVersion 1 (and notes pulled from a device on an older build) still parse; migration
 * 009 writes those defaults into rows already stored.
 */

/** A rep's inline addition waits for a manager or admin; entries they write are approved at once. */
export const DictionaryStatus = z.enum(['approved', 'pending']);
export type DictionaryStatus = z.infer<typeof DictionaryStatus>;

const Name = z.string().trim().min(1).max(200);
/** Other names of the same thing (美孚 / Mobil / ExxonMobil), as people write them. */
const Aliases = z.array(Name).max(100).default([]);

const reviewFields = {
  /** Rows written before review existed were an admin's: approved. */
  status: DictionaryStatus.default('approved'),
  /**
   * A merged duplicate stays (history, intel that points at it) and names its survivor; its names
   * became aliases of the survivor. Chains are followed (A → B → C).
   */
  mergedInto: Id.optional(),
  /** The survivor's name when merged, so the CRM note says where it went (ids never reach a note). */
  mergedIntoName: z.string().max(200).optional(),
};

export const Competitor = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  name: Name,
  aliases: Aliases,
  /** Product lines sold under their own name (美孚1号, 速霸, Mobil 1). */
  brands: Aliases,
  ...reviewFields,
});
export type Competitor = z.infer<typeof Competitor>;

/** What we sell our own product for, from a day on (the price chart's "our price" line). */
export const OwnPrice = z.object({
  kind: PriceKind,
  amount: z.number().nonnegative(),
  currency: z.string().min(3).max(3).default('CNY'),
  unit: z.string().trim().min(1).max(50),
  from: Day,
});
export type OwnPrice = z.infer<typeof OwnPrice>;

export const Product = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  /** Absent for our own products; set for a competitor's. */
  competitorId: Id.optional(),
  /** The competitor's name as it was when saved: the CRM note names it (notes cannot look it up). */
  competitorName: z.string().max(200).optional(),
  brand: z.string().trim().max(200).optional(),
  name: Name,
  /** '' when unknown (a competitor's product seen before its code is), so the sku index still covers it. */
  sku: z.string().trim().max(200).default(''),
  /** Viscosity, pack size, pack count as written on the pack: 0W-40 4L, 1L×12. */
  spec: z.string().trim().max(200).optional(),
  aliases: Aliases,
  unit: z.string().default('箱'),
  /** Our own products only: what we sell it for. */
  prices: z.array(OwnPrice).max(200).optional(),
  /** Competitor products only: the id of our product it competes with. */
  comparesWith: Id.optional(),
  ...reviewFields,
});
export type Product = z.infer<typeof Product>;
