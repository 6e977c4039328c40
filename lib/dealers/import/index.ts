/**
 * Importing dealer data from the company's ERP: a dealer's monthly figures, or its terminals, from
 * a CSV or .xlsx file. Read (`parseImportFile`) → map columns (`mappingFor`, `proposeMapping`) →
 * check and write in one transaction (`applyImport`, which refuses the whole file on any problem).
 */
export { parseImportFile, decodeText, ImportFileError, MAX_ROWS, type ImportTable, type ImportRow, type ImportFileProblem, type TextEncodingName } from './parse';
export { cellText, isBlank, normalizeName, readAmount, readDay, readMonth, readNumber, readYesNo, type CellValue, type CellProblem } from './cells';
export {
  IMPORT_KINDS,
  TARGETS_OF,
  headerSignature,
  isFigureName,
  normalizeHeader,
  proposeMapping,
  targetLabel,
  type ColumnTarget,
  type ImportKind,
  type ImportTarget,
} from './targets';
export { checkImport, dealerDirectory, type DealerDirectory, type ImportCheck, type ImportPlan } from './validate';
export { applyImport, type ImportOutcome, type ImportSummary } from './apply';
export { PROBLEMS_LISTED, fileProblemText, moreProblemsText, problemLines, problemText, type ColumnRef, type ImportProblem } from './problems';
export { mappingFor, rememberMapping } from './remembered';
export { dealerImportQueries, dealersForImport, factsOfDealerMonths, terminalsOfDealers } from './queries';
