import { afterEach, describe, expect, it } from 'vitest';
import { createBaseHandlers } from '../../lib/messaging/base-handlers';
import { createIntelHandlers } from '../../lib/intel/handlers';
import { createSyncService } from '../../lib/sync/service';
import type { StoredConnection } from '../../lib/sync/connection';
import { createRouter } from '../../lib/messaging/router';
import { writeSetting } from '../../lib/store/settings';
import { addLocalDealer } from '../../lib/dealers/local';
import { freshDatabase, REP } from '../fixtures/records';

const db = freshDatabase();
afterEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});

const EXT = 'fieldkitextensionidfieldkitexten';
// The capture's form: our extension page, framed in the shop's tab (lib/host/intel-form-frame.ts).
const CONTENT_SCRIPT = { id: EXT, url: `chrome-extension://${EXT}/intel-form.html#capture`, tab: { id: 3 }, frameId: 5 };

function route(uiLanguage = 'en-US') {
  // The sync service runs in Node as it is: no browser, an in-memory connection store, no CRM.
  let stored: StoredConnection | undefined;
  const sync = createSyncService({
    db,
    crm: { normaliseBaseUrl: (url) => url ?? '', createPort: () => { throw new Error('not connected'); } },
    connections: { load: async () => stored, save: async (c) => void (stored = c), clear: async () => void (stored = undefined) },
    schedule: { start: async () => undefined, stop: async () => undefined },
  });
  const handlers = {
    ...createBaseHandlers({ db, version: '1.2.3', uiLanguage: () => uiLanguage }),
    ...createIntelHandlers(db),
    ...sync.handlers,
  };
  return createRouter(handlers as Parameters<typeof createRouter>[0], EXT);
}

describe('background handlers', () => {
  it('saves intel from a content script under the profile author, queued for sync', async () => {
    await writeSetting(db, 'profile', { ...REP, role: 'rep' });
    const reply = await route()({ type: 'intel.save', payload: { observedDay: '2026-11-23', competitorName: '壳牌', sourceUrl: 'https://shop.example/product/1', sourceText: '<b>¥168</b>' } }, CONTENT_SCRIPT);
    expect(reply.ok).toBe(true);
    const [item] = await db.intelItems.toArray();
    expect(item).toMatchObject({ competitorName: '壳牌', author: REP, sourceText: '<b>¥168</b>' });
    expect(await db.outbox.where('[table+recordId]').equals(['intelItems', item!.id]).count()).toBe(1);
  });

  it('lists competitor names and dealers for pickers a content script cannot read itself', async () => {
    await addLocalDealer(db, { name: '苏南汽配城' }, { author: REP });
    await route()({ type: 'intel.save', payload: { observedDay: '2026-11-23', competitorName: '美孚' } }, CONTENT_SCRIPT);
    await route()({ type: 'intel.save', payload: { observedDay: '2026-11-23', competitorName: '美孚' } }, CONTENT_SCRIPT);
    const reply = await route()({ type: 'intel.pickers', payload: {} }, CONTENT_SCRIPT);
    expect(reply).toMatchObject({ ok: true, data: { competitors: ['美孚'], dealers: [{ name: '苏南汽配城' }] } });
  });

  it('resolves the language from the setting, else the browser', async () => {
    expect(await route('zh-TW')({ type: 'settings.language', payload: {} }, CONTENT_SCRIPT)).toMatchObject({ data: { locale: 'zh-CN' } });
    await writeSetting(db, 'language', 'en');
    expect(await route('zh-TW')({ type: 'settings.language', payload: {} }, CONTENT_SCRIPT)).toMatchObject({ data: { locale: 'en' } });
  });

  it('reports queued records as pending while no CRM is connected', async () => {
    await route()({ type: 'intel.save', payload: { observedDay: '2026-11-23', competitorName: '美孚' } }, CONTENT_SCRIPT);
    // The item, and the competitor it added to the dictionary.
    // Sync status is for Fieldkit's own pages; content scripts may not ask (lib/messaging/router.ts).
    expect(await route()({ type: 'sync.status', payload: {} }, { id: EXT, url: `chrome-extension://${EXT}/sidepanel.html` })).toMatchObject({ ok: true, data: { connected: false, pending: 2, needsAttention: 0, running: false } });
  });
});
