import { createContext, useContext, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { FieldkitDatabase } from '../../lib/store/database';
import type { NamedQuery } from '../../lib/store/query';
import { dealersByName } from '../../lib/dealers/queries';
import { readSetting } from '../../lib/store/settings';
import type { SettingKey, SettingValue } from '../../lib/store/settings-schema';

/**
 * Extension pages (side panel, popup, options) share the extension-origin database, so they read
 * it live: a record saved in one page appears in the others without a reload. Content-script UIs
 * never get this context; they talk to the background through messages instead.
 */
const DatabaseContext = createContext<FieldkitDatabase | null>(null);

export function DatabaseProvider({ db, children }: { db: FieldkitDatabase; children: ReactNode }) {
  return <DatabaseContext.Provider value={db}>{children}</DatabaseContext.Provider>;
}

export function useDatabase(): FieldkitDatabase {
  const db = useContext(DatabaseContext);
  if (!db) throw new Error('useDatabase() needs a <DatabaseProvider>');
  return db;
}

export function useSetting<K extends SettingKey>(key: K): SettingValue<K> | undefined {
  const db = useDatabase();
  return useLiveQuery(() => readSetting(db, key), [db, key]);
}

/**
 * Reads through a named, index-backed query (lib/<capability>/queries.ts), live: the result
 * follows every write to the tables it reads. `undefined` while loading, and while `args` is
 * undefined (e.g. the profile it needs has not loaded yet). Views never read whole tables.
 */
export function useQuery<A, R>(query: NamedQuery<A, R>, args: A | undefined): R | undefined {
  const db = useDatabase();
  const key = args === undefined ? undefined : JSON.stringify(args);
  return useLiveQuery(async () => (args === undefined ? undefined : query.run(db, args)), [db, query, key]);
}

/** Dealers for pickers and name lookups, in name order (bounded: a rep's or a region's dealers). */
export const DEALER_PICKER_LIMIT = 2000;

export function useDealers() {
  return useQuery(dealersByName, { search: '', limit: DEALER_PICKER_LIMIT });
}
