/**
 * Near-duplicate intel: before a rep saves an observation, the items anyone (in the synced data)
 * saved of the same competitor product, the same price kind, within a week and at almost the same
 * price. Two reps who see the same shelf price on the same promotion should not make the analysis
 * count it twice; a real new observation (a second shop, a price that held) is still one click.
 */
import { z } from '../kernel/zod';
import { defineQuery, isLive } from '../store/query';
import type { FieldkitDatabase } from '../store/database';
import { addDaysToDay } from '../reports/deadlines';
import { IntelItem, ObservedPrice, Sighting } from './schema';
import { NearDuplicateProbe, type NearDuplicateView } from './near-duplicate-schema';
import { saveRecord, type RecordDraft } from '../store/records';
import type { Author } from '../kernel/record';

export { NearDuplicateProbe, NearDuplicateView } from './near-duplicate-schema';

type ObservedPrice = z.infer<typeof ObservedPrice>;

/** Observations this many days apart or fewer are candidates. */
export const NEAR_DUPLICATE_DAYS = 7;
/** Prices within this share of each other are "almost the same" (3 %: 429 and 439 are, 429 and 449 are not). */
export const NEAR_DUPLICATE_PRICE_SHARE = 0.03;
/** At most this many earlier items are offered; the closest first. */
const MAX_SHOWN = 3;

/** Intel observed between two days, inclusive, oldest first. */
export const intelObservedBetween = defineQuery({
  name: 'intel.observedBetween',
  table: 'intelItems',
  index: 'observedDay',
  example: { from: '2026-11-23', to: '2026-12-07' },
  run: async (db, { from, to }: { from: string; to: string }): Promise<IntelItem[]> =>
    db.intelItems.where('observedDay').between(from, to, true, true).filter(isLive).toArray(),
});

/** Names compared as people type them: case, width and spacing do not matter. */
export function sameName(a: string | undefined, b: string | undefined): boolean {
  const key = (text: string | undefined) => (text ?? '').normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  return key(a) === key(b);
}

/**
 * The same competitor product: the same SKU when both name one, else the same product name when
 * both name one; with neither on either side, the competitor alone (a price list without names).
 */
export function sameProduct(a: { sku: string; product?: string }, b: { sku: string; product?: string }): boolean {
  if (a.sku.trim() && b.sku.trim()) return sameName(a.sku, b.sku);
  if (a.product?.trim() && b.product?.trim()) return sameName(a.product, b.product);
  return !a.sku.trim() && !b.sku.trim() && !a.product?.trim() && !b.product?.trim();
}

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

/** "元/瓶" and "元 / 瓶" are the same unit; an empty unit matches any (the rep did not say). */
function sameUnit(a: string, b: string): boolean {
  return !a.trim() || !b.trim() || sameName(a, b);
}

/**
 * The closest pair of prices of the same kind, currency and unit within the share, or nothing.
 * Relative to the larger price, so the test is symmetric.
 */
export function closePrice(earlier: readonly ObservedPrice[], now: readonly ObservedPrice[]): { kind: ObservedPrice['kind']; earlier: ObservedPrice; now: ObservedPrice; share: number } | undefined {
  let best: { kind: ObservedPrice['kind']; earlier: ObservedPrice; now: ObservedPrice; share: number } | undefined;
  for (const a of earlier)
    for (const b of now) {
      if (a.kind !== b.kind || a.currency !== b.currency || !sameUnit(a.unit, b.unit)) continue;
      const larger = Math.max(a.amount, b.amount);
      const share = larger === 0 ? 0 : Math.abs(a.amount - b.amount) / larger;
      if (share <= NEAR_DUPLICATE_PRICE_SHARE && (!best || share < best.share)) best = { kind: a.kind, earlier: a, now: b, share };
    }
  return best;
}


/**
 * The candidates among `items` for the probe, closest first (price, then days apart). Pure: the
 * caller reads the week around the probe's day through `intelObservedBetween`.
 */
export function nearDuplicatesAmong(
  items: readonly IntelItem[],
  input: NearDuplicateProbe,
  { sameCompetitor = sameName, meId }: { sameCompetitor?: (a: string, b: string) => boolean; meId?: string } = {},
): NearDuplicateView[] {
  const probe = NearDuplicateProbe.parse(input);
  const found: { view: NearDuplicateView; share: number; days: number }[] = [];
  for (const item of items) {
    if (item.id === probe.excludeId || !isLive(item)) continue;
    const days = daysBetween(item.observedDay, probe.observedDay);
    if (days > NEAR_DUPLICATE_DAYS) continue;
    if (!sameCompetitor(item.competitorName, probe.competitorName) || !sameProduct(item, probe)) continue;
    const match = closePrice(item.prices, probe.prices);
    if (!match) continue;
    found.push({
      share: match.share,
      days,
      view: {
        id: item.id,
        competitorName: item.competitorName,
        ...(item.product ? { product: item.product } : {}),
        sku: item.sku,
        ...(item.spec ? { spec: item.spec } : {}),
        observedDay: item.observedDay,
        authorName: item.author.name,
        byMe: item.author.id === meId,
        match: { kind: match.kind, earlier: match.earlier, now: match.now },
        ...(item.sourceTitle ? { sourceTitle: item.sourceTitle } : {}),
        sightings: item.sightings.length,
      },
    });
  }
  return found
    .sort((a, b) => a.share - b.share || a.days - b.days || b.view.observedDay.localeCompare(a.view.observedDay))
    .slice(0, MAX_SHOWN)
    .map((f) => f.view);
}

/** The near-duplicates of a probe in the store: the fortnight around its day, through the day index. */
export async function findNearDuplicates(
  db: FieldkitDatabase,
  input: NearDuplicateProbe,
  options: { sameCompetitor?: (a: string, b: string) => boolean; meId?: string } = {},
): Promise<NearDuplicateView[]> {
  const probe = NearDuplicateProbe.parse(input);
  if (probe.prices.length === 0) return [];
  const items = await intelObservedBetween.run(db, { from: addDaysToDay(probe.observedDay, -NEAR_DUPLICATE_DAYS), to: addDaysToDay(probe.observedDay, NEAR_DUPLICATE_DAYS) });
  return nearDuplicatesAmong(items, probe, options);
}

/** Keeps the newest sightings when an item has seen more than the schema holds. */
const MAX_SIGHTINGS = 200;

/**
 * "Add to it": the draft becomes a sighting of the earlier item (who, when, where, what price)
 * instead of a new item. The earlier item keeps its author; the audit names who added. Throws
 * when the earlier item is gone (deleted meanwhile): the caller then saves the draft as new.
 */
export async function addSighting(
  db: FieldkitDatabase,
  earlierId: string,
  draft: RecordDraft<'intelItems'>,
  context: { author: Author; now?: Date },
): Promise<IntelItem> {
  const now = context.now ?? new Date();
  return db.transaction('rw', [db.intelItems, db.outbox, db.audit], async () => {
    const earlier = await db.intelItems.get(earlierId);
    if (!earlier || !isLive(earlier)) throw new Error(`intel item ${earlierId} is no longer there`);
    const sighting = Sighting.parse({
      observedDay: draft.observedDay,
      by: { id: context.author.id, name: context.author.name },
      at: now.toISOString(),
      prices: draft.prices ?? [],
      ...(draft.dealerId ? { dealerId: draft.dealerId } : {}),
      ...(draft.region ? { region: draft.region } : {}),
      ...(draft.channel ? { channel: draft.channel } : {}),
      ...(draft.sourceUrl ? { sourceUrl: draft.sourceUrl } : {}),
      ...(draft.sourceTitle ? { sourceTitle: draft.sourceTitle } : {}),
    });
    const sightings = [...earlier.sightings, sighting].slice(-MAX_SIGHTINGS);
    const { id, createdAt: _c, updatedAt: _u, author: _a, schemaVersion: _s, crm: _crm, ...rest } = earlier;
    return saveRecord(db, 'intelItems', { ...rest, id, sightings }, context);
  });
}
