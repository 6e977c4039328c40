import { useId, useState } from 'react';
import { useLocale, useT } from '../../shell/locale';
import { useDatabase, useSetting } from '../../shell/database-context';
import { Button, FileButton, Notice, SegmentedControl, cn, hintClass, labelClass, selectClass, tableClass } from '../../ui';
import { ErrorDetails } from '../../ui/ErrorDetails';
import { importDataMessages } from './messages';
import type { Locale } from '../../../lib/kernel/i18n';
import { formatMonth } from '../../../lib/kernel/format';
import { applyImport, type ImportSummary } from '../../../lib/dealers/import/apply';
import { cellText, type CellValue } from '../../../lib/dealers/import/cells';
import { ImportFileError, parseImportFile, type ImportFileProblem, type ImportTable } from '../../../lib/dealers/import/parse';
import { fileProblemText, moreProblemsText, problemLines, type ImportProblem } from '../../../lib/dealers/import/problems';
import { mappingFor, rememberMapping } from '../../../lib/dealers/import/remembered';
import { DEALER_TARGETS, TARGETS_OF, targetLabel, type ColumnTarget, type ImportKind, type ImportTarget } from '../../../lib/dealers/import/targets';

type Outcome =
  | { kind: 'imported'; summary: ImportSummary }
  | { kind: 'refused'; problems: ImportProblem[] }
  | { kind: 'unreadable'; problem: ImportFileProblem; detail?: string }
  | { kind: 'failed'; detail: string };

/** What a file picker accepts: CSV (and Excel's tab-separated "Unicode text") and .xlsx. */
const ACCEPT = '.csv,.txt,.tsv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** How many of the first rows each column shows as examples. */
const SAMPLE_ROWS = 3;

/** The months of an import in words: up to three listed, more as a range. */
function monthsText(months: readonly string[], locale: Locale, range: (first: string, last: string) => string): string {
  const names = months.map((m) => formatMonth(m, locale));
  if (names.length > 3) return range(names[0]!, names[names.length - 1]!);
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}

/**
 * Importing a dealer's monthly figures or its terminals from a CSV or .xlsx export: choose what
 * the file holds and the file, check how its columns are read (proposed from the header names or
 * remembered from last time), import. The file is refused as a whole when any row has a problem,
 * and every problem is listed with its row and column. Mountable on any extension page.
 */
export function ImportData({ id, headingLevel = 2 }: { id?: string; headingLevel?: 2 | 3 }) {
  const t = useT(importDataMessages);
  const locale = useLocale();
  const db = useDatabase();
  const profile = useSetting('profile');
  const titleId = useId();
  const [kind, setKind] = useState<ImportKind>('figures');
  const [table, setTable] = useState<ImportTable>();
  const [targets, setTargets] = useState<ColumnTarget[]>([]);
  const [remembered, setRemembered] = useState(false);
  const [busy, setBusy] = useState<'reading' | 'importing'>();
  const [outcome, setOutcome] = useState<Outcome>();
  const Heading = `h${headingLevel}` as const;

  async function propose(forKind: ImportKind, forTable: ImportTable) {
    const proposal = await mappingFor(db, forKind, forTable.headers);
    setTargets(proposal.targets);
    setRemembered(proposal.remembered);
  }

  async function onFile(file: File) {
    setOutcome(undefined);
    setTable(undefined);
    setBusy('reading');
    try {
      const parsed = await parseImportFile({ name: file.name, data: await file.arrayBuffer() });
      await propose(kind, parsed);
      setTable(parsed);
    } catch (error) {
      if (error instanceof ImportFileError) setOutcome({ kind: 'unreadable', problem: error.problem, detail: 'detail' in error.problem ? error.problem.detail : undefined });
      else setOutcome({ kind: 'unreadable', problem: { code: 'unreadable' }, detail: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(undefined);
    }
  }

  async function onKind(next: ImportKind) {
    setKind(next);
    setOutcome(undefined);
    if (table) await propose(next, table);
  }

  async function onImport() {
    if (!table || !profile) return;
    setBusy('importing');
    setOutcome(undefined);
    try {
      // Remembered even when the file is refused: the user fixes the data, not the columns.
      await rememberMapping(db, kind, table.headers, targets);
      const result = await applyImport(db, { kind, table, targets }, { author: { id: profile.id, name: profile.name } });
      if (result.ok) {
        setOutcome({ kind: 'imported', summary: result.summary });
        setTable(undefined);
      } else setOutcome({ kind: 'refused', problems: result.problems });
    } catch (error) {
      setOutcome({ kind: 'failed', detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section id={id} aria-labelledby={titleId} className="flex min-w-0 flex-col gap-4">
      <Heading id={titleId} className="m-0 text-xl font-semibold">
        {t('title')}
      </Heading>
      <p className="m-0 text-sm">{t('intro')}</p>

      <div className="flex min-w-0 flex-col gap-1.5">
        <span aria-hidden="true" className={labelClass}>
          {t('holds')}
        </span>
        <div>
          <SegmentedControl
            label={t('holds')}
            options={[
              { value: 'figures', label: t('kindFigures') },
              { value: 'terminals', label: t('kindTerminals') },
            ]}
            value={kind}
            onChange={(next) => void onKind(next)}
          />
        </div>
        <p className={hintClass}>{kind === 'figures' ? t('hintFigures') : t('hintTerminals')}</p>
      </div>

      <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-2">
        <FileButton accept={ACCEPT} onFile={(file) => void onFile(file)}>
          {t('chooseFile')}
        </FileButton>
        {busy === 'reading' && (
          <p role="status" className="m-0 text-sm text-muted">
            {t('reading')}
          </p>
        )}
        {table && (
          <p data-testid="import-file" className="m-0 flex min-w-0 flex-col text-sm">
            <span className="font-medium break-all">{table.fileName}</span>
            <span className="text-xs text-muted">
              {table.encoding === 'gb18030' ? t('fileRowsGbk', { rows: table.rows.length }) : t('fileRows', { rows: table.rows.length })}
            </span>
          </p>
        )}
      </div>

      {table && (
        <ColumnTable
          kind={kind}
          table={table}
          targets={targets}
          remembered={remembered}
          onTarget={(index, target) => {
            setTargets((current) => current.map((t, i) => (i === index ? target : t)));
            setRemembered(false);
          }}
          importing={busy === 'importing'}
          canImport={Boolean(profile)}
          onImport={() => void onImport()}
        />
      )}

      <div aria-live="polite" className="flex min-w-0 flex-col gap-2 empty:hidden">
        {outcome?.kind === 'imported' && <Summary summary={outcome.summary} />}
        {outcome?.kind === 'refused' && <Problems problems={outcome.problems} />}
        {outcome?.kind === 'unreadable' && (
          <div role="alert" className="flex min-w-0 flex-col gap-1">
            <Notice tone="danger">{fileProblemText(outcome.problem, locale)}</Notice>
            {outcome.detail && <ErrorDetails summary={t('details')}>{outcome.detail}</ErrorDetails>}
          </div>
        )}
        {outcome?.kind === 'failed' && (
          <div role="alert" className="flex min-w-0 flex-col gap-1">
            <Notice tone="danger">{t('failed')}</Notice>
            <ErrorDetails summary={t('details')}>{outcome.detail}</ErrorDetails>
          </div>
        )}
      </div>
    </section>
  );
}

/** Each column of the file with its first values, and what it is imported as (or not). */
function ColumnTable({
  kind,
  table,
  targets,
  remembered,
  onTarget,
  importing,
  canImport,
  onImport,
}: {
  kind: ImportKind;
  table: ImportTable;
  targets: readonly ColumnTarget[];
  remembered: boolean;
  onTarget: (index: number, target: ColumnTarget) => void;
  importing: boolean;
  canImport: boolean;
  onImport: () => void;
}) {
  const t = useT(importDataMessages);
  const locale = useLocale();
  const titleId = useId();
  const rowId = useId();
  const dealerTargets: readonly ImportTarget[] = DEALER_TARGETS;
  const dataTargets = TARGETS_OF[kind].filter((target) => !dealerTargets.includes(target));
  const sampleText = (value: CellValue) => (typeof value === 'boolean' ? t(value ? 'yes' : 'no') : cellText(value));

  return (
    <div className="flex min-w-0 flex-col gap-3 rounded-lg border border-line bg-surface p-3">
      <div className="flex flex-col gap-1">
        <h3 id={titleId} className="m-0 text-base font-semibold">
          {t('columnsTitle')}
        </h3>
        <p className={hintClass}>{remembered ? t('rememberedHint') : t('proposedHint')}</p>
      </div>
      {/* Two columns from 400 px; narrower, each file column stacks its name over its select. */}
      <div className="@container">
        <table aria-labelledby={titleId} className={cn(tableClass, 'block table-fixed @min-[400px]:table')}>
          <thead className="hidden @min-[400px]:table-header-group">
            <tr>
              {[t('columnInFile'), t('importAs')].map((label) => (
                <th key={label} scope="col" className="w-1/2 border-b border-line px-1.5 py-1 text-left align-bottom text-xs font-semibold whitespace-nowrap text-muted">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="block @min-[400px]:table-row-group">
            {table.headers.map((header, index) => {
              const target = targets[index] ?? 'ignore';
              const samples = table.rows
                .slice(0, SAMPLE_ROWS)
                .map((row) => sampleText(row.cells[index] ?? null))
                .filter(Boolean);
              const sample = samples.length > 0 ? samples.join(' · ') : t('empty');
              const name = header || t('columnLetter', { letter: table.letters[index] ?? '' });
              const chosen = target === 'ignore' ? t('ignore') : targetLabel(target, locale);
              return (
                <tr key={index} className="flex flex-col gap-1.5 border-b border-line py-2 @min-[400px]:table-row @min-[400px]:border-0 @min-[400px]:py-0">
                  <th scope="row" className="block min-w-0 p-0 text-left align-top font-normal @min-[400px]:table-cell @min-[400px]:border-b @min-[400px]:border-line @min-[400px]:px-1.5 @min-[400px]:py-1.5">
                    <span id={`${rowId}-${index}`} className={cn('block font-medium break-words', target === 'ignore' && 'text-muted')}>
                      {name}
                    </span>
                    <span className="block truncate text-xs text-muted" title={sample}>
                      {sample}
                    </span>
                  </th>
                  <td className="block p-0 align-top @min-[400px]:table-cell @min-[400px]:border-b @min-[400px]:border-line @min-[400px]:px-1.5 @min-[400px]:py-1.5">
                    <select
                      aria-labelledby={`${rowId}-${index}`}
                      value={target}
                      title={chosen}
                      onChange={(event) => onTarget(index, event.target.value as ColumnTarget)}
                      className={cn(selectClass, 'truncate')}
                    >
                      <option value="ignore">{t('ignore')}</option>
                      <optgroup label={t('groupDealer')}>
                        {dealerTargets.map((option) => (
                          <option key={option} value={option}>
                            {targetLabel(option, locale)}
                          </option>
                        ))}
                      </optgroup>
                      <optgroup label={kind === 'figures' ? t('groupFigures') : t('groupTerminal')}>
                        {dataTargets.map((option) => (
                          <option key={option} value={option}>
                            {targetLabel(option, locale)}
                          </option>
                        ))}
                      </optgroup>
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div>
        <Button variant="primary" onClick={onImport} disabled={importing || !canImport} aria-busy={importing || undefined}>
          {importing ? t('importing') : t('import')}
        </Button>
      </div>
    </div>
  );
}

function Summary({ summary }: { summary: ImportSummary }) {
  const t = useT(importDataMessages);
  const locale = useLocale();
  const sentence =
    summary.kind === 'figures'
      ? t('summaryFigures', {
          rows: summary.rows,
          figures: summary.figures,
          dealers: summary.dealers,
          months: monthsText(summary.months, locale, (first, last) => t('monthRange', { first, last })),
        })
      : t('summaryTerminals', {
          rows: summary.rows,
          dealers: summary.dealers,
          created: summary.terminalsCreated,
          updated: summary.terminalsUpdated,
          unchanged: summary.terminalsUnchanged,
        });
  return (
    <Notice tone="ok" role="status" data-testid="import-summary">
      {sentence}
      {/* Chinese runs sentences together; English puts a space between them. */}
      {summary.totalsSkipped > 0 && `${locale === 'zh-CN' ? '' : ' '}${t('totalsSkipped', { count: summary.totalsSkipped })}`}
    </Notice>
  );
}

function Problems({ problems }: { problems: readonly ImportProblem[] }) {
  const t = useT(importDataMessages);
  const locale = useLocale();
  const { lines, more } = problemLines(problems, locale);
  return (
    <div role="alert" className="flex min-w-0 flex-col gap-2">
      <Notice tone="danger">{t('refused', { count: problems.length })}</Notice>
      <ul className="m-0 flex list-disc flex-col gap-1 pl-5 text-sm break-words">
        {lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      {more > 0 && <p className="m-0 text-sm text-muted">{moreProblemsText(more, locale)}</p>}
    </div>
  );
}
