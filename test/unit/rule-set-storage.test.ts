import { afterEach, describe, expect, it } from 'vitest';
import { loadRuleSetLibrary, saveRuleSet } from '../../lib/db/rule-sets';
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
