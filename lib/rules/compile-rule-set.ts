import type { Band, Localized, RuleItem, RuleSet } from './rule-set-schema';
import { compileExpression, enumLiteralProblems, ExpressionTypeError, type Compiled, type Evaluate, type Scope, type ScopeEntry } from './expr/compile';
import { ExpressionSyntaxError } from './expr/lexer';
import { parseExpression } from './expr/parser';
import { BOOLEAN, NUMBER, SERIES, type Value, type ValueType } from './expr/types';
import { FUNCTIONS } from './expr/functions';
import type { Problem } from './problems';

/** Slot 0 holds an item's own `value` while its `score` expression runs. */
const VALUE_SLOT = 0;
const RESERVED = new Set(['value', 'true', 'false', 'and', 'or', 'not', ...Object.keys(FUNCTIONS)]);

export interface NameSlot {
  name: string;
  slot: number;
}

export interface CompiledDerived extends NameSlot {
  evaluate: Evaluate;
  type: ValueType;
}

export interface CompiledBand {
  op: Band['op'];
  bound: Evaluate;
  score: Evaluate;
}

export interface CompiledItem {
  item: RuleItem;
  path: string;
  valueUnit: string | undefined;
  /** Names the item's own rule reads (not its children's), reported with their values. */
  reads: NameSlot[];
  /** Raw inputs needed, directly or through derived quantities. */
  needs: NameSlot[];
  /** Derived quantities needed; one that failed makes the item fail with its reason. */
  derivedNeeds: NameSlot[];
  weight: Evaluate;
  floor?: Evaluate;
  cap?: Evaluate;
  zeroWhen: { when: Evaluate; reason: Localized }[];
  value?: Evaluate;
  /** What the value aims at; its names are not needs (a missing target never fails the score). */
  target?: Evaluate;
  better?: 'higher' | 'lower';
  score?: Evaluate;
  bands?: CompiledBand[];
  otherwise?: Evaluate;
  table?: Map<string, Evaluate>;
  count?: Evaluate;
  countIsBoolean?: boolean;
  points?: Evaluate;
  oncePerItem?: Evaluate;
  limit?: Evaluate;
  repeatWhen?: Evaluate;
  repeatMultiplier?: Evaluate;
  when?: Evaluate;
  base?: Evaluate;
  children: CompiledItem[];
}

export interface CompiledRuleSet {
  ruleSet: RuleSet;
  slotCount: number;
  parameterSlots: { slot: number; value: Value }[];
  inputSlots: NameSlot[];
  derived: CompiledDerived[];
  root: CompiledItem;
  /** Every item, parents before children, for look-ups by id. */
  items: CompiledItem[];
  labels: Map<string, Localized>;
  units: Map<string, string | undefined>;
  kinds: Map<string, 'input' | 'derived' | 'parameter'>;
}

const constant = (value: Value): Evaluate => () => value;

/**
 * Resolves names, type-checks every expression, orders derived quantities and turns expressions
 * into closures over a slot array, so evaluating a subject is array reads and function calls.
 * Problems are collected with their paths; the caller refuses the rule set when there are any.
 */
export function compileRuleSet(ruleSet: RuleSet, problems: Problem[]): CompiledRuleSet {
  const entries = new Map<string, ScopeEntry>();
  const labels = new Map<string, Localized>();
  const units = new Map<string, string | undefined>();
  const kinds = new Map<string, 'input' | 'derived' | 'parameter'>();
  const parameterSlots: { slot: number; value: Value }[] = [];
  const inputSlots: NameSlot[] = [];
  let nextSlot = 1;

  const declare = (name: string, path: string, kind: 'input' | 'derived' | 'parameter', type: ValueType): number | undefined => {
    if (RESERVED.has(name)) {
      problems.push({ path, message: `'${name}' is a reserved word` });
      return undefined;
    }
    if (entries.has(name)) {
      problems.push({ path, message: `'${name}' is already declared as a ${kinds.get(name)}` });
      return undefined;
    }
    const slot = nextSlot++;
    entries.set(name, { slot, type });
    kinds.set(name, kind);
    return slot;
  };

  for (const [name, parameter] of Object.entries(ruleSet.parameters)) {
    const slot = declare(name, `parameters.${name}`, 'parameter', typeof parameter.value === 'boolean' ? BOOLEAN : NUMBER);
    if (slot === undefined) continue;
    parameterSlots.push({ slot, value: parameter.value });
    labels.set(name, parameter.label);
    units.set(name, parameter.unit);
  }
  for (const [name, input] of Object.entries(ruleSet.inputs)) {
    const type: ValueType =
      input.type === 'number' ? NUMBER : input.type === 'boolean' ? BOOLEAN : input.type === 'series' ? SERIES : { kind: 'enum', values: input.values };
    const slot = declare(name, `inputs.${name}`, 'input', type);
    if (slot === undefined) continue;
    inputSlots.push({ name, slot });
    labels.set(name, input.label);
    units.set(name, input.type === 'number' || input.type === 'series' ? input.unit : undefined);
  }

  // Derived quantities may use each other; declare them in dependency order and report cycles.
  const derived: CompiledDerived[] = [];
  const derivedInputs = new Map<string, Set<string>>();
  const derivedDerived = new Map<string, Set<string>>();
  const pending = new Map(Object.entries(ruleSet.derived));
  const visiting = new Set<string>();
  const compileDerived = (name: string): void => {
    const definition = pending.get(name);
    if (!definition) return;
    const path = `derived.${name}.expr`;
    if (visiting.has(name)) {
      problems.push({ path, message: `'${name}' depends on itself` });
      pending.delete(name);
      return;
    }
    visiting.add(name);
    let ast;
    try {
      ast = parseExpression(definition.expr);
    } catch (error) {
      problems.push({ path, message: describeError(error, definition.expr) });
      pending.delete(name);
      visiting.delete(name);
      return;
    }
    const referencesDerived: Scope = (n) => {
      if (pending.has(n)) compileDerived(n);
      return entries.get(n);
    };
    const compiled = tryCompile(ast, referencesDerived, definition.expr, path, problems);
    visiting.delete(name);
    pending.delete(name);
    if (!compiled) return;
    const slot = declare(name, `derived.${name}`, 'derived', compiled.type);
    if (slot === undefined) return;
    derived.push({ name, slot, evaluate: compiled.evaluate, type: compiled.type });
    labels.set(name, definition.label);
    units.set(name, definition.unit);
    const rawInputs = new Set<string>();
    const usedDerived = new Set<string>();
    for (const used of compiled.names) {
      if (kinds.get(used) === 'input') rawInputs.add(used);
      if (kinds.get(used) === 'derived') {
        usedDerived.add(used);
        for (const inner of derivedInputs.get(used) ?? []) rawInputs.add(inner);
        for (const inner of derivedDerived.get(used) ?? []) usedDerived.add(inner);
      }
    }
    derivedInputs.set(name, rawInputs);
    derivedDerived.set(name, usedDerived);
  };
  for (const name of [...pending.keys()]) compileDerived(name);

  const scope: Scope = (name) => entries.get(name);
  const slotOf = (name: string): NameSlot => ({ name, slot: entries.get(name)!.slot });

  const seenIds = new Map<string, string>();
  const allItems: CompiledItem[] = [];

  const compileItem = (item: RuleItem, path: string, idPath: string): CompiledItem => {
    const reads = new Set<string>();
    /** `track: false` for expressions that describe the item rather than score it (its target). */
    const expression = (source: string | number | boolean, at: string, expected: Expected, extraScope?: Scope, track = true): Evaluate => {
      if (typeof source !== 'string') {
        if ((expected === 'number' && typeof source !== 'number') || (expected === 'boolean' && typeof source !== 'boolean')) {
          problems.push({ path: at, message: `expected a ${expected}` });
        }
        return constant(source);
      }
      let ast;
      try {
        ast = parseExpression(source);
      } catch (error) {
        problems.push({ path: at, message: describeError(error, source) });
        return constant(0);
      }
      const compiled = tryCompile(ast, extraScope ?? scope, source, at, problems);
      if (!compiled) return constant(0);
      for (const literalProblem of enumLiteralProblems(ast, extraScope ?? scope)) problems.push({ path: at, message: literalProblem });
      if (!typeMatches(compiled, expected)) {
        problems.push({ path: at, message: `expected a ${expected} expression, got ${compiled.type.kind}` });
      }
      if (track) for (const name of compiled.names) if (name !== 'value') reads.add(name);
      return compiled.evaluate;
    };

    /** `target` and `better` say what a numeric value aims at; they never change the score. */
    const compileAim = (aimed: Extract<RuleItem, { kind: 'formula' | 'bands' }>, into: CompiledItem, at: string, valueType: ValueType | undefined): void => {
      if (aimed.target === undefined && aimed.better === undefined) return;
      const field = aimed.target !== undefined ? 'target' : 'better';
      if (valueType === undefined) {
        problems.push({ path: `${at}.${field}`, message: `${field} describes the item's value: add a value` });
        return;
      }
      if (valueType.kind !== 'number') {
        problems.push({ path: `${at}.${field}`, message: `${field} needs a number value, but the value is a ${valueType.kind}` });
        return;
      }
      into.better = aimed.better;
      if (aimed.target === undefined) return;
      into.target = expression(aimed.target, `${at}.target`, 'number', undefined, false);
      // Units are labels, so only a bare name with a declared unit can be held to the value's unit.
      const unit = typeof aimed.target === 'string' && entries.has(aimed.target.trim()) ? units.get(aimed.target.trim()) : undefined;
      if (unit && aimed.valueUnit && unit !== aimed.valueUnit) {
        problems.push({ path: `${at}.target`, message: `the target is in ${unit}, but the value is in ${aimed.valueUnit}` });
      }
    };

    if (seenIds.has(item.id)) problems.push({ path: `${path}.id`, message: `item id '${item.id}' is also used at ${seenIds.get(item.id)}` });
    else seenIds.set(item.id, path);

    const compiled: CompiledItem = {
      item,
      path: idPath,
      valueUnit: 'valueUnit' in item ? item.valueUnit : undefined,
      reads: [],
      needs: [],
      derivedNeeds: [],
      weight: expression(item.weight, `${path}.weight`, 'number'),
      floor: item.floor === undefined ? undefined : expression(item.floor, `${path}.floor`, 'number'),
      cap: item.cap === undefined ? undefined : expression(item.cap, `${path}.cap`, 'number'),
      zeroWhen: (item.zeroWhen ?? []).map((rule, i) => ({ when: expression(rule.when, `${path}.zeroWhen[${i}].when`, 'boolean'), reason: rule.reason })),
      children: [],
    };
    allItems.push(compiled);

    switch (item.kind) {
      case 'formula': {
        if (item.value === undefined && item.score === undefined) problems.push({ path, message: 'a formula needs a value, a score, or both' });
        let valueType: ValueType = NUMBER;
        if (item.value !== undefined) {
          compiled.value = expression(item.value, `${path}.value`, item.score === undefined ? 'number' : 'any');
          valueType = typeOf(item.value, scope) ?? NUMBER;
        }
        if (item.score !== undefined) {
          const withValue: Scope = (name) => (name === 'value' && item.value !== undefined ? { slot: VALUE_SLOT, type: valueType } : scope(name));
          compiled.score = expression(item.score, `${path}.score`, 'number', withValue);
        }
        compileAim(item, compiled, path, item.value === undefined ? undefined : valueType);
        break;
      }
      case 'bands':
        compiled.value = expression(item.value, `${path}.value`, 'number');
        compileAim(item, compiled, path, NUMBER);
        compiled.bands = item.bands.map((band, i) => ({
          op: band.op,
          bound: expression(band.bound, `${path}.bands[${i}].bound`, 'number'),
          score: expression(band.score, `${path}.bands[${i}].score`, 'number'),
        }));
        compiled.otherwise = expression(item.otherwise, `${path}.otherwise`, 'number');
        break;
      case 'table': {
        compiled.value = expression(item.value, `${path}.value`, 'enum');
        compiled.table = new Map(Object.entries(item.table).map(([key, score]) => [key, expression(score, `${path}.table.${key}`, 'number')]));
        const type = typeOf(item.value, scope);
        if (type?.kind === 'enum') {
          for (const value of type.values) if (!compiled.table.has(value)) problems.push({ path: `${path}.table`, message: `no score for '${value}'` });
          for (const key of compiled.table.keys()) if (!type.values.includes(key)) problems.push({ path: `${path}.table.${key}`, message: `'${key}' is not a value of ${item.value}` });
        }
        break;
      }
      case 'deduction':
        compiled.count = expression(item.count, `${path}.count`, 'numberOrBoolean');
        compiled.countIsBoolean = typeOf(item.count, scope)?.kind === 'boolean';
        compiled.points = expression(item.points, `${path}.points`, 'number');
        compiled.oncePerItem = expression(item.oncePerItem, `${path}.oncePerItem`, 'boolean');
        compiled.limit = item.limit === undefined ? undefined : expression(item.limit, `${path}.limit`, 'number');
        compiled.repeatWhen = item.repeatWhen === undefined ? undefined : expression(item.repeatWhen, `${path}.repeatWhen`, 'boolean');
        compiled.repeatMultiplier = expression(item.repeatMultiplier, `${path}.repeatMultiplier`, 'number');
        break;
      case 'flag':
        compiled.when = expression(item.when, `${path}.when`, 'boolean');
        compiled.points = expression(item.points, `${path}.points`, 'number');
        break;
      case 'block':
        compiled.base = expression(item.base, `${path}.base`, 'number');
        compiled.children = item.children.map((child, i) => compileItem(child, `${path}.children[${i}]`, `${idPath}.${child.id}`));
        checkBlockWeights(item, path, problems);
        break;
    }

    compiled.reads = [...reads].filter((name) => entries.has(name)).map(slotOf);
    const needs = new Set<string>();
    const derivedNeeds = new Set<string>();
    for (const name of reads) {
      if (kinds.get(name) === 'input') needs.add(name);
      if (kinds.get(name) === 'derived') {
        derivedNeeds.add(name);
        for (const inner of derivedInputs.get(name) ?? []) needs.add(inner);
        for (const inner of derivedDerived.get(name) ?? []) derivedNeeds.add(inner);
      }
    }
    compiled.needs = [...needs].map(slotOf);
    compiled.derivedNeeds = [...derivedNeeds].map(slotOf);
    return compiled;
  };

  const root = compileItem(ruleSet.root, 'root', ruleSet.root.id);

  for (const [i, reading] of ruleSet.readings.entries()) {
    if (reading.parameter && !Object.hasOwn(ruleSet.parameters, reading.parameter)) {
      problems.push({ path: `readings[${i}].parameter`, message: `no parameter named '${reading.parameter}'` });
    }
  }
  for (const item of allItems) {
    for (const [i, declaration] of (item.item.monotone ?? []).entries()) {
      const input = ruleSet.inputs[declaration.input];
      if (!input || input.type !== 'number') {
        problems.push({ path: `${item.path}.monotone[${i}].input`, message: `'${declaration.input}' is not a number input` });
      }
    }
  }
  for (let i = 1; i < ruleSet.grades.length; i++) {
    if (ruleSet.grades[i]!.min >= ruleSet.grades[i - 1]!.min) {
      problems.push({ path: `grades[${i}].min`, message: 'grades must be listed from the highest minimum down' });
    }
  }

  return { ruleSet, slotCount: nextSlot, parameterSlots, inputSlots, derived, root, items: allItems, labels, units, kinds };
}

function checkBlockWeights(block: Extract<RuleItem, { kind: 'block' }>, path: string, problems: Problem[]): void {
  const scoring = block.children.filter((child) => child.kind !== 'deduction' && child.kind !== 'flag');
  if (block.weightsSum !== undefined) {
    if (scoring.some((child) => typeof child.weight !== 'number')) {
      problems.push({ path: `${path}.weightsSum`, message: 'weights given as expressions cannot be checked against weightsSum' });
    } else {
      const sum = scoring.reduce((total, child) => total + (child.weight as number), 0);
      if (Math.abs(sum - block.weightsSum) > 1e-9) {
        problems.push({ path: `${path}.children`, message: `weights sum to ${round(sum)}, but weightsSum says ${block.weightsSum}` });
      }
    }
  }
  if (block.max !== undefined && typeof block.base === 'number') {
    const declared = scoring.every((child) => child.max !== undefined && typeof child.weight === 'number');
    if (declared) {
      const reachable = block.base + scoring.reduce((total, child) => total + child.max! * (child.weight as number), 0);
      const capped = typeof block.cap === 'number' && block.cap <= block.max;
      if (reachable > block.max + 1e-9 && !capped) {
        problems.push({ path: `${path}.max`, message: `children can reach ${round(reachable)}, more than max ${block.max}` });
      }
    }
  }
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

type Expected = ValueType['kind'] | 'any' | 'numberOrBoolean';

function typeMatches(compiled: Compiled, expected: Expected): boolean {
  if (expected === 'any') return true;
  if (expected === 'numberOrBoolean') return compiled.type.kind === 'number' || compiled.type.kind === 'boolean';
  return compiled.type.kind === expected;
}

function typeOf(source: string, scope: Scope): ValueType | undefined {
  try {
    return compileExpression(parseExpression(source), scope).type;
  } catch {
    return undefined;
  }
}

function tryCompile(ast: ReturnType<typeof parseExpression>, scope: Scope, source: string, path: string, problems: Problem[]): Compiled | undefined {
  try {
    return compileExpression(ast, scope);
  } catch (error) {
    problems.push({ path, message: describeError(error, source) });
    return undefined;
  }
}

function describeError(error: unknown, source: string): string {
  if (error instanceof ExpressionSyntaxError || error instanceof ExpressionTypeError) {
    return `${error.message} at column ${error.at + 1} in "${source}"`;
  }
  return error instanceof Error ? error.message : String(error);
}

