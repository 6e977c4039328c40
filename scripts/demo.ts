/**
 * `npm run demo`: builds the extension, opens it in Chromium with a little built-in data, and
 * shows it. With a display, the browser stays open for you to use (Ctrl+C ends the demo);
 * without one (a server, CI), it runs headless and saves screenshots to .demo/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchExtension } from '../test/e2e/fixtures';
import { buildDemoBackup } from './demo-data';

const OUT = resolve('.demo');
const headed = !!process.env.DISPLAY && process.env.CI !== 'true';

async function main() {
  mkdirSync(OUT, { recursive: true });
  const backupFile = resolve(OUT, 'demo-backup.json');
  writeFileSync(backupFile, buildDemoBackup());

  for (const locale of ['zh-CN', 'en'] as const) {
    const session = await launchExtension({ locale, headless: !headed });
    const options = await session.openPage('options.html#backup');
    await options.locator('input[type=file]').setInputFiles(backupFile);
    await options.getByTestId('backup-outcome').getByRole('status').waitFor();
    console.log(`[${locale}] loaded demo data: ${await options.getByTestId('backup-outcome').innerText()}`);

    const shots: [string, string][] = [
      ['sidepanel.html#today', 'today'],
      ['sidepanel.html#dealers', 'dealers'],
      ['sidepanel.html#intel', 'intel'],
      ['sidepanel.html#reports', 'reports'],
      ['popup.html', 'popup'],
      ['options.html', 'options'],
    ];
    for (const [path, name] of shots) {
      const page = await session.openPage(path);
      await page.setViewportSize(name === 'options' ? { width: 1000, height: 900 } : { width: 420, height: 900 });
      await page.waitForTimeout(300);
      const file = resolve(OUT, `${locale}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`[${locale}] ${name}: ${file}`);
      if (!headed) await page.close();
    }
    if (headed) {
      console.log(`Fieldkit is open in Chromium (${locale}). Close the browser window or press Ctrl+C to end the demo.`);
      await new Promise((done) => session.context.on('close', done));
    } else {
      await session.close();
    }
  }
  console.log(`Demo done. Screenshots are in ${OUT}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
