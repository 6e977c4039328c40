import type { SyncStatus } from '../../lib/messaging/protocol';
import { useT } from '../shell/locale';
import { syncStatusMessages } from './messages';

/** A progress bar for large pushes and the first pull; hidden for small ones. */
export function SyncProgress({ progress }: { progress?: SyncStatus['progress'] }) {
  const t = useT(syncStatusMessages);
  if (!progress || progress.total <= 0) return null;
  const label = t(progress.phase === 'push' ? 'progressPush' : 'progressPull', { done: progress.done, total: progress.total });
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
      <progress value={Math.min(progress.done, progress.total)} max={progress.total} aria-label={label} style={{ width: '100%' }} />
      <span className="fk-muted" style={{ fontSize: 12 }}>{label}</span>
    </div>
  );
}
