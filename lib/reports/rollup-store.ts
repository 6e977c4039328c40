/**
 * Posting a team roll-up: one `Report` record (kind `teamRollup`) per manager and period, synced
 * to the CRM as ONE note (not associated to each dealer: a roll-up covers a whole team's dealers,
 * and a note per dealer would repeat the team's business on every customer). Its id is derived
 * from the manager, the kind and the period, so every device names it the same way and posting
 * again — later in the week, or from another device — updates the same record, the same outbox
 * entry and, once synced, the same note.
 */
import type { Author } from '../kernel/record';
import { isoWeekOf, monthOf } from '../kernel/dates';
import type { FieldkitDatabase } from '../store/database';
import { saveRecord } from '../store/records';
import type { ReportDocument, Block } from './export/document';
import { shownSections } from './export/document';
import { generatedReportsOfAuthor } from './queries';
import type { TeamRollup } from './rollup';
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

/** The document as the record's sections (what the CRM note shows): the header fields first. */
export function sectionsOfDocument(document: ReportDocument): Report['sections'] {
  const header = [...(document.subtitle ? [document.subtitle] : []), ...document.fields.map((f) => `${f.label}: ${f.value}`), ...(document.asOf ? [document.asOf] : [])];
  return [
    { heading: document.title, lines: header },
    ...shownSections(document).map((section) => ({
      heading: section.heading,
      lines: section.blocks.length > 0 ? section.blocks.flatMap(linesOf) : section.empty ? [section.empty] : [],
    })),
  ];
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
