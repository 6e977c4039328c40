import { AlertTriangle, CheckCircle2, Cloud, CloudOff, RefreshCw, UploadCloud } from 'lucide-react';
import type { SyncStatus } from '../../lib/messaging/protocol';
import { formatDateTime } from '../../lib/kernel/i18n';
import { formatRelativeTime } from '../../lib/kernel/format';
import { useLocale, useT } from '../shell/locale';
import { cn } from '../ui/index';
import { syncStatusMessages } from './messages';

/**
 * One line for a header: not connected, paused, syncing, what is waiting, or "synced · 2 minutes
 * ago"; and how many records need a person. Parts wrap between each other, never inside a word.
 */
export function SyncStatusBadge({ status, now }: { status?: SyncStatus; now?: Date }) {
  const t = useT(syncStatusMessages);
  const locale = useLocale();
  if (!status) return null;
  const ago = (iso: string) => formatRelativeTime(iso, locale, now ?? new Date());
  let tone: 'muted' | 'ok' | 'warn' | 'danger' = 'muted';
  let Icon = CloudOff;
  const parts: { text: string; title?: string }[] = [];
  if (status.paused === 'unauthorized') {
    tone = 'danger';
    Icon = AlertTriangle;
    parts.push({ text: t('badgePaused') });
  } else if (status.paused === 'portal-switch') {
    // Connected and nothing failing, yet nothing is sent until the user chooses: never "synced".
    tone = 'warn';
    Icon = AlertTriangle;
    parts.push({ text: t('badgeChoose') });
  } else if (!status.connected || status.paused === 'disconnected') {
    parts.push({ text: t('badgeNotConnected') });
  } else if (status.running) {
    Icon = RefreshCw;
    parts.push({ text: t('syncing') });
  } else if (status.pending > 0) {
    Icon = UploadCloud;
    parts.push({ text: t('pending', { count: status.pending }) });
    if (status.lastSuccessAt) parts.push({ text: t('lastSuccessShort', { time: ago(status.lastSuccessAt) }), title: formatDateTime(status.lastSuccessAt, locale) });
  } else if (status.lastSuccessAt) {
    tone = 'ok';
    Icon = CheckCircle2;
    parts.push({ text: t('badgeSynced', { time: ago(status.lastSuccessAt) }), title: formatDateTime(status.lastSuccessAt, locale) });
  } else {
    Icon = Cloud;
    parts.push({ text: t('badgeNeverSynced') });
  }
  const attention = status.needsAttention > 0 && status.paused !== 'unauthorized';
  if (attention && tone !== 'danger') tone = 'warn';
  return (
    <p
      role="status"
      data-testid="sync-badge"
      className={cn(
        'm-0 inline-flex min-w-0 flex-wrap items-center gap-x-1.5 gap-y-0.5 text-xs',
        tone === 'ok' ? 'text-ok' : tone === 'warn' ? 'text-warn' : tone === 'danger' ? 'text-danger' : 'text-muted',
      )}
    >
      <Icon aria-hidden="true" className="size-3.5 shrink-0" />
      {parts.map((part, index) => (
        <span key={index} title={part.title} className="whitespace-nowrap">
          {index > 0 && <span aria-hidden="true">· </span>}
          {part.text}
        </span>
      ))}
      {attention && (
        <strong className="font-semibold whitespace-nowrap text-warn">
          <span aria-hidden="true">· </span>
          {t('needsAttention', { count: status.needsAttention })}
        </strong>
      )}
    </p>
  );
}
