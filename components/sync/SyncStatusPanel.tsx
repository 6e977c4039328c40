import type { SyncStatus } from '../../lib/messaging/protocol';
import { formatDateTime } from '../../lib/kernel/i18n';
import { profileNameFor } from '../../lib/store/settings';
import { useLocale, useT } from '../shell/locale';
import { syncStatusMessages } from './messages';
import { SyncProgress } from './SyncProgress';

type TableKey = 'visitCards' | 'diaryEntries' | 'reports' | 'intelItems' | 'dealers';
const TABLES: readonly string[] = ['visitCards', 'diaryEntries', 'reports', 'intelItems', 'dealers'];

export interface SyncStatusPanelProps {
  status?: SyncStatus;
  onSyncNow?: () => void;
  /** "Fix and retry": puts the refused record back in the queue. */
  onRetry: (outboxId: string) => void;
  onDismissConflict?: (conflictId: string) => void;
  /** Opens the connection settings (shown when sync is paused for a bad token). */
  onReconnect?: () => void;
  /** A human name for a record ("华联商贸 · 11月23日"); defaults to its type. */
  describeRecord?: (table: string, recordId: string) => string | undefined;
  /** Opens the record so the user can fix it. */
  onOpenRecord?: (table: string, recordId: string) => void;
}

/** Sync status where it matters: the side panel's sync section. */
export function SyncStatusPanel({ status, onSyncNow, onRetry, onDismissConflict, onReconnect, describeRecord, onOpenRecord }: SyncStatusPanelProps) {
  const t = useT(syncStatusMessages);
  const locale = useLocale();
  if (!status) return null;
  const time = (iso: string) => formatDateTime(iso, locale);
  const name = (table: string, recordId: string) => describeRecord?.(table, recordId) ?? (TABLES.includes(table) ? t(table as TableKey) : table);

  return (
    <section aria-labelledby="fk-sync-title" className="fk-stack" data-testid="sync-panel">
      <h2 id="fk-sync-title" style={{ fontSize: 15, margin: 0 }}>{t('title')}</h2>
      {status.paused === 'disconnected' && <p className="fk-muted">{t('disconnected')}</p>}
      {status.paused === 'unauthorized' && (
        <div role="alert" className="fk-error">
          <p style={{ margin: 0 }}>{t('unauthorized')}</p>
          {onReconnect && (
            <button type="button" className="fk-button" onClick={onReconnect}>
              {t('reconnect')}
            </button>
          )}
        </div>
      )}
      <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 8px', margin: 0, fontSize: 13 }}>
        <dt className="fk-muted">{status.pending > 0 ? t('pending', { count: status.pending }) : t('allSynced')}</dt>
        <dd style={{ margin: 0 }}>{status.nextAttemptAt && !status.running ? t('nextAttempt', { time: time(status.nextAttemptAt) }) : ''}</dd>
        <dt className="fk-muted">{status.lastSuccessAt ? t('lastSuccess', { time: time(status.lastSuccessAt) }) : t('neverSynced')}</dt>
        <dd style={{ margin: 0 }} />
      </dl>
      {status.running && <SyncProgress progress={status.progress} />}
      {onSyncNow && status.connected && (
        <button type="button" className="fk-button" onClick={onSyncNow} disabled={status.running || status.paused !== undefined}>
          {status.running ? t('syncing') : t('syncNow')}
        </button>
      )}
      {status.lastError && status.needsAttention === 0 && status.pending > 0 && <p className="fk-muted">{t('lastError', { message: status.lastError })}</p>}

      {(status.attention?.length ?? 0) > 0 && (
        <section aria-labelledby="fk-sync-attention">
          <h3 id="fk-sync-attention" style={{ fontSize: 14, margin: '8px 0 4px' }}>{t('attentionHeading')} ({status.needsAttention})</h3>
          <p className="fk-muted" style={{ margin: '0 0 4px', fontSize: 12 }}>{t('attentionHint')}</p>
          <ul className="fk-list" data-testid="sync-attention">
            {status.attention!.map((item) => (
              <li key={item.outboxId} className="fk-card">
                {onOpenRecord ? (
                  <button type="button" className="fk-button" onClick={() => onOpenRecord(item.table, item.recordId)}>
                    {name(item.table, item.recordId)}
                  </button>
                ) : (
                  <strong>{name(item.table, item.recordId)}</strong>
                )}
                <p style={{ margin: '4px 0' }}>{t('hubspotSaid', { message: item.message })}</p>
                <button type="button" className="fk-button" aria-label={t('retryLabel', { record: name(item.table, item.recordId) })} onClick={() => onRetry(item.outboxId)}>
                  {t('retry')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {(status.conflicts?.length ?? 0) > 0 && (
        <section aria-labelledby="fk-sync-conflicts">
          <h3 id="fk-sync-conflicts" style={{ fontSize: 14, margin: '8px 0 4px' }}>{t('conflictsHeading')}</h3>
          <ul className="fk-list" data-testid="sync-conflicts">
            {status.conflicts!.map((c) => (
              <li key={c.id} className="fk-card">
                <strong>{name(c.table, c.recordId)}</strong>
                <p style={{ margin: '4px 0' }}>
                  {c.kept === 'remote' ? t('conflictKeptRemote', { time: time(c.losingVersion) }) : t('conflictKeptLocal', { author: profileNameFor(c.losingAuthor, locale), time: time(c.losingVersion) })}
                </p>
                {onDismissConflict && (
                  <button type="button" className="fk-button" aria-label={t('dismissLabel', { record: name(c.table, c.recordId) })} onClick={() => onDismissConflict(c.id)}>
                    {t('dismiss')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
