/**
 * The competitor dictionary reaches every device through the CRM (the simulator): entries are
 * notes without a dealer, readable in the pushing device's language. An entry a manager makes on
 * device A reaches device B; a rep's inline addition on B reaches A as pending; A's merge of it
 * reaches B, where intel naming the duplicate then resolves to the survivor.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../lib/sync/engine';
import type { FieldkitDatabase } from '../../lib/store/database';
import { writeSetting } from '../../lib/store/settings';
import { addDictionaryEntry, ensureCompetitorEntry, findEntryByName, loadDictionary, mergeEntries } from '../../lib/intel/dictionary/entries';
import { createResolver } from '../../lib/intel/dictionary/resolve';
import { suggestFromPage } from '../../lib/intel/dictionary/match';
import { pickerDictionary } from '../../lib/intel/dictionary/picker';
import { installSeedDictionary, SEED_IDS } from '../../lib/intel/dictionary/seed';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { freshDatabase } from '../fixtures/records';
import { adapterFor, notesByLocalId, payloadOf, portalOnVirtualTime, portFor, searchCaughtUp, SIM_TOKEN } from './sim-harness';

let sim: HubSpotSim;
/** The devices' and the portal's time: waiting out search lag costs no real time. */
let clock: ReturnType<typeof portalOnVirtualTime>;
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 100_000 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  clock = portalOnVirtualTime(sim);
  sim.reset();
  await adapterFor(sim).ensureSchema();
});

const MANAGER = { author: { id: 'o-manager', name: '王芳' }, role: 'manager' as const };
const REP = { author: { id: 'o-rep', name: 'Zhang Wei' }, role: 'rep' as const };
/** One device's sync (pull, then push), a few seconds after the last one: search has what was written before. */
function sync(db: FieldkitDatabase) {
  clock.advance(searchCaughtUp(sim));
  return new SyncEngine({ db, port: portFor(sim, db, clock), now: clock.now, sleep: clock.sleep, pullBeforePush: true }).drain();
}

async function device(name: string, language: 'zh-CN' | 'en'): Promise<FieldkitDatabase> {
  const db = freshDatabase(name);
  await writeSetting(db, 'language', language);
  return db;
}

describe('the dictionary across devices', () => {
  it('an entry made on device A reaches device B, and a merge made on A reaches B', async () => {
    const a = await device('dictionary-a', 'zh-CN');
    const b = await device('dictionary-b', 'en');
    await installSeedDictionary(a, { author: MANAGER.author });
    const added = await addDictionaryEntry(a, { kind: 'competitor', name: '福斯', aliases: ['FUCHS', 'Fuchs Lubricants'], brands: ['泰坦', 'TITAN'] }, MANAGER);
    const product = await addDictionaryEntry(a, { kind: 'product', competitorId: added.id, brand: '泰坦', name: '福斯泰坦 全合成机油', spec: '5W-30 4L', sku: 'TITAN-5W30-4L', comparesWith: SEED_IDS.ourHx7 }, MANAGER);
    await sync(a);

    // One note per entry, without a dealer, readable in A's language; the record rides in the payload.
    const [note] = notesByLocalId(sim).get(added.id) ?? [];
    expect(note?.properties.fieldkit_record_type).toBe('competitor');
    expect(sim.state.associationsFrom('notes', note!.id, 'companies')).toEqual([]);
    expect(note!.properties.hs_note_body).toContain('竞品词典：竞争对手');
    expect(note!.properties.hs_note_body).toContain('FUCHS、Fuchs Lubricants');
    expect(note!.properties.hs_note_body).not.toContain(added.id);
    expect(payloadOf(note!)).toMatchObject({ name: '福斯', status: 'approved' });
    const [productNote] = notesByLocalId(sim).get(product.id) ?? [];
    expect(productNote!.properties.hs_note_body).toContain('福斯');
    expect(productNote!.properties.hs_note_body).toContain('TITAN-5W30-4L');

    await sync(b);
    expect(await b.competitors.get(added.id)).toMatchObject({ name: '福斯', aliases: ['FUCHS', 'Fuchs Lubricants'], status: 'approved' });
    expect(await b.products.get(product.id)).toMatchObject({ competitorId: added.id, sku: 'TITAN-5W30-4L', comparesWith: SEED_IDS.ourHx7 });
    expect((await loadDictionary(b)).competitors).toHaveLength(6);
    // Nothing B pulled goes back out; and B's capture form now knows the new competitor.
    expect(await b.outbox.count()).toBe(0);
    expect(suggestFromPage({ title: 'FUCHS 福斯泰坦全合成机油 TITAN 5W-30 4L' }, pickerDictionary(await loadDictionary(b)))).toMatchObject({ competitorName: '福斯', sku: 'TITAN-5W30-4L' });

    // A rep on B types a competitor the dictionary does not know: a pending entry, in English in the CRM.
    const inline = await ensureCompetitorEntry(b, 'Mobil Oil China', REP);
    expect(inline).toMatchObject({ created: true, competitor: { status: 'pending' } });
    await sync(b);
    const [pendingNote] = notesByLocalId(sim).get(inline!.competitor.id) ?? [];
    expect(pendingNote!.properties.hs_note_body).toContain('Competitor dictionary: competitor');
    expect(pendingNote!.properties.hs_note_body).toContain('awaiting review');

    // The manager on A sees it pending and merges it into 美孚.
    await sync(a);
    expect(await a.competitors.get(inline!.competitor.id)).toMatchObject({ status: 'pending', author: REP.author });
    await mergeEntries(a, SEED_IDS.mobil, inline!.competitor.id, MANAGER);
    await sync(a);
    expect(payloadOf(notesByLocalId(sim).get(inline!.competitor.id)![0]!)).toMatchObject({ mergedInto: SEED_IDS.mobil });
    expect(notesByLocalId(sim).get(inline!.competitor.id)![0]!.properties.hs_note_body).toContain('已合并到');

    await sync(b);
    expect(await b.competitors.get(inline!.competitor.id)).toMatchObject({ mergedInto: SEED_IDS.mobil, mergedIntoName: '美孚' });
    expect((await b.competitors.get(SEED_IDS.mobil))?.aliases).toContain('Mobil Oil China');
    // On B, intel that named the duplicate rolls up to 美孚, and the name now finds 美孚 itself.
    const dictionary = await loadDictionary(b);
    expect(createResolver(dictionary.competitors, dictionary.products).competitorOf({ competitorId: inline!.competitor.id, competitorName: 'Mobil Oil China' })).toEqual({ key: SEED_IDS.mobil, name: '美孚' });
    expect((await findEntryByName(b, 'mobil oil china'))?.id).toBe(SEED_IDS.mobil);
    expect(await b.outbox.where('status').equals('pending').count()).toBe(0);
    a.close();
    b.close();
  });
});
