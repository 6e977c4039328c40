/**
 * Reads what a dealer's KPI panel needs from the store, through named, index-backed queries only:
 * the dealer, its terminals, its visit cards and monthly figures over the panel's window, its
 * latest intel, and the active versions of the dealer rule sets.
 */
import type { FieldkitDatabase } from '../store/database';
import { readSetting } from '../store/settings';
import { getBuiltInRuleSet } from '../rules/built-in';
import { loadRuleSetOrThrow } from '../rules/load';
import type { CompiledRuleSet } from '../rules/compile-rule-set';
import { ruleSetVersions } from '../rules/queries';
import { addMonthsTo, daysOfMonth, monthOf, today as todayOf } from '../kernel/dates';
import { dealerVisitsBetween } from '../visits/queries';
import { intelOfDealer } from '../intel/queries';
import { dealersByIds, factsOfDealerBetween, terminalsOfDealer, visitMonthsOfDealer } from './queries';
import { buildDealerPanel, panelCardMonths, panelWindow, type DealerPanelModel, type PanelRuleSets } from './panel';
import type { DealerHistory } from './kpi-inputs';
import type { IntelItem } from '../intel/schema';
import type { VisitCard } from '../visits/schema';

/** The rule sets the panel uses, by id. */
export const PANEL_RULE_SETS = { kpi: 'dealer-kpi', warnings: 'warnings' } as const;

const compiledCache = new Map<string, CompiledRuleSet>();

/** The active version of a rule set (an admin's choice, else the newest), compiled once per version. */
export async function activeCompiledRuleSet(db: FieldkitDatabase, id: string): Promise<CompiledRuleSet> {
  const [stored, active] = await Promise.all([ruleSetVersions.run(db, { id }), readSetting(db, 'activeRuleSets')]);
  const builtIn = getBuiltInRuleSet(id);
  const versions = new Map([...(builtIn ? [[builtIn.ruleSet.version, builtIn.ruleSet] as const] : []), ...stored.map((r) => [r.version, r] as const)]);
  if (versions.size === 0) throw new Error(`no rule set "${id}"`);
  const chosen = active[id] !== undefined && versions.has(active[id]!) ? active[id]! : Math.max(...versions.keys());
  const key = `${id}@${chosen}`;
  let compiled = compiledCache.get(key);
  if (!compiled) {
    const source = versions.get(chosen)!;
    compiled = builtIn && builtIn.ruleSet === source ? builtIn : loadRuleSetOrThrow(source);
    compiledCache.set(key, compiled);
  }
  return compiled;
}

export async function panelRuleSets(db: FieldkitDatabase): Promise<PanelRuleSets> {
  const [kpi, warnings] = await Promise.all([activeCompiledRuleSet(db, PANEL_RULE_SETS.kpi), activeCompiledRuleSet(db, PANEL_RULE_SETS.warnings)]);
  return { kpi, warnings };
}

const RECENT = 5;

/** What a dealer's panel is built from, as the store holds it. */
export interface DealerPanelData {
  history: DealerHistory;
  ruleSets: PanelRuleSets;
  /** The dealer's latest visit cards of the card months, newest first. */
  recentVisits: readonly VisitCard[];
  intel: IntelItem[];
}

/**
 * The reads behind a dealer's panel for a month, all index-backed: the dealer, its terminals, the
 * visit-month summaries of the months the card-based inputs look at (the trend and the same month
 * last year: 13 rows, however many cards — docs/kpi.md), the latest few of those cards for the
 * list, its figures over the wider window the shipment averages need, its latest intel, the rule
 * sets. Undefined when the dealer is unknown here or deleted.
 */
export async function readDealerPanelData(db: FieldkitDatabase, dealerId: string, period: string, options: { months?: number } = {}): Promise<DealerPanelData | undefined> {
  const window = panelWindow(period, options.months);
  const cardMonths = panelCardMonths(period, options.months);
  // One read transaction for every read (one snapshot, one transaction's cost), the reads in parallel.
  const tables = [db.dealers, db.terminals, db.visitMonths, db.visitCards, db.dealerFacts, db.intelItems, db.ruleSets, db.settings];
  return db.transaction('r', tables, async () => {
    const [[dealer], ruleSets, terminals, visitMonths, recentVisits, facts, intel] = await Promise.all([
      dealersByIds.run(db, { ids: [dealerId] }),
      panelRuleSets(db),
      terminalsOfDealer.run(db, { dealerId }),
      visitMonthsOfDealer.run(db, { dealerId, from: cardMonths.from, to: cardMonths.to }),
      dealerVisitsBetween.run(db, { dealerId, from: daysOfMonth(cardMonths.from).first, to: daysOfMonth(cardMonths.to).last, limit: RECENT }),
      factsOfDealerBetween.run(db, { dealerId, from: window.from, to: window.to }),
      intelOfDealer.run(db, { dealerId, limit: RECENT }),
    ]);
    if (!dealer || dealer.deletedAt) return undefined;
    return { history: { dealer, terminals, visitMonths, facts }, ruleSets, recentVisits, intel };
  });
}

/** The latest `RECENT` of a dealer's live cards, newest first, from its cards oldest first (as a range read gives them). */
export function recentVisitsOf(cards: readonly VisitCard[]): VisitCard[] {
  return cards.filter((card) => !card.deletedAt).slice(-RECENT).reverse();
}

/** A dealer's panel from what was read: the latest cards and intel. */
export function panelOf(data: DealerPanelData, period: string, options: { now?: Date; months?: number } = {}): DealerPanelModel {
  return buildDealerPanel(data.history, period, data.ruleSets, { ...options, visits: data.recentVisits, intel: data.intel });
}

/** The panel of one dealer for one month, or undefined when the dealer is unknown here. */
export async function loadDealerPanel(db: FieldkitDatabase, dealerId: string, period: string, options: { now?: Date; months?: number } = {}): Promise<DealerPanelModel | undefined> {
  const data = await readDealerPanelData(db, dealerId, period, options);
  return data && panelOf(data, period, options);
}

/** How many months back a panel looks for the latest month with ERP figures. */
const FIGURES_LOOKBACK = 2;

/**
 * The month a dealer's panel opens at: the latest month with monthly figures among the last two
 * (ERP figures arrive after a month closes, so early in a month the last one is the one with
 * numbers), else the current month.
 */
export async function defaultPanelPeriod(db: FieldkitDatabase, dealerId: string, today: string = todayOf()): Promise<string> {
  const current = monthOf(today);
  const facts = await factsOfDealerBetween.run(db, { dealerId, from: addMonthsTo(current, -FIGURES_LOOKBACK), to: current });
  const withFigures = facts.filter((row) => Object.keys(row.figures).length > 0).map((row) => row.period);
  return withFigures.length > 0 ? withFigures.sort().at(-1)! : current;
}
