import type { SyncStatus } from '../../lib/messaging/protocol';
import { formatNumber } from '../../lib/kernel/format';
import { useLocale, useT } from '../shell/locale';
import { syncStatusMessages } from './messages';

/** A progress bar for large pushes and the first pull; hidden for small ones. */
export function SyncProgress({ progress }: { progress?: SyncStatus['progress'] }) {
  const t = useT(syncStatusMessages);
  const locale = useLocale();
  if (!progress || progress.total <= 0) return null;
  const label = t(progress.phase === 'push' ? 'progressPush' : 'progressPull', { done: formatNumber(progress.done, locale), total: formatNumber(progress.total, locale) });
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <progress value={Math.min(progress.done, progress.total)} max={progress.total} aria-label={label} className="h-2 w-full accent-accent" />
      <span className="text-xs text-muted tabular-nums">{label}</span>
    </div>
  );
}
