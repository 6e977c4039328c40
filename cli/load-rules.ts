import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getBuiltInRuleSet } from '../lib/rules/built-in';
import type { CompiledRuleSet } from '../lib/rules/compile-rule-set';
import { parseRuleSet } from '../lib/rules/load';
import { UserError } from './io';

/** `--rules` takes a built-in id or a path to a rule-set JSON file. */
export function loadRules(reference: string, cwd: string): CompiledRuleSet {
  const builtIn = getBuiltInRuleSet(reference);
  if (builtIn) return builtIn;
  const path = resolve(cwd, reference);
  if (!existsSync(path)) throw new UserError(`no built-in rule set or file named "${reference}" (see: fieldkit rules list)`);
  const result = parseRuleSet(readFileSync(path, 'utf8'));
  if (!result.ok) {
    throw new UserError([`${reference}: invalid rule set`, ...result.errors.map((e) => `  ${e.path || '(root)'}: ${e.message}`)].join('\n'));
  }
  return result.compiled;
}
