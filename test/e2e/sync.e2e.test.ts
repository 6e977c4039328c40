/**
 * Sync end to end: the built extension in Chromium against the in-process HubSpot simulator.
 * A rep connects in options (base URL + token), dealers arrive, a visit is logged while HubSpot is
 * unreachable, then syncs once it is back; a manager's second browser profile pulls it back as the
 * same structured record.
 *
 * "HubSpot unreachable" is the simulator stopped (connections refused) and started again on the
 * same port with the state it had, as a real outage looks to the extension.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { launchExtension, readRows, type ExtensionSession } from './fixtures';
import { connect, send, waitFor } from './sim-helpers';

const TOKEN = 'e2e-sync-token';
const DEALER = '华东润滑油经销有限公司';

let sim: HubSpotSim;
const sessions: ExtensionSession[] = [];
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: TOKEN, rate: 100 });
});
afterAll(() => sim?.close());
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

async function launch(locale: 'en' | 'zh-CN') {
  const session = await launchExtension({ locale });
  sessions.push(session);
  return session;
}




describe('sync in the built extension', () => {
  it('connects, pulls dealers, queues offline, syncs when HubSpot is back, and a manager pulls the record back', async () => {
    sim.reset();
    const rep = await launch('zh-CN');
    const options = await rep.openPage('options.html#connection');
    await connect(options, { token: TOKEN, baseUrl: sim.url }, { token: '访问令牌', advanced: '高级', baseUrl: 'API 地址', connect: '连接' });
    const facts = await options.getByTestId('connection-facts').textContent();
    expect(facts).toContain(String(sim.state.portalId));
    // The token is in no page-visible reply and not in the extension's IndexedDB.
    const status = await send(options, 'connection.status');
    expect(JSON.stringify(status)).not.toContain(TOKEN);

    // Dealers (HubSpot companies) arrive by themselves after connecting.
    const dealers = await waitFor(() => readRows<{ name: string; crm?: { objectId: string } }>(options, 'dealers'), (rows) => rows.length >= 6);
    expect(dealers.find((d) => d.name === DEALER)?.crm?.objectId).toBeTruthy();

    // HubSpot goes away (the simulator stops listening, state kept); the rep logs a visit anyway.
    await sim.stop();
    const panel = await rep.openPage('sidepanel.html');
    await panel.getByRole('button', { name: '今日', exact: true }).click();
    await panel.getByRole('button', { name: '记录拜访' }).click();
    await panel.getByLabel('经销商', { exact: true }).selectOption({ label: DEALER });
    await panel.getByLabel('当期库存', { exact: true }).fill('36');
    await panel.getByLabel('本次进货量', { exact: true }).fill('20');
    await panel.getByLabel('做陈列', { exact: true }).check();
    await panel.getByRole('button', { name: '保存客户卡' }).click();
    await panel.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    const [card] = await readRows<{ id: string; currentInventory: number; orderQuantity: number }>(panel, 'visitCards');
    expect(card).toBeDefined();
    await send(panel, 'sync.now');
    const queued = await readRows<{ status: string }>(panel, 'outbox');
    expect(queued.map((e) => e.status)).toEqual(['pending']);
    expect(sim.state.list('notes')).toHaveLength(0);

    // HubSpot is back: the next drain pushes the card exactly once.
    sim.clearRequests();
    await sim.start();
    await waitFor(async () => (await send(panel, 'sync.now')).data?.pending, (pending) => pending === 0, 60_000);
    const creates = sim.requests.filter((r) => r.path === '/crm/v3/objects/notes/batch/create' && r.status < 300);
    expect(creates.length).toBeGreaterThan(0);
    const notes = sim.state.list('notes').filter((n) => n.properties.fieldkit_record_id === card!.id.toLowerCase());
    expect(notes).toHaveLength(1);
    const companyId = dealers.find((d) => d.name === DEALER)!.crm!.objectId;
    expect(sim.state.associationsFrom('notes', notes[0]!.id, 'companies').map((a) => a.toId)).toEqual([companyId]);

    // A manager on another browser profile reads it back as the same structured record.
    const manager = await launch('en');
    const managerOptions = await manager.openPage('options.html#connection');
    await connect(managerOptions, { token: TOKEN, baseUrl: sim.url }, { token: 'Access token', advanced: 'Advanced', baseUrl: 'API base URL', connect: 'Connect' });
    const pulled = await send(managerOptions, 'sync.pullRecords');
    expect(pulled.ok).toBe(true);
    const cards = await waitFor(() => readRows<{ id: string; currentInventory: number; orderQuantity: number; actions: { didDisplay: boolean } }>(managerOptions, 'visitCards'), (rows) => rows.length === 1);
    expect(cards[0]).toMatchObject({ id: card!.id, currentInventory: 36, orderQuantity: 20, actions: { didDisplay: true } });
  });
});
