import { afterEach, describe, expect, it } from 'vitest';
import { checkVersions, getBuiltInRuleSet, listBuiltInRuleSets, listBuiltInVersions } from '../../lib/rules/built-in';
import { evaluate } from '../../lib/rules/evaluate';
import { loadRuleSetOrThrow } from '../../lib/rules/load';
import { activeRuleSet, findVersion } from '../../lib/rules/store';
import { toAssessmentResult } from '../../lib/rules/assessment';
import { loadRuleSetLibrary } from '../../lib/rules/library';
import { scoreAndStore, scoresOf } from '../../lib/rules/scores';
import { freshDatabase } from '../fixtures/records';
import { miniRuleSet } from './fixtures';

// Built-ins are not written to the database, so a built-in whose computation changes keeps its
// old version in the code (rules/<id>.v<n>.json): a stored score names (id, version) for good.
describe('shipped versions of built-in rule sets', () => {
  it('lists every version, each id in shipping order and oldest first; only the newest scores new subjects', () => {
    const all = listBuiltInVersions().map((r) => `${r.id}@${r.version}`);
    expect(all).toContain('customer-grade@1');
    expect(all.indexOf('customer-grade@1')).toBe(all.indexOf('customer-grade@2') - 1);
    expect(listBuiltInRuleSets().map((r) => r.id)).toEqual([...new Set(listBuiltInVersions().map((r) => r.id))]);
    expect(getBuiltInRuleSet('customer-grade')!.ruleSet.version).toBe(2);
    expect(getBuiltInRuleSet('customer-grade', 1)!.ruleSet.version).toBe(1);
    expect(getBuiltInRuleSet('customer-grade', 9)).toBeUndefined();
  });

  it('refuses a superseded version that is not older, is kept twice, or has no current version', () => {
    const mini = (version: number, id = 'mini') => loadRuleSetOrThrow({ ...miniRuleSet(), id, version });
    expect(() => checkVersions([mini(2)], [mini(1)])).not.toThrow();
    expect(() => checkVersions([mini(2)], [mini(2)])).toThrow(/mini@2 is not older than the current version 2/);
    expect(() => checkVersions([mini(2)], [mini(1), mini(1)])).toThrow(/mini@1 is kept twice/);
    expect(() => checkVersions([mini(2)], [mini(1, 'other')])).toThrow(/other@1 has no current version/);
    expect(() => checkVersions([mini(2), mini(3)], [])).toThrow(/mini is shipped twice/);
  });
});

describe('a score stored under a superseded built-in version', () => {
  const db = freshDatabase('fieldkit-built-in-versions');
  afterEach(async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
  });

  const subject = { type: 'customer' as const, id: 'customer-1', name: '华东机电' };
  const inputs = { monthsToSign: 1, clearNeed: true, goodRelationship: false };
  const author = { id: 'rep-1', name: '张伟' };

  it('still finds its rules, recomputes the same grade and explains it; new scores use version 2', async () => {
    // Scored before version 2 shipped: A then needed a good relationship, so this customer got C.
    const v1 = getBuiltInRuleSet('customer-grade', 1)!;
    const old = toAssessmentResult(evaluate(v1, inputs), v1.ruleSet, { id: '01JD0000000000000000000099', author, subject, period: '2026-11', inputs, now: '2026-11-20T08:00:00.000Z' });
    await db.assessments.add(old);
    expect(old).toMatchObject({ ruleSetVersion: 1, grade: 'C' });

    const library = await loadRuleSetLibrary(db);
    expect(library.versions['customer-grade']!.map((r) => r.version)).toEqual([1, 2]);
    expect(activeRuleSet(library, 'customer-grade')!.version).toBe(2);

    const rules = findVersion(library, old.ruleSetId, old.ruleSetVersion)!;
    const again = evaluate(loadRuleSetOrThrow(rules), old.inputs);
    expect({ total: again.total, grade: again.grade }).toEqual({ total: old.total, grade: old.grade });
    expect(again.root.explanation!.en).toBe(old.items.explanation!.en);

    const fresh = await scoreAndStore(db, { ruleSetId: 'customer-grade', subject, period: '2026-12', inputs, author, now: new Date('2026-12-01T08:00:00Z') });
    expect(fresh).toMatchObject({ ruleSetVersion: 2, grade: 'A' });
    expect((await scoresOf(db, 'customer-1', '2026-11')).map((s) => [s.ruleSetVersion, s.grade])).toEqual([[1, 'C']]);
  });
});
