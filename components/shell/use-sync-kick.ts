import { useEffect } from 'react';
import { liveQuery } from 'dexie';
import type { FieldkitDatabase } from '../../lib/store/database';
import type { Messenger } from '../../lib/messaging/client';

/**
 * Extension pages write records straight to Dexie; when the outbox grows, they wake the
 * background (which may be asleep) with `sync.now`, so a save reaches HubSpot without waiting for
 * the next alarm.
 */
export function useSyncKick(db: FieldkitDatabase, send: Messenger | undefined): void {
  useEffect(() => {
    if (!send) return;
    let last = -1;
    const subscription = liveQuery(() => db.outbox.where('status').equals('pending').count()).subscribe({
      next: (pending) => {
        if (last >= 0 && pending > last) void send('sync.now', {}).catch(() => undefined);
        last = pending;
      },
      error: () => undefined,
    });
    return () => subscription.unsubscribe();
  }, [db, send]);
}
