/**
 * The intel messages a content script may send (the capture overlay cannot open the database):
 * save a captured item, and read the names its pickers offer.
 */
import type { FieldkitDatabase } from '../store/database';
import { readSetting } from '../store/settings';
import type { Handlers } from '../messaging/router';
import { intelCompetitorNames } from './queries';
import { competitorsByName } from './dictionary/queries';
import { loadDictionary } from './dictionary/entries';
import { saveIntel } from './save';
import { pickerDictionary } from './dictionary/picker';
import { dealersByName } from '../dealers/queries';
import { findNearDuplicates } from './near-duplicates';

export type IntelHandlers = Pick<Handlers, 'intel.save' | 'intel.pickers' | 'intel.nearDuplicates'>;

/** Pickers list at most this many dealers (a rep's or a region's dealers fit). */
const PICKER_DEALERS = 2000;

export function createIntelHandlers(db: FieldkitDatabase, onRecordSaved?: () => void): IntelHandlers {
  return {
    'intel.save': async ({ addTo, ...draft }) => {
      const profile = await readSetting(db, 'profile');
      const saved = await saveIntel(db, draft, { author: { id: profile.id, name: profile.name }, ...(addTo ? { addTo } : {}) });
      onRecordSaved?.();
      return saved;
    },
    'intel.nearDuplicates': async (probe) => {
      const profile = await readSetting(db, 'profile');
      return { items: await findNearDuplicates(db, probe, { meId: profile.id }) };
    },
    'intel.pickers': async () => {
      const [competitors, used, dealers, dictionary] = await Promise.all([
        competitorsByName.run(db, {}),
        intelCompetitorNames.run(db, {}),
        dealersByName.run(db, { search: '', limit: PICKER_DEALERS }),
        loadDictionary(db),
      ]);
      const names = new Set([...competitors.map((c) => c.name), ...used]);
      return {
        competitors: [...names].sort((a, b) => a.localeCompare(b, 'zh-CN')),
        dealers: dealers.map((d) => ({ id: d.id, name: d.name })),
        dictionary: pickerDictionary(dictionary),
      };
    },
  };
}
