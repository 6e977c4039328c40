/**
 * Searching a rep's earlier reports (components/reports/ReportHistory.tsx): by text over every
 * line the rep wrote, the values of fields an admin added and the names of the dealers the report
 * names, and by one of those dealers. Pure, in memory, over the bounded set `historyOfAuthor`
 * reads (./history-queries.ts).
 *
 * Text matching is case-insensitive and whitespace-normalised (runs of spaces and line breaks
 * are one space; full-width letters and digits read as their ASCII forms), and works on Chinese
 * substrings as on words. A search is first tried as a phrase; a search of several words also
 * matches a report that has every word somewhere in it. The excerpt shows the first match in the
 * report's own words, with a little context either side.
 */
import { dealerIdsNamedIn, type DiaryEntry } from './diary-schema';

export interface HistorySearch {
  /** Words to find in the report's lines. Blank: no text condition. */
  text?: string;
  /** A dealer the report names (its content or its snapshot). Absent: any. */
  dealerId?: string;
  /**
   * The names of dealers, by id: text also finds a report that names a dealer whose name has it
   * (the excerpt is then the name). Absent: text is looked for in the report's lines only.
   */
  dealerNames?: Readonly<Record<string, string>>;
}

/** The first match in the report's own words: the text before it, the match, the text after. */
export interface HistoryExcerpt {
  before: string;
  match: string;
  after: string;
}

export interface HistoryMatch {
  matched: boolean;
  /** Only when the search has text and the report matched it. */
  excerpt?: HistoryExcerpt;
}

export interface HistoryResult {
  entry: DiaryEntry;
  excerpt?: HistoryExcerpt;
}

/** Characters of context kept before and after a match in an excerpt. */
const CONTEXT_BEFORE = 14;
const CONTEXT_AFTER = 32;
const ELLIPSIS = '…';

/** A stored value that is a record id (a customer field's dealer) or a day, not words. */
const NOT_WORDS = /^(?:[0-9A-HJKMNP-TV-Z]{26}|\d{4}-\d{2}-\d{2})$/;

/** Every line the rep wrote in the report, in the order the report reads, and its added fields' text. */
export function searchableLines(entry: Pick<DiaryEntry, 'content' | 'extra'>): string[] {
  const c = entry.content;
  const lines: (string | undefined)[] = [];
  switch (c.kind) {
    case 'daily':
      lines.push(...c.todayWork, ...c.tomorrowPlan, ...c.problems);
      break;
    case 'weekly':
      for (const s of c.lastWeekSummary) lines.push(s.item, s.problem);
      for (const p of c.nextWeekPlan) lines.push(p.priority, p.support);
      for (const v of c.keyAccountVisits) lines.push(v.purpose, v.outcome);
      lines.push(c.lateReason);
      break;
    case 'monthly':
      lines.push(...c.results, ...c.problems, ...c.nextMonthPlan, c.localProposal);
      break;
    case 'inspection':
      lines.push(...c.learned, ...c.handled, ...c.guided);
      break;
  }
  for (const value of Object.values(entry.extra ?? {})) {
    const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    lines.push(...texts.filter((text) => !NOT_WORDS.test(text.trim())));
  }
  return lines.filter((line): line is string => typeof line === 'string' && line.trim() !== '');
}

/**
 * Text folded for matching, with where each folded unit came from in the original: lower case,
 * NFKC (full-width forms), whitespace runs as one space, leading whitespace dropped.
 */
interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`, the start and end of the original character it came from. */
  from: number[];
  to: number[];
}

/** One character folded: ASCII and common Chinese characters without a call to `normalize`. */
function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : code === 9 || code === 10 || code === 11 || code === 12 || code === 13 ? ' ' : ch;
  if (code >= 0x4e00 && code <= 0x9fff) return ch;
  return ch.normalize('NFKC').toLowerCase();
}

function fold(original: string): Folded {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const ch of original) {
    const start = at;
    at += ch.length;
    const piece = foldChar(ch);
    if (piece === ' ' || (piece.length > 0 && piece.trim() === '')) {
      if (text === '' || text.endsWith(' ')) continue;
      text += ' ';
      from.push(start);
      to.push(at);
      continue;
    }
    text += piece;
    for (let k = 0; k < piece.length; k++) {
      from.push(start);
      to.push(at);
    }
  }
  return { text, from, to };
}

/**
 * The same folding for a whole string at once (what matching uses: fast enough to run over a few
 * thousand lines at every keystroke); `fold` is only run on the line an excerpt is cut from.
 */
const quickFold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ');

/** The search text as matched: folded, trimmed; '' when blank. */
export function foldedQuery(text: string | undefined): string {
  return quickFold(text ?? '').trim();
}

/** A report's searchable lines, as written and folded, kept per entry object while it is in memory. */
interface Searchable {
  lines: string[];
  folded: string[];
  /** Every folded line, one per line of text: a word is found in it when it is in some line. */
  all: string;
  /** The dealers the report names (`dealerIdsNamedIn`). */
  dealerIds: readonly string[];
}

const searchableCache = new WeakMap<object, Searchable>();

function searchableOf(entry: DiaryEntry): Searchable {
  let found = searchableCache.get(entry);
  if (!found) {
    const lines = searchableLines(entry);
    const folded = lines.map(quickFold);
    found = { lines, folded, all: folded.join('\n'), dealerIds: dealerIdsNamedIn(entry) };
    searchableCache.set(entry, found);
  }
  return found;
}

/** Dealer names folded once per names object (the view passes the same one at every keystroke). */
const foldedNamesCache = new WeakMap<object, Map<string, string>>();

/** The names of the dealers a report names, as written and folded, as lines to search. */
function dealersOf(dealerIds: readonly string[], dealerNames: Readonly<Record<string, string>> | undefined): Searchable {
  const lines: string[] = [];
  const folded: string[] = [];
  if (!dealerNames) return { lines, folded, all: '', dealerIds: [] };
  let cache = foldedNamesCache.get(dealerNames);
  if (!cache) foldedNamesCache.set(dealerNames, (cache = new Map()));
  for (const id of dealerIds) {
    const name = dealerNames[id];
    if (!name) continue;
    let f = cache.get(id);
    if (f === undefined) cache.set(id, (f = quickFold(name)));
    lines.push(name);
    folded.push(f);
  }
  return { lines, folded, all: '', dealerIds: [] };
}

/** Whether the search asks anything (text that is not blank, or a dealer). */
export function isSearching(search: HistorySearch): boolean {
  return foldedQuery(search.text) !== '' || !!search.dealerId;
}

/** Whitespace runs as one space, so an excerpt of a multi-line field reads as one line. */
const oneLine = (text: string) => text.replace(/\s+/gu, ' ');

function excerptOf(line: string, start: number, end: number): HistoryExcerpt {
  let before = Array.from(oneLine(line.slice(0, start)).trimStart());
  let after = Array.from(oneLine(line.slice(end)).trimEnd());
  let cutBefore = false;
  let cutAfter = false;
  if (before.length > CONTEXT_BEFORE) {
    before = before.slice(-CONTEXT_BEFORE);
    cutBefore = true;
    // Not from the middle of a Latin word: from the next space, if there is one near.
    const space = before.indexOf(' ');
    if (/\w/u.test(before[0]!) && space > 0 && space < CONTEXT_BEFORE / 2) before = before.slice(space + 1);
  }
  if (after.length > CONTEXT_AFTER) {
    after = after.slice(0, CONTEXT_AFTER);
    cutAfter = true;
    const space = after.lastIndexOf(' ');
    if (/\w/u.test(after.at(-1)!) && space > CONTEXT_AFTER / 2) after = after.slice(0, space);
  }
  return {
    before: (cutBefore ? ELLIPSIS : '') + before.join(''),
    match: oneLine(line.slice(start, end)),
    after: after.join('') + (cutAfter ? ELLIPSIS : ''),
  };
}

/** The first occurrence of folded `needle` in `line`, as an excerpt of the original line. */
function findIn(line: string, needle: string): HistoryExcerpt | undefined {
  const folded = fold(line);
  const index = folded.text.indexOf(needle);
  if (index < 0) return undefined;
  return excerptOf(line, folded.from[index]!, folded.to[index + needle.length - 1]!);
}

/** The excerpt of the first line that has `needle` (undefined only where a character folds differently alone). */
function firstExcerpt(report: Searchable, needle: string): HistoryExcerpt | undefined {
  const at = report.folded.findIndex((line) => line.includes(needle));
  return at < 0 ? undefined : findIn(report.lines[at]!, needle);
}

/**
 * Whether a report matches a search, and where: the dealer must be one the report names
 * (`dealerIdsNamedIn`, the snapshot's dealers included); the text must appear in one of its
 * lines (or in the name of a dealer it names, given `dealerNames`) as a phrase, or else every
 * word of it somewhere in the report.
 */
export function matchReport(entry: DiaryEntry, search: HistorySearch): HistoryMatch {
  const report = searchableOf(entry);
  const dealerIds = report.dealerIds;
  if (search.dealerId && !dealerIds.includes(search.dealerId)) return { matched: false };
  const query = foldedQuery(search.text);
  if (query === '') return { matched: true };
  if (report.folded.some((line) => line.includes(query))) return { matched: true, excerpt: firstExcerpt(report, query) };
  const dealers = dealersOf(dealerIds, search.dealerNames);
  if (dealers.folded.some((name) => name.includes(query))) return { matched: true, excerpt: firstExcerpt(dealers, query) };
  const words = query.split(' ');
  if (words.length < 2 || !words.every((word) => report.all.includes(word) || dealers.folded.some((name) => name.includes(word)))) return { matched: false };
  return { matched: true, excerpt: firstExcerpt(report, words[0]!) ?? firstExcerpt(dealers, words[0]!) };
}

/** The reports that match, by period, newest first, each with its excerpt. */
export function searchReports(entries: readonly DiaryEntry[], search: HistorySearch): HistoryResult[] {
  const results: HistoryResult[] = [];
  for (const entry of entries) {
    const { matched, excerpt } = matchReport(entry, search);
    if (matched) results.push(excerpt ? { entry, excerpt } : { entry });
  }
  return results.sort((a, b) => b.entry.periodStart.localeCompare(a.entry.periodStart));
}

/** Every dealer the reports name, once each (for the dealer filter). */
export function dealerIdsOfReports(entries: readonly DiaryEntry[]): string[] {
  return [...new Set(entries.flatMap((entry) => dealerIdsNamedIn(entry)))];
}
