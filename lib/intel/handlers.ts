/**
 * The intel messages a content script may send (the capture overlay cannot open the database):
 * save a captured item, and read the names its pickers offer.
 */
import type { FieldkitDatabase } from '../store/database';
import { saveRecord } from '../store/records';
import { readSetting } from '../store/settings';
import type { Handlers } from '../messaging/router';
import { intelCompetitorNames } from './queries';
import { competitorsByName } from './dictionary/queries';
import { dealersByName } from '../dealers/queries';

export type IntelHandlers = Pick<Handlers, 'intel.save' | 'intel.pickers'>;

/** Pickers list at most this many dealers (a rep's or a region's dealers fit). */
const PICKER_DEALERS = 2000;

export function createIntelHandlers(db: FieldkitDatabase, onRecordSaved?: () => void): IntelHandlers {
  return {
    'intel.save': async (draft) => {
      const author = await readSetting(db, 'profile');
      const record = await saveRecord(db, 'intelItems', draft, { author: { id: author.id, name: author.name } });
      onRecordSaved?.();
      return { id: record.id };
    },
    'intel.pickers': async () => {
      const [competitors, used, dealers] = await Promise.all([
        competitorsByName.run(db, {}),
        intelCompetitorNames.run(db, {}),
        dealersByName.run(db, { search: '', limit: PICKER_DEALERS }),
      ]);
      const names = new Set([...competitors.map((c) => c.name), ...used]);
      return {
        competitors: [...names].sort((a, b) => a.localeCompare(b, 'zh-CN')),
        dealers: dealers.map((d) => ({ id: d.id, name: d.name })),
      };
    },
  };
}
