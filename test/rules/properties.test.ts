import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listBuiltInRuleSets } from '../../lib/rules/built-in';
import { evaluate } from '../../lib/rules/evaluate';
import { parseRuleSet } from '../../lib/rules/load';
import type { ItemResult } from '../../lib/rules/assessment-schema';
import type { InputDefinition, RuleItem, RuleSet } from '../../lib/rules/rule-set-schema';
import { builtIn } from './helpers';
import { miniRuleSet } from './fixtures';

function valueFor(definition: InputDefinition): fc.Arbitrary<unknown> {
  switch (definition.type) {
    case 'number': {
      const min = definition.min ?? 0;
      const max = definition.max ?? (definition.unit === 'percent' ? 1.5 : definition.unit === 'count' || definition.unit === 'day' ? 40 : 2_000_000);
      return definition.integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...definition.values);
    case 'series': {
      const minLength = definition.minLength ?? 1;
      const element = fc.double({ min: definition.min ?? 0, max: definition.max ?? (definition.unit === 'percent' ? 1.5 : 10_000), noNaN: true });
      return fc.array(element, { minLength, maxLength: definition.maxLength ?? minLength + 6 });
    }
  }
}

function inputsFor(ruleSet: RuleSet): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(Object.entries(ruleSet.inputs).map(([name, definition]) => [name, valueFor(definition)])));
}

function walk(result: ItemResult, visit: (item: ItemResult) => void): void {
  visit(result);
  for (const child of result.children ?? []) walk(child, visit);
}

function definitions(item: RuleItem, into = new Map<string, RuleItem>()): Map<string, RuleItem> {
  into.set(item.id, item);
  if (item.kind === 'block') for (const child of item.children) definitions(child, into);
  return into;
}

function find(result: ItemResult, id: string): ItemResult | undefined {
  let found: ItemResult | undefined;
  walk(result, (item) => {
    if (item.id === id) found = item;
  });
  return found;
}

const RUNS = { numRuns: 200 };
// Explanations are tested elsewhere; these properties are about numbers.
const FAST = { explain: false };

describe.each(listBuiltInRuleSets().map((r) => [r.id, r] as const))('%s properties', (_id, ruleSet) => {
  const compiled = builtIn(ruleSet.id);
  const items = definitions(ruleSet.root);

  it('keeps every complete total inside its declared bounds', () => {
    fc.assert(
      fc.property(inputsFor(ruleSet), (inputs) => {
        const result = evaluate(compiled, inputs, FAST);
        if (result.total === null) return;
        if (ruleSet.bounds.min !== undefined) expect(result.total).toBeGreaterThanOrEqual(ruleSet.bounds.min);
        if (ruleSet.bounds.max !== undefined) expect(result.total).toBeLessThanOrEqual(ruleSet.bounds.max);
      }),
      RUNS,
    );
  });

  it('never lets deductions take an item below its floor, or a score above its cap or max', () => {
    fc.assert(
      fc.property(inputsFor(ruleSet), (inputs) => {
        walk(evaluate(compiled, inputs, FAST).root, (item) => {
          if (item.status !== 'ok' || item.score === null) return;
          const definition = items.get(item.id)!;
          if (typeof definition.floor === 'number') expect(item.score).toBeGreaterThanOrEqual(definition.floor);
          if (typeof definition.cap === 'number') expect(item.score).toBeLessThanOrEqual(definition.cap);
          if (definition.max !== undefined) expect(item.score).toBeLessThanOrEqual(definition.max + 1e-9);
          if (definition.kind === 'deduction') expect(item.score).toBeLessThanOrEqual(0);
        });
      }),
      RUNS,
    );
  });

  const monotone = [...items.values()].flatMap((item) => (item.monotone ?? []).map((declaration) => ({ item, ...declaration })));
  it.skipIf(monotone.length === 0).each(monotone.map((m) => [m.item.id, m.input, m.direction, m] as const))(
    'item %s is %s-%s as declared',
    (_item, _input, _direction, declaration) => {
      const definition = ruleSet.inputs[declaration.input]!;
      fc.assert(
        fc.property(inputsFor(ruleSet), valueFor(definition), valueFor(definition), (inputs, a, b) => {
          const [low, high] = (a as number) <= (b as number) ? [a, b] : [b, a];
          const lowItem = find(evaluate(compiled, { ...inputs, [declaration.input]: low }, FAST).root, declaration.item.id)!;
          const highItem = find(evaluate(compiled, { ...inputs, [declaration.input]: high }, FAST).root, declaration.item.id)!;
          if (lowItem.status !== 'ok' || highItem.status !== 'ok') return;
          if (declaration.direction === 'increasing') expect(highItem.score!).toBeGreaterThanOrEqual(lowItem.score! - 1e-9);
          else expect(highItem.score!).toBeLessThanOrEqual(lowItem.score! + 1e-9);
        }),
        { numRuns: 100 },
      );
    },
  );

  const aimed = [...items.values()]
    .filter((item): item is Extract<RuleItem, { kind: 'formula' | 'bands' }> => item.kind === 'formula' || item.kind === 'bands')
    .filter((item) => item.target !== undefined || item.better !== undefined);
  it.skipIf(aimed.length === 0).each(aimed.map((item) => [item.id, item] as const))('item %s: its target is a number and a better value never scores less', (_id, definition) => {
    fc.assert(
      fc.property(inputsFor(ruleSet), inputsFor(ruleSet), (a, b) => {
        const [first, second] = [a, b].map((inputs) => find(evaluate(compiled, inputs, FAST).root, definition.id)!);
        // Built-in targets are parameters, so they can always be computed.
        if (definition.target !== undefined) expect(Number.isFinite(first!.target)).toBe(true);
        if (!definition.better || first!.status !== 'ok' || second!.status !== 'ok') return;
        const [x, y] = [first!, second!].map((item) => item.value as number);
        const [better, worse] = (definition.better === 'higher' ? x! >= y! : x! <= y!) ? [first!, second!] : [second!, first!];
        expect(better.score!).toBeGreaterThanOrEqual(worse.score! - 1e-9);
      }),
      { numRuns: 100 },
    );
  });

  it('is deterministic and never throws, whatever the inputs', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Object.keys(ruleSet.inputs), 'stray'), fc.oneof(fc.double(), fc.boolean(), fc.string(), fc.constant(null), fc.array(fc.double()))), (inputs) => {
        expect(evaluate(compiled, inputs, FAST)).toEqual(evaluate(compiled, inputs, FAST));
      }),
      { numRuns: 100 },
    );
  });
});

describe('weights are checked to sum as declared', () => {
  const withWeights = (weights: number[], declared: number) => {
    const ruleSet = miniRuleSet() as unknown as { root: { weightsSum: number; max?: number; children: { weight: number; kind: string }[] } };
    delete ruleSet.root.max;
    ruleSet.root.weightsSum = declared;
    const scoring = ruleSet.root.children.filter((child) => child.kind !== 'deduction');
    scoring.forEach((child, i) => (child.weight = weights[i]!));
    return parseRuleSet(ruleSet);
  };
  const weights = fc.array(fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000), { minLength: 3, maxLength: 3 });

  it('accepts weights that sum to the declared total', () => {
    fc.assert(
      fc.property(weights, (w) => {
        expect(withWeights(w, w[0]! + w[1]! + w[2]!).ok).toBe(true);
      }),
    );
  });

  it('rejects weights that do not, naming the block', () => {
    fc.assert(
      fc.property(weights, fc.integer({ min: 1, max: 500 }), (w, off) => {
        const result = withWeights(w, w[0]! + w[1]! + w[2]! + off / 1000);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.errors.map((e) => e.path)).toContain('root.children');
      }),
    );
  });
});
