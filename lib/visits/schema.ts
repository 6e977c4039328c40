import { z } from '../kernel/zod';
import { Day, Id, IsoWeek, recordBase } from '../kernel/record';
import { MAX_PHOTOS_PER_VISIT } from './photo-size';

/** The four mandatory actions of every visit (seed 000): 查库存, 做陈列, 下订单, 推荐新品. */
export const VisitActions = z.object({
  checkedInventory: z.boolean(),
  didDisplay: z.boolean(),
  tookOrder: z.boolean(),
  recommendedNewProducts: z.boolean(),
});

export const RequiredSku = z.object({
  sku: z.string().min(1),
  carried: z.boolean(),
});

/**
 * A customer-card visit record (客户卡式工作日记). Designed so the rep types a few numbers:
 * everything historical is prefilled. `recentPurchases` is computed from earlier cards, never typed.
 */
export const VisitCard = z.object({
  ...recordBase,
  schemaVersion: z.literal(2),
  dealerId: Id,
  terminalId: Id.optional(),
  visitDay: Day, // the day the visit happened, may differ from createdAt (back-filled cards)
  isoWeek: IsoWeek, // of visitDay; added in database version 2 for "a rep's records by ISO week"
  previousPeriodSales: z.number().nonnegative().optional(), // 往期销量
  currentInventory: z.number().nonnegative().optional(), // 当期库存 (counted, not copied)
  orderQuantity: z.number().nonnegative().optional(), // 本次进货量
  unit: z.string().default('箱'),
  orderedSkus: z.array(z.string()).default([]), // 进货品种
  requiredSkus: z.array(RequiredSku).default([]), // 公司要求分销的品种
  recentPurchases: z.array(z.object({ day: Day, quantity: z.number().nonnegative() })).default([]), // 最近几次进货数量
  actions: VisitActions,
  keyAccount: z.boolean().default(false), // 大客户走访
  note: z.string().max(2000).default(''),
  /**
   * How many display photos (陈列照片) the card has. The photos are records of their own
   * (visitPhotos, kept on the device); the count lets a list and the CRM note mention them
   * without reading them. Absent means none.
   */
  photoCount: z.number().int().positive().max(MAX_PHOTOS_PER_VISIT).optional(),
});
export type VisitCard = z.infer<typeof VisitCard>;
