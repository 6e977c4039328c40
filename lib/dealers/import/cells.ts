/**
 * Reading one cell of an imported file as what its column means: a number, a month, a day, yes
 * or no, a name. Cells come as text from a CSV file and as typed values (number, boolean, date)
 * from an .xlsx file; both are read here the same way, and each reader says why it refused a cell.
 */

/** A cell as a file gives it; `null` is an empty cell. */
export type CellValue = string | number | boolean | Date | null;

/** Why a cell could not be read as its column's kind of value. */
export type CellProblem = 'notNumber' | 'negative' | 'notMonth' | 'notDay' | 'notYesNo';

export type CellResult<T> = { ok: true; value: T } | { ok: false; problem: CellProblem };

/** A day as the records store it, from a date's UTC calendar day (how .xlsx date cells arrive). */
function dayOfDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A cell as text, the way the user sees it in the preview and in problems. */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dayOfDate(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value).trim();
}

/**
 * Whether a cell holds nothing. A lone dash counts as empty: accounting formats print "-" for a
 * zero and hand-kept sheets use it for "not known", so taking it for either number would be a guess.
 */
export function isBlank(value: CellValue): boolean {
  if (value === null) return true;
  if (typeof value !== 'string') return false;
  return /^[\s\-–—]*$/u.test(value);
}

/** Full-width digits, signs and marks as their ASCII forms ("１２，３４５．５" → "12,345.5"). */
function halfWidth(text: string): string {
  return text.normalize('NFKC');
}

/**
 * A number from a numeric cell or from text with thousands separators, a currency mark (¥, ￥,
 * 元, RMB, CNY) or a percent sign (read as a fraction: "85%" → 0.85). Separators must group by
 * thousands ("1,280" yes, "12,80" no) so a decimal comma is refused rather than misread.
 * Negative amounts ("-5", "(1,200)") read as numbers; the caller decides whether they are allowed.
 */
export function readNumber(value: CellValue): CellResult<number> {
  if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value } : { ok: false, problem: 'notNumber' };
  if (typeof value !== 'string') return { ok: false, problem: 'notNumber' };
  let text = halfWidth(value).trim().replace(/\s+/g, '');
  let sign = 1;
  const bracketed = /^\((.*)\)$/.exec(text);
  if (bracketed) {
    sign = -1;
    text = bracketed[1]!;
  }
  if (text.startsWith('-')) {
    sign = -sign;
    text = text.slice(1);
  }
  text = text.replace(/^(¥|RMB|CNY)/i, '').replace(/(元|RMB|CNY)$/i, '');
  let scale = 1;
  if (text.endsWith('%')) {
    scale = 0.01;
    text = text.slice(0, -1);
  }
  if (!/^(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$|^\.\d+$/.test(text)) return { ok: false, problem: 'notNumber' };
  const number = sign * Number(text.replace(/,/g, '')) * scale;
  // 0.85 rather than 0.8500000000000001 for "85%".
  return { ok: true, value: scale === 1 ? number : Number(number.toPrecision(12)) };
}

/** A number that must be 0 or more (every figure, a contracted volume). */
export function readAmount(value: CellValue): CellResult<number> {
  const read = readNumber(value);
  if (read.ok && read.value < 0) return { ok: false, problem: 'negative' };
  return read;
}

function month(year: number, monthNumber: number): string | undefined {
  if (year < 1900 || year > 9999 || monthNumber < 1 || monthNumber > 12) return undefined;
  return `${year}-${String(monthNumber).padStart(2, '0')}`;
}

function day(year: number, monthNumber: number, dayNumber: number): string | undefined {
  const m = month(year, monthNumber);
  if (!m) return undefined;
  const date = new Date(Date.UTC(year, monthNumber - 1, dayNumber));
  if (date.getUTCMonth() !== monthNumber - 1 || date.getUTCDate() !== dayNumber) return undefined;
  return `${m}-${String(dayNumber).padStart(2, '0')}`;
}

const ENGLISH_MONTHS: Record<string, number> = Object.fromEntries(
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].flatMap((name, i) => [
    [name, i + 1],
    [name.slice(0, 3), i + 1],
  ]),
);
ENGLISH_MONTHS.sept = 9;

/**
 * A month (`YYYY-MM`) from "2026-11", "2026/11", "2026.11", "2026年11月", "202611", "Nov 2026",
 * "November 2026", a whole day in any of the day forms ("2026-11-01": Excel turns a typed month
 * into the first of it) or an .xlsx date cell.
 */
export function readMonth(value: CellValue): CellResult<string> {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { ok: false, problem: 'notMonth' } : { ok: true, value: dayOfDate(value).slice(0, 7) };
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string') return { ok: false, problem: 'notMonth' };
  const text = halfWidth(value).trim();
  let found: string | undefined;
  let match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(text) ?? /^(\d{4})(\d{2})$/.exec(text);
  if (match) found = month(Number(match[1]), Number(match[2]));
  else if ((match = /^([a-z]{3,9})\.?[\s,-]*(\d{4})$/i.exec(text))) {
    const monthNumber = ENGLISH_MONTHS[match[1]!.toLowerCase()];
    if (monthNumber) found = month(Number(match[2]), monthNumber);
  } else {
    const asDay = readDay(text);
    if (asDay.ok) found = asDay.value.slice(0, 7);
  }
  return found ? { ok: true, value: found } : { ok: false, problem: 'notMonth' };
}

/** A day (`YYYY-MM-DD`) from "2026-03-05", "2026/3/5", "2026.3.5", "2026年3月5日", "20260305" or an .xlsx date cell. */
export function readDay(value: CellValue): CellResult<string> {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { ok: false, problem: 'notDay' } : { ok: true, value: dayOfDate(value) };
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string') return { ok: false, problem: 'notDay' };
  const text = halfWidth(value).trim();
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const found = match ? day(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
  return found ? { ok: true, value: found } : { ok: false, problem: 'notDay' };
}

const YES = new Set(['是', '有', '已签约', '已签', '签约', 'y', 'yes', 'true', '1', '✓', '✔', '√', '☑', '✅']);
const NO = new Set(['否', '无', '未签约', '未签', '没有', 'n', 'no', 'false', '0', '×', '✗', '✘', 'x', '☐']);

/** Yes or no from 是/否, yes/no, true/false, 1/0, ✓/√ and ×/✗, or an .xlsx boolean or 1/0 cell. */
export function readYesNo(value: CellValue): CellResult<boolean> {
  if (typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'number') return value === 1 || value === 0 ? { ok: true, value: value === 1 } : { ok: false, problem: 'notYesNo' };
  if (typeof value !== 'string') return { ok: false, problem: 'notYesNo' };
  const text = value.trim().toLowerCase();
  if (YES.has(text)) return { ok: true, value: true };
  if (NO.has(text)) return { ok: true, value: false };
  return { ok: false, problem: 'notYesNo' };
}

/**
 * A name as compared when matching a dealer or a terminal: trimmed, and every run of spaces
 * (half-width, full-width U+3000, no-break) made one ordinary space. Nothing else is changed: names
 * are matched exactly.
 */
export function normalizeName(name: string): string {
  return name.replace(/[\s\u3000\u00a0]+/gu, ' ').trim();
}

/** A name cell as text: numbers (an id typed into a numeric cell) and days read as they show. */
export function readText(value: CellValue): string {
  return normalizeName(cellText(value));
}
