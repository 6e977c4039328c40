/**
 * Writing a checked file: in one transaction the dealers are read, the file is checked against
 * them, and — only when no row has a problem — every row is written through `saveRecord`
 * (validation, audit, outbox). A refused file, or any failure while writing, leaves the database
 * exactly as it was.
 */
import type { Author } from '../../kernel/record';
import type { FieldkitDatabase } from '../../store/database';
import { saveRecord } from '../../store/records';
import type { DealerFacts, Figure, FigureName } from '../facts';
import type { Terminal } from '../schema';
import { normalizeName } from './cells';
import type { ImportTable } from './parse';
import type { ImportProblem } from './problems';
import { dealersForImport, factsOfDealerMonths, terminalsOfDealers } from './queries';
import type { ColumnTarget, ImportKind } from './targets';
import { checkImport, dealerDirectory, type FigureRowPlan, type TerminalRowPlan } from './validate';

export interface ImportSummary {
  kind: ImportKind;
  /** Data rows imported (summing rows such as "合计" left out). */
  rows: number;
  /** Distinct dealers the rows were about. */
  dealers: number;
  /** The months the figures are for, oldest first (figures only). */
  months: string[];
  /** Figures written (one per filled figure cell). */
  figures: number;
  terminalsCreated: number;
  terminalsUpdated: number;
  /** Terminals the file names that already had exactly these values. */
  terminalsUnchanged: number;
  /** Rows that sum the others up ("合计", "Total"), not imported. */
  totalsSkipped: number;
}

export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; problems: ImportProblem[] };

/** A figure's source names the file; the schema allows 200 characters. */
const FILE_NAME_MAX = 200;

export async function applyImport(
  db: FieldkitDatabase,
  request: { kind: ImportKind; table: ImportTable; targets: readonly ColumnTarget[] },
  context: { author: Author; now?: Date },
): Promise<ImportOutcome> {
  const now = context.now ?? new Date();
  return db.transaction('rw', [db.dealers, db.dealerFacts, db.terminals, db.outbox, db.audit], async () => {
    const directory = dealerDirectory(await dealersForImport.run(db, {}));
    const check = checkImport(request.kind, request.table, request.targets, directory);
    if (!check.ok) return { ok: false, problems: check.problems };
    const { plan } = check;
    const summary: ImportSummary = {
      kind: plan.kind,
      rows: plan.rows.length,
      dealers: new Set(plan.rows.map((r) => r.dealerId)).size,
      months: [],
      figures: 0,
      terminalsCreated: 0,
      terminalsUpdated: 0,
      terminalsUnchanged: 0,
      totalsSkipped: plan.totalsSkipped,
    };
    const save = { author: context.author, now };
    if (plan.kind === 'figures') await writeFigures(db, plan.rows, plan.fileName.slice(0, FILE_NAME_MAX), now, save, summary);
    else await writeTerminals(db, plan.rows, save, summary);
    return { ok: true, summary };
  });
}

async function writeFigures(db: FieldkitDatabase, rows: readonly FigureRowPlan[], file: string, now: Date, save: { author: Author; now: Date }, summary: ImportSummary) {
  const existing = await factsOfDealerMonths.run(db, { keys: rows.map((r) => [r.dealerId, r.period] as [string, string]) });
  // Two devices may each hold a row for the same dealer-month; the newest one is updated, and
  // readers merge them per figure by source time (mergeFigures), so the imported figures win.
  const current = new Map<string, DealerFacts>();
  for (const facts of existing) {
    const key = `${facts.dealerId}|${facts.period}`;
    const seen = current.get(key);
    if (!seen || seen.updatedAt < facts.updatedAt) current.set(key, facts);
  }
  const at = now.toISOString();
  const months = new Set<string>();
  for (const row of rows) {
    const entries = Object.entries(row.figures) as [FigureName, number][];
    if (entries.length === 0) continue;
    const facts = current.get(`${row.dealerId}|${row.period}`);
    const figures: Partial<Record<FigureName, Figure>> = { ...facts?.figures };
    for (const [name, value] of entries) figures[name] = { value, source: { kind: 'import', file, row: row.row, at } };
    await saveRecord(db, 'dealerFacts', { id: facts?.id, dealerId: row.dealerId, period: row.period, figures }, save);
    summary.figures += entries.length;
    months.add(row.period);
  }
  summary.months = [...months].sort();
}

function sameTerminal(terminal: Terminal, row: TerminalRowPlan): boolean {
  return (Object.keys(row.fields) as (keyof TerminalRowPlan['fields'])[]).every((field) => terminal[field] === row.fields[field]) && terminal.name === row.name;
}

async function writeTerminals(db: FieldkitDatabase, rows: readonly TerminalRowPlan[], save: { author: Author; now: Date }, summary: ImportSummary) {
  const existing = await terminalsOfDealers.run(db, { dealerIds: [...new Set(rows.map((r) => r.dealerId))] });
  const byName = new Map<string, Terminal>();
  // Oldest first, so a dealer with two terminals of one name keeps updating the same one.
  for (const terminal of [...existing].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    const key = `${terminal.dealerId}|${normalizeName(terminal.name)}`;
    if (!byName.has(key)) byName.set(key, terminal);
  }
  for (const row of rows) {
    const terminal = byName.get(`${row.dealerId}|${row.name}`);
    if (terminal && sameTerminal(terminal, row)) {
      summary.terminalsUnchanged++;
      continue;
    }
    await saveRecord(
      db,
      'terminals',
      {
        id: terminal?.id,
        dealerId: row.dealerId,
        name: row.name,
        address: terminal?.address,
        signed: terminal?.signed ?? false,
        contractedVolume: terminal?.contractedVolume,
        firstTransactionDay: terminal?.firstTransactionDay,
        ...row.fields,
      },
      save,
    );
    if (terminal) summary.terminalsUpdated++;
    else summary.terminalsCreated++;
  }
}
