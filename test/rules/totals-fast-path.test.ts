import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listBuiltInRuleSets } from '../../lib/rules/built-in';
import type { CompiledRuleSet } from '../../lib/rules/compile-rule-set';
import { evaluate } from '../../lib/rules/evaluate';
import { compileTotals, evaluateTotals, type TotalsResult } from '../../lib/rules/index';
import { parseRuleSet } from '../../lib/rules/load';
import type { InputDefinition, RuleSet, RuleSetInput } from '../../lib/rules/rule-set-schema';
import { miniRuleSet } from './fixtures';
import { builtIn } from './helpers';

/**
 * The totals-only fast path must say exactly what `evaluate` says about total, grade and partial,
 * for any inputs at all: valid ones (biased to zeros and bounds, where divisions fail and floors
 * and caps bite), missing ones (null, undefined, absent), out-of-range and wrongly typed ones.
 */

const ABSENT = Symbol('absent');

function validValue(definition: InputDefinition): fc.Arbitrary<unknown> {
  switch (definition.type) {
    case 'number': {
      const min = definition.min ?? -1000;
      const max = definition.max ?? (definition.unit === 'percent' ? 1.5 : definition.unit === 'count' || definition.unit === 'day' ? 40 : 2_000_000);
      const edges = [min, max, 0, 1, 2].filter((n) => n >= min && n <= max && (!definition.integer || Number.isInteger(n)));
      const spread = definition.integer
        ? fc.integer({ min: Math.ceil(Math.max(min, -1e6)), max: Math.floor(Math.min(max, 1e6)) })
        : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
      return edges.length ? fc.oneof(fc.constantFrom(...edges), spread) : spread;
    }
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...definition.values);
    case 'series': {
      const min = definition.min ?? 0;
      const max = definition.max ?? (definition.unit === 'percent' ? 1.5 : 10_000);
      const element = fc.oneof(fc.constant(0), fc.constant(min), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
      const minLength = definition.minLength ?? 0;
      return fc.array(element, { minLength, maxLength: definition.maxLength ?? minLength + 6 });
    }
  }
}

function invalidValue(definition: InputDefinition): fc.Arbitrary<unknown> {
  const anyType = fc.oneof(fc.constant(null), fc.constant(undefined), fc.constant(ABSENT), fc.string({ maxLength: 3 }), fc.boolean(), fc.double(), fc.constant({}));
  switch (definition.type) {
    case 'number': {
      const outside: unknown[] = [Number.NaN, Infinity, -Infinity, '1'];
      if (definition.min !== undefined) outside.push(definition.min - 1, definition.min - 1e-9);
      if (definition.max !== undefined) outside.push(definition.max + 1, definition.max + 1e-9);
      if (definition.integer) outside.push(0.5, 1.25);
      return fc.oneof(anyType, fc.constantFrom(...outside));
    }
    case 'series': {
      const min = definition.min ?? 0;
      const gaps = fc.array(fc.oneof(fc.constant(null), fc.double({ min, max: min + 100, noNaN: true })), { minLength: 1, maxLength: 8 });
      // Holes (sparse arrays) are not gaps: checkInputs lets them through, and so must the fast path.
      const holes = fc.array(fc.double({ min, max: min + 100, noNaN: true }), { minLength: 2, maxLength: 8 }).map((values) => {
        const sparse = [...values];
        delete sparse[0];
        return sparse;
      });
      const outside = fc.constantFrom([min - 1, min], [Number.NaN, min], [Infinity], ['1'], [undefined, min], new Array(definition.maxLength ?? 40).fill(min).concat([min]), []);
      return fc.oneof(anyType, gaps, holes, outside);
    }
    default:
      return fc.oneof(anyType, fc.constantFrom(1, 0, 'nope', '', true));
  }
}

/** Complete inputs, then a few of them replaced by something missing, invalid or absent. */
function inputsFor(ruleSet: RuleSet): fc.Arbitrary<Record<string, unknown>> {
  const names = Object.keys(ruleSet.inputs);
  const complete = fc.record(Object.fromEntries(names.map((name) => [name, validValue(ruleSet.inputs[name]!)])));
  const spoiler = fc.constantFrom(...names).chain((name) => invalidValue(ruleSet.inputs[name]!).map((value) => [name, value] as const));
  return fc.tuple(complete, fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.array(spoiler, { minLength: 1, maxLength: 3 }) }), fc.boolean()).map(
    ([values, spoilers, stray]) => {
      const inputs: Record<string, unknown> = { ...values };
      for (const [name, value] of spoilers) {
        if (value === ABSENT) delete inputs[name];
        else inputs[name] = value;
      }
      if (stray) inputs.strayColumn = 7;
      return inputs;
    },
  );
}

function treeTotals(compiled: CompiledRuleSet, inputs: Record<string, unknown>): TotalsResult {
  const { total, grade, partial } = evaluate(compiled, inputs, { explain: false });
  return { total, grade, partial };
}

function expectSame(compiled: CompiledRuleSet, fast: (inputs: Record<string, unknown>) => TotalsResult, inputs: Record<string, unknown>): void {
  const expected = treeTotals(compiled, inputs);
  const actual = fast(inputs);
  expect(actual).toEqual(expected);
  // toEqual tells 0 from -0 but spell it out: a missing input is never scored as 0.
  if (expected.partial) expect(actual.total).toBeNull();
}

describe.each(listBuiltInRuleSets().map((r) => [r.id, r] as const))('totals fast path: %s', (_id, ruleSet) => {
  const compiled = builtIn(ruleSet.id);
  const fast = compileTotals(compiled);

  it('agrees with evaluate on every sample', () => {
    for (const sample of ruleSet.samples) expectSame(compiled, fast, sample.inputs);
  });

  it('agrees with evaluate on random inputs, complete or not', () => {
    fc.assert(
      fc.property(inputsFor(ruleSet), (inputs) => expectSame(compiled, fast, inputs)),
      { numRuns: 400 },
    );
  });

  it('says partial (total null, never 0) when any one input is missing', () => {
    const sample = ruleSet.samples[0]?.inputs;
    if (!sample) return;
    for (const name of Object.keys(ruleSet.inputs)) {
      const inputs: Record<string, unknown> = { ...sample, [name]: null };
      expectSame(compiled, fast, inputs);
    }
  });

  it('agrees with evaluate when the parameters change', () => {
    const source = structuredClone(ruleSet) as RuleSet;
    const parameters = Object.entries(source.parameters).map(([name, parameter]) => {
      const value: fc.Arbitrary<number | boolean> =
        typeof parameter.value === 'boolean'
          ? fc.boolean()
          : fc.oneof(fc.constant(0), fc.constant(parameter.value), fc.integer({ min: Math.ceil(parameter.min ?? -50), max: Math.floor(Math.max(parameter.max ?? 200, parameter.min ?? 0)) }));
      return value.map((v) => [name, v] as const);
    });
    const variants = new Map<string, CompiledRuleSet | null>();
    fc.assert(
      fc.property(fc.tuple(...parameters), inputsFor(ruleSet), (values, inputs) => {
        const key = JSON.stringify(values);
        if (!variants.has(key)) {
          for (const [name, value] of values) source.parameters[name]!.value = value;
          const loaded = parseRuleSet(source);
          variants.set(key, loaded.ok ? loaded.compiled : null);
        }
        const variant = variants.get(key);
        if (!variant) return; // the rule set's own checks refuse these parameters
        expectSame(variant, compileTotals(variant), inputs);
      }),
      { numRuns: 150 },
    );
  });
});

const label = (en: string) => ({ en, 'zh-CN': en });

/**
 * Every kind of item and every optional part, with expressions where the built-ins use numbers:
 * input-dependent weights, floors, caps and bounds; item rounding; limits; zero rules that are
 * constantly false or true; derived quantities that fail (used and unused); scores that overflow.
 */
function everythingRuleSet(): RuleSetInput {
  return {
    id: 'everything',
    version: 1,
    effectiveFrom: '2026-01-01',
    name: label('Everything'),
    description: label('Every item kind and option'),
    subject: 'dealer',
    period: 'any',
    parameters: {
      points: { value: 3, label: label('Points') },
      perItem: { value: false, label: label('Per item') },
      limitAt: { value: 7, label: label('Limit') },
      never: { value: false, label: label('Never') },
    },
    inputs: {
      a: { type: 'number', label: label('A') },
      b: { type: 'number', min: 0, max: 10, label: label('B') },
      n: { type: 'number', min: 0, integer: true, label: label('N') },
      flag: { type: 'boolean', label: label('Flag') },
      level: { type: 'enum', values: ['hi', 'mid', 'lo'], label: label('Level') },
      months: { type: 'series', min: 0, minLength: 0, maxLength: 6, label: label('Months') },
    },
    derived: {
      ratio: { expr: 'a / b', label: label('Ratio') },
      unusedRatio: { expr: 'n / b', label: label('Unused ratio') },
      doubled: { expr: 'ratio * 2', label: label('Doubled') },
      constantDerived: { expr: 'points * 2', label: label('Constant derived') },
    },
    root: {
      kind: 'block',
      id: 'root',
      label: label('Root'),
      base: 'constantDerived - 6',
      rounding: { decimals: 2, mode: 'halfEven' },
      children: [
        { kind: 'formula', id: 'ratioScore', label: label('Ratio score'), value: 'doubled', score: 'value * 10', weight: 'b / 10', cap: 'a + 50', floor: -20, rounding: { decimals: 1, mode: 'floor' } },
        { kind: 'formula', id: 'overflow', label: label('Overflow'), score: 'a * a * a * 1e300', zeroWhen: [{ when: 'never', reason: label('never') }, { when: 'a < 1e-100 and a > -1e-100', reason: label('tiny') }] },
        { kind: 'formula', id: 'valueOnly', label: label('Value only'), value: 'clamp(a, -5, 5)', rounding: { decimals: 0, mode: 'ceil' } },
        { kind: 'formula', id: 'seriesScore', label: label('Series'), value: 'months', score: 'avg(value) + sum(last(value, 2)) + first(months)' },
        {
          kind: 'bands',
          id: 'bands',
          label: label('Bands'),
          value: 'a',
          bands: [
            { op: '>=', bound: 'b * 10', score: 'points * 10' },
            { op: '>', bound: 0, score: 5 },
            { op: '<', bound: 'b - 100', score: 'b / (b - 5)' },
          ],
          otherwise: 'n / (n - 3)',
          weight: 0.5,
        },
        { kind: 'table', id: 'table', label: label('Table'), value: 'level', table: { hi: 10, mid: 'b', lo: 'n / (b - 2)' }, rounding: { decimals: 0, mode: 'truncate' } },
        {
          kind: 'block',
          id: 'deductions',
          label: label('Deductions'),
          base: 'b * 3',
          floor: 0,
          zeroWhen: [{ when: '1 > 2', reason: label('never') }, { when: 'level == "lo" and flag', reason: label('low') }],
          children: [
            { kind: 'deduction', id: 'plain', label: label('Plain'), count: 'n', points: 'points' },
            { kind: 'deduction', id: 'limited', label: label('Limited'), count: 'n', points: 'b', oncePerItem: 'perItem', limit: 'limitAt', repeatWhen: 'flag', repeatMultiplier: 'b' },
            { kind: 'deduction', id: 'boolean', label: label('Boolean'), count: 'flag', points: 2, oncePerItem: true, repeatWhen: 'n > 2' },
            { kind: 'deduction', id: 'onceExpr', label: label('Once expression'), count: 'n', points: 1, oncePerItem: 'flag', limit: 'b / (n - 1)' },
            { kind: 'flag', id: 'raised', label: label('Raised'), when: 'flag and n > 1', points: 'a / n' },
            { kind: 'flag', id: 'constantFlag', label: label('Constant flag'), when: 'n >= 0', points: -1 },
          ],
        },
        { kind: 'block', id: 'alwaysZero', label: label('Always zero'), base: 'a / b', zeroWhen: [{ when: 'not never', reason: label('always') }], children: [] },
      ],
    },
    rounding: { decimals: 1, mode: 'halfUp' },
    grades: [
      { min: 50, grade: 'A' },
      { min: 0, grade: 'B' },
    ],
  };
}

describe('totals fast path: rule sets exercising every option', () => {
  const cases: [string, RuleSetInput][] = [
    ['everything', everythingRuleSet()],
    ['mini fixture', miniRuleSet()],
  ];
  it.each(cases)('%s agrees with evaluate on random inputs', (_name, source) => {
    const loaded = parseRuleSet(source);
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
    const fast = compileTotals(loaded.compiled);
    fc.assert(
      fc.property(inputsFor(loaded.ruleSet), (inputs) => expectSame(loaded.compiled, fast, inputs)),
      { numRuns: 2000 },
    );
  });

  it('reaches complete, failed and missing results alike (the random inputs are not all partial)', () => {
    const loaded = parseRuleSet(everythingRuleSet());
    if (!loaded.ok) throw new Error('invalid');
    const samples = fc.sample(inputsFor(loaded.ruleSet), { numRuns: 2000, seed: 7 });
    const results = samples.map((inputs) => evaluate(loaded.compiled, inputs, { explain: false }));
    const complete = results.filter((r) => !r.partial).length;
    const failed = results.filter((r) => r.partial && r.missing.length === 0).length;
    const missing = results.filter((r) => r.missing.length > 0).length;
    expect(complete).toBeGreaterThan(100);
    expect(failed).toBeGreaterThan(20);
    expect(missing).toBeGreaterThan(100);
  });

  it('evaluateTotals compiles once per rule set and gives the same answers', () => {
    const compiled = builtIn('sales-rep-monthly');
    const inputs = compiled.ruleSet.samples[0]!.inputs;
    expect(evaluateTotals(compiled, inputs)).toEqual(treeTotals(compiled, inputs));
    expect(evaluateTotals(compiled, { ...inputs, absentDays: null })).toEqual({ total: null, grade: null, partial: true });
  });
});
