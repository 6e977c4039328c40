import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../lib/sync/engine';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { adapterFor, notesByLocalId, SIM_TOKEN } from '../sync/sim-harness';
import { Id } from '../../lib/kernel/record';
import { composeCompetitiveAnalysis } from '../../lib/intel/analysis/compose';
import { documentOfAnalysis } from '../../lib/intel/analysis/document';
import { analysisReportIdOf, postedAnalysis, saveAnalysisReport } from '../../lib/intel/analysis/post';
import { reportKind } from '../../lib/reports/kind';
import { Report } from '../../lib/reports/schema';
import { freshDatabase } from '../fixtures/records';
import { AS_OF, HOSTILE_TERMS, NOVEMBER, SHANGHAI, WANG, dealerName, novemberItems } from '../fixtures/competitive-analysis/items';

const analysisOf = (items = novemberItems(), period = NOVEMBER) => composeCompetitiveAnalysis(items, { period, now: AS_OF, timeZone: SHANGHAI, dealerName });

describe('posting the competitive analysis', () => {
  it('derives one id per author and period, shaped like a ULID', () => {
    const id = analysisReportIdOf(WANG.id, NOVEMBER);
    expect(Id.safeParse(id).success).toBe(true);
    expect(analysisReportIdOf(WANG.id, NOVEMBER)).toBe(id);
    expect(analysisReportIdOf('owner-999', NOVEMBER)).not.toBe(id);
    expect(analysisReportIdOf(WANG.id, { from: '2026-11-01', to: '2026-11-29' })).not.toBe(id);
  });

  it('saves a competitorAnalysis Report with the month, the document’s sections and the items it was built from; twice is one record and one outbox entry', async () => {
    const db = freshDatabase('analysis-post');
    const analysis = analysisOf();
    const report = await saveAnalysisReport(db, analysis, documentOfAnalysis(analysis, { locale: 'zh-CN', preparedBy: WANG.name }), WANG, new Date('2026-12-01T10:00:00Z'));
    expect(Report.safeParse(report).success).toBe(true);
    expect(report).toMatchObject({ kind: 'competitorAnalysis', month: '2026-11', period: { kind: 'monthly', start: '2026-11-01', end: '2026-11-30' }, title: '竞争产品分析报告 · 2026年11月', generatedAt: AS_OF.toISOString() });
    expect(report.sourceRecordIds).toEqual(analysis.sourceItemIds);
    expect(report.sections.map((s) => s.heading)).toEqual(['竞争产品分析报告', '概要', '价格走势', '调价记录', '促销活动', '在哪里看到、谁上报', '信息来源']);
    // Page text stays text in the record; the note renders it escaped.
    expect(report.sections.find((s) => s.heading === '促销活动')!.lines.join('\n')).toContain(HOSTILE_TERMS);

    const again = analysisOf(novemberItems().slice(0, 4));
    await saveAnalysisReport(db, again, documentOfAnalysis(again, { locale: 'zh-CN' }), WANG, new Date('2026-12-02T10:00:00Z'));
    expect(await db.reports.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    expect((await postedAnalysis(db, WANG.id, NOVEMBER))!.postedAt).toBe('2026-12-02T10:00:00.000Z');
    expect(await postedAnalysis(db, WANG.id, { from: '2026-11-02', to: '2026-11-08' })).toBeUndefined();
  });

  it('keeps a week as a week and a range of days as neither', async () => {
    const db = freshDatabase('analysis-post-periods');
    const week = analysisOf(novemberItems(), { from: '2026-11-09', to: '2026-11-15' });
    expect(await saveAnalysisReport(db, week, documentOfAnalysis(week, { locale: 'en' }), WANG)).toMatchObject({ isoWeek: '2026-W46', period: { kind: 'weekly' } });
    const range = analysisOf(novemberItems(), { from: '2026-11-03', to: '2026-11-17' });
    const saved = await saveAnalysisReport(db, range, documentOfAnalysis(range, { locale: 'en' }), WANG);
    expect(saved.period).toBeUndefined();
    expect(saved.month).toBeUndefined();
    const readable = reportKind.crm!.render(saved, { locale: 'en', dealerName: () => undefined });
    expect(readable.lines.find((l) => l.label.en === 'Type')?.value).toBe('competitor analysis');
  });
});

describe('the analysis in HubSpot', () => {
  let sim: HubSpotSim;
  beforeAll(async () => {
    sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 100_000 });
    await adapterFor(sim).ensureSchema();
  });
  afterAll(() => sim.close());

  it('is one note without a dealer, its page text escaped; posting again updates it', async () => {
    const db = freshDatabase('analysis-sync');
    const engine = new SyncEngine({ db, port: adapterFor(sim) });
    const first = analysisOf(novemberItems().slice(0, 3));
    const report = await saveAnalysisReport(db, first, documentOfAnalysis(first, { locale: 'zh-CN' }), WANG);
    expect(await engine.drain()).toMatchObject({ pushed: 1, parked: 0 });
    let notes = notesByLocalId(sim).get(report.id) ?? [];
    expect(notes).toHaveLength(1);
    expect(sim.state.associationsFrom('notes', notes[0]!.id, 'companies')).toEqual([]);
    expect(notes[0]!.properties.hs_note_body).toContain('竞争产品分析报告');

    const all = analysisOf();
    await saveAnalysisReport(db, all, documentOfAnalysis(all, { locale: 'zh-CN' }), WANG);
    expect(await engine.drain()).toMatchObject({ pushed: 1, parked: 0 });
    notes = notesByLocalId(sim).get(report.id) ?? [];
    expect(notes).toHaveLength(1);
    const body = notes[0]!.properties.hs_note_body!;
    expect(body).toContain('满200减20');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<script');
  });
});
