/**
 * The canonical competitor and product of an intel item, by the dictionary: what the Intel view,
 * the price history and the competitive analysis group by. Names are compared by their normalised
 * form (case, full-width/half-width, spacing next to Chinese), aliases and brands lead to their
 * competitor, merges are followed to the survivor, and a name the dictionary does not know
 * resolves to itself, so nothing is ever lost from a roll-up.
 */
import type { IntelItem } from '../schema';
import { normaliseName } from './normalise';
import type { Competitor, Product } from './schema';

export interface ResolvedCompetitor {
  /** The survivor's id for a dictionary competitor; the normalised name for one it does not know. */
  key: string;
  name: string;
}

export interface ResolvedProduct {
  /** The survivor's id for a dictionary product; otherwise competitor key, SKU or name and spec. */
  key: string;
  name: string;
  sku: string;
  spec?: string;
  /** Our product this one competes with, when the dictionary says so. */
  ownProduct?: Product;
}

export interface IntelResolver {
  competitorOf(item: { competitorId?: string; competitorName: string }): ResolvedCompetitor;
  productOf(item: Pick<IntelItem, 'competitorId' | 'competitorName' | 'product' | 'sku' | 'spec'>): ResolvedProduct;
}

/** The end of a merge chain (A → B → C); a loop or a missing survivor stops at the last row reached. */
function survivorOf<T extends { id: string; mergedInto?: string }>(row: T, byId: ReadonlyMap<string, T>): T {
  let current = row;
  const visited = new Set<string>([row.id]);
  while (current.mergedInto) {
    const next = byId.get(current.mergedInto);
    if (!next || visited.has(next.id)) break;
    visited.add(next.id);
    current = next;
  }
  return current;
}

export function createResolver(competitors: readonly Competitor[], products: readonly Product[]): IntelResolver {
  const competitorsById = new Map(competitors.map((c) => [c.id, c]));
  const productsById = new Map(products.map((p) => [p.id, p]));

  // Names first, then aliases, then brands: a brand that is also another competitor's name is that competitor.
  const competitorByName = new Map<string, Competitor>();
  const claim = (name: string, competitor: Competitor) => {
    const key = normaliseName(name);
    if (key && !competitorByName.has(key)) competitorByName.set(key, competitor);
  };
  const live = competitors.filter((c) => !c.deletedAt);
  // Survivors before merged rows, so a merged row's name never shadows a survivor's own.
  const ordered = [...live.filter((c) => !c.mergedInto), ...live.filter((c) => c.mergedInto)];
  for (const c of ordered) claim(c.name, survivorOf(c, competitorsById));
  for (const c of ordered) for (const alias of c.aliases ?? []) claim(alias, survivorOf(c, competitorsById));
  for (const c of ordered) for (const brand of c.brands ?? []) claim(brand, survivorOf(c, competitorsById));

  const competitorOf = (item: { competitorId?: string; competitorName: string }): ResolvedCompetitor => {
    const byId = item.competitorId ? competitorsById.get(item.competitorId) : undefined;
    const found = byId && !byId.deletedAt ? survivorOf(byId, competitorsById) : competitorByName.get(normaliseName(item.competitorName));
    if (found && !found.deletedAt) return { key: found.id, name: found.name };
    const name = (item.competitorName ?? '').trim();
    return { key: normaliseName(name), name };
  };

  // Products by their competitor's key, then by SKU and by name.
  const productsBySku = new Map<string, Product[]>();
  const productsByName = new Map<string, Product[]>();
  const push = (map: Map<string, Product[]>, key: string, product: Product) => {
    if (!key) return;
    const list = map.get(key);
    if (list) {
      if (!list.includes(product)) list.push(product);
    } else map.set(key, [product]);
  };
  for (const p of products) {
    if (p.deletedAt) continue;
    const survivor = survivorOf(p, productsById);
    if (survivor.deletedAt) continue;
    push(productsBySku, normaliseName(p.sku), survivor);
    push(productsByName, normaliseName(p.name), survivor);
    // A merged product's SKU is kept among the survivor's aliases; an alias may be a name or a code.
    for (const alias of p.aliases ?? []) {
      push(productsByName, normaliseName(alias), survivor);
      push(productsBySku, normaliseName(alias), survivor);
    }
  }
  const competitorKeyOfProduct = (p: Product) => (p.competitorId ? competitorOf({ competitorId: p.competitorId, competitorName: '' }).key : '');

  const ownProductOf = (p: Product): Product | undefined => {
    const own = p.comparesWith ? productsById.get(p.comparesWith) : undefined;
    const survivor = own && survivorOf(own, productsById);
    return survivor && !survivor.deletedAt && !survivor.competitorId ? survivor : undefined;
  };

  const productOf: IntelResolver['productOf'] = (item) => {
    const competitor = competitorOf(item);
    const sku = normaliseName(item.sku);
    const name = normaliseName(item.product);
    const spec = normaliseName(item.spec);
    const ofCompetitor = (list: Product[] | undefined) => (list ?? []).filter((p) => p.competitorId && competitorKeyOfProduct(p) === competitor.key);
    let found: Product | undefined;
    const bySku = ofCompetitor(productsBySku.get(sku));
    if (bySku.length > 0) found = bySku[0];
    else if (name) {
      // One name, several packs: the spec tells them apart; a pack the item contradicts is not it.
      const byName = ofCompetitor(productsByName.get(name));
      const sameSpec = spec ? byName.filter((p) => normaliseName(p.spec) === spec) : [];
      if (sameSpec.length > 0) found = sameSpec[0];
      else if (byName.length === 1 && (!spec || !byName[0]!.spec)) found = byName[0];
    }
    if (found) {
      const ownProduct = ownProductOf(found);
      const foundSpec = found.spec ?? item.spec;
      return {
        key: found.id,
        name: found.name,
        sku: found.sku || (item.sku ?? ''),
        ...(foundSpec ? { spec: foundSpec } : {}),
        ...(ownProduct ? { ownProduct } : {}),
      };
    }
    const productName = (item.product ?? '').trim() || (item.sku ?? '').trim();
    return {
      key: `${competitor.key}|${sku || `${name}|${spec}`}`,
      name: productName,
      sku: item.sku ?? '',
      ...(item.spec ? { spec: item.spec } : {}),
    };
  };

  return { competitorOf, productOf };
}
