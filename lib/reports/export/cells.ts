/**
 * What the text renderers (Markdown, HTML, plain text) share: a column's header with its unit and
 * a cell written for the document's locale. The workbook (./xlsx.ts) stores the same cells typed
 * instead. Kept apart from the xlsx library so the text exports stay small.
 */
import { formatDay, formatNumber, type DayStyle } from '../../kernel/format';
import { translator, type Locale } from '../../kernel/i18n';
import type { Cell, Column } from './document';
import { exportMessages } from './messages';

/** How an empty (`null`) cell is shown in text: a dash, so it never reads as 0 or as forgotten. */
export const EMPTY_CELL = '—';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** "订货量（箱）" / "Ordered (cases)": the unit said once, in the header. */
export function columnHeader(column: Column, locale: Locale): string {
  const unit = column.unit?.trim();
  return unit ? translator(exportMessages, locale)('labelWithUnit', { label: column.label, unit }) : column.label;
}

/** "120 cases" / "120箱": a value with its column's unit, for running text. */
export function withUnit(value: string, column: Column, locale: Locale): string {
  const unit = column.unit?.trim();
  return unit && value !== EMPTY_CELL ? translator(exportMessages, locale)('valueWithUnit', { value, unit }) : value;
}

/** "Period: Week 49, 2026" / "周期：2026年第49周". */
export function pair(label: string, value: string, locale: Locale): string {
  return translator(exportMessages, locale)('pair', { label, value });
}

/**
 * The day style for a table's date cells: short ("Mon 30 Nov" / "11月30日周一") when every day in
 * the table falls in one year, else with the year ("30 Nov 2026"), so a December–January table is
 * never ambiguous.
 */
export function dayStyleOf(columns: Column[], rows: Cell[][]): DayStyle {
  const years = new Set<string>();
  columns.forEach((column, index) => {
    if (column.type !== 'date') return;
    for (const row of rows) {
      const cell = row[index];
      if (typeof cell === 'string' && DAY.test(cell)) years.add(cell.slice(0, 4));
    }
  });
  return years.size <= 1 ? 'short' : 'date';
}

/**
 * A cell as text in the locale: numbers grouped ("12,000.5"), percents from 0–100 ("45%"), days
 * through formatDay, `null` as EMPTY_CELL. A value of the wrong kind for its column (text in a
 * number column) is shown as given rather than dropped.
 */
export function formatCell(cell: Cell | undefined, column: Column, locale: Locale, dayStyle: DayStyle = 'date'): string {
  if (cell === null || cell === undefined || cell === '') return EMPTY_CELL;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return EMPTY_CELL;
    if (column.type === 'percent') return formatNumber(cell / 100, locale, { style: 'percent', maximumFractionDigits: 1, ...(column.signed ? { signDisplay: 'exceptZero' as const } : {}) });
    if (column.type === 'date') return String(cell);
    return formatNumber(cell, locale, { maximumFractionDigits: 2 });
  }
  if (column.type === 'date') return formatDay(cell, locale, dayStyle);
  return cell;
}

/** Whether a column's cells line up on the right (numbers and percents). */
export function alignsRight(column: Column): boolean {
  return column.type === 'number' || column.type === 'percent';
}
