import { createContext, useContext, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { FieldkitDatabase } from '../../lib/store/database';
import { listRecords, type RecordOf, type RecordTable } from '../../lib/store/records';
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

export function useRecords<T extends RecordTable>(table: T): RecordOf<T>[] | undefined {
  const db = useDatabase();
  return useLiveQuery(() => listRecords(db, table), [db, table]);
}

export function useDealers() {
  const db = useDatabase();
  return useLiveQuery(async () => (await db.dealers.orderBy('name').toArray()).filter((d) => !d.deletedAt), [db]);
}
