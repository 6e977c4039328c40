import { afterEach, describe, expect, it } from 'vitest';
import { createIntelHandlers } from '../../lib/intel/handlers';
import { createRouter } from '../../lib/messaging/router';
import { writeSetting } from '../../lib/store/settings';
import { assignRole, loadTeamContext } from '../../lib/team/roles';
import { installSeedDictionary, SEED_DICTIONARY } from '../../lib/intel/dictionary/seed';
import { freshDatabase, intelDraft } from '../fixtures/records';

const db = freshDatabase('fieldkit-intel-save-dictionary');
afterEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});

const EXT = 'fieldkitextensionidfieldkitexten';
// The capture's form: our extension page, framed in the shop's tab.
const PAGE = { id: EXT, url: `chrome-extension://${EXT}/intel-form.html#capture`, tab: { id: 3 }, frameId: 5 };
const ADMIN = { id: 'o-chen', name: '陈静' };
const REP = { id: 'o-zhang', name: '张伟' };

async function asRepWithAnAdmin() {
  await writeSetting(db, 'profile', { ...ADMIN, role: 'admin' });
  await assignRole(db, { ownerId: ADMIN.id, ownerName: ADMIN.name, role: 'admin', managesTeamIds: [] }, { author: ADMIN, context: await loadTeamContext(db) });
  await writeSetting(db, 'profile', { ...REP, role: 'rep' });
}

describe('saving captured intel and the competitor dictionary', () => {
  it('links a name the dictionary knows, by any alias, without adding an entry', async () => {
    await installSeedDictionary(db);
    await asRepWithAnAdmin();
    const before = await db.competitors.count();
    const route = createRouter(createIntelHandlers(db) as never, EXT);
    const reply = (await route({ type: 'intel.save', payload: intelDraft({ competitorName: 'Mobil' }) }, PAGE)) as { ok: boolean; data: { id: string } };
    expect(reply.ok).toBe(true);
    const mobil = SEED_DICTIONARY.competitors.find((c) => c.aliases.includes('Mobil'))!;
    expect((await db.intelItems.get(reply.data.id))!.competitorId).toBe(mobil.id);
    expect(await db.competitors.count()).toBe(before);
  });

  it("adds a rep's new competitor as a pending entry, linked to the item and queued for every device", async () => {
    await asRepWithAnAdmin();
    const route = createRouter(createIntelHandlers(db) as never, EXT);
    const reply = (await route({ type: 'intel.save', payload: intelDraft({ competitorName: '  统一润滑油 ' }) }, PAGE)) as { ok: boolean; data: { id: string } };
    const item = (await db.intelItems.get(reply.data.id))!;
    const [entry] = await db.competitors.toArray();
    expect(entry).toMatchObject({ name: '统一润滑油', status: 'pending', author: REP });
    expect(item.competitorId).toBe(entry!.id);
    expect(await db.outbox.where('[table+recordId]').equals(['competitors', entry!.id]).count()).toBe(1);
    // The same name again is the same entry.
    await route({ type: 'intel.save', payload: intelDraft({ competitorName: '统一润滑油' }) }, PAGE);
    expect(await db.competitors.count()).toBe(1);
  });

  it('sends the content script a compact dictionary with the pickers', async () => {
    await installSeedDictionary(db);
    await writeSetting(db, 'profile', { ...REP, role: 'rep' });
    const route = createRouter(createIntelHandlers(db) as never, EXT);
    const reply = (await route({ type: 'intel.pickers', payload: {} }, PAGE)) as { ok: boolean; data: { dictionary: { competitors: { name: string; aliases: string[] }[]; products: object[] } } };
    expect(reply.ok).toBe(true);
    expect(reply.data.dictionary.competitors.find((c) => c.name === '美孚')!.aliases).toContain('Mobil');
    expect(reply.data.dictionary.products.length).toBeGreaterThan(5);
    expect(JSON.stringify(reply.data.dictionary)).not.toContain('author');
  });
});
