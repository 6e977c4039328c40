/**
 * Tokens of the rule expression language. The grammar is deliberately small (arithmetic,
 * comparisons, and/or/not, calls to a fixed list of functions) so it can be checked completely
 * when a rule set loads; nothing here turns text into running code (MV3 forbids that).
 */
export type Token =
  | { kind: 'number'; value: number; text: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'ident'; name: string; at: number }
  | { kind: 'op'; op: Operator; at: number }
  | { kind: 'end'; at: number };

export type Operator = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '(' | ')' | ',' | 'and' | 'or' | 'not';

export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

// Maps, not object literals: a name such as `constructor` or `toString` must not find
// Object.prototype's members and read as an operator.
const TWO_CHAR: ReadonlyMap<string, Operator> = new Map([['<=', '<='], ['>=', '>='], ['==', '=='], ['!=', '!='], ['&&', 'and'], ['||', 'or']]);
const ONE_CHAR: ReadonlyMap<string, Operator> = new Map([
  ['+', '+'], ['-', '-'], ['*', '*'], ['/', '/'], ['<', '<'], ['>', '>'], ['(', '('], [')', ')'], [',', ','], ['!', 'not'],
]);
const WORD_OPERATORS: ReadonlyMap<string, Operator> = new Map([['and', 'and'], ['or', 'or'], ['not', 'not']]);

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9.]/.test(ch)) {
      const match = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(i));
      if (!match) throw new ExpressionSyntaxError(`unexpected '${ch}'`, i);
      i += match[0].length;
      let value = Number(match[0]);
      // "6%" reads as 0.06 so thresholds can be written the way the seeds write them.
      if (source[i] === '%') {
        value = value / 100;
        i++;
      }
      tokens.push({ kind: 'number', value, text: source.slice(start, i), at: start });
      continue;
    }
    if (ch === '"' || ch === "'") {
      const end = source.indexOf(ch, i + 1);
      if (end < 0) throw new ExpressionSyntaxError('unterminated string', i);
      tokens.push({ kind: 'string', value: source.slice(i + 1, end), at: start });
      i = end + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!;
      i += match[0].length;
      const word = match[0];
      const op = WORD_OPERATORS.get(word);
      tokens.push(op ? { kind: 'op', op, at: start } : { kind: 'ident', name: word, at: start });
      continue;
    }
    const two = TWO_CHAR.get(source.slice(i, i + 2));
    if (two) {
      tokens.push({ kind: 'op', op: two, at: start });
      i += 2;
      continue;
    }
    const one = ONE_CHAR.get(ch);
    if (one) {
      tokens.push({ kind: 'op', op: one, at: start });
      i++;
      continue;
    }
    throw new ExpressionSyntaxError(`unexpected '${ch}'`, i);
  }
  tokens.push({ kind: 'end', at: source.length });
  return tokens;
}
