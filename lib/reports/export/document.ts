/**
 * A report as a document: what every export renders (Markdown, the print page, the clipboard's
 * HTML and plain text, the xlsx workbook). Built once per report in the report's language by
 * ./entry-document.ts (a rep's weekly or monthly report) or ../rollup-document.ts (a manager's team
 * roll-up); the renderers only lay it out, so the formats never disagree about what a report says.
 *
 * Values are typed so the workbook can store numbers as numbers and days as dates; the text
 * renderers format them for the document's locale.
 */
import type { Locale } from '../../kernel/i18n';
import { z } from '../../kernel/zod';

export type ColumnType = 'text' | 'number' | 'date' | 'percent';

export interface Column {
  label: string;
  type: ColumnType;
  /** The unit a number column counts in (箱, 元/箱 …), said once in its header. */
  unit?: string;
  /** Relative width in characters, for the workbook; text renderers ignore it. */
  width?: number;
  /** A percent column of changes: a rise is written with its plus sign ("+5%"), as a fall has its minus. */
  signed?: boolean;
}

/**
 * A cell: text; a number (a `number` column); a day `YYYY-MM-DD` (a `date` column); a percent
 * 0–100 (a `percent` column). `null` is an empty cell, never shown as 0.
 */
export type Cell = string | number | null;

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  /** Label–value pairs (the period, who wrote it, its status). */
  | { type: 'fields'; items: { label: string; value: string }[] }
  | { type: 'table'; columns: Column[]; rows: Cell[][] };

export interface DocumentSection {
  /** Stable across languages (the sheet's key, the anchor): `summary`, `dealers` … */
  id: string;
  heading: string;
  blocks: Block[];
  /** Said instead of the blocks when there are none ("no intel this week"). */
  empty?: string;
}

export interface ReportDocument {
  locale: Locale;
  title: string;
  /** Who and which period, under the title. */
  subtitle?: string;
  /** The header fields: period, author, status, deadline. */
  fields: { label: string; value: string }[];
  /** "Numbers as of 1 Dec 2026 17:05 (Asia/Shanghai)": present whenever the report holds a snapshot. */
  asOf?: string;
  sections: DocumentSection[];
  /** A file name without extension, safe on every system: `weekly-report-2026-W49-zhang-wei`. */
  fileName: string;
}

/** The sections with something to show (blocks, or an explicit empty line). */
export function shownSections(document: ReportDocument): DocumentSection[] {
  return document.sections.filter((section) => section.blocks.length > 0 || section.empty);
}

const Text = z.string().max(20_000);
const ColumnSchema = z.object({ label: Text, type: z.enum(['text', 'number', 'date', 'percent']), unit: Text.optional(), width: z.number().positive().max(200).optional(), signed: z.boolean().optional() });
const BlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), text: Text }),
  z.object({ type: z.literal('list'), items: z.array(Text).max(2000) }),
  z.object({ type: z.literal('fields'), items: z.array(z.object({ label: Text, value: Text })).max(200) }),
  z.object({ type: z.literal('table'), columns: z.array(ColumnSchema).min(1).max(30), rows: z.array(z.array(z.union([Text, z.number(), z.null()])).max(30)).max(5000) }),
]);

/** A document handed from one extension page to another (the print page): checked like any input. */
export const ReportDocumentSchema = z.object({
  locale: z.enum(['zh-CN', 'en']),
  title: Text,
  subtitle: Text.optional(),
  fields: z.array(z.object({ label: Text, value: Text })).max(50),
  asOf: Text.optional(),
  sections: z.array(z.object({ id: z.string().max(80), heading: Text, blocks: z.array(BlockSchema).max(50), empty: Text.optional() })).max(100),
  fileName: z.string().max(200),
}) satisfies z.ZodType<ReportDocument>;
