/**
 * A report as HTML: `renderHtml` is a self-contained fragment (the clipboard's text/html, which chat
 * apps paste, and the body of the print page); `standaloneHtml` wraps it in a full page with
 * PRINT_CSS, so the browser's "Save as PDF" makes the PDF.
 *
 * Semantic tags only (article, header, h1, h2, section, p, ul, dl, table/thead/tbody), every string
 * escaped, no scripts, no event handlers, no links. Tables carry `border`/`cellpadding` attributes
 * and one short style attribute, so they stay readable when pasted where no stylesheet applies.
 */
import type { Locale } from '../../kernel/i18n';
import { alignsRight, columnHeader, dayStyleOf, formatCell } from './cells';
import type { Block, Cell, Column, ReportDocument } from './document';
import { shownSections } from './document';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in HTML content and in double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/** Text with its own line breaks kept as <br>. */
function multiline(text: string): string {
  return escapeHtml(text.replace(/\r\n?/g, '\n').trim()).replace(/\n/g, '<br>');
}

/** The id of a section's heading, for in-page links: letters, digits and dashes only. */
function anchor(id: string): string {
  return `section-${id.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

const RIGHT = ' style="text-align:right"';

function fields(items: { label: string; value: string }[]): string {
  const rows = items.map((item) => `<dt>${escapeHtml(item.label)}</dt><dd>${multiline(item.value)}</dd>`).join('');
  return `<dl class="fields">${rows}</dl>`;
}

function table(columns: Column[], rows: Cell[][], locale: Locale): string {
  if (columns.length === 0) return '';
  const dayStyle = dayStyleOf(columns, rows);
  const head = columns.map((column) => `<th scope="col"${alignsRight(column) ? RIGHT : ''}>${escapeHtml(columnHeader(column, locale))}</th>`).join('');
  const body = rows
    .map((row) => {
      const cells = columns.map((column, index) => {
        const cell = row[index];
        const empty = cell === null || cell === undefined || cell === '';
        return `<td${alignsRight(column) ? RIGHT : ''}${empty ? ' class="empty"' : ''}>${escapeHtml(formatCell(cell, column, locale, dayStyle))}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  return `<table border="1" cellpadding="4" cellspacing="0" style="border-collapse:collapse"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function block(item: Block, locale: Locale): string {
  switch (item.type) {
    case 'paragraph':
      return item.text
        .replace(/\r\n?/g, '\n')
        .split(/\n\s*\n/)
        .filter((paragraph) => paragraph.trim())
        .map((paragraph) => `<p>${multiline(paragraph)}</p>`)
        .join('');
    case 'list':
      return `<ul>${item.items.map((entry) => `<li>${multiline(entry)}</li>`).join('')}</ul>`;
    case 'fields':
      return fields(item.items);
    case 'table':
      return table(item.columns, item.rows, locale);
  }
}

/** The report as an HTML fragment: one <article lang> holding everything. */
export function renderHtml(doc: ReportDocument): string {
  const header: string[] = [`<h1>${escapeHtml(doc.title)}</h1>`];
  if (doc.subtitle?.trim()) header.push(`<p class="subtitle">${escapeHtml(doc.subtitle)}</p>`);
  if (doc.fields.length > 0) header.push(fields(doc.fields));
  if (doc.asOf?.trim()) header.push(`<p class="as-of"><em>${escapeHtml(doc.asOf)}</em></p>`);
  const sections = shownSections(doc).map((section) => {
    const blocks = section.blocks.map((item) => block(item, doc.locale)).filter((html) => html !== '');
    if (blocks.length === 0 && section.empty?.trim()) blocks.push(`<p class="empty"><em>${escapeHtml(section.empty)}</em></p>`);
    const id = anchor(section.id);
    return `<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(section.heading)}</h2>${blocks.join('')}</section>`;
  });
  return `<article class="fk-report" lang="${escapeHtml(doc.locale)}">\n<header>${header.join('')}</header>\n${sections.map((section) => `${section}\n`).join('')}</article>`;
}

/**
 * Print-ready CSS: A4 with margins, black on white (nothing that vanishes without background
 * graphics), a CJK-first font stack, table headers repeated on every page, and rows, field lists
 * and short sections kept whole across page breaks.
 */
export const PRINT_CSS = `@page { size: A4; margin: 16mm 14mm 18mm; }
html { color: #000; background: #fff; }
body { margin: 0; font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 10.5pt; line-height: 1.5; }
.fk-report { max-width: 190mm; margin: 0 auto; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 14pt 0 6pt; padding-bottom: 2pt; border-bottom: 1pt solid #000; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 6pt; }
.subtitle { font-size: 11pt; }
.as-of, p.empty { font-style: italic; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 12pt; margin: 6pt 0; }
dl.fields dt { font-weight: bold; }
dl.fields dd { margin: 0; }
ul { margin: 0 0 6pt; padding-left: 16pt; }
li { break-inside: avoid; page-break-inside: avoid; }
section { break-inside: avoid; page-break-inside: avoid; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0 8pt; font-size: 9.5pt; }
thead { display: table-header-group; }
tr, dl.fields { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.75pt solid #000; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { font-weight: bold; border-bottom-width: 1.5pt; }
td.empty { color: #000; }
@media screen {
  body { padding: 24px; }
}
@media print {
  a { color: #000; text-decoration: none; }
}
`;

/** A full page: <!doctype html>, <html lang>, charset, the title, PRINT_CSS and the report. */
export function standaloneHtml(doc: ReportDocument): string {
  return `<!doctype html>
<html lang="${escapeHtml(doc.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>
${PRINT_CSS}</style>
</head>
<body>
${renderHtml(doc)}
</body>
</html>
`;
}
