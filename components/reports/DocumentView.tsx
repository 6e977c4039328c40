import { useId } from 'react';
import type { Block, DocumentSection, ReportDocument } from '../../lib/reports/export/document';
import { alignsRight, columnHeader, dayStyleOf, formatCell } from '../../lib/reports/export/cells';
import type { Locale } from '../../lib/kernel/i18n';
import { Cell, TableHead, cn, hintClass, tableClass } from '../ui';

/** Tables wider than this many columns are shown a row at a time: a 320 px panel cannot hold them. */
const MAX_TABLE_COLUMNS = 3;

/**
 * Sections of a ReportDocument on screen, in the design system: what the exports say, laid out for
 * a narrow panel. A table with many columns becomes one small block per row, its first cell as the
 * row's heading.
 */
export function DocumentSections({ document, sections, headingLevel = 4 }: { document: ReportDocument; sections: readonly DocumentSection[]; headingLevel?: 3 | 4 }) {
  return (
    <div className="flex min-w-0 flex-col gap-4">
      {sections.map((section) => (
        <SectionView key={section.id} section={section} locale={document.locale} headingLevel={headingLevel} />
      ))}
    </div>
  );
}

function SectionView({ section, locale, headingLevel }: { section: DocumentSection; locale: Locale; headingLevel: 3 | 4 }) {
  const id = useId();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <section aria-labelledby={id} className="flex min-w-0 flex-col gap-1.5" data-section={section.id}>
      <Heading id={id} className="m-0 text-sm font-semibold text-ink">
        {section.heading}
      </Heading>
      {section.blocks.length === 0 ? <p className={hintClass}>{section.empty}</p> : section.blocks.map((block, i) => <BlockView key={i} block={block} locale={locale} />)}
    </section>
  );
}

function BlockView({ block, locale }: { block: Block; locale: Locale }) {
  switch (block.type) {
    case 'paragraph':
      return <p className="m-0 text-sm whitespace-pre-line">{block.text}</p>;
    case 'list':
      return (
        <ul className="m-0 flex list-disc flex-col gap-0.5 pl-5 text-sm">
          {block.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      );
    case 'fields':
      return (
        <dl className="m-0 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
          {block.items.map((item, i) => (
            <div key={i} className="contents">
              <dt className="text-muted">{item.label}</dt>
              <dd className="m-0">{item.value}</dd>
            </div>
          ))}
        </dl>
      );
    case 'table': {
      const style = dayStyleOf(block.columns, block.rows);
      if (block.columns.length <= MAX_TABLE_COLUMNS)
        return (
          <table className={tableClass}>
            <TableHead columns={block.columns.map((column) => columnHeader(column, locale))} />
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {block.columns.map((column, c) => (
                    <Cell key={c} className={cn(alignsRight(column) && 'text-right', column.type === 'date' && 'whitespace-nowrap')}>
                      {formatCell(row[c], column, locale, style)}
                    </Cell>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        );
      const [first, ...rest] = block.columns;
      return (
        <ul className="m-0 flex list-none flex-col p-0">
          {block.rows.map((row, r) => (
            <li key={r} className="flex min-w-0 flex-col gap-0.5 border-b border-line py-1.5 text-sm last:border-b-0">
              <span className="font-semibold">{formatCell(row[0], first!, locale, style)}</span>
              <span className="flex flex-wrap gap-x-3 gap-y-0.5 text-muted">
                {rest.map((column, c) => {
                  const value = row[c + 1];
                  if (value === null || value === undefined || value === '') return null;
                  return (
                    <span key={c} className="min-w-0">
                      {columnHeader(column, locale)}
                      {locale === 'zh-CN' ? '：' : ': '}
                      <span className="text-ink">{formatCell(value, column, locale, style)}</span>
                    </span>
                  );
                })}
              </span>
            </li>
          ))}
        </ul>
      );
    }
  }
}
