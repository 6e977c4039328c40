import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { hubSpotConnector } from '../../lib/crm/hubspot';
import { saveRecord } from '../../lib/store/records';
import { createRouter, type Handlers } from '../../lib/messaging/router';
import { createMessenger } from '../../lib/messaging/client';
import { setUpSync, SYNC_ALARM } from '../../lib/host/sync';
import { loadConnection } from '../../lib/host/connection-store';
import { readSetting } from '../../lib/store/settings';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { freshDatabase, REP, visitDraft } from '../fixtures/records';
import { notesByLocalId, SIM_TOKEN } from './sim-harness';

let sim: HubSpotSim;
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 100_000 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const EXTENSION_ID = 'fieldkit-test';

function background() {
  const db = freshDatabase();
  const controller = setUpSync({ db, crm: hubSpotConnector });
  const route = createRouter(controller.handlers as unknown as Handlers, EXTENSION_ID);
  const send = createMessenger((message) => route(message, { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/options.html` }));
  return { db, controller, send };
}

describe('connection', () => {
  it('refuses base URLs other than HubSpot or a local simulator', async () => {
    const { send } = background();
    const status = await send('connection.connect', { token: SIM_TOKEN, baseUrl: 'https://evil.example.com' });
    expect(status).toMatchObject({ connected: false, errorKind: 'invalid-url' });
    expect(await loadConnection()).toBeUndefined();
  });

  it('checks the token with a real call and stores nothing when it is wrong', async () => {
    const { send } = background();
    const status = await send('connection.connect', { token: 'wrong-token', baseUrl: sim.url });
    expect(status).toMatchObject({ connected: false, errorKind: 'unauthorized' });
    expect(await loadConnection()).toBeUndefined();
  });

  it('connects: shows portal, account and missing scopes, creates the schema, never returns the token', async () => {
    const { send } = background();
    sim.setConfig({ scopes: sim.config.scopes.filter((s) => s !== 'crm.objects.owners.read') });

    const status = await send('connection.connect', { token: SIM_TOKEN, baseUrl: sim.url });

    expect(status).toMatchObject({ connected: true, portalId: sim.state.portalId, baseUrl: sim.url });
    expect(status.accountName).toBeTruthy();
    expect(status.missingScopes).toContain('crm.objects.owners.read');
    expect(JSON.stringify(status)).not.toContain(SIM_TOKEN);
    expect(JSON.stringify(await send('connection.status', {}))).not.toContain(SIM_TOKEN);
    expect(sim.state.groups.notes.has('fieldkit')).toBe(true);
    expect((await loadConnection())?.token).toBe(SIM_TOKEN);
    expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toMatchObject({ periodInMinutes: 0.5 });
  });

  it('makes the token\'s HubSpot owner the author of what is written next, and stores the owners', async () => {
    const { db, controller, send } = background();
    await send('connection.connect', { token: SIM_TOKEN, baseUrl: sim.url });
    // The simulator's token belongs to user 5101, owner 101 (张伟).
    expect(await readSetting(db, 'profile')).toMatchObject({ id: '101', name: '张伟', role: 'rep' });
    expect(((await db.settings.get('sync.owners'))!.value as unknown[]).length).toBeGreaterThan(1);

    const card = await saveRecord(db, 'visitCards', visitDraft(), { author: { id: '101', name: '张伟' } });
    await controller.runSync();
    const [note] = notesByLocalId(sim).get(card.id)!;
    expect(note!.properties.hubspot_owner_id).toBe('101');
  });

  it('syncs queued records, then disconnect forgets the token and stops the alarm', async () => {
    const { db, controller, send } = background();
    await send('connection.connect', { token: SIM_TOKEN, baseUrl: sim.url });
    const card = await saveRecord(db, 'visitCards', visitDraft(), { author: REP });

    const status = await controller.runSync();

    expect(status).toMatchObject({ connected: true, pending: 0, needsAttention: 0 });
    expect(status.lastSuccessAt).toBeDefined();
    expect(notesByLocalId(sim).get(card.id)).toHaveLength(1);
    expect(await db.dealers.count()).toBeGreaterThan(0);

    const after = await send('connection.disconnect', {});
    expect(after.connected).toBe(false);
    expect(await loadConnection()).toBeUndefined();
    expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toBeFalsy();
    await saveRecord(db, 'visitCards', visitDraft({ note: 'offline' }), { author: REP });
    expect(await controller.runSync()).toMatchObject({ connected: false, paused: 'disconnected', pending: 1 });
  });

  it('pauses on 401 and asks to reconnect; reconnecting resumes', async () => {
    const { db, controller, send } = background();
    await send('connection.connect', { token: SIM_TOKEN, baseUrl: sim.url });
    await controller.runSync();
    sim.setConfig({ token: 'rotated' });
    await saveRecord(db, 'visitCards', visitDraft(), { author: REP });

    expect(await controller.runSync()).toMatchObject({ paused: 'unauthorized', pending: 1 });
    expect(await send('connection.status', {})).toMatchObject({ connected: true, paused: 'unauthorized' });

    sim.setConfig({ token: SIM_TOKEN });
    await send('connection.connect', { token: SIM_TOKEN, baseUrl: sim.url });
    const resumed = await controller.runSync();
    expect(resumed.paused).toBeUndefined();
    expect(resumed.pending).toBe(0);
  });

  it('lists records needing attention with the CRM message and retries them on request', async () => {
    const { db, controller, send } = background();
    await send('connection.connect', { token: SIM_TOKEN, baseUrl: sim.url });
    await controller.runSync();
    const dealer = (await db.dealers.toArray())[0]!;
    await db.dealers.update(dealer.id, { crm: { ...dealer.crm!, objectId: '999999' } });
    await saveRecord(db, 'visitCards', visitDraft({ dealerId: dealer.id }), { author: REP });

    const status = await controller.runSync();
    expect(status.needsAttention).toBe(1);
    const [item] = status.attention!;
    expect(item!.message).toMatch(/999999|association/i);

    await db.dealers.update(dealer.id, { crm: dealer.crm });
    const retried = await send('sync.retry', { outboxId: item!.outboxId });
    expect(retried.needsAttention).toBe(0);
    const final = await controller.runSync();
    expect(final).toMatchObject({ pending: 0, needsAttention: 0 });
  });
});
