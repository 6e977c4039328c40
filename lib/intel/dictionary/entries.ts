/**
 * Writing the dictionary: an entry added by a manager or admin is approved at once, a rep's waits
 * for review; reviewers approve, edit and merge duplicates. A merge never deletes: the duplicate
 * stays, pointing at its survivor (`mergedInto`), and its names become the survivor's aliases, so
 * intel that names either rolls up to one competitor product. Every write goes through
 * `saveRecord`, so it is audited and queued for the CRM like any record.
 */
import type { Author } from '../../kernel/record';
import type { FieldkitDatabase } from '../../store/database';
import { deleteRecord, saveRecord, type RecordDraft } from '../../store/records';
import type { Role } from '../../team/schema';
import { normaliseName } from './normalise';
import { competitorsByName, dictionaryProducts } from './queries';
import { createResolver } from './resolve';
import type { Competitor, OwnPrice, Product } from './schema';

export interface DictionaryActor {
  author: Author;
  role: Role;
  /** An admin, or anyone while the team has no admin (lib/team/roles.ts `canAdminister`). */
  canAdminister?: boolean;
  now?: Date;
}

/** Managers and admins review the dictionary (and anyone while the team has no admin yet). */
export function canReviewDictionary(actor: { role: Role; canAdminister?: boolean }): boolean {
  return actor.role === 'admin' || actor.role === 'manager' || actor.canAdminister === true;
}

export interface CompetitorDraft {
  kind: 'competitor';
  name: string;
  aliases?: string[];
  brands?: string[];
}

export interface ProductDraft {
  kind: 'product';
  /** Absent: one of our own products. */
  competitorId?: string;
  brand?: string;
  name: string;
  sku?: string;
  spec?: string;
  aliases?: string[];
  unit?: string;
  /** Our own products only. */
  prices?: OwnPrice[];
  /** Competitor products only: our product it competes with. */
  comparesWith?: string;
}

export type DictionaryDraft = CompetitorDraft | ProductDraft;
export type DictionaryEntry = Competitor | Product;

/** Why a dictionary write was refused; the UI words each key (components/intel/dictionary/messages.ts). */
export type DictionaryRefusal =
  | 'notAllowed'
  | 'notFound'
  /** Another entry already has this name, alias or SKU (`existing` names it). */
  | 'duplicate'
  | 'sameEntry'
  | 'differentKinds'
  /** An own product and a competitor's cannot be one product. */
  | 'ownAndCompetitor'
  | 'alreadyMerged'
  | 'unknownCompetitor'
  | 'pricesOnOwnOnly'
  | 'comparesWithOwnOnly';

export class DictionaryError extends Error {
  override readonly name = 'DictionaryError';
  constructor(
    readonly key: DictionaryRefusal,
    readonly existing?: { id: string; name: string },
  ) {
    super(`dictionary change refused: ${key}${existing ? ` (${existing.name})` : ''}`);
  }
}

export interface LoadedDictionary {
  competitors: Competitor[];
  products: Product[];
}

/** The whole dictionary through its named queries (a few hundred rows), merged and pending rows included. */
export async function loadDictionary(db: FieldkitDatabase): Promise<LoadedDictionary> {
  const [competitors, products] = await Promise.all([competitorsByName.run(db, {}), dictionaryProducts.run(db, {})]);
  return { competitors, products };
}

/** The end of a merge chain, loops and dangling links stopping where they are. */
function survivorOf<T extends { id: string; mergedInto?: string }>(row: T, rows: readonly T[]): T {
  let current = row;
  const visited = new Set([row.id]);
  while (current.mergedInto) {
    const next = rows.find((r) => r.id === current.mergedInto);
    if (!next || visited.has(next.id)) break;
    visited.add(next.id);
    current = next;
  }
  return current;
}

/** Names without blanks, repeats (by their normalised form) or the entry's own name. */
function cleanNames(names: readonly (string | undefined)[], exclude: readonly string[] = []): string[] {
  const seen = new Set(exclude.map(normaliseName));
  const kept: string[] = [];
  for (const raw of names) {
    const name = raw?.trim();
    const key = normaliseName(name);
    if (!name || !key || seen.has(key)) continue;
    seen.add(key);
    kept.push(name);
  }
  return kept;
}

/** The live competitor (not merged away) holding any of these names, other than `except`. */
function competitorNamed(competitors: readonly Competitor[], names: readonly string[], except?: string): Competitor | undefined {
  const wanted = new Set(names.map(normaliseName).filter(Boolean));
  return competitors.find((c) => c.id !== except && !c.mergedInto && [c.name, ...c.aliases].some((n) => wanted.has(normaliseName(n))));
}

/** A live product that is this one: same SKU, or same competitor, name and spec. */
function productLike(dictionary: LoadedDictionary, draft: ProductDraft, except?: string): Product | undefined {
  const sku = normaliseName(draft.sku);
  const name = normaliseName(draft.name);
  const spec = normaliseName(draft.spec);
  const competitorKey = (id: string | undefined) => {
    const row = id ? dictionary.competitors.find((c) => c.id === id) : undefined;
    return row ? survivorOf(row, dictionary.competitors).id : '';
  };
  const mine = competitorKey(draft.competitorId);
  return dictionary.products.find(
    (p) =>
      p.id !== except &&
      !p.mergedInto &&
      ((sku !== '' && normaliseName(p.sku) === sku) || (competitorKey(p.competitorId) === mine && normaliseName(p.name) === name && normaliseName(p.spec) === spec)),
  );
}

function productFields(dictionary: LoadedDictionary, draft: ProductDraft): Omit<RecordDraft<'products'>, 'status' | 'mergedInto'> {
  let competitor: Competitor | undefined;
  if (draft.competitorId) {
    const named = dictionary.competitors.find((c) => c.id === draft.competitorId);
    if (!named) throw new DictionaryError('unknownCompetitor');
    competitor = survivorOf(named, dictionary.competitors);
  }
  const competitorId = competitor?.id;
  if (draft.prices && draft.prices.length > 0 && competitorId) throw new DictionaryError('pricesOnOwnOnly');
  if (draft.comparesWith) {
    const own = dictionary.products.find((p) => p.id === draft.comparesWith);
    if (!competitorId || !own || own.competitorId) throw new DictionaryError('comparesWithOwnOnly');
  }
  const brand = draft.brand?.trim();
  const spec = draft.spec?.trim();
  return {
    ...(competitor ? { competitorId: competitor.id, competitorName: competitor.name } : {}),
    ...(brand ? { brand } : {}),
    name: draft.name.trim(),
    sku: draft.sku?.trim() ?? '',
    ...(spec ? { spec } : {}),
    aliases: cleanNames(draft.aliases ?? [], [draft.name]),
    unit: draft.unit?.trim() || '箱',
    ...(draft.prices && draft.prices.length > 0 ? { prices: draft.prices } : {}),
    ...(draft.comparesWith ? { comparesWith: draft.comparesWith } : {}),
  };
}

/**
 * Adds a competitor or product. Approved when the author may review the dictionary, pending
 * otherwise. Refused (`duplicate`, naming the entry) when a competitor already has the name or
 * one of the aliases, or a product the SKU or the same name and spec.
 */
export async function addDictionaryEntry(db: FieldkitDatabase, draft: CompetitorDraft, actor: DictionaryActor): Promise<Competitor>;
export async function addDictionaryEntry(db: FieldkitDatabase, draft: ProductDraft, actor: DictionaryActor): Promise<Product>;
export async function addDictionaryEntry(db: FieldkitDatabase, draft: DictionaryDraft, actor: DictionaryActor): Promise<DictionaryEntry>;
export async function addDictionaryEntry(db: FieldkitDatabase, draft: DictionaryDraft, actor: DictionaryActor): Promise<DictionaryEntry> {
  const status = canReviewDictionary(actor) ? 'approved' : 'pending';
  const context = { author: actor.author, now: actor.now };
  return db.transaction('rw', [db.competitors, db.products, db.outbox, db.audit], async () => {
    const dictionary = await loadDictionary(db);
    if (draft.kind === 'competitor') {
      const aliases = cleanNames(draft.aliases ?? [], [draft.name]);
      const clash = competitorNamed(dictionary.competitors, [draft.name, ...aliases]);
      if (clash) throw new DictionaryError('duplicate', { id: clash.id, name: clash.name });
      return saveRecord(db, 'competitors', { name: draft.name.trim(), aliases, brands: cleanNames(draft.brands ?? []), status }, context);
    }
    const clash = productLike(dictionary, draft);
    if (clash) throw new DictionaryError('duplicate', { id: clash.id, name: clash.name });
    return saveRecord(db, 'products', { ...productFields(dictionary, draft), status }, context);
  });
}

/** A reviewer's edit of an entry's names, aliases, brands or product fields; status and merges are kept. */
export async function updateDictionaryEntry(db: FieldkitDatabase, id: string, draft: DictionaryDraft, actor: DictionaryActor): Promise<DictionaryEntry> {
  if (!canReviewDictionary(actor)) throw new DictionaryError('notAllowed');
  const context = { author: actor.author, now: actor.now };
  return db.transaction('rw', [db.competitors, db.products, db.outbox, db.audit], async () => {
    const dictionary = await loadDictionary(db);
    if (draft.kind === 'competitor') {
      const existing = dictionary.competitors.find((c) => c.id === id);
      if (!existing) throw new DictionaryError('notFound');
      const aliases = cleanNames(draft.aliases ?? [], [draft.name]);
      const clash = competitorNamed(dictionary.competitors, [draft.name, ...aliases], id);
      if (clash) throw new DictionaryError('duplicate', { id: clash.id, name: clash.name });
      const saved = await saveRecord(db, 'competitors', { ...existing, name: draft.name.trim(), aliases, brands: cleanNames(draft.brands ?? []) }, context);
      // Renamed: its products' notes name it anew.
      if (saved.name !== existing.name) {
        for (const product of dictionary.products.filter((p) => p.competitorId === id)) await saveRecord(db, 'products', { ...product, competitorName: saved.name }, context);
      }
      return saved;
    }
    const existing = dictionary.products.find((p) => p.id === id);
    if (!existing) throw new DictionaryError('notFound');
    const clash = productLike(dictionary, draft, id);
    if (clash) throw new DictionaryError('duplicate', { id: clash.id, name: clash.name });
    const { prices: _prices, comparesWith: _comparesWith, brand: _brand, spec: _spec, competitorId: _competitorId, competitorName: _competitorName, ...kept } = existing;
    return saveRecord(db, 'products', { ...kept, ...productFields(dictionary, draft) }, context);
  });
}

async function entryById(db: FieldkitDatabase, id: string): Promise<{ table: 'competitors'; row: Competitor } | { table: 'products'; row: Product } | undefined> {
  const competitor = await db.competitors.get(id);
  if (competitor && !competitor.deletedAt) return { table: 'competitors', row: competitor };
  const product = await db.products.get(id);
  if (product && !product.deletedAt) return { table: 'products', row: product };
  return undefined;
}

/** A reviewer approves a pending entry (a rep's inline addition). */
export async function approveEntry(db: FieldkitDatabase, id: string, actor: DictionaryActor): Promise<DictionaryEntry> {
  if (!canReviewDictionary(actor)) throw new DictionaryError('notAllowed');
  const entry = await entryById(db, id);
  if (!entry) throw new DictionaryError('notFound');
  if (entry.row.status === 'approved') return entry.row;
  const context = { author: actor.author, now: actor.now };
  return entry.table === 'competitors' ? saveRecord(db, 'competitors', { ...entry.row, status: 'approved' }, context) : saveRecord(db, 'products', { ...entry.row, status: 'approved' }, context);
}

/** A reviewer turns down a pending entry: it is deleted (a tombstone, so every device drops it). */
export async function rejectEntry(db: FieldkitDatabase, id: string, actor: DictionaryActor): Promise<void> {
  if (!canReviewDictionary(actor)) throw new DictionaryError('notAllowed');
  const entry = await entryById(db, id);
  if (!entry) throw new DictionaryError('notFound');
  await deleteRecord(db, entry.table, id, { author: actor.author, now: actor.now });
}

/**
 * Merges a duplicate (`dropId`) into the entry that stays (`keepId`, or the survivor it was
 * itself merged into). The survivor gains the duplicate's name and aliases as aliases (a
 * competitor its brands; a product its SKU as an alias when it already has one, and what it
 * lacked: SKU, spec, brand, our product it compares with) and is approved, the reviewer having
 * looked at both. The duplicate stays, marked `mergedInto`; a merged competitor's products move
 * to the survivor. Refused for the same entry, a competitor with a product, our product with a
 * competitor's, and a duplicate already merged.
 */
export async function mergeEntries(db: FieldkitDatabase, keepId: string, dropId: string, actor: DictionaryActor): Promise<DictionaryEntry> {
  if (!canReviewDictionary(actor)) throw new DictionaryError('notAllowed');
  const context = { author: actor.author, now: actor.now };
  return db.transaction('rw', [db.competitors, db.products, db.outbox, db.audit], async () => {
    const dictionary = await loadDictionary(db);
    const [keepEntry, drop] = [await entryById(db, keepId), await entryById(db, dropId)];
    if (!keepEntry || !drop) throw new DictionaryError('notFound');
    if (keepEntry.table !== drop.table) throw new DictionaryError('differentKinds');
    if (drop.row.mergedInto) throw new DictionaryError('alreadyMerged');

    if (keepEntry.table === 'competitors' && drop.table === 'competitors') {
      const keep = survivorOf(keepEntry.row, dictionary.competitors);
      if (keep.id === drop.row.id) throw new DictionaryError('sameEntry');
      const kept = await saveRecord(
        db,
        'competitors',
        {
          ...keep,
          aliases: cleanNames([...keep.aliases, drop.row.name, ...drop.row.aliases], [keep.name]),
          brands: cleanNames([...keep.brands, ...drop.row.brands]),
          status: 'approved',
        },
        context,
      );
      await saveRecord(db, 'competitors', { ...drop.row, mergedInto: keep.id, mergedIntoName: keep.name }, context);
      for (const product of dictionary.products.filter((p) => p.competitorId === drop.row.id)) {
        await saveRecord(db, 'products', { ...product, competitorId: keep.id, competitorName: keep.name }, context);
      }
      return kept;
    }
    if (keepEntry.table !== 'products' || drop.table !== 'products') throw new DictionaryError('differentKinds');
    const keep = survivorOf(keepEntry.row, dictionary.products);
    const gone = drop.row;
    if (keep.id === gone.id) throw new DictionaryError('sameEntry');
    if (Boolean(keep.competitorId) !== Boolean(gone.competitorId)) throw new DictionaryError('ownAndCompetitor');
    const sku = keep.sku || gone.sku;
    const brand = keep.brand ?? gone.brand;
    const spec = keep.spec ?? gone.spec;
    const comparesWith = keep.comparesWith ?? gone.comparesWith;
    const kept = await saveRecord(
      db,
      'products',
      {
        ...keep,
        sku,
        ...(brand ? { brand } : {}),
        ...(spec ? { spec } : {}),
        ...(comparesWith ? { comparesWith } : {}),
        ...(keep.prices || gone.prices ? { prices: [...(keep.prices ?? []), ...(gone.prices ?? [])] } : {}),
        aliases: cleanNames([...keep.aliases, gone.name, ...gone.aliases, gone.sku && gone.sku !== sku ? gone.sku : undefined], [keep.name]),
        status: 'approved',
      },
      context,
    );
    await saveRecord(db, 'products', { ...gone, mergedInto: keep.id, mergedIntoName: keep.name }, context);
    return kept;
  });
}

/**
 * The dictionary competitor a typed name means (its name, an alias or a brand; case, width and
 * spacing do not matter), followed through merges; or, with `kind: 'product'`, the product of that
 * name or SKU (of `competitorId` when given). Undefined when the dictionary does not know it.
 */
export async function findEntryByName(db: FieldkitDatabase, name: string, options?: { kind?: 'competitor' }): Promise<Competitor | undefined>;
export async function findEntryByName(db: FieldkitDatabase, name: string, options: { kind: 'product'; competitorId?: string; spec?: string }): Promise<Product | undefined>;
export async function findEntryByName(
  db: FieldkitDatabase,
  name: string,
  options: { kind?: 'competitor' | 'product'; competitorId?: string; spec?: string } = {},
): Promise<DictionaryEntry | undefined> {
  if (!normaliseName(name)) return undefined;
  const dictionary = await loadDictionary(db);
  const resolver = createResolver(dictionary.competitors, dictionary.products);
  if (options.kind === 'product') {
    const wanted = normaliseName(name);
    const spec = normaliseName(options.spec);
    const competitorKey = (id: string | undefined) => (id ? resolver.competitorOf({ competitorId: id, competitorName: '' }).key : '');
    const owner = options.competitorId === undefined ? undefined : competitorKey(options.competitorId);
    const named = dictionary.products.filter(
      (p) => (owner === undefined || competitorKey(p.competitorId) === owner) && [p.name, p.sku, ...p.aliases].some((n) => normaliseName(n) === wanted),
    );
    const found = (spec ? named.find((p) => normaliseName(p.spec) === spec) : undefined) ?? named[0];
    return found && survivorOf(found, dictionary.products);
  }
  const { key } = resolver.competitorOf({ competitorName: name });
  return dictionary.competitors.find((c) => c.id === key);
}

/**
 * For the intel form's save: the dictionary competitor a rep typed, adding it as a pending entry
 * (approved, for a manager or admin) when the dictionary does not know the name yet. Blank: nothing.
 */
export async function ensureCompetitorEntry(db: FieldkitDatabase, name: string, actor: DictionaryActor): Promise<{ competitor: Competitor; created: boolean } | undefined> {
  const typed = name.trim().slice(0, 200);
  if (!normaliseName(typed)) return undefined;
  const known = await findEntryByName(db, typed);
  if (known) return { competitor: known, created: false };
  try {
    return { competitor: await addDictionaryEntry(db, { kind: 'competitor', name: typed }, actor), created: true };
  } catch (error) {
    // Another save added it a moment ago (two captures at once): that one is it.
    if (error instanceof DictionaryError && error.key === 'duplicate') {
      const again = await findEntryByName(db, typed);
      if (again) return { competitor: again, created: false };
    }
    throw error;
  }
}
