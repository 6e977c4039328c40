/** The public face of the rules engine; hosts (options page, background, CLI) import from here. */
export { parseRuleSet, loadRuleSetOrThrow, type LoadResult } from './load';
export { evaluate, type EvaluateOptions } from './evaluate';
export { compileTotals, evaluateTotals, type ScoreTotals, type TotalsResult } from './totals';
export { checkInputs, coerceText, type CheckedInputs, type InputProblem } from './inputs';
export { diffRuleSets, type RuleSetChange } from './diff';
export { proposeRuleSet, activeRuleSet, findVersion, activateVersion, nextDraft, emptyLibrary, type RuleSetLibrary, type ProposeResult } from './store';
export { listBuiltInRuleSets, listBuiltInVersions, getBuiltInRuleSet } from './built-in';
export { toAssessmentResult } from './assessment';
export type { CompiledRuleSet } from './compile-rule-set';
export type { Problem } from './problems';
export { FUNCTIONS } from './expr/functions';
