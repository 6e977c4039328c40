import type { Node } from './ast';
import type { Evaluate, Slots } from './compile';
import { parseExpression } from './parser';
import type { Value } from './types';

/**
 * What the totals fast path knows about a name: a parameter's constant value, or the slot of an
 * input or derived quantity it has already checked is present. `text` covers enums and strings.
 */
export type Known = { constant: Value } | { slot: number; kind: 'number' | 'boolean' | 'text' | 'series' };

/** Thrown for a division by zero; the fast path turns any failure into a partial result. */
export const DIVISION_BY_ZERO = new Error('division by zero');

type Kind = 'number' | 'boolean' | 'text';
interface Fast {
  kind: Kind;
  evaluate: Evaluate;
  constant: boolean;
}

/**
 * Re-compiles an already type-checked expression for the totals fast path: names read their slot
 * directly (no missing check: the fast path only runs once every input the item needs is there),
 * parameters and whatever depends only on them become constants. Covers numbers, booleans and
 * enums with the operators and the scalar functions; anything else (series, `value`, other
 * functions) returns `fallback`, the closure `compileExpression` made, unchanged. Every node does
 * what compile.ts / functions.ts do for it, in the same floating-point order.
 */
export function specialise(source: string | number | boolean, fallback: Evaluate, known: (name: string) => Known | undefined): Evaluate {
  if (typeof source !== 'string') return fallback;
  let fast: Fast | undefined;
  try {
    fast = node(parseExpression(source), known);
  } catch {
    fast = undefined;
  }
  return fast ? fast.evaluate : fallback;
}

function constantOf(kind: Kind, evaluate: Evaluate, parts: Fast[]): Fast {
  if (parts.every((part) => part.constant)) {
    try {
      const value = evaluate([]);
      return { kind, evaluate: () => value, constant: true };
    } catch {
      // Fails every time (e.g. 1 / 0): keep it, so evaluation reports it.
    }
  }
  return { kind, evaluate, constant: false };
}

function node(n: Node, known: (name: string) => Known | undefined): Fast | undefined {
  switch (n.type) {
    case 'number':
    case 'boolean':
    case 'string': {
      const value = n.value;
      return { kind: n.type === 'string' ? 'text' : n.type, evaluate: () => value, constant: true };
    }
    case 'name': {
      const entry = known(n.name);
      if (!entry) return undefined;
      if ('constant' in entry) {
        const value = entry.constant;
        const kind = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : undefined;
        return kind ? { kind, evaluate: () => value, constant: true } : undefined;
      }
      if (entry.kind === 'series') return undefined;
      const slot = entry.slot;
      return { kind: entry.kind, evaluate: (s: Slots) => s[slot]!, constant: false };
    }
    case 'unary': {
      const operand = node(n.operand, known);
      if (!operand) return undefined;
      const f = operand.evaluate;
      if (n.op === 'not') return operand.kind === 'boolean' ? constantOf('boolean', (s) => !f(s), [operand]) : undefined;
      return operand.kind === 'number' ? constantOf('number', (s) => -(f(s) as number), [operand]) : undefined;
    }
    case 'binary': {
      const left = node(n.left, known);
      const right = node(n.right, known);
      if (!left || !right) return undefined;
      const l = left.evaluate;
      const r = right.evaluate;
      const parts = [left, right];
      const numbers = left.kind === 'number' && right.kind === 'number';
      switch (n.op) {
        case 'and':
          return constantOf('boolean', (s) => (l(s) as boolean) && (r(s) as boolean), parts);
        case 'or':
          return constantOf('boolean', (s) => (l(s) as boolean) || (r(s) as boolean), parts);
        case '==':
          return constantOf('boolean', (s) => l(s) === r(s), parts);
        case '!=':
          return constantOf('boolean', (s) => l(s) !== r(s), parts);
      }
      if (!numbers) return undefined;
      const a = l as (s: Slots) => number;
      const b = r as (s: Slots) => number;
      switch (n.op) {
        case '<':
          return constantOf('boolean', (s) => a(s) < b(s), parts);
        case '<=':
          return constantOf('boolean', (s) => a(s) <= b(s), parts);
        case '>':
          return constantOf('boolean', (s) => a(s) > b(s), parts);
        case '>=':
          return constantOf('boolean', (s) => a(s) >= b(s), parts);
        case '+':
          return constantOf('number', (s) => a(s) + b(s), parts);
        case '-':
          return constantOf('number', (s) => a(s) - b(s), parts);
        case '*':
          return constantOf('number', (s) => a(s) * b(s), parts);
        case '/':
          return constantOf(
            'number',
            (s) => {
              const x = a(s);
              const y = b(s);
              if (y === 0) throw DIVISION_BY_ZERO;
              return x / y;
            },
            parts,
          );
      }
      return undefined;
    }
    case 'call':
      return call(n, known);
  }
}

function call(n: Extract<Node, { type: 'call' }>, known: (name: string) => Known | undefined): Fast | undefined {
  const args: Fast[] = [];
  for (const arg of n.args) {
    const fast = node(arg, known);
    if (!fast) return undefined;
    args.push(fast);
  }
  const numbers = args.every((arg) => arg.kind === 'number');
  const f = args.map((arg) => arg.evaluate as (s: Slots) => number);
  switch (n.callee) {
    case 'clamp': {
      if (args.length !== 3 || !numbers) return undefined;
      const [x, lo, hi] = f as [(s: Slots) => number, (s: Slots) => number, (s: Slots) => number];
      if (args[1]!.constant && args[2]!.constant) {
        const low = lo([]);
        const high = hi([]);
        return constantOf('number', (s) => Math.min(high, Math.max(low, x(s))), args);
      }
      return constantOf('number', (s) => Math.min(hi(s), Math.max(lo(s), x(s))), args);
    }
    case 'min':
    case 'max': {
      if (!numbers || args.length < 2 || args.length > 3) return undefined;
      const pick = n.callee === 'min' ? Math.min : Math.max;
      const [a, b, c] = f as [(s: Slots) => number, (s: Slots) => number, ((s: Slots) => number) | undefined];
      return c ? constantOf('number', (s) => pick(a(s), b(s), c(s)), args) : constantOf('number', (s) => pick(a(s), b(s)), args);
    }
    case 'abs':
    case 'floor':
    case 'ceil': {
      if (args.length !== 1 || !numbers) return undefined;
      const math = Math[n.callee];
      const [a] = f as [(s: Slots) => number];
      return constantOf('number', (s) => math(a(s)), args);
    }
    case 'number': {
      if (args.length !== 1 || args[0]!.kind !== 'boolean') return undefined;
      const a = args[0]!.evaluate;
      return constantOf('number', (s) => (a(s) ? 1 : 0), args);
    }
    case 'if': {
      if (args.length !== 3 || args[0]!.kind !== 'boolean' || args[1]!.kind !== args[2]!.kind) return undefined;
      const [c, a, b] = args.map((arg) => arg.evaluate) as [Evaluate, Evaluate, Evaluate];
      return constantOf(args[1]!.kind, (s) => (c(s) ? a(s) : b(s)), args);
    }
    default:
      return undefined;
  }
}
