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

/**
 * How deep brackets, calls and prefix operators may nest. Real rules nest a handful of levels;
 * the limit keeps a pasted or crafted expression from exhausting the stack (and every later
 * recursive pass over the tree: compile, specialise, explain) with an unreadable error.
 */
export const MAX_EXPRESSION_DEPTH = 64;

export function parseExpression(source: string): Node {
  const tokens = tokenize(source);
  let position = 0;
  const peek = (): Token => tokens[position]!;
  const next = (): Token => tokens[position++]!;
  let depth = 0;

  function expectOp(op: Operator): void {
    const token = next();
    if (token.kind !== 'op' || token.op !== op) throw new ExpressionSyntaxError(`expected '${op}' but found ${describe(token)}`, token.at);
  }

  function parsePrefix(): Node {
    const token = next();
    if (depth >= MAX_EXPRESSION_DEPTH) {
      throw new ExpressionSyntaxError(`the expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep (brackets, calls or signs); split it or simplify it`, token.at);
    }
    depth++;
    try {
      return parsePrefixToken(token);
    } finally {
      depth--;
    }
  }

  function parsePrefixToken(token: Token): Node {
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
  const tooDeep = firstNodeDeeperThan(root, MAX_EXPRESSION_TREE_DEPTH);
  if (tooDeep) {
    throw new ExpressionSyntaxError(`the expression chains more than ${MAX_EXPRESSION_TREE_DEPTH} operations into one; split it into derived values`, tooDeep.at);
  }
  return root;
}

/**
 * A long chain `a + b + c + …` parses without recursion but becomes a tree as deep as it is long,
 * and every pass over the tree recurses; past this depth the expression is refused instead.
 */
export const MAX_EXPRESSION_TREE_DEPTH = 512;

/** Measured with an explicit stack, so measuring cannot overflow the call stack either. */
function firstNodeDeeperThan(root: Node, limit: number): Node | undefined {
  const stack: [Node, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return node;
    if (node.type === 'binary') stack.push([node.left, depth + 1], [node.right, depth + 1]);
    else if (node.type === 'unary') stack.push([node.operand, depth + 1]);
    else if (node.type === 'call') for (const arg of node.args) stack.push([arg, depth + 1]);
  }
  return undefined;
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
