/**
 * A report as Markdown (GitHub-flavoured): the title as `#`, each shown section as `##`, header and
 * field blocks as bold-labelled list items, tables as GFM tables with the unit in the header and
 * numbers right-aligned. Everything a user typed is escaped, so a note reading
 * `| # <script>…</script> *x*` stays that text and never becomes a heading, a table cell border,
 * emphasis or raw HTML. The output is deterministic (golden files in test/fixtures/report-export/).
 */
import type { Block, Cell, Column, ReportDocument } from './document';
import { shownSections } from './document';
import { alignsRight, columnHeader, dayStyleOf, formatCell, pair } from './cells';
import type { Locale } from '../../kernel/i18n';

/** Characters that mean something anywhere in a line. */
const INLINE_SPECIAL = /[\\`*_[\]<>|~]/g;
/** `&` only matters where it would start an entity (`&lt;`, `&#60;`). */
const ENTITY_START = /&(?=#?[0-9A-Za-z]+;)/g;

/** One line of user text, safe inline anywhere (no line breaks). */
export function escapeMarkdownInline(text: string): string {
  let line = text.replace(/\s+/g, ' ').trim();
  line = line.replace(INLINE_SPECIAL, '\\$&').replace(ENTITY_START, '\\&');
  // What only means something at the start of a line: a heading, a quote, a list item, a setext
  // underline, an ordered-list number (a cell like "35.5" or "-5" is left alone).
  line = line
    .replace(/^(#{1,6})(?=\s|$)/, '\\$1')
    .replace(/^>/, '\\>')
    .replace(/^([+-])(?=\s|$)/, '\\$1')
    .replace(/^([=-])(?=[=-]*\s*$)/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
  // A heading's closing sequence (`Title ##`) would be dropped.
  line = line.replace(/(\s)(#+)$/, (_, space: string, hashes: string) => space + hashes.replace(/#/g, '\\#'));
  return line;
}

/** A paragraph of user text: its own line breaks kept, each line escaped, blank lines collapsed. */
function escapeParagraph(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map(escapeMarkdownInline);
  const kept: string[] = [];
  for (const line of lines) {
    if (line === '' && (kept.length === 0 || kept[kept.length - 1] === '')) continue;
    kept.push(line);
  }
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n');
}

function fieldLines(items: { label: string; value: string }[], locale: Locale): string {
  return items.map((item) => `- ${pair(`**${escapeMarkdownInline(item.label)}**`, escapeMarkdownInline(item.value), locale)}`).join('\n');
}

function table(columns: Column[], rows: Cell[][], locale: Locale): string {
  if (columns.length === 0) return '';
  const dayStyle = dayStyleOf(columns, rows);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const header = line(columns.map((column) => escapeMarkdownInline(columnHeader(column, locale))));
  const rule = line(columns.map((column) => (alignsRight(column) ? '---:' : '---')));
  const body = rows.map((row) => line(columns.map((column, index) => escapeMarkdownInline(formatCell(row[index], column, locale, dayStyle)))));
  return [header, rule, ...body].join('\n');
}

function block(item: Block, locale: Locale): string {
  switch (item.type) {
    case 'paragraph':
      return escapeParagraph(item.text);
    case 'list':
      return item.items.map((entry) => `- ${escapeMarkdownInline(entry)}`).join('\n');
    case 'fields':
      return fieldLines(item.items, locale);
    case 'table':
      return table(item.columns, item.rows, locale);
  }
}

/** The whole report as Markdown, ending in one newline. */
export function renderMarkdown(doc: ReportDocument): string {
  const parts: string[] = [`# ${escapeMarkdownInline(doc.title)}`];
  if (doc.subtitle?.trim()) parts.push(escapeMarkdownInline(doc.subtitle));
  if (doc.fields.length > 0) parts.push(fieldLines(doc.fields, doc.locale));
  if (doc.asOf?.trim()) parts.push(`*${escapeMarkdownInline(doc.asOf)}*`);
  for (const section of shownSections(doc)) {
    parts.push(`## ${escapeMarkdownInline(section.heading)}`);
    const blocks = section.blocks.map((item) => block(item, doc.locale)).filter((text) => text !== '');
    if (blocks.length === 0 && section.empty?.trim()) blocks.push(`*${escapeMarkdownInline(section.empty)}*`);
    parts.push(...blocks);
  }
  return `${parts.join('\n\n')}\n`;
}
