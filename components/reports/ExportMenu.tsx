import { useState } from 'react';
import { ClipboardCopy, FileDown, FileSpreadsheet, Printer } from 'lucide-react';
import type { ReportDocument } from '../../lib/reports/export/document';
import { renderMarkdown } from '../../lib/reports/export/markdown';
import { renderHtml } from '../../lib/reports/export/html';
import { renderPlainText } from '../../lib/reports/export/text';
import { useT } from '../shell/locale';
import { Button, Notice, buttonClass } from '../ui';
import { handOffForPrint } from './print-handoff';
import { exportBarMessages } from './export-messages';
import { copyRich, downloadFile } from './download';

export interface ExportMenuProps {
  document: ReportDocument;
  /** The print page of this report (an extension page that opens the print dialog); absent: no print button. */
  printHref?: string;
  /** How files leave the page; the browser's download by default (tests pass their own). */
  save?: (name: string, data: Blob) => void;
  copy?: (html: string, text: string) => Promise<void>;
}

type Outcome = { tone: 'ok' | 'danger'; text: string };

/**
 * The exports of one report, in the report's language: Markdown, the print page (the browser makes
 * the PDF), an Excel workbook, and rich text for chat. The workbook's library loads only when asked.
 */
export function ExportMenu({ document, printHref, save = downloadFile, copy = copyRich }: ExportMenuProps) {
  const t = useT(exportBarMessages);
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);
  const report = document.title;

  async function run(action: () => Promise<Outcome>) {
    setBusy(true);
    setOutcome(undefined);
    try {
      setOutcome(await action());
    } catch {
      setOutcome({ tone: 'danger', text: t('exportFailed') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-label={t('exportHeading', { report })} className="flex min-w-0 flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const name = `${document.fileName}.md`;
              save(name, new Blob([renderMarkdown(document)], { type: 'text/markdown;charset=utf-8' }));
              return { tone: 'ok', text: t('downloaded', { file: name }) };
            })
          }
        >
          <FileDown aria-hidden="true" className="size-4" />
          {t('markdown')}
        </Button>
        {printHref ? (
          <a className={buttonClass({ size: 'sm' })} href={printHref} target="_blank" rel="noopener">
            <Printer aria-hidden="true" className="size-4" />
            {t('pdf')}
          </a>
        ) : (
          <Button
            size="sm"
           
            // The print page is another extension page: the document goes over in the extension's own storage.
            onClick={() => window.open(`report-print.html#doc=${handOffForPrint(document)}&print=1`, '_blank', 'noopener')}
          >
            <Printer aria-hidden="true" className="size-4" />
            {t('pdf')}
          </Button>
        )}
        <Button
          size="sm"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              // The spreadsheet library is large: it loads on the first workbook, not with the panel.
              const { renderXlsx } = await import('../../lib/reports/export/xlsx');
              const name = `${document.fileName}.xlsx`;
              save(name, await renderXlsx(document));
              return { tone: 'ok', text: t('downloaded', { file: name }) };
            })
          }
        >
          <FileSpreadsheet aria-hidden="true" className="size-4" />
          {t('xlsx')}
        </Button>
        <Button
          size="sm"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              try {
                await copy(renderHtml(document), renderPlainText(document));
                return { tone: 'ok', text: t('copied') };
              } catch {
                return { tone: 'danger', text: t('copyFailed') };
              }
            })
          }
        >
          <ClipboardCopy aria-hidden="true" className="size-4" />
          {t('copy')}
        </Button>
      </div>
      {outcome && (
        <Notice tone={outcome.tone} role={outcome.tone === 'danger' ? 'alert' : 'status'}>
          {outcome.text}
        </Notice>
      )}
    </section>
  );
}
