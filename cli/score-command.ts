import { stringify } from 'csv-stringify/sync';
import { evaluate } from '../lib/rules/evaluate';
import type { ItemResult, ScoreResult } from '../lib/rules/assessment-schema';
import { formatTable, printLines, UserError, type Io } from './io';
import { loadRules } from './load-rules';
import { readSubjects } from './read-subjects';
import type { Lang } from './rules-commands';

export type Format = 'table' | 'json' | 'csv';

/** Scores every subject in the input; for many subjects this is the form HR wants before the 8th. */
export function scoreCommand(io: Io, options: { rules?: string; input?: string; format: Format; lang: Lang }): number {
  if (!options.rules || !options.input) throw new UserError('usage: fieldkit score --rules <id|file> --input <file.json|file.csv> [--format table|json|csv]');
  const compiled = loadRules(options.rules, io.cwd);
  const subjects = readSubjects(options.input, compiled.ruleSet, io.cwd);
  const scored = subjects.map((subject) => ({ ...subject, result: evaluate(compiled, subject.inputs) }));
  const columns = compiled.ruleSet.root.kind === 'block' ? compiled.ruleSet.root.children : [];
  // An incomplete item has no score to show: a partial block's sum would look like a real score.
  const itemScore = (result: ScoreResult, id: string) => {
    const item = result.root.children?.find((child) => child.id === id);
    return item?.status === 'ok' ? item.score : undefined;
  };
  const number = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(Math.round(value * 100) / 100));

  switch (options.format) {
    case 'json':
      io.out.write(JSON.stringify(scored.map(({ subject, period, result }) => ({ subject, period, ...result })), null, 2) + '\n');
      break;
    case 'csv': {
      const header = ['subject', 'period', ...columns.map((c) => c.id), 'total', 'grade', 'partial', 'missing'];
      const rows = scored.map(({ subject, period, result }) => [
        subject, period, ...columns.map((c) => number(itemScore(result, c.id))), number(result.total), result.grade ?? '', String(result.partial), result.missing.join(';'),
      ]);
      io.out.write(stringify([header, ...rows]));
      break;
    }
    case 'table': {
      const header = ['subject', 'period', ...columns.map((c) => c.label[options.lang]), 'total', 'grade'];
      const rows = scored.map(({ subject, period, result }) => [
        subject, period, ...columns.map((c) => number(itemScore(result, c.id))), result.partial ? 'partial' : number(result.total), result.grade ?? '',
      ]);
      const lines = [`${compiled.ruleSet.name[options.lang]} — ${compiled.ruleSet.id} v${compiled.ruleSet.version}`, ...formatTable(header, rows)];
      if (scored.length === 1) lines.push('', ...explanationLines(scored[0]!.result.root, options.lang, 0));
      for (const { subject, result } of scored) {
        if (result.missing.length) lines.push(`${subject}: missing ${result.missing.join(', ')}`);
      }
      printLines(io.out, lines);
      break;
    }
  }
  return 0;
}

function explanationLines(item: ItemResult, lang: Lang, depth: number): string[] {
  return [`${'  '.repeat(depth)}${item.explanation?.[lang] ?? item.id}`, ...(item.children ?? []).flatMap((child) => explanationLines(child, lang, depth + 1))];
}
