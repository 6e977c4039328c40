/**
 * Sync throughput against the HubSpot simulator at HubSpot's lower private-app limit (100 requests
 * per rolling 10 s), with every strictness on (sim/strict.ts STRICT: search lag, 5 searches/s,
 * all-or-nothing batch updates, …). Push: the ceiling is 100 inputs × 10 requests/s = 1,000
 * records/s; a naive one-request-per-record sync is measured in the same run as the baseline.
 * Pull: a second device pulls every note back by search, whose ceiling is 5 searches/s × 100 per
 * page = 500 records/s. 429s are printed by policy (TEN_SECONDLY_ROLLING, SECONDLY for search).
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { FieldkitDatabase } from '../lib/store/database';
import { saveRecord } from '../lib/store/records';
import { createHubSpotAdapter } from '../lib/crm/hubspot';
import { SyncEngine } from '../lib/sync/engine';
import { startHubSpotSim, type HubSpotSim } from '../sim/server';
import { STRICT } from '../sim/strict';

const RECORDS = Number(process.env.BENCH_SYNC_RECORDS ?? 10_000);
const RATE = 100; // requests per 10 s
const CEILING = 100 * (RATE / 10); // records per second
const PULL_CEILING = STRICT.searchPerSecond * 100; // 100 notes a page
const NAIVE_SECONDS = Number(process.env.BENCH_SYNC_NAIVE_SECONDS ?? 20);
const TOKEN = 'bench-token';
const REP = { id: '101', name: '张伟' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function queue(db: FieldkitDatabase, count: number, dealerIds: string[]): Promise<void> {
  for (let i = 0; i < count; i++) {
    await saveRecord(
      db,
      'visitCards',
      {
        dealerId: dealerIds[i % dealerIds.length]!,
        visitDay: '2026-11-23',
        isoWeek: '2026-W48',
        currentInventory: i % 90,
        orderQuantity: i % 40,
        unit: '箱',
        orderedSkus: ['HX7-4L'],
        requiredSkus: [{ sku: 'HX7-4L', carried: true }],
        recentPurchases: [],
        actions: { checkedInventory: true, didDisplay: true, tookOrder: i % 2 === 0, recommendedNewProducts: false },
        keyAccount: false,
        note: `拜访记录 ${i}`,
      },
      { author: REP },
    );
  }
}

async function prepare(sim: HubSpotSim, count: number, name = `bench-${sim.port}`) {
  const db = new FieldkitDatabase({ name, indexedDB: new IDBFactory(), IDBKeyRange });
  const adapter = createHubSpotAdapter({ baseUrl: sim.url, token: TOKEN });
  await adapter.ensureSchema();
  const setupEngine = new SyncEngine({ db, port: adapter });
  await setupEngine.pull('dealers');
  const dealerIds = (await db.dealers.toArray()).map((d) => d.id);
  const setupDone = Date.now();
  await queue(db, count, dealerIds);
  // Let the setup requests leave the rate-limit window so the measurement starts clean.
  await sleep(Math.max(0, setupDone + 10_500 - Date.now()));
  sim.clearRequests();
  return { db, adapter };
}

function count429(sim: HubSpotSim): number {
  return sim.requests.filter((r) => r.status === 429).length;
}

/** "0" or "3 (TEN_SECONDLY_ROLLING 2, SECONDLY 1)". */
function byPolicy(requests: HubSpotSim['requests']): string {
  const limited = requests.filter((r) => r.status === 429);
  if (limited.length === 0) return '0';
  const counts = new Map<string, number>();
  for (const r of limited) counts.set(r.policy ?? 'unknown', (counts.get(r.policy ?? 'unknown') ?? 0) + 1);
  return `${limited.length} (${[...counts].map(([policy, n]) => `${policy} ${n}`).join(', ')})`;
}

export async function run(): Promise<void> {
  const batchedSim = await startHubSpotSim({ port: 0, token: TOKEN, rate: RATE, strict: STRICT });
  const naiveSim = await startHubSpotSim({ port: 0, token: TOKEN, rate: RATE, strict: STRICT });
  try {
    const queuedAt = Date.now();
    const batched = await prepare(batchedSim, RECORDS);
    console.log(`queued ${RECORDS} visit cards in Dexie (fake-indexeddb) in ${((Date.now() - queuedAt) / 1000).toFixed(1)} s (incl. 10 s window cool-down)`);

    const engine = new SyncEngine({ db: batched.db, port: batched.adapter });
    const started = Date.now();
    const result = await engine.drain();
    const seconds = (Date.now() - started) / 1000;
    const pushed = result.pushed;
    const notes = batchedSim.state.list('notes').length;
    const requests = batchedSim.requests.length;
    const batchedRate = pushed / seconds;
    const batched429 = byPolicy(batchedSim.requests);
    // Steady state: everything after the first full window.
    const firstWindowEnd = started + 10_000;
    const steady429 = byPolicy(batchedSim.requests.filter((r) => Date.parse(r.time) > firstWindowEnd));

    // A second device pulls them all back, once the search index has them and the window is clear.
    const reader = new FieldkitDatabase({ name: `bench-reader-${batchedSim.port}`, indexedDB: new IDBFactory(), IDBKeyRange });
    const readerEngine = new SyncEngine({ db: reader, port: createHubSpotAdapter({ baseUrl: batchedSim.url, token: TOKEN }) });
    await readerEngine.pull('dealers');
    await sleep(Math.max(STRICT.searchLagMs, 10_500));
    batchedSim.clearRequests();
    const pullStarted = Date.now();
    const pull = await readerEngine.pull('records');
    const pullSeconds = (Date.now() - pullStarted) / 1000;
    const pulled = await reader.visitCards.count();
    const pullRate = pulled / pullSeconds;
    const pullRequests = batchedSim.requests.length;
    const pull429 = byPolicy(batchedSim.requests);
    const pullSteady429 = byPolicy(batchedSim.requests.filter((r) => Date.parse(r.time) > pullStarted + 10_000));

    const naive = await prepare(naiveSim, 1_000);
    // Naive: one request per record, no pacing; it only reacts to 429s (as HubSpot's client does).
    const naiveEngine = new SyncEngine({
      db: naive.db,
      port: naive.adapter,
      batchSize: 1,
      maxDrainMs: NAIVE_SECONDS * 1000,
      pacer: { delayBeforeNext: () => 0, recordSend: () => undefined },
      failurePolicy: { maxAttempts: 1_000 },
    });
    const naiveStarted = Date.now();
    const naiveResult = await naiveEngine.drain();
    const naiveSeconds = (Date.now() - naiveStarted) / 1000;
    const naiveRate = naiveResult.pushed / naiveSeconds;

    const pct = (rate: number) => `${((rate / CEILING) * 100).toFixed(1)}%`;
    console.log(`strict simulator (search lag ${STRICT.searchLagMs} ms, ${STRICT.searchPerSecond} searches/s, all-or-nothing batch updates); limit ${RATE} requests / 10 s → push ceiling ${CEILING} records/s (100 inputs × ${RATE / 10} requests/s)`);
    console.log(
      `push: ${pushed} records (${notes} notes in the simulator) in ${seconds.toFixed(2)} s with ${requests} requests → ` +
        `${batchedRate.toFixed(0)} records/s = ${pct(batchedRate)} of ceiling; 429s: ${batched429} (steady state: ${steady429})`,
    );
    console.log(
      `pull (second device, ${pull.outcome}): ${pulled} records in ${pullSeconds.toFixed(2)} s with ${pullRequests} requests → ` +
        `${pullRate.toFixed(0)} records/s = ${((pullRate / PULL_CEILING) * 100).toFixed(1)}% of the search ceiling (${PULL_CEILING} records/s); 429s: ${pull429} (steady state: ${pullSteady429})`,
    );
    console.log(
      `naive sync (1 request per record, ${naiveSeconds.toFixed(1)} s sample): ${naiveResult.pushed} records → ` +
        `${naiveRate.toFixed(1)} records/s = ${pct(naiveRate)} of ceiling; 429s: ${count429(naiveSim)}; ` +
        `${RECORDS} records would take ${(RECORDS / naiveRate / 60).toFixed(1)} min`,
    );
    console.log(`speed-up batched vs naive: ×${(batchedRate / naiveRate).toFixed(0)}`);
  } finally {
    await batchedSim.close();
    await naiveSim.close();
  }
}
