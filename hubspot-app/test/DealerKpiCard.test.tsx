import { Alert, LoadingSpinner, Statistics, StatisticsItem, StatisticsTrend, Table, TableCell, TableRow, Tag, Text } from '@hubspot/ui-extensions';
import { createRenderer, type RenderedNode } from '@hubspot/ui-extensions/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CARD_PROPERTIES, DealerKpiCard } from '../src/app/cards/DealerKpiCard.tsx';
import { EMPTY_PROPERTIES, PARTIAL, SNAPSHOT, propertiesOf, type Properties } from './fixtures.ts';

/** Two hours after the snapshot was computed. */
const NOW = new Date('2026-11-30T12:00:00Z');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

interface Options {
  locale?: string;
  properties?: Properties;
  isLoading?: boolean;
  error?: Error;
}

/** Renders the card for a HubSpot user with `locale`, on a company with `properties`. */
function renderCard({ locale = 'en-us', properties = propertiesOf(SNAPSHOT), isLoading = false, error }: Options = {}) {
  const renderer = createRenderer('crm.record.tab');
  renderer.mocks.context.user.locale = locale;
  renderer.mocks.useCrmProperties.willCall((names) => ({
    properties: Object.fromEntries(names.map((name) => [name, properties[name] ?? null])),
    error: error ?? null,
    isLoading,
    isRefetching: false,
    refetch: async () => {},
  }));
  renderer.render(<DealerKpiCard />);
  return renderer;
}

/** All the text inside a node, however deeply nested (`.text` has only its own). */
function textOf(node: RenderedNode): string {
  if (!('childNodes' in node)) return node.text ?? '';
  return node.childNodes.map(textOf).join('');
}

const statistic = (renderer: ReturnType<typeof renderCard>, id: string) => renderer.find(StatisticsItem, { id });
const row = (renderer: ReturnType<typeof renderCard>, kpiId: string) =>
  renderer.findByTestId(TableRow, `kpi-${kpiId}`).findAll(TableCell).map(textOf);

describe('the card with a snapshot', () => {
  it('reads exactly the Fieldkit KPI properties of the company', () => {
    const renderer = renderCard();
    expect(renderer.mocks.useCrmProperties.calls[0]?.[0]).toEqual(CARD_PROPERTIES);
  });

  it('shows the score, grade and key KPIs with their trend against last month, in English', () => {
    const renderer = renderCard({ locale: 'en-us' });
    expect(renderer.maybeFind(Alert)).toBeNull();
    expect(renderer.findByTestId(Tag, 'grade').text).toBe('Grade A');
    expect(renderer.findByTestId(Text, 'period').text).toBe('November 2026');

    const score = statistic(renderer, 'score');
    expect(score.props).toMatchObject({ label: 'KPI score', number: '87.5' });
    expect(score.find(StatisticsTrend).props).toMatchObject({ direction: 'increase', value: '7.5 pts', color: 'green' });

    const stats = renderer.find(Statistics).findAll(StatisticsItem);
    expect(stats.map((s) => s.props.label)).toEqual(['KPI score', 'Terminal visit coverage', 'Distribution rate', 'Monthly terminal activity', 'Inventory cover']);
    expect(statistic(renderer, 'visitCoverageScore').props.number).toBe('60%');
    expect(statistic(renderer, 'visitCoverageScore').find(StatisticsTrend).props).toMatchObject({ direction: 'increase', value: '10 pp', color: 'green' });
    // Fewer days of stock is good news: a decrease shown in green.
    expect(statistic(renderer, 'inventoryScore').find(StatisticsTrend).props).toMatchObject({ direction: 'decrease', value: '15 days', color: 'green' });
    // No change, or last month unknown: no trend.
    expect(statistic(renderer, 'distributionScore').maybeFind(StatisticsTrend)).toBeNull();
    expect(statistic(renderer, 'activityScore').maybeFind(StatisticsTrend)).toBeNull();
    expect(renderer.find(Text, { variant: 'microcopy' }).text).toBe('vs October 2026');
  });

  it('lists every KPI with value, target, score and whether it is on target, in English', () => {
    const renderer = renderCard({ locale: 'en-us' });
    expect(renderer.find(Table).findAll(TableRow)).toHaveLength(1 + SNAPSHOT.kpis.length);
    expect(row(renderer, 'visitCoverageScore')).toEqual(['Terminal visit coverage', '60%', '≥ 90%', '66.67 pts', 'Below target']);
    expect(row(renderer, 'inventoryScore')).toEqual(['Inventory cover', '30 days', '≤ 30 days', '100 pts', 'On target']);
    expect(row(renderer, 'salesPerTerminalScore')).toEqual(['Monthly sales per terminal', '100 units', '≥ 100 units', '100 pts', 'On target']);
    expect(renderer.findByTestId(Text, 'provenance').text).toBe('Rule set: Dealer key-process KPIs and grading (dealer-kpi v1) · Computed 2 hours ago');
  });

  it('shows the same in Chinese for a Chinese HubSpot user', () => {
    const renderer = renderCard({ locale: 'zh-cn' });
    expect(renderer.findByTestId(Tag, 'grade').text).toBe('A 级');
    expect(renderer.findByTestId(Text, 'period').text).toBe('2026年11月');
    expect(statistic(renderer, 'score').props).toMatchObject({ label: 'KPI 得分', number: '87.5' });
    expect(statistic(renderer, 'score').find(StatisticsTrend).props).toMatchObject({ direction: 'increase', value: '7.5 分', color: 'green' });
    expect(statistic(renderer, 'inventoryScore').props).toMatchObject({ label: '库存周转天数', number: '30 天' });
    expect(statistic(renderer, 'inventoryScore').find(StatisticsTrend).props).toMatchObject({ direction: 'decrease', value: '15 天', color: 'green' });
    expect(row(renderer, 'visitCoverageScore')).toEqual(['终端拜访覆盖率', '60%', '≥ 90%', '66.67 分', '未达标']);
    expect(row(renderer, 'inventoryScore')).toEqual(['库存周转天数', '30 天', '≤ 30 天', '100 分', '达标']);
    expect(renderer.find(Text, { variant: 'microcopy' }).text).toBe('对比2026年10月');
    expect(renderer.findByTestId(Text, 'provenance').text).toBe('规则集：经销商关键过程绩效指标与分级 (dealer-kpi v1) · 计算于2小时前');
  });

  it('shows a worsening KPI in red', () => {
    const worse = { ...SNAPSHOT, kpis: SNAPSHOT.kpis.map((k) => (k.id === 'inventoryScore' ? { ...k, previous: 20 } : k)) };
    const renderer = renderCard({ properties: propertiesOf(worse) });
    expect(statistic(renderer, 'inventoryScore').find(StatisticsTrend).props).toMatchObject({ direction: 'increase', value: '10 days', color: 'red' });
  });

  it('explains a partial score instead of showing a number', () => {
    const renderer = renderCard({ properties: propertiesOf(PARTIAL) });
    expect(statistic(renderer, 'score').props.number).toBe('—');
    expect(renderer.maybeFindByTestId(Tag, 'grade')).toBeNull();
    const alert = renderer.find(Alert);
    expect(alert.props).toMatchObject({ title: 'Partial score', variant: 'warning' });
    expect(alert.text).toBe('Some inputs are missing, so there is no total (known so far: 60 pts)');
    // The KPIs that could be computed still show.
    expect(row(renderer, 'inventoryScore')[1]).toBe('30 days');
  });
});

describe('the card without a usable snapshot', () => {
  it('says there is no snapshot yet and how to get one, in English', () => {
    const renderer = renderCard({ locale: 'en-us', properties: EMPTY_PROPERTIES });
    const alert = renderer.find(Alert);
    expect(alert.props).toMatchObject({ title: 'No KPI snapshot yet', variant: 'info' });
    expect(alert.text).toContain('No KPI snapshot yet — install Fieldkit and sync this dealer');
    expect(renderer.maybeFind(Statistics)).toBeNull();
    expect(renderer.maybeFind(Table)).toBeNull();
  });

  it('says the same in Chinese', () => {
    const renderer = renderCard({ locale: 'zh-cn', properties: EMPTY_PROPERTIES });
    const alert = renderer.find(Alert);
    expect(alert.props).toMatchObject({ title: '暂无 KPI 快照', variant: 'info' });
    expect(alert.text).toContain('请安装 Fieldkit 并同步该经销商');
  });

  it.each([
    ['not JSON', '{"version":1,'],
    ['the wrong shape', JSON.stringify({ ...SNAPSHOT, period: 'last month' })],
    ['a script where a number belongs', JSON.stringify({ ...SNAPSHOT, score: '<script>alert(1)</script>' })],
  ])('warns, without crashing, when the snapshot is %s', (_, detail) => {
    const renderer = renderCard({ properties: { ...propertiesOf(SNAPSHOT), fieldkit_kpi_detail: detail } });
    const alert = renderer.find(Alert);
    expect(alert.props).toMatchObject({ title: 'The KPI snapshot cannot be read', variant: 'warning' });
    expect(alert.findAll(Text)[1]?.text).toMatch(/^Details: \S/);
    expect(renderer.maybeFind(Statistics)).toBeNull();
    expect(renderer.maybeFind(Table)).toBeNull();
  });

  it('warns in Chinese when the snapshot is malformed', () => {
    const renderer = renderCard({ locale: 'zh-cn', properties: { ...propertiesOf(SNAPSHOT), fieldkit_kpi_detail: '[]' } });
    expect(renderer.find(Alert).props).toMatchObject({ title: 'KPI 快照无法读取', variant: 'warning' });
    expect(textOf(renderer.find(Alert))).toContain('请在 Fieldkit 中重新同步该经销商');
  });

  it('treats summary properties without the detail as damaged, not as "no snapshot"', () => {
    const renderer = renderCard({ properties: { ...propertiesOf(SNAPSHOT), fieldkit_kpi_detail: null } });
    expect(renderer.find(Alert).props.title).toBe('The KPI snapshot cannot be read');
  });

  it('asks for an update when a newer Fieldkit wrote the snapshot', () => {
    const renderer = renderCard({ properties: { ...propertiesOf(SNAPSHOT), fieldkit_kpi_detail: JSON.stringify({ ...SNAPSHOT, version: 2 }) } });
    expect(renderer.find(Alert).props).toMatchObject({ title: 'KPI snapshot from a newer Fieldkit', variant: 'warning' });
  });

  it('shows a spinner while the properties load, and an error if they cannot', () => {
    expect(renderCard({ isLoading: true }).find(LoadingSpinner).props.label).toBe('Loading the KPI snapshot…');
    const failed = renderCard({ locale: 'zh-cn', error: new Error('network') });
    expect(failed.find(Alert).props).toMatchObject({ title: '无法加载 KPI 快照', variant: 'error' });
  });
});
