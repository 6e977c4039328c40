/**
 * Where the weekly draft's KPI movements spend their time (lib/reports/compose/build.ts
 * `kpiMovesOf`, which builds a whole KPI panel per dealer): each read of `readDealerPanelData`
 * alone for all the dealers at once (as the draft issues them, concurrently), building the panels,
 * and two what-ifs a KPI move could do instead — reading only the cards of the two months it
 * scores, and scoring only those two months (no 12-months-ago month, no warnings).
 */
import type { FieldkitDatabase } from '../../lib/store/database';
import { addMonthsTo, daysOfMonth } from '../../lib/kernel/dates';
import { defaultPanelPeriod, panelOf, panelRuleSets, type DealerPanelData } from '../../lib/dealers/panel-data';
import { panelCardMonths, panelWindow } from '../../lib/dealers/panel';
import { DEFAULT_GATHER, gatherDealerInputs, inputValues } from '../../lib/dealers/kpi-inputs';
import { dealersByIds, factsOfDealerBetween, terminalsOfDealer } from '../../lib/dealers/queries';
import { dealerVisitsInRange } from '../../lib/visits/queries';
import { intelOfDealer } from '../../lib/intel/queries';
import { evaluate } from '../../lib/rules/evaluate';
import { median } from '../panel/harness';

export interface KpiBreakdown {
  /** ms, each read alone for every dealer (concurrently), median of the passes. */
  reads: { ruleSets: number; period: number; dealer: number; terminals: number; cards: number; facts: number; intel: number };
  cardsRead: number;
  /** Building the panels from what was read (in memory). */
  panels: number;
  /** What-if: the cards of the scored month and the month before only. */
  twoMonthCards: { ms: number; cards: number };
  /** What-if: only the two scores a move shows (2 gathers + 2 evaluations per dealer, no warnings). */
  twoScores: { ms: number; same: boolean };
}

async function timed(work: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export async function kpiBreakdown(db: FieldkitDatabase, dealerIds: readonly string[], today: string, panels: readonly DealerPanelData[], passes: number): Promise<KpiBreakdown> {
  const periods = new Map(await Promise.all(dealerIds.map(async (id) => [id, await defaultPanelPeriod(db, id, today)] as const)));
  const all = (read: (dealerId: string, period: string) => Promise<unknown>) => () => Promise.all(dealerIds.map((id) => read(id, periods.get(id)!)));
  const steps = {
    ruleSets: () => panelRuleSets(db),
    period: all((id) => defaultPanelPeriod(db, id, today)),
    dealer: all((id) => dealersByIds.run(db, { ids: [id] })),
    terminals: all((id) => terminalsOfDealer.run(db, { dealerId: id })),
    cards: all((id, period) => {
      const months = panelCardMonths(period, 2);
      return dealerVisitsInRange.run(db, { dealerId: id, from: daysOfMonth(months.from).first, to: daysOfMonth(months.to).last });
    }),
    facts: all((id, period) => factsOfDealerBetween.run(db, { dealerId: id, ...panelWindow(period, 2) })),
    intel: all((id) => intelOfDealer.run(db, { dealerId: id, limit: 5 })),
  };
  const twoMonths = all((id, period) => dealerVisitsInRange.run(db, { dealerId: id, from: daysOfMonth(addMonthsTo(period, -1)).first, to: daysOfMonth(period).last }));
  const scoresOf = () =>
    panels.map((data) => {
      const period = periods.get(data.history.dealer.id)!;
      const shipmentMonths = Number(data.ruleSets.kpi.ruleSet.parameters?.shipmentMonths?.value ?? DEFAULT_GATHER.shipmentMonths);
      const score = (month: string) => evaluate(data.ruleSets.kpi, inputValues(gatherDealerInputs(data.history, month, { ...DEFAULT_GATHER, shipmentMonths })), { explain: false });
      const current = score(period);
      return { total: current.total, previous: score(addMonthsTo(period, -1)).total, grade: current.grade ?? null };
    });

  const samples: Record<string, number[]> = {};
  const add = (key: string, value: number) => (samples[key] ??= []).push(value);
  let cardsRead = 0;
  let twoMonthCards = 0;
  let same = true;
  for (let pass = 0; pass <= passes; pass++) {
    const record = pass > 0; // the first pass warms up
    for (const [key, step] of Object.entries(steps)) {
      const value = await timed(step);
      if (record) add(key, value);
    }
    cardsRead = ((await steps.cards()) as unknown[][]).reduce((sum, rows) => sum + rows.length, 0);
    twoMonthCards = ((await twoMonths()) as unknown[][]).reduce((sum, rows) => sum + rows.length, 0);
    const two = await timed(twoMonths);
    const built = await timed(() => panels.map((data) => panelOf(data, periods.get(data.history.dealer.id)!, { months: 2 })));
    const scored = await timed(scoresOf);
    if (record) {
      add('twoMonths', two);
      add('panels', built);
      add('scores', scored);
    }
  }
  const full = panels.map((data) => panelOf(data, periods.get(data.history.dealer.id)!, { months: 2 }).score);
  scoresOf().forEach((s, i) => {
    const p = full[i]!;
    if (s.total !== p.total || s.previous !== p.previous || s.grade !== p.grade) same = false;
  });
  const med = (key: string) => median(samples[key] ?? [0]);
  return {
    reads: { ruleSets: med('ruleSets'), period: med('period'), dealer: med('dealer'), terminals: med('terminals'), cards: med('cards'), facts: med('facts'), intel: med('intel') },
    cardsRead,
    panels: med('panels'),
    twoMonthCards: { ms: med('twoMonths'), cards: twoMonthCards },
    twoScores: { ms: med('scores'), same },
  };
}
