// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DealerPanel } from '../../components/dealers/DealerPanel';
import { LocaleProvider } from '../../components/shell/locale';
import { buildDealerPanel } from '../../lib/dealers/panel';
import { getBuiltInRuleSet } from '../../lib/rules/built-in';
import type { Locale } from '../../lib/kernel/i18n';
import { HISTORY, NOVEMBER_CARDS } from '../fixtures/dealer-history';

const ruleSets = { kpi: getBuiltInRuleSet('dealer-kpi')!, warnings: getBuiltInRuleSet('warnings')! };
const november = buildDealerPanel(HISTORY, '2026-11', ruleSets, { now: new Date(), visits: NOVEMBER_CARDS.slice(-2).reverse() });
const october = buildDealerPanel(HISTORY, '2026-10', ruleSets, { now: new Date() });

afterEach(cleanup);

function show(model: typeof november, locale: Locale, props: Partial<Parameters<typeof DealerPanel>[0]> = {}) {
  return render(
    <LocaleProvider locale={locale}>
      <DealerPanel model={model} {...props} />
    </LocaleProvider>,
  );
}

describe('DealerPanel', () => {
  it('shows score, grade, rule-set version and month (zh-CN)', () => {
    show(november, 'zh-CN');
    const score = within(screen.getByTestId('panel-score'));
    expect(score.getByText('87.5')).toBeTruthy();
    expect(score.getByText('A 级')).toBeTruthy();
    // The grade's support tier, from the rule set.
    expect(score.getByText('一级支持：最强促销支持并给予忠诚度奖励')).toBeTruthy();
    expect(screen.getByText(/2026年11月 · 经销商关键过程绩效指标与分级，第 1 版/)).toBeTruthy();
  });

  it('lists every KPI with value and target, and explains one with its sources on click (en)', async () => {
    show(november, 'en');
    const coverage = within(screen.getByTestId('kpi-visitCoverageScore'));
    expect(coverage.getByText('60%')).toBeTruthy();
    expect(coverage.getByText('target 90%')).toBeTruthy();
    await userEvent.click(coverage.getByRole('button', { name: 'Terminal visit coverage' }));
    const detail = within(screen.getByRole('region', { name: 'How Terminal visit coverage is scored' }));
    expect(detail.getByTestId('input-visitedTerminals').textContent).toBe('Terminals visited: 6 terminals9 visit cards from 1 Nov 2026 to 30 Nov 2026');
    expect(detail.getByTestId('input-totalTerminals').textContent).toContain('the terminal list (10 terminals)');
    const cover = within(screen.getByTestId('kpi-inventoryScore'));
    await userEvent.click(cover.getByRole('button', { name: 'Inventory cover' }));
    expect(screen.getByTestId('input-currentInventory').textContent).toContain('counted on the visit card of 25 Nov 2026');
    // An ERP figure names its file, row and when it was imported.
    await userEvent.click(within(screen.getByTestId('kpi-salesPerTerminalScore')).getByRole('button', { name: 'Monthly sales per terminal' }));
    expect(screen.getByTestId('input-transactedTerminalSales').textContent).toContain('imported from erp-2026-11.xlsx, row 2, on 28 Nov 2026');
  });

  it('raises warnings with their explanation and says which it cannot tell (en)', () => {
    show(november, 'en');
    const warnings = within(screen.getByTestId('panel-warnings'));
    expect(warnings.getByText('Arrears over credit limit')).toBeTruthy();
    // Why, in numbers: the inputs it read.
    expect(warnings.getByText('Arrears: CNY 120,000')).toBeTruthy();
    expect(warnings.getByText('Monthly target achievement, oldest first: 90% → 80% → 95%')).toBeTruthy();
    // A count of SKUs reads as SKUs, not as a number of times.
    expect(warnings.getByText('Required SKUs not carried: 1 SKU')).toBeTruthy();
    expect(warnings.getByText(/Cannot tell: Inventory cover per period, oldest first missing\./)).toBeTruthy();
  });

  it('never shows a missing input as 0: it names it and where to get it (zh-CN)', () => {
    show(october, 'zh-CN');
    expect(within(screen.getByTestId('panel-score')).getByText(/数据不全：已算出的指标合计/)).toBeTruthy();
    const sales = within(screen.getByTestId('kpi-salesPerTerminalScore'));
    expect(sales.getByText('无法计算')).toBeTruthy();
    expect(sales.getByText('缺少：已交易终端月度总销量（导入2026年10月的“已交易终端月销量”（ERP 数据））')).toBeTruthy();
  });

  it('says when the data may be stale and refreshes on request (en)', async () => {
    let refreshed = 0;
    show(november, 'en', { stale: true, syncedAt: new Date(Date.now() - 3 * 3600_000).toISOString(), onRefresh: () => void refreshed++ });
    expect(screen.getByText(/The data may be out of date: last synced 3 hours ago\./)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(refreshed).toBe(1);
  });

  it('offers the quick actions it is given', async () => {
    const calls: string[] = [];
    show(november, 'zh-CN', { actions: { logVisit: () => calls.push('visit'), openInPanel: () => calls.push('panel') } });
    await userEvent.click(screen.getByRole('button', { name: '在此记录拜访' }));
    await userEvent.click(screen.getByRole('button', { name: '在侧边栏打开' }));
    expect(screen.queryByRole('button', { name: '为该经销商记录竞品信息' })).toBeNull();
    expect(calls).toEqual(['visit', 'panel']);
  });
});
