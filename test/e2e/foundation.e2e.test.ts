import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { EXTENSION_PATH, launchExtension, readRows, type ExtensionSession } from './fixtures';

let session: ExtensionSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Counts the rows of a table straight from the extension's IndexedDB. */
async function countRows(page: Page, table: string): Promise<number> {
  return (await readRows(page, table)).length;
}

async function addDealer(page: Page, name: string, labels: { nav: string; name: string; add: string }) {
  await page.getByRole('button', { name: labels.nav, exact: true }).click();
  await page.getByLabel(labels.name).fill(name);
  await page.getByRole('button', { name: labels.add }).click();
  await page.getByText(name).first().waitFor();
}

describe('the built extension in Chromium', () => {
  it('declares what it uses and nothing more', () => {
    const manifest = JSON.parse(readFileSync(`${EXTENSION_PATH}/manifest.json`, 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background.service_worker).toBe('background.js');
    expect(manifest.side_panel.default_path).toBe('sidepanel.html');
    expect(manifest.action.default_popup).toBe('popup.html');
    expect(manifest.options_ui?.page ?? manifest.options_page).toBe('options.html');
    expect(manifest.default_locale).toBe('en');
    expect([...manifest.permissions].sort()).toEqual(['activeTab', 'alarms', 'contextMenus', 'notifications', 'scripting', 'sidePanel', 'storage']);
    // Nothing runs on every page: one content script, on the HubSpot app's CRM pages only (the KPI
    // panel on company records), and the page it frames is reachable from those hosts only.
    const scripts = manifest.content_scripts ?? [];
    expect(scripts.map((s: { js: string[] }) => s.js)).toEqual([['content-scripts/hubspot-company.js']]);
    const hubspotPage = /^https:\/\/app(-(na[1-3]|eu1|ap1))?\.hubspot\.com\//;
    for (const match of scripts[0].matches as string[]) expect(match).toMatch(new RegExp(`${hubspotPage.source}contacts/\\*$`));
    // Two framed pages: the KPI panel, for HubSpot's hosts only; the intel form, which the capture
    // frames into whatever page the rep pointed at, so any http(s) page (never file: or others).
    expect(manifest.web_accessible_resources).toHaveLength(2);
    const [panelPage, intelForm] = manifest.web_accessible_resources as { resources: string[]; matches: string[] }[];
    expect(panelPage!.resources).toEqual(['hubspot-panel.html']);
    for (const match of panelPage!.matches) expect(match).toMatch(new RegExp(`${hubspotPage.source}\\*$`));
    expect(intelForm!.resources).toEqual(['intel-form.html']);
    expect(intelForm!.matches).toEqual(['http://*/*', 'https://*/*']);
  });

  it('starts the service worker, which answers typed messages and refuses malformed ones', async () => {
    session = await launchExtension({ locale: 'en' });
    expect(session.serviceWorker.url()).toBe(`chrome-extension://${session.extensionId}/background.js`);
    const page = await session.openPage('popup.html');
    const replies = await page.evaluate(async () => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
      return [await runtime.sendMessage({ type: 'ping', payload: {} }), await runtime.sendMessage({ type: 'intel.save', payload: { competitorName: '' } }), await runtime.sendMessage({ type: 'nope' })];
    });
    expect(replies[0]).toMatchObject({ ok: true, data: { pong: true } });
    expect(replies[1]).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(replies[2]).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
  });

  it('renders the side panel and popup in English for an English browser', async () => {
    session = await launchExtension({ locale: 'en' });
    const panel = await session.openPage('sidepanel.html');
    for (const name of ['Today', 'Dealers', 'Intel', 'Reports', 'Settings']) await expect(panel.getByRole('button', { name, exact: true }).isVisible()).resolves.toBe(true);
    await expect(panel.getByTestId('empty-visits').textContent()).resolves.toContain('No visits logged today');
    await panel.getByRole('button', { name: 'Dealers', exact: true }).click();
    await expect(panel.getByTestId('empty-dealers').textContent()).resolves.toContain('Connect HubSpot');
    const popup = await session.openPage('popup.html');
    await expect(popup.getByRole('button', { name: 'Log a visit' }).isVisible()).resolves.toBe(true);
    await expect(popup.getByRole('button', { name: 'Capture intel on this page' }).isVisible()).resolves.toBe(true);
  });

  it('renders the side panel and popup in Chinese for a zh-CN browser, and switches language live', async () => {
    session = await launchExtension({ locale: 'zh-CN' });
    // The browser itself runs in Chinese (not only the page's emulated locale): the service worker sees it.
    await expect(session.serviceWorker.evaluate(() => (globalThis as unknown as { chrome: { i18n: { getUILanguage(): string } } }).chrome.i18n.getUILanguage())).resolves.toBe('zh-CN');
    const panel = await session.openPage('sidepanel.html');
    for (const name of ['今日', '经销商', '竞品', '报告', '设置']) await expect(panel.getByRole('button', { name, exact: true }).isVisible()).resolves.toBe(true);
    await expect(panel.getByTestId('empty-visits').textContent()).resolves.toContain('今天还没有拜访记录');
    const popup = await session.openPage('popup.html');
    await expect(popup.getByRole('button', { name: '记录拜访' }).isVisible()).resolves.toBe(true);

    const options = await session.openPage('options.html');
    await options.getByLabel('界面语言').selectOption('en');
    // The already-open side panel and popup follow without a reload.
    await panel.getByRole('button', { name: 'Today', exact: true }).waitFor();
    await popup.getByRole('button', { name: 'Log a visit' }).waitFor();
    await expect(options.getByRole('heading', { name: 'Fieldkit settings' }).isVisible()).resolves.toBe(true);
  });
});

describe('records and backup', () => {
  it('a record saved in the side panel shows up in the popup without a reload', async () => {
    session = await launchExtension({ locale: 'en' });
    const popup = await session.openPage('popup.html');
    await popup.getByText('Nothing recorded yet').waitFor();
    const panel = await session.openPage('sidepanel.html#intel');
    await saveIntel(panel, 'Shell', 'HX7 4L');
    await popup.getByTestId('recent-records').getByText('Shell').waitFor({ timeout: 10_000 });
    await expect(countRows(panel, 'intelItems')).resolves.toBe(1);
    // The item, and the competitor it added to the dictionary, both queued for HubSpot.
    await expect(countRows(panel, 'competitors')).resolves.toBe(1);
    await expect(countRows(panel, 'outbox')).resolves.toBe(2);
  });

  it('a visit card logged on Today reaches the popup and the outbox, in Chinese', async () => {
    session = await launchExtension({ locale: 'zh-CN' });
    const panel = await session.openPage('sidepanel.html');
    await addDealer(panel, '华东润滑油经销有限公司', { nav: '经销商', name: '经销商名称', add: '添加经销商' });
    const popup = await session.openPage('popup.html');
    await panel.getByRole('button', { name: '今日', exact: true }).click();
    await panel.getByRole('button', { name: '记录拜访' }).click();
    await panel.getByLabel('经销商', { exact: true }).selectOption({ label: '华东润滑油经销有限公司' });
    await panel.getByLabel('当期库存', { exact: true }).fill('36');
    await panel.getByLabel('本次进货量', { exact: true }).fill('20');
    await panel.getByLabel('做陈列', { exact: true }).check();
    await panel.getByRole('button', { name: '保存客户卡' }).click();
    await panel.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    await popup.getByTestId('recent-records').getByText('华东润滑油经销有限公司').waitFor({ timeout: 10_000 });
    await expect(countRows(panel, 'visitCards')).resolves.toBe(1);
    await expect(countRows(panel, 'outbox')).resolves.toBe(1);
  });

  it('export → wipe → import restores every record; a corrupt file is refused and changes nothing', async () => {
    session = await launchExtension({ locale: 'en' });
    const panel = await session.openPage('sidepanel.html');
    await addDealer(panel, '华东润滑油经销有限公司', { nav: 'Dealers', name: 'Dealer name', add: 'Add dealer' });
    await addDealer(panel, '苏南汽配城', { nav: 'Dealers', name: 'Dealer name', add: 'Add dealer' });
    await panel.getByRole('button', { name: 'Intel', exact: true }).click();
    await saveIntel(panel, 'Mobil', 'Super 2000');
    const before = { dealers: await countRows(panel, 'dealers'), intel: await countRows(panel, 'intelItems') };
    expect(before).toEqual({ dealers: 2, intel: 1 });

    const options = await session.openPage('options.html#backup');
    const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export backup' }).click()]);
    const file = await download.path();
    const exported = readFileSync(file, 'utf8');
    expect(JSON.parse(exported)).toMatchObject({ format: 'fieldkit-backup', version: 1 });
    expect(exported).not.toMatch(/token/i);

    await options.getByRole('button', { name: 'Delete all local data' }).click();
    await options.getByRole('button', { name: 'Yes, delete everything' }).click();
    await options.getByText('All local data deleted.').waitFor();
    expect(await countRows(options, 'dealers')).toBe(0);
    await panel.getByRole('button', { name: 'Dealers', exact: true }).click();
    await panel.getByTestId('empty-dealers').waitFor();

    await options.getByLabel('Import backup file').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    // Two dealers, the intel item and the competitor it added to the dictionary.
    await options.getByText('Imported: 4 records added').waitFor();
    expect({ dealers: await countRows(options, 'dealers'), intel: await countRows(options, 'intelItems') }).toEqual(before);
    await panel.getByText('苏南汽配城').waitFor();

    await options.getByLabel('Import backup file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(exported.slice(0, 200)) });
    const alert = options.getByRole('alert');
    await alert.waitFor();
    // One sentence saying what to do; the JSON path and parser message stay behind "details".
    await expect(alert.textContent()).resolves.toMatch(/Nothing was imported: the file is incomplete or not a backup\. Export the backup again/);
    expect({ dealers: await countRows(options, 'dealers'), intel: await countRows(options, 'intelItems') }).toEqual(before);
  });
});

async function saveIntel(panel: Page, competitor: string, product: string) {
  await panel.getByRole('button', { name: 'New intel' }).click();
  await panel.getByLabel('Competitor', { exact: true }).fill(competitor);
  await panel.getByLabel('Product', { exact: true }).fill(product);
  await panel.getByRole('button', { name: 'Save intel' }).click();
  await panel.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
}
