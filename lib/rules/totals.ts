import type { InputDefinition } from '../schema/rule-set';
import type { CompiledItem, CompiledRuleSet } from './compile-rule-set';
import type { Evaluate, Slots } from './expr/compile';
import type { Value } from './expr/types';
import { acceptedValue } from './inputs';
import { applyRounding } from './rounding';

/** What `evaluate` says about the whole subject, without the item tree. */
export interface TotalsResult {
  total: number | null;
  grade: string | null;
  partial: boolean;
}

export type ScoreTotals = (inputs: Record<string, unknown>) => TotalsResult;

/**
 * The totals-only fast path: a function giving exactly `evaluate`'s `total`, `grade` and `partial`
 * (same rounding, floors, caps, zero rules; a missing or rejected input makes the result partial
 * with `total` null, never 0) without building the item tree or explanations.
 *
 * Everything that does not depend on the subject is settled here, once: expressions over
 * parameters and literals are computed and become constants, only the inputs and derived
 * quantities some item needs are checked and computed, and each item becomes a closure
 * specialised to its kind and to which of its parts are constant. No code is generated as text.
 *
 * Why it can short-cut: in `evaluate` any item that is not `ok` makes every block above it not
 * `ok`, so the result is partial as soon as one needed input is missing or one computation fails.
 * Here a needed input that is missing or rejected returns partial before any scoring, and a
 * computation that fails (division by zero, an empty series, a score that is not finite, a derived
 * quantity some item needs failing) throws out to a single catch that returns partial.
 *
 * The returned function reuses one slot array, so it is not re-entrant (nothing it calls can call
 * it back); results are fresh objects.
 */
export function compileTotals(compiled: CompiledRuleSet): ScoreTotals {
  const { ruleSet } = compiled;
  const slots: Slots = new Array(compiled.slotCount).fill(undefined);
  for (const parameter of compiled.parameterSlots) slots[parameter.slot] = parameter.value;

  // Inputs and derived quantities some item needs; the others cannot change a total.
  const neededInputs = new Set<string>();
  const neededDerived = new Set<string>();
  for (const item of compiled.items) {
    for (const need of item.needs) neededInputs.add(need.name);
    for (const need of item.derivedNeeds) neededDerived.add(need.name);
  }

  // Derived quantities over parameters only are the same for every subject: compute them now.
  // A probe slot array holds only constants; an expression that runs on it reads no input.
  const probe: Slots = slots.slice();
  const derived: { slot: number; evaluate: Evaluate }[] = [];
  for (const quantity of compiled.derived) {
    const folded = tryConstant(quantity.evaluate, probe);
    if (folded !== NOT_CONSTANT) {
      probe[quantity.slot] = folded;
      slots[quantity.slot] = folded;
    } else if (neededDerived.has(quantity.name)) derived.push({ slot: quantity.slot, evaluate: quantity.evaluate });
  }

  const inputNames: string[] = [];
  const inputSlots: number[] = [];
  const inputReaders: Reader[] = [];
  for (const input of compiled.inputSlots) {
    if (!neededInputs.has(input.name)) continue;
    inputNames.push(input.name);
    inputSlots.push(input.slot);
    inputReaders.push(readerFor(ruleSet.inputs[input.name]!));
  }
  const inputCount = inputNames.length;
  const derivedCount = derived.length;

  const root = compileItem(compiled.root, probe);
  const rounding = ruleSet.rounding;
  const gradeMins = ruleSet.grades.map((grade) => grade.min);
  const gradeNames = ruleSet.grades.map((grade) => grade.grade);
  const gradeCount = gradeMins.length;

  return (inputs) => {
    for (let i = 0; i < inputCount; i++) {
      const value = inputReaders[i]!(inputs[inputNames[i]!]);
      if (value === undefined) return { total: null, grade: null, partial: true };
      slots[inputSlots[i]!] = value;
    }
    let contribution: number;
    try {
      for (let i = 0; i < derivedCount; i++) {
        const quantity = derived[i]!;
        slots[quantity.slot] = quantity.evaluate(slots);
      }
      contribution = root(slots);
    } catch {
      return { total: null, grade: null, partial: true };
    }
    const total = applyRounding(contribution, rounding);
    let grade: string | null = null;
    for (let i = 0; i < gradeCount; i++) {
      if (total >= gradeMins[i]!) {
        grade = gradeNames[i]!;
        break;
      }
    }
    return { total, grade, partial: false };
  };
}

const cache = new WeakMap<CompiledRuleSet, ScoreTotals>();

/** `compileTotals` once per compiled rule set, then the fast path: for scoring many subjects. */
export function evaluateTotals(compiled: CompiledRuleSet, inputs: Record<string, unknown>): TotalsResult {
  let totals = cache.get(compiled);
  if (!totals) {
    totals = compileTotals(compiled);
    cache.set(compiled, totals);
  }
  return totals(inputs);
}

// ---------------------------------------------------------------------------------------------
// Constants

const NOT_CONSTANT: unique symbol = Symbol('not constant');

/**
 * Runs an expression on slots holding only parameters (and constant derived quantities). Reading
 * any other name throws, and every function is pure, so success means the expression gives this
 * value for every subject. One that throws here is kept as it is (it may need inputs, or fail
 * every time, which evaluation must then report).
 */
function tryConstant(evaluate: Evaluate, probe: Slots): Value | typeof NOT_CONSTANT {
  try {
    return evaluate(probe);
  } catch {
    return NOT_CONSTANT;
  }
}

/** An item's expression as a constant when it is one, else the closure to call. */
interface Part<T> {
  constant: boolean;
  value: T;
  evaluate: (slots: Slots) => T;
}

function part<T extends Value>(evaluate: Evaluate, probe: Slots): Part<T> {
  const folded = tryConstant(evaluate, probe);
  if (folded === NOT_CONSTANT) return { constant: false, value: undefined as unknown as T, evaluate: evaluate as (slots: Slots) => T };
  return { constant: true, value: folded as T, evaluate: () => folded as T };
}

// ---------------------------------------------------------------------------------------------
// Inputs

/** The input's value when `checkInputs` would accept it, else undefined (missing). */
type Reader = (raw: unknown) => Value | undefined;

function readerFor(definition: InputDefinition): Reader {
  switch (definition.type) {
    case 'number': {
      const min = definition.min ?? -Infinity;
      const max = definition.max ?? Infinity;
      if (definition.integer) {
        return (raw) => (typeof raw === 'number' && Number.isInteger(raw) && raw >= min && raw <= max ? raw : undefined);
      }
      return (raw) => (typeof raw === 'number' && Number.isFinite(raw) && raw >= min && raw <= max ? raw : undefined);
    }
    case 'boolean':
      return (raw) => (typeof raw === 'boolean' ? raw : undefined);
    case 'enum': {
      const values = new Set(definition.values);
      return (raw) => (typeof raw === 'string' && values.has(raw) ? raw : undefined);
    }
    case 'series':
      // Rare and full of corner cases (gaps, holes, lengths): the same code as checkInputs.
      return (raw) => acceptedValue(definition, raw);
  }
}

// ---------------------------------------------------------------------------------------------
// Items

type Contribution = (slots: Slots) => number;

/** Thrown to abandon the subject; the single catch turns it into a partial result. */
const FAILED = new Error('item failed');

const COMPARE = {
  '<=': (a: number, b: number) => a <= b,
  '<': (a: number, b: number) => a < b,
  '>=': (a: number, b: number) => a >= b,
  '>': (a: number, b: number) => a > b,
};

/** The item's contribution (score × weight), mirroring `computeScore` in evaluate.ts step by step. */
function compileItem(compiledItem: CompiledItem, probe: Slots): Contribution {
  const raw = rawScore(compiledItem, probe);
  return finish(compiledItem, raw, probe);
}

/** The score before zero rules, floor, cap and rounding. */
function rawScore(compiledItem: CompiledItem, probe: Slots): (slots: Slots) => number {
  const { item } = compiledItem;
  switch (item.kind) {
    case 'formula': {
      const value = compiledItem.value;
      const score = compiledItem.score;
      if (!value) return score as (slots: Slots) => number;
      if (!score) return value as (slots: Slots) => number;
      return (slots) => {
        const v = value(slots);
        slots[0] = v;
        return score(slots) as number;
      };
    }
    case 'bands': {
      const value = compiledItem.value!;
      const otherwise = part<number>(compiledItem.otherwise!, probe);
      const bands = compiledItem.bands!.map((band) => ({ compare: COMPARE[band.op], bound: part<number>(band.bound, probe), score: part<number>(band.score, probe) }));
      const count = bands.length;
      return (slots) => {
        const v = value(slots) as number;
        let score = otherwise.constant ? otherwise.value : otherwise.evaluate(slots);
        for (let i = 0; i < count; i++) {
          const band = bands[i]!;
          if (band.compare(v, band.bound.constant ? band.bound.value : band.bound.evaluate(slots))) {
            score = band.score.constant ? band.score.value : band.score.evaluate(slots);
            break;
          }
        }
        return score;
      };
    }
    case 'table': {
      const value = compiledItem.value!;
      const table = new Map([...compiledItem.table!].map(([key, evaluate]) => [key, part<number>(evaluate, probe)]));
      return (slots) => {
        const entry = table.get(value(slots) as string);
        if (!entry) throw FAILED;
        return entry.constant ? entry.value : entry.evaluate(slots);
      };
    }
    case 'deduction':
      return deduction(compiledItem, probe);
    case 'flag': {
      const when = compiledItem.when!;
      const points = part<number>(compiledItem.points!, probe);
      if (points.constant) {
        const p = points.value;
        return (slots) => (when(slots) ? p : 0);
      }
      return (slots) => (when(slots) ? points.evaluate(slots) : 0);
    }
    case 'block': {
      const base = part<number>(compiledItem.base!, probe);
      const children = compiledItem.children.map((child) => compileItem(child, probe));
      const count = children.length;
      if (base.constant) {
        const b = base.value;
        return (slots) => {
          let score = b;
          for (let i = 0; i < count; i++) score += children[i]!(slots);
          return score;
        };
      }
      return (slots) => {
        let score = base.evaluate(slots);
        for (let i = 0; i < count; i++) score += children[i]!(slots);
        return score;
      };
    }
  }
}

function deduction(compiledItem: CompiledItem, probe: Slots): (slots: Slots) => number {
  const count = compiledItem.count!;
  const once = part<boolean>(compiledItem.oncePerItem!, probe);
  const points = part<number>(compiledItem.points!, probe);
  const repeatWhen = compiledItem.repeatWhen ? part<boolean>(compiledItem.repeatWhen, probe) : undefined;
  const repeatMultiplier = part<number>(compiledItem.repeatMultiplier!, probe);
  const limit = compiledItem.limit ? part<number>(compiledItem.limit, probe) : undefined;

  // The common shape: once-per-item and points constant, no limit.
  if (once.constant && points.constant && repeatMultiplier.constant && !limit) {
    const onlyOnce = once.value;
    const p = points.value;
    const m = repeatMultiplier.value;
    if (!repeatWhen) {
      return (slots) => {
        const raw = count(slots);
        const occurrences = typeof raw === 'boolean' ? (raw ? 1 : 0) : (raw as number);
        const deducted = (onlyOnce ? Math.min(occurrences, 1) : occurrences) * p;
        return deducted === 0 ? 0 : -deducted;
      };
    }
    const when = repeatWhen.evaluate;
    return (slots) => {
      const raw = count(slots);
      const occurrences = typeof raw === 'boolean' ? (raw ? 1 : 0) : (raw as number);
      const multiplier = when(slots) ? m : 1;
      const deducted = (onlyOnce ? Math.min(occurrences, 1) : occurrences) * p * multiplier;
      return deducted === 0 ? 0 : -deducted;
    };
  }

  return (slots) => {
    const raw = count(slots);
    const occurrences = typeof raw === 'boolean' ? (raw ? 1 : 0) : (raw as number);
    const counted = once.evaluate(slots) ? Math.min(occurrences, 1) : occurrences;
    const p = points.evaluate(slots);
    const multiplier = repeatWhen && repeatWhen.evaluate(slots) ? repeatMultiplier.evaluate(slots) : 1;
    let deducted = counted * p * multiplier;
    if (limit) {
      const l = limit.evaluate(slots);
      if (deducted > l) deducted = l;
    }
    return deducted === 0 ? 0 : -deducted;
  };
}

/** Zero rules, floor, cap, the finite check, rounding and weight: the tail of `computeScore`. */
function finish(compiledItem: CompiledItem, raw: (slots: Slots) => number, probe: Slots): Contribution {
  const { item } = compiledItem;
  const weight = part<number>(compiledItem.weight, probe);
  const floor = compiledItem.floor ? part<number>(compiledItem.floor, probe) : undefined;
  const cap = compiledItem.cap ? part<number>(compiledItem.cap, probe) : undefined;
  // Zero rules are tried in order until one holds; a constant false one is skipped, and nothing
  // after a constant true one is ever tried.
  const zeroWhen: Part<boolean>[] = [];
  for (const rule of compiledItem.zeroWhen) {
    const when = part<boolean>(rule.when, probe);
    if (when.constant && !when.value) continue;
    zeroWhen.push(when);
    if (when.constant) break;
  }
  const zeroCount = zeroWhen.length;
  const rounding = item.rounding;

  const simple = !floor && !cap && zeroCount === 0 && !rounding && weight.constant;
  if (simple) {
    const w = weight.value;
    if (w === 1) {
      return (slots) => {
        const score = raw(slots);
        if (!Number.isFinite(score)) throw FAILED;
        return score;
      };
    }
    return (slots) => {
      const score = raw(slots);
      if (!Number.isFinite(score)) throw FAILED;
      return score * w;
    };
  }

  return (slots) => {
    const w = weight.constant ? weight.value : weight.evaluate(slots);
    let score = raw(slots);
    for (let i = 0; i < zeroCount; i++) {
      const rule = zeroWhen[i]!;
      if (rule.constant || rule.evaluate(slots)) {
        score = 0;
        break;
      }
    }
    if (floor) {
      const f = floor.constant ? floor.value : floor.evaluate(slots);
      if (score < f) score = f;
    }
    if (cap) {
      const c = cap.constant ? cap.value : cap.evaluate(slots);
      if (score > c) score = c;
    }
    if (!Number.isFinite(score)) throw FAILED;
    if (rounding) score = applyRounding(score, rounding);
    return score * w;
  };
}
