import type { ItemResult, ScoreResult } from '../../lib/rules/assessment-schema';
import { getBuiltInRuleSet } from '../../lib/rules/built-in';
import { evaluate } from '../../lib/rules/evaluate';
import type { CompiledRuleSet } from '../../lib/rules/compile-rule-set';

export function builtIn(id: string): CompiledRuleSet {
  const compiled = getBuiltInRuleSet(id);
  if (!compiled) throw new Error(`no built-in rule set ${id}`);
  return compiled;
}

export function scoreWith(id: string, inputs: Record<string, unknown>): ScoreResult {
  return evaluate(builtIn(id), inputs);
}

/** The item at a dotted id path below the root, e.g. `dailyWork.dealerManagement`. */
export function itemAt(result: ScoreResult, path: string): ItemResult {
  let node = result.root;
  for (const id of path.split('.')) {
    const next = node.children?.find((child) => child.id === id);
    if (!next) throw new Error(`no item ${id} under ${node.path}`);
    node = next;
  }
  return node;
}
