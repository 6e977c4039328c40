import type { InputDefinition, InputValue, RuleSet } from './rule-set-schema';
import type { Value } from './expr/types';

export interface InputProblem {
  field: string;
  message: string;
}

export interface CheckedInputs {
  /** Valid values by input name; absent names are missing. */
  values: Map<string, Value>;
  missing: string[];
  problems: InputProblem[];
}

/**
 * Checks raw values against the rule set's input definitions. `null`, `undefined` and a series
 * with a gap are missing (reported, never read as 0); a wrong type or an out-of-range value is a
 * problem, and the input is then treated as missing too.
 */
export function checkInputs(inputs: RuleSet['inputs'], raw: Record<string, unknown>): CheckedInputs {
  const values = new Map<string, Value>();
  const missing: string[] = [];
  const problems: InputProblem[] = [];
  for (const field of Object.keys(raw)) {
    if (!Object.hasOwn(inputs, field)) problems.push({ field, message: 'unknown input' });
  }
  for (const [name, definition] of Object.entries(inputs)) {
    const value = raw[name];
    if (value === undefined || value === null) {
      missing.push(name);
      continue;
    }
    const result = checkValue(definition, value);
    if (result instanceof Rejection) {
      problems.push({ field: name, message: result.message });
      missing.push(name);
    } else if (result === MISSING) {
      missing.push(name);
    } else values.set(name, result);
  }
  return { values, missing, problems };
}

/** One raw value as `checkInputs` reads it: the value, or undefined when missing or rejected. */
export function acceptedValue(definition: InputDefinition, value: unknown): Value | undefined {
  if (value === undefined || value === null) return undefined;
  const result = checkValue(definition, value);
  return result instanceof Rejection || result === MISSING ? undefined : result;
}

const MISSING = Symbol('missing');

class Rejection {
  constructor(readonly message: string) {}
}
const reject = (message: string) => new Rejection(message);

function checkValue(definition: InputDefinition, value: unknown): Value | Rejection | typeof MISSING {
  switch (definition.type) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return reject(`expected a number, got ${show(value)}`);
      if (definition.integer && !Number.isInteger(value)) return reject(`expected a whole number, got ${value}`);
      if (definition.min !== undefined && value < definition.min) return reject(`must be at least ${definition.min}, got ${value}`);
      if (definition.max !== undefined && value > definition.max) return reject(`must be at most ${definition.max}, got ${value}`);
      return value;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : reject(`expected true or false, got ${show(value)}`);
    case 'enum':
      return typeof value === 'string' && definition.values.includes(value) ? value : reject(`expected one of ${definition.values.join(', ')}, got ${show(value)}`);
    case 'series': {
      if (!Array.isArray(value)) return reject(`expected a list of numbers, got ${show(value)}`);
      if (value.some((v) => v !== null && (typeof v !== 'number' || !Number.isFinite(v)))) return reject(`expected a list of numbers, got ${show(value)}`);
      if (definition.minLength !== undefined && value.length < definition.minLength) return reject(`needs at least ${definition.minLength} values, got ${value.length}`);
      if (definition.maxLength !== undefined && value.length > definition.maxLength) return reject(`allows at most ${definition.maxLength} values, got ${value.length}`);
      const outside = value.find((v) => v !== null && ((definition.min !== undefined && v < definition.min) || (definition.max !== undefined && v > definition.max)));
      if (outside !== undefined) return reject(`values must be between ${definition.min ?? '-∞'} and ${definition.max ?? '∞'}, got ${outside}`);
      if (value.includes(null)) return MISSING;
      return value as number[];
    }
  }
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '有', 'x']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '无']);

/**
 * Reads one CSV cell as the input's type. An empty cell is missing. Numbers may carry a trailing
 * % (read as a fraction) and thousands separators; series cells separate values with ';'.
 */
export function coerceText(definition: InputDefinition, text: string): InputValue | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  switch (definition.type) {
    case 'number':
      return parseNumberText(trimmed) ?? { error: `expected a number, got "${trimmed}"` };
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      if (TRUE_WORDS.has(lower)) return true;
      if (FALSE_WORDS.has(lower)) return false;
      return { error: `expected true/false (or yes/no, 1/0, 是/否), got "${trimmed}"` };
    }
    case 'enum':
      return trimmed;
    case 'series': {
      const parts = trimmed.split(/[;|]/).map((part) => part.trim());
      const numbers: (number | null)[] = [];
      for (const part of parts) {
        if (part === '') {
          numbers.push(null);
          continue;
        }
        const value = parseNumberText(part);
        if (value === undefined) return { error: `expected numbers separated by ';', got "${part}"` };
        numbers.push(value);
      }
      return numbers;
    }
  }
}

function parseNumberText(text: string): number | undefined {
  const percent = text.endsWith('%');
  const body = (percent ? text.slice(0, -1) : text).replace(/,/g, '').trim();
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(body)) return undefined;
  const value = Number(body);
  return percent ? value / 100 : value;
}
