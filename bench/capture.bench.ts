/**
 * The intel capture in real Chromium with the built extension (a private copy of
 * .output/chrome-mv3): a competitor's shop page (the issue's example: "美孚1号 全合成机油 0W-40 4L",
 * the selection "¥429.00 ¥468.00 限时促销：买4L送1L，12月1日至12月12日") served at a URL the extension
 * holds a permission for, the selection made, then:
 * - command → form ready: from just before the background injects the content script (service
 *   worker clock) to the moment the framed form is shown on the page (page clock, seen by a
 *   MutationObserver on the capture's shadow root), its price field then holding the parsed 429
 *   (checked in the frame). Both are `Date.now()` of one machine, 1 ms resolution. The keyboard
 *   command's own dispatch cannot be triggered by a test and is not in it.
 *   Baseline: the same injection of a script that only draws one element in a shadow root.
 *   The first capture after the browser starts compiles the form's code; the browser caches it for
 *   the next ones (the form is an extension page). It is printed apart; the runs after it are timed.
 * - save: from the click on Save (a capture-phase listener in the form's frame) to the "saved"
 *   notice — validation, the message to the background, the Dexie write with its outbox entry, the
 *   reply and the render. The click is a real mouse click where Save shows on the screen (the run
 *   fails if Save is out of view), and the harness is silent while the save runs. Baselines in the same run: a `ping` round trip and an `intel.save` round
 *   trip from an extension page.
 */
import type { Frame, Page } from 'playwright-core';
import { launchExtension, selectTextOf, type ExtensionSession } from '../test/e2e/fixtures';
import { extensionSnapshot, ms, statsOf } from './panel/harness';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

const RUNS = 15;
const SHOP_URL = 'https://api.hubapi.com/fieldkit-e2e/bench/shop';
const TITLE = '美孚1号 全合成机油 0W-40 4L';
const SELECTION = '¥429.00 ¥468.00 限时促销：买4L送1L，12月1日至12月12日';
const SHOP_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${TITLE}</title></head>
<body><h1>${TITLE}</h1><p id="offer">${SELECTION}</p><p>已售 2.1万件 · 好评率 98%</p></body></html>`;
/** tsx compiles with esbuild's keepNames: functions sent to a page call its `__name` helper. */
const NAME_SHIM = 'globalThis.__name ??= (fn) => fn';
const FORM_TARGET_MS = 150;
const SAVE_TARGET_MS = 20;
/** Time for the near-duplicate hint to settle the layout before the click; then quiet while the save runs. */
const SETTLE_MS = 200;
const QUIET_MS = 400;

/** Runs in the page's main world: watches the capture's frame appear and be shown. */
function watchOverlay(): void {
  const marks: Record<string, number> = {};
  (window as unknown as { __fkMarks: Record<string, number> }).__fkMarks = marks;
  const check = (root: ShadowRoot) => {
    if (marks.form === undefined && root.querySelector('iframe.shown')) marks.form = Date.now();
    if (marks.baseline === undefined && root.querySelector('#fk-bench-baseline')) marks.baseline = Date.now();
  };
  const watched = new WeakSet<ShadowRoot>();
  new MutationObserver(() => {
    for (const host of document.querySelectorAll('fieldkit-intel, fk-bench-baseline')) {
      const root = host.shadowRoot;
      if (!root || watched.has(root)) continue;
      watched.add(root);
      check(root);
      new MutationObserver(() => check(root)).observe(root, { childList: true, subtree: true, attributes: true });
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}

/** Runs in the form's frame: the price it opened with, and marks for the click on Save and "saved". */
function watchForm(): { price: string | undefined; readyAt: number | undefined } {
  const marks: Record<string, number> = {};
  (window as unknown as { __fkMarks: Record<string, number> }).__fkMarks = marks;
  // The frame's own clock (sub-millisecond), so Save splits into the form's marks.
  addEventListener('click', () => (marks.click ??= performance.now()), true);
  new MutationObserver(() => {
    if (marks.saved === undefined && document.querySelector('[role="status"]')?.textContent?.includes('已离线保存')) {
      marks.saved = performance.now();
      marks.sent = performance.getEntriesByName('fieldkit:intel-form:save-sent').at(-1)?.startTime ?? NaN;
      marks.answered = performance.getEntriesByName('fieldkit:intel-form:save-answered').at(-1)?.startTime ?? NaN;
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
  const ready = performance.getEntriesByName('fieldkit:intel-form:ready')[0];
  return {
    price: document.querySelector<HTMLInputElement>('input[aria-label="价格 1 金额"]')?.value,
    readyAt: ready ? performance.timeOrigin + ready.startTime : undefined,
  };
}

async function openShop(session: ExtensionSession) {
  const page = await session.context.newPage();
  await page.goto(SHOP_URL);
  await page.evaluate(NAME_SHIM);
  await page.evaluate(watchOverlay);
  await selectTextOf(page, 'offer');
  return page;
}

/** Injects like the background after a command; returns the worker's clock just before. */
async function inject(session: ExtensionSession, what: 'capture' | 'baseline'): Promise<number> {
  return session.serviceWorker.evaluate(
    `(async () => {
      const [tab] = await chrome.tabs.query({ url: ${JSON.stringify(`${SHOP_URL}*`)} });
      const started = Date.now();
      ${
        what === 'capture'
          ? `await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ['/content-scripts/intel-capture.js'] });`
          : `await chrome.scripting.executeScript({ target: { tabId: tab.id }, func: () => {
              const host = document.createElement('fk-bench-baseline');
              const root = host.attachShadow({ mode: 'open' });
              const box = document.createElement('div');
              box.id = 'fk-bench-baseline';
              box.textContent = '竞品信息';
              root.append(box);
              document.body.append(host);
            } });`
      }
      return started;
    })()`,
  ) as Promise<number>;
}

async function marksOf(page: Page | Frame, name: string): Promise<number> {
  // Polled on an interval, not on every animation frame: polling must not load what is measured.
  await page.waitForFunction((mark) => (window as unknown as { __fkMarks: Record<string, number> }).__fkMarks[mark] !== undefined, name, { timeout: 15_000, polling: 50 });
  return page.evaluate((mark) => (window as unknown as { __fkMarks: Record<string, number> }).__fkMarks[mark]!, name);
}

/** The capture's frame in the page, once its form has loaded. */
async function formFrameOf(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('fieldkit-intel iframe.shown');
  const frame = (await handle.contentFrame())!;
  await frame.waitForSelector('form');
  await frame.evaluate(NAME_SHIM);
  return frame;
}

export async function run(): Promise<void> {
  const snapshot = extensionSnapshot();
  const session = await launchExtension({ locale: 'zh-CN', extensionPath: snapshot.dir });
  try {
    await session.context.route('https://api.hubapi.com/fieldkit-e2e/**', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: SHOP_PAGE }));
    const form: number[] = [];
    const baseline: number[] = [];
    const save: number[] = [];
    const savePhases = { checks: [] as number[], message: [] as number[], notice: [] as number[] };
    const interactions: number[] = [];
    let firstForm = 0;
    for (let i = 0; i <= RUNS; i++) {
      // Baseline: the same injection, a script that draws one element.
      const plain = await openShop(session);
      const plainStarted = await inject(session, 'baseline');
      const plainShown = await marksOf(plain, 'baseline');
      await plain.close();

      const page = await openShop(session);
      const started = await inject(session, 'capture');
      const ready = await marksOf(page, 'form');
      const frame = await formFrameOf(page);
      const opened = await frame.evaluate(watchForm);
      if (opened.price !== '429') throw new Error(`the form opened with the price ${opened.price}, not the parsed 429`);
      const dialog = frame.getByRole('dialog', { name: '竞品信息' });
      // What the rep still does between the command and "saved": count the fields left to type.
      const competitor = await dialog.getByLabel('竞品', { exact: true }).inputValue();
      if (!competitor) await dialog.getByLabel('竞品', { exact: true }).fill('美孚');
      // From the second run on, the earlier runs' items are near-duplicates: Save then reads
      // "保存为新的观察" once the hint has come. The rep clicks where Save is on the screen (it must be
      // in view without a scroll), and the harness then stays silent until "saved": Playwright's own
      // click() and polling keep the browser busy with the protocol while the save runs, and cost the
      // save about 5 ms that no rep's click pays.
      const saveButton = dialog.getByRole('button', { name: i === 0 ? '保存竞品信息' : '保存为新的观察', exact: true });
      await saveButton.waitFor();
      await page.waitForTimeout(SETTLE_MS);
      const box = await saveButton.boundingBox();
      const viewport = page.viewportSize()!;
      if (!box || box.y < 0 || box.y + box.height > viewport.height) throw new Error(`Save is not in view without a scroll: ${JSON.stringify(box)} in ${viewport.height} px`);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
      const clicked = await marksOf(frame, 'click');
      const saved = await marksOf(frame, 'saved');
      const [sent, answered] = [await marksOf(frame, 'sent'), await marksOf(frame, 'answered')];
      await page.close();
      if (i === 0) {
        firstForm = ready - started;
        continue; // the first run compiles the form's code, warms the worker, the database and the caches
      }
      baseline.push(plainShown - plainStarted);
      form.push(ready - started);
      save.push(saved - clicked);
      savePhases.checks.push(sent - clicked);
      savePhases.message.push(answered - sent);
      savePhases.notice.push(saved - answered);
      interactions.push(1 + (competitor ? 0 : 1) + 1); // the command, typing the competitor when not suggested, Save
    }

    // The message round trips alone, from an extension page: ping, and intel.save.
    const page = await session.openPage('options.html');
    await page.evaluate(NAME_SHIM);
    const trips = (await page.evaluate(async (runs) => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: object): Promise<unknown> } } }).chrome.runtime;
      const send = (type: string, payload: object) => runtime.sendMessage({ type, payload });
      const time = async (type: string, payload: object) => {
        const out: number[] = [];
        for (let i = 0; i <= runs; i++) {
          const started = performance.now();
          await send(type, payload);
          if (i > 0) out.push(performance.now() - started);
        }
        return out;
      };
      const draft = { observedDay: new Date().toISOString().slice(0, 10), competitorName: '美孚', sku: '', prices: [{ kind: 'retail', amount: 429, currency: 'CNY', unit: '' }] };
      return { ping: await time('ping', {}), save: await time('intel.save', draft) };
    }, RUNS * 2)) as { ping: number[]; save: number[] };

    const f = statsOf(form)!;
    const b = statsOf(baseline)!;
    const s = statsOf(save)!;
    const p = statsOf(trips.ping)!;
    const m = statsOf(trips.save)!;
    console.log(`intel capture in Chromium (headless), the issue's example page, ${RUNS} runs after one warm-up; median (min–max), ms`);
    console.log(`command → form ready (price parsed and shown)     ${ms(f)}   target ≤ ${FORM_TARGET_MS}: ${f.median <= FORM_TARGET_MS ? 'met' : 'MISSED'}`);
    console.log(`  baseline: inject a script that draws one element ${ms(b)}   form ×${(f.median / Math.max(b.median, 1)).toFixed(1)} the baseline`);
    console.log(`  the first capture after start (compiles the form's code)  ${firstForm}`);
    console.log(`click Save → "saved" shown                        ${ms(s)}   target ≤ ${SAVE_TARGET_MS}: ${s.median <= SAVE_TARGET_MS ? 'met' : 'MISSED'}`);
    console.log(`  the form's checks (click → message sent)        ${ms(statsOf(savePhases.checks)!, 1)}`);
    console.log(`  the save in the background (sent → answered)    ${ms(statsOf(savePhases.message)!, 1)}`);
    console.log(`  the notice (answered → "saved" rendered)        ${ms(statsOf(savePhases.notice)!, 1)}`);
    console.log(`  intel.save round trip from an extension page    ${ms(m, 1)}`);
    console.log(`  baseline: ping round trip                       ${ms(p, 1)}   intel.save ×${(m.median / Math.max(p.median, 0.01)).toFixed(1)} the baseline`);
    console.log(`interactions from the command to saved: ${[...new Set(interactions)].join(' / ')} (target ≤ 3)`);
  } finally {
    await session.close();
    rmSync(dirname(snapshot.dir), { recursive: true, force: true });
  }
}
