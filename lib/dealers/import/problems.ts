/**
 * What can be wrong with an imported file, as data (so tests and the UI agree on it), and each
 * problem as one sentence in the UI language.
 */
import { translator, type Locale } from '../../kernel/i18n';
import { formatMonth } from '../../kernel/format';
import type { CellProblem } from './cells';
import { importProblemMessages } from './messages';
import type { ImportFileProblem } from './parse';
import { targetLabel, type ImportTarget } from './targets';

/** A column of the file: its header text ('' when it has none) and its letter in the sheet. */
export interface ColumnRef {
  header: string;
  letter: string;
}

export type ImportProblem =
  | { code: CellProblem | 'required' | 'unknownDealer' | 'unknownCrmId'; row: number; column: ColumnRef; value: string }
  | { code: 'ambiguousDealer'; row: number; column: ColumnRef; value: string; count: number }
  | { code: 'duplicateDealerMonth'; row: number; firstRow: number; dealer: string; period: string }
  | { code: 'duplicateTerminal'; row: number; firstRow: number; dealer: string; terminal: string }
  | { code: 'missingTarget'; target: ImportTarget }
  | { code: 'missingDealerColumn' }
  | { code: 'noFigureColumn' }
  | { code: 'sameTarget'; target: ImportTarget; columns: [ColumnRef, ColumnRef] };

/** How many problems a refused file lists before "and N more". */
export const PROBLEMS_LISTED = 20;

/** One problem as a sentence: "第 4 行“欠款”列：应为数字，实际为“约5万”。" */
export function problemText(problem: ImportProblem, locale: Locale): string {
  const t = translator(importProblemMessages, locale);
  const columnName = (column: ColumnRef) => (column.header ? t('columnQuoted', { header: column.header }) : t('columnLetter', { letter: column.letter }));
  const atCell = (row: number, column: ColumnRef, detail: string) =>
    column.header ? t('atNamedCell', { row: String(row), column: column.header, detail }) : t('atLetterCell', { row: String(row), column: column.letter, detail });
  switch (problem.code) {
    case 'notNumber':
    case 'negative':
    case 'notMonth':
    case 'notDay':
    case 'notYesNo':
    case 'unknownDealer':
    case 'unknownCrmId':
      return atCell(problem.row, problem.column, t(problem.code, { value: problem.value }));
    case 'required':
      return atCell(problem.row, problem.column, t('required'));
    case 'ambiguousDealer':
      return atCell(problem.row, problem.column, t('ambiguousDealer', { value: problem.value, count: problem.count }));
    case 'duplicateDealerMonth':
      return t('atRow', {
        row: String(problem.row),
        detail: t('duplicateDealerMonth', { firstRow: String(problem.firstRow), dealer: problem.dealer, month: formatMonth(problem.period, locale) }),
      });
    case 'duplicateTerminal':
      return t('atRow', { row: String(problem.row), detail: t('duplicateTerminal', { firstRow: String(problem.firstRow), terminal: problem.terminal }) });
    case 'missingTarget':
      return t('missingTarget', { target: targetLabel(problem.target, locale) });
    case 'missingDealerColumn':
      return t('missingDealerColumn', { name: targetLabel('dealerName', locale), id: targetLabel('dealerCrmId', locale) });
    case 'noFigureColumn':
      return t('noFigureColumn', { example: targetLabel('sales', locale) });
    case 'sameTarget':
      return t('sameTarget', { first: columnName(problem.columns[0]), second: columnName(problem.columns[1]), target: targetLabel(problem.target, locale) });
  }
}

/** The first `limit` problems as sentences, and how many more there are (shown as "and N more"). */
export function problemLines(problems: readonly ImportProblem[], locale: Locale, limit = PROBLEMS_LISTED): { lines: string[]; more: number } {
  return { lines: problems.slice(0, limit).map((p) => problemText(p, locale)), more: Math.max(0, problems.length - limit) };
}

/** "and 3 more problems." / "另有 3 个问题未列出。" */
export function moreProblemsText(count: number, locale: Locale): string {
  return translator(importProblemMessages, locale)('more', { count });
}

/** Why a file could not be read at all, as a sentence saying what to do. */
export function fileProblemText(problem: ImportFileProblem, locale: Locale): string {
  const t = translator(importProblemMessages, locale);
  switch (problem.code) {
    case 'xls':
      return t('fileXls');
    case 'unsupported':
      return t('fileUnsupported');
    case 'unreadable':
      return t('fileUnreadable');
    case 'empty':
      return t('fileEmpty');
    case 'noRows':
      return t('fileNoRows');
    case 'tooManyRows':
      return t('fileTooManyRows', { count: problem.count, max: problem.max });
    case 'badQuotes':
      return t('fileBadQuotes', { row: String(problem.row) });
  }
}
