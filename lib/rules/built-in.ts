import type { RuleSet } from './rule-set-schema';
import type { CompiledRuleSet } from './compile-rule-set';
import { loadRuleSetOrThrow } from './load';
import salesRepMonthly from '../../rules/sales-rep-monthly.json';
import salesRepAnnual from '../../rules/sales-rep-annual.json';
import regionalManagerMonthly from '../../rules/regional-manager-monthly.json';
import dealerKpi from '../../rules/dealer-kpi.json';
import dealerIncentive from '../../rules/dealer-incentive.json';
import dealerQuarterly from '../../rules/dealer-quarterly.json';
import warnings from '../../rules/warnings.json';
import customerGrade from '../../rules/customer-grade.json';
import retailGuidance from '../../rules/retail-guidance.json';

/** The rule sets Fieldkit ships, as data; each has its own worked-example tests in test/rules. */
const SOURCES: readonly unknown[] = [
  salesRepMonthly,
  salesRepAnnual,
  regionalManagerMonthly,
  dealerKpi,
  dealerIncentive,
  dealerQuarterly,
  warnings,
  customerGrade,
  retailGuidance,
];

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
