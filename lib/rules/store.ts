import type { RuleSet } from './rule-set-schema';
import { diffRuleSets } from './diff';
import { parseRuleSet } from './load';
import type { Problem } from './problems';

/**
 * Every version ever accepted, by rule-set id, and which one is active. Versions are never
 * dropped: a stored score names (id, version) and must always find the rules it was computed with.
 * The host persists this object as it is (it is plain JSON).
 */
export interface RuleSetLibrary {
  versions: Record<string, RuleSet[]>;
  active: Record<string, number>;
}

export const emptyLibrary = (): RuleSetLibrary => ({ versions: {}, active: {} });

export type ProposeResult =
  | { ok: true; library: RuleSetLibrary; ruleSet: RuleSet; warnings: Problem[] }
  | { ok: false; library: RuleSetLibrary; errors: Problem[] };

/**
 * Validate, then activate. An invalid rule set changes nothing and comes back with every problem;
 * a valid one must carry a version above every stored version of its id (an identical re-import of
 * the active version is accepted as a no-op), so a past score's version is never overwritten.
 */
export function proposeRuleSet(library: RuleSetLibrary, source: unknown): ProposeResult {
  const loaded = parseRuleSet(source);
  if (!loaded.ok) return { ok: false, library, errors: loaded.errors };
  const { ruleSet } = loaded;
  const existing = library.versions[ruleSet.id] ?? [];
  const sameVersion = existing.find((stored) => stored.version === ruleSet.version);
  if (sameVersion) {
    if (diffRuleSets(sameVersion, ruleSet).length === 0) {
      return { ok: true, library: { ...library, active: { ...library.active, [ruleSet.id]: ruleSet.version } }, ruleSet, warnings: loaded.warnings };
    }
    return {
      ok: false,
      library,
      errors: [{ path: 'version', message: `version ${ruleSet.version} of ${ruleSet.id} already exists with different content; raise the version` }],
    };
  }
  const latest = Math.max(0, ...existing.map((stored) => stored.version));
  if (ruleSet.version < latest) {
    return { ok: false, library, errors: [{ path: 'version', message: `version ${ruleSet.version} is older than the stored version ${latest}` }] };
  }
  return {
    ok: true,
    library: {
      versions: { ...library.versions, [ruleSet.id]: [...existing, ruleSet].sort((x, y) => x.version - y.version) },
      active: { ...library.active, [ruleSet.id]: ruleSet.version },
    },
    ruleSet,
    warnings: loaded.warnings,
  };
}

export function activeRuleSet(library: RuleSetLibrary, id: string): RuleSet | undefined {
  const version = library.active[id];
  return version === undefined ? undefined : findVersion(library, id, version);
}

/** The exact rules a stored score was computed with. */
export function findVersion(library: RuleSetLibrary, id: string, version: number): RuleSet | undefined {
  return library.versions[id]?.find((stored) => stored.version === version);
}

/** Roll back or forward to a stored version; nothing is deleted. */
export function activateVersion(library: RuleSetLibrary, id: string, version: number): RuleSetLibrary {
  if (!findVersion(library, id, version)) throw new Error(`no version ${version} of ${id}`);
  return { ...library, active: { ...library.active, [id]: version } };
}

/** A copy with the next version number, for the editor to change; the stored one is untouched. */
export function nextDraft(library: RuleSetLibrary, ruleSet: RuleSet): RuleSet {
  const latest = Math.max(ruleSet.version, ...(library.versions[ruleSet.id] ?? []).map((stored) => stored.version));
  return { ...structuredClone(ruleSet), version: latest + 1 };
}
