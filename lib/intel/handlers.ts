/**
 * The intel messages of the capture (its content script and its framed form cannot open the
 * database): open a capture and read it back, save a captured item, read the names its pickers
 * offer, and look for near-duplicates.
 */
import type { FieldkitDatabase } from '../store/database';
import { readSetting } from '../store/settings';
import type { Handlers, SenderInfo } from '../messaging/router';
import type { CapturedPage } from '../messaging/protocol';
import type { z } from '../kernel/zod';
import { intelCompetitorNames } from './queries';
import { competitorsByName } from './dictionary/queries';
import { findEntryByName, loadDictionary } from './dictionary/entries';
import { saveIntel } from './save';
import { pickerDictionary } from './dictionary/picker';
import { dealersByName } from '../dealers/queries';
import { findNearDuplicates } from './near-duplicates';

export type IntelHandlers = Pick<Handlers, 'intel.save' | 'intel.pickers' | 'intel.nearDuplicates' | 'intel.captureOpen' | 'intel.captureContext'>;

export type CapturedPageFields = z.infer<typeof CapturedPage>;

/**
 * Where the background keeps open captures (lib/host/capture-store.ts): what the page gave, and a
 * screenshot of the sender's tab taken when the capture opened. A capture is read back only from
 * the tab that opened it.
 */
export interface CapturePort {
  open(sender: SenderInfo, captureId: string, page: CapturedPageFields): Promise<void>;
  /** For the form: the page and a small preview of the screenshot; the first frame to read a capture holds it. */
  read(sender: SenderInfo, captureId: string): Promise<(CapturedPageFields & { screenshot?: string }) | undefined>;
  /** For the save: the full screenshot, to the frame that holds the capture. */
  screenshotOf(sender: SenderInfo, captureId: string): Promise<string | undefined>;
  forget(captureId: string): Promise<void>;
}

/** Pickers list at most this many dealers (a rep's or a region's dealers fit). */
const PICKER_DEALERS = 2000;

export function createIntelHandlers(db: FieldkitDatabase, onRecordSaved?: () => void, captures?: CapturePort): IntelHandlers {
  return {
    'intel.save': async ({ addTo, captureId, ...draft }, sender) => {
      // The reads a save needs run side by side: who is saving, the capture's picture, and the
      // dictionary's entry for a name it knows (the usual case; `saveIntel` adds an unknown one).
      const [profile, screenshot, known] = await Promise.all([
        readSetting(db, 'profile'),
        captureId && captures ? captures.screenshotOf(sender, captureId) : undefined,
        addTo || draft.competitorId ? undefined : findEntryByName(db, draft.competitorName).catch(() => undefined),
      ]);
      if (screenshot) draft.screenshot = screenshot;
      if (known) draft.competitorId = known.id;
      const saved = await saveIntel(db, draft, { author: { id: profile.id, name: profile.name }, ...(addTo ? { addTo } : {}) });
      if (captureId && captures) void captures.forget(captureId);
      onRecordSaved?.();
      return saved;
    },
    'intel.captureOpen': async ({ captureId, ...page }, sender) => {
      if (!captures) throw new Error('Captures are not kept here');
      await captures.open(sender, captureId, page);
      return {};
    },
    'intel.captureContext': async ({ captureId }, sender) => {
      const captured = await captures?.read(sender, captureId);
      // An expired or foreign capture opens an empty form rather than failing: the rep can still type.
      return captured ?? {};
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
