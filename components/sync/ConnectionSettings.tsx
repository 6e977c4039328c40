import { useId, useState, type FormEvent } from 'react';
import { CheckCircle2, ChevronRight, PlugZap } from 'lucide-react';
import type { ConnectionStatus } from '../../lib/messaging/protocol';
import { formatDateTime } from '../../lib/kernel/i18n';
import { useLocale, useT } from '../shell/locale';
import { Badge, Button, Notice, cn, hintClass, inputClass, labelClass } from '../ui/index';
import { connectionMessages } from './connection-messages';

export interface ConnectionSettingsProps {
  status?: ConnectionStatus;
  /** Sends `connection.connect`; resolves with the new status (which may carry an error). */
  onConnect: (input: { token: string; baseUrl?: string }) => Promise<ConnectionStatus>;
  /** Sends `connection.disconnect`. */
  onDisconnect: () => Promise<ConnectionStatus>;
  /** Sends `connection.relinkAsNew` (after connecting to another portal than the records'). */
  onRelinkAsNew?: () => Promise<ConnectionStatus>;
  /** The CRM's own API address, used when the field is left empty (the host knows it). */
  defaultBaseUrl: string;
}

type ErrorKey = 'errorUnauthorized' | 'errorForbidden' | 'errorInvalidUrl' | 'errorNetwork' | 'errorRateLimited' | 'errorServer' | 'errorSchema' | 'errorOther';

/** What the person can do about a failed connect, by the kind of failure. */
function errorKeyOf(kind: string | undefined): ErrorKey {
  switch (kind) {
    case 'unauthorized':
      return 'errorUnauthorized';
    case 'forbidden':
      return 'errorForbidden';
    case 'invalid-url':
      return 'errorInvalidUrl';
    case 'network':
      return 'errorNetwork';
    case 'rate-limited':
      return 'errorRateLimited';
    case 'server':
    case 'invalid-response':
      return 'errorServer';
    case 'schema':
      return 'errorSchema';
    default:
      return 'errorOther';
  }
}

/** Options → HubSpot connection: token entry checked on connect, account facts, missing scopes, disconnect. */
export function ConnectionSettings({ status, onConnect, onDisconnect, onRelinkAsNew, defaultBaseUrl }: ConnectionSettingsProps) {
  const t = useT(connectionMessages);
  const locale = useLocale();
  const id = useId();
  const [token, setToken] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ConnectionStatus>();
  const [missingToken, setMissingToken] = useState(false);
  const current = result ?? status;
  const connected = current?.connected ?? false;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!token.trim()) {
      setMissingToken(true);
      return;
    }
    setMissingToken(false);
    setBusy(true);
    try {
      const next = await onConnect({ token: token.trim(), ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}) });
      setResult(next);
      // The token leaves the page's memory as soon as the background has it.
      if (next.connected) setToken('');
    } catch (error) {
      // The background did not answer at all (restarting, or the extension was updated).
      setResult({ connected: false, missingScopes: [], error: error instanceof Error ? error.message : String(error), errorKind: 'no-reply' });
    } finally {
      setBusy(false);
    }
  }

  async function relink() {
    if (!onRelinkAsNew) return;
    setBusy(true);
    try {
      setResult(await onRelinkAsNew());
    } finally {
      setBusy(false);
    }
  }

  async function disconnect() {
    setBusy(true);
    try {
      setResult(await onDisconnect());
    } finally {
      setBusy(false);
    }
  }

  const error = current?.error;
  const errorKind = current?.errorKind;
  const tokenDescribedBy = [`${id}-token-hint`, missingToken ? `${id}-token-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="flex min-w-0 flex-col gap-4" data-testid="connection-settings">
      <div role="status" data-testid="connection-state" className="flex min-w-0 flex-wrap items-center gap-2">
        {connected ? (
          <Badge tone="ok">
            <CheckCircle2 aria-hidden="true" className="mr-1 size-3.5" />
            {t('connected')}
          </Badge>
        ) : (
          <Badge tone="neutral">{t('notConnected')}</Badge>
        )}
      </div>

      {connected && current && (
        <dl className="m-0 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 rounded-lg border border-line bg-surface p-3 text-sm" data-testid="connection-facts">
          <dt className="text-muted">{t('accountName')}</dt>
          <dd className="m-0 break-words">{current.accountName ?? '—'}</dd>
          <dt className="text-muted">{t('portalId')}</dt>
          <dd className="m-0 tabular-nums">{current.portalId ?? '—'}</dd>
          {current.baseUrl && current.baseUrl !== defaultBaseUrl && (
            <>
              <dt className="text-muted">{t('baseUrlValue')}</dt>
              <dd className="m-0 break-all">{current.baseUrl}</dd>
            </>
          )}
          {current.connectedAt && (
            <>
              <dt className="text-muted">{t('connectedAt')}</dt>
              <dd className="m-0">{formatDateTime(current.connectedAt, locale)}</dd>
            </>
          )}
          <dt className="text-muted">{t('customObjectsTerm')}</dt>
          <dd className="m-0">{current.customObjectsSupported === undefined ? '—' : current.customObjectsSupported ? t('customObjectsYes') : t('customObjectsNo')}</dd>
          {current.recordStorage && (
            <>
              <dt className="text-muted">{t('recordStorageTerm')}</dt>
              <dd className="m-0" data-testid="record-storage">
                {current.recordStorage === 'body' ? t('recordStorageBody') : t('recordStorageProperties')}
              </dd>
            </>
          )}
        </dl>
      )}
      {connected && current && current.missingScopes.length > 0 && (
        <div className="flex flex-col gap-1 rounded-md bg-warn-soft px-3 py-2 text-sm text-warn" data-testid="missing-scopes">
          <p className="m-0">{t('missingScopes', { count: current.missingScopes.length })}</p>
          <ul className="m-0 flex list-none flex-wrap gap-1 p-0">
            {current.missingScopes.map((scope) => (
              <li key={scope}>
                <code className="rounded-sm bg-surface px-1 font-mono text-xs text-ink">{scope}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {connected && current && current.missingScopes.length === 0 && <Notice tone="ok">{t('allScopes')}</Notice>}
      {connected && current?.portalSwitch && (
        <div role="alert" className="flex min-w-0 flex-col items-start gap-2 rounded-md bg-warn-soft px-3 py-2 text-sm text-warn" data-testid="portal-switch">
          {/* Portal ids are names, not amounts: never grouped as 4,827,391. */}
          <p className="m-0">{t('portalSwitch', { count: current.portalSwitch.linked, from: String(current.portalSwitch.from) })}</p>
          <p className="m-0 text-ink">{t('relinkHint', { to: String(current.portalSwitch.to), from: String(current.portalSwitch.from) })}</p>
          {onRelinkAsNew && (
            <Button variant="primary" size="sm" onClick={() => void relink()} disabled={busy}>
              {t('relinkAsNew', { to: String(current.portalSwitch.to) })}
            </Button>
          )}
        </div>
      )}
      {current?.paused === 'unauthorized' && (
        <Notice tone="danger" role="alert">
          {t('paused')}
        </Notice>
      )}
      {error && (
        <div role="alert" className="flex min-w-0 flex-col gap-1" data-testid="connection-error">
          <Notice tone="danger">{t(errorKeyOf(errorKind))}</Notice>
          <details className="text-xs text-muted">
            <summary className="cursor-pointer">{t('technical')}</summary>
            <p className="m-0 mt-1 font-mono break-all">
              {t('hubspotSaid')} {error}
            </p>
          </details>
        </div>
      )}

      <form onSubmit={submit} className="flex min-w-0 flex-col gap-3" noValidate>
        <p className="m-0 text-sm text-ink">{connected ? t('replaceIntro') : t('intro')}</p>
        <div className="flex max-w-xl min-w-0 flex-col gap-1">
          <label htmlFor={`${id}-token`} className={labelClass}>
            {t('token')}
          </label>
          <input
            id={`${id}-token`}
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('tokenPlaceholder')}
            className={cn(inputClass, 'font-mono')}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-describedby={tokenDescribedBy}
            aria-invalid={missingToken || undefined}
          />
          <p id={`${id}-token-hint`} className={hintClass}>
            {t('tokenHint')}
          </p>
          {missingToken && (
            <p id={`${id}-token-error`} role="alert" className="m-0 text-sm text-danger">
              {t('tokenRequired')}
            </p>
          )}
        </div>
        <details className="max-w-xl min-w-0 rounded-lg border border-line">
          <summary className="flex min-h-9 cursor-pointer list-none items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium hover:bg-soft [&::-webkit-details-marker]:hidden">
            <ChevronRight aria-hidden="true" className="size-4 shrink-0 text-muted transition-transform motion-reduce:transition-none [details[open]>summary>&]:rotate-90" />
            {t('advanced')}
          </summary>
          <div className="flex min-w-0 flex-col gap-1 border-t border-line p-3">
            <label htmlFor={`${id}-base`} className={labelClass}>
              {t('baseUrl')}
            </label>
            <input
              id={`${id}-base`}
              name="baseUrl"
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder={defaultBaseUrl}
              className={inputClass}
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.target.value)}
              aria-describedby={`${id}-base-hint`}
            />
            <p id={`${id}-base-hint`} className={hintClass}>
              {t('baseUrlHint', { defaultUrl: defaultBaseUrl })}
            </p>
          </div>
        </details>
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" variant="primary" disabled={busy} aria-busy={busy || undefined}>
            {!busy && <PlugZap aria-hidden="true" className="size-4" />}
            {busy ? t('connecting') : connected ? t('reconnect') : t('connect')}
          </Button>
          {connected && (
            <Button variant="danger" onClick={() => void disconnect()} disabled={busy} aria-describedby={`${id}-disconnect-hint`}>
              {t('disconnect')}
            </Button>
          )}
        </div>
        {connected && (
          <p id={`${id}-disconnect-hint`} className={hintClass}>
            {t('disconnectHint')}
          </p>
        )}
        <p className={hintClass}>{t('oauthNote')}</p>
      </form>
    </div>
  );
}
