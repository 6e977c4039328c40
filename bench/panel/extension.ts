/**
 * The KPI panel on HubSpot in real Chromium with the built extension (a private copy of
 * .output/chrome-mv3): HubSpot's app served from the saved fixture pages at its real URLs
 * (as test/e2e/hubspot-panel.e2e.test.ts does), dealers linked to companies written straight to
 * the extension's IndexedDB, then:
 * - in-app navigation: `history.pushState` from one dealer's company record to another's and back,
 *   timed in the pages themselves, from just before the pushState (host page clock) to the frame
 *   showing the other dealer's name in its heading, after the next frame is rendered (panel
 *   frame clock: both are `Date.now()` of the same machine, 1 ms resolution);
 * - the baseline, a full page load (`goto`) of the record: from the host document's navigation
 *   start (`performance.timeOrigin`) to the same moment in the new frame (watched from the frame's
 *   first script on, an init script).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Frame } from 'playwright-core';
import { launchExtension } from '../../test/e2e/fixtures';
import { today } from '../../lib/kernel/dates';
import { dealerRecords, rowsByTable, TABLES, type DealerSpec } from './fixture';
import { statsOf, type Stats } from './harness';

const FIXTURES = resolve('test/e2e/fixtures/hubspot');
const PORTAL = '123456';
export const recordUrl = (companyId: string) => `https://app.hubspot.com/contacts/${PORTAL}/record/0-2/${companyId}`;
const ROWS_PER_CALL = 5000;
/** FIELDKIT_BENCH_DEBUG=1: every step of the navigation bench as it happens. */
const debug = process.env.FIELDKIT_BENCH_DEBUG === '1' ? (message: string) => console.log(`  [${new Date().toISOString().slice(11, 23)}] ${message}`) : () => undefined;

export interface Session {
  context: BrowserContext;
  extensionId: string;
  version: string;
  close(): Promise<void>;
}

/** The built extension from the given folder, in English, with HubSpot's pages served at their URLs. */
export async function launch(extensionDir: string): Promise<Session> {
  const session = await launchExtension({ locale: 'en', extensionPath: extensionDir });
  const { context, extensionId, serviceWorker } = session;
  const pages = { company: 'company-record.html', contact: 'contact-record.html', deal: 'deal-record.html', list: 'companies-list.html' };
  const body = Object.fromEntries(Object.entries(pages).map(([kind, file]) => [kind, readFileSync(join(FIXTURES, file), 'utf8')])) as Record<keyof typeof pages, string>;
  await context.route('https://app.hubspot.com/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    const kind = /\/record\/0-2\//.test(path) ? 'company' : /\/record\/0-1\//.test(path) ? 'contact' : /\/record\/0-3\//.test(path) ? 'deal' : 'list';
    return route.fulfill({ contentType: 'text/html; charset=utf-8', body: body[kind] });
  });
  const version = context.browser()?.version() ?? (await serviceWorker.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? '?'));
  return {
    context,
    extensionId,
    version,
    close: () => session.close(),
  };
}

export interface SeededDealer {
  spec: DealerSpec;
  name: string;
  cards: number;
}

/**
 * Writes the dealers' records into the extension's database from one of its pages (options.html,
 * which opens the database through Dexie first, so the stores exist).
 */
export async function seedExtension(session: Session, specs: readonly DealerSpec[]): Promise<{ dealers: SeededDealer[]; ms: number }> {
  const started = Date.now();
  const page = await session.context.newPage();
  try {
    await page.goto(`chrome-extension://${session.extensionId}/options.html`);
    await page.waitForSelector('#root > *', { timeout: 15_000 });
    // Dexie has created the stores (its IndexedDB version is 10 × its own); a bare open before that would create an empty database.
    const until = Date.now() + 15_000;
    while (!(await page.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'fieldkit' && (d.version ?? 0) > 1)))) {
      if (Date.now() > until) throw new Error("the extension's options page did not open its database");
      await page.waitForTimeout(100);
    }
    const day = today();
    const dealers: SeededDealer[] = [];
    for (const spec of specs) {
      const records = dealerRecords(spec, day);
      const rows = rowsByTable(records);
      for (const table of TABLES) {
        for (let i = 0; i < rows[table].length; i += ROWS_PER_CALL) {
          // As a JSON string: Playwright's serialisation of a large object graph is far slower.
          await page.evaluate(
            ({ table, json }) =>
              new Promise<void>((done, fail) => {
                const rows = JSON.parse(json) as object[];
                const open = indexedDB.open('fieldkit');
                open.onerror = () => fail(open.error);
                open.onsuccess = () => {
                  const db = open.result;
                  if (!db.objectStoreNames.contains(table)) {
                    db.close();
                    fail(new Error(`the extension's database has no ${table} store`));
                    return;
                  }
                  const tx = db.transaction(table, 'readwrite', { durability: 'relaxed' });
                  const store = tx.objectStore(table);
                  for (const row of rows) store.put(row);
                  tx.oncomplete = () => {
                    db.close();
                    done();
                  };
                  tx.onerror = () => fail(tx.error);
                };
              }),
            { table, json: JSON.stringify(rows[table].slice(i, i + ROWS_PER_CALL)) },
          );
        }
      }
      dealers.push({ spec, name: records.dealer.name, cards: records.cards.length });
    }
    return { dealers, ms: Date.now() - started };
  } finally {
    await page.close();
  }
}

type Win = Window & { __fkShown?: Promise<number>; __fkHashAt?: Promise<number> };

/**
 * In the panel frame: `window.__fkShown` resolves with `Date.now()` once the heading shows the
 * dealer's name and the next frame is rendered. Plain JavaScript in a string: functions that tsx
 * compiled carry helper calls (`__name`) that do not exist in the page.
 */
const WATCH_HEADING = `(name) => {
  window.__fkShown = new Promise((resolve) => {
    const shown = () => document.querySelector('[data-testid="dealer-panel"] h2, [data-testid="dealer-panel"] h3')?.textContent === name;
    const done = () => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(Date.now());
      channel.port2.postMessage(undefined);
    });
    if (shown()) return done();
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      done();
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  });
}`;
const watchHeading = (name: string) => `(${WATCH_HEADING})(${JSON.stringify(name)})`;

export interface NavigationResult {
  /**
   * In-app navigation to each dealer (the other one's record before it), ms; and the background's
   * answer for that dealer alone (`panel.ofCompany` sent from the panel frame), ms and JSON bytes.
   */
  to: { dealer: SeededDealer; stats: Stats | undefined; answer: { stats: Stats | undefined; bytes: number | undefined } }[];
  /** Full page loads of `loaded`'s record (the first dealer), ms. */
  load: Stats | undefined;
  loaded: SeededDealer;
  /** From the pushState to the panel frame's hash change (the content script followed), ms. */
  hash: Stats | undefined;
  errors: string[];
}

/**
 * `runs` rounds, the first one a warm-up: a full load of `a`'s record, then in-app to `b` and back
 * to `a`. A timed step that does not show the dealer within `timeoutMs` is an error, not a sample.
 */
export async function measureNavigation(session: Session, a: SeededDealer, b: SeededDealer, runs: number, timeoutMs: number): Promise<NavigationResult> {
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const panelFrame = async (): Promise<Frame> => {
    const prefix = `chrome-extension://${session.extensionId}/hubspot-panel.html`;
    const until = Date.now() + timeoutMs;
    for (;;) {
      const frame = page.frames().find((f) => f.url().startsWith(prefix));
      if (frame) return frame;
      if (Date.now() > until) throw new Error('no panel frame');
      await page.waitForTimeout(5);
    }
  };
  const shownWithin = async (frame: Frame): Promise<number> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      return await Promise.race([
        frame.evaluate(() => {
          const shown = (window as Win).__fkShown;
          if (!shown) throw new Error('the panel frame has no heading watcher');
          return shown;
        }),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not shown within ${timeoutMs} ms`)), timeoutMs))),
      ]);
    } finally {
      clearTimeout(timer);
    }
  };

  // Each new panel document watches for its record's dealer from its first script on.
  const framed = `chrome-extension://${session.extensionId}/hubspot-panel.html#`;
  const names = Object.fromEntries([a, b].map((d) => [d.spec.companyId, d.name]));
  await page.addInitScript({
    content: `if (location.href.startsWith(${JSON.stringify(framed)})) { const name = ${JSON.stringify(names)}[location.hash.split('/')[1]]; if (name) (${WATCH_HEADING})(name); }`,
  });

  /** A full load of the dealer's record, until the panel shows it. */
  const load = async (dealer: SeededDealer): Promise<number> => {
    await page.goto(recordUrl(dealer.spec.companyId));
    const shown = await shownWithin(await panelFrame());
    const start = await page.evaluate(() => performance.timeOrigin);
    return shown - start;
  };
  /** In-app from the record shown to `dealer`'s; also when the frame got the new record (its hash). */
  const navigate = async (dealer: SeededDealer): Promise<number> => {
    const frame = await panelFrame();
    // (`; undefined`: evaluate must not wait for the promises it sets up.)
    await frame.evaluate(`${watchHeading(dealer.name)}; window.__fkHashAt = new Promise((resolve) => addEventListener('hashchange', () => resolve(Date.now()), { once: true })); undefined`);
    const start = await page.evaluate((url) => {
      const t = Date.now();
      history.pushState({}, '', url);
      return t;
    }, recordUrl(dealer.spec.companyId));
    const shown = await shownWithin(frame);
    hashes.push((await frame.evaluate(() => (window as Win).__fkHashAt!)) - start);
    return shown - start;
  };
  const hashes: number[] = [];
  let hashFrom = 0;

  /** The background's answer alone: the frame's `panel.ofCompany` request, sent as CompanyPanel sends it. */
  const answer = async (dealer: SeededDealer): Promise<{ ms: number; bytes: number }> => {
    const frame = await panelFrame();
    return frame.evaluate(async (payload) => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime;
      const started = performance.now();
      const reply = (await runtime.sendMessage({ type: 'panel.ofCompany', payload })) as { ok?: boolean; data?: { kind?: string } };
      const ms = performance.now() - started;
      if (!reply?.ok || reply.data?.kind !== 'dealer') throw new Error(`unexpected answer: ${JSON.stringify(reply).slice(0, 200)}`);
      return { ms, bytes: JSON.stringify(reply).length };
    }, { portalId: PORTAL, companyId: dealer.spec.companyId });
  };

  const loads: number[] = [];
  const toA: number[] = [];
  const toB: number[] = [];
  const answers: Record<string, number[]> = { [a.spec.companyId]: [], [b.spec.companyId]: [] };
  const bytes: Record<string, number> = {};
  const sample = async (list: number[], step: () => Promise<number>, warmup: boolean, label: string) => {
    try {
      debug(`${label}${warmup ? ' (warm-up)' : ''} …`);
      const value = await step();
      debug(`${label}: ${value.toFixed(0)} ms`);
      if (!warmup) list.push(value);
    } catch (error) {
      errors.push(`${label}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  };
  try {
    for (let run = 0; run <= runs; run++) {
      const warmup = run === 0;
      await sample(loads, () => load(a), warmup, `load ${a.spec.companyId}`);
      await sample(toB, () => navigate(b), warmup, `to ${b.spec.companyId}`);
      await sample(toA, () => navigate(a), warmup, `to ${a.spec.companyId}`);
      if (warmup) hashFrom = hashes.length;
    }
    for (let run = 0; run < runs; run++) {
      for (const dealer of [a, b]) {
        await sample(
          answers[dealer.spec.companyId]!,
          async () => {
            const reply = await answer(dealer);
            bytes[dealer.spec.companyId] = reply.bytes;
            return reply.ms;
          },
          false,
          `answer ${dealer.spec.companyId}`,
        );
      }
    }
  } finally {
    await page.close();
  }
  const answerOf = (dealer: SeededDealer) => ({ stats: statsOf(answers[dealer.spec.companyId]!), bytes: bytes[dealer.spec.companyId] });
  return {
    to: [
      { dealer: b, stats: statsOf(toB), answer: answerOf(b) },
      { dealer: a, stats: statsOf(toA), answer: answerOf(a) },
    ],
    load: statsOf(loads),
    loaded: a,
    hash: statsOf(hashes.slice(hashFrom)),
    errors,
  };
}
