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
import customerGradeV1 from '../../rules/customer-grade.v1.json';
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

/**
 * Earlier versions of built-in rule sets (`rules/<id>.v<n>.json`), never edited. A built-in that
 * changes what it computes gets a new version; the old one stays here, because built-ins are not
 * written to the database and a stored score names (id, version) and must always find its rules.
 */
const SUPERSEDED: readonly unknown[] = [customerGradeV1];

interface BuiltIns {
  current: CompiledRuleSet[];
  /** Every shipped version, current and superseded: ids in shipping order, versions oldest first. */
  all: CompiledRuleSet[];
}

let cache: BuiltIns | undefined;

function compiledBuiltIns(): BuiltIns {
  cache ??= compile();
  return cache;
}

function compile(): BuiltIns {
  const current = SOURCES.map((source) => loadRuleSetOrThrow(source));
  const superseded = SUPERSEDED.map((source) => loadRuleSetOrThrow(source));
  checkVersions(current, superseded);
  // In shipping order (hosts list rule sets in it), each id's versions oldest first.
  const all = current.flatMap((latest) => [
    ...superseded.filter((old) => old.ruleSet.id === latest.ruleSet.id).sort((a, b) => a.ruleSet.version - b.ruleSet.version),
    latest,
  ]);
  return { current, all };
}

/** A superseded version must be older than the shipped one of its id, and no (id, version) twice. */
export function checkVersions(current: readonly CompiledRuleSet[], superseded: readonly CompiledRuleSet[]): void {
  const latest = new Map<string, number>();
  for (const { ruleSet } of current) {
    if (latest.has(ruleSet.id)) throw new Error(`built-in rule set ${ruleSet.id} is shipped twice`);
    latest.set(ruleSet.id, ruleSet.version);
  }
  const seen = new Set<string>();
  for (const { ruleSet } of superseded) {
    const key = `${ruleSet.id}@${ruleSet.version}`;
    const newest = latest.get(ruleSet.id);
    if (newest === undefined) throw new Error(`superseded rule set ${key} has no current version`);
    if (ruleSet.version >= newest) throw new Error(`superseded rule set ${key} is not older than the current version ${newest}`);
    if (seen.has(key)) throw new Error(`superseded rule set ${key} is kept twice`);
    seen.add(key);
  }
}

/** The current version of every built-in rule set (what scores new subjects). */
export function listBuiltInRuleSets(): RuleSet[] {
  return compiledBuiltIns().current.map((compiled) => compiled.ruleSet);
}

/** Every version Fieldkit has shipped, current and superseded, so past scores find their rules. */
export function listBuiltInVersions(): RuleSet[] {
  return compiledBuiltIns().all.map((compiled) => compiled.ruleSet);
}

/** The current version of a built-in, or the given version when it is one Fieldkit has shipped. */
export function getBuiltInRuleSet(id: string, version?: number): CompiledRuleSet | undefined {
  const { current, all } = compiledBuiltIns();
  if (version === undefined) return current.find((compiled) => compiled.ruleSet.id === id);
  return all.find((compiled) => compiled.ruleSet.id === id && compiled.ruleSet.version === version);
}
