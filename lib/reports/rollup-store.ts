/**
 * Posting a team roll-up: one `Report` record (kind `teamRollup`) per manager and period, synced
 * to the CRM as ONE note (not associated to each dealer: a roll-up covers a whole team's dealers,
 * and a note per dealer would repeat the team's business on every customer). Its id is derived
 * from the manager, the kind and the period, so every device names it the same way and posting
 * again — later in the week, or from another device — updates the same record, the same outbox
 * entry and, once synced, the same note.
 */
import { translator } from '../kernel/i18n';
import type { Author } from '../kernel/record';
import { isoWeekOf, monthOf } from '../kernel/dates';
import type { FieldkitDatabase } from '../store/database';
import { saveRecord } from '../store/records';
import type { ReportDocument, Block } from './export/document';
import { shownSections } from './export/document';
import { generatedReportsOfAuthor } from './queries';
import type { TeamRollup } from './rollup';
import { rollupWords } from './rollup-words';
import type { Report } from './schema';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const FNV_OFFSET = 0x6c62272e07bb014262b821756295c58dn;
const FNV_PRIME = 0x0000000001000000000000000000013bn;
const MASK_128 = (1n << 128n) - 1n;

/** 128-bit FNV-1a of the UTF-8 bytes: stable on every device and engine (as lib/dealers/kpi-snapshot-kind.ts). */
function fnv1a128(text: string): bigint {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_128;
  return hash;
}

/**
 * The id of a manager's roll-up of a period: a ULID-shaped string (26 Crockford characters, the
 * first 0–7) derived from the author's id, the roll-up kind and the period's first day.
 */
export function rollupReportIdOf(authorId: string, kind: TeamRollup['kind'], periodStart: string): string {
  let n = fnv1a128(`teamRollup:${authorId}:${kind}:${periodStart}`);
  let out = '';
  for (let i = 0; i < 25; i++) {
    out = CROCKFORD[Number(n & 31n)]! + out;
    n >>= 5n;
  }
  return CROCKFORD[Number(n & 7n)]! + out;
}

/** A block as the note's lines: a table row is its cells joined, empty cells as a dash. */
function linesOf(block: Block): string[] {
  switch (block.type) {
    case 'paragraph':
      return [block.text];
    case 'list':
      return block.items;
    case 'fields':
      return block.items.map((f) => `${f.label}: ${f.value}`);
    case 'table':
      return block.rows.map((row) =>
        row
          .map((cell, i) => {
            const column = block.columns[i];
            if (cell === null) return `${column?.label ?? ''} —`;
            const value = column?.type === 'percent' && typeof cell === 'number' ? `${cell}%` : String(cell);
            return i === 0 ? value : `${column?.label ?? ''} ${value}`;
          })
          .join(' · '),
      );
  }
}

/**
 * How many characters of lines a roll-up note carries. HubSpot holds 65,536 characters in a
 * property, and the note carries the record twice (its readable body and its JSON payload, each
 * checked against that limit): 40,000 leaves room for markup, ids and the rest of the record.
 */
export const NOTE_TEXT_BUDGET = 40_000;
/** Markup around each line in the note's body (`<li>…</li>`, quotes and a comma in the payload). */
const LINE_OVERHEAD = 12;

/** The lines that fit in `budget` characters, and one line counting the rest. */
function fit(lines: string[], budget: number, more: (count: number) => string): { kept: string[]; used: number } {
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + LINE_OVERHEAD > budget) break;
    kept.push(line);
    used += line.length + LINE_OVERHEAD;
  }
  if (kept.length < lines.length) kept.push(more(lines.length - kept.length));
  return { kept, used };
}

const lengthOf = (lines: string[]) => lines.reduce((n, line) => n + line.length + LINE_OVERHEAD, 0);

/**
 * The document as the record's sections (what the CRM note shows): the header fields first, then
 * each section's lines. The sections of bounded length (the status table — every rep is always
 * listed —, competitors, KPI moves) come whole; highlights and problems share what is left of
 * `budget` characters, problems first, and what does not fit is counted in one last line ("…and
 * 12 more lines: the export has them all").
 */
export function sectionsOfDocument(document: ReportDocument, budget: number = NOTE_TEXT_BUDGET): Report['sections'] {
  const header = [...(document.subtitle ? [document.subtitle] : []), ...document.fields.map((f) => `${f.label}: ${f.value}`), ...(document.asOf ? [document.asOf] : [])];
  const t = translator(rollupWords, document.locale);
  const more = (count: number) => t('moreLines', { count });
  const shown = shownSections(document).map((section) => ({
    id: section.id,
    heading: section.heading,
    lines: section.blocks.length > 0 ? section.blocks.flatMap(linesOf) : section.empty ? [section.empty] : [],
  }));
  const open = new Set(['highlights', 'problems']);
  let left = budget - document.title.length - lengthOf(header) - shown.reduce((n, s) => n + s.heading.length + LINE_OVERHEAD + (open.has(s.id) ? 0 : lengthOf(s.lines)), 0);
  const kept = new Map<string, string[]>();
  // Bounded sections whole, unless even they overflow (then they too are cut, in order).
  for (const section of shown.filter((s) => !open.has(s.id))) {
    left += lengthOf(section.lines);
    const { kept: lines, used } = fit(section.lines, Math.max(0, left), more);
    kept.set(section.id, lines);
    left -= used;
  }
  const problems = shown.find((s) => s.id === 'problems')?.lines ?? [];
  const highlights = shown.find((s) => s.id === 'highlights')?.lines ?? [];
  const room = Math.max(0, left);
  const forProblems = Math.max(room / 2, room - lengthOf(highlights));
  const fittedProblems = fit(problems, forProblems, more);
  kept.set('problems', fittedProblems.kept);
  kept.set('highlights', fit(highlights, room - fittedProblems.used, more).kept);
  return [{ heading: document.title, lines: header }, ...shown.map((s) => ({ heading: s.heading, lines: kept.get(s.id) ?? [] }))];
}

/**
 * Saves (or updates) the manager's roll-up of the period as a `Report` and queues it for the CRM.
 * Idempotent per author, kind and period: posting twice leaves one record and one outbox entry.
 */
export async function saveRollupReport(db: FieldkitDatabase, rollup: TeamRollup, document: ReportDocument, author: Author, now: Date = new Date()): Promise<Report> {
  const id = rollupReportIdOf(author.id, rollup.kind, rollup.period.start);
  return saveRecord(
    db,
    'reports',
    {
      id,
      kind: 'teamRollup',
      ...(rollup.kind === 'weekly' ? { isoWeek: isoWeekOf(rollup.period.start) } : { month: monthOf(rollup.period.start) }),
      period: { kind: rollup.kind, start: rollup.period.start, end: rollup.period.end },
      title: `${document.title} · ${document.subtitle ?? rollup.period.label}`.slice(0, 200),
      sections: sectionsOfDocument(document),
      sourceRecordIds: rollup.sourceEntryIds,
      generatedAt: rollup.generatedAt,
      postedAt: now.toISOString(),
    },
    { author, now },
  );
}

/**
 * The manager's posted roll-up of a period, if any, read through the reports' named query (the
 * author's roll-ups, newest first; a manager posts one a week or a month).
 */
export async function postedRollup(db: FieldkitDatabase, authorId: string, kind: TeamRollup['kind'], periodStart: string): Promise<Report | undefined> {
  const id = rollupReportIdOf(authorId, kind, periodStart);
  const reports = await generatedReportsOfAuthor.run(db, { authorId, kind: 'teamRollup', limit: 500 });
  return reports.find((r) => r.id === id);
}
