/**
 * Posting a competitive analysis: one `Report` record (kind `competitorAnalysis`) per author and
 * period, synced to the CRM as ONE note through the report kind (lib/reports/kind.ts) — not
 * associated to each dealer: an analysis covers every dealer its intel was seen at, and a note
 * per dealer would repeat the whole market on every customer. Its id is derived from the author
 * and the period's days, so posting again — after more intel came in, or from another device —
 * updates the same record, the same outbox entry and, once synced, the same note.
 */
import type { Author } from '../../kernel/record';
import { isoWeekOf, monthOf, daysOfIsoWeek, daysOfMonth } from '../../kernel/dates';
import type { FieldkitDatabase } from '../../store/database';
import { saveRecord } from '../../store/records';
import type { ReportDocument } from '../../reports/export/document';
import { generatedReportsOfAuthor } from '../../reports/queries';
import { sectionsOfDocument } from '../../reports/rollup-store';
import type { Report } from '../../reports/schema';
import type { AnalysisPeriod, CompetitiveAnalysis } from './compose';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const FNV_OFFSET = 0x6c62272e07bb014262b821756295c58dn;
const FNV_PRIME = 0x0000000001000000000000000000013bn;
const MASK_128 = (1n << 128n) - 1n;

/**
 * The id of an author's analysis of a period: a ULID-shaped string (26 Crockford characters, the
 * first 0–7) from a 128-bit FNV-1a of the author, the first and the last day (as the roll-up's).
 */
export function analysisReportIdOf(authorId: string, period: AnalysisPeriod): string {
  let n = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(`competitorAnalysis:${authorId}:${period.from}:${period.to}`)) n = ((n ^ BigInt(byte)) * FNV_PRIME) & MASK_128;
  let out = '';
  for (let i = 0; i < 25; i++) {
    out = CROCKFORD[Number(n & 31n)]! + out;
    n >>= 5n;
  }
  return CROCKFORD[Number(n & 7n)]! + out;
}

/** A whole month or ISO week, as the report's period; a range of days is neither. */
function calendarPeriodOf(period: AnalysisPeriod): Pick<Report, 'period' | 'month' | 'isoWeek'> {
  const month = monthOf(period.from);
  const { first, last } = daysOfMonth(month);
  if (period.from === first && period.to === last) return { month, period: { kind: 'monthly', start: period.from, end: period.to } };
  const week = daysOfIsoWeek(period.from);
  if (period.from === week[0] && period.to === week[6]) return { isoWeek: isoWeekOf(period.from), period: { kind: 'weekly', start: period.from, end: period.to } };
  return {};
}

/**
 * Saves (or updates) the author's analysis of the period as a `Report` and queues it for the CRM.
 * Idempotent per author and period: posting twice leaves one record and one outbox entry.
 */
export async function saveAnalysisReport(db: FieldkitDatabase, analysis: CompetitiveAnalysis, document: ReportDocument, author: Author, now: Date = new Date()): Promise<Report> {
  return saveRecord(
    db,
    'reports',
    {
      id: analysisReportIdOf(author.id, analysis.period),
      kind: 'competitorAnalysis',
      ...calendarPeriodOf(analysis.period),
      title: `${document.title} · ${document.subtitle ?? ''}`.replace(/ · $/, '').slice(0, 200),
      sections: sectionsOfDocument(document),
      sourceRecordIds: analysis.sourceItemIds,
      generatedAt: analysis.asOf,
      postedAt: now.toISOString(),
    },
    { author, now },
  );
}

/** The author's posted analysis of a period, if any, through the reports' named query (newest first). */
export async function postedAnalysis(db: FieldkitDatabase, authorId: string, period: AnalysisPeriod): Promise<Report | undefined> {
  const id = analysisReportIdOf(authorId, period);
  const reports = await generatedReportsOfAuthor.run(db, { authorId, kind: 'competitorAnalysis', limit: 500 });
  return reports.find((r) => r.id === id);
}
