import { useLiveQuery } from 'dexie-react-hooks';
import { readDeadlineOverrides } from '../../lib/reports/deadline-store';
import { useDatabase } from '../shell/database-context';

/** The team's deadline overrides by subject, live (an admin's change pulled from the CRM shows at once). */
export function useDeadlineOverrides(): Record<string, unknown> | undefined {
  const db = useDatabase();
  return useLiveQuery(() => readDeadlineOverrides(db), [db]);
}
