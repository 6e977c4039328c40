import { EvaluationError, type Value } from './types';

/** Element-wise arithmetic: a number meets every value of a series; two series must line up. */
export function broadcast(a: Value, b: Value, f: (x: number, y: number) => number): number[] {
  if (typeof a === 'number') return (b as readonly number[]).map((y) => f(a, y));
  if (typeof b === 'number') return (a as readonly number[]).map((x) => f(x, b));
  const left = a as readonly number[];
  const right = b as readonly number[];
  if (left.length !== right.length) {
    throw new EvaluationError(`series lengths differ (${left.length} and ${right.length})`, `序列长度不一致（${left.length} 与 ${right.length}）`);
  }
  return left.map((x, i) => f(x, right[i]!));
}
