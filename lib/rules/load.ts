import { RuleSet } from './rule-set-schema';
import { compileRuleSet, type CompiledRuleSet } from './compile-rule-set';
import { compileExpression } from './expr/compile';
import { parseExpression } from './expr/parser';
import { checkInputs } from './inputs';
import { formatPath, type Problem } from './problems';

export type LoadResult =
  | { ok: true; ruleSet: RuleSet; compiled: CompiledRuleSet; warnings: Problem[] }
  | { ok: false; errors: Problem[] };

/**
 * The one way a rule set gets in: JSON text or a parsed object → structural schema → names,
 * types and weights → parameter checks → sample inputs. Every problem is reported with its path;
 * any error means the caller keeps whatever version it had.
 */
export function parseRuleSet(source: unknown): LoadResult {
  let data = source;
  if (typeof source === 'string') {
    try {
      data = JSON.parse(source);
    } catch (error) {
      return { ok: false, errors: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }] };
    }
  }
  const parsed = RuleSet.safeParse(data);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })) };
  }
  const ruleSet = parsed.data;
  const errors: Problem[] = [];
  const compiled = compileRuleSet(ruleSet, errors);
  if (errors.length) return { ok: false, errors };

  const warnings: Problem[] = [];
  const slots = new Array(compiled.slotCount);
  for (const parameter of compiled.parameterSlots) slots[parameter.slot] = parameter.value;
  const parametersOnly = (name: string) => (compiled.kinds.get(name) === 'parameter' ? { slot: slotOfParameter(compiled, name), type: parameterType(ruleSet, name) } : undefined);
  for (const [i, check] of ruleSet.checks.entries()) {
    const path = `checks[${i}].when`;
    try {
      const condition = compileExpression(parseExpression(check.when), parametersOnly);
      if (condition.type.kind !== 'boolean') {
        errors.push({ path, message: 'expected a boolean expression over parameters' });
        continue;
      }
      if (condition.evaluate(slots)) (check.level === 'error' ? errors : warnings).push({ path: `checks[${i}]`, message: check.message.en });
    } catch (error) {
      errors.push({ path, message: `${(error as Error).message} (checks may use parameters only)` });
    }
  }
  for (const [i, sample] of ruleSet.samples.entries()) {
    for (const problem of checkInputs(ruleSet.inputs, sample.inputs).problems) {
      errors.push({ path: `samples[${i}].inputs.${problem.field}`, message: problem.message });
    }
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, ruleSet, compiled, warnings };
}

function slotOfParameter(compiled: CompiledRuleSet, name: string): number {
  const names = Object.keys(compiled.ruleSet.parameters);
  return compiled.parameterSlots[names.indexOf(name)]!.slot;
}

function parameterType(ruleSet: RuleSet, name: string) {
  return typeof ruleSet.parameters[name]!.value === 'boolean' ? ({ kind: 'boolean' } as const) : ({ kind: 'number' } as const);
}

/** For rule sets already known to be valid (built-ins, stored versions); throws with every problem otherwise. */
export function loadRuleSetOrThrow(source: unknown): CompiledRuleSet {
  const result = parseRuleSet(source);
  if (!result.ok) throw new Error(`invalid rule set:\n${result.errors.map((e) => `  ${e.path || '(root)'}: ${e.message}`).join('\n')}`);
  return result.compiled;
}
