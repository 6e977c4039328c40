import type { BinaryOperator, Node } from './ast';
import { ExpressionSyntaxError, tokenize, type Operator, type Token } from './lexer';

/** Binding power of each binary operator; higher binds tighter (Pratt parsing). */
const BINDING: Partial<Record<Operator, number>> = {
  or: 1,
  and: 2,
  '==': 3, '!=': 3,
  '<': 4, '<=': 4, '>': 4, '>=': 4,
  '+': 5, '-': 5,
  '*': 6, '/': 6,
};
const PREFIX_NOT = 2.5; // `not a and b` reads as `(not a) and b`
const PREFIX_MINUS = 7;

export function parseExpression(source: string): Node {
  const tokens = tokenize(source);
  let position = 0;
  const peek = (): Token => tokens[position]!;
  const next = (): Token => tokens[position++]!;

  function expectOp(op: Operator): void {
    const token = next();
    if (token.kind !== 'op' || token.op !== op) throw new ExpressionSyntaxError(`expected '${op}' but found ${describe(token)}`, token.at);
  }

  function parsePrefix(): Node {
    const token = next();
    switch (token.kind) {
      case 'number':
        return { type: 'number', value: token.value, text: token.text, at: token.at };
      case 'string':
        return { type: 'string', value: token.value, at: token.at };
      case 'ident': {
        if (token.name === 'true' || token.name === 'false') return { type: 'boolean', value: token.name === 'true', at: token.at };
        const after = peek();
        if (after.kind === 'op' && after.op === '(') {
          next();
          const args: Node[] = [];
          if (!(peek().kind === 'op' && (peek() as { op: Operator }).op === ')')) {
            for (;;) {
              args.push(parse(0));
              const separator = peek();
              if (separator.kind === 'op' && separator.op === ',') {
                next();
                continue;
              }
              break;
            }
          }
          expectOp(')');
          return { type: 'call', callee: token.name, args, at: token.at };
        }
        return { type: 'name', name: token.name, at: token.at };
      }
      case 'op':
        if (token.op === '(') {
          const inner = parse(0);
          expectOp(')');
          return inner;
        }
        if (token.op === '-') return { type: 'unary', op: '-', operand: parse(PREFIX_MINUS), at: token.at };
        if (token.op === 'not') return { type: 'unary', op: 'not', operand: parse(PREFIX_NOT), at: token.at };
        throw new ExpressionSyntaxError(`unexpected ${describe(token)}`, token.at);
      case 'end':
        throw new ExpressionSyntaxError('unexpected end of expression', token.at);
    }
  }

  function parse(minBinding: number): Node {
    let left = parsePrefix();
    for (;;) {
      const token = peek();
      if (token.kind !== 'op') break;
      const binding = BINDING[token.op];
      if (binding === undefined || binding <= minBinding) break;
      next();
      // Comparisons do not chain: `a < b < c` is a mistake, not a range test.
      const right = parse(binding);
      left = { type: 'binary', op: token.op as BinaryOperator, left, right, at: token.at };
      if (binding === 3 || binding === 4) {
        const following = peek();
        if (following.kind === 'op' && BINDING[following.op] === binding) {
          throw new ExpressionSyntaxError(`comparisons cannot be chained; use 'and'`, following.at);
        }
      }
    }
    return left;
  }

  const root = parse(0);
  const rest = peek();
  if (rest.kind !== 'end') throw new ExpressionSyntaxError(`unexpected ${describe(rest)}`, rest.at);
  return root;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'number':
      return `number ${token.text}`;
    case 'string':
      return `string "${token.value}"`;
    case 'ident':
      return `name '${token.name}'`;
    case 'op':
      return `'${token.op}'`;
    case 'end':
      return 'end of expression';
  }
}
