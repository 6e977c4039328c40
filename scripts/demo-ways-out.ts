/**
 * The demo's sync "ways out", the two places where sync stops and asks the rep instead of guessing
 * (the flows test/e2e/sync.e2e.test.ts proves):
 * 1. A note deleted in HubSpot: the rep 张伟 records a competitor's product, it syncs; someone
 *    deletes its note in HubSpot (through HubSpot's own API, as a HubSpot user would); the rep
 *    corrects the product, and the side panel's sync status parks the record as "deleted in
 *    HubSpot" with its two ways out, create again in HubSpot or delete here too. The rep creates it
 *    again, and it syncs.
 * 2. Another portal: the rep connects to the company's new HubSpot portal (a second simulator,
 *    one that refuses custom note properties, so Fieldkit keeps its records in the note text).
 *    Nothing is sent there yet: Options and the side panel say sync is paused until the rep
 *    chooses, and offer to send the records to the new portal as new. The rep does, and sync
 *    resumes into the new portal.
 * Runs last in the demo's tour of a language: after it, the rep's browser is on the new portal.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { HubSpotSim } from '../sim/server';
import { keyOfBody } from '../lib/crm/hubspot/note-body';
import { readRows, type ExtensionSession } from '../test/e2e/fixtures';
import { until } from './demo-wait';

type Locale = 'zh-CN' | 'en';

const WORDS = {
  'zh-CN': {
    newIntel: '新建竞品信息',
    competitor: '竞品',
    product: '产品',
    save: '保存竞品信息',
    edit: /^编辑/,
    competitorName: '统一润滑油',
    productName: '统一 全合成机油 5W-30 4L',
    productCorrected: '统一 全合成机油 0W-20 4L',
    gone: '这条记录的笔记已在 HubSpot 中被删除',
    recreate: /^在 HubSpot 中重新创建/,
    synced: '已全部同步',
    token: '访问令牌',
    advanced: '高级',
    baseUrl: 'API 地址',
    reconnect: '更换令牌',
    said: '同步已暂停，等你选择',
    paused: '已连接到另一个 HubSpot 账户',
    relink: (portal: number) => new RegExp(`^作为新记录发送到门户 ${portal}$`),
    bodyMode: '备注正文（此门户不允许为备注添加自定义属性）',
  },
  en: {
    newIntel: 'New intel',
    competitor: 'Competitor',
    product: 'Product',
    save: 'Save intel',
    edit: /^Edit intel/,
    competitorName: 'Monarch',
    productName: 'Monarch Full Synthetic 5W-30 4L',
    productCorrected: 'Monarch Full Synthetic 0W-20 4L',
    gone: "This record's note was deleted in HubSpot",
    recreate: /again in HubSpot$/,
    synced: 'Everything is synced',
    token: 'Access token',
    advanced: 'Advanced',
    baseUrl: 'API base URL',
    reconnect: 'Replace token',
    said: 'Sync is paused until you choose',
    paused: 'Connected to another HubSpot account',
    relink: (portal: number) => new RegExp(`^Send them to portal ${portal} as new$`),
    bodyMode: 'The note text (this portal does not allow custom note properties)',
  },
} as const;


interface SyncStatusReply {
  pending?: number;
  needsAttention?: number;
  attention?: { recordId: string; kind: string }[];
}

function send(page: Page, type: string, payload: unknown = {}) {
  return page.evaluate(
    ([t, p]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: t, payload: p }),
    [type, payload] as const,
  ) as Promise<{ ok: boolean; data?: SyncStatusReply }>;
}

/** Syncs until nothing is queued and nothing waits for the rep. */
async function syncedThrough(page: Page, what: string): Promise<void> {
  await until(async () => (await send(page, 'sync.now')).data, (s) => s?.pending === 0 && s.needsAttention === 0, what, 120_000);
}

/** The whole side panel page; of Options (an admin console many screens long), the screen with the connection. */
async function shoot(page: Page, file: string, size: { width: number; height: number }, fullPage = true) {
  await page.setViewportSize(size);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500);
  await page.screenshot({ path: file, fullPage, animations: 'disabled' });
}

const SIDE_PANEL = { width: 420, height: 900 };
const OPTIONS = { width: 1000, height: 900 };

export interface WaysOutStep {
  locale: Locale;
  /** The portal the rep is connected to (the demo's simulator). */
  sim: HubSpotSim;
  /** A second, empty-of-Fieldkit portal of the same company (the same seed, another portal id). */
  newPortal: HubSpotSim;
  /** The rep's token (valid on both portals). */
  token: string;
  /** The rep's browser, connected to `sim`, everything synced. */
  rep: ExtensionSession;
  out: string;
  headless: boolean;
}

/** Runs both ways out; returns the screenshots it wrote. */
export async function waysOutTour({ locale, sim, newPortal, token, rep, out, headless }: WaysOutStep): Promise<string[]> {
  const words = WORDS[locale];
  const log = (line: string) => console.log(`[${locale}] ways out: ${line}`);
  const files: string[] = [];
  const file = (name: string) => {
    const path = resolve(out, `${locale}-${name}.png`);
    files.push(path);
    return path;
  };

  // 1. A competitor's product, recorded and synced.
  const panel = await rep.openPage('sidepanel.html#intel');
  await panel.setViewportSize(SIDE_PANEL);
  await panel.getByRole('button', { name: words.newIntel }).click();
  await panel.getByLabel(words.competitor, { exact: true }).fill(words.competitorName);
  await panel.getByLabel(words.product, { exact: true }).fill(words.productName);
  await panel.getByRole('button', { name: words.save }).click();
  type Intel = { id: string; competitorName: string; product?: string; crm?: { objectId: string } };
  const mine = async () => (await readRows<Intel>(panel, 'intelItems')).find((i) => i.competitorName === words.competitorName);
  const item = await until(
    async () => {
      await send(panel, 'sync.now');
      return mine();
    },
    (i) => Boolean(i?.crm),
    `the intel item on ${words.competitorName} to reach HubSpot`,
    90_000,
  );
  const first = item!.crm!.objectId;

  // Someone deletes its note in HubSpot; then the rep corrects the product.
  const deleted = await fetch(`${sim.url}/crm/v3/objects/notes/${first}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
  if (deleted.status !== 204) throw new Error(`demo: deleting note ${first} in the simulated HubSpot answered ${deleted.status}`);
  log(`the note of the intel item on ${words.competitorName} was deleted in HubSpot`);
  const row = panel.getByRole('listitem').filter({ hasText: words.productName });
  await row.getByRole('button', { name: words.edit }).click();
  await panel.getByLabel(words.product, { exact: true }).fill(words.productCorrected);
  await panel.getByRole('button', { name: words.save }).click();
  await until(
    async () => (await send(panel, 'sync.now')).data?.attention ?? [],
    (attention) => attention.some((a) => a.recordId === item!.id && a.kind === 'deleted-in-crm'),
    'the edited item to be parked as deleted in HubSpot',
    90_000,
  );

  // The side panel's sync status: parked, with its two ways out.
  const settings = await rep.openPage('sidepanel.html#settings');
  const attention = settings.getByTestId('sync-attention');
  await attention.getByText(words.gone).waitFor();
  const parkedShot = file('sync-deleted-in-hubspot');
  await shoot(settings, parkedShot, SIDE_PANEL);
  log(`the sync status with the record parked as deleted in HubSpot and its two ways out: ${parkedShot}`);

  // The rep creates it again: a new note in HubSpot, with the corrected product.
  await attention.getByRole('listitem').filter({ hasText: words.gone }).getByRole('button', { name: words.recreate }).click();
  await attention.waitFor({ state: 'detached' });
  await syncedThrough(settings, 'the record to be created again in HubSpot');
  const live = sim.state.list('notes').filter((n) => n.properties.fieldkit_record_id === item!.id.toLowerCase() && !n.archived);
  if (live.length !== 1 || live[0]!.id === first || !String(live[0]!.properties.fieldkit_payload).includes(words.productCorrected)) {
    throw new Error(`demo: after "create again" HubSpot holds ${live.length} live notes of the item (expected one new note with the corrected product)`);
  }
  await settings.getByTestId('sync-panel').getByText(words.synced).waitFor();
  const recreatedShot = file('sync-recreated');
  await shoot(settings, recreatedShot, SIDE_PANEL);
  log(`created again in HubSpot as note ${live[0]!.id} (was ${first}), everything synced: ${recreatedShot}`);
  if (headless) await panel.close();

  // 2. The rep connects to the company's new portal, with a token that works there.
  const options = await rep.openPage('options.html#connection');
  await options.setViewportSize(OPTIONS);
  const form = options.getByTestId('connection-settings');
  await form.getByLabel(words.token).fill(token);
  await form.getByText(words.advanced).click();
  await form.getByLabel(words.baseUrl).fill(newPortal.url);
  await form.getByRole('button', { name: words.reconnect }).click();
  const notice = form.getByTestId('portal-switch');
  await notice.getByText(words.said, { exact: false }).waitFor({ timeout: 30_000 });
  // Nothing goes to the new portal until the rep chooses.
  await send(options, 'sync.now');
  if (newPortal.state.list('notes').length > 0) throw new Error('demo: records reached the new portal before the rep chose to send them');
  const optionsShot = file('portal-switch');
  await shoot(options, optionsShot, OPTIONS, false);
  log(`connected to portal ${newPortal.state.portalId}: Options says sync is paused until the rep chooses: ${optionsShot}`);

  await settings.reload();
  await settings.getByTestId('sync-panel').getByRole('alert').filter({ hasText: words.paused }).waitFor();
  const pausedShot = file('portal-switch-side-panel');
  await shoot(settings, pausedShot, SIDE_PANEL);
  log(`the side panel's sync status, paused: ${pausedShot}`);

  // The rep sends their records to the new portal as new; sync resumes there.
  await notice.getByRole('button', { name: words.relink(newPortal.state.portalId) }).click();
  await notice.waitFor({ state: 'detached' });
  await syncedThrough(options, 'the records to reach the new portal');
  // The new portal refuses custom note properties: the records ride in their note text (body mode).
  const moved = newPortal.state.list('notes').filter((n) => !n.archived && keyOfBody(n.properties.hs_note_body));
  if (moved.filter((n) => keyOfBody(n.properties.hs_note_body) === item!.id).length !== 1) throw new Error('demo: the new portal does not hold the intel item exactly once');
  await form.getByTestId('record-storage').getByText(words.bodyMode).waitFor();
  const bodyModeShot = file('portal-switch-body-mode');
  await shoot(options, bodyModeShot, OPTIONS, false);
  log(`portal ${newPortal.state.portalId} refuses custom note properties, so Options says records are kept in the note text: ${bodyModeShot}`);
  await settings.getByTestId('sync-panel').getByText(words.synced).waitFor();
  const resumedShot = file('portal-switch-resumed');
  await shoot(settings, resumedShot, SIDE_PANEL);
  log(`sent as new: portal ${newPortal.state.portalId} now holds ${moved.length} Fieldkit notes, and sync runs there: ${resumedShot}`);
  if (headless) {
    await options.close();
    await settings.close();
  }
  return files;
}
