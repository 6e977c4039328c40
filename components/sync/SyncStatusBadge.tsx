import type { SyncStatus } from '../../lib/messaging/protocol';
import { formatDateTime } from '../../lib/kernel/i18n';
import { useLocale, useT } from '../shell/locale';
import { syncStatusMessages } from './messages';

/** One line for the popup header: what is waiting, when it last worked, what needs a person. */
export function SyncStatusBadge({ status }: { status?: SyncStatus }) {
  const t = useT(syncStatusMessages);
  const locale = useLocale();
  if (!status) return null;
  const parts = [
    status.pending > 0 ? t('pending', { count: status.pending }) : t('allSynced'),
    status.lastSuccessAt ? t('lastSuccess', { time: formatDateTime(status.lastSuccessAt, locale) }) : t('neverSynced'),
  ];
  const warning = status.paused === 'unauthorized' ? t('unauthorized') : status.paused === 'disconnected' ? t('disconnected') : undefined;
  return (
    <p role="status" data-testid="sync-badge" className="fk-muted" style={{ margin: 0, fontSize: 12 }}>
      {status.running && <span>{t('syncing')} · </span>}
      {parts.join(' · ')}
      {status.needsAttention > 0 && <strong style={{ color: '#b45309' }}> · {t('needsAttention', { count: status.needsAttention })}</strong>}
      {warning && <span style={{ display: 'block', color: '#b45309' }}>{warning}</span>}
    </p>
  );
}
