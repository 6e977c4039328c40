import { describe, expect, it } from 'vitest';
import { buildDealerPanel, type DealerPanelModel, type PanelKpi } from '../../lib/dealers/panel';
import {
  KpiSnapshot,
  MAX_DETAIL_CHARS,
  MAX_SNAPSHOT_KPIS,
  SNAPSHOT_FIELD_NAMES,
  snapshotFields,
  snapshotFromFields,
  snapshotOf,
  snapshotView,
  type SnapshotRead,
} from '../../lib/dealers/snapshot';
import { getBuiltInRuleSet } from '../../lib/rules/built-in';
import { HISTORY } from '../fixtures/dealer-history';

const ruleSets = { kpi: getBuiltInRuleSet('dealer-kpi')!, warnings: getBuiltInRuleSet('warnings')! };
/** The hand-worked month of test/fixtures/dealer-history.ts: 87.5, grade A. */
const PANEL = buildDealerPanel(HISTORY, '2026-11', ruleSets, { now: new Date('2026-11-30T10:00:00Z') });
const NOW = new Date('2026-11-30T12:00:00Z');

const kpiOf = (model: DealerPanelModel, id: string) => model.kpis.find((k) => k.id === id)!;
const withKpi = (model: DealerPanelModel, id: string, patch: Partial<PanelKpi>): DealerPanelModel => ({
  ...model,
  kpis: model.kpis.map((k) => (k.id === id ? { ...k, ...patch } : k)),
});
/** A panel whose score last month was known, so the score has a trend. */
const withLastMonth = (model: DealerPanelModel, total: number): DealerPanelModel => ({
  ...model,
  score: { ...model.score, series: model.score.series.map((s) => (s.period === '2026-10' ? { ...s, total } : s)) },
});
const partialPanel: DealerPanelModel = { ...PANEL, score: { ...PANEL.score, total: null, knownTotal: 60, grade: null, partial: true } };

function expectRefused(read: SnapshotRead, reason: string, message?: RegExp) {
  expect(read.ok).toBe(false);
  if (read.ok) return;
  expect(read.reason).toBe(reason);
  if (message) expect(read.message).toMatch(message);
}

describe('snapshotOf', () => {
  const snapshot = snapshotOf(PANEL);

  it('keeps the score, grade, rule set, month and when it was computed', () => {
    expect(snapshot).toMatchObject({
      version: 1,
      period: '2026-11',
      computedAt: '2026-11-30T10:00:00.000Z',
      ruleSetId: 'dealer-kpi',
      ruleSetVersion: 1,
      score: 87.5,
      knownTotal: 87.5,
      grade: 'A',
      partial: false,
      kpisOmitted: 0,
    });
    expect(snapshot.ruleSetName?.['zh-CN']).toBeTruthy();
  });

  it('keeps each KPI’s value, target, direction, last month and points, with both labels', () => {
    expect(snapshot.kpis.map((k) => k.id)).toEqual(PANEL.kpis.map((k) => k.id));
    expect(snapshot.kpis[0]).toEqual({
      id: 'visitCoverageScore',
      label: kpiOf(PANEL, 'visitCoverageScore').label,
      value: 0.6,
      unit: 'percent',
      target: 0.9,
      better: 'higher',
      previous: 0,
      score: kpiOf(PANEL, 'visitCoverageScore').score,
    });
    // Not computable last month: null, never 0.
    expect(snapshot.kpis.find((k) => k.id === 'salesPerTerminalScore')!.previous).toBeNull();
  });

  it('keeps the last six months of the score, ending at the month', () => {
    expect(snapshot.scoreSeries.map((s) => s.period)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(snapshot.scoreSeries.at(-1)).toEqual({ period: '2026-11', total: 87.5 });
  });

  it('keeps the eight heaviest KPIs in the rule set’s order and counts the rest', () => {
    const extra = Array.from({ length: 6 }, (_, i): PanelKpi => ({ ...PANEL.kpis[0]!, id: `extra${i}`, weight: i === 2 ? 99 : 0.001 }));
    const many = { ...PANEL, kpis: [...extra.slice(0, 3), ...PANEL.kpis, ...extra.slice(3)] };
    const kept = snapshotOf(many);
    expect(kept.kpis).toHaveLength(MAX_SNAPSHOT_KPIS);
    expect(kept.kpisOmitted).toBe(4);
    // extra2 outweighs all; of the light ones, the first in order (extra0) fills the eighth place.
    expect(kept.kpis.map((k) => k.id)).toEqual(['extra0', 'extra2', ...PANEL.kpis.map((k) => k.id)]);
  });

  it('drops values that are not finite numbers to null', () => {
    const odd = snapshotOf(withKpi(PANEL, 'inventoryScore', { value: Number.NaN, target: Number.POSITIVE_INFINITY }));
    expect(odd.kpis.find((k) => k.id === 'inventoryScore')).toMatchObject({ value: null, target: null });
  });

  it('refuses a panel that is not one (a malformed month)', () => {
    expect(() => snapshotOf({ ...PANEL, period: 'November' })).toThrow();
  });
});

describe('snapshotFields', () => {
  it('gives flat fields for lists and reports, and the whole snapshot as JSON', () => {
    const fields = snapshotFields(snapshotOf(PANEL));
    expect(Object.keys(fields)).toEqual([...SNAPSHOT_FIELD_NAMES]);
    expect(fields).toMatchObject({
      kpiScore: 87.5,
      kpiGrade: 'A',
      kpiPeriod: '2026-11',
      kpiRuleSet: 'dealer-kpi@1',
      kpiComputedAt: '2026-11-30T10:00:00.000Z',
      kpiPartial: 'false',
    });
    expect(JSON.parse(fields.kpiDetail)).toEqual(snapshotOf(PANEL));
  });

  it('writes an empty score and grade when partial (clearing the old ones), and partial true', () => {
    const fields = snapshotFields(snapshotOf(partialPanel));
    expect(fields).toMatchObject({ kpiScore: '', kpiGrade: '', kpiPartial: 'true' });
  });

  it('keeps the detail under 65,536 characters whatever the rule set’s labels, ids and units', () => {
    // Control characters are the worst case: JSON writes each as six characters.
    const huge = '\u0001"\\'.repeat(30_000);
    const kpis = Array.from({ length: 40 }, (_, i): PanelKpi => ({
      ...PANEL.kpis[0]!,
      id: `${i}${huge}`,
      label: { en: huge, 'zh-CN': '经'.repeat(50_000) },
      unit: huge,
      weight: i,
    }));
    const model: DealerPanelModel = {
      ...PANEL,
      ruleSet: { ...PANEL.ruleSet, name: { en: huge, 'zh-CN': huge } },
      score: { ...PANEL.score, grade: huge, gradeLabel: { en: huge, 'zh-CN': huge }, unit: huge, series: Array.from({ length: 600 }, () => ({ period: '2026-11', total: 1 })) },
      kpis,
    };
    const fields = snapshotFields(snapshotOf(model));
    expect(fields.kpiDetail.length).toBeLessThan(MAX_DETAIL_CHARS);
    const read = snapshotFromFields(fields as unknown as Record<string, string>);
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.snapshot.kpis).toHaveLength(MAX_SNAPSHOT_KPIS);
  });

  it('drops KPIs rather than write a detail over the limit', () => {
    // Bypasses snapshotOf's clipping to exercise the last guard.
    const snapshot = snapshotOf(PANEL);
    const bloated = { ...snapshot, kpis: snapshot.kpis.map((k) => ({ ...k, label: { en: 'x'.repeat(20_000), 'zh-CN': 'y' } })) };
    const fields = snapshotFields(bloated);
    expect(fields.kpiDetail.length).toBeLessThan(MAX_DETAIL_CHARS);
    const detail = JSON.parse(fields.kpiDetail) as KpiSnapshot;
    expect(detail.kpis.length + detail.kpisOmitted).toBe(snapshot.kpis.length);
    expect(detail.kpisOmitted).toBeGreaterThan(0);
  });
});

describe('snapshotFromFields', () => {
  const fields = snapshotFields(snapshotOf(PANEL));
  const asText = (f: object) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, String(v)]));

  it('reads back what snapshotFields wrote (fields arrive as text)', () => {
    expect(snapshotFromFields(asText(fields))).toEqual({ ok: true, snapshot: snapshotOf(PANEL) });
    expect(snapshotFromFields(asText(snapshotFields(snapshotOf(partialPanel))))).toEqual({ ok: true, snapshot: snapshotOf(partialPanel) });
  });

  it('says "missing" when nothing has been written', () => {
    expectRefused(snapshotFromFields({}), 'missing');
    expectRefused(snapshotFromFields(Object.fromEntries(SNAPSHOT_FIELD_NAMES.map((n) => [n, null]))), 'missing');
    expectRefused(snapshotFromFields({ kpiDetail: '', kpiScore: '', kpiPartial: '  ' }), 'missing');
  });

  it('says "malformed" when the summary fields are set but the detail is gone', () => {
    expectRefused(snapshotFromFields({ kpiScore: '87.5', kpiGrade: 'A', kpiDetail: '' }), 'malformed', /kpiDetail is empty but kpiScore, kpiGrade are set/);
  });

  it.each([
    ['not JSON', '{"version":1,', /not valid JSON/],
    ['a JSON array', '[1,2]', /not a JSON object/],
    ['JSON null', 'null', /not a JSON object/],
    ['a number', '42', /not a JSON object/],
    ['an empty object', '{}', /version/],
    ['a score as text', JSON.stringify({ ...snapshotOf(PANEL), score: '87.5' }), /^score:/],
    ['an infinite score', JSON.stringify(snapshotOf(PANEL)).replace('"score":87.5', '"score":1e999'), /^score:/],
    ['month 13', JSON.stringify({ ...snapshotOf(PANEL), period: '2026-13' }), /^period:/],
    ['a bad instant', JSON.stringify({ ...snapshotOf(PANEL), computedAt: 'yesterday' }), /^computedAt:/],
    ['nine KPIs', JSON.stringify({ ...snapshotOf(PANEL), kpis: Array(9).fill(snapshotOf(PANEL).kpis[0]) }), /^kpis:/],
    ['a KPI without a label', JSON.stringify({ ...snapshotOf(PANEL), kpis: [{ ...snapshotOf(PANEL).kpis[0], label: undefined }] }), /^kpis\.0\.label:/],
    ['an overlong label', JSON.stringify({ ...snapshotOf(PANEL), kpis: [{ ...snapshotOf(PANEL).kpis[0], label: { en: 'x'.repeat(500), 'zh-CN': 'y' } }] }), /^kpis\.0\.label\.en:/],
    ['a detail over the limit', `{"version":1,"pad":"${'x'.repeat(MAX_DETAIL_CHARS)}"}`, /longer than 65536/],
    ['deeply nested arrays', JSON.stringify(snapshotOf(PANEL)).replace('"kpis":[', `"kpis":[${'['.repeat(30_000)}${']'.repeat(30_000)},`), /^kpis\.0:/],
  ])('says "malformed" for %s, with where', (_, kpiDetail, message) => {
    expectRefused(snapshotFromFields({ ...asText(fields), kpiDetail }), 'malformed', message);
  });

  it('says "unsupported-version" for a snapshot from a newer Fieldkit', () => {
    expectRefused(snapshotFromFields({ kpiDetail: JSON.stringify({ ...snapshotOf(PANEL), version: 2 }) }), 'unsupported-version', /version 2/);
  });

  it('ignores unknown keys, __proto__ included, without polluting anything', () => {
    const hostile = JSON.stringify(snapshotOf(PANEL)).replace('{', '{"__proto__":{"polluted":true},"extra":"<script>",');
    const read = snapshotFromFields({ kpiDetail: hostile });
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.snapshot).toEqual(snapshotOf(PANEL));
      expect((read.snapshot as Record<string, unknown>).polluted).toBeUndefined();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws, even on fields that throw when read or are not text at all', () => {
    const trap = Object.defineProperty({}, 'kpiDetail', {
      get() {
        throw new Error('boom');
      },
      enumerable: true,
    }) as Record<string, string>;
    expectRefused(snapshotFromFields(trap), 'malformed', /boom/);
    expectRefused(snapshotFromFields({ kpiDetail: 42 } as unknown as Record<string, string>), 'malformed', /not text/);
    expectRefused(snapshotFromFields(null as unknown as Record<string, string>), 'missing');
  });
});

describe('snapshotView', () => {
  const trending = withKpi(withLastMonth(PANEL, 80), 'inventoryScore', { previous: 45 });
  const en = snapshotView(snapshotOf(trending), 'en', { now: NOW, timeZone: 'Asia/Shanghai' });
  const zh = snapshotView(snapshotOf(trending), 'zh-CN', { now: NOW, timeZone: 'Asia/Shanghai' });
  const kpi = (view: typeof en, id: string) => view.kpis.find((k) => k.id === id)!;

  it('writes the score, grade, month and rule set in English', () => {
    expect(en).toMatchObject({
      locale: 'en',
      score: '87.5',
      scoreText: '87.5 pts',
      grade: 'A',
      gradeText: 'Grade A',
      partial: false,
      partialText: null,
      period: 'November 2026',
      previousPeriod: 'October 2026',
      ruleSet: 'Dealer key-process KPIs and grading (dealer-kpi v1)',
      computedAt: '2 hours ago',
      omittedText: null,
    });
  });

  it('writes them in Chinese', () => {
    expect(zh).toMatchObject({
      locale: 'zh-CN',
      score: '87.5',
      scoreText: '87.5 分',
      gradeText: 'A 级',
      period: '2026年11月',
      previousPeriod: '2026年10月',
      ruleSet: '经销商关键过程绩效指标与分级 (dealer-kpi v1)',
      computedAt: '2小时前',
    });
  });

  it('writes each KPI’s value and target with its unit, in the UI language', () => {
    expect(kpi(en, 'visitCoverageScore')).toMatchObject({ label: 'Terminal visit coverage', value: '60%', target: '≥ 90%', score: '66.67 pts', onTarget: false });
    expect(kpi(zh, 'visitCoverageScore')).toMatchObject({ label: '终端拜访覆盖率', value: '60%', target: '≥ 90%', score: '66.67 分', onTarget: false });
    expect(kpi(en, 'inventoryScore')).toMatchObject({ value: '30 days', target: '≤ 30 days', onTarget: true });
    expect(kpi(zh, 'inventoryScore')).toMatchObject({ value: '30 天', target: '≤ 30 天', onTarget: true });
    expect(kpi(en, 'salesPerTerminalScore')).toMatchObject({ value: '100 units', target: '≥ 100 units' });
    expect(kpi(zh, 'salesPerTerminalScore')).toMatchObject({ value: '100 件', target: '≥ 100 件' });
  });

  it('judges trends by the KPI’s better direction: fewer days of stock is good news', () => {
    expect(kpi(en, 'inventoryScore').trend).toEqual({ direction: 'decrease', sentiment: 'good', text: '15 days' });
    expect(kpi(zh, 'inventoryScore').trend).toEqual({ direction: 'decrease', sentiment: 'good', text: '15 天' });
    // Rates move by percentage points.
    expect(kpi(en, 'visitCoverageScore').trend).toEqual({ direction: 'increase', sentiment: 'good', text: '60 pp' });
    expect(kpi(zh, 'visitCoverageScore').trend).toEqual({ direction: 'increase', sentiment: 'good', text: '60个百分点' });
    expect(kpi(en, 'distributionScore').trend).toMatchObject({ direction: 'flat', sentiment: 'neutral' });
    // Last month unknown: no trend rather than a made-up one.
    expect(kpi(en, 'salesPerTerminalScore').trend).toBeNull();

    const worse = snapshotView(snapshotOf(withKpi(PANEL, 'inventoryScore', { previous: 20 })), 'en', { now: NOW });
    expect(kpi(worse, 'inventoryScore').trend).toEqual({ direction: 'increase', sentiment: 'bad', text: '10 days' });
    const fell = snapshotView(snapshotOf(withKpi(PANEL, 'visitCoverageScore', { previous: 0.75 })), 'en', { now: NOW });
    expect(kpi(fell, 'visitCoverageScore').trend).toEqual({ direction: 'decrease', sentiment: 'bad', text: '15 pp' });
  });

  it('compares the score with last month', () => {
    expect(en.scoreTrend).toEqual({ direction: 'increase', sentiment: 'good', text: '7.5 pts' });
    expect(zh.scoreTrend).toEqual({ direction: 'increase', sentiment: 'good', text: '7.5 分' });
    expect(snapshotView(snapshotOf(PANEL), 'en', { now: NOW }).scoreTrend).toBeNull();
  });

  it('explains a partial score instead of showing a number', () => {
    const view = snapshotView(snapshotOf(partialPanel), 'en', { now: NOW });
    expect(view).toMatchObject({ score: '—', scoreText: '—', gradeText: '—', partial: true, partialText: 'Some inputs are missing, so there is no total (known so far: 60 pts)' });
    expect(snapshotView(snapshotOf(partialPanel), 'zh-CN', { now: NOW }).partialText).toBe('部分数据缺失，暂无总分（已知部分 60 分）');
  });

  it('shows a missing KPI value as a dash and says how many KPIs stayed in Fieldkit', () => {
    const snapshot = { ...snapshotOf(withKpi(PANEL, 'complianceScore', { value: null, score: null, target: null })), kpisOmitted: 3 };
    const view = snapshotView(snapshot, 'en', { now: NOW });
    expect(kpi(view, 'complianceScore')).toMatchObject({ value: '—', target: '—', score: '—', onTarget: null, trend: null });
    expect(view.omittedText).toBe('3 more KPIs in Fieldkit');
    expect(snapshotView(snapshot, 'zh-CN', { now: NOW }).omittedText).toBe('另有 3 项指标见 Fieldkit');
  });

  it('writes a computed-at older than a week as the day, in the viewer’s time zone', () => {
    const later = new Date('2026-12-20T00:00:00Z');
    expect(snapshotView(snapshotOf({ ...PANEL, computedAt: '2026-11-30T20:00:00.000Z' }), 'en', { now: later, timeZone: 'Asia/Shanghai' }).computedAt).toBe('Tue 1 Dec');
    expect(snapshotView(snapshotOf({ ...PANEL, computedAt: '2026-11-30T20:00:00.000Z' }), 'zh-CN', { now: later, timeZone: 'Asia/Shanghai' }).computedAt).toBe('12月1日周二');
  });
});
