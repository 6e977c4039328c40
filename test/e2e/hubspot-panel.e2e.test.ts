/**
 * The KPI panel on HubSpot company records, in real Chromium with the built extension. HubSpot's
 * app is served from saved fixture pages at its real URLs (test/e2e/fixtures/hubspot), so the
 * manifest's content-script matches and the URL detector run as they would on app.hubspot.com.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionSession } from './fixtures';
import { buildLookBackup } from './look-data';

const FIXTURES = resolve('test/e2e/fixtures/hubspot');
const OUT = resolve('test-results/hubspot-panel');
const PORTAL = '123456';
const COMPANY = '9001';
const OTHER_COMPANY = '9002';
const page = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const url = (path: string) => `https://app.hubspot.com/contacts/${PORTAL}/${path}`;

async function serveHubSpot(session: ExtensionSession): Promise<void> {
  await session.context.route('https://app.hubspot.com/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    // Portal 654321 serves a company page whose HubSpot anchors have changed.
    const file = path.startsWith('/contacts/654321/') ? 'company-record-changed-dom.html' : /\/record\/0-2\//.test(path) ? 'company-record.html' : /\/record\/0-1\//.test(path) ? 'contact-record.html' : /\/record\/0-3\//.test(path) ? 'deal-record.html' : 'companies-list.html';
    return route.fulfill({ contentType: 'text/html; charset=utf-8', body: page(file) });
  });
}

/**
 * Imports the look fixture, then links its first dealer (terminals and ERP figures) to HubSpot
 * company 9001 and its second (no figures) to 9003, as a pull would.
 */
async function seed(session: ExtensionSession, locale: 'en' | 'zh-CN'): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const options = await session.openPage('options.html#backup');
  const file = join(OUT, `hubspot-fixture-${locale}.json`);
  writeFileSync(file, buildLookBackup(locale));
  await options.locator('#backup input[type=file]').setInputFiles(file);
  await options.getByTestId('backup-outcome').getByRole('status').waitFor();
  await options.evaluate(
    (crmId) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open('fieldkit');
        open.onsuccess = () => {
          const tx = open.result.transaction('dealers', 'readwrite');
          const store = tx.objectStore('dealers');
          const all = store.getAll();
          all.onsuccess = () => {
            const [first, second] = (all.result as { id: string; name: string; updatedAt: string }[]).sort((a, b) => a.id.localeCompare(b.id));
            store.put({ ...first!, crm: { objectType: 'company', objectId: crmId, syncedAt: first!.updatedAt, syncedVersion: first!.updatedAt } });
            store.put({ ...second!, crm: { objectType: 'company', objectId: '9003', syncedAt: second!.updatedAt, syncedVersion: second!.updatedAt } });
          };
          tx.oncomplete = () => done();
          tx.onerror = () => fail(tx.error);
        };
      }),
    COMPANY,
  );
  await options.close();
}

const panelFrame = (p: Page) => p.frameLocator('fieldkit-kpi-panel iframe');

describe.each(['en', 'zh-CN'] as const)('the KPI panel on HubSpot (%s)', (locale) => {
  let session: ExtensionSession;
  const words = {
    en: { notDealer: 'Not a Fieldkit dealer', score: 'Score', notSynced: 'Not synced with HubSpot yet', name: 'Eastern Lubricants Distribution', notComputable: 'Not computable', incomplete: 'Incomplete' },
    'zh-CN': { notDealer: '不是 Fieldkit 经销商', score: '得分', notSynced: '尚未与 HubSpot 同步', name: '华东润滑油经销有限公司', notComputable: '无法计算', incomplete: '数据不全' },
  }[locale];

  beforeAll(async () => {
    session = await launchExtension({ locale });
    await serveHubSpot(session);
    await seed(session, locale);
  }, 120_000);
  afterAll(() => session?.close());

  it('appears on a company record with the dealer’s score, KPIs, warnings and missing inputs', async () => {
    const hubspot = await session.context.newPage();
    await hubspot.setViewportSize({ width: 1280, height: 900 });
    await hubspot.goto(url(`record/0-2/${COMPANY}`));
    const frame = panelFrame(hubspot);
    await frame.getByTestId('dealer-panel').waitFor({ timeout: 20_000 });
    await expect(frame.getByRole('heading', { name: words.name }).count()).resolves.toBe(1);
    await expect(frame.getByTestId('panel-score').textContent()).resolves.toContain(words.score);
    // Not connected: the panel says it counts only this device's records.
    await expect(frame.getByText(words.notSynced).count()).resolves.toBe(1);
    // Terminals, ERP figures and visit cards: every KPI of the rule set, each with a value.
    await expect(frame.locator('[data-testid^="kpi-"]').count()).resolves.toBe(6);
    await expect(frame.getByText(words.notComputable).count()).resolves.toBe(0);
    await hubspot.screenshot({ path: join(OUT, `hubspot-company-${locale}.png`) });
    await hubspot.close();
  }, 60_000);

  it('shows a dealer without ERP figures as incomplete, naming what to import, never as 0', async () => {
    const hubspot = await session.context.newPage();
    await hubspot.goto(url('record/0-2/9003'));
    const frame = panelFrame(hubspot);
    await frame.getByTestId('dealer-panel').waitFor({ timeout: 20_000 });
    await expect(frame.getByText(words.notComputable).count()).resolves.toBeGreaterThan(0);
    await expect(frame.getByTestId('panel-score').textContent()).resolves.toContain(words.incomplete);
    await hubspot.close();
  }, 60_000);

  it('docks at the right edge when HubSpot’s page has none of the anchors it knows', async () => {
    const hubspot = await session.context.newPage();
    await hubspot.goto(`https://app.hubspot.com/contacts/654321/record/0-2/${COMPANY}`);
    // Another portal than the connected one would say so; unconnected, the panel shows the dealer.
    await panelFrame(hubspot).locator('body *').first().waitFor({ timeout: 20_000 });
    const position = await hubspot.evaluate(() => getComputedStyle(document.querySelector('fieldkit-kpi-panel')!.shadowRoot!.querySelector('iframe')!).position);
    expect(position).toBe('fixed');
    await hubspot.close();
  }, 60_000);

  it('is absent on contacts, deals and lists', async () => {
    const hubspot = await session.context.newPage();
    for (const path of ['record/0-1/7007', 'record/0-3/5005', 'objects/0-2/views/all/list']) {
      await hubspot.goto(url(path));
      await hubspot.waitForTimeout(1500);
      await expect(hubspot.locator('fieldkit-kpi-panel').count(), path).resolves.toBe(0);
    }
    await hubspot.close();
  }, 60_000);

  it('follows in-app navigation: another company swaps the data without a reload, and leaving removes it', async () => {
    const hubspot = await session.context.newPage();
    await hubspot.goto(url(`record/0-2/${COMPANY}`));
    const frame = panelFrame(hubspot);
    await frame.getByTestId('dealer-panel').waitFor({ timeout: 20_000 });
    await hubspot.evaluate(() => ((window as unknown as { __loaded: boolean }).__loaded = true));
    await hubspot.evaluate((to) => history.pushState({}, '', to), url(`record/0-2/${OTHER_COMPANY}`));
    await frame.getByTestId('not-a-dealer').waitFor({ timeout: 10_000 });
    await expect(frame.getByText(words.notDealer, { exact: false }).count()).resolves.toBe(1);
    await expect(hubspot.locator('fieldkit-kpi-panel').count()).resolves.toBe(1);
    await expect(hubspot.evaluate(() => (window as unknown as { __loaded?: boolean }).__loaded)).resolves.toBe(true);
    await hubspot.evaluate((to) => history.pushState({}, '', to), url(`record/0-2/${COMPANY}`));
    await frame.getByTestId('dealer-panel').waitFor({ timeout: 10_000 });
    await hubspot.evaluate((to) => history.pushState({}, '', to), url('record/0-1/7007'));
    await expect.poll(() => hubspot.locator('fieldkit-kpi-panel').count(), { timeout: 10_000 }).toBe(0);
    await hubspot.close();
  }, 60_000);

  it('keeps keystrokes in the panel away from HubSpot’s shortcuts', async () => {
    const hubspot = await session.context.newPage();
    await hubspot.goto(url(`record/0-2/${COMPANY}`));
    const frame = panelFrame(hubspot);
    await frame.getByTestId('dealer-panel').waitFor({ timeout: 20_000 });
    await frame.locator('[data-testid^="kpi-"] button').first().focus();
    for (const key of ['/', 'g', 'o', 'n']) await hubspot.keyboard.press(key);
    await expect(hubspot.evaluate(() => document.documentElement.dataset.hostShortcuts ?? '[]')).resolves.toBe('[]');
    // The host's own shortcuts still work outside the panel.
    await hubspot.locator('body').click({ position: { x: 5, y: 300 } });
    await hubspot.keyboard.press('/');
    await expect(hubspot.evaluate(() => document.documentElement.dataset.hostShortcuts ?? '[]')).resolves.not.toBe('[]');
    await hubspot.close();
  }, 60_000);
});
