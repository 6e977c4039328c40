import { useLiveQuery } from 'dexie-react-hooks';
import { useDatabase } from '../shell/database-context';
import { loadTeamContext, type TeamContext } from '../../lib/team/roles';

/**
 * Who I am on the team, my role and the reps I manage, live: it follows every change to the role
 * assignments (an admin's, pulled from another device), the CRM owners sync keeps and the local
 * profile. `undefined` while loading.
 */
export function useTeamContext(): TeamContext | undefined {
  const db = useDatabase();
  return useLiveQuery(() => loadTeamContext(db), [db]);
}
