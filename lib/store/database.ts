/**
 * The one Dexie database, built from the record-kind registry: every kind's table and indexes
 * come from its declaration (lib/kinds.ts), the history of shipped versions from ./migrations.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { z } from '../kernel/zod';
import type { OutboxEntry } from './outbox';
import type { AuditEvent } from './audit';
import type { Setting } from './settings-schema';
import { storeSpecOf, type KindDefinition } from './kind';
import { CURRENT_VERSION, MIGRATIONS, SYSTEM_STORES } from './migrations';
import { KINDS, type ProductKind } from '../kinds';

export interface DatabaseOptions {
  name?: string;
  /** Tests pass a fresh `IDBFactory` so each test gets an isolated database. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /** The kinds to store; the product's registry by default. Tests add fixture kinds here. */
  kinds?: readonly KindDefinition[];
}

export const DATABASE_NAME = 'fieldkit';

/** A typed table per registered kind: `db.visitCards`, `db.ruleSets`, … */
type KindTables = {
  [K in ProductKind as K['table']]: [K['primaryKey']] extends [string]
    ? Table<z.infer<K['schema']>, [string, number]>
    : EntityTable<z.infer<K['schema']>, Extract<'id', keyof z.infer<K['schema']>>>;
};

class Store extends Dexie {
  outbox!: EntityTable<OutboxEntry, 'id'>;
  audit!: EntityTable<AuditEvent, 'id'>;
  settings!: EntityTable<Setting, 'key'>;
  /** The kinds this database stores, by table. */
  readonly kinds: ReadonlyMap<string, KindDefinition>;

  constructor(options: DatabaseOptions = {}) {
    // Only pass the factories when given: Dexie treats an explicit `undefined` as "none".
    super(options.name ?? DATABASE_NAME, options.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : {});
    const kinds = options.kinds ?? KINDS;
    this.kinds = new Map(kinds.map((kind) => [kind.table, kind]));
    for (const migration of MIGRATIONS) {
      const version = this.version(migration.version).stores(migration.version === 1 ? { ...migration.stores } : migration.stores);
      if (migration.upgrade) version.upgrade(migration.upgrade);
    }
    // The current version is the registry: identical to the last migration for the product's
    // kinds (a convention test holds them equal), plus any fixture kind a test registers.
    this.version(CURRENT_VERSION).stores({ ...Object.fromEntries(kinds.map((kind) => [kind.table, storeSpecOf(kind)])), ...SYSTEM_STORES });
    // Derived kinds keep themselves right on every write to what they derive from.
    for (const kind of kinds) if (kind.maintainedBy) this.use(kind.maintainedBy);
  }

  /** The declaration of a stored kind; throws for a table that is not registered. */
  kind(table: string): KindDefinition {
    const kind = this.kinds.get(table);
    if (!kind) throw new Error(`${table} is not a registered record kind`);
    return kind;
  }
}

export type FieldkitDatabase = Store & KindTables;
export const FieldkitDatabase = Store as unknown as new (options?: DatabaseOptions) => FieldkitDatabase;

let shared: FieldkitDatabase | undefined;

/** The extension-origin database. Never opened from a content script (it would open the page's). */
export function getDatabase(): FieldkitDatabase {
  shared ??= new FieldkitDatabase();
  return shared;
}
