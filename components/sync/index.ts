export { SyncStatusBadge } from './SyncStatusBadge';
export { SyncStatusPanel, type SyncStatusPanelProps } from './SyncStatusPanel';
export { SyncProgress } from './SyncProgress';
export { useSyncStatus } from './use-sync-status';
export { syncStatusMessages } from './messages';
export { SyncStatusContainer } from './SyncStatusContainer';
