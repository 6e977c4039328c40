/**
 * The dictionary as a content script gets it (it cannot open the database): in the `intel.pickers`
 * reply, only what `suggestFromPage` reads. Merges are folded in (a merged entry's names are its
 * survivor's; a merged competitor's products are its survivor's), deleted entries and our own
 * products are left out, and nothing about authors, review or prices travels. 100–200 bytes a
 * product as JSON (the seed's packs, with their aliases: 190): 500 products are under 100 KB.
 */
import { z } from '../../kernel/zod';
import type { Dictionary } from './match';
import type { Competitor, Product } from './schema';

const Text = z.string().max(200);

export const PickerDictionary = z.object({
  competitors: z
    .array(z.object({ id: z.string().max(64), name: Text, aliases: z.array(Text).max(200), brands: z.array(Text).max(200) }).strict())
    .max(2000),
  products: z
    .array(
      z
        .object({
          id: z.string().max(64),
          competitorId: z.string().max(64),
          brand: Text.optional(),
          name: Text,
          spec: Text.optional(),
          sku: Text,
          aliases: z.array(Text).max(200),
        })
        .strict(),
    )
    .max(10_000),
});
export type PickerDictionary = z.infer<typeof PickerDictionary>;

/** The end of a merge chain, or undefined when it is deleted, dangling or loops. */
function survivorOf<T extends { id: string; mergedInto?: string; deletedAt?: string }>(row: T, byId: ReadonlyMap<string, T>): T | undefined {
  let current: T | undefined = row;
  for (let hops = 0; current && hops < 20; hops += 1) {
    if (!current.mergedInto) return current.deletedAt ? undefined : current;
    current = byId.get(current.mergedInto);
  }
  return undefined;
}

/** The compact, merge-folded dictionary for the `intel.pickers` reply; it satisfies `suggestFromPage`'s `Dictionary`. */
export function pickerDictionary(dictionary: { competitors: readonly Competitor[]; products: readonly Product[] }): PickerDictionary & Dictionary {
  const competitorsById = new Map(dictionary.competitors.map((c) => [c.id, c]));
  const competitors = new Map<string, PickerDictionary['competitors'][number]>();
  // Survivors first, then the names of the rows merged into them.
  for (const row of [...dictionary.competitors].sort((a, b) => Number(Boolean(a.mergedInto)) - Number(Boolean(b.mergedInto)))) {
    if (row.deletedAt) continue;
    const survivor = survivorOf(row, competitorsById);
    if (!survivor) continue;
    const entry = competitors.get(survivor.id) ?? { id: survivor.id, name: survivor.name, aliases: [], brands: [] };
    competitors.set(survivor.id, entry);
    const names = row === survivor ? row.aliases : [row.name, ...row.aliases];
    for (const name of names) if (!entry.aliases.includes(name) && name !== entry.name) entry.aliases.push(name);
    for (const brand of row.brands) if (!entry.brands.includes(brand)) entry.brands.push(brand);
  }

  const productsById = new Map(dictionary.products.map((p) => [p.id, p]));
  const products = new Map<string, PickerDictionary['products'][number]>();
  for (const row of [...dictionary.products].sort((a, b) => Number(Boolean(a.mergedInto)) - Number(Boolean(b.mergedInto)))) {
    if (row.deletedAt) continue;
    const survivor = survivorOf(row, productsById);
    if (!survivor?.competitorId) continue;
    const owner = competitorsById.get(survivor.competitorId);
    const competitor = owner && survivorOf(owner, competitorsById);
    if (!competitor) continue;
    let entry = products.get(survivor.id);
    if (!entry) {
      entry = {
        id: survivor.id,
        competitorId: competitor.id,
        ...(survivor.brand ? { brand: survivor.brand } : {}),
        name: survivor.name,
        ...(survivor.spec ? { spec: survivor.spec } : {}),
        sku: survivor.sku,
        aliases: [...survivor.aliases],
      };
      products.set(survivor.id, entry);
    }
    if (row !== survivor) for (const name of [row.name, ...row.aliases]) if (!entry.aliases.includes(name) && name !== entry.name) entry.aliases.push(name);
  }
  return { competitors: [...competitors.values()], products: [...products.values()] };
}
