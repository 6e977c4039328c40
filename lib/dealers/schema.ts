import { z } from '../kernel/zod';
import { Day, Id, Instant, recordBase } from '../kernel/record';

export const CustomerClass = z.enum(['distributor', 'potential', 'downstream']); // 经销客户 / 潜在客户 / 下游客户
export const CustomerGrade = z.enum(['A', 'B', 'C']); // A: signs within 1 month; B: 2–3 months; C: 3–6 months

/**
 * The customer file (客户档案, seed 004 line 485): its 16 fields. Only the organisation name is
 * required; everything else fills in over time and survives a rep's transfer because it lives on
 * the CRM company, not with the rep.
 */
export const CustomerFile = z.object({
  legalRepresentative: z.string().optional(), // 法人代表
  businessContact: z.string().optional(), // 业务联系人
  registrationAndTax: z.string().optional(), // 工商及税务信息
  address: z.string().optional(), // 地址
  contactDetails: z.string().optional(), // 通讯方式
  salesScale: z.string().optional(), // 销售规模
  qualificationAndCredit: z.string().optional(), // 资质信誉
  salesRegions: z.array(z.string()).default([]), // 产品销售区域
  mainProducts: z.array(z.string()).default([]), // 主销产品
  monthlySalesVolume: z.number().nonnegative().optional(), // 月销量
  transportMode: z.string().optional(), // 运输方式
  cooperationStartDate: Day.optional(), // 与公司合作持续时间 — duration is computed from this
  businessPhilosophy: z.string().optional(), // 经营理念
  corporateCulture: z.string().optional(), // 企业文化
  localEnvironment: z.string().optional(), // 所在地的政府支持度等经贸环境
});

/** A dealer (经销商) is a CRM company; `crm.objectId` is the company id once linked. */
export const Dealer = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  name: z.string().min(1), // 单位名称
  city: z.string().optional(),
  region: z.string().optional(),
  customerClass: CustomerClass.optional(),
  grade: CustomerGrade.optional(),
  creditLimit: z.number().nonnegative().optional(), // 授信额度, in the company currency
  arrears: z.number().nonnegative().optional(), // 欠款
  responsibleRepId: z.string().optional(), // 责任人 (CRM owner id)
  shared: z.boolean().default(false), // 部分客户档案资源共享
  file: CustomerFile.default({ salesRegions: [], mainProducts: [] }),
  /** HubSpot's last modification time of the company, for incremental pulls. */
  remoteModifiedAt: Instant.optional(),
});
export type Dealer = z.infer<typeof Dealer>;

/** A retail terminal (终端) served by a dealer. */
export const Terminal = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  dealerId: Id,
  name: z.string().min(1),
  address: z.string().optional(),
  signed: z.boolean().default(false), // 签约终端
  contractedVolume: z.number().nonnegative().optional(),
  firstTransactionDay: Day.optional(),
});
export type Terminal = z.infer<typeof Terminal>;
