import { DEFAULT_GROUPS, DEFAULT_PROPERTIES, DEFAULT_SEED, makeProperty } from './seed';
import type { ObjectType, SimAssociation, SimFile, SimFolder, SimGroup, SimObject, SimOwner, SimProperty, SimSeed } from './types';

const ID_BASE: Record<ObjectType, number> = { companies: 30_000, notes: 90_000 };

/** Names HubSpot accepts for the two object types the simulator stores. */
const TYPE_ALIASES: Record<string, ObjectType> = {
  companies: 'companies',
  company: 'companies',
  '0-2': 'companies',
  notes: 'notes',
  note: 'notes',
  '0-46': 'notes',
};

export function objectTypeOf(name: string): ObjectType | undefined {
  return TYPE_ALIASES[name.toLowerCase()];
}

/** The created-at property differs by object (companies: createdate; engagements: hs_createdate). */
export const CREATED_PROPERTY: Record<ObjectType, string> = { companies: 'createdate', notes: 'hs_createdate' };

/** What search saw of an object before a write it has not indexed yet (undefined: not found). */
interface PendingIndex {
  visibleAt: number;
  before: SimObject | undefined;
}

/**
 * All stored data of one simulated portal. Plain maps so `/__sim/state` can dump it and tests can
 * inspect it. The clock never goes back; whether two writes may share a millisecond, and how long
 * search lags writes, are strictness switches (./strict.ts).
 */
export class SimState {
  /** The portal's clock: Date.now, or a test's virtual clock so lags need no real sleeping. */
  clock: () => number = Date.now;
  searchLagMs = 0;
  /** False: every write gets its own millisecond (the pre-#13 simulator). */
  sharedMilliseconds = false;
  private pendingIndex = new WeakMap<SimObject, PendingIndex>();
  portalId = 0;
  timeZone = 'Asia/Shanghai';
  companyCurrency = 'CNY';
  objects: Record<ObjectType, Map<string, SimObject>> = { companies: new Map(), notes: new Map() };
  properties: Record<ObjectType, Map<string, SimProperty>> = { companies: new Map(), notes: new Map() };
  groups: Record<ObjectType, Map<string, SimGroup>> = { companies: new Map(), notes: new Map() };
  associations: SimAssociation[] = [];
  owners: SimOwner[] = [];
  /** The file manager: files by id, folders by path. */
  files = new Map<string, SimFile>();
  folders = new Map<string, SimFolder>();
  private nextFileId = 180_000_000_000;
  private nextId: Record<ObjectType, number> = { ...ID_BASE };
  private lastTime = 0;

  constructor(private readonly seed: SimSeed = DEFAULT_SEED) {
    this.load(seed);
  }

  /** A strictly increasing ISO instant. */
  now(): string {
    this.lastTime = Math.max(this.clock(), this.sharedMilliseconds ? this.lastTime : this.lastTime + 1);
    return new Date(this.lastTime).toISOString();
  }

  /**
   * Call before changing `obj` (undefined before a create, with the new object after it): search
   * keeps answering with what it indexed until the lag has passed.
   */
  willWrite(obj: SimObject): void {
    if (this.searchLagMs <= 0) return;
    const before = this.searchView(obj);
    this.pendingIndex.set(obj, { visibleAt: this.clock() + this.searchLagMs, before: before && { ...before, properties: { ...before.properties } } });
  }

  /** A new object: invisible to search until the lag has passed. */
  created(obj: SimObject): void {
    if (this.searchLagMs > 0) this.pendingIndex.set(obj, { visibleAt: this.clock() + this.searchLagMs, before: undefined });
  }

  /** The object as the search index has it now (undefined: search does not find it). */
  searchView(obj: SimObject): SimObject | undefined {
    const pending = this.pendingIndex.get(obj);
    if (pending && this.clock() < pending.visibleAt) return pending.before;
    return obj.archived ? undefined : obj;
  }

  /** What search finds, in id order. */
  searchable(type: ObjectType): SimObject[] {
    return [...this.objects[type].values()]
      .flatMap((o) => {
        const seen = this.searchView(o);
        return seen ? [seen] : [];
      })
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  newId(type: ObjectType): string {
    this.nextId[type] += 1;
    return String(this.nextId[type]);
  }

  reset(seed: SimSeed = this.seed): void {
    this.objects = { companies: new Map(), notes: new Map() };
    this.properties = { companies: new Map(), notes: new Map() };
    this.groups = { companies: new Map(), notes: new Map() };
    this.associations = [];
    this.nextId = { ...ID_BASE };
    this.files = new Map();
    this.folders = new Map();
    this.nextFileId = 180_000_000_000;
    this.pendingIndex = new WeakMap();
    this.lastTime = 0;
    this.load(seed);
  }

  /** File and folder ids share one counter, like HubSpot's large numeric file ids. */
  newFileId(): string {
    this.nextFileId += 1;
    return String(this.nextFileId);
  }

  /** A live (not archived) file. */
  file(id: string): SimFile | undefined {
    const f = this.files.get(id);
    return f && !f.archived ? f : undefined;
  }

  /** The folder at `path`, created (with its parents) if missing. */
  folderAt(path: string): SimFolder {
    const existing = this.folders.get(path);
    if (existing) return existing;
    const folder = { id: this.newFileId(), path };
    this.folders.set(path, folder);
    return folder;
  }

  private load(seed: SimSeed): void {
    this.portalId = seed.portalId ?? DEFAULT_SEED.portalId ?? 1;
    this.timeZone = seed.timeZone ?? 'Asia/Shanghai';
    this.companyCurrency = seed.companyCurrency ?? 'CNY';
    for (const type of ['companies', 'notes'] as const) {
      for (const g of [...DEFAULT_GROUPS[type], ...(seed.groups?.[type] ?? [])]) this.groups[type].set(g.name, { ...g });
      for (const p of DEFAULT_PROPERTIES[type]) this.properties[type].set(p.name, { ...p });
      for (const p of seed.properties?.[type] ?? []) {
        const full = makeProperty(p.groupName ?? 'fieldkit', [p.name, p.label ?? p.name, p.type, p.fieldType ?? 'text'], 0);
        this.properties[type].set(p.name, { ...full, hubspotDefined: false, ...p });
      }
      for (const o of seed[type] ?? []) {
        const id = o.id ?? this.newId(type);
        this.nextId[type] = Math.max(this.nextId[type], Number(id) || 0);
        const createdAt = o.createdAt ?? this.now();
        const updatedAt = o.updatedAt ?? createdAt;
        this.objects[type].set(id, {
          id,
          createdAt,
          updatedAt,
          archived: false,
          properties: {
            ...o.properties,
            hs_object_id: id,
            [CREATED_PROPERTY[type]]: createdAt,
            hs_lastmodifieddate: updatedAt,
          },
        });
      }
    }
    this.associations = (seed.associations ?? []).map((a) => ({ ...a }));
    this.owners = (seed.owners ?? []).map((o) => ({
      firstName: '',
      lastName: '',
      userId: 0,
      userIdIncludingInactive: 0,
      type: 'PERSON' as const,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      archived: false,
      teams: [],
      ...o,
    }));
  }

  get(type: ObjectType, id: string): SimObject | undefined {
    const o = this.objects[type].get(id);
    return o && !o.archived ? o : undefined;
  }

  /** Live (not archived) objects in id order, which is creation order. */
  list(type: ObjectType): SimObject[] {
    return [...this.objects[type].values()]
      .filter((o) => !o.archived)
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  associationsFrom(type: ObjectType, id: string, toType: ObjectType): SimAssociation[] {
    // Associations are stored once (note → company) and read in both directions.
    return this.associations.flatMap((a) => {
      if (a.fromType === type && a.fromId === id && a.toType === toType) return [a];
      if (a.toType === type && a.toId === id && a.fromType === toType) {
        return [{ fromType: type, fromId: id, toType, toId: a.fromId, typeId: inverseTypeId(a.typeId), category: a.category }];
      }
      return [];
    });
  }

  toJSON() {
    const dump = <T>(m: Map<string, T>) => [...m.values()];
    return {
      portalId: this.portalId,
      objects: { companies: dump(this.objects.companies), notes: dump(this.objects.notes) },
      properties: { companies: dump(this.properties.companies), notes: dump(this.properties.notes) },
      groups: { companies: dump(this.groups.companies), notes: dump(this.groups.notes) },
      associations: this.associations,
      owners: this.owners,
      files: [...this.files.values()].map(({ bytes: _bytes, ...f }) => f),
    };
  }
}

/** HUBSPOT_DEFINED pairs the simulator knows: 190 note→company and its inverse 189 company→note. */
export const ASSOCIATION_TYPES: Record<number, { from: ObjectType; to: ObjectType; inverse: number; label: string }> = {
  190: { from: 'notes', to: 'companies', inverse: 189, label: 'note_to_company' },
  189: { from: 'companies', to: 'notes', inverse: 190, label: 'company_to_note' },
};

function inverseTypeId(typeId: number): number {
  return ASSOCIATION_TYPES[typeId]?.inverse ?? typeId;
}
