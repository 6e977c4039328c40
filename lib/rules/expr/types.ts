export type ValueType =
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'series' }
  | { kind: 'string' }
  | { kind: 'enum'; values: readonly string[] };

export type Value = number | boolean | string | readonly number[];

export const NUMBER: ValueType = { kind: 'number' };
export const BOOLEAN: ValueType = { kind: 'boolean' };
export const SERIES: ValueType = { kind: 'series' };
export const STRING: ValueType = { kind: 'string' };

export function typeName(type: ValueType): string {
  return type.kind === 'enum' ? `enum(${type.values.join('/')})` : type.kind;
}

/** A failure while computing (division by zero, an empty series): the item reports it, never a 0. */
export class EvaluationError extends Error {
  constructor(
    readonly en: string,
    readonly zh: string,
  ) {
    super(en);
  }
}
