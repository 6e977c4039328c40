/**
 * What a page's title and selected text say about the competitor product, by the dictionary:
 * the capture form opens with competitor, brand, product, spec and SKU filled, and the rep
 * confirms. It runs as the form opens, so the dictionary is compiled once per dictionary object
 * (cached) and the text is scanned once; it never throws, whatever the page holds.
 */
import { continuesWord, normaliseName } from './normalise';
import { specRelation, specText, specTokensOf, type SpecToken } from './spec';

/** A competitor as matching needs it: a stored row or the compact form a content script gets. */
export interface DictionaryCompetitor {
  id: string;
  name: string;
  aliases?: readonly string[];
  brands?: readonly string[];
  mergedInto?: string;
  deletedAt?: string;
}

/** A product as matching needs it (own products, without `competitorId`, are not matched). */
export interface DictionaryProduct {
  id: string;
  competitorId?: string;
  brand?: string;
  name: string;
  spec?: string;
  sku?: string;
  aliases?: readonly string[];
  mergedInto?: string;
  deletedAt?: string;
}

export interface Dictionary {
  competitors: readonly DictionaryCompetitor[];
  products: readonly DictionaryProduct[];
}

/** What the page suggests, in the intel item's own field names; each absent when unknown. */
export interface PageSuggestion {
  competitorId?: string;
  /** The dictionary's name for the competitor (美孚), whichever alias the page used. */
  competitorName?: string;
  brand?: string;
  /** The dictionary product the page names; set only when its spec or SKU pins one pack. */
  productId?: string;
  product?: string;
  /** What the page says (0W-40 4L), else the pinned product's spec. */
  spec?: string;
  sku?: string;
}

/** A title is kept whole; a selection is read this far (the form keeps 5,000 characters). */
const MAX_TITLE = 500;
const MAX_TEXT = 5000;
/** SKUs shorter than this (A1, 12) are found by accident in any text. */
const MIN_SKU_LENGTH = 4;

type Target =
  | { type: 'competitor'; competitor: number }
  | { type: 'brand'; competitor: number; brand: string }
  | { type: 'product'; product: number }
  | { type: 'sku'; product: number };

interface Candidate {
  text: string;
  /** Whether the name ends with a Latin letter or digit, so the text must not continue the word there. */
  boundedEnd: boolean;
  target: Target;
}

interface Compiled {
  competitors: DictionaryCompetitor[];
  /** `spec` is read when the product is first matched: most never are. */
  products: { row: DictionaryProduct; competitor: number; spec?: SpecToken[] }[];
  /** Candidates by their first character, longest first: the groups the pages seen so far needed. */
  byFirst: Map<string, Candidate[]>;
  /**
   * Names not yet normalised, by a first character read without normalising (an ASCII letter in
   * lower case, a Chinese character as is; '' for anything else, normalised on the first page).
   * A page only needs the groups of the characters it contains, so opening the capture form
   * never normalises a whole large dictionary.
   */
  raw: Map<string, RawCandidate[]>;
}

interface RawCandidate {
  raw: string;
  target: Target;
  minLength: number;
}

interface Match {
  candidate: Candidate;
  length: number;
  /** 0: the title, 1: the selected text. */
  source: 0 | 1;
  at: number;
}

const compiledCache = new WeakMap<Dictionary, Compiled>();

/** The survivor of a chain of merges (A → B → C), or undefined when the chain ends nowhere or loops. */
function survivorOf<T extends { id: string; mergedInto?: string; deletedAt?: string }>(row: T, byId: Map<string, T>): T | undefined {
  let current: T | undefined = row;
  for (let hops = 0; current && hops < 20; hops += 1) {
    if (!current.mergedInto) return current.deletedAt ? undefined : current;
    current = byId.get(current.mergedInto);
  }
  return undefined;
}

function compile(dictionary: Dictionary): Compiled {
  const cached = compiledCache.get(dictionary);
  if (cached) return cached;
  const competitorRows = Array.isArray(dictionary?.competitors) ? dictionary.competitors.filter((c) => c && typeof c.id === 'string' && typeof c.name === 'string') : [];
  const productRows = Array.isArray(dictionary?.products) ? dictionary.products.filter((p) => p && typeof p.id === 'string' && typeof p.name === 'string') : [];
  const competitorsById = new Map(competitorRows.map((c) => [c.id, c]));
  const productsById = new Map(productRows.map((p) => [p.id, p]));

  const competitors: DictionaryCompetitor[] = [];
  const competitorIndex = new Map<string, number>();
  const indexOfCompetitor = (row: DictionaryCompetitor | undefined): number | undefined => {
    const survivor = row && survivorOf(row, competitorsById);
    if (!survivor) return undefined;
    let index = competitorIndex.get(survivor.id);
    if (index === undefined) {
      index = competitors.push(survivor) - 1;
      competitorIndex.set(survivor.id, index);
    }
    return index;
  };

  const raw = new Map<string, RawCandidate[]>();
  const seen = new Set<string>();
  const add = (name: unknown, target: Target, minLength = 1) => {
    if (typeof name !== 'string' || name.length < minLength) return;
    const key = `${name}\u0000${target.type}\u0000${'competitor' in target ? target.competitor : target.product}`;
    if (seen.has(key)) return;
    seen.add(key);
    const group = quickFirstOf(name);
    const list = raw.get(group);
    if (list) list.push({ raw: name, target, minLength });
    else raw.set(group, [{ raw: name, target, minLength }]);
  };

  // A merged row's names point at its survivor: the merge on another device may not have
  // reached this one's aliases yet.
  for (const row of competitorRows) {
    if (row.deletedAt) continue;
    const competitor = indexOfCompetitor(row);
    if (competitor === undefined) continue;
    for (const name of [row.name, ...(row.aliases ?? [])]) add(name, { type: 'competitor', competitor });
    for (const brand of row.brands ?? []) add(brand, { type: 'brand', competitor, brand: String(brand).trim() });
  }

  const products: Compiled['products'] = [];
  const productIndex = new Map<string, number>();
  for (const row of productRows) {
    if (row.deletedAt || !row.competitorId) continue;
    const survivor = survivorOf(row, productsById);
    if (!survivor || !survivor.competitorId) continue;
    const competitor = indexOfCompetitor(competitorsById.get(survivor.competitorId));
    if (competitor === undefined) continue;
    let product = productIndex.get(survivor.id);
    if (product === undefined) {
      product = products.push({ row: survivor, competitor }) - 1;
      productIndex.set(survivor.id, product);
    }
    for (const name of [row.name, ...(row.aliases ?? [])]) add(name, { type: 'product', product });
    add(row.sku, { type: 'sku', product }, MIN_SKU_LENGTH);
  }

  const result = { competitors, products, byFirst: new Map<string, Candidate[]>(), raw };
  compiledCache.set(dictionary, result);
  return result;
}

/** The first character of a name as normalising would leave it, when that is cheap to know; '' otherwise. */
function quickFirstOf(name: string): string {
  const code = name.charCodeAt(0);
  if (code >= 0x41 && code <= 0x5a) return String.fromCharCode(code + 32);
  if ((code > 0x20 && code < 0x7f && code !== 0x2a) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf)) return name[0]!;
  return '';
}

/** Normalises the groups of names this text could contain (once per dictionary). */
function prepareFor(compiled: Compiled, texts: readonly string[]): void {
  if (compiled.raw.size === 0) return;
  const groups = new Set<string>(['']);
  for (const text of texts) for (const char of text) if (compiled.raw.has(char)) groups.add(char);
  for (const group of groups) {
    const list = compiled.raw.get(group);
    if (!list) continue;
    compiled.raw.delete(group);
    const touched = new Set<Candidate[]>();
    for (const { raw, target, minLength } of list) {
      const text = normaliseName(raw);
      if (text.length < minLength) continue;
      const candidate: Candidate = { text, boundedEnd: continuesWord(text, text.length - 1), target };
      let bucket = compiled.byFirst.get(text[0]!);
      if (!bucket) compiled.byFirst.set(text[0]!, (bucket = []));
      bucket.push(candidate);
      touched.add(bucket);
    }
    for (const bucket of touched) bucket.sort((a, b) => b.text.length - a.text.length);
  }
}

/** Every dictionary name found in `text` (already normalised), with word boundaries for Latin names. */
function scan(text: string, compiled: Compiled, source: 0 | 1, into: Match[]): void {
  for (let at = 0; at < text.length; at += 1) {
    const candidates = compiled.byFirst.get(text[at]!);
    if (!candidates) continue;
    // Mid-word ('mobil' inside 'automobile'): a name starting with this Latin letter or digit cannot start here.
    if (continuesWord(text, at) && continuesWord(text, at - 1)) continue;
    for (const candidate of candidates) {
      if (!text.startsWith(candidate.text, at)) continue;
      if (candidate.boundedEnd && continuesWord(text, at + candidate.text.length)) continue;
      into.push({ candidate, length: candidate.text.length, source, at });
    }
  }
}

/** The better of two matches: longer, then in the title, then earlier. */
function better(a: Match, b: Match | undefined): boolean {
  if (!b) return true;
  if (a.length !== b.length) return a.length > b.length;
  if (a.source !== b.source) return a.source < b.source;
  return a.at < b.at;
}

const EMPTY: PageSuggestion = Object.freeze({});

/**
 * Competitor, brand, product, spec and SKU for a page, from its title and selected text.
 * The competitor is the one named by the longest match (its name, an alias, a brand or one of
 * its products; case, full-width and spacing do not matter), the title winning a tie; a SKU of
 * the dictionary found in the text names its product outright. The spec comes from the title
 * (else the text) whether or not the product is known. Never throws.
 */
export function suggestFromPage(page: { title?: string; text?: string }, dictionary: Dictionary): PageSuggestion {
  try {
    return suggest(page, dictionary);
  } catch {
    // Matching only suggests: a page it cannot read suggests nothing rather than breaking the form.
    return EMPTY;
  }
}

function suggest(page: { title?: string; text?: string }, dictionary: Dictionary): PageSuggestion {
  const title = typeof page?.title === 'string' ? page.title.slice(0, MAX_TITLE) : '';
  const text = typeof page?.text === 'string' ? page.text.slice(0, MAX_TEXT) : '';
  const titleSpecs = specTokensOf(title);
  const pageSpecs = titleSpecs.length > 0 ? titleSpecs : specTokensOf(text);
  const spec = specText(pageSpecs);
  const compiled = compile(dictionary);
  if (compiled.byFirst.size === 0 && compiled.raw.size === 0) return spec ? { spec } : EMPTY;

  const normalTitle = normaliseName(title);
  const normalText = normaliseName(text);
  prepareFor(compiled, [normalTitle, normalText]);
  const matches: Match[] = [];
  scan(normalTitle, compiled, 0, matches);
  if (normalText) scan(normalText, compiled, 1, matches);
  if (matches.length === 0) return spec ? { spec } : EMPTY;

  // A SKU names one product outright.
  let skuMatch: Match | undefined;
  for (const m of matches) if (m.candidate.target.type === 'sku' && better(m, skuMatch)) skuMatch = m;
  if (skuMatch && skuMatch.candidate.target.type === 'sku') {
    const product = compiled.products[skuMatch.candidate.target.product]!;
    return withProduct(compiled, product.competitor, product, matches, spec);
  }

  // The competitor named by the longest match of its own names, its brands or its products.
  const best = new Map<number, Match>();
  for (const m of matches) {
    const competitor = competitorOfTarget(compiled, m.candidate.target);
    if (competitor !== undefined && better(m, best.get(competitor))) best.set(competitor, m);
  }
  let competitor: number | undefined;
  for (const [index, m] of best) if (competitor === undefined || better(m, best.get(competitor))) competitor = index;
  if (competitor === undefined) return spec ? { spec } : EMPTY;

  // Its product: the longest name found; among packs of one name, the one the page's spec agrees with.
  // A pack the page contradicts (another grade or size) loses to any that it does not.
  let chosen: { product: Compiled['products'][number]; match: Match; relation: ReturnType<typeof specRelation> } | undefined;
  const rank = { agrees: 2, unknown: 1, conflicts: 0 } as const;
  for (const m of matches) {
    if (m.candidate.target.type !== 'product') continue;
    const product = compiled.products[m.candidate.target.product]!;
    if (product.competitor !== competitor) continue;
    product.spec ??= specTokensOf(product.row.spec);
    const relation = specRelation(product.spec, pageSpecs);
    if (!chosen) {
      chosen = { product, match: m, relation };
      continue;
    }
    const fits = Number(relation !== 'conflicts') - Number(chosen.relation !== 'conflicts');
    const longer = m.length - chosen.match.length;
    const closer = rank[relation] - rank[chosen.relation];
    if (fits > 0 || (fits === 0 && (longer > 0 || (longer === 0 && (closer > 0 || (closer === 0 && better(m, chosen.match))))))) {
      chosen = { product, match: m, relation };
    }
  }
  if (!chosen) return withBrand(competitor, matches, { competitorId: compiled.competitors[competitor]!.id, competitorName: compiled.competitors[competitor]!.name, ...(spec ? { spec } : {}) });
  // The line is known; the pack only when the page's spec agrees with it (or the product has one pack).
  const pinned = chosen.relation === 'agrees' || (chosen.relation === 'unknown' && onlyPackOf(compiled, chosen.product));
  if (pinned) return withProduct(compiled, competitor, chosen.product, matches, spec);
  const suggestion: PageSuggestion = {
    competitorId: compiled.competitors[competitor]!.id,
    competitorName: compiled.competitors[competitor]!.name,
    product: chosen.product.row.name,
    ...(spec ? { spec } : {}),
  };
  return withBrand(competitor, matches, suggestion, chosen.product.row.brand);
}

function competitorOfTarget(compiled: Compiled, target: Target): number | undefined {
  switch (target.type) {
    case 'competitor':
    case 'brand':
      return target.competitor;
    case 'product':
    case 'sku':
      return compiled.products[target.product]?.competitor;
  }
}

/** Whether no other product of the same competitor shares this one's name (so it is the only pack). */
function onlyPackOf(compiled: Compiled, product: Compiled['products'][number]): boolean {
  const name = normaliseName(product.row.name);
  return !compiled.products.some((other) => other !== product && other.competitor === product.competitor && normaliseName(other.row.name) === name);
}

function withProduct(compiled: Compiled, competitor: number, product: Compiled['products'][number], matches: Match[], spec: string | undefined): PageSuggestion {
  const row = product.row;
  const suggestion: PageSuggestion = {
    competitorId: compiled.competitors[competitor]!.id,
    competitorName: compiled.competitors[competitor]!.name,
    productId: row.id,
    product: row.name,
    ...(spec || row.spec ? { spec: spec ?? row.spec } : {}),
    ...(row.sku ? { sku: row.sku } : {}),
  };
  return withBrand(competitor, matches, suggestion, row.brand);
}

/** The brand the page names for this competitor (the longest), else the product's. */
function withBrand(competitor: number, matches: Match[], suggestion: PageSuggestion, productBrand?: string): PageSuggestion {
  let brand: Match | undefined;
  for (const m of matches) if (m.candidate.target.type === 'brand' && m.candidate.target.competitor === competitor && better(m, brand)) brand = m;
  const name = brand?.candidate.target.type === 'brand' ? brand.candidate.target.brand : productBrand?.trim() || undefined;
  return name ? { ...suggestion, brand: name } : suggestion;
}
