/**
 * Display photos attached to their visit card's note, through `crm.attachments.related`: the
 * declaration below is exactly what lib/visits/kind.ts is to declare (this test installs it at run
 * time until it does), and everything else is the product's path — saveVisitCard, the engine, the
 * adapter, the simulator.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AttachmentMapping } from '../../lib/store/kind';
import { SyncEngine } from '../../lib/sync/engine';
import { visitCardKind } from '../../lib/visits/kind';
import { photosOfVisit } from '../../lib/visits/photo';
import { saveVisitCard } from '../../lib/visits/save';
import type { VisitCard } from '../../lib/visits/schema';
import type { FieldkitDatabase } from '../../lib/store/database';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { freshDatabase, REP, visitDraft } from '../fixtures/records';
import { bytesOf, jpegDataUrl } from '../crm/helpers';
import { virtualClock } from './fake-port';
import { adapterFor, notesByLocalId, payloadOf, portFor, SIM_TOKEN } from './sim-harness';

/** What lib/visits/kind.ts should declare under `crm` (the lead wires it). */
const visitPhotoAttachments: AttachmentMapping<VisitCard> = {
  fields: [],
  of: () => [],
  related: async (db, card) => (await photosOfVisit.run(db, { visitCardId: card.id })).map((photo) => ({ name: `photo-${photo.id}`, dataUrl: photo.dataUrl })),
};

type Mutable = { attachments?: AttachmentMapping<VisitCard> };
let installedHere = false;
let sim: HubSpotSim;
beforeAll(async () => {
  const crm = visitCardKind.crm as Mutable;
  if (!crm.attachments) {
    crm.attachments = visitPhotoAttachments;
    installedHere = true;
  }
  sim = await startHubSpotSim({ port: 0, token: SIM_TOKEN, rate: 100_000 });
});
afterAll(async () => {
  if (installedHere) delete (visitCardKind.crm as Mutable).attachments;
  await sim.close();
});
beforeEach(async () => {
  sim.reset();
  await adapterFor(sim).ensureSchema();
});

function engine(db: FieldkitDatabase, clock = virtualClock(Date.now())) {
  return new SyncEngine({ db, port: portFor(sim, db), now: clock.now, sleep: clock.sleep, random: () => 0.5 });
}

const photo = (seed: number, caption?: string) => ({ mime: 'image/jpeg' as const, width: 1600, height: 1200, dataUrl: jpegDataUrl(60_000, seed), ...(caption ? { caption } : {}) });

function attachedBytes(cardId: string): Buffer[] {
  const [note, ...more] = notesByLocalId(sim).get(cardId) ?? [];
  expect(more).toHaveLength(0);
  return (note?.properties.hs_attachment_ids?.split(';') ?? []).map((id) => sim.state.file(id)!.bytes);
}

describe("visit photos as files on their card's note", () => {
  it('attaches every photo of a card, in order, and none of them rides in the payload', async () => {
    const db = freshDatabase();
    const shots = [photo(1, '堆头'), photo(2)];
    const card = await saveVisitCard(db, visitDraft(), shots, { author: REP });

    await engine(db).drain();

    expect(attachedBytes(card.id)).toEqual(shots.map((s) => bytesOf(s.dataUrl)));
    const note = notesByLocalId(sim).get(card.id)![0]!;
    expect(note.properties.fieldkit_payload!.length).toBeLessThan(3_000);
    expect(payloadOf(note).fieldkitAttached).toEqual((await photosOfVisit.run(db, { visitCardId: card.id })).map((p) => `photo-${p.id}`));
    expect([...sim.state.files.values()].every((f) => f.path.startsWith('/fieldkit/visitCard/'))).toBe(true);
  });

  it('a photo removed from the card leaves the note; one added joins it; unchanged ones are not uploaded again', async () => {
    const db = freshDatabase();
    const clock = virtualClock(Date.now());
    const card = await saveVisitCard(db, visitDraft(), [photo(1), photo(2)], { author: REP, now: new Date(clock.now()) });
    await engine(db, clock).drain();
    const [kept] = await photosOfVisit.run(db, { visitCardId: card.id });

    clock.advance(60_000);
    await saveVisitCard(db, { ...card }, [{ ...kept!, id: kept!.id }, photo(3)], { author: REP, now: new Date(clock.now()) });
    sim.clearRequests();
    await engine(db, clock).drain();

    expect(attachedBytes(card.id)).toEqual([bytesOf(photo(1).dataUrl), bytesOf(photo(3).dataUrl)]);
    expect(sim.requests.filter((r) => r.method === 'POST' && r.path === '/files/v3/files')).toHaveLength(1);
  });

  it('a lost upload answer still gives each photo one file', async () => {
    const db = freshDatabase();
    const card = await saveVisitCard(db, visitDraft(), [photo(1), photo(2)], { author: REP });
    sim.setFaults({ match: '^POST /files/v3/files$', script: ['lost', 'lost'] });

    await engine(db).drain();

    expect(attachedBytes(card.id)).toHaveLength(2);
    expect(sim.state.files.size).toBe(2);
  });
});
