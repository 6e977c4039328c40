import { describe, expect, it } from 'vitest';
import { parseRuleSet } from '../../lib/rules/load';
import { miniRuleSet } from './fixtures';

type Mutable = ReturnType<typeof miniRuleSet> & Record<string, unknown>;
function edited(change: (ruleSet: Mutable) => void): unknown {
  const ruleSet = structuredClone(miniRuleSet()) as Mutable;
  change(ruleSet);
  return ruleSet;
}
function errorsOf(source: unknown) {
  const result = parseRuleSet(source);
  if (result.ok) throw new Error('expected the rule set to be rejected');
  return result.errors;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const children = (ruleSet: Mutable) => (ruleSet.root as any).children;

describe('parseRuleSet', () => {
  it('accepts a valid rule set and fills defaults', () => {
    const result = parseRuleSet(miniRuleSet());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.ruleSet.rounding).toEqual({ decimals: 1, mode: 'halfUp' });
      expect(result.ruleSet.root.weight).toBe(1);
    }
  });

  it('accepts JSON text and reports broken JSON', () => {
    expect(parseRuleSet(JSON.stringify(miniRuleSet())).ok).toBe(true);
    expect(errorsOf('{ "id": ')[0]!.message).toMatch(/not valid JSON/);
  });

  it('reports every structural problem with its path', () => {
    const errors = errorsOf(
      edited((r) => {
        r.version = 0;
        r.effectiveFrom = '2026-13-01';
        children(r)[0].weight = 'not a (';
        children(r)[1].bands[0].op = '=<';
      }),
    );
    const paths = errors.map((e) => e.path);
    expect(paths).toContain('version');
    expect(paths).toContain('effectiveFrom');
    expect(paths).toContain('root.children[1].bands[0].op');
  });

  it('reports expression problems with the path, the column and the source', () => {
    const errors = errorsOf(
      edited((r) => {
        children(r)[0].score = 'min(100, value * )';
        children(r)[1].value = 'changeRate and 1';
        r.derived = { completion: { expr: 'actual / targt', label: { en: 'c', 'zh-CN': 'c' } } };
      }),
    );
    expect(errors).toContainEqual({ path: 'derived.completion.expr', message: expect.stringMatching(/unknown name 'targt' at column 10/) });
    expect(errors).toContainEqual({ path: 'root.children[1].value', message: expect.stringMatching(/'and' needs a boolean/) });
    // The sales item cannot compile because `completion` failed; its own syntax error is reported too.
    expect(errors.some((e) => e.path === 'root.children[0].score' && /unexpected '\)'/.test(e.message))).toBe(true);
  });

  it('checks that weights sum as declared', () => {
    const errors = errorsOf(edited((r) => (children(r)[0].weight = 0.5)));
    expect(errors).toContainEqual({ path: 'root.children', message: 'weights sum to 0.9, but weightsSum says 1' });
  });

  it('checks that children cannot exceed the declared maximum', () => {
    const errors = errorsOf(
      edited((r) => {
        delete (r.root as { weightsSum?: number }).weightsSum;
        children(r)[2].weight = 0.4;
      }),
    );
    expect(errors).toContainEqual({ path: 'root.max', message: 'children can reach 120, more than max 100' });
  });

  it('requires a grade table to cover exactly the values of its enum', () => {
    const errors = errorsOf(edited((r) => (children(r)[2].table = { 优: 100, 良: 80, 中: 60, 劣: 0 })));
    expect(errors).toContainEqual({ path: 'root.children[2].table', message: "no score for '差'" });
    expect(errors).toContainEqual({ path: 'root.children[2].table.劣', message: "'劣' is not a value of feedback" });
  });

  it('rejects enum comparisons with a value the enum does not have', () => {
    const errors = errorsOf(edited((r) => (children(r)[0].zeroWhen = [{ when: "feedback == '很好'", reason: { en: 'x', 'zh-CN': 'x' } }])));
    expect(errors[0]!.message).toMatch(/'很好' is not a value of feedback/);
  });

  it('rejects duplicate names, duplicate item ids and cycles in derived quantities', () => {
    const errors = errorsOf(
      edited((r) => {
        r.parameters = { actual: { value: 1, label: { en: 'x', 'zh-CN': 'x' } } };
        children(r)[1].id = 'sales';
        r.derived = {
          completion: { expr: 'loopB + 1', label: { en: 'a', 'zh-CN': 'a' } },
          loopB: { expr: 'completion * 2', label: { en: 'b', 'zh-CN': 'b' } },
        };
      }),
    );
    const messages = errors.map((e) => `${e.path}: ${e.message}`);
    expect(messages).toContain("inputs.actual: 'actual' is already declared as a parameter");
    expect(messages.some((m) => m.startsWith('root.children[1].id: item id \'sales\''))).toBe(true);
    expect(messages.some((m) => /depends on itself/.test(m))).toBe(true);
  });

  it('rejects grades that are not listed from the highest down', () => {
    const errors = errorsOf(edited((r) => (r.grades = [{ min: 60, grade: 'C' }, { min: 90, grade: 'A' }])));
    expect(errors).toContainEqual({ path: 'grades[1].min', message: 'grades must be listed from the highest minimum down' });
  });

  it('rejects samples whose inputs do not fit, naming the field', () => {
    const errors = errorsOf(edited((r) => (r.samples = [{ name: 's', inputs: { actual: 'lots', feedback: '好' } }])));
    expect(errors).toContainEqual({ path: 'samples[0].inputs.actual', message: 'expected a number, got "lots"' });
    expect(errors).toContainEqual({ path: 'samples[0].inputs.feedback', message: 'expected one of 优, 良, 中, 差, got "好"' });
  });

  it('evaluates parameter checks: warnings pass, errors reject', () => {
    const warn = parseRuleSet(edited((r) => (r.checks = [{ when: 'breachPoints > 2', level: 'warning', message: { en: 'high', 'zh-CN': '高' } }])));
    expect(warn.ok && warn.warnings).toEqual([{ path: 'checks[0]', message: 'high' }]);
    const fail = errorsOf(edited((r) => (r.checks = [{ when: 'breachPoints > 2', level: 'error', message: { en: 'too high', 'zh-CN': '太高' } }])));
    expect(fail).toEqual([{ path: 'checks[0]', message: 'too high' }]);
    const inputInCheck = errorsOf(edited((r) => (r.checks = [{ when: 'actual > 2', level: 'error', message: { en: 'x', 'zh-CN': 'x' } }])));
    expect(inputInCheck[0]!.message).toMatch(/checks may use parameters only/);
  });

  describe('KPI target and direction', () => {
    const withAim = (change: (sales: Record<string, unknown>, changes: Record<string, unknown>, r: Mutable) => void) =>
      edited((r) => {
        r.parameters = { ...r.parameters, completionGoal: { value: 0.95, unit: 'percent', label: { en: 'Completion goal', 'zh-CN': '完成率目标' } } };
        change(children(r)[0], children(r)[1], r);
      });

    it('accepts a target (parameter, expression or number) and a direction on formula and bands items', () => {
      const result = parseRuleSet(
        withAim((sales, changes) => {
          Object.assign(sales, { target: 'completionGoal', better: 'higher' });
          Object.assign(changes, { target: '18%', better: 'lower' });
        }),
      );
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.compiled.items.map((item) => item.better)).toEqual([undefined, 'higher', 'lower', undefined, undefined]);
      expect(parseRuleSet(withAim((sales) => Object.assign(sales, { target: 'completionGoal * 0.9' }))).ok).toBe(true);
      expect(parseRuleSet(withAim((sales) => Object.assign(sales, { target: 1 }))).ok).toBe(true);
      expect(parseRuleSet(withAim((sales) => Object.assign(sales, { better: 'lower' }))).ok).toBe(true);
    });

    it('rejects a target that is not a number, naming the path', () => {
      expect(errorsOf(withAim((sales) => (sales.target = 'breaches > 1')))).toEqual([
        { path: 'root.children[0].target', message: 'expected a number expression, got boolean' },
      ]);
      expect(errorsOf(withAim((sales) => (sales.target = 'feedback')))).toEqual([{ path: 'root.children[0].target', message: 'expected a number expression, got enum' }]);
      expect(errorsOf(withAim((sales) => (sales.target = true)))).toEqual([expect.objectContaining({ path: 'root.children[0].target' })]);
    });

    it('rejects an unknown name or a syntax error in a target, naming the path and the column', () => {
      expect(errorsOf(withAim((sales) => (sales.target = 'completionGaol')))).toEqual([
        { path: 'root.children[0].target', message: expect.stringMatching(/unknown name 'completionGaol' at column 1/) },
      ]);
      expect(errorsOf(withAim((_sales, changes) => (changes.target = 'min(18%, )')))).toEqual([
        { path: 'root.children[1].target', message: expect.stringMatching(/at column \d+ in "min\(18%, \)"/) },
      ]);
      // A target describes the value; it cannot read the item's own value.
      expect(errorsOf(withAim((sales) => (sales.target = 'value')))[0]).toMatchObject({ path: 'root.children[0].target', message: expect.stringMatching(/unknown name 'value'/) });
    });

    it('rejects a direction other than higher or lower', () => {
      expect(errorsOf(withAim((sales) => (sales.better = 'up'))).map((e) => e.path)).toEqual(['root.children[0].better']);
    });

    it('rejects a target whose unit differs from the value’s', () => {
      expect(
        errorsOf(
          withAim((sales, _changes, r) => {
            r.parameters!.completionGoal!.unit = 'CNY';
            sales.target = 'completionGoal';
          }),
        ),
      ).toEqual([{ path: 'root.children[0].target', message: 'the target is in CNY, but the value is in percent' }]);
    });

    it('needs a numeric value to aim at', () => {
      const noValue = withAim((sales) => {
        delete sales.value;
        sales.score = 'min(100, actual / target * 100)';
        sales.target = 'completionGoal';
      });
      expect(errorsOf(noValue)).toEqual([{ path: 'root.children[0].target', message: "target describes the item's value: add a value" }]);
      const booleanValue = withAim((sales) => {
        sales.value = 'actual >= target';
        sales.score = 'if(value, 100, 0)';
        sales.better = 'higher';
      });
      expect(errorsOf(booleanValue)).toEqual([{ path: 'root.children[0].better', message: 'better needs a number value, but the value is a boolean' }]);
    });
  });

  it('never needs eval: the engine source contains no eval or Function constructor', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const collect = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) collect(path);
        else if (path.endsWith('.ts')) files.push(path);
      }
    };
    collect('lib/rules');
    for (const file of files) expect(readFileSync(file, 'utf8')).not.toMatch(/\beval\s*\(|new\s+Function\b/);
  });
});
