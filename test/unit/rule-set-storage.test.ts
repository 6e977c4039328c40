import { afterEach, describe, expect, it } from 'vitest';
import { loadRuleSetLibrary, saveRuleSet } from '../../lib/rules/library';
import { scoreAndStore, scoresOf } from '../../lib/rules/scores';
import { activeRuleSet, listBuiltInRuleSets } from '../../lib/rules';
import { exportBackup, serialiseBackup } from '../../lib/backup/export';
import { importBackup, wipeLocalData } from '../../lib/backup/import';
import { freshDatabase } from '../fixtures/records';

const db = freshDatabase();
afterEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});

const builtIn = () => structuredClone(listBuiltInRuleSets().find((r) => r.id === 'dealer-quarterly')!);

describe('rule sets in the database', () => {
  it('starts with every built-in rule set active at its shipped version', async () => {
    const library = await loadRuleSetLibrary(db);
    expect(Object.keys(library.versions).sort()).toEqual(listBuiltInRuleSets().map((r) => r.id).sort());
    expect(activeRuleSet(library, 'dealer-quarterly')?.version).toBe(builtIn().version);
  });

  it('stores an edited version and activates it, keeping the old one for past scores', async () => {
    const edited = { ...builtIn(), version: builtIn().version + 1 };
    const result = await saveRuleSet(db, edited, 'manager-1');
    expect(result.ok).toBe(true);
    const library = await loadRuleSetLibrary(db);
    expect(library.versions['dealer-quarterly']!.map((r) => r.version)).toEqual([builtIn().version, builtIn().version + 1]);
    expect(library.active['dealer-quarterly']).toBe(builtIn().version + 1);
    expect(await db.audit.where('recordId').equals(`dealer-quarterly@${builtIn().version + 1}`).count()).toBe(1);
  });

  it('rejects an invalid rule set with paths and keeps the previous version active', async () => {
    const broken = { ...builtIn(), version: builtIn().version + 1, root: { ...builtIn().root, weight: 'heavy' }, effectiveFrom: 'soon' };
    const result = await saveRuleSet(db, broken, 'manager-1');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
    if (!result.ok) expect(result.errors[0]!.path).toBeTruthy();
    expect(await db.ruleSets.count()).toBe(0);
    expect((await loadRuleSetLibrary(db)).active['dealer-quarterly']).toBe(builtIn().version);
  });

  it('travels through a backup', async () => {
    await saveRuleSet(db, { ...builtIn(), version: builtIn().version + 1 }, 'manager-1');
    const text = serialiseBackup(await exportBackup(db, { appVersion: 'test' }));
    await wipeLocalData(db);
    await importBackup(db, text, { actor: 'manager-1' });
    expect((await loadRuleSetLibrary(db)).active['dealer-quarterly']).toBe(builtIn().version + 1);
  });
});

describe('stored scores', () => {
  const inputs = { ...listBuiltInRuleSets().find((r) => r.id === 'dealer-quarterly')!.samples[0]!.inputs };
  const request = { ruleSetId: 'dealer-quarterly', subject: { type: 'dealer' as const, id: 'dealer-1', name: '苏南汽配城' }, period: '2026-Q4', inputs, author: { id: 'manager-1', name: '王强' } };

  it('keep the rule-set version they were computed with when the rule set is edited later', async () => {
    const first = await scoreAndStore(db, { ...request, now: new Date('2026-12-01T00:00:00Z') });
    expect(first).toMatchObject({ ruleSetId: 'dealer-quarterly', ruleSetVersion: 1, partial: false });
    expect(first.total).toEqual(expect.any(Number));

    // The manager doubles the price-breach deduction in version 2 (the sample has one breach).
    const v2 = builtIn();
    v2.version = 2;
    v2.parameters['priceBreachPoints']!.value = 6;
    expect((await saveRuleSet(db, v2, 'manager-1')).ok).toBe(true);
    const second = await scoreAndStore(db, { ...request, now: new Date('2026-12-02T00:00:00Z') });

    const stored = await scoresOf(db, 'dealer-1', '2026-Q4');
    expect(stored.map((s) => [s.ruleSetVersion, s.total])).toEqual([
      [2, second.total],
      [1, first.total],
    ]);
    expect(second.total).toBeCloseTo(first.total! - 3, 5); // 6 − 3 more points for the one breach
    expect((await db.assessments.get(first.id))!.total).toBe(first.total); // untouched
  });

  it('are partial, never zero-filled, when an input is missing', async () => {
    const { salesActual: _dropped, ...rest } = inputs as Record<string, unknown>;
    const score = await scoreAndStore(db, { ...request, inputs: rest as typeof inputs });
    expect(score.partial).toBe(true);
    expect(score.total).toBeNull();
    expect(score.missing).toContain('salesActual');
  });
});
