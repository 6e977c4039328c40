import { useCallback } from 'react';
import type { Messenger } from '../../lib/messaging/client';
import { SyncStatusBadge } from './SyncStatusBadge';
import { SyncStatusPanel, type SyncStatusPanelProps } from './SyncStatusPanel';
import { useSyncStatus } from './use-sync-status';

type PanelExtras = Pick<SyncStatusPanelProps, 'describeRecord' | 'onOpenRecord' | 'onReconnect'>;

/**
 * Sync status wired to the background: `variant="badge"` for the popup, `"panel"` for the side
 * panel (with Sync now, Retry and Dismiss). Polls `sync.status` while open.
 */
export function SyncStatusContainer({ send, variant, ...extras }: { send: Messenger; variant: 'badge' | 'panel' } & PanelExtras) {
  const fetchStatus = useCallback(() => send('sync.status', {}), [send]);
  const { status, setStatus } = useSyncStatus(fetchStatus);
  if (variant === 'badge') return <SyncStatusBadge status={status} />;
  return (
    <SyncStatusPanel
      status={status}
      onSyncNow={() => void send('sync.now', {}).then(setStatus, () => undefined)}
      onRetry={(outboxId) => void send('sync.retry', { outboxId }).then(setStatus, () => undefined)}
      onRecreate={(outboxId) => void send('sync.recreate', { outboxId }).then(setStatus, () => undefined)}
      onAcceptDeletion={(outboxId) => void send('sync.acceptDeletion', { outboxId }).then(setStatus, () => undefined)}
      onKeepLocal={(outboxId) => void send('sync.keepLocal', { outboxId }).then(setStatus, () => undefined)}
      onDismissConflict={(id) => void send('sync.dismissConflict', { id }).then(setStatus, () => undefined)}
      {...extras}
    />
  );
}
