import { useId } from 'react';
import { RefreshCw } from 'lucide-react';
import type { SyncStatus } from '../../lib/messaging/protocol';
import { formatDateTime } from '../../lib/kernel/i18n';
import { formatRelativeTime } from '../../lib/kernel/format';
import { profileNameFor } from '../../lib/store/settings';
import { useLocale, useT } from '../shell/locale';
import { Button, Notice, hintClass } from '../ui/index';
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
  /** A record whose note was deleted in HubSpot: create the note again… */
  onRecreate?: (outboxId: string) => void;
  /** …or delete the record here too. */
  onAcceptDeletion?: (outboxId: string) => void;
  /** A record whose dealer was deleted in HubSpot: keep it on this device only. */
  onKeepLocal?: (outboxId: string) => void;
  /** Opens the connection settings (to connect, or to reconnect after a bad token). */
  onReconnect?: () => void;
  /** A human name for a record ("华联商贸 · 11月23日"); defaults to its type. */
  describeRecord?: (table: string, recordId: string) => string | undefined;
  /** Opens the record so the user can fix it. */
  onOpenRecord?: (table: string, recordId: string) => void;
  /** For tests and screenshots: the moment "2 minutes ago" is counted from. */
  now?: Date;
}

type RefusedKey = 'refusedValidation' | 'refusedForbidden' | 'refusedNotFound' | 'refusedOwner' | 'refusedDeleted' | 'refusedDealerGone' | 'refusedOther';
const REFUSED_KEYS: Record<string, RefusedKey> = {
  validation: 'refusedValidation',
  conflict: 'refusedValidation',
  forbidden: 'refusedForbidden',
  'not-found': 'refusedNotFound',
  'owned-by-another': 'refusedOwner',
  'deleted-in-crm': 'refusedDeleted',
  'dealer-gone': 'refusedDealerGone',
};
const refusedKeyOf = (kind: string): RefusedKey => (Object.hasOwn(REFUSED_KEYS, kind) ? REFUSED_KEYS[kind]! : 'refusedOther');

/** Sync status where it matters: the side panel's settings. */
export function SyncStatusPanel({ status, onSyncNow, onRetry, onDismissConflict, onRecreate, onAcceptDeletion, onKeepLocal, onReconnect, describeRecord, onOpenRecord, now }: SyncStatusPanelProps) {
  const t = useT(syncStatusMessages);
  const locale = useLocale();
  const titleId = useId();
  const attentionId = useId();
  const conflictsId = useId();
  if (!status) return null;
  const time = (iso: string) => formatDateTime(iso, locale);
  const ago = (iso: string) => formatRelativeTime(iso, locale, now ?? new Date());
  const name = (table: string, recordId: string) => describeRecord?.(table, recordId) ?? (TABLES.includes(table) ? t(table as TableKey) : t('otherRecord'));
  const connected = status.connected && status.paused !== 'disconnected';
  const state = !connected
    ? t('pending', { count: status.pending })
    : status.paused === 'portal-switch'
      ? t('statePaused')
      : status.running
        ? t('syncing')
        : status.pending > 0
          ? t('pending', { count: status.pending })
          : status.needsAttention > 0
            ? t('stateSyncedExcept', { count: status.needsAttention })
            : status.lastSuccessAt
              ? t('stateSynced')
              : t('stateNothingYet');

  return (
    <section aria-labelledby={titleId} className="flex min-w-0 flex-col gap-3 rounded-lg border border-line bg-surface p-3" data-testid="sync-panel">
      <div className="flex min-w-0 flex-wrap items-center justify-between gap-2">
        <h3 id={titleId} className="m-0 text-base font-semibold">
          {t('title')}
        </h3>
        {onSyncNow && status.connected && (
          <Button size="sm" onClick={onSyncNow} disabled={status.running || status.paused !== undefined} aria-busy={status.running || undefined}>
            <RefreshCw aria-hidden="true" className="size-3.5" />
            {status.running ? t('syncing') : t('syncNow')}
          </Button>
        )}
      </div>

      {!connected && (
        <Notice tone="info">
          {t('disconnected')}
        </Notice>
      )}
      {status.paused === 'unauthorized' && <PausedNotice tone="danger" message={t('unauthorized')} action={t('reconnect')} onAction={onReconnect} />}
      {status.paused === 'portal-switch' && <PausedNotice tone="warn" message={t('portalSwitch')} action={t('choosePortal')} onAction={onReconnect} />}

      {(connected || status.pending > 0) && (
        <dl className="m-0 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
          <dt className="text-muted">{t('stateTerm')}</dt>
          <dd className="m-0">{state}</dd>
          {connected && (
            <>
              <dt className="text-muted">{t('lastSuccessTerm')}</dt>
              <dd className="m-0" title={status.lastSuccessAt ? time(status.lastSuccessAt) : undefined}>
                {status.lastSuccessAt ? ago(status.lastSuccessAt) : t('neverSynced')}
              </dd>
            </>
          )}
          {connected && status.nextAttemptAt && !status.running && (
            <>
              <dt className="text-muted">{t('nextAttemptTerm')}</dt>
              <dd className="m-0" title={time(status.nextAttemptAt)}>
                {ago(status.nextAttemptAt)}
              </dd>
            </>
          )}
        </dl>
      )}
      {!connected && onReconnect && (
        <div>
          <Button size="sm" variant="primary" onClick={onReconnect}>
            {t('connectNow')}
          </Button>
        </div>
      )}
      {status.running && <SyncProgress progress={status.progress} />}
      {status.lastError && status.needsAttention === 0 && status.pending > 0 && (
        <div className="flex min-w-0 flex-col gap-1">
          <Notice tone="warn">{t('lastError')}</Notice>
          <details className="text-xs text-muted">
            <summary className="cursor-pointer">{t('technical')}</summary>
            <p className="m-0 mt-1 font-mono break-all">{status.lastError}</p>
          </details>
        </div>
      )}

      {(status.attention?.length ?? 0) > 0 && (
        <section aria-labelledby={attentionId} className="flex min-w-0 flex-col gap-2">
          <h4 id={attentionId} className="m-0 text-sm font-semibold text-warn">
            {t('attentionHeading', { count: status.needsAttention })}
          </h4>
          <p className={hintClass}>{t('attentionHint')}</p>
          <ul className="m-0 flex list-none flex-col gap-2 p-0" data-testid="sync-attention">
            {status.attention!.map((item) => {
              const record = name(item.table, item.recordId);
              return (
                <li key={item.outboxId} className="flex min-w-0 flex-col gap-2 rounded-md border border-line p-2.5">
                  {onOpenRecord ? (
                    <button type="button" className="cursor-pointer self-start text-left font-medium break-words text-accent-hover underline underline-offset-2" onClick={() => onOpenRecord(item.table, item.recordId)}>
                      {record}
                    </button>
                  ) : (
                    <strong className="font-medium break-words">{record}</strong>
                  )}
                  <p className="m-0 text-sm">{t(refusedKeyOf(item.kind))}</p>
                  <details className="text-xs text-muted">
                    <summary className="cursor-pointer">{t('technical')}</summary>
                    <p className="m-0 mt-1 break-words">{t('hubspotSaid', { message: item.message })}</p>
                  </details>
                  {item.kind === 'deleted-in-crm' && onRecreate && onAcceptDeletion ? (
                    // Retrying cannot bring a deleted note back: the two ways out instead.
                    <div className="flex flex-wrap gap-2">
                      <Button size="sm" aria-label={t('recreateLabel', { record })} onClick={() => onRecreate(item.outboxId)}>
                        {t('recreate')}
                      </Button>
                      <Button size="sm" variant="ghost" aria-label={t('acceptDeletionLabel', { record })} onClick={() => onAcceptDeletion(item.outboxId)}>
                        {t('acceptDeletion')}
                      </Button>
                    </div>
                  ) : item.kind === 'dealer-gone' && onKeepLocal ? (
                    // Retrying would be refused again: file it under another dealer, or keep it here.
                    <div className="flex flex-wrap gap-2">
                      {onOpenRecord && (
                        <Button size="sm" aria-label={t('chooseDealerLabel', { record })} onClick={() => onOpenRecord(item.table, item.recordId)}>
                          {t('chooseDealer')}
                        </Button>
                      )}
                      <Button size="sm" variant={onOpenRecord ? 'ghost' : undefined} aria-label={t('keepLocalLabel', { record })} onClick={() => onKeepLocal(item.outboxId)}>
                        {t('keepLocal')}
                      </Button>
                    </div>
                  ) : (
                    <div>
                      <Button size="sm" aria-label={t('retryLabel', { record })} onClick={() => onRetry(item.outboxId)}>
                        {t('retry')}
                      </Button>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      {(status.conflicts?.length ?? 0) > 0 && (
        <section aria-labelledby={conflictsId} className="flex min-w-0 flex-col gap-2">
          <h4 id={conflictsId} className="m-0 text-sm font-semibold">
            {t('conflictsHeading')}
          </h4>
          <ul className="m-0 flex list-none flex-col gap-2 p-0" data-testid="sync-conflicts">
            {status.conflicts!.map((c) => {
              const record = name(c.table, c.recordId);
              return (
                <li key={c.id} className="flex min-w-0 flex-col gap-2 rounded-md border border-line p-2.5">
                  <strong className="font-medium break-words">{record}</strong>
                  <p className="m-0 text-sm">
                    {c.kept === 'remote' ? t('conflictKeptRemote', { time: time(c.losingVersion) }) : t('conflictKeptLocal', { author: profileNameFor(c.losingAuthor, locale), time: time(c.losingVersion) })}
                  </p>
                  {onDismissConflict && (
                    <div>
                      <Button size="sm" aria-label={t('dismissLabel', { record })} onClick={() => onDismissConflict(c.id)}>
                        {t('dismiss')}
                      </Button>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </section>
  );
}

/** Why sync is paused, and the button that leads to the fix (the connection settings). */
function PausedNotice({ tone, message, action, onAction }: { tone: 'danger' | 'warn'; message: string; action: string; onAction: (() => void) | undefined }) {
  return (
    <div role="alert" className="flex min-w-0 flex-col items-start gap-2">
      <Notice tone={tone} className="self-stretch">
        {message}
      </Notice>
      {onAction && (
        <Button size="sm" variant="primary" onClick={onAction}>
          {action}
        </Button>
      )}
    </div>
  );
}
