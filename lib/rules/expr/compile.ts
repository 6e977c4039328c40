import type { Node } from './ast';
import { BOOLEAN, EvaluationError, NUMBER, SERIES, STRING, typeName, type Value, type ValueType } from './types';
import { FUNCTIONS } from './functions';
import { broadcast } from './series';

/** Slots hold the evaluation's inputs, parameters and derived values; `undefined` means missing. */
export type Slots = (Value | undefined)[];
export type Evaluate = (slots: Slots) => Value;

export interface ScopeEntry {
  slot: number;
  type: ValueType;
}
export type Scope = (name: string) => ScopeEntry | undefined;

export interface Compiled {
  type: ValueType;
  evaluate: Evaluate;
  /** Every name the expression reads, so an item can say which inputs it used or lacks. */
  names: ReadonlySet<string>;
}

export class ExpressionTypeError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const isNumeric = (type: ValueType) => type.kind === 'number' || type.kind === 'series';

export function compileExpression(node: Node, scope: Scope): Compiled {
  const names = new Set<string>();
  const compiled = compileNode(node, scope, names);
  return { ...compiled, names };
}

function compileNode(node: Node, scope: Scope, names: Set<string>): { type: ValueType; evaluate: Evaluate } {
  switch (node.type) {
    case 'number': {
      const value = node.value;
      return { type: NUMBER, evaluate: () => value };
    }
    case 'boolean': {
      const value = node.value;
      return { type: BOOLEAN, evaluate: () => value };
    }
    case 'string': {
      const value = node.value;
      return { type: STRING, evaluate: () => value };
    }
    case 'name': {
      const entry = scope(node.name);
      if (!entry) throw new ExpressionTypeError(`unknown name '${node.name}'`, node.at);
      names.add(node.name);
      const slot = entry.slot;
      const name = node.name;
      return {
        type: entry.type,
        evaluate: (slots) => {
          const value = slots[slot];
          if (value === undefined) throw new EvaluationError(`${name} is missing`, `缺少 ${name}`);
          return value;
        },
      };
    }
    case 'unary': {
      const operand = compileNode(node.operand, scope, names);
      if (node.op === 'not') {
        expectType(operand.type, 'boolean', node.at, "'not'");
        const inner = operand.evaluate;
        return { type: BOOLEAN, evaluate: (slots) => !inner(slots) };
      }
      if (!isNumeric(operand.type)) throw new ExpressionTypeError(`'-' needs a number or series, got ${typeName(operand.type)}`, node.at);
      const inner = operand.evaluate;
      return operand.type.kind === 'number'
        ? { type: NUMBER, evaluate: (slots) => -(inner(slots) as number) }
        : { type: SERIES, evaluate: (slots) => (inner(slots) as readonly number[]).map((x) => -x) };
    }
    case 'binary':
      return compileBinary(node, scope, names);
    case 'call': {
      // Own properties only: `toString(x)` must not reach Object.prototype.toString.
      const fn = Object.hasOwn(FUNCTIONS, node.callee) ? FUNCTIONS[node.callee] : undefined;
      if (!fn) throw new ExpressionTypeError(`unknown function '${node.callee}'`, node.at);
      const args = node.args.map((arg) => compileNode(arg, scope, names));
      const result = fn.check(args.map((a) => a.type), args.map((a) => a.evaluate));
      if (typeof result === 'string') throw new ExpressionTypeError(`${node.callee}(): ${result}`, node.at);
      return result;
    }
  }
}

function expectType(type: ValueType, kind: ValueType['kind'], at: number, what: string): void {
  if (type.kind !== kind) throw new ExpressionTypeError(`${what} needs a ${kind}, got ${typeName(type)}`, at);
}

function compileBinary(node: Extract<Node, { type: 'binary' }>, scope: Scope, names: Set<string>) {
  const left = compileNode(node.left, scope, names);
  const right = compileNode(node.right, scope, names);
  const l = left.evaluate;
  const r = right.evaluate;
  const op = node.op;
  switch (op) {
    case 'and':
    case 'or':
      expectType(left.type, 'boolean', node.at, `'${op}'`);
      expectType(right.type, 'boolean', node.at, `'${op}'`);
      return {
        type: BOOLEAN,
        evaluate: op === 'and' ? (s: Slots) => (l(s) as boolean) && (r(s) as boolean) : (s: Slots) => (l(s) as boolean) || (r(s) as boolean),
      };
    case '==':
    case '!=': {
      checkEquality(left.type, right.type, node.at);
      const negate = op === '!=';
      return { type: BOOLEAN, evaluate: (s: Slots) => (l(s) === r(s)) !== negate };
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      expectType(left.type, 'number', node.at, `'${op}'`);
      expectType(right.type, 'number', node.at, `'${op}'`);
      const compare = COMPARE[op];
      return { type: BOOLEAN, evaluate: (s: Slots) => compare(l(s) as number, r(s) as number) };
    }
    default: {
      if (!isNumeric(left.type) || !isNumeric(right.type)) {
        throw new ExpressionTypeError(`'${op}' needs numbers or series, got ${typeName(left.type)} and ${typeName(right.type)}`, node.at);
      }
      const arithmetic = ARITHMETIC[op];
      if (left.type.kind === 'number' && right.type.kind === 'number') {
        return { type: NUMBER, evaluate: (s: Slots) => arithmetic(l(s) as number, r(s) as number) };
      }
      return { type: SERIES, evaluate: (s: Slots) => broadcast(l(s), r(s), arithmetic) };
    }
  }
}

function checkEquality(left: ValueType, right: ValueType, at: number): void {
  const textual = (t: ValueType) => t.kind === 'enum' || t.kind === 'string';
  if (textual(left) && textual(right)) {
    const enumType = left.kind === 'enum' ? left : right.kind === 'enum' ? right : undefined;
    const other = enumType === left ? right : left;
    if (enumType && other.kind === 'enum' && other.values.join('\u0000') !== enumType.values.join('\u0000')) {
      throw new ExpressionTypeError(`cannot compare ${typeName(left)} with ${typeName(right)}`, at);
    }
    return;
  }
  if (left.kind !== right.kind || left.kind === 'series') {
    throw new ExpressionTypeError(`cannot compare ${typeName(left)} with ${typeName(right)}`, at);
  }
}

/** Checks that a string literal compared with an enum is one of its values (done by the loader). */
export function enumLiteralProblems(node: Node, scope: Scope): string[] {
  const problems: string[] = [];
  const visit = (n: Node): void => {
    if (n.type === 'binary' && (n.op === '==' || n.op === '!=')) {
      const pairs: [Node, Node][] = [[n.left, n.right], [n.right, n.left]];
      for (const [maybeName, maybeLiteral] of pairs) {
        if (maybeName.type === 'name' && maybeLiteral.type === 'string') {
          const entry = scope(maybeName.name);
          if (entry?.type.kind === 'enum' && !entry.type.values.includes(maybeLiteral.value)) {
            problems.push(`'${maybeLiteral.value}' is not a value of ${maybeName.name} (${entry.type.values.join(', ')})`);
          }
        }
      }
    }
    if (n.type === 'binary') {
      visit(n.left);
      visit(n.right);
    } else if (n.type === 'unary') visit(n.operand);
    else if (n.type === 'call') n.args.forEach(visit);
  };
  visit(node);
  return problems;
}

const COMPARE: Record<'<' | '<=' | '>' | '>=', (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

const ARITHMETIC: Record<'+' | '-' | '*' | '/', (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => {
    if (b === 0) throw new EvaluationError('division by zero', '除数为 0');
    return a / b;
  },
};
