/**
 * The panel's view-model as a zod schema: it crosses the message channel from the background to
 * the panel on a HubSpot page, and the client checks every reply against it.
 */
import { z } from '../kernel/zod';
import { ItemResult } from '../rules/assessment-schema';
import { Localized } from '../rules/rule-set-schema';
import { FigureName, FigureSource } from './facts';

const Num = z.number().finite();
const Value = z.union([Num, z.array(Num)]);

export const InputSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('figure'), figure: FigureName, period: z.string(), source: FigureSource }),
  z.object({ kind: z.literal('figures'), figure: z.union([FigureName, z.enum(['inventoryCover', 'achievement'])]), from: z.string(), to: z.string(), months: z.number().int() }),
  z.object({ kind: z.literal('terminals'), count: z.number().int() }),
  z.object({ kind: z.literal('visits'), cards: z.number().int(), from: z.string(), to: z.string() }),
  z.object({ kind: z.literal('visitCard'), day: z.string() }),
  z.object({ kind: z.literal('dealerFile'), field: z.enum(['arrears', 'creditLimit']), updatedAt: z.string() }),
]);

export const MissingInputSchema = z.discriminatedUnion('need', [
  z.object({ need: z.literal('terminalList') }),
  z.object({ need: z.literal('figure'), figure: FigureName, period: z.string() }),
  z.object({ need: z.literal('figureMonths'), figure: FigureName, months: z.number().int(), period: z.string() }),
  z.object({ need: z.literal('visits'), period: z.string() }),
]);

const PanelInputSchema = z.object({ name: z.string(), label: Localized, unit: z.string().optional(), value: Value.optional(), source: InputSourceSchema.optional(), missing: MissingInputSchema.optional() });

export const DealerPanelModelSchema = z.object({
  dealer: z.object({ id: z.string(), name: z.string(), city: z.string().optional(), region: z.string().optional(), grade: z.string().optional(), crmId: z.string().optional() }),
  period: z.string(),
  computedAt: z.string(),
  ruleSet: z.object({ id: z.string(), version: z.number().int(), name: Localized }),
  score: z.object({
    total: Num.nullable(),
    knownTotal: Num,
    unit: z.string(),
    grade: z.string().nullable(),
    gradeLabel: Localized.optional(),
    gradeNote: Localized.optional(),
    partial: z.boolean(),
    series: z.array(z.object({ period: z.string(), total: Num.nullable() })),
    previous: Num.nullable(),
  }),
  kpis: z.array(
    z.object({
      id: z.string(),
      label: Localized,
      value: Num.nullable(),
      unit: z.string().optional(),
      target: Num.nullable(),
      better: z.enum(['higher', 'lower']).optional(),
      score: Num.nullable(),
      weight: Num,
      status: z.enum(['ok', 'partial', 'missing', 'error']),
      previous: Num.nullable(),
      lastYear: Num.nullable(),
      series: z.array(z.object({ period: z.string(), value: Num.nullable() })),
      explanation: ItemResult,
      inputs: z.array(PanelInputSchema),
    }),
  ),
  warnings: z.array(z.object({ id: z.string(), label: Localized, raised: z.boolean(), explanation: Localized.optional(), inputs: z.array(PanelInputSchema), missing: z.array(PanelInputSchema) })),
  inputs: z.record(z.string(), PanelInputSchema),
  visits: z.array(
    z.object({
      id: z.string(),
      day: z.string(),
      author: z.string(),
      orderQuantity: Num.optional(),
      currentInventory: Num.optional(),
      unit: z.string(),
      keyAccount: z.boolean(),
      note: z.string(),
      skusNotCarried: z.number().int(),
    }),
  ),
  intel: z.array(
    z.object({
      id: z.string(),
      day: z.string(),
      competitor: z.string(),
      product: z.string().optional(),
      price: z.object({ amount: Num, currency: z.string(), unit: z.string().optional(), kind: z.string() }).optional(),
      promotion: z.string().optional(),
    }),
  ),
});

/** What the panel on a HubSpot company page gets: the dealer's panel, or why there is none. */
export const CompanyPanelReply = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('dealer'),
    model: DealerPanelModelSchema,
    /** Last pull from HubSpot; null when never. */
    syncedAt: z.string().nullable(),
    stale: z.boolean(),
  }),
  z.object({
    kind: z.literal('notDealer'),
    /** The page's HubSpot account is the one Fieldkit is connected to (else: another portal). */
    samePortal: z.boolean(),
    connected: z.boolean(),
  }),
]);
export type CompanyPanelReply = z.infer<typeof CompanyPanelReply>;
