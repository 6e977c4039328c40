import type { InputDefinition } from './rule-set-schema';
import type { CompiledItem, CompiledRuleSet } from './compile-rule-set';
import type { Evaluate, Slots } from './expr/compile';
import { specialise, type Known } from './expr/specialise';
import type { Value, ValueType } from './expr/types';
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
  // Names as the specialised expressions see them: constants, or slots known to be filled.
  const known = new Map<string, Known>();
  for (const [name, parameter] of Object.entries(ruleSet.parameters)) known.set(name, { constant: parameter.value });
  for (const input of compiled.inputSlots) known.set(input.name, { slot: input.slot, kind: kindOfInput(ruleSet.inputs[input.name]!) });
  const context: Context = { probe, known: (name) => (name === 'value' ? undefined : known.get(name)) };
  const derived: { slot: number; evaluate: Evaluate }[] = [];
  for (const quantity of compiled.derived) {
    const folded = tryConstant(quantity.evaluate, probe);
    if (folded !== NOT_CONSTANT) {
      probe[quantity.slot] = folded;
      slots[quantity.slot] = folded;
      known.set(quantity.name, { constant: folded });
      continue;
    }
    known.set(quantity.name, { slot: quantity.slot, kind: kindOf(quantity.type) });
    if (neededDerived.has(quantity.name)) {
      derived.push({ slot: quantity.slot, evaluate: specialise(ruleSet.derived[quantity.name]!.expr, quantity.evaluate, context.known) });
    }
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

  const root = compileItem(compiled.root, context);
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

interface Context {
  /** Slots holding only parameters and constant derived quantities. */
  probe: Slots;
  known: (name: string) => Known | undefined;
}

/** An item's expression as a constant when it is one, else the (specialised) closure to call. */
interface Part<T> {
  constant: boolean;
  value: T;
  evaluate: (slots: Slots) => T;
}

/**
 * Folds on the closure `compileExpression` made (it throws on a missing name, so the probe proves
 * the expression constant); otherwise re-compiles the source to read slots directly.
 */
function part<T extends Value>(source: string | number | boolean | undefined, evaluate: Evaluate, context: Context): Part<T> {
  const folded = tryConstant(evaluate, context.probe);
  if (folded !== NOT_CONSTANT) return { constant: true, value: folded as T, evaluate: () => folded as T };
  const fast = source === undefined ? evaluate : specialise(source, evaluate, context.known);
  return { constant: false, value: undefined as unknown as T, evaluate: fast as (slots: Slots) => T };
}

function kindOf(type: ValueType): 'number' | 'boolean' | 'text' | 'series' {
  return type.kind === 'enum' || type.kind === 'string' ? 'text' : type.kind;
}

function kindOfInput(definition: InputDefinition): 'number' | 'boolean' | 'text' | 'series' {
  return definition.type === 'enum' ? 'text' : definition.type;
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

/** `computeScore` refuses a score that is not a finite number (the item fails, never 0). */
function finite(score: number): number {
  if (!Number.isFinite(score)) throw FAILED;
  return score;
}

const COMPARE = {
  '<=': (a: number, b: number) => a <= b,
  '<': (a: number, b: number) => a < b,
  '>=': (a: number, b: number) => a >= b,
  '>': (a: number, b: number) => a > b,
};

/**
 * The item's contribution (score × weight), mirroring `computeScore` in evaluate.ts step by step.
 * An item with no zero rules, floor, cap or rounding and a constant weight (most of them) is one
 * closure: its kind's computation passes `weight` and finishes the score itself.
 */
function compileItem(compiledItem: CompiledItem, context: Context): Contribution {
  const { item } = compiledItem;
  const weight = part<number>(item.weight, compiledItem.weight, context);
  const floor = compiledItem.floor ? part<number>(item.floor, compiledItem.floor, context) : undefined;
  const cap = compiledItem.cap ? part<number>(item.cap, compiledItem.cap, context) : undefined;
  // Zero rules are tried in order until one holds; a constant false one is skipped, and nothing
  // after a constant true one is ever tried.
  const zeroWhen: Part<boolean>[] = [];
  for (const [i, rule] of compiledItem.zeroWhen.entries()) {
    const when = part<boolean>(item.zeroWhen![i]!.when, rule.when, context);
    if (when.constant && !when.value) continue;
    zeroWhen.push(when);
    if (when.constant) break;
  }
  const rounding = item.rounding;

  if (!floor && !cap && zeroWhen.length === 0 && !rounding && weight.constant) return rawScore(compiledItem, context, weight.value);

  const raw = rawScore(compiledItem, context, undefined);
  const zeroCount = zeroWhen.length;
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
    finite(score);
    if (rounding) score = applyRounding(score, rounding);
    return score * w;
  };
}

/**
 * The score before zero rules, floor, cap and rounding; or, given the item's constant weight
 * `w`, the finished contribution (nothing else applies to such an item).
 */
function rawScore(compiledItem: CompiledItem, context: Context, w: number | undefined): (slots: Slots) => number {
  const { item } = compiledItem;
  const finishWith = (score: (slots: Slots) => number): ((slots: Slots) => number) => {
    if (w === undefined) return score;
    return (slots) => finite(score(slots)) * w;
  };
  switch (item.kind) {
    case 'formula': {
      const value = item.value === undefined ? undefined : part<Value>(item.value, compiledItem.value!, context).evaluate;
      const score = item.score === undefined ? undefined : part<number>(item.score, compiledItem.score!, context).evaluate;
      if (!value) return finishWith(score!);
      if (!score) return finishWith(value as (slots: Slots) => number);
      return finishWith((slots) => {
        slots[0] = value(slots);
        return score(slots);
      });
    }
    case 'bands': {
      const value = part<number>(item.value, compiledItem.value!, context).evaluate;
      const otherwise = part<number>(item.otherwise, compiledItem.otherwise!, context);
      const bands = compiledItem.bands!.map((band, i) => ({
        compare: COMPARE[band.op],
        bound: part<number>(item.bands[i]!.bound, band.bound, context),
        score: part<number>(item.bands[i]!.score, band.score, context),
      }));
      const count = bands.length;
      return finishWith((slots) => {
        const v = value(slots);
        let score = otherwise.constant ? otherwise.value : otherwise.evaluate(slots);
        for (let i = 0; i < count; i++) {
          const band = bands[i]!;
          if (band.compare(v, band.bound.constant ? band.bound.value : band.bound.evaluate(slots))) {
            score = band.score.constant ? band.score.value : band.score.evaluate(slots);
            break;
          }
        }
        return score;
      });
    }
    case 'table': {
      const value = part<string>(item.value, compiledItem.value!, context).evaluate;
      const table = new Map([...compiledItem.table!].map(([key, evaluate]) => [key, part<number>(item.table[key], evaluate, context)]));
      return finishWith((slots) => {
        const entry = table.get(value(slots));
        if (!entry) throw FAILED;
        return entry.constant ? entry.value : entry.evaluate(slots);
      });
    }
    case 'deduction':
      return deduction(compiledItem, item as Extract<typeof item, { kind: 'deduction' }>, context, w);
    case 'flag': {
      const when = part<boolean>(item.when, compiledItem.when!, context).evaluate;
      const points = part<number>(item.points, compiledItem.points!, context);
      if (points.constant) {
        const p = points.value;
        if (w !== undefined) return (slots) => (when(slots) ? finite(p) : 0) * w;
        return (slots) => (when(slots) ? p : 0);
      }
      return finishWith((slots) => (when(slots) ? points.evaluate(slots) : 0));
    }
    case 'block': {
      const base = part<number>(item.base, compiledItem.base!, context);
      const children = compiledItem.children.map((child) => compileItem(child, context));
      const count = children.length;
      if (base.constant) {
        const b = base.value;
        if (w !== undefined) {
          return (slots) => {
            let score = b;
            for (let i = 0; i < count; i++) score += children[i]!(slots);
            return finite(score) * w;
          };
        }
        return (slots) => {
          let score = b;
          for (let i = 0; i < count; i++) score += children[i]!(slots);
          return score;
        };
      }
      return finishWith((slots) => {
        let score = base.evaluate(slots);
        for (let i = 0; i < count; i++) score += children[i]!(slots);
        return score;
      });
    }
  }
}

function deduction(
  compiledItem: CompiledItem,
  item: Extract<CompiledItem['item'], { kind: 'deduction' }>,
  context: Context,
  w: number | undefined,
): (slots: Slots) => number {
  const count = part<number | boolean>(item.count, compiledItem.count!, context).evaluate;
  const once = part<boolean>(item.oncePerItem, compiledItem.oncePerItem!, context);
  const points = part<number>(item.points, compiledItem.points!, context);
  const repeatWhen = compiledItem.repeatWhen ? part<boolean>(item.repeatWhen, compiledItem.repeatWhen, context) : undefined;
  const repeatMultiplier = part<number>(item.repeatMultiplier, compiledItem.repeatMultiplier!, context);
  const limit = compiledItem.limit ? part<number>(item.limit, compiledItem.limit, context) : undefined;
  // With a constant weight, the contribution: the score is finished as it is (no zero rules etc.).
  const weight = w ?? 1;
  const finish = w !== undefined;

  // The common shape: once-per-item, points and multiplier constant, no limit.
  if (once.constant && points.constant && repeatMultiplier.constant && !limit) {
    const onlyOnce = once.value;
    const p = points.value;
    const m = repeatMultiplier.value;
    const when = repeatWhen?.evaluate;
    return (slots) => {
      const raw = count(slots);
      const occurrences = typeof raw === 'boolean' ? (raw ? 1 : 0) : raw;
      const counted = onlyOnce ? Math.min(occurrences, 1) : occurrences;
      const deducted = when === undefined ? counted * p : counted * p * (when(slots) ? m : 1);
      const score = deducted === 0 ? 0 : -deducted;
      return finish ? finite(score) * weight : score;
    };
  }

  return (slots) => {
    const raw = count(slots);
    const occurrences = typeof raw === 'boolean' ? (raw ? 1 : 0) : raw;
    const counted = once.evaluate(slots) ? Math.min(occurrences, 1) : occurrences;
    const p = points.evaluate(slots);
    const multiplier = repeatWhen && repeatWhen.evaluate(slots) ? repeatMultiplier.evaluate(slots) : 1;
    let deducted = counted * p * multiplier;
    if (limit) {
      const l = limit.evaluate(slots);
      if (deducted > l) deducted = l;
    }
    const score = deducted === 0 ? 0 : -deducted;
    return finish ? finite(score) * weight : score;
  };
}
