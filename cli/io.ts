export interface Io {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
  cwd: string;
}

/** A failure the user can fix: printed without a stack trace, exit code 1. */
export class UserError extends Error {}

export function printLines(stream: Io['out'], lines: string[]): void {
  stream.write(lines.join('\n') + '\n');
}

/** Pads by display width so Chinese labels line up in a terminal. */
export function formatTable(header: string[], rows: string[][]): string[] {
  const width = (text: string) => [...text].reduce((sum, ch) => sum + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => width(row[column] ?? ''))));
  const line = (row: string[]) => row.map((cell, column) => cell + ' '.repeat(widths[column]! - width(cell))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
