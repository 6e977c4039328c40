import { useCallback, useEffect, useState } from 'react';
import type { SyncStatus } from '../../lib/messaging/protocol';

/**
 * Keeps a SyncStatus fresh by asking the background (the host passes the messenger call, so this
 * module imports neither Dexie nor the browser). Polls while the surface is open; the status
 * itself is computed from stored state, so polling is cheap and survives worker restarts.
 */
export function useSyncStatus(fetchStatus: () => Promise<SyncStatus>, intervalMs = 2_000) {
  const [status, setStatus] = useState<SyncStatus>();
  const refresh = useCallback(async () => {
    try {
      setStatus(await fetchStatus());
    } catch {
      // The background may be restarting; the next tick asks again.
    }
  }, [fetchStatus]);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [refresh, intervalMs]);
  return { status, refresh, setStatus };
}
