import type { Evaluate } from './compile';
import { broadcast } from './series';
import { EvaluationError, NUMBER, SERIES, typeName, type Value, type ValueType } from './types';

type Checked = { type: ValueType; evaluate: Evaluate } | string;
interface FunctionDefinition {
  signature: string;
  summary: string;
  check(types: ValueType[], args: Evaluate[]): Checked;
}

const num = (v: Value) => v as number;
const ser = (v: Value) => v as readonly number[];

function kinds(types: ValueType[]): string {
  return types.map(typeName).join(', ') || 'nothing';
}

function unaryNumeric(name: string, f: (x: number) => number): FunctionDefinition {
  return {
    signature: `${name}(number | series)`,
    summary: `${name} of a number, or of each value of a series`,
    check(types, [a]) {
      if (types.length !== 1 || !a) return `expects 1 argument, got ${types.length}`;
      if (types[0]!.kind === 'number') return { type: NUMBER, evaluate: (s) => f(num(a(s))) };
      if (types[0]!.kind === 'series') return { type: SERIES, evaluate: (s) => ser(a(s)).map(f) };
      return `expects a number or series, got ${kinds(types)}`;
    },
  };
}

function extremum(name: 'min' | 'max'): FunctionDefinition {
  const pick = name === 'min' ? Math.min : Math.max;
  return {
    signature: `${name}(series) | ${name}(a, b, …) | ${name}(series, number)`,
    summary: `${name}imum of a series, of numbers, or of each value of a series and a number`,
    check(types, args) {
      if (types.length === 1 && types[0]!.kind === 'series') {
        const [a] = args as [Evaluate];
        return { type: NUMBER, evaluate: (s) => pick(...nonEmpty(ser(a(s)), name)) };
      }
      if (types.length < 2) return `expects a series or at least 2 arguments, got ${kinds(types)}`;
      if (types.every((t) => t.kind === 'number')) return { type: NUMBER, evaluate: (s) => pick(...args.map((a) => num(a(s)))) };
      if (types.length === 2 && types.every((t) => t.kind === 'number' || t.kind === 'series')) {
        const [a, b] = args as [Evaluate, Evaluate];
        return { type: SERIES, evaluate: (s) => broadcast(a(s), b(s), (x, y) => pick(x, y)) };
      }
      return `expects numbers or a series, got ${kinds(types)}`;
    },
  };
}

function reduceSeries(name: string, summary: string, f: (values: readonly number[]) => number): FunctionDefinition {
  return {
    signature: `${name}(series)`,
    summary,
    check(types, [a]) {
      if (types.length !== 1 || types[0]!.kind !== 'series' || !a) return `expects one series, got ${kinds(types)}`;
      return { type: NUMBER, evaluate: (s) => f(ser(a(s))) };
    },
  };
}

function nonEmpty(values: readonly number[], name: string): readonly number[] {
  if (values.length === 0) throw new EvaluationError(`${name}() of an empty series`, `${name}() 的序列为空`);
  return values;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

export const FUNCTIONS: Record<string, FunctionDefinition> = {
  abs: unaryNumeric('abs', Math.abs),
  floor: unaryNumeric('floor', Math.floor),
  ceil: unaryNumeric('ceil', Math.ceil),
  min: extremum('min'),
  max: extremum('max'),
  sum: reduceSeries('sum', 'sum of a series', sum),
  avg: reduceSeries('avg', 'average of a series (error when empty)', (v) => sum(nonEmpty(v, 'avg')) / v.length),
  count: reduceSeries('count', 'number of values in a series', (v) => v.length),
  first: reduceSeries('first', 'oldest value of a series', (v) => nonEmpty(v, 'first')[0]!),
  trailingRises: reduceSeries('trailingRises', 'how many periods in a row the series has risen, counted back from the latest', (v) => {
    let rises = 0;
    for (let i = v.length - 1; i > 0 && v[i]! > v[i - 1]!; i--) rises++;
    return rises;
  }),
  last: {
    signature: 'last(series) | last(series, n)',
    summary: 'latest value of a series, or a series of its latest n values',
    check(types, [a, n]) {
      if (types[0]?.kind !== 'series' || !a) return `expects a series first, got ${kinds(types)}`;
      if (types.length === 1) return { type: NUMBER, evaluate: (s) => { const v = nonEmpty(ser(a(s)), 'last'); return v[v.length - 1]!; } };
      if (types.length === 2 && types[1]!.kind === 'number' && n) {
        return {
          type: SERIES,
          evaluate: (s) => {
            const values = ser(a(s));
            const count = num(n(s));
            if (values.length < count) {
              throw new EvaluationError(`needs the last ${count} periods, has ${values.length}`, `需要最近 ${count} 期数据，只有 ${values.length} 期`);
            }
            return values.slice(values.length - count);
          },
        };
      }
      return `expects (series) or (series, number), got ${kinds(types)}`;
    },
  },
  trailingBelow: {
    signature: 'trailingBelow(series, threshold)',
    summary: 'how many of the latest periods in a row are below the threshold',
    check(types, [a, t]) {
      if (types.length !== 2 || types[0]!.kind !== 'series' || types[1]!.kind !== 'number' || !a || !t) return `expects (series, number), got ${kinds(types)}`;
      return {
        type: NUMBER,
        evaluate: (s) => {
          const values = ser(a(s));
          const threshold = num(t(s));
          let run = 0;
          for (let i = values.length - 1; i >= 0 && values[i]! < threshold; i--) run++;
          return run;
        },
      };
    },
  },
  round: {
    signature: 'round(number, decimals?)',
    summary: 'round half away from zero',
    check(types, [a, d]) {
      if (!a || types[0]?.kind !== 'number' || types.length > 2 || (d && types[1]!.kind !== 'number')) return `expects (number, number?), got ${kinds(types)}`;
      return { type: NUMBER, evaluate: (s) => roundHalfUp(num(a(s)), d ? num(d(s)) : 0) };
    },
  },
  clamp: {
    signature: 'clamp(x, low, high)',
    summary: 'x kept inside [low, high]',
    check(types, [x, lo, hi]) {
      if (types.length !== 3 || !types.every((t) => t.kind === 'number') || !x || !lo || !hi) return `expects 3 numbers, got ${kinds(types)}`;
      return { type: NUMBER, evaluate: (s) => Math.min(num(hi(s)), Math.max(num(lo(s)), num(x(s)))) };
    },
  },
  if: {
    signature: 'if(condition, then, else)',
    summary: 'then when the condition holds, else otherwise (only the chosen branch is computed)',
    check(types, [c, a, b]) {
      if (types.length !== 3 || !c || !a || !b) return `expects 3 arguments, got ${types.length}`;
      if (types[0]!.kind !== 'boolean') return `condition must be boolean, got ${typeName(types[0]!)}`;
      if (types[1]!.kind !== types[2]!.kind) return `branches differ: ${typeName(types[1]!)} and ${typeName(types[2]!)}`;
      return { type: types[1]!, evaluate: (s) => (c(s) ? a(s) : b(s)) };
    },
  },
  number: {
    signature: 'number(boolean)',
    summary: '1 for true, 0 for false',
    check(types, [a]) {
      if (types.length !== 1 || types[0]!.kind !== 'boolean' || !a) return `expects one boolean, got ${kinds(types)}`;
      return { type: NUMBER, evaluate: (s) => (a(s) ? 1 : 0) };
    },
  },
};

export function roundHalfUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // EPSILON nudge so 0.285 × 100 (28.499999…) rounds the way a person computing by hand expects.
  return (Math.sign(value) * Math.round(Math.abs(value) * factor * (1 + Number.EPSILON))) / factor;
}

