/**
 * Every output of the competitive analysis at once, from intel items: for the demo
 * (`npm run demo` writes them to its output) and for anything else outside the side panel. The
 * side panel composes the same document and hands it to ExportMenu instead, which loads the
 * workbook library only when asked.
 */
import type { Locale } from '../../kernel/i18n';
import type { ReportDocument } from '../../reports/export/document';
import { renderHtml, standaloneHtml } from '../../reports/export/html';
import { renderMarkdown } from '../../reports/export/markdown';
import { renderPlainText } from '../../reports/export/text';
import { renderXlsxBytes } from '../../reports/export/xlsx';
import type { IntelItem } from '../schema';
import { composeCompetitiveAnalysis, type AnalysisPeriod, type AnalysisResolver, type CompetitiveAnalysis } from './compose';
import { documentOfAnalysis } from './document';

export interface RenderAnalysisOptions {
  period: AnalysisPeriod;
  locale: Locale;
  /** When the intel was read: the report's "as of". */
  now: Date;
  /** The zone "as of" is told in (the reader's, e.g. Asia/Shanghai). */
  timeZone: string;
  /** Canonical names (the dictionary's createResolver); default: each item's own names. */
  resolver?: AnalysisResolver;
  /** A dealer's name by id; a dealer it does not know is said to be no longer on this device. */
  dealerName?: (id: string) => string | undefined;
  preparedBy?: string;
}

export interface RenderedAnalysis {
  analysis: CompetitiveAnalysis;
  document: ReportDocument;
  /** GitHub-flavoured Markdown. */
  markdown: string;
  /** The clipboard's HTML fragment (what chat apps paste). */
  html: string;
  /** A full page with the print stylesheet: the browser's "Save as PDF" makes the PDF. */
  printHtml: string;
  /** The clipboard's plain text. */
  text: string;
  /** The .xlsx workbook. */
  xlsxBytes: Uint8Array;
}

/** The analysis of `items` over `options.period`, in every format; file names from `document.fileName`. */
export async function renderCompetitiveAnalysis(items: readonly IntelItem[], options: RenderAnalysisOptions): Promise<RenderedAnalysis> {
  const analysis = composeCompetitiveAnalysis(items, {
    period: options.period,
    now: options.now,
    timeZone: options.timeZone,
    ...(options.resolver ? { resolver: options.resolver } : {}),
    ...(options.dealerName ? { dealerName: options.dealerName } : {}),
  });
  const document = documentOfAnalysis(analysis, { locale: options.locale, ...(options.preparedBy ? { preparedBy: options.preparedBy } : {}) });
  return {
    analysis,
    document,
    markdown: renderMarkdown(document),
    html: renderHtml(document),
    printHtml: standaloneHtml(document),
    text: renderPlainText(document),
    xlsxBytes: await renderXlsxBytes(document),
  };
}
