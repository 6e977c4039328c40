import { z } from '../kernel/zod';
import { Author, Day, Id, Instant, recordBase } from '../kernel/record';

export const PromotionType = z.enum([
  'discount',
  'bundle', // 捆绑销售
  'gift', // 赠品
  'rebate', // 返点
  'points', // 积分累计
  'display', // 陈列 / 堆头
  'priceCut', // 降价
  'newLaunch', // 新品上市
  'other',
]);

export const PriceKind = z.enum(['retail', 'wholesale', 'supply']); // 零售价 / 批发价 / 供货价

export const ObservedPrice = z.object({
  kind: PriceKind,
  amount: z.number().nonnegative(),
  currency: z.string().default('CNY'),
  /** 元/条, 元/箱, 元/瓶 …; '' when the page gave none: the price of the product as listed (its spec says the pack). */
  unit: z.string().max(50).default(''),
});

/**
 * A later observation of the same thing, added to an earlier item instead of saved as a new one
 * (the near-duplicate hint's "add to it"): who saw it, when, where, and at what price.
 */
export const Sighting = z.object({
  observedDay: Day,
  by: Author,
  at: Instant,
  prices: z.array(ObservedPrice).max(20).default([]),
  dealerId: Id.optional(),
  region: z.string().max(200).optional(),
  channel: z.string().max(200).optional(),
  sourceUrl: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  sourceTitle: z.string().max(500).optional(),
});
export type Sighting = z.infer<typeof Sighting>;

/**
 * Competitor intel (竞品信息) / information flash (信息快报). Text captured from a web page is
 * untrusted: it is stored as plain text (never rendered as HTML) and capped in length.
 */
export const IntelItem = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  observedDay: Day,
  competitorId: Id.optional(),
  competitorName: z.string().min(1).max(200),
  brand: z.string().max(200).optional(),
  product: z.string().max(200).optional(),
  sku: z.string().max(200).default(''), // '' when unknown, so the compound index still covers it
  spec: z.string().max(200).optional(),
  prices: z.array(ObservedPrice).default([]),
  promotion: z
    .object({
      type: PromotionType,
      description: z.string().max(2000).default(''),
      from: Day.optional(),
      to: Day.optional(),
    })
    .optional(),
  channel: z.string().max(200).optional(),
  region: z.string().max(200).optional(),
  dealerId: Id.optional(),
  terminalId: Id.optional(),
  sourceUrl: z.url({ protocol: /^https?$/ }).max(2048).optional(), // never javascript:, data: or file:
  sourceTitle: z.string().max(500).optional(),
  sourceText: z.string().max(5000).optional(),
  /** A data: URL of a screenshot, PNG or JPEG only. */
  screenshot: z
    .string()
    .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, 'expected a PNG or JPEG data URL')
    .max(3_000_000)
    .optional(),
  confidence: z.enum(['low', 'medium', 'high']).default('medium'),
  /** Later sightings of the same observation by anyone (oldest first); at most 200 are kept. */
  sightings: z.array(Sighting).max(200).default([]),
});
export type IntelItem = z.infer<typeof IntelItem>;
