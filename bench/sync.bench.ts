/**
 * Sync throughput against the HubSpot simulator at HubSpot's lower private-app limit (100 requests
 * per rolling 10 s). The ceiling is 100 inputs × 10 requests/s = 1,000 records/s; the engine's
 * batching + pacing is measured against it, and a naive one-request-per-record sync is measured in
 * the same run as the baseline.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { FieldkitDatabase } from '../lib/store/database';
import { saveRecord } from '../lib/store/records';
import { createHubSpotAdapter } from '../lib/crm/hubspot';
import { SyncEngine } from '../lib/sync/engine';
import { startHubSpotSim, type HubSpotSim } from '../sim/server';

const RECORDS = Number(process.env.BENCH_SYNC_RECORDS ?? 10_000);
const RATE = 100; // requests per 10 s
const CEILING = 100 * (RATE / 10); // records per second
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

async function prepare(sim: HubSpotSim, count: number) {
  const db = new FieldkitDatabase({ name: `bench-${sim.port}`, indexedDB: new IDBFactory(), IDBKeyRange });
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

export async function run(): Promise<void> {
  const batchedSim = await startHubSpotSim({ port: 0, token: TOKEN, rate: RATE });
  const naiveSim = await startHubSpotSim({ port: 0, token: TOKEN, rate: RATE });
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
    const batched429 = count429(batchedSim);
    // Steady state: everything after the first full window.
    const firstWindowEnd = started + 10_000;
    const steady429 = batchedSim.requests.filter((r) => r.status === 429 && Date.parse(r.time) > firstWindowEnd).length;

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
    console.log(`simulator limit: ${RATE} requests / 10 s → ceiling ${CEILING} records/s (100 inputs × ${RATE / 10} requests/s)`);
    console.log(
      `batched sync: ${pushed} records (${notes} notes in the simulator) in ${seconds.toFixed(2)} s with ${requests} requests → ` +
        `${batchedRate.toFixed(0)} records/s = ${pct(batchedRate)} of ceiling; 429s: ${batched429} (steady state: ${steady429})`,
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
