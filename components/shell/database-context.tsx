import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { FieldkitDatabase } from '../../lib/store/database';
import type { NamedQuery } from '../../lib/store/query';
import { dealersByIds, dealersByName } from '../../lib/dealers/queries';
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

/**
 * Dealers for pickers, in name order (bounded: a rep's or a region's dealers). Only a form that
 * is open asks for them; a view that only names dealers uses `useDealerNames`.
 */
export const DEALER_PICKER_LIMIT = 2000;

export function useDealers(enabled = true) {
  return useQuery(dealersByName, enabled ? { search: '', limit: DEALER_PICKER_LIMIT } : undefined);
}

/**
 * The names of the dealers `ids` mention (the dealers of a list of visit cards), read by primary
 * key: a view that names a few dealers never loads them all. `undefined` while loading.
 */
export function useDealerNames(ids: readonly string[]): Record<string, string> | undefined {
  const key = [...new Set(ids)].sort().join(' ');
  const args = useMemo(() => ({ ids: key ? key.split(' ') : [] }), [key]);
  const dealers = useQuery(dealersByIds, args);
  return useMemo(() => dealers && Object.fromEntries(dealers.map((d) => [d.id, d.name])), [dealers]);
}

/**
 * A named query and the names of the dealers its answer mentions, read together: a new row and
 * its dealer's name arrive in the same render, never the row first with an unknown dealer.
 */
export function useQueryNamingDealers<A, R>(
  query: NamedQuery<A, R>,
  args: A | undefined,
  dealerIdsOf: (result: R) => readonly string[],
): { result: R; dealerNames: Record<string, string> } | undefined {
  const db = useDatabase();
  const key = args === undefined ? undefined : JSON.stringify(args);
  return useLiveQuery(async () => {
    if (args === undefined) return undefined;
    const result = await query.run(db, args);
    const dealers = await dealersByIds.run(db, { ids: [...new Set(dealerIdsOf(result))] });
    return { result, dealerNames: Object.fromEntries(dealers.map((d) => [d.id, d.name])) };
    // dealerIdsOf is a pure function of the answer: it does not change what is read.
  }, [db, query, key]);
}
