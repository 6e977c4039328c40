import type { RuleSet } from '../schema/rule-set';
import type { CompiledRuleSet } from './compile-rule-set';
import { loadRuleSetOrThrow } from './load';
import salesRepMonthly from '../../rules/sales-rep-monthly.json';

/** The rule sets Fieldkit ships, as data; each has its own worked-example tests in test/rules. */
const SOURCES: readonly unknown[] = [salesRepMonthly];

let cache: CompiledRuleSet[] | undefined;

function compiledBuiltIns(): CompiledRuleSet[] {
  cache ??= SOURCES.map((source) => loadRuleSetOrThrow(source));
  return cache;
}

export function listBuiltInRuleSets(): RuleSet[] {
  return compiledBuiltIns().map((compiled) => compiled.ruleSet);
}

export function getBuiltInRuleSet(id: string): CompiledRuleSet | undefined {
  return compiledBuiltIns().find((compiled) => compiled.ruleSet.id === id);
}
