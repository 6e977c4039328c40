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
 * How deep a rule-set file may nest, counted in JSON levels (a block inside a block adds two:
 * `children` and the item). Real rule sets nest a few blocks; a crafted file nested 1,000 deep
 * would otherwise exhaust the stack of every recursive pass (the schema, the compiler, the form).
 */
export const MAX_RULE_SET_DEPTH = 40;

export type RuleSetShapeProblem =
  | { kind: 'tooDeep'; path: string; limit: number }
  | { kind: 'notList'; path: string; field: 'children' | 'bands' }
  | { kind: 'notObject'; path: string };

/**
 * Checks what the editor's form and the compiler walk before they walk it: a JSON object, no
 * deeper than MAX_RULE_SET_DEPTH, and every `children` and `bands` a list. Iterative, so a
 * file of any depth is measured without recursion. Everything else is left to the schema, whose
 * messages name each field.
 */
export function ruleSetShapeProblem(data: unknown): RuleSetShapeProblem | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { kind: 'notObject', path: '' };
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (path.length > MAX_RULE_SET_DEPTH) return { kind: 'tooDeep', path: formatPath(path.slice(0, 12)) + (path.length > 12 ? '…' : ''), limit: MAX_RULE_SET_DEPTH };
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((entry, index) => stack.push({ value: entry, path: [...path, index] }));
      continue;
    }
    for (const [key, entry] of Object.entries(value)) {
      if ((key === 'children' || key === 'bands') && !Array.isArray(entry)) {
        return { kind: 'notList', path: formatPath([...path, key]), field: key };
      }
      stack.push({ value: entry, path: [...path, key] });
    }
  }
  return undefined;
}

/** The shape problem as the loader reports it (English; the editor shows its own words). */
export function describeShapeProblem(problem: RuleSetShapeProblem): Problem {
  switch (problem.kind) {
    case 'tooDeep':
      return { path: problem.path, message: `the file nests deeper than ${problem.limit} levels; a rule set nests a few blocks at most` };
    case 'notList':
      return { path: problem.path, message: `"${problem.field}" must be a list ([…])` };
    case 'notObject':
      return { path: '', message: 'a rule set must be a JSON object ({…})' };
  }
}

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
  const shape = ruleSetShapeProblem(data);
  if (shape) return { ok: false, errors: [describeShapeProblem(shape)] };
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
