import { useLiveQuery } from 'dexie-react-hooks';
import { useDatabase } from '../../shell/database-context';
import { browseQueryFor, type BrowsePage } from '../../../lib/intel/queries';
import type { IntelFilters, ViewResolver } from '../../../lib/intel/browse';

/**
 * Intel matching `filters`, live, through the browse query that reads the least for them
 * (lib/intel/queries.ts). The resolver is a dependency of its own: it is not data to serialise.
 * `undefined` while loading and while `filters` is undefined.
 */
export function useBrowse(filters: IntelFilters | undefined, limit: number, resolver: ViewResolver): BrowsePage | undefined {
  const db = useDatabase();
  const key = filters === undefined ? undefined : JSON.stringify([filters, limit]);
  return useLiveQuery(async () => (filters === undefined ? undefined : browseQueryFor(filters).run(db, { filters, limit, resolver })), [db, key, resolver]);
}
