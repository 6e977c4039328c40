import type { FieldkitDatabase } from '../store/database';
import type { RuleSet } from './rule-set-schema';
import { listBuiltInVersions, proposeRuleSet, type RuleSetLibrary } from './';
import type { Problem } from './';
import { readSetting } from '../store/settings';
import { newId } from '../kernel/ids';

/**
 * The rule-set library as the product sees it: every version of the built-in sets Fieldkit has
 * shipped (superseded ones too) plus every version an admin saved or imported, and which version
 * of each is active (the chosen one, else the highest). Stored versions are never deleted or
 * overwritten (a past score names its id and version).
 */
export async function loadRuleSetLibrary(db: FieldkitDatabase): Promise<RuleSetLibrary> {
  const [stored, active] = await Promise.all([db.ruleSets.toArray(), readSetting(db, 'activeRuleSets')]);
  const versions: Record<string, RuleSet[]> = {};
  const seen = new Set<string>();
  for (const ruleSet of [...stored, ...listBuiltInVersions()]) {
    const key = `${ruleSet.id}@${ruleSet.version}`;
    if (seen.has(key)) continue; // a stored copy of a built-in version wins
    seen.add(key);
    (versions[ruleSet.id] ??= []).push(ruleSet);
  }
  const resolvedActive: Record<string, number> = {};
  for (const [id, list] of Object.entries(versions)) {
    list.sort((a, b) => a.version - b.version);
    const chosen = active[id];
    resolvedActive[id] = chosen !== undefined && list.some((r) => r.version === chosen) ? chosen : list[list.length - 1]!.version;
  }
  return { versions, active: resolvedActive };
}

export type SaveRuleSetResult = { ok: true; ruleSet: RuleSet; warnings: Problem[] } | { ok: false; errors: Problem[] };

/**
 * Validates, then stores and activates a rule set in one transaction. An invalid rule set changes
 * nothing, so the previous version stays active; the result lists every problem with its path.
 */
export async function saveRuleSet(db: FieldkitDatabase, source: unknown, actor: string, now: Date = new Date()): Promise<SaveRuleSetResult> {
  const library = await loadRuleSetLibrary(db);
  const proposed = proposeRuleSet(library, source);
  if (!proposed.ok) return { ok: false, errors: proposed.errors };
  const { ruleSet } = proposed;
  await db.transaction('rw', [db.ruleSets, db.settings, db.audit], async () => {
    await db.ruleSets.put(ruleSet);
    const active = await readSetting(db, 'activeRuleSets');
    await db.settings.put({ key: 'activeRuleSets', value: { ...active, [ruleSet.id]: ruleSet.version } });
    await db.audit.add({
      id: newId(),
      at: now.toISOString(),
      actor,
      action: 'update',
      table: 'ruleSets',
      recordId: `${ruleSet.id}@${ruleSet.version}`,
      summary: `activated rule set ${ruleSet.id} version ${ruleSet.version}`,
    });
  });
  return { ok: true, ruleSet, warnings: proposed.warnings };
}
