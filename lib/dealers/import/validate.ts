/**
 * Checking an imported file before anything is written: the column mapping, then every row (a zod
 * schema per kind of file, built from the mapped columns), then which dealer each row is about and
 * whether two rows say the same thing. Either every row is good and the result is a plan of what
 * to write, or the file is refused with every problem found, in row order. Pure: no database.
 */
import { z } from '../../kernel/zod';
import type { Dealer } from '../schema';
import type { FigureName } from '../facts';
import { isBlank, normalizeName, readAmount, readDay, readMonth, readText, readYesNo, cellText, type CellProblem, type CellResult, type CellValue } from './cells';
import type { ImportTable } from './parse';
import type { ColumnRef, ImportProblem } from './problems';
import { DEALER_TARGETS, REQUIRED_TARGETS, isFigureName, type ColumnTarget, type ImportKind, type ImportTarget, type TerminalField } from './targets';

/** The dealers a file's rows may name: by exact (normalised) name and by HubSpot company id. */
export interface DealerDirectory {
  byName: ReadonlyMap<string, readonly { id: string; name: string }[]>;
  byCrmId: ReadonlyMap<string, { id: string; name: string }>;
}

export function dealerDirectory(dealers: readonly Pick<Dealer, 'id' | 'name' | 'crm' | 'deletedAt'>[]): DealerDirectory {
  const byName = new Map<string, { id: string; name: string }[]>();
  const byCrmId = new Map<string, { id: string; name: string }>();
  for (const dealer of dealers) {
    if (dealer.deletedAt) continue;
    const entry = { id: dealer.id, name: dealer.name };
    const key = normalizeName(dealer.name);
    byName.set(key, [...(byName.get(key) ?? []), entry]);
    if (dealer.crm?.objectId) byCrmId.set(dealer.crm.objectId, entry);
  }
  return { byName, byCrmId };
}

interface PlannedRow {
  /** The row as Excel numbers it, for each figure's source. */
  row: number;
  dealerId: string;
  dealerName: string;
}
export interface FigureRowPlan extends PlannedRow {
  period: string;
  /** Only the figures the row has a value for. */
  figures: Partial<Record<FigureName, number>>;
}
export interface TerminalRowPlan extends PlannedRow {
  name: string;
  /** Only the fields the row has a value for; an empty cell leaves an existing terminal's field as it is. */
  fields: { address?: string; signed?: boolean; contractedVolume?: number; firstTransactionDay?: string };
}
export type ImportPlan =
  | { kind: 'figures'; fileName: string; rows: FigureRowPlan[]; totalsSkipped: number }
  | { kind: 'terminals'; fileName: string; rows: TerminalRowPlan[]; totalsSkipped: number };

export type ImportCheck = { ok: true; plan: ImportPlan } | { ok: false; problems: ImportProblem[] };

/**
 * A cell read by `read`; blank is `undefined` unless `required`. A cell that cannot be read
 * becomes an issue whose message is the problem's code.
 */
function cell<T>(read: (value: CellValue) => CellResult<T>, required = false) {
  return z.custom<CellValue>().transform((value, ctx): T | undefined => {
    if (isBlank(value ?? null)) {
      if (required) ctx.addIssue({ code: 'custom', message: 'required', input: value });
      return undefined;
    }
    const result = read(value ?? null);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.problem, input: value });
    return z.NEVER;
  });
}

const text = (value: CellValue): CellResult<string> => ({ ok: true, value: readText(value) });

function cellSchemaOf(target: ImportTarget) {
  if (isFigureName(target) || target === 'contractedVolume') return cell(readAmount);
  switch (target) {
    case 'period':
      return cell(readMonth, true);
    case 'terminalName':
      return cell(text, true);
    case 'signed':
      return cell(readYesNo);
    case 'firstTransactionDay':
      return cell(readDay);
    case 'dealerName':
    case 'dealerCrmId':
    case 'address':
      return cell(text);
  }
}

/** Rows that sum the others up ("合计", "Total"), which ERP exports put at the bottom. */
const TOTAL_ROW = /^(合计|总计|小计|总合计|total|totals|grand total|sum)$/i;

function isTotalRow(cells: readonly CellValue[]): boolean {
  const first = cells.find((c) => !isBlank(c));
  return first !== undefined && TOTAL_ROW.test(normalizeName(cellText(first)).replace(/[:：]$/, ''));
}

/** Problems with the mapping itself: a target taken twice, no dealer column, a required target or any figure missing. */
function mappingProblems(kind: ImportKind, targets: readonly ColumnTarget[], columns: readonly ColumnRef[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const firstColumn = new Map<ImportTarget, number>();
  targets.forEach((target, index) => {
    if (target === 'ignore') return;
    const first = firstColumn.get(target);
    if (first === undefined) firstColumn.set(target, index);
    else if (!problems.some((p) => p.code === 'sameTarget' && p.target === target)) problems.push({ code: 'sameTarget', target, columns: [columns[first]!, columns[index]!] });
  });
  if (!DEALER_TARGETS.some((t) => firstColumn.has(t))) problems.push({ code: 'missingDealerColumn' });
  for (const target of REQUIRED_TARGETS[kind]) if (!firstColumn.has(target)) problems.push({ code: 'missingTarget', target });
  if (kind === 'figures' && ![...firstColumn.keys()].some(isFigureName)) problems.push({ code: 'noFigureColumn' });
  return problems;
}

/**
 * Checks a parsed file against a mapping (`targets[i]` for column i) and the dealers it may name.
 * Nothing here writes; `applyImport` writes a plan only when this found no problem.
 */
export function checkImport(kind: ImportKind, table: ImportTable, targets: readonly ColumnTarget[], directory: DealerDirectory): ImportCheck {
  const columns: ColumnRef[] = table.headers.map((header, i) => ({ header, letter: table.letters[i] ?? '' }));
  const mapping = mappingProblems(kind, targets, columns);
  if (mapping.length > 0) return { ok: false, problems: mapping };

  const columnOf = new Map<ImportTarget, number>();
  targets.forEach((target, index) => {
    if (target !== 'ignore') columnOf.set(target, index);
  });
  const mapped = [...columnOf.entries()].sort((a, b) => a[1] - b[1]);
  const schemas = new Map(mapped.map(([target]) => [target, cellSchemaOf(target)]));

  const problems: ImportProblem[] = [];
  const figureRows: FigureRowPlan[] = [];
  const terminalRows: TerminalRowPlan[] = [];
  const firstRowOf = new Map<string, number>();
  let totalsSkipped = 0;

  for (const { row, cells } of table.rows) {
    if (isTotalRow(cells)) {
      totalsSkipped++;
      continue;
    }
    const cellAt = (target: ImportTarget) => cells[columnOf.get(target)!] ?? null;
    const atColumn = (target: ImportTarget) => columns[columnOf.get(target)!]!;
    const rowProblems: { column: number; problem: ImportProblem }[] = [];
    // Each cell on its own, so one bad cell does not hide what the others say (a duplicate month).
    const values: Partial<Record<ImportTarget, unknown>> = {};
    for (const [target, index] of mapped) {
      const parsed = schemas.get(target)!.safeParse(cells[index] ?? null);
      if (parsed.success) values[target] = parsed.data;
      else {
        const code = parsed.error.issues[0]!.message as CellProblem | 'required';
        rowProblems.push({ column: index, problem: { code, row, column: columns[index]!, value: cellText(cells[index] ?? null) } });
      }
    }
    const cellsRead = rowProblems.length === 0;

    // Which dealer: the HubSpot company id when the row has one, else the exact name. Read from
    // the cells themselves, so a row with a bad figure still says whether its dealer is known.
    let dealer: { id: string; name: string } | undefined;
    const crmId = columnOf.has('dealerCrmId') ? readText(cellAt('dealerCrmId')) : '';
    const name = columnOf.has('dealerName') ? readText(cellAt('dealerName')) : '';
    if (crmId) {
      dealer = directory.byCrmId.get(crmId);
      if (!dealer) rowProblems.push({ column: columnOf.get('dealerCrmId')!, problem: { code: 'unknownCrmId', row, column: atColumn('dealerCrmId'), value: crmId } });
    } else if (name) {
      const found = directory.byName.get(name) ?? [];
      if (found.length === 1) dealer = found[0];
      else if (found.length === 0) rowProblems.push({ column: columnOf.get('dealerName')!, problem: { code: 'unknownDealer', row, column: atColumn('dealerName'), value: name } });
      else rowProblems.push({ column: columnOf.get('dealerName')!, problem: { code: 'ambiguousDealer', row, column: atColumn('dealerName'), value: name, count: found.length } });
    } else {
      const target = columnOf.has('dealerName') ? 'dealerName' : 'dealerCrmId';
      rowProblems.push({ column: columnOf.get(target)!, problem: { code: 'required', row, column: atColumn(target), value: '' } });
    }
    problems.push(...rowProblems.sort((a, b) => a.column - b.column).map((p) => p.problem));
    if (!dealer) continue;

    if (kind === 'figures') {
      const period = values.period as string | undefined;
      if (!period) continue;
      const key = `${dealer.id}|${period}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) {
        problems.push({ code: 'duplicateDealerMonth', row, firstRow: first, dealer: dealer.name, period });
        continue;
      }
      firstRowOf.set(key, row);
      if (!cellsRead) continue;
      const figures = Object.fromEntries(mapped.filter(([t]) => isFigureName(t) && values[t] !== undefined).map(([t]) => [t, values[t] as number]));
      figureRows.push({ row, dealerId: dealer.id, dealerName: dealer.name, period, figures });
    } else {
      const name = values.terminalName as string | undefined;
      if (!name) continue;
      const key = `${dealer.id}|${name}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) {
        problems.push({ code: 'duplicateTerminal', row, firstRow: first, dealer: dealer.name, terminal: name });
        continue;
      }
      firstRowOf.set(key, row);
      if (!cellsRead) continue;
      const fieldNames: Exclude<TerminalField, 'terminalName'>[] = ['address', 'signed', 'contractedVolume', 'firstTransactionDay'];
      const fields = Object.fromEntries(fieldNames.filter((f) => values[f] !== undefined).map((f) => [f, values[f]])) as TerminalRowPlan['fields'];
      terminalRows.push({ row, dealerId: dealer.id, dealerName: dealer.name, name, fields });
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  return kind === 'figures'
    ? { ok: true, plan: { kind, fileName: table.fileName, rows: figureRows, totalsSkipped } }
    : { ok: true, plan: { kind, fileName: table.fileName, rows: terminalRows, totalsSkipped } };
}
