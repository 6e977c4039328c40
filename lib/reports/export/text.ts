/**
 * A report as plain text: what a chat receives as text/plain next to the HTML. No Markdown
 * syntax: headings as 【标题】 (zh-CN) or "■ Heading" (en), list items with "• ", label–value
 * pairs one a line, and each table row on one line: its first text cell (the dealer, the plan item)
 * leading, then "label: value" pairs, all joined by " · ", units after the values ("120箱" / "120 cases").
 */
import type { Locale } from '../../kernel/i18n';
import { dayStyleOf, formatCell, pair, withUnit } from './cells';
import type { Block, Cell, Column, ReportDocument } from './document';
import { shownSections } from './document';

const BULLET = '• ';
const SEPARATOR = ' · ';

/** One line: runs of white space (line breaks included) become one space. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function heading(text: string, locale: Locale): string {
  return locale === 'zh-CN' ? `【${oneLine(text)}】` : `■ ${oneLine(text)}`;
}

function tableLines(columns: Column[], rows: Cell[][], locale: Locale): string[] {
  if (columns.length === 0) return [];
  const dayStyle = dayStyleOf(columns, rows);
  const leadsWithText = columns[0]!.type === 'text';
  return rows.map((row) => {
    const pairs = columns.map((column, index) => {
      const value = oneLine(withUnit(formatCell(row[index], column, locale, dayStyle), column, locale));
      return index === 0 && leadsWithText ? value : pair(oneLine(column.label), value, locale);
    });
    return BULLET + pairs.join(SEPARATOR);
  });
}

function block(item: Block, locale: Locale): string[] {
  switch (item.type) {
    case 'paragraph': {
      const text = item.text.replace(/\r\n?/g, '\n').trim();
      return text ? [text.replace(/\n{3,}/g, '\n\n')] : [];
    }
    case 'list':
      return item.items.map((entry) => BULLET + oneLine(entry));
    case 'fields':
      return item.items.map((field) => pair(oneLine(field.label), oneLine(field.value), locale));
    case 'table':
      return tableLines(item.columns, item.rows, locale);
  }
}

/** The whole report as plain text, ending in one newline. */
export function renderPlainText(doc: ReportDocument): string {
  const parts: string[] = [];
  const head = [oneLine(doc.title)];
  if (doc.subtitle?.trim()) head.push(oneLine(doc.subtitle));
  parts.push(head.join('\n'));
  if (doc.fields.length > 0) parts.push(block({ type: 'fields', items: doc.fields }, doc.locale).join('\n'));
  if (doc.asOf?.trim()) parts.push(oneLine(doc.asOf));
  for (const section of shownSections(doc)) {
    const lines = section.blocks.map((item) => block(item, doc.locale).join('\n')).filter((text) => text !== '');
    if (lines.length === 0 && section.empty?.trim()) lines.push(oneLine(section.empty));
    parts.push([heading(section.heading, doc.locale), ...lines].join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}
