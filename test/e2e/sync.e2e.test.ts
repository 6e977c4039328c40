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
import { DEFAULT_SEED } from '../../sim/seed';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchExtension, readRows, type ExtensionSession } from './fixtures';
import { connect, send, waitFor } from './sim-helpers';

const TOKEN = 'e2e-sync-token';
const DEALER = '华东润滑油经销有限公司';
const OUT = resolve('test-results/sync');

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

/** The side panel's sync status once it lists a parked record saying `text`; screenshotted to `shot`. */
async function parkedRecordShown(rep: ExtensionSession, text: string, shot: string) {
  const settings = await rep.openPage('sidepanel.html#settings');
  // The narrowest side panel Chrome allows.
  await settings.setViewportSize({ width: 320, height: 900 });
  const attention = settings.getByTestId('sync-attention');
  await attention.getByText(text).waitFor();
  mkdirSync(OUT, { recursive: true });
  await settings.getByTestId('sync-panel').screenshot({ path: resolve(OUT, shot), animations: 'disabled' });
  return { settings, attention };
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
    // Pulled again until HubSpot's lagging search has the rep's note (the simulator: 3 s).
    const cards = await waitFor(
      async () => {
        await send(managerOptions, 'sync.pullRecords');
        await managerOptions.waitForTimeout(1_000);
        return readRows<{ id: string; currentInventory: number; orderQuantity: number; actions: { didDisplay: boolean } }>(managerOptions, 'visitCards');
      },
      (rows) => rows.length === 1,
    );
    expect(cards[0]).toMatchObject({ id: card!.id, currentInventory: 36, orderQuantity: 20, actions: { didDisplay: true } });
  });

  const WORDS = {
    'zh-CN': { token: '访问令牌', advanced: '高级', baseUrl: 'API 地址', connect: '连接', newIntel: '新建竞品信息', competitor: '竞品', product: '产品', save: '保存竞品信息', edit: /^编辑/, gone: '这条记录的笔记已在 HubSpot 中被删除', recreate: /^在 HubSpot 中重新创建/ },
    en: { token: 'Access token', advanced: 'Advanced', baseUrl: 'API base URL', connect: 'Connect', newIntel: 'New intel', competitor: 'Competitor', product: 'Product', save: 'Save intel', edit: /^Edit intel/, gone: "This record's note was deleted in HubSpot", recreate: /again in HubSpot$/ },
  } as const;
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`a note deleted in HubSpot: the side panel says so and creates it again on request (${locale})`, async () => {
      const words = WORDS[locale];
      sim.reset();
      const rep = await launch(locale);
      const options = await rep.openPage('options.html#connection');
      await connect(options, { token: TOKEN, baseUrl: sim.url }, words);
      const panel = await rep.openPage('sidepanel.html#intel');
      await panel.getByRole('button', { name: words.newIntel }).click();
      await panel.getByLabel(words.competitor, { exact: true }).fill('Shell');
      await panel.getByRole('button', { name: words.save }).click();
      await waitFor(async () => (await send(panel, 'sync.now')).data?.pending, (pending) => pending === 0);
      const [item] = await readRows<{ id: string; crm?: { objectId: string } }>(panel, 'intelItems');
      const first = item!.crm!.objectId;

      // Someone deletes the note in HubSpot; then the rep edits the item.
      const deleted = await fetch(`${sim.url}/crm/v3/objects/notes/${first}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(deleted.status).toBe(204);
      await panel.getByRole('button', { name: words.edit }).click();
      await panel.getByLabel(words.product, { exact: true }).fill('HX7 4L');
      await panel.getByRole('button', { name: words.save }).click();
      await waitFor(async () => (await send(panel, 'sync.now')).data?.needsAttention, (parked) => parked === 1);

      const { settings, attention } = await parkedRecordShown(rep, words.gone, `${locale}-deleted-in-hubspot.png`);
      await attention.getByRole('button', { name: words.recreate }).click();
      await settings.getByTestId('sync-attention').waitFor({ state: 'detached' });
      await waitFor(async () => (await send(settings, 'sync.now')).data, (status) => status?.pending === 0 && status.needsAttention === 0);

      const [relinked] = await readRows<{ id: string; product?: string; crm?: { objectId: string } }>(settings, 'intelItems');
      expect(relinked!.crm!.objectId).not.toBe(first);
      const live = sim.state.list('notes').filter((n) => n.properties.fieldkit_record_id === item!.id.toLowerCase() && !n.archived);
      expect(live.map((n) => n.id)).toEqual([relinked!.crm!.objectId]);
      expect(live[0]!.properties.fieldkit_payload).toContain('HX7 4L');
    });
  }

  const GONE_WORDS = {
    'zh-CN': { token: '访问令牌', advanced: '高级', baseUrl: 'API 地址', connect: '连接', today: '今日', logVisit: '记录拜访', dealer: '经销商', inventory: '当期库存', save: '保存客户卡', gone: '这条记录所属的经销商已在 HubSpot 中被删除', keep: /^只在本机保留：/ },
    en: { token: 'Access token', advanced: 'Advanced', baseUrl: 'API base URL', connect: 'Connect', today: 'Today', logVisit: 'Log a visit', dealer: 'Dealer', inventory: 'Current inventory', save: 'Save visit card', gone: 'The dealer this record is filed under was deleted in HubSpot', keep: /on this device only$/ },
  } as const;
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`a dealer deleted in HubSpot: its new visit card is parked, and kept on this device on request (${locale})`, async () => {
      const words = GONE_WORDS[locale];
      sim.reset();
      const rep = await launch(locale);
      const options = await rep.openPage('options.html#connection');
      await connect(options, { token: TOKEN, baseUrl: sim.url }, words);
      const dealers = await waitFor(() => readRows<{ name: string; crm?: { objectId: string } }>(options, 'dealers'), (rows) => rows.some((d) => d.name === DEALER && d.crm));
      const companyId = dealers.find((d) => d.name === DEALER)!.crm!.objectId;
      // Someone deletes the dealer's company in HubSpot; this browser still lists the dealer.
      const deleted = await fetch(`${sim.url}/crm/v3/objects/companies/${companyId}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(deleted.status).toBe(204);

      const panel = await rep.openPage('sidepanel.html');
      await panel.getByRole('button', { name: words.today, exact: true }).click();
      await panel.getByRole('button', { name: words.logVisit }).click();
      await panel.getByLabel(words.dealer, { exact: true }).selectOption({ label: DEALER });
      await panel.getByLabel(words.inventory, { exact: true }).fill('12');
      await panel.getByRole('button', { name: words.save }).click();
      await waitFor(async () => (await send(panel, 'sync.now')).data?.needsAttention, (parked) => parked === 1);

      const { settings, attention } = await parkedRecordShown(rep, words.gone, `${locale}-dealer-gone.png`);
      await attention.getByRole('button', { name: words.keep }).click();
      await settings.getByTestId('sync-attention').waitFor({ state: 'detached' });
      await waitFor(async () => (await send(settings, 'sync.now')).data, (status) => status?.pending === 0 && status.needsAttention === 0);

      // Kept here, unlinked; nothing of it reached HubSpot.
      const [card] = await readRows<{ id: string; currentInventory: number; crm?: unknown }>(settings, 'visitCards');
      expect(card).toMatchObject({ currentInventory: 12 });
      expect(card!.crm).toBeUndefined();
      expect(sim.state.list('notes').filter((n) => n.properties.fieldkit_record_id === card!.id.toLowerCase())).toEqual([]);
    });
  }

  const SWITCH_WORDS = {
    'zh-CN': { token: '访问令牌', advanced: '高级', baseUrl: 'API 地址', connect: '连接', reconnect: '更换令牌', said: '同步已暂停，等你选择', paused: '已连接到另一个 HubSpot 账户', relink: /^作为新记录发送到门户 9000001$/ },
    en: { token: 'Access token', advanced: 'Advanced', baseUrl: 'API base URL', connect: 'Connect', reconnect: 'Replace token', said: 'Sync is paused until you choose', paused: 'Connected to another HubSpot account', relink: /^Send them to portal 9000001 as new$/ },
  } as const;
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`connecting to another portal asks first, then sends the rep's records there as new (${locale})`, async () => {
      const words = SWITCH_WORDS[locale];
      sim.reset();
      const other = await startHubSpotSim({ port: 0, token: TOKEN, rate: 100, seed: { ...DEFAULT_SEED, portalId: 9_000_001 } });
      try {
        const rep = await launch(locale);
        const options = await rep.openPage('options.html#connection');
        await connect(options, { token: TOKEN, baseUrl: sim.url }, words);
        const panel = await rep.openPage('sidepanel.html#intel');
        await panel.getByRole('button', { name: locale === 'en' ? 'New intel' : '新建竞品信息' }).click();
        await panel.getByLabel(locale === 'en' ? 'Competitor' : '竞品', { exact: true }).fill('Shell');
        await panel.getByRole('button', { name: locale === 'en' ? 'Save intel' : '保存竞品信息' }).click();
        await waitFor(async () => (await send(panel, 'sync.now')).data?.pending, (pending) => pending === 0);
        const [item] = await readRows<{ id: string; crm?: { objectId: string } }>(panel, 'intelItems');
        expect(item!.crm).toBeDefined();

        // The rep pastes a token of another portal: nothing is sent there until they choose.
        // The advanced section is still open from the first connection.
        await options.getByLabel(words.token).fill(TOKEN);
        await options.getByLabel(words.baseUrl).fill(other.url);
        await options.getByRole('button', { name: words.reconnect }).click();
        const notice = options.getByTestId('portal-switch');
        await notice.getByText(words.said, { exact: false }).waitFor();
        await send(options, 'sync.now');
        expect(other.state.list('notes')).toEqual([]);
        mkdirSync(OUT, { recursive: true });
        await options.setViewportSize({ width: 480, height: 900 });
        await options.getByTestId('connection-settings').screenshot({ path: resolve(OUT, `${locale}-portal-switch.png`), animations: 'disabled' });

        // The side panel's sync status says sync waits for that choice, and leads to it.
        const sidePanel = await rep.openPage('sidepanel.html#settings');
        await sidePanel.setViewportSize({ width: 360, height: 800 });
        await sidePanel.getByTestId('sync-panel').getByRole('alert').filter({ hasText: words.paused }).waitFor();
        await sidePanel.getByTestId('sync-panel').screenshot({ path: resolve(OUT, `${locale}-portal-switch-side-panel.png`), animations: 'disabled' });
        await sidePanel.close();

        await notice.getByRole('button', { name: words.relink }).click();
        await notice.waitFor({ state: 'detached' });
        await waitFor(async () => (await send(options, 'sync.now')).data, (status) => status?.pending === 0 && status.needsAttention === 0);
        const notes = other.state.list('notes').filter((n) => n.properties.fieldkit_record_id === item!.id.toLowerCase());
        expect(notes).toHaveLength(1);
        const [relinked] = await readRows<{ crm?: { objectId: string } }>(options, 'intelItems');
        expect(relinked!.crm!.objectId).toBe(notes[0]!.id);
      } finally {
        await other.close();
      }
    });
  }
});
