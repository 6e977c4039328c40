import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { checkInputs } from '../lib/rules/inputs';
import { coerceText } from '../lib/rules/inputs';
import type { RuleSet } from '../lib/rules/rule-set-schema';
import { UserError } from './io';

export interface Subject {
  subject: string;
  period: string;
  inputs: Record<string, unknown>;
  /** Where the subject came from, for messages: "row 3" or "subjects[2]". */
  origin: string;
}

const RESERVED_COLUMNS = new Set(['subject', 'period']);

/**
 * Reads subjects to score from JSON (one object of inputs, an array of `{subject, period, inputs}`,
 * or `{ subjects: [...] }`) or CSV (one row per subject; columns `subject`, `period` and the
 * rule set's input names). Every bad value is reported with its row and field; empty cells are
 * missing inputs, which score as partial rather than failing.
 */
export function readSubjects(file: string, ruleSet: RuleSet, cwd: string): Subject[] {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserError(`cannot read input file ${file}`);
  }
  const subjects = extname(path).toLowerCase() === '.csv' ? fromCsv(text, ruleSet, file) : fromJson(text, file);
  const problems: string[] = [];
  for (const subject of subjects) {
    for (const problem of checkInputs(ruleSet.inputs, subject.inputs).problems) {
      problems.push(`${file}: ${subject.origin}, field ${problem.field}: ${problem.message}`);
    }
  }
  if (problems.length) throw new UserError(problems.join('\n'));
  if (subjects.length === 0) throw new UserError(`${file}: no subjects to score`);
  return subjects;
}

function fromCsv(text: string, ruleSet: RuleSet, file: string): Subject[] {
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    throw new UserError(`${file}: not valid CSV: ${(error as Error).message}`);
  }
  const [header, ...data] = rows;
  if (!header) throw new UserError(`${file}: empty CSV`);
  const problems: string[] = [];
  for (const column of header) {
    if (!RESERVED_COLUMNS.has(column) && !Object.hasOwn(ruleSet.inputs, column)) {
      problems.push(`${file}: row 1, field ${column}: not an input of ${ruleSet.id} (expected subject, period, ${Object.keys(ruleSet.inputs).join(', ')})`);
    }
  }
  const subjects = data.map((cells, index) => {
    const row = index + 2; // the header is row 1
    const inputs: Record<string, unknown> = {};
    let subject = `row ${row}`;
    let period = '';
    header.forEach((column, i) => {
      const cell = cells[i] ?? '';
      if (column === 'subject') subject = cell || subject;
      else if (column === 'period') period = cell;
      else {
        const definition = ruleSet.inputs[column];
        if (!definition) return;
        const value = coerceText(definition, cell);
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) problems.push(`${file}: row ${row}, field ${column}: ${value.error}`);
        else inputs[column] = value;
      }
    });
    return { subject, period, inputs, origin: `row ${row}` };
  });
  if (problems.length) throw new UserError(problems.join('\n'));
  return subjects;
}

function fromJson(text: string, file: string): Subject[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const list = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data.subjects) ? data.subjects : undefined;
  const prefix = Array.isArray(data) ? '' : 'subjects';
  if (!list) {
    if (!isRecord(data)) throw new UserError(`${file}: expected an object of inputs or a list of subjects`);
    return [{ subject: '-', period: '', inputs: data, origin: 'the input object' }];
  }
  return list.map((entry, index) => {
    const origin = `${prefix}[${index}]`;
    if (!isRecord(entry) || !isRecord(entry.inputs)) throw new UserError(`${file}: ${origin}: expected { "subject": …, "period": …, "inputs": { … } }`);
    return { subject: String(entry.subject ?? `#${index + 1}`), period: String(entry.period ?? ''), inputs: entry.inputs, origin };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
