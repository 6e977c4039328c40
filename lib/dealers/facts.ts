/**
 * A dealer's monthly figures that only the company's ERP (or HubSpot) knows: sales to terminals,
 * shipments, contracted volumes, arrears, credit limit … One row per dealer and month, each figure
 * with where it came from and when, so the KPI panel can show every number's source and age.
 * Fieldkit's own records (visit cards, terminals) supply the rest of the KPI inputs
 * (lib/dealers/kpi-inputs.ts; docs/kpi.md).
 */
import { z } from '../kernel/zod';
import { Id, Instant, Month, recordBase } from '../kernel/record';

/**
 * The figures a dealer-month can hold. Amounts of goods are in the company's sales unit (箱 …),
 * money in the company's currency.
 */
export const FIGURE_NAMES = [
  'sales', // 销售额/销量: the dealer's sales this month (against the target)
  'salesTarget', // 月度指标
  'shipments', // 出货量: shipped from the dealer this month
  'inventory', // 月末库存
  'terminalSales', // 已交易终端月销量
  'transactedTerminals', // 已交易终端数 (to date)
  'activeTerminals', // 本月交易终端数
  'signedTerminals', // 签约终端数
  'signedTerminalsOnTarget', // 达标签约终端数
  'signedTerminalSales', // 签约终端本期销量
  'signedContractVolume', // 签约终端本期合同量
  'arrears', // 欠款
  'creditLimit', // 授信额度
] as const;
export const FigureName = z.enum(FIGURE_NAMES);
export type FigureName = z.infer<typeof FigureName>;

/** Where a figure came from: a row of an imported file, a HubSpot company property, or typed in. */
export const FigureSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('import'), file: z.string().min(1).max(200), row: z.number().int().positive(), at: Instant }),
  z.object({ kind: z.literal('crm'), property: z.string().min(1).max(100), at: Instant }),
  z.object({ kind: z.literal('manual'), at: Instant }),
]);
export type FigureSource = z.infer<typeof FigureSource>;

export const Figure = z.object({ value: z.number().finite().nonnegative(), source: FigureSource });
export type Figure = z.infer<typeof Figure>;

export const DealerFacts = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  dealerId: Id,
  period: Month,
  figures: z.partialRecord(FigureName, Figure),
});
export type DealerFacts = z.infer<typeof DealerFacts>;

/**
 * The figures of several rows of the same dealer-month merged (two devices may each have imported
 * one): per figure, the one whose source is newest.
 */
export function mergeFigures(rows: readonly Pick<DealerFacts, 'figures'>[]): Partial<Record<FigureName, Figure>> {
  const merged: Partial<Record<FigureName, Figure>> = {};
  for (const row of rows) {
    for (const name of FIGURE_NAMES) {
      const figure = row.figures[name];
      if (figure && (!merged[name] || merged[name]!.source.at < figure.source.at)) merged[name] = figure;
    }
  }
  return merged;
}
