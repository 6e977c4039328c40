/**
 * `npm run demo`: builds the extension, starts the HubSpot simulator on this machine, and opens
 * Fieldkit in Chromium as a rep: it connects to the simulated portal (dealers arrive from "HubSpot"),
 * loads a week of built-in records through the real backup import, and lets them sync. Then the
 * review (批注): the rep submits this week's weekly report, their regional manager reviews it in a
 * second browser profile (a note on a line, returned for revision), the rep sees the note,
 * answers and resubmits, and the manager marks it reviewed. Last, sync's ways out: a record whose
 * note was deleted in HubSpot, parked with its two choices and created again; and a switch to
 * another HubSpot portal, paused until the rep sends their records there as new.
 * With a display, the browser stays open for you to use (Ctrl+C ends the demo); without one (a
 * server, CI), it runs headless and saves screenshots to .demo/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension, readRows, type ExtensionSession } from '../test/e2e/fixtures';
import { startHubSpotSim } from '../sim/server';
import { DEFAULT_SEED } from '../sim/seed';
import { buildDemoBackup } from './demo-data';
import { MANAGER_TOKEN, MANAGER_USER_ID, reviewTour, weeklyDraft, withDiaryEntries } from './demo-review';
import { weeklyReportTour } from './demo-weekly';
import { intelTour } from './demo-intel';
import { waysOutTour } from './demo-ways-out';
import { until } from './demo-wait';

const OUT = resolve('.demo');
const TOKEN = 'demo-token';
/** The company's new HubSpot portal, for the portal switch: the same companies, another portal id. */
const NEW_PORTAL_ID = 9_000_001;
const headed = !!process.env.DISPLAY && process.env.CI !== 'true';
const LABELS = {
  'zh-CN': { token: '访问令牌', advanced: '高级', baseUrl: 'API 地址', connect: '连接', importBackup: '导入备份文件', importData: '导入', terminals: '终端清单' },
  en: { token: 'Access token', advanced: 'Advanced', baseUrl: 'API base URL', connect: 'Connect', importBackup: 'Import backup file', importData: 'Import', terminals: 'Terminal list' },
} as const;


async function connect(options: Page, locale: 'zh-CN' | 'en', url: string, token = TOKEN) {
  const labels = LABELS[locale];
  const settings = options.getByTestId('connection-settings');
  await settings.getByLabel(labels.token).fill(token);
  await settings.getByText(labels.advanced).click();
  await settings.getByLabel(labels.baseUrl).fill(url);
  await settings.getByRole('button', { name: labels.connect }).click();
  await settings.getByTestId('connection-facts').waitFor({ timeout: 30_000 });
}

/** Sample ERP exports (test/fixtures/imports): November's figures of the simulator's dealers, and a terminal list. */
const IMPORTS = resolve('test/fixtures/imports');

/** Imports a file through Options › Dealer data, as an admin would; returns the summary it shows. */
async function importDealerData(options: Page, locale: 'zh-CN' | 'en', file: string, terminals: boolean): Promise<string> {
  const section = options.locator('#dealer-data');
  if (terminals) await section.getByRole('button', { name: LABELS[locale].terminals }).click();
  await section.locator('input[type=file]').setInputFiles(file);
  await section.getByTestId('import-file').waitFor();
  await section.getByRole('button', { name: LABELS[locale].importData, exact: true }).click();
  return section.getByTestId('import-summary').innerText();
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  // The rep's token is HubSpot owner 101 张伟; the manager's, owner 103 王强 on the same team.
  const sim = await startHubSpotSim({ port: 0, token: TOKEN, userTokens: { [MANAGER_TOKEN]: MANAGER_USER_ID }, rate: 100, logFile: resolve(OUT, 'hubspot-requests.jsonl') });
  console.log(`HubSpot simulator on ${sim.url} (token "${TOKEN}"; the manager's "${MANAGER_TOKEN}"), request log in .demo/hubspot-requests.jsonl`);
  // It refuses custom properties on notes, as a real portal may: Fieldkit keeps its records in the note text there.
  const newPortal = await startHubSpotSim({ port: 0, token: TOKEN, rate: 100, noteProperties: 'refused', seed: { ...DEFAULT_SEED, portalId: NEW_PORTAL_ID } });
  console.log(`The company's new HubSpot portal ${NEW_PORTAL_ID} (for the portal switch) on ${newPortal.url}`);

  for (const locale of ['zh-CN', 'en'] as const) {
    sim.reset();
    newPortal.reset();
    const session = await launchExtension({ locale, headless: !headed });
    const options = await session.openPage('options.html#connection');
    await connect(options, locale, sim.url);
    const companies = sim.state.list('companies').length;
    const dealers = await until(() => readRows<{ id: string; name: string }>(options, 'dealers'), (rows) => rows.length >= companies, 'dealers from HubSpot');
    console.log(`[${locale}] connected; ${dealers.length} dealers pulled from the simulated HubSpot`);

    const backupFile = resolve(OUT, `demo-backup-${locale}.json`);
    // This week's weekly report, still a draft: the rep submits it in the review step.
    const weekly = weeklyDraft(new Date(), dealers.slice(0, 3));
    writeFileSync(backupFile, withDiaryEntries(buildDemoBackup(new Date(), dealers.slice(0, 3)), [weekly]));
    await options.goto(options.url().replace(/#.*$/, '#backup'));
    await options.getByLabel(LABELS[locale].importBackup).setInputFiles(backupFile);
    await options.getByTestId('backup-outcome').getByRole('status').waitFor();
    console.log(`[${locale}] demo records: ${await options.getByTestId('backup-outcome').innerText()}`);
    const notes = await until(async () => sim.state.list('notes').length, (n) => n >= 8, 'records to sync', 90_000).catch(() => sim.state.list('notes').length);
    console.log(`[${locale}] synced: the simulated HubSpot now holds ${notes} Fieldkit notes on dealer timelines`);

    // The ERP's monthly figures and a terminal list, imported through Options › Dealer data.
    await options.goto(options.url().replace(/#.*$/, '#dealer-data'));
    console.log(`[${locale}] ERP figures: ${(await importDealerData(options, locale, resolve(IMPORTS, 'figures-2026-11.csv'), false)).replace(/\s+/g, ' ')}`);
    console.log(`[${locale}] terminal list: ${(await importDealerData(options, locale, resolve(IMPORTS, 'terminals.xlsx'), true)).replace(/\s+/g, ' ')}`);
    const linked = (await readRows<{ id: string; name: string; crm?: { objectId: string } }>(options, 'dealers')).filter((d) => d.crm);
    const panelDealer = linked.find((d) => d.name === '华东润滑油经销有限公司') ?? linked[0]!;

    const shots: [string, string][] = [
      ['sidepanel.html#today', 'today'],
      ['sidepanel.html#dealers', 'dealers'],
      ['sidepanel.html#intel', 'intel'],
      ['sidepanel.html#reports', 'reports'],
      ['sidepanel.html#settings', 'sync'],
      ['popup.html', 'popup'],
      ['options.html', 'options'],
    ];
    for (const [path, name] of shots) {
      const page = await session.openPage(path);
      await page.setViewportSize(name === 'options' ? { width: 1000, height: 900 } : { width: 420, height: 900 });
      await page.waitForTimeout(500);
      const file = resolve(OUT, `${locale}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`[${locale}] ${name}: ${file}`);
      if (name === 'dealers') {
        // A dealer's page: its KPI panel from the imported figures, terminals and visit cards.
        await page.getByRole('button', { name: panelDealer.name, exact: true }).click();
        await page.getByTestId('dealer-panel').waitFor();
        await page.waitForTimeout(300);
        const opened = resolve(OUT, `${locale}-dealer-panel.png`);
        await page.screenshot({ path: opened, fullPage: true });
        console.log(`[${locale}] dealer page with its KPI panel: ${opened}`);
      }
      if (!headed) await page.close();
    }
    // The KPI panel on the dealer's HubSpot company record: a HubSpot-like page served at the
    // record's real URL (the content script runs on the HubSpot app's CRM pages only).
    await session.context.route('https://app.hubspot.com/**', (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        // The saved page, named after the dealer whose record it stands for.
        body: readFileSync(resolve('test/e2e/fixtures/hubspot/company-record.html'), 'utf8').replaceAll('宏达机电 &lt;b&gt;markup-looking&lt;/b&gt; Trading Co.', panelDealer.name),
      }),
    );
    const hubspot = await session.context.newPage();
    await hubspot.setViewportSize({ width: 1280, height: 1000 });
    await hubspot.goto(`https://app.hubspot.com/contacts/${sim.state.portalId}/record/0-2/${panelDealer.crm!.objectId}`);
    await hubspot.frameLocator('fieldkit-kpi-panel iframe').getByTestId('dealer-panel').waitFor({ timeout: 30_000 });
    await hubspot.waitForTimeout(500);
    const hubspotShot = resolve(OUT, `${locale}-hubspot-company.png`);
    await hubspot.screenshot({ path: hubspotShot, fullPage: true });
    console.log(`[${locale}] KPI panel on the HubSpot company record: ${hubspotShot}`);

    // Competitor intel: captured from a shop page in two clicks, a near-duplicate added to, the
    // Intel view's tabs, and the competitive product analysis exported (scripts/demo-intel.ts).
    await intelTour({ locale, session, out: OUT, headless: !headed });

    // The review: the manager notes a line of the rep's weekly report and returns it; the rep sees it.
    let manager: ExtensionSession | undefined;
    try {
      // One click builds last week's weekly report; it is submitted and exported in every format (before the review, which uses this week's).
      await weeklyReportTour({ locale, sim, rep: session, dealers: linked, out: OUT, headless: !headed });
      ({ manager } = await reviewTour({ locale, sim, rep: session, entry: weekly, connect: (page, token) => connect(page, locale, sim.url, token), out: OUT, headless: !headed }));
      // Sync's ways out: a note deleted in HubSpot, then the switch to the new portal (the rep stays on it).
      await waysOutTour({ locale, sim, newPortal, token: TOKEN, rep: session, out: OUT, headless: !headed });
      if (headed) {
        console.log(`Fieldkit is open in Chromium (${locale}): the rep's and the manager's browsers. Close the rep's window to continue, or press Ctrl+C to end the demo.`);
        await new Promise((done) => session.context.on('close', done));
      }
    } finally {
      await manager?.close();
      await session.close();
    }
  }
  await sim.close();
  await newPortal.close();
  console.log(`Demo done. Screenshots are in ${OUT}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
