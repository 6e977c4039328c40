/**
 * Templates reach every device through the CRM (the simulator): a copy an admin saves on one
 * device becomes the template in use on a rep's, every version stays resolvable there (an entry
 * written with an old version still finds it), and switching back to the built-in follows too.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../lib/sync/engine';
import type { FieldkitDatabase } from '../../lib/store/database';
import { activeTemplateOf, copyBuiltIn, draftFrom, saveTemplateVersion, setActive, templateVersionOf } from '../../lib/reports/template-store';
import { builtInTemplate } from '../../lib/reports/templates';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { freshDatabase } from '../fixtures/records';
import { adapterFor, notesByLocalId, portalOnVirtualTime, portFor, searchCaughtUp, SIM_TOKEN } from './sim-harness';

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

const ADMIN = { id: 'o-admin', name: '陈静' };
/** One device's sync (pull, then push), a few seconds after the last one: search has what was written before. */
function sync(db: FieldkitDatabase) {
  clock.advance(searchCaughtUp(sim));
  return new SyncEngine({ db, port: portFor(sim, db, clock), now: clock.now, sleep: clock.sleep, pullBeforePush: true }).drain();
}
/** Minutes in the past: the outbox sends nothing dated in the future. */
const START = Date.now() - 60 * 60_000;
const at = (minute: number) => new Date(START + minute * 60_000);

describe('templates across devices', () => {
  it('an admin’s copy and its versions reach a rep’s device, and so does going back to the built-in', async () => {
    const admin = freshDatabase('template-admin');
    const rep = freshDatabase('template-rep');
    const first = await saveTemplateVersion(
      admin,
      { ...copyBuiltIn('weekly', at(0)), fields: [{ key: 'facings', type: 'number', label: { 'zh-CN': '陈列面数', en: 'Display facings' }, required: true, unit: '个' }] },
      ADMIN,
      at(0),
    );
    if (!first.ok) throw new Error('refused');
    const second = await saveTemplateVersion(admin, { ...draftFrom(first.template), fields: [{ ...first.template.fields[0]!, unit: '面' }] }, ADMIN, at(1));
    if (!second.ok) throw new Error('refused');
    await sync(admin);
    expect(notesByLocalId(sim).get(first.template.id)).toHaveLength(1);
    expect(notesByLocalId(sim).get(second.template.id)).toHaveLength(1);

    await sync(rep);
    expect((await activeTemplateOf(rep, 'weekly')).id).toBe(second.template.id);
    expect((await templateVersionOf(rep, first.template.id, 1))?.fields[0]!.unit).toBe('个');
    expect(await rep.outbox.count()).toBe(0);

    await setActive(admin, builtInTemplate('weekly'), ADMIN, at(2));
    await sync(admin);
    await sync(rep);
    expect(await activeTemplateOf(rep, 'weekly')).toBe(builtInTemplate('weekly'));
    // The versions themselves are still there for the entries written with them.
    expect((await templateVersionOf(rep, second.template.id, 2))?.fields[0]!.unit).toBe('面');
  });
});
