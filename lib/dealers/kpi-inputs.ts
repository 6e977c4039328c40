/**
 * Where each KPI input of a dealer-month comes from (docs/kpi.md). Pure: given what the store holds
 * about one dealer (its terminals, its visit cards and its monthly figures over a window of months),
 * it answers every input the dealer rule sets read (`dealer-kpi`, `warnings`) with its value and
 * its source — or, when nothing supplies it, which input is missing and where to get it. A missing
 * input is never 0.
 */
import { addMonthsTo, daysOfMonth } from '../kernel/dates';
import type { VisitCard } from '../visits/schema';
import type { Dealer, Terminal } from './schema';
import { mergeFigures, type DealerFacts, type Figure, type FigureName, type FigureSource } from './facts';
import { requiredSkusNotCarriedOf, summarizeVisitMonths, type VisitMonth } from './visit-months';

/** What the store holds about one dealer, for a window of months ending at the period asked. */
export interface DealerHistory {
  dealer: Dealer;
  /** Live terminals of the dealer. */
  terminals: readonly Terminal[];
  /**
   * The dealer's visit cards in the window, as the visit-month summary (./visit-months.ts) holds
   * them: the panel reads the stored rows. Absent, they are summarised from `cards`.
   */
  visitMonths?: readonly VisitMonth[];
  /** Live visit cards of the dealer in the window: used when `visitMonths` is not given. */
  cards?: readonly VisitCard[];
  /** Live monthly figures of the dealer in the window (several rows of one month merge). */
  facts: readonly DealerFacts[];
}

/** Where an input's value came from. */
export type InputSource =
  | { kind: 'figure'; figure: FigureName; period: string; source: FigureSource }
  | { kind: 'figures'; figure: FigureName | 'inventoryCover' | 'achievement'; from: string; to: string; months: number }
  | { kind: 'terminals'; count: number }
  | { kind: 'visits'; cards: number; from: string; to: string }
  | { kind: 'visitCard'; day: string }
  | { kind: 'dealerFile'; field: 'arrears' | 'creditLimit'; updatedAt: string };

/** What is needed to supply a missing input. */
export type MissingInput =
  | { need: 'terminalList' }
  | { need: 'figure'; figure: FigureName; period: string }
  | { need: 'figureMonths'; figure: FigureName; months: number; period: string }
  | { need: 'visits'; period: string };

export type GatheredInput =
  | { value: number | number[]; source: InputSource; missing?: undefined }
  | { value?: undefined; source?: undefined; missing: MissingInput };

export interface GatherOptions {
  /** Months averaged for shipments (the `dealer-kpi` parameter `shipmentMonths`). */
  shipmentMonths: number;
  /** How many months the achievement and inventory-cover series look back. */
  seriesMonths: number;
}

export const DEFAULT_GATHER: GatherOptions = { shipmentMonths: 3, seriesMonths: 12 };

/** The months a gather for `period` reads: figures and cards from this month on. */
export function windowOf(period: string, options: GatherOptions = DEFAULT_GATHER): { from: string; to: string } {
  return { from: addMonthsTo(period, -(options.seriesMonths + options.shipmentMonths)), to: period };
}

const value = (v: number | number[], source: InputSource): GatheredInput => ({ value: v, source });
const missing = (m: MissingInput): GatheredInput => ({ missing: m });

/** The dealer's figures by month, merged per month. */
export function figuresByMonth(facts: readonly DealerFacts[]): Map<string, Partial<Record<FigureName, Figure>>> {
  const rows = new Map<string, DealerFacts[]>();
  for (const row of facts) rows.set(row.period, [...(rows.get(row.period) ?? []), row]);
  return new Map([...rows].map(([period, list]) => [period, mergeFigures(list)]));
}

/** A history grouped by month once: a panel gathers 14 months from the same history. */
interface Grouped {
  figures: Map<string, Partial<Record<FigureName, Figure>>>;
  visits: Map<string, VisitMonth>;
}
const grouped = new WeakMap<DealerHistory, Grouped>();

function groupedOf(history: DealerHistory): Grouped {
  let found = grouped.get(history);
  if (!found) {
    // Rows of other dealers are left out: a history is one dealer's.
    const rows = history.visitMonths ?? summarizeVisitMonths(history.cards ?? []);
    const visits = new Map(rows.filter((row) => row.dealerId === history.dealer.id).map((row) => [row.month, row]));
    found = { figures: figuresByMonth(history.facts), visits };
    grouped.set(history, found);
  }
  return found;
}

/**
 * Every input of the dealer rule sets for `period`, with its source or what is missing.
 * Terminal-based inputs count the dealer's terminal list; ERP figures come from the month's
 * imported (or HubSpot) figures; inventory falls back to the latest count on a visit card.
 */
export function gatherDealerInputs(history: DealerHistory, period: string, options: GatherOptions = DEFAULT_GATHER): Record<string, GatheredInput> {
  const { figures: months, visits } = groupedOf(history);
  const { first, last } = daysOfMonth(period);
  const figure = (name: FigureName, month = period): GatheredInput => {
    const found = months.get(month)?.[name];
    return found ? value(found.value, { kind: 'figure', figure: name, period: month, source: found.source }) : missing({ need: 'figure', figure: name, period: month });
  };
  const either = (a: GatheredInput, b: () => GatheredInput): GatheredInput => (a.missing ? (b().missing ? a : b()) : a);

  const terminals = history.terminals;
  const ids = new Set(terminals.map((t) => t.id));
  const visitMonth = visits.get(period);
  const cardCount = visitMonth?.cards ?? 0;
  const noTerminals = missing({ need: 'terminalList' });
  const fromTerminals = (count: number): GatheredInput => value(count, { kind: 'terminals', count: terminals.length });

  const totalTerminals = terminals.length > 0 ? fromTerminals(terminals.length) : noTerminals;
  const visitedTerminals =
    terminals.length > 0
      ? value((visitMonth?.terminalIds ?? []).filter((id) => ids.has(id)).length, { kind: 'visits', cards: cardCount, from: first, to: last })
      : noTerminals;
  const known = terminals.filter((t) => t.firstTransactionDay !== undefined);
  const transactedTerminals = either(figure('transactedTerminals'), () =>
    terminals.length > 0 && known.length > 0 ? fromTerminals(terminals.filter((t) => t.firstTransactionDay! <= last).length) : noTerminals,
  );
  const signed = terminals.filter((t) => t.signed);
  const signedTerminals = either(figure('signedTerminals'), () => (terminals.length > 0 ? fromTerminals(signed.length) : noTerminals));
  const signedContractVolume = either(figure('signedContractVolume'), () =>
    signed.length > 0 && signed.every((t) => t.contractedVolume !== undefined) ? fromTerminals(signed.reduce((sum, t) => sum + t.contractedVolume!, 0)) : missing({ need: 'figure', figure: 'signedContractVolume', period }),
  );

  // Inventory: the month-end figure, else the latest count a rep made on a visit card that month.
  const counted = visitMonth?.inventoryCount;
  const currentInventory = either(figure('inventory'), () => (counted ? value(counted.value, { kind: 'visitCard', day: counted.day }) : missing({ need: 'figure', figure: 'inventory', period })));

  // A series of a monthly figure: the consecutive months ending at `end` that have it, oldest first.
  const series = (name: FigureName, length: number, end = period): { values: number[]; from: string } => {
    const values: number[] = [];
    let month = end;
    while (values.length < length) {
      const found = months.get(month)?.[name];
      if (!found) break;
      values.unshift(found.value);
      month = addMonthsTo(month, -1);
    }
    return { values, from: addMonthsTo(end, -(values.length - 1)) };
  };
  const shipments = series('shipments', options.shipmentMonths);
  const monthlyShipments =
    shipments.values.length >= options.shipmentMonths
      ? value(shipments.values, { kind: 'figures', figure: 'shipments', from: shipments.from, to: period, months: shipments.values.length })
      : missing({ need: 'figureMonths', figure: 'shipments', months: options.shipmentMonths, period });

  // Warnings' series: achievement (sales ÷ target) and inventory cover (months), per month, oldest first.
  const achievement: number[] = [];
  const cover: number[] = [];
  for (let i = options.seriesMonths - 1; i >= 0; i--) {
    const month = addMonthsTo(period, -i);
    const f = months.get(month);
    if (f?.sales && f.salesTarget && f.salesTarget.value > 0) achievement.push(f.sales.value / f.salesTarget.value);
    else achievement.length = 0; // keep only the run of consecutive months ending at the period
    const shipped = series('shipments', options.shipmentMonths, month).values;
    const average = shipped.length >= options.shipmentMonths ? shipped.reduce((a, b) => a + b, 0) / shipped.length : 0;
    if (f?.inventory && average > 0) cover.push(f.inventory.value / average);
    else cover.length = 0;
  }
  const monthlyAchievement =
    achievement.length > 0
      ? value(achievement, { kind: 'figures', figure: 'achievement', from: addMonthsTo(period, -(achievement.length - 1)), to: period, months: achievement.length })
      : missing({ need: 'figure', figure: 'salesTarget', period });
  const inventoryCover =
    cover.length > 0
      ? value(cover, { kind: 'figures', figure: 'inventoryCover', from: addMonthsTo(period, -(cover.length - 1)), to: period, months: cover.length })
      : missing({ need: 'figure', figure: 'inventory', period });

  const fromFile = (field: 'arrears' | 'creditLimit'): GatheredInput => {
    const v = history.dealer[field];
    return v !== undefined ? value(v, { kind: 'dealerFile', field, updatedAt: history.dealer.updatedAt }) : missing({ need: 'figure', figure: field, period });
  };

  // Required SKUs not carried: the latest card of each customer (the dealer, each terminal) this month.
  const requiredSkusNotCarried = visitMonth ? value(requiredSkusNotCarriedOf(visitMonth), { kind: 'visits', cards: cardCount, from: first, to: last }) : missing({ need: 'visits', period });

  return {
    totalTerminals,
    visitedTerminals,
    transactedTerminals,
    transactedTerminalSales: figure('terminalSales'),
    activeTerminalsThisMonth: figure('activeTerminals'),
    signedTerminals,
    signedTerminalsOnTarget: figure('signedTerminalsOnTarget'),
    signedTerminalSales: figure('signedTerminalSales'),
    signedContractVolume,
    currentInventory,
    monthlyShipments,
    arrears: either(figure('arrears'), () => fromFile('arrears')),
    creditLimit: either(figure('creditLimit'), () => fromFile('creditLimit')),
    monthlyAchievement,
    inventoryCover,
    requiredSkusNotCarried,
  };
}

/** The values of gathered inputs, as the rules engine takes them (missing ones left out). */
export function inputValues(gathered: Record<string, GatheredInput>): Record<string, number | number[]> {
  return Object.fromEntries(Object.entries(gathered).flatMap(([name, input]) => (input.value === undefined ? [] : [[name, input.value]])));
}
