import type { ItemResult, ScoreResult } from './assessment-schema';
import type { InputValue, Localized } from './rule-set-schema';
import type { CompiledItem, CompiledRuleSet } from './compile-rule-set';
import type { Evaluate, Slots } from './expr/compile';
import { EvaluationError, type Value } from './expr/types';
import { explainItem, type ItemFacts } from './explain';
import { checkInputs } from './inputs';
import { applyRounding } from './rounding';

export interface EvaluateOptions {
  /** Build the zh-CN / en explanation and the per-item inputs (default true); off for bulk totals. */
  explain?: boolean;
}

interface Context {
  compiled: CompiledRuleSet;
  slots: Slots;
  derivedErrors: Map<string, EvaluationError>;
  explain: boolean;
  missing: Set<string>;
}

/**
 * Scores one subject. Missing inputs make the items that need them `missing` (never 0); the
 * result is then `partial`, its `total` and `grade` are null and `knownTotal` sums what could be
 * computed.
 */
export function evaluate(compiled: CompiledRuleSet, inputs: Record<string, unknown>, options: EvaluateOptions = {}): ScoreResult {
  const { ruleSet } = compiled;
  const slots: Slots = new Array(compiled.slotCount);
  for (const parameter of compiled.parameterSlots) slots[parameter.slot] = parameter.value;
  const checked = checkInputs(ruleSet.inputs, inputs);
  for (const input of compiled.inputSlots) slots[input.slot] = checked.values.get(input.name);
  const derivedErrors = new Map<string, EvaluationError>();
  for (const quantity of compiled.derived) {
    try {
      slots[quantity.slot] = quantity.evaluate(slots);
    } catch (error) {
      slots[quantity.slot] = undefined;
      derivedErrors.set(quantity.name, asEvaluationError(error));
    }
  }
  const context: Context = { compiled, slots, derivedErrors, explain: options.explain ?? true, missing: new Set() };
  const root = evaluateItem(compiled.root, context);
  const partial = root.status !== 'ok';
  const knownTotal = applyRounding(root.contribution ?? 0, ruleSet.rounding);
  const total = partial ? null : knownTotal;
  const grade = total === null ? undefined : ruleSet.grades.find((candidate) => total >= candidate.min);
  return {
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version,
    total,
    knownTotal,
    totalUnit: ruleSet.totalUnit,
    grade: grade?.grade ?? null,
    ...(grade?.label ? { gradeLabel: grade.label } : {}),
    ...(grade?.note ? { gradeNote: grade.note } : {}),
    partial,
    missing: [...context.missing],
    inputProblems: checked.problems,
    root,
  };
}

function asEvaluationError(error: unknown): EvaluationError {
  if (error instanceof EvaluationError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new EvaluationError(message, message);
}

/** Shared by every item that lacks nothing; frozen so no caller can add to it by accident. */
const NOTHING_MISSING: string[] = Object.freeze([]) as unknown as string[];

function evaluateItem(compiledItem: CompiledItem, context: Context): ItemResult {
  const { item } = compiledItem;
  const { slots } = context;
  let missing = NOTHING_MISSING;
  for (const need of compiledItem.needs) {
    if (slots[need.slot] !== undefined) continue;
    if (missing === NOTHING_MISSING) missing = [];
    missing.push(need.name);
  }
  const children = compiledItem.children.length ? compiledItem.children.map((child) => evaluateItem(child, context)) : undefined;
  const facts: ItemFacts = { weight: 1, value: null, score: null, contribution: null };

  let status: ItemResult['status'] = 'ok';
  let error: Localized | undefined;
  if (missing.length) {
    status = 'missing';
    for (const name of missing) context.missing.add(name);
  } else {
    try {
      for (const need of compiledItem.derivedNeeds) {
        const failure = context.derivedErrors.get(need.name);
        if (failure) throw failure;
      }
      computeScore(compiledItem, slots, facts, children);
      if (children) for (const child of children) if (child.status !== 'ok') status = 'partial';
    } catch (caught) {
      const evaluationError = asEvaluationError(caught);
      status = 'error';
      error = { en: evaluationError.en, 'zh-CN': evaluationError.zh };
      facts.score = null;
      facts.contribution = null;
    }
  }

  // One object shape for every item keeps property access monomorphic when thousands are scored.
  const result: ItemResult = {
    id: item.id,
    path: compiledItem.path,
    kind: item.kind,
    label: item.label,
    status,
    inputs: undefined,
    value: facts.value,
    valueUnit: compiledItem.valueUnit,
    target: compiledItem.target ? targetOf(compiledItem.target, slots) : undefined,
    better: compiledItem.better,
    score: facts.score,
    weight: facts.weight,
    contribution: facts.contribution,
    zeroedBy: facts.zeroedBy,
    explanation: undefined,
    missing,
    error,
    children,
  };
  if (context.explain) {
    result.inputs = readsOf(compiledItem, slots);
    result.explanation = explainItem(compiledItem, context.compiled, result, facts);
  }
  return result;
}

/** A target that cannot be computed is null; it never fails the item, whose score does not use it. */
function targetOf(target: Evaluate, slots: Slots): number | null {
  try {
    const value = target(slots);
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

function readsOf(compiledItem: CompiledItem, slots: Slots): Record<string, InputValue> {
  const values: Record<string, InputValue> = {};
  for (const read of compiledItem.reads) {
    const value = slots[read.slot];
    values[read.name] = value === undefined ? null : (value as InputValue);
  }
  return values;
}

const COMPARE = {
  '<=': (a: number, b: number) => a <= b,
  '<': (a: number, b: number) => a < b,
  '>=': (a: number, b: number) => a >= b,
  '>': (a: number, b: number) => a > b,
};

function computeScore(compiledItem: CompiledItem, slots: Slots, facts: ItemFacts, children: ItemResult[] | undefined): void {
  const { item } = compiledItem;
  facts.weight = compiledItem.weight(slots) as number;
  let score: number;
  switch (item.kind) {
    case 'formula': {
      const value = compiledItem.value ? compiledItem.value(slots) : undefined;
      if (value !== undefined) slots[0] = value;
      score = compiledItem.score ? (compiledItem.score(slots) as number) : (value as number);
      facts.value = value === undefined ? score : plain(value);
      break;
    }
    case 'bands': {
      const value = compiledItem.value!(slots) as number;
      facts.value = value;
      score = compiledItem.otherwise!(slots) as number;
      for (const band of compiledItem.bands!) {
        const bound = band.bound(slots) as number;
        if (COMPARE[band.op](value, bound)) {
          score = band.score(slots) as number;
          facts.band = { op: band.op, bound };
          break;
        }
      }
      break;
    }
    case 'table': {
      const key = compiledItem.value!(slots) as string;
      facts.value = key;
      score = compiledItem.table!.get(key)!(slots) as number;
      break;
    }
    case 'deduction': {
      const raw = compiledItem.count!(slots);
      const occurrences = typeof raw === 'boolean' ? (raw ? 1 : 0) : (raw as number);
      facts.value = occurrences;
      const once = compiledItem.oncePerItem!(slots) as boolean;
      const counted = once ? Math.min(occurrences, 1) : occurrences;
      const points = compiledItem.points!(slots) as number;
      const multiplier = compiledItem.repeatWhen && compiledItem.repeatWhen(slots) ? (compiledItem.repeatMultiplier!(slots) as number) : 1;
      let deducted = counted * points * multiplier;
      const limit = compiledItem.limit ? (compiledItem.limit(slots) as number) : undefined;
      const limited = limit !== undefined && deducted > limit;
      if (limited) deducted = limit;
      facts.deduction = { occurrences, counted, points, multiplier, once, limit: limited ? limit : undefined };
      score = deducted === 0 ? 0 : -deducted;
      break;
    }
    case 'flag': {
      const raised = compiledItem.when!(slots) as boolean;
      facts.value = raised;
      score = raised ? (compiledItem.points!(slots) as number) : 0;
      break;
    }
    case 'block': {
      const base = compiledItem.base!(slots) as number;
      facts.base = base;
      score = base;
      // A block with no children scores its base (children is undefined then, not []).
      if (children) for (const child of children) if (child.contribution !== null) score += child.contribution;
      break;
    }
  }
  for (const rule of compiledItem.zeroWhen) {
    if (rule.when(slots)) {
      facts.zeroedBy = rule.reason;
      score = 0;
      break;
    }
  }
  if (compiledItem.floor) {
    const floor = compiledItem.floor(slots) as number;
    if (score < floor) {
      facts.unclamped = score;
      facts.clampedBy = 'floor';
      score = floor;
    }
  }
  if (compiledItem.cap) {
    const cap = compiledItem.cap(slots) as number;
    if (score > cap) {
      facts.unclamped = score;
      facts.clampedBy = 'cap';
      score = cap;
    }
  }
  if (!Number.isFinite(score)) throw new EvaluationError('the score is not a finite number', '得分不是有限数');
  score = applyRounding(score, item.rounding);
  facts.score = score;
  facts.contribution = score * facts.weight;
}

function plain(value: Value): number | string | boolean | null {
  return Array.isArray(value) ? null : (value as number | string | boolean);
}
