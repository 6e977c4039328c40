/**
 * The fault-injection suite (issue #4): records created and edited offline, then synced through
 * the real HubSpot adapter to the simulator under random faults — dropped connections, 5xx, 429s,
 * "processed but response lost", malformed answers — and service-worker restarts at random points
 * of a drain (the engine instance is abandoned and a new one built on the same database). Every
 * run asserts the simulator holds exactly the expected records, once each, with their latest
 * content. `FAULT_RUNS` and `FAULT_SEED` replay or widen it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteRecord, saveRecord } from '../../lib/store/records';
import type { FieldkitDatabase } from '../../lib/store/database';
import { SyncEngine } from '../../lib/sync/engine';
import { listConflicts } from '../../lib/sync/conflicts';
import { createRandom, type Random } from '../../sim/prng';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import type { ScriptedFault } from '../../sim/faults';
import { DEALER_ID, freshDatabase, intelDraft, REP, visitDraft } from '../fixtures/records';
import { Dealer } from '../../lib/dealers/schema';
import { recreateEntry } from '../../lib/sync/batch';
import { archiveObject } from '../../sim/write';
import { SimulatedCrash, virtualClock } from './fake-port';
import { adapterFor, notesByLocalId, payloadOf, portFor, SIM_TOKEN, withoutLink } from './sim-harness';
import { bytesOf, jpegDataUrl } from '../crm/helpers';

const RUNS = Number(process.env.FAULT_RUNS ?? 200);
const SEARCH_LAG_MS = 3_000;
const BASE_SEED = Number(process.env.FAULT_SEED ?? 20261123);

interface Totals {
  runs: number;
  records: number;
  requests: number;
  faults: Record<string, number>;
  restarts: number;
  lost: number;
  duplicated: number;
  stale: number;
  unexpected: number;
  /** One device only, so any conflict copy here is a false alarm (harmless, but noise). */
  conflictCopies: number;
  /** Intel items with a screenshot, and those whose note does not list exactly that image once. */
  screenshots: number;
  staleAttachments: number;
  /** Files uploaded more than once under the same name (a lost upload answer not found again). */
  duplicatedFiles: number;
  /** Notes and companies someone deleted in HubSpot mid-run, and the ways out the rep then took. */
  deletedNotes: number;
  deletedCompanies: number;
  recreated: number;
  acceptedDeletions: number;
  refiled: number;
  /** Records parked for a reason with no way out, still parked at the end. */
  unreachable: number;
}

/** The dealers the run's cards are filed under, linked to two of the simulator's seeded companies. */
const OTHER_DEALER_ID = '01JD0000000000000000000002';
const DEALERS = [
  { id: DEALER_ID, name: '华东润滑油经销有限公司', company: '20001' },
  { id: OTHER_DEALER_ID, name: '苏州汽配城', company: '20002' },
].map(({ id, name, company }) =>
  Dealer.parse({ id, schemaVersion: 1, author: REP, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', name, crm: { objectId: company, objectType: 'companies', syncedAt: '2026-11-01T00:00:00.000Z', syncedVersion: '2026-11-01T00:00:00.000Z' } }),
);

let sim: HubSpotSim;
beforeAll(async () => {
  // No real rate limit: 429s come from injected faults, and the engine runs on virtual time.
  // Search lags writes as on HubSpot (sim/strict.ts), on each run's virtual clock: a retried create
  // or delete looks the note up within the lag, and must not believe the miss.
  sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 10_000_000, strict: { searchLagMs: SEARCH_LAG_MS } });
});
afterAll(() => sim.close());

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

async function editRandom(db: FieldkitDatabase, random: Random, ids: string[], now: number, label: string): Promise<void> {
  const id = pick(random, ids);
  const table = (await db.visitCards.get(id)) ? 'visitCards' : 'intelItems';
  const record = await db.table(table).get(id);
  if (!record || record.deletedAt) return;
  if (random() < 0.08) {
    await deleteRecord(db, table, id, { author: REP, now: new Date(now) });
    return;
  }
  const change =
    table === 'visitCards'
      ? { note: `${label}`, orderQuantity: Math.floor(random() * 100) }
      : random() < 0.15
        ? { sourceText: label, screenshot: screenshot(random) } // a new screenshot: a new file
        : { sourceText: label };
  await saveRecord(db, table, { ...record, ...change }, { author: REP, now: new Date(now) });
}

/** A small JPEG-typed data URL (1–8 KB: the path is the same as for 400 KB, the suite stays fast). */
function screenshot(random: Random): string {
  return jpegDataUrl(1_000 + Math.floor(random() * 7_000), Math.floor(random() * 2 ** 31));
}

async function oneRun(run: number, totals: Totals): Promise<void> {
  const seed = BASE_SEED + run;
  const random = createRandom(seed);
  const db = freshDatabase(`fault-run-${run}`);
  const clock = virtualClock(Date.now());
  const ids: string[] = [];
  // Each run starts from an empty portal, so "exactly the expected records" is checkable.
  sim.reset();
  sim.setClock(clock.now);
  sim.setConfig({ rate: 10_000_000 });
  await adapterFor(sim).ensureSchema();
  // Put directly (no outbox entry): the dealers came from this portal's companies.
  await db.dealers.bulkPut(DEALERS);

  // Offline: create and edit.
  const creates = 2 + Math.floor(random() * 12);
  for (let i = 0; i < creates; i++) {
    clock.advance(1_000);
    const at = { author: REP, now: new Date(clock.now()) };
    const record = random() < 0.7
      ? await saveRecord(db, 'visitCards', visitDraft({ note: `run ${run} card ${i}` }), at)
      : await saveRecord(db, 'intelItems', intelDraft({ sourceText: `run ${run} intel ${i}`, ...(random() < 0.4 ? { screenshot: screenshot(random) } : {}) }), at);
    ids.push(record.id);
  }
  const offlineEdits = Math.floor(random() * creates);
  for (let i = 0; i < offlineEdits; i++) {
    clock.advance(1_000);
    await editRandom(db, random, ids, clock.now(), `offline edit ${i}`);
  }

  // Online, under faults.
  const script: ScriptedFault[] = random() < 0.3 ? [pick(random, ['malformed', 'wrong-shape', 'lost', 'drop'] as const)] : [];
  sim.setFaults({
    seed,
    dropRate: random() * 0.2,
    errorRate: random() * 0.2,
    rateLimitRate: random() * 0.15,
    lostResponseRate: random() * 0.25,
    retryAfterSeconds: 1 + Math.floor(random() * 5),
    script,
  });
  const crashRate = random() * 0.15;
  // Half the runs also pull before pushing, as the extension does, so merges run under faults too.
  const pullBeforePush = random() < 0.5;
  // Someone deletes things in HubSpot while Fieldkit works: a note or two of this run's records
  // (which the rep then edits, so the engine meets the gap), or the first dealer's company.
  const deleteNotesAt = random() < 0.3 ? 2 + Math.floor(random() * 10) : -1;
  const deleteCompanyAt = random() < 0.2 ? 1 + Math.floor(random() * 10) : -1;
  sim.clearRequests();

  let converged = false;
  for (let round = 0; round < 60 && !converged; round++) {
    if (round === 40) sim.setFaults({}); // the network heals eventually; the engine must then converge
    const engine = new SyncEngine({
      db,
      port: portFor(sim, db),
      now: clock.now,
      sleep: clock.sleep,
      random,
      pullBeforePush,
      checkpoint: async (stage) => {
        if (round < 40 && random() < crashRate) throw new SimulatedCrash(`worker stopped at ${stage}`);
        // Edits while a push is in flight.
        if (stage === 'claimed' && random() < 0.1) await editRandom(db, random, ids, clock.now(), `edit in flight r${round}`);
      },
    });
    try {
      await engine.drain();
    } catch (error) {
      if (!(error instanceof SimulatedCrash)) throw error;
      totals.restarts += 1;
    }
    if (random() < 0.15) {
      clock.advance(500);
      await editRandom(db, random, ids, clock.now(), `edit between drains r${round}`);
    }
    if (round === deleteNotesAt) {
      const live = ids.filter((id) => (notesByLocalId(sim).get(id)?.length ?? 0) > 0);
      for (const id of live.slice(0, 1 + Math.floor(random() * 2))) {
        for (const note of notesByLocalId(sim).get(id)!) archiveObject(sim.state, 'notes', note.id);
        totals.deletedNotes += 1;
        clock.advance(500);
        const table = (await db.visitCards.get(id)) ? 'visitCards' : 'intelItems';
        const record = await db.table(table).get(id);
        if (record && !record.deletedAt) await saveRecord(db, table, { ...record, ...(table === 'visitCards' ? { note: `after the note was deleted r${round}` } : { sourceText: `after the note was deleted r${round}` }) }, { author: REP, now: new Date(clock.now()) });
      }
    }
    if (round === deleteCompanyAt) {
      archiveObject(sim.state, 'companies', DEALERS[0]!.crm!.objectId);
      totals.deletedCompanies += 1;
      clock.advance(500);
      await saveRecord(db, 'visitCards', visitDraft({ note: `run ${run} after the company was deleted` }), { author: REP, now: new Date(clock.now()) }).then((card) => ids.push(card.id));
    }
    // The rep takes the way out the sync panel offers for each parked record.
    for (const parked of await db.outbox.where('status').equals('needsAttention').toArray()) {
      clock.advance(500);
      const at = { author: REP, now: new Date(clock.now()) };
      if (parked.lastError?.kind === 'deleted-in-crm') {
        if (random() < 0.5) {
          await recreateEntry(db, parked.id, clock.now());
          totals.recreated += 1;
        } else {
          await deleteRecord(db, parked.table as 'visitCards' | 'intelItems', parked.recordId, at);
          totals.acceptedDeletions += 1;
        }
      } else if (parked.lastError?.kind === 'dealer-gone') {
        const card = await db.visitCards.get(parked.recordId);
        if (card) await saveRecord(db, 'visitCards', { ...card, dealerId: OTHER_DEALER_ID }, at);
        totals.refiled += 1;
      }
    }
    const open = await db.outbox.where('status').anyOf('pending', 'inFlight', 'needsAttention').count();
    converged = open === 0 && round > Math.max(deleteNotesAt, deleteCompanyAt);
    // Time passes: leases of dead drains expire, backoffs and in-flight holds run out.
    clock.advance(2 * 60_000 + Math.floor(random() * 10 * 60_000));
  }

  for (const entry of sim.requests) {
    totals.requests += 1;
    if (entry.fault) totals.faults[entry.fault] = (totals.faults[entry.fault] ?? 0) + 1;
  }
  sim.setFaults({});

  const notes = notesByLocalId(sim);
  for (const id of ids) {
    totals.records += 1;
    const local = (await db.visitCards.get(id)) ?? (await db.intelItems.get(id));
    const copies = notes.get(id) ?? [];
    if (copies.length === 0) {
      // A record deleted before it ever reached the CRM rightly has no note.
      if (!local?.deletedAt) totals.lost += 1;
      continue;
    }
    if (copies.length > 1) totals.duplicated += copies.length - 1;
    // The screenshot travels as a file, never in the payload.
    const { screenshot: shot, ...expected } = withoutLink(local!) as Record<string, unknown>;
    const { fieldkitAttached: _attached, ...payload } = payloadOf(copies[0]!);
    if (!isEqualDeep(payload, expected)) totals.stale += 1;
    if (typeof shot === 'string' && !local!.deletedAt) {
      totals.screenshots += 1;
      const files = (copies[0]!.properties.hs_attachment_ids ?? '').split(';').filter(Boolean).map((fileId) => sim.state.file(fileId));
      if (files.length !== 1 || !files[0]?.bytes.equals(bytesOf(shot))) totals.staleAttachments += 1;
    }
  }
  const names = [...sim.state.files.values()].map((f) => f.name);
  totals.duplicatedFiles += names.length - new Set(names).size;
  totals.conflictCopies += (await listConflicts(db)).length;
  // Nothing else: no note for a record this run never wrote.
  totals.unexpected += [...notes.keys()].filter((id) => !ids.includes(id)).length;
  totals.unreachable += await db.outbox.where('status').equals('needsAttention').count();
  if (!converged) {
    const open = await db.outbox.where('status').anyOf('pending', 'inFlight', 'needsAttention').toArray();
    throw new Error(`run ${run} (seed ${seed}) did not converge: ${JSON.stringify(open).slice(0, 1500)}`);
  }
  await db.delete();
}

function isEqualDeep(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}

describe('fault injection', () => {
  it(`${RUNS} randomised runs: nothing lost, nothing duplicated, latest content everywhere`, { timeout: 400_000 }, async () => {
    const totals: Totals = {
      runs: 0,
      records: 0,
      requests: 0,
      faults: {},
      restarts: 0,
      lost: 0,
      duplicated: 0,
      stale: 0,
      unexpected: 0,
      conflictCopies: 0,
      screenshots: 0,
      staleAttachments: 0,
      duplicatedFiles: 0,
      deletedNotes: 0,
      deletedCompanies: 0,
      recreated: 0,
      acceptedDeletions: 0,
      refiled: 0,
      unreachable: 0,
    };
    const started = Date.now();
    const first = Number(process.env.FAULT_FIRST ?? 0);
    for (let run = first; run < first + RUNS; run++) {
      await oneRun(run, totals);
      totals.runs += 1;
    }
    const injected = Object.values(totals.faults).reduce((a, b) => a + b, 0) + totals.restarts;
    console.log(
      `[fault-suite] runs=${totals.runs} records=${totals.records} requests=${totals.requests} ` +
        `faults injected=${injected} (${Object.entries(totals.faults).map(([k, v]) => `${k}:${v}`).join(' ')} sw-restart:${totals.restarts}) ` +
        `lost=${totals.lost} duplicated=${totals.duplicated} stale=${totals.stale} unexpected=${totals.unexpected} conflict-copies=${totals.conflictCopies} ` +
        `screenshots=${totals.screenshots} stale-attachments=${totals.staleAttachments} duplicated-files=${totals.duplicatedFiles} ` +
        `deleted in HubSpot: notes=${totals.deletedNotes} (recreated=${totals.recreated} deletion-accepted=${totals.acceptedDeletions}) companies=${totals.deletedCompanies} (refiled=${totals.refiled}) unreachable=${totals.unreachable} ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(totals.lost).toBe(0);
    expect(totals.duplicated).toBe(0);
    expect(totals.stale).toBe(0);
    expect(totals.unexpected).toBe(0);
    expect(totals.conflictCopies).toBe(0);
    expect(totals.screenshots).toBeGreaterThan(0);
    expect(totals.staleAttachments).toBe(0);
    expect(totals.duplicatedFiles).toBe(0);
    expect(totals.unreachable).toBe(0);
    // The deletions did happen, and their ways out were taken.
    if (RUNS >= 100) {
      expect(totals.deletedNotes).toBeGreaterThan(0);
      expect(totals.recreated + totals.acceptedDeletions).toBeGreaterThan(0);
      expect(totals.refiled).toBeGreaterThan(0);
    }
  });
});
