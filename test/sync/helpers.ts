import { saveRecord } from '../../lib/store/records';
import type { FieldkitDatabase } from '../../lib/store/database';
import { SyncEngine, type SyncEngineOptions } from '../../lib/sync/engine';
import { REP, visitDraft } from '../fixtures/records';
import { virtualClock, type FakeCrm } from './fake-port';

export async function saveVisits(db: FieldkitDatabase, count: number, now: () => number, note = (i: number) => `visit ${i}`): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const card = await saveRecord(db, 'visitCards', visitDraft({ note: note(i) }), { author: REP, now: new Date(now()) });
    ids.push(card.id);
  }
  return ids;
}

export function engineFor(db: FieldkitDatabase, crm: FakeCrm, clock = virtualClock(), options: Partial<SyncEngineOptions> = {}) {
  let seed = 1;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  return new SyncEngine({ db, port: crm, now: clock.now, sleep: clock.sleep, random, ...options });
}
