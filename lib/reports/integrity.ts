/**
 * Integrity signals on a diary entry: what the seeds warn free-text diaries decay into (the
 * brief's "What the seeds warn about"). Each signal says why it fired (the dates, counts and
 * similarity that made it fire) so the manager and the rep read the same explanation; none of
 * them ever blocks a save or a submission. They are hints, not verdicts: every rule below is
 * tuned so that an ordinary week of an ordinary rep raises nothing.
 *
 * - writtenLate (多日一记): written two or more days after the day it reports on.
 * - manyDaysInOne (一日多记): one entry holds several days' work (its work lines are headed by
 *   other days), or several entries for different periods were written in one sitting.
 * - oneDaySpread (一日多记): one day's work reported in two entries (the same quantities in two
 *   days' work, the same key-account visit in two weekly reports), or an empty daily whose day
 *   the next day's entry covers.
 * - sameAsEarlier (同昨日): nearly the same text as an earlier entry of the same kind, by a
 *   character-bigram similarity, never by string equality.
 * - copiedInventory: the stock count of many customers unchanged since their last visit.
 * - editedAfterSubmit: changed after it was submitted (outside a return for revision).
 *
 * `integritySignals` is pure; `loadIntegritySignals` gathers its input through named queries.
 */
import type { FieldkitDatabase } from '../store/database';
import { isoWeekOf } from '../kernel/dates';
import type { VisitCard } from '../visits/schema';
import { dealerVisitsInRange, visitsOfAuthorBetween, visitsOfAuthorInWeek, visitsOfAuthorOnDay } from '../visits/queries';
import type { DiaryEntry, DiaryKind } from './diary-schema';
import type { ReviewEvent } from './review-schema';
import { periodOf } from './periods';
import { entriesOfAuthorInWeek, entriesOfKindBefore, reviewEventsOfEntry } from './queries';
import { isCopyMarker, normalizeLine } from './signals';

// ── Thresholds ────────────────────────────────────────────────────────────────────────────

/**
 * 多日一记: calendar days between the day reported on and the day written, from which an entry
 * counts as written late. One day is ordinary (a rep home late writes up next morning).
 */
export const WRITTEN_LATE_DAYS = 2;

/**
 * Entries created within this many minutes of each other (in a chain) were written in one
 * sitting. A daily takes a rep 5–15 minutes to type; 30 minutes joins entries typed back to back
 * but never the evenings of two different days.
 */
export const SITTING_MINUTES = 30;

/**
 * A day named in a daily's work counts as another day's work only within this many days before
 * the entry's day; an older date is a reference ("11月3日下的订单今天到货"), not work done.
 */
export const NAMED_DAY_LOOKBACK_DAYS = 14;

/**
 * A single sentence naming a past day is ordinary ("周一下的单今天到货"). Several days' work shows
 * as work lines headed by another day ("周一：拜访华联"), or as at least this many lines each
 * naming a different past day.
 */
export const NAMED_DAYS_MIN_LINES = 2;

/** The previous (next) daily counts as the day before (after) within this many days: Friday → Monday. */
export const ADJACENT_ENTRY_DAYS = 3;

/**
 * 一日多记 (spread): work lines with the same words and the same quantities in two consecutive
 * dailies. A line that states a number (订货50箱, 回款3万元) names one event; the same event twice is
 * one day's work reported on two days, while 订货50箱 then 订货60箱 are two orders. Continuing work
 * ("继续跟进华联合同") states no number and never counts.
 * Two such lines are needed, so one copy-paste slip does not fire.
 */
export const SPREAD_MIN_REPEATED_LINES = 2;

/**
 * 同昨日: two entries whose whole text (field by field, character bigrams, Sørensen–Dice)
 * is at least this similar read as the same entry. Two honest entries of the same rep share
 * customers' names and routine phrases and score about 0.3–0.6.
 */
export const SIMILARITY_THRESHOLD = 0.85;

/** Two lines at least this similar (same measure) are one line copied. */
export const LINE_SIMILARITY_THRESHOLD = 0.85;

/**
 * Lines shorter than this (in Chinese characters; Latin letters count a third each, about what a
 * Chinese character carries) are routine — 拜访客户, 查库存 — and take no part in any comparison,
 * so that legitimately recurring lines never make an entry look copied.
 */
export const MIN_LINE_SIZE = 6;

/** An entry needs this much substantive text (same measure) before it can read as copied. */
export const MIN_ENTRY_SIZE = 20;

/**
 * 同昨日 by lines: at least this many substantive lines copied, making up at least
 * `COPIED_LINES_SHARE` of the entry's substantive lines.
 */
export const COPIED_LINES_MIN = 3;
export const COPIED_LINES_SHARE = 0.8;

/** How many earlier entries of the same kind an entry is compared with. */
export const EARLIER_ENTRIES_COMPARED = 5;

/**
 * Stock copied, not counted: at least this many customers whose count is exactly the last
 * visit's, making up at least `COPIED_INVENTORY_SHARE` of the cards that can be compared. One
 * dealer whose stock did not move (a slow shop) is ordinary and never fires.
 */
export const COPIED_INVENTORY_MIN_DEALERS = 3;
export const COPIED_INVENTORY_SHARE = 0.6;

/** A card's previous visit is looked for this many days back. */
export const PREVIOUS_VISIT_LOOKBACK_DAYS = 120;

// ── Types ─────────────────────────────────────────────────────────────────────────────────

export type IntegritySignalKind = 'writtenLate' | 'manyDaysInOne' | 'oneDaySpread' | 'sameAsEarlier' | 'copiedInventory' | 'editedAfterSubmit';

export interface IntegritySignal {
  kind: IntegritySignalKind;
  /**
   * Values the sentence needs: days and dates (YYYY-MM-DD; lists comma-separated), similarity
   * in %, counts, and `entryKind` (the entry's kind) on every signal. `basis` says which rule
   * fired when a kind has several (see each rule).
   */
  params: Record<string, string | number>;
  /** Ids of the entries or visit cards involved. */
  relatedIds: string[];
}

export interface IntegrityInput {
  entry: DiaryEntry;
  /** The author's entries of the same kind before this one, newest first, a few. */
  earlierEntries: DiaryEntry[];
  /** The author's entries created around this one, any kind: those in the same sitting are picked here. */
  sameDayWrites?: DiaryEntry[];
  /** The author's entries of the same kind after this one, oldest first, a few (the next day's daily). */
  laterEntries?: DiaryEntry[];
  /** The entry's review events: edits made while it was returned for revision are the revision asked for. */
  reviewEvents?: ReviewEvent[];
  /** The visit cards of the entry's period. */
  visits: VisitCard[];
  /** Each card's previous visit to the same dealer. */
  previousVisitByCard: Map<string, VisitCard | undefined>;
  /** The author's IANA time zone: when an entry was written is read as a day there. */
  timeZone: string;
  now: string;
}

// ── Days and time zones ───────────────────────────────────────────────────────────────────

const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function addDays(day: string, n: number): string {
  return dayFromNumber(dayNumber(day) + n);
}

function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** 1 = Monday … 7 = Sunday. */
function weekdayOf(day: string): number {
  const js = new Date(dayNumber(day) * DAY_MS).getUTCDay();
  return js === 0 ? 7 : js;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      format = zoneFormat('UTC');
    }
    zoneFormats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock day (YYYY-MM-DD) and time (HH:mm) of an instant in a time zone. */
export function localDayAndTime(instant: string, timeZone: string): { day: string; time: string } {
  const parts = Object.fromEntries(zoneFormat(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The day an entry reports on: its day, or the last day of its week or month. */
function reportedDayOf(entry: DiaryEntry): string {
  return periodOf(entry.content.kind, entry.periodStart).end;
}

const isDayKind = (kind: DiaryKind) => kind === 'daily' || kind === 'inspection';

// ── Text ──────────────────────────────────────────────────────────────────────────────────

interface FieldText {
  field: string;
  lines: string[];
}

/** The entry's free text, field by field (custom template fields included). */
function textFieldsOf(entry: DiaryEntry): FieldText[] {
  const c = entry.content;
  const fields: FieldText[] = [];
  const add = (field: string, lines: readonly (string | undefined)[]) => fields.push({ field, lines: lines.flatMap((l) => (l ?? '').split('\n')) });
  switch (c.kind) {
    case 'daily':
      add('todayWork', c.todayWork);
      add('tomorrowPlan', c.tomorrowPlan);
      add('problems', c.problems);
      break;
    case 'weekly':
      add('lastWeekSummary.item', c.lastWeekSummary.map((s) => s.item));
      add('lastWeekSummary.problem', c.lastWeekSummary.map((s) => s.problem));
      add('nextWeekPlan.priority', c.nextWeekPlan.map((p) => p.priority));
      add('nextWeekPlan.support', c.nextWeekPlan.map((p) => p.support));
      add('keyAccountVisits.purpose', c.keyAccountVisits.map((v) => v.purpose));
      add('keyAccountVisits.outcome', c.keyAccountVisits.map((v) => v.outcome));
      add('lateReason', [c.lateReason]);
      break;
    case 'monthly':
      add('results', c.results);
      add('problems', c.problems);
      add('nextMonthPlan', c.nextMonthPlan);
      add('localProposal', [c.localProposal]);
      break;
    case 'inspection':
      add('learned', c.learned);
      add('handled', c.handled);
      add('guided', c.guided);
      break;
  }
  for (const [key, value] of Object.entries(entry.extra ?? {})) {
    if (typeof value === 'string') add(`extra.${key}`, [value]);
    else if (Array.isArray(value)) add(`extra.${key}`, value.filter((v): v is string => typeof v === 'string'));
  }
  return fields;
}

/** The field where an entry states its work, where "same as before" means nothing was written. */
const WORK_FIELD: Record<DiaryKind, string> = { daily: 'todayWork', weekly: 'nextWeekPlan.priority', monthly: 'results', inspection: 'handled' };

/** Text reduced to what carries meaning: full-width folded, lower case, no spaces or punctuation. */
export function normalizeForSimilarity(text: string): string {
  return normalizeLine(text.normalize('NFKC')).replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** How much a normalized text says: Chinese characters count 1, other characters a third. */
export function textSize(normalized: string): number {
  let size = 0;
  for (const ch of normalized) size += /\p{Script=Han}/u.test(ch) ? 1 : 1 / 3;
  return size;
}

type Bag = Map<string, number>;

function addBigrams(bag: Bag, normalized: string, tag: string): void {
  const chars = Array.from(normalized);
  const grams = chars.length === 1 ? chars : chars.slice(1).map((ch, i) => chars[i]! + ch);
  for (const gram of grams) {
    const key = `${tag}\u0000${gram}`;
    bag.set(key, (bag.get(key) ?? 0) + 1);
  }
}

function dice(a: Bag, b: Bag): number {
  let sizeA = 0;
  let sizeB = 0;
  let shared = 0;
  for (const n of a.values()) sizeA += n;
  for (const n of b.values()) sizeB += n;
  if (sizeA === 0 || sizeB === 0) return 0;
  for (const [gram, n] of a) shared += Math.min(n, b.get(gram) ?? 0);
  return (2 * shared) / (sizeA + sizeB);
}

/** Sørensen–Dice similarity of two texts' character bigrams (0…1), after normalization. */
export function textSimilarity(a: string, b: string): number {
  const bagA: Bag = new Map();
  const bagB: Bag = new Map();
  addBigrams(bagA, normalizeForSimilarity(a), '');
  addBigrams(bagB, normalizeForSimilarity(b), '');
  return dice(bagA, bagB);
}

interface Line {
  field: string;
  text: string;
  normalized: string;
  bag: Bag;
}

/** Lines long enough to mean something (routine lines such as 拜访客户 are left out). */
function substantiveLines(fields: readonly FieldText[]): Line[] {
  return fields.flatMap(({ field, lines }) =>
    lines.flatMap((text) => {
      const normalized = normalizeForSimilarity(text);
      if (textSize(normalized) < MIN_LINE_SIZE || isCopyMarker(text)) return [];
      const bag: Bag = new Map();
      addBigrams(bag, normalized, '');
      return [{ field, text, normalized, bag }];
    }),
  );
}

/** The whole entry as one bag of bigrams, each tagged with its field, so a plan never matches a day's work. */
function entryBag(lines: readonly Line[]): Bag {
  const bag: Bag = new Map();
  for (const line of lines) addBigrams(bag, line.normalized, line.field);
  return bag;
}

function bestLineMatch(line: Line, others: readonly Line[]): number {
  let best = 0;
  for (const other of others) if (other.field === line.field) best = Math.max(best, dice(line.bag, other.bag));
  return best;
}

const percent = (x: number) => Math.floor(x * 100);

// ── Named days ────────────────────────────────────────────────────────────────────────────

const ZH_WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const EN_WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A day label and what it resolves to, relative to the day of the entry that names it. */
type DayLabel = { kind: 'weekday'; weekday: number } | { kind: 'date'; year?: number; month: number; day: number } | { kind: 'relative'; back: number };

interface Mention {
  label: DayLabel;
  index: number;
  end: number;
}

const MENTION_PATTERNS: { re: RegExp; label: (m: RegExpExecArray) => DayLabel | undefined }[] = [
  { re: /(?:周|星期|礼拜)([一二三四五六日天])/g, label: (m) => ({ kind: 'weekday', weekday: ZH_WEEKDAYS[m[1]!]! }) },
  { re: /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]/g, label: (m) => ({ kind: 'date', year: m[1] ? Number(m[1]) : undefined, month: Number(m[2]), day: Number(m[3]) }) },
  { re: /(\d{4})-(\d{2})-(\d{2})/g, label: (m) => ({ kind: 'date', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }) },
  { re: /前天|day before yesterday/gi, label: () => ({ kind: 'relative', back: 2 }) },
  { re: /昨天|昨日|(?<!day before )yesterday/gi, label: () => ({ kind: 'relative', back: 1 }) },
  { re: /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/gi, label: (m) => ({ kind: 'weekday', weekday: EN_WEEKDAYS.indexOf(m[1]!.toLowerCase()) + 1 }) },
  // Short English weekdays only as a heading ("Mon:"), since "sat" and "sun" are words.
  { re: /\b(Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?=\s*[:：])/g, label: (m) => ({ kind: 'weekday', weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(m[1]!.slice(0, 3)) + 1 }) },
  {
    re: /\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+(\d{4}))?\b/gi,
    label: (m) => ({ kind: 'date', year: m[3] ? Number(m[3]) : undefined, month: EN_MONTHS.indexOf(m[2]!.toLowerCase()) + 1, day: Number(m[1]) }),
  },
  {
    re: /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b(?:,?\s+(\d{4}))?/gi,
    label: (m) => ({ kind: 'date', year: m[3] ? Number(m[3]) : undefined, month: EN_MONTHS.indexOf(m[1]!.toLowerCase()) + 1, day: Number(m[2]) }),
  },
];

/** Words around a day name that make it a deadline, a range or another week: 周五前, 下周一, by Friday. */
const NOT_WORK_BEFORE = /(?:下|上|本|这|每|下个|上个|next|last|this|every|each|by|before|until|till)\s*$/i;
const NOT_WORK_AFTER = /^\s*(?:前|之前|以前|后|之后|以后|起|开始|截止|为止|到期|到|至|~|～)/;

function mentionsIn(line: string): Mention[] {
  const found: Mention[] = [];
  for (const { re, label } of MENTION_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.index)) continue;
      if (NOT_WORK_BEFORE.test(line.slice(0, start)) || NOT_WORK_AFTER.test(line.slice(end))) continue;
      const l = label(m);
      if (l) found.push({ label: l, index: start, end });
    }
  }
  return found;
}

/** The day a label names, seen from an entry about `day`: weekdays of its ISO week, dates of its year. */
function resolve(label: DayLabel, day: string): string | undefined {
  if (label.kind === 'relative') return addDays(day, -label.back);
  if (label.kind === 'weekday') return addDays(day, label.weekday - weekdayOf(day));
  if (label.month < 1 || label.month > 12 || label.day < 1 || label.day > 31) return undefined;
  const year = label.year ?? Number(day.slice(0, 4));
  const candidate = `${year}-${String(label.month).padStart(2, '0')}-${String(label.day).padStart(2, '0')}`;
  // Without a year, a date after the entry's day is last year's (a December date in January).
  if (label.year === undefined && candidate > day) return `${year - 1}${candidate.slice(4)}`;
  return candidate;
}

/** A line that starts with a day label and a separator: "周一：拜访华联", "11月24日 永辉补货", "Mon: …". */
const BULLET = /^\s*(?:[-•·*]|\d{1,2}[.、)）]|[（(]\d{1,2}[)）])?\s*/;
const HEAD_SEPARATOR = /^(?:\s*[:：、，,—-]|\s+|$)/;

interface NamedDay {
  day: string;
  line: number;
  headed: boolean;
}

/** The days named in lines (work done; deadlines and other weeks left out), seen from `day`. */
function namedDays(lines: readonly string[], day: string): NamedDay[] {
  return lines.flatMap((line, index) => {
    const start = BULLET.exec(line)?.[0].length ?? 0;
    return mentionsIn(line).flatMap((m) => {
      const named = resolve(m.label, day);
      if (!named) return [];
      return [{ day: named, line: index, headed: m.index === start && HEAD_SEPARATOR.test(line.slice(m.end)) }];
    });
  });
}

// ── Rules ─────────────────────────────────────────────────────────────────────────────────

function writtenLate(input: IntegrityInput): IntegritySignal[] {
  const { entry, timeZone } = input;
  const reportedDay = reportedDayOf(entry);
  const writtenDay = localDayAndTime(entry.createdAt, timeZone).day;
  const days = daysBetween(reportedDay, writtenDay);
  if (days < WRITTEN_LATE_DAYS) return [];
  return [{ kind: 'writtenLate', params: { entryKind: entry.content.kind, reportedDay, writtenDay, days }, relatedIds: [] }];
}

/** A daily whose work lines are headed by other days, or name several past days on several lines. */
function manyDaysNamed(input: IntegrityInput): IntegritySignal[] {
  const { entry } = input;
  if (entry.content.kind !== 'daily') return [];
  const day = entry.periodStart;
  const past = namedDays(entry.content.todayWork, day).filter((n) => n.day < day && daysBetween(n.day, day) <= NAMED_DAY_LOOKBACK_DAYS);
  const headed = new Set(past.filter((n) => n.headed).map((n) => n.day));
  const linesByDay = new Map<string, Set<number>>();
  for (const n of past) linesByDay.set(n.day, (linesByDay.get(n.day) ?? new Set()).add(n.line));
  const lines = new Set(past.map((n) => n.line));
  const several = linesByDay.size >= NAMED_DAYS_MIN_LINES && lines.size >= NAMED_DAYS_MIN_LINES;
  if (headed.size === 0 && !several) return [];
  const days = [...(headed.size > 0 && !several ? headed : linesByDay.keys())].sort();
  return [{ kind: 'manyDaysInOne', params: { entryKind: 'daily', basis: 'namedDays', days: days.join(','), count: days.length }, relatedIds: [] }];
}

/** Entries of the same kind for other periods written in one sitting with this one, some of them after their period. */
function manyDaysInOneSitting(input: IntegrityInput): IntegritySignal[] {
  const { entry, timeZone } = input;
  const kind = entry.content.kind;
  const at = (e: DiaryEntry) => Date.parse(e.createdAt);
  const candidates = new Map<string, DiaryEntry>();
  for (const e of input.sameDayWrites ?? []) {
    if (e.id === entry.id || e.deletedAt || e.content.kind !== kind || e.author.id !== entry.author.id || e.periodStart === entry.periodStart) continue;
    // A draft opened before its period started is written in advance, not back-filled.
    if (localDayAndTime(e.createdAt, timeZone).day < e.periodStart) continue;
    candidates.set(e.id, e);
  }
  // The sitting: entries chained to this one by gaps of at most SITTING_MINUTES.
  const ordered = [...candidates.values(), entry].sort((a, b) => at(a) - at(b));
  const self = ordered.indexOf(entry);
  const gap = SITTING_MINUTES * 60_000;
  let first = self;
  let last = self;
  while (first > 0 && at(ordered[first]!) - at(ordered[first - 1]!) <= gap) first--;
  while (last < ordered.length - 1 && at(ordered[last + 1]!) - at(ordered[last]!) <= gap) last++;
  const sitting = ordered.slice(first, last + 1);
  const others = sitting.filter((e) => e !== entry);
  if (others.length === 0) return [];
  const backFilled = sitting.some((e) => localDayAndTime(e.createdAt, timeZone).day > reportedDayOf(e));
  if (!backFilled) return [];
  const days = [...new Set(others.map((e) => e.periodStart))].sort();
  return [
    {
      kind: 'manyDaysInOne',
      params: { entryKind: kind, basis: 'sitting', days: days.join(','), count: sitting.length, writtenDay: localDayAndTime(entry.createdAt, timeZone).day, minutes: SITTING_MINUTES },
      relatedIds: others.map((e) => e.id),
    },
  ];
}

interface Comparison {
  earlier: DiaryEntry;
  similarity: number;
  copied: number;
  ofLines: number;
  fired: boolean;
}

function compare(entry: DiaryEntry, earlier: DiaryEntry): Comparison {
  const mine = substantiveLines(textFieldsOf(entry));
  const theirs = substantiveLines(textFieldsOf(earlier));
  const size = (lines: readonly Line[]) => lines.reduce((sum, l) => sum + textSize(l.normalized), 0);
  const similarity = size(mine) >= MIN_ENTRY_SIZE && size(theirs) >= MIN_ENTRY_SIZE ? dice(entryBag(mine), entryBag(theirs)) : 0;
  const copied = mine.filter((line) => bestLineMatch(line, theirs) >= LINE_SIMILARITY_THRESHOLD).length;
  const byLines = copied >= COPIED_LINES_MIN && copied / mine.length >= COPIED_LINES_SHARE;
  return { earlier, similarity, copied, ofLines: mine.length, fired: similarity >= SIMILARITY_THRESHOLD || byLines };
}

/** The earlier entries worth comparing: same author and kind, before this one, live. */
function earlierOf(input: IntegrityInput): DiaryEntry[] {
  const { entry } = input;
  return input.earlierEntries
    .filter((e) => e.id !== entry.id && !e.deletedAt && e.content.kind === entry.content.kind && e.periodStart < entry.periodStart)
    .sort((a, b) => b.periodStart.localeCompare(a.periodStart))
    .slice(0, EARLIER_ENTRIES_COMPARED);
}

function sameAsEarlier(input: IntegrityInput): { signals: IntegritySignal[]; matchedId?: string } {
  const { entry } = input;
  const kind = entry.content.kind;
  const earlier = earlierOf(input);
  const fired = earlier.map((e) => compare(entry, e)).filter((c) => c.fired);
  // The most similar; on a tie the newest (the list is newest first and sort is stable).
  const best = fired.sort((a, b) => b.similarity - a.similarity || b.copied - a.copied)[0];
  if (best) {
    const basis = best.similarity >= SIMILARITY_THRESHOLD ? 'text' : 'lines';
    return {
      matchedId: best.earlier.id,
      signals: [
        {
          kind: 'sameAsEarlier',
          params: { entryKind: kind, basis, similarity: percent(best.similarity), earlierDay: best.earlier.periodStart, lines: best.copied, ofLines: best.ofLines },
          relatedIds: [best.earlier.id],
        },
      ],
    };
  }
  // The work field says only "same as before" (同昨日, 同上, ditto).
  const work = textFieldsOf(entry).find((f) => f.field === WORK_FIELD[kind]);
  const written = (work?.lines ?? []).map((l) => l.trim()).filter(Boolean);
  const previous = earlier[0];
  if (previous && written.length > 0 && written.every(isCopyMarker)) {
    return {
      matchedId: previous.id,
      signals: [{ kind: 'sameAsEarlier', params: { entryKind: kind, basis: 'marker', marker: written[0]!, earlierDay: previous.periodStart }, relatedIds: [previous.id] }],
    };
  }
  return { signals: [] };
}

/** The quantities a line states (订货50箱, 回款三万元), in order: a line that states some names one event. */
function quantitiesOf(text: string): string[] {
  return text.match(/\d+(?:\.\d+)?|[一两二三四五六七八九十百千万]+(?=个|家|次|箱|条|瓶|件|台|吨|元|块|桶|包|盒|袋)/g) ?? [];
}

/** The same event: nearly the same words and exactly the same quantities. */
function sameEvent(line: Line, others: readonly Line[]): boolean {
  const quantities = quantitiesOf(line.normalized).join('|');
  return quantities !== '' && others.some((o) => o.field === line.field && quantitiesOf(o.normalized).join('|') === quantities && dice(line.bag, o.bag) >= LINE_SIMILARITY_THRESHOLD);
}

/** Words that say the day had no work: leave, rest, a holiday. */
const DAY_OFF = /休息|请假|休假|调休|病假|事假|年假|放假|公休|day off|leave|holiday|sick/i;

function oneDaySpread(input: IntegrityInput, sameAsMatchedId: string | undefined): IntegritySignal[] {
  const { entry } = input;
  const c = entry.content;
  const signals: IntegritySignal[] = [];
  if (c.kind === 'weekly') {
    // The same key-account visit (customer and day) in an earlier weekly report.
    for (const earlier of earlierOf(input)) {
      if (earlier.content.kind !== 'weekly') continue;
      const before = new Set(earlier.content.keyAccountVisits.map((v) => `${v.dealerId}|${v.day}`));
      const again = c.keyAccountVisits.filter((v) => before.has(`${v.dealerId}|${v.day}`));
      if (again.length === 0) continue;
      const days = [...new Set(again.map((v) => v.day))].sort();
      signals.push({ kind: 'oneDaySpread', params: { entryKind: 'weekly', basis: 'visits', visits: again.length, days: days.join(','), earlierDay: earlier.periodStart }, relatedIds: [earlier.id] });
      break;
    }
    return signals;
  }
  if (c.kind !== 'daily') return signals;
  const day = entry.periodStart;

  // The same quantities in the previous day's work: one day's work reported twice.
  const previous = earlierOf(input).find((e) => e.content.kind === 'daily' && daysBetween(e.periodStart, day) <= ADJACENT_ENTRY_DAYS);
  if (previous && previous.content.kind === 'daily' && previous.id !== sameAsMatchedId) {
    const mine = substantiveLines([{ field: 'todayWork', lines: c.todayWork }]);
    const theirs = substantiveLines([{ field: 'todayWork', lines: previous.content.todayWork }]);
    const repeated = mine.filter((line) => sameEvent(line, theirs));
    if (repeated.length >= SPREAD_MIN_REPEATED_LINES) {
      signals.push({
        kind: 'oneDaySpread',
        params: { entryKind: 'daily', basis: 'repeated', earlierDay: previous.periodStart, lines: repeated.length, ofLines: mine.length },
        relatedIds: [previous.id],
      });
    }
  }

  // An empty daily, with no visits, for a day that the next day's entry reports on.
  const dayOver = localDayAndTime(input.now, input.timeZone).day > day;
  const ownWork = substantiveLines([{ field: 'todayWork', lines: c.todayWork }]);
  const ownVisits = input.visits.filter((v) => !v.deletedAt && v.visitDay === day);
  const allText = textFieldsOf(entry).flatMap((f) => f.lines).join('\n');
  if (dayOver && ownWork.length === 0 && ownVisits.length === 0 && !DAY_OFF.test(allText)) {
    const next = (input.laterEntries ?? [])
      .filter((e) => !e.deletedAt && e.content.kind === 'daily' && e.periodStart > day && daysBetween(day, e.periodStart) <= ADJACENT_ENTRY_DAYS)
      .sort((a, b) => a.periodStart.localeCompare(b.periodStart))[0];
    if (next && next.content.kind === 'daily' && namedDays(next.content.todayWork, next.periodStart).some((n) => n.day === day)) {
      signals.push({ kind: 'oneDaySpread', params: { entryKind: 'daily', basis: 'emptyDay', laterDay: next.periodStart }, relatedIds: [next.id] });
    }
  }
  return signals;
}

function copiedInventory(input: IntegrityInput): IntegritySignal[] {
  const comparable: { card: VisitCard; unchanged: boolean }[] = [];
  for (const card of input.visits) {
    const previous = input.previousVisitByCard.get(card.id);
    if (card.deletedAt || !previous || previous.id === card.id || card.currentInventory === undefined || previous.currentInventory === undefined) continue;
    if (previous.unit !== card.unit) continue;
    // No stock twice says nothing about counting.
    if (card.currentInventory === 0 && previous.currentInventory === 0) continue;
    comparable.push({ card, unchanged: card.currentInventory === previous.currentInventory });
  }
  const unchanged = comparable.filter((c) => c.unchanged).map((c) => c.card);
  const dealers = new Set(unchanged.map((c) => c.dealerId));
  if (dealers.size < COPIED_INVENTORY_MIN_DEALERS || unchanged.length / comparable.length < COPIED_INVENTORY_SHARE) return [];
  return [
    {
      kind: 'copiedInventory',
      params: { entryKind: input.entry.content.kind, cards: unchanged.length, ofCards: comparable.length, dealers: dealers.size, percent: percent(unchanged.length / comparable.length) },
      relatedIds: unchanged.map((c) => c.id),
    },
  ];
}

function editedAfterSubmit(input: IntegrityInput): IntegritySignal[] {
  const { entry, timeZone } = input;
  const revisions = entry.revisions ?? [];
  const firstSubmission = revisions.find((r) => r.action === 'submitted')?.at ?? entry.submittedAt ?? entry.deadline?.submittedAt;
  if (!firstSubmission) return [];
  const submissions = revisions.filter((r) => r.action !== 'edited').map((r) => r.at);
  const returns = (input.reviewEvents ?? []).filter((e) => e.entryId === entry.id && !e.deletedAt && e.action === 'return').map((e) => e.at);
  // Between a return and the next resubmission the rep revises on request: not an edit after submission.
  const whileReturned = (at: string) => returns.some((r) => r <= at && !submissions.some((s) => s > r && s <= at));
  return revisions
    .filter((r) => r.action === 'edited' && r.at >= firstSubmission && r.changes.length > 0 && !whileReturned(r.at))
    .map((r) => {
      const { day, time } = localDayAndTime(r.at, timeZone);
      const fields = new Set(r.changes.map((change) => change.path)).size;
      return { kind: 'editedAfterSubmit', params: { entryKind: entry.content.kind, by: r.by.name, byId: r.by.id, at: r.at, day, time, fields }, relatedIds: [] };
    });
}

/** Every integrity signal of an entry, in a stable order (by kind, then as found). */
export function integritySignals(input: IntegrityInput): IntegritySignal[] {
  if (input.entry.deletedAt) return [];
  const same = sameAsEarlier(input);
  return [
    ...writtenLate(input),
    ...manyDaysNamed(input),
    ...manyDaysInOneSitting(input),
    ...oneDaySpread(input, same.matchedId),
    ...same.signals,
    ...copiedInventory(input),
    ...editedAfterSubmit(input),
  ];
}

// ── Loading ───────────────────────────────────────────────────────────────────────────────

/** The cards of an entry's period, by the entry's author. */
async function visitsOfPeriod(db: FieldkitDatabase, entry: DiaryEntry): Promise<VisitCard[]> {
  const authorId = entry.author.id;
  const kind = entry.content.kind;
  if (isDayKind(kind)) return visitsOfAuthorOnDay.run(db, { authorId, day: entry.periodStart });
  if (kind === 'weekly') return visitsOfAuthorInWeek.run(db, { authorId, isoWeek: isoWeekOf(entry.periodStart) });
  const period = periodOf(kind, entry.periodStart);
  return visitsOfAuthorBetween.run(db, { authorId, from: period.start, to: period.end });
}

/** Each card's previous visit to its dealer: one ranged read per dealer. */
async function previousVisits(db: FieldkitDatabase, cards: readonly VisitCard[]): Promise<Map<string, VisitCard | undefined>> {
  const byDealer = new Map<string, VisitCard[]>();
  for (const card of cards) byDealer.set(card.dealerId, [...(byDealer.get(card.dealerId) ?? []), card]);
  const result = new Map<string, VisitCard | undefined>();
  await Promise.all(
    [...byDealer].map(async ([dealerId, own]) => {
      const days = own.map((c) => c.visitDay).sort();
      const history = await dealerVisitsInRange.run(db, { dealerId, from: addDays(days[0]!, -PREVIOUS_VISIT_LOOKBACK_DAYS), to: days.at(-1)! });
      const earlierThan = (a: VisitCard, b: VisitCard) => a.visitDay < b.visitDay || (a.visitDay === b.visitDay && a.createdAt < b.createdAt);
      for (const card of own) {
        const before = history.filter((h) => h.id !== card.id && earlierThan(h, card));
        result.set(card.id, before.sort((a, b) => (earlierThan(a, b) ? 1 : -1))[0]);
      }
    }),
  );
  return result;
}

/**
 * An entry's integrity signals from the database: the author's earlier entries of its kind,
 * their entries of the weeks around it (the same sitting, the next day's daily), its review
 * events, its period's visit cards and each card's previous visit. `timeZone` is the author's.
 */
export async function loadIntegritySignals(db: FieldkitDatabase, entry: DiaryEntry, options: { timeZone: string; now: string }): Promise<IntegritySignal[]> {
  const authorId = entry.author.id;
  const kind = entry.content.kind;
  const period = periodOf(kind, entry.periodStart);
  const weeks = [...new Set([isoWeekOf(addDays(entry.periodStart, -7)), isoWeekOf(entry.periodStart), isoWeekOf(period.end), isoWeekOf(addDays(period.end, 7))])];
  const [earlierEntries, around, reviewEvents, visits] = await Promise.all([
    entriesOfKindBefore.run(db, { authorId, kind, before: entry.periodStart, limit: EARLIER_ENTRIES_COMPARED }),
    Promise.all(weeks.map((isoWeek) => entriesOfAuthorInWeek.run(db, { authorId, isoWeek }))).then((lists) => lists.flat()),
    reviewEventsOfEntry.run(db, { entryId: entry.id }),
    visitsOfPeriod(db, entry),
  ]);
  const sameDayWrites = [...new Map([...around, ...earlierEntries].map((e) => [e.id, e])).values()].filter(
    (e) => Math.abs(Date.parse(e.createdAt) - Date.parse(entry.createdAt)) <= DAY_MS,
  );
  const laterEntries = around.filter((e) => e.content.kind === kind && e.periodStart > entry.periodStart).sort((a, b) => a.periodStart.localeCompare(b.periodStart));
  const previousVisitByCard = await previousVisits(db, visits);
  return integritySignals({ entry, earlierEntries, sameDayWrites, laterEntries, reviewEvents, visits, previousVisitByCard, timeZone: options.timeZone, now: options.now });
}
