/**
 * Reading an imported file into a header row and data rows: CSV (papaparse) in whatever encoding
 * Excel or an ERP wrote it, or .xlsx (read-excel-file). Both libraries load on first use (dynamic
 * import), so pages that never import a file do not carry them. Pure: runs in Node tests.
 */
import type { CellValue } from './cells';
import { cellText, isBlank } from './cells';

/** How many data rows one file may have: a region's dealers for a year, or its terminals, with room to spare. */
export const MAX_ROWS = 5000;

export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface ImportRow {
  /** The row's number as Excel shows it (the header row is usually 1). */
  row: number;
  /** One cell per column of the header row. */
  cells: CellValue[];
}

export interface ImportTable {
  fileName: string;
  format: 'csv' | 'xlsx';
  /** How a CSV file's bytes were read (a Chinese Excel writes GBK unless told otherwise). */
  encoding?: TextEncodingName;
  /** The header row's texts, trimmed; '' for a column without a header. */
  headers: string[];
  /** Each column's letter in the sheet ("A", "B" … "AA"), to name a column without a header. */
  letters: string[];
  /** The sheet row number of the header row. */
  headerRow: number;
  /** Data rows below the header, blank rows left out. */
  rows: ImportRow[];
}

export type ImportFileProblem =
  | { code: 'xls' }
  | { code: 'unsupported' }
  | { code: 'unreadable'; detail?: string }
  | { code: 'empty' }
  | { code: 'noRows' }
  | { code: 'tooManyRows'; count: number; max: number }
  | { code: 'badQuotes'; row: number };

/** A file that cannot be read at all; `problem` says why, for `fileProblemText`. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  constructor(readonly problem: ImportFileProblem) {
    super(`import file: ${problem.code}${'detail' in problem && problem.detail ? ` (${problem.detail})` : ''}`);
  }
}

function bytesOf(data: ArrayBuffer | Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * A text file's characters. A byte-order mark decides (UTF-8, UTF-16); without one, bytes that
 * are valid UTF-8 are UTF-8, and anything else is read as GB18030 — the superset of GBK and
 * GB2312 that Chinese Excel and most Chinese ERPs write by default.
 */
export function decodeText(data: ArrayBuffer | Uint8Array): { text: string; encoding: TextEncodingName } {
  const bytes = bytesOf(data);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/**
 * Reads a CSV or .xlsx file (told apart by content, then by name) into its header row and data
 * rows. Throws `ImportFileError` for a file that is not one of those, is damaged, or holds no data.
 */
export async function parseImportFile(file: { name: string; data: ArrayBuffer | Uint8Array }): Promise<ImportTable> {
  const bytes = bytesOf(file.data);
  if (bytes.length === 0) throw new ImportFileError({ code: 'empty' });
  if (startsWith(bytes, OLE2)) throw new ImportFileError({ code: 'xls' });
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (startsWith(bytes, ZIP)) {
    if (extension && extension !== 'xlsx' && extension !== 'xlsm') throw new ImportFileError({ code: 'unsupported' });
    return tableOf(file.name, 'xlsx', await readXlsx(bytes));
  }
  if (extension === 'xlsx' || extension === 'xlsm') throw new ImportFileError({ code: 'unreadable' });
  if (extension && !['csv', 'txt', 'tsv'].includes(extension)) throw new ImportFileError({ code: 'unsupported' });
  const { text, encoding } = decodeText(bytes);
  return { ...tableOf(file.name, 'csv', await readCsv(text)), encoding };
}

/** Separators a CSV file may use: Excel writes tabs for "Unicode text" and semicolons in some locales. */
const DELIMITERS = [',', '\t', ';', '|'] as const;

async function readCsv(text: string): Promise<CellValue[][]> {
  const { default: Papa } = await import('papaparse');
  const parse = (delimiter: string, preview = 0) => Papa.parse<string[]>(text, { delimiter, preview, header: false, skipEmptyLines: false });
  // The separator that splits the most of the first rows into the same number of (two or more)
  // fields; papaparse's own guess is thrown off by a title row above the header.
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const sample = parse(delimiter, 50);
    if (sample.errors.some((e) => e.type === 'Quotes')) continue;
    const counts = new Map<number, number>();
    for (const fields of sample.data) if (fields.length > 1) counts.set(fields.length, (counts.get(fields.length) ?? 0) + 1);
    const score = Math.max(0, ...counts.values());
    if (score > best.score) best = { delimiter, score };
  }
  const result = parse(best.delimiter);
  const quotes = result.errors.find((e) => e.type === 'Quotes');
  if (quotes) throw new ImportFileError({ code: 'badQuotes', row: (quotes.row ?? 0) + 1 });
  return result.data;
}

async function readXlsx(bytes: Uint8Array): Promise<CellValue[][]> {
  const { default: readXlsxFile } = await import('read-excel-file/universal');
  let sheets: { sheet: string; data: CellValue[][] }[];
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    sheets = (await readXlsxFile(buffer)) as { sheet: string; data: CellValue[][] }[];
  } catch (error) {
    throw new ImportFileError({ code: 'unreadable', detail: error instanceof Error ? error.message : String(error) });
  }
  // The first sheet that has anything in it: exports often keep an empty "Sheet1" in front.
  return sheets.find((s) => s.data.some((row) => row.some((cell) => !isBlank(cell))))?.data ?? [];
}

function isBlankRow(cells: readonly CellValue[]): boolean {
  return cells.every(isBlank);
}

/**
 * The header row is the first row with two or more filled cells among the first ten (a title
 * such as "2026年11月经销商数据" above it is skipped), or else the first row with anything in it.
 */
function headerIndexOf(grid: readonly CellValue[][]): number {
  const candidates = grid.slice(0, 10);
  const wide = candidates.findIndex((cells) => cells.filter((c) => !isBlank(c)).length >= 2);
  return wide >= 0 ? wide : grid.findIndex((cells) => !isBlankRow(cells));
}

/** A column's letter as spreadsheets show it: 0 → "A", 26 → "AA". */
export function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function tableOf(fileName: string, format: ImportTable['format'], grid: CellValue[][]): ImportTable {
  const headerIndex = headerIndexOf(grid);
  if (headerIndex < 0) throw new ImportFileError({ code: 'empty' });
  const headerCells = grid[headerIndex]!;
  const below = grid.slice(headerIndex + 1).map((cells, i) => ({ row: headerIndex + i + 2, cells }));
  const data = below.filter(({ cells }) => !isBlankRow(cells));
  if (data.length === 0) throw new ImportFileError({ code: 'noRows' });
  if (data.length > MAX_ROWS) throw new ImportFileError({ code: 'tooManyRows', count: data.length, max: MAX_ROWS });
  // Columns with neither a header nor any value (an empty column A, trailing empties) are left out.
  const width = Math.max(headerCells.length, ...data.map(({ cells }) => cells.length));
  const columns = Array.from({ length: width }, (_, c) => c).filter((c) => !isBlank(headerCells[c] ?? null) || data.some(({ cells }) => !isBlank(cells[c] ?? null)));
  return {
    fileName,
    format,
    headers: columns.map((c) => cellText(headerCells[c] ?? null)),
    letters: columns.map(columnLetter),
    headerRow: headerIndex + 1,
    rows: data.map(({ row, cells }) => ({ row, cells: columns.map((c) => cells[c] ?? null) })),
  };
}
