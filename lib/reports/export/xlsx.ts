/**
 * A report as an .xlsx workbook, through write-excel-file (its `universal` entry: the same code
 * in the extension's pages and in Node, returning a Blob).
 *
 * `workbookSheets` lays the document out (pure, testable): a first sheet "概览" / "Overview" with
 * the title, subtitle, header fields and the as-of line, then one sheet per shown section, named
 * by its heading (made legal and unique: ≤ 31 characters, none of []:*?/\, no two alike ignoring
 * case). Each section sheet starts with a bold header row, frozen: a table's column headers (with
 * units, "订货量（箱）") when the section opens with a table, otherwise the section heading over a
 * one-column list of its items or paragraphs. Further blocks follow after a blank row, tables
 * with their own bold header.
 *
 * Cells are typed: numbers are numbers (`#,##0`, or `#,##0.00` when the column has fractions);
 * days are real dates (`yyyy-mm-dd`); percents are stored as fractions 0–1 with a percent format
 * (`0%`, or `0.0%`), so 45 in the document is 0.45 in the cell and sums and charts work; text is
 * text (`@`, so Excel never turns "0012" into 12). Empty cells stay empty. Column widths come from
 * Column.width, else from the longest content (CJK characters counting double).
 *
 * The library is imported only when a workbook is written, so the side panel's chunk does not
 * carry it until someone exports. Large files are deflated in the page, not in a blob: Worker the
 * extension's CSP would block (see InPageDeflateWorker).
 */
import { translator } from '../../kernel/i18n';
import { columnHeader } from './cells';
import type { Block, Cell, Column, DocumentSection, ReportDocument } from './document';
import { shownSections } from './document';
import { exportMessages } from './messages';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type XlsxCellType = 'text' | 'number' | 'date';

/** One cell of the workbook, typed; `value: null` is an empty cell. */
export interface XlsxCell {
  value: string | number | Date | null;
  type: XlsxCellType;
  /** Excel number format: `#,##0`, `0%`, `yyyy-mm-dd`, `@` … */
  format?: string;
  bold?: boolean;
  italic?: boolean;
  /** Wrap long text inside the cell (paragraphs, list items). */
  wrap?: boolean;
}

export interface XlsxSheet {
  name: string;
  /** Width in characters, one per column. */
  columns: { width: number }[];
  rows: XlsxCell[][];
  /** Rows frozen at the top (the header row). */
  stickyRowsCount: number;
}

export const NUMBER_FORMAT = '#,##0';
export const DECIMAL_FORMAT = '#,##0.00';
export const PERCENT_FORMAT = '0%';
export const DECIMAL_PERCENT_FORMAT = '0.0%';
export const DATE_FORMAT = 'yyyy-mm-dd';
export const TEXT_FORMAT = '@';

/** Excel's limits: a cell holds at most 32,767 characters; a sheet name 31. */
const MAX_CELL_TEXT = 32_767;
const MAX_SHEET_NAME = 31;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
const TEXT_BLOCK_WIDTH = 80;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// eslint-disable-next-line no-control-regex -- these are exactly the characters XML cannot hold
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** User text made safe for a cell: no characters XML cannot hold, within Excel's length limit. */
function cellText(text: string): string {
  const clean = text.replace(/\r\n?/g, '\n').replace(INVALID_XML, '');
  return clean.length > MAX_CELL_TEXT ? clean.slice(0, MAX_CELL_TEXT) : clean;
}

function text(value: string, extra: Partial<XlsxCell> = {}): XlsxCell {
  return { value: cellText(value), type: 'text', format: TEXT_FORMAT, ...extra };
}

/** The width a string takes in a cell, in "characters": CJK and full-width forms count double. */
export function displayWidth(value: string): number {
  let width = 0;
  for (const char of value) {
    const code = char.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x20000;
    width += wide ? 2 : 1;
  }
  return width;
}

/** A legal sheet name: no []:*?/\, no leading or trailing apostrophe, at most 31 characters. */
export function legalSheetName(name: string, fallback: string): string {
  const cleaned = cellText(name)
    .replace(/[[\]:*?/\\]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  const chars = Array.from(cleaned || fallback);
  if (chars.length <= MAX_SHEET_NAME) return chars.join('').trim() || fallback;
  const cut = chars.slice(0, MAX_SHEET_NAME).join('');
  // Too long: end at the last word that fits ("The work, from the daily" rather than "…daily report"), trailing punctuation dropped.
  const atWord = chars[MAX_SHEET_NAME] !== ' ' && cut.includes(' ') ? cut.slice(0, cut.lastIndexOf(' ')) : cut;
  return atWord.replace(/[\s,;:，、；：-]+$/u, '').trim() || fallback;
}

/**
 * Legal, unique sheet names in order. A repeated name gets " (2)", " (3)" … (shortened to fit);
 * Excel compares names ignoring case and reserves "History".
 */
export function uniqueSheetNames(names: string[], fallback: (index: number) => string = (index) => `Sheet${index + 1}`): string[] {
  const taken = new Set<string>(['history']);
  return names.map((name, index) => {
    const base = legalSheetName(name, fallback(index));
    let candidate = base;
    for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) {
      const suffix = ` (${n})`;
      candidate = Array.from(base).slice(0, MAX_SHEET_NAME - suffix.length).join('').trimEnd() + suffix;
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

function dayOf(value: string): Date | null {
  const match = DAY.exec(value);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCDate() === Number(match[3]) ? date : null;
}

/** The cell of a table value in its column: typed, formatted; what does not fit its type stays text. */
function tableCell(cell: Cell | undefined, column: Column, hasFractions: boolean): XlsxCell {
  if (cell === null || cell === undefined || cell === '' || (typeof cell === 'number' && !Number.isFinite(cell))) return { value: null, type: 'text' };
  if (typeof cell === 'number') {
    if (column.type === 'percent') {
      const format = hasFractions ? DECIMAL_PERCENT_FORMAT : PERCENT_FORMAT;
      // A signed column writes a rise with its plus, as the text exports do: "+5%;-5%;0%".
      return { value: cell / 100, type: 'number', format: column.signed ? `+${format};-${format};${PERCENT_FORMAT}` : format };
    }
    if (column.type === 'number') return { value: cell, type: 'number', format: hasFractions ? DECIMAL_FORMAT : NUMBER_FORMAT };
    return text(String(cell));
  }
  if (typeof cell === 'string' && column.type === 'date') {
    const date = dayOf(cell);
    if (date) return { value: date, type: 'date', format: DATE_FORMAT };
  }
  return text(String(cell));
}

/** How wide a typed cell shows, in characters. */
function cellWidth(cell: XlsxCell): number {
  if (cell.value === null) return 0;
  if (cell.type === 'date') return DATE_FORMAT.length;
  if (cell.type === 'number') {
    const shown = cell.format?.includes('%') ? `${Math.round((cell.value as number) * 1000) / 10}%` : (cell.value as number).toLocaleString('en', { maximumFractionDigits: 2 });
    return shown.length;
  }
  return Math.max(...String(cell.value).split('\n').map(displayWidth));
}

interface Laid {
  rows: XlsxCell[][];
  /** Fixed widths from the document (Column.width), by column index. */
  widths: (number | undefined)[];
}

/** A paragraph block's paragraphs (split at blank lines), one cell each; single line breaks stay. */
function paragraphs(value: string): string[] {
  return value
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

function tableRows(columns: Column[], rows: Cell[][], locale: ReportDocument['locale']): Laid {
  const fractions = columns.map((_, index) => rows.some((row) => typeof row[index] === 'number' && !Number.isInteger(row[index])));
  const header = columns.map((column) => text(columnHeader(column, locale), { bold: true }));
  const body = rows.map((row) => columns.map((column, index) => tableCell(row[index], column, fractions[index]!)));
  return { rows: [header, ...body], widths: columns.map((column) => column.width) };
}

function blockRows(block: Block, locale: ReportDocument['locale']): Laid {
  switch (block.type) {
    case 'paragraph':
      return { rows: paragraphs(block.text).map((paragraph) => [text(paragraph, { wrap: true })]), widths: [TEXT_BLOCK_WIDTH] };
    case 'list':
      return { rows: block.items.map((item) => [text(item, { wrap: true })]), widths: [TEXT_BLOCK_WIDTH] };
    case 'fields':
      return { rows: block.items.map((item) => [text(item.label, { bold: true }), text(item.value, { wrap: true })]), widths: [] };
    case 'table':
      return tableRows(block.columns, block.rows, locale);
  }
}

/** Column widths: the document's where given, else the widest cell, within MIN_WIDTH…MAX_WIDTH. */
function widthsOf(rows: XlsxCell[][], fixed: (number | undefined)[]): { width: number }[] {
  const count = Math.max(fixed.length, ...rows.map((row) => row.length), 1);
  return Array.from({ length: count }, (_, index) => {
    const given = fixed[index];
    if (given !== undefined && given > 0) return { width: Math.min(Math.max(Math.round(given), MIN_WIDTH), 255) };
    const widest = Math.max(0, ...rows.map((row) => (row[index] ? cellWidth(row[index]) : 0)));
    return { width: Math.min(Math.max(widest + 2, MIN_WIDTH), MAX_WIDTH) };
  });
}

function sectionSheet(section: DocumentSection, name: string, locale: ReportDocument['locale']): XlsxSheet {
  const laid = section.blocks.map((block) => blockRows(block, locale)).filter((block) => block.rows.length > 0);
  const opensWithTable = section.blocks[0]?.type === 'table' && laid[0] !== undefined;
  const rows: XlsxCell[][] = opensWithTable ? [] : [[text(section.heading, { bold: true })]];
  if (laid.length === 0 && section.empty?.trim()) rows.push([text(section.empty, { italic: true })]);
  const fixed: (number | undefined)[] = [];
  laid.forEach((block, index) => {
    if (index > 0) rows.push([]);
    rows.push(...block.rows);
    block.widths.forEach((width, column) => {
      if (width !== undefined) fixed[column] = Math.max(fixed[column] ?? 0, width);
    });
  });
  // A heading alone in A1 may overflow into the empty cells to its right: it need not set A's width.
  const measured = opensWithTable ? rows : rows.slice(1);
  return { name, columns: widthsOf(measured, fixed), rows, stickyRowsCount: 1 };
}

function overviewSheet(doc: ReportDocument, name: string): XlsxSheet {
  const rows: XlsxCell[][] = [[text(doc.title, { bold: true })]];
  if (doc.subtitle?.trim()) rows.push([text(doc.subtitle)]);
  const fields = doc.fields.map((field) => [text(field.label, { bold: true }), text(field.value, { wrap: true })]);
  if (fields.length > 0) rows.push([], ...fields);
  if (doc.asOf?.trim()) rows.push([], [text(doc.asOf, { italic: true })]);
  return { name, columns: widthsOf(fields, []), rows, stickyRowsCount: 0 };
}

/** The workbook laid out: the overview sheet, then one sheet per shown section. */
export function workbookSheets(doc: ReportDocument): XlsxSheet[] {
  const sections = shownSections(doc);
  const overview = translator(exportMessages, doc.locale)('overviewSheet');
  const names = uniqueSheetNames([overview, ...sections.map((section) => section.heading)], (index) =>
    index === 0 ? 'Overview' : legalSheetName(sections[index - 1]!.id, `Sheet${index + 1}`),
  );
  return [overviewSheet(doc, names[0]!), ...sections.map((section, index) => sectionSheet(section, names[index + 1]!, doc.locale))];
}

/** Raw DEFLATE (what a zip entry holds) with the platform's CompressionStream. */
async function deflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * A stand-in for the Web Worker fflate starts to deflate a large file. fflate (write-excel-file's
 * zip) compresses each file over 160 kB in a Worker built from a blob: URL; an extension page's
 * CSP (`script-src 'self'`) blocks that worker and fflate, which listens for no error, would wait
 * for ever. This one speaks fflate's protocol — a first message with the worker's globals (not an
 * array, ignored), then `[data, options]`, answered with the deflated bytes — and deflates in the
 * page through CompressionStream('deflate-raw').
 */
export class InPageDeflateWorker {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  private stopped = false;

  postMessage(message: unknown): void {
    if (!Array.isArray(message) || !(message[0] instanceof Uint8Array)) return;
    deflateRaw(message[0]).then(
      (data) => {
        if (!this.stopped) this.onmessage?.({ data });
      },
      (error: unknown) => {
        if (!this.stopped) this.onmessage?.({ data: { $e$: [error instanceof Error ? error.message : String(error), 0, ''] } });
      },
    );
  }

  terminate(): void {
    this.stopped = true;
  }

  addEventListener(): void {}
  removeEventListener(): void {}
}

/** Runs `write` with Worker replaced by InPageDeflateWorker where there is a Worker (browsers). */
export async function withInPageDeflate<T>(write: () => Promise<T>): Promise<T> {
  const scope = globalThis as { Worker?: unknown };
  if (typeof scope.Worker !== 'function' || typeof CompressionStream !== 'function') return write();
  const original = scope.Worker;
  scope.Worker = InPageDeflateWorker;
  try {
    return await write();
  } finally {
    scope.Worker = original;
  }
}

/** write-excel-file's multi-sheet input, from the laid-out sheets. */
async function writeWorkbook(sheets: XlsxSheet[]): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  type Sheets = Parameters<typeof writeXlsxFile>[0];
  const input = sheets.map((sheet) => ({
    sheet: sheet.name,
    columns: sheet.columns,
    stickyRowsCount: sheet.stickyRowsCount > 0 ? sheet.stickyRowsCount : undefined,
    data: sheet.rows.map((row) =>
      row.map((cell) => {
        if (cell.value === null) return null;
        return {
          value: cell.value,
          type: cell.type === 'number' ? Number : cell.type === 'date' ? Date : String,
          ...(cell.format ? { format: cell.format } : {}),
          ...(cell.bold ? { fontWeight: 'bold' as const } : {}),
          ...(cell.italic ? { fontStyle: 'italic' as const } : {}),
          ...(cell.wrap ? { wrap: true, alignVertical: 'top' as const } : {}),
        };
      }),
    ),
  }));
  return withInPageDeflate(() => writeXlsxFile(input as Sheets).toBlob());
}

/** The report as an .xlsx file (a Blob of type XLSX_MIME), in the browser and in Node alike. */
export async function renderXlsx(doc: ReportDocument): Promise<Blob> {
  return writeWorkbook(workbookSheets(doc));
}

/** The same workbook as bytes: for Node (`writeFile(path, bytes)`) and tests. */
export async function renderXlsxBytes(doc: ReportDocument): Promise<Uint8Array> {
  return new Uint8Array(await (await renderXlsx(doc)).arrayBuffer());
}
