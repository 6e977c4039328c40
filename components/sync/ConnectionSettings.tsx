import { useId, useState, type FormEvent } from 'react';
import type { ConnectionStatus } from '../../lib/messaging/protocol';
import { formatDateTime } from '../../lib/kernel/i18n';
import { useLocale, useT } from '../shell/locale';
import { connectionMessages } from './connection-messages';

export interface ConnectionSettingsProps {
  status?: ConnectionStatus;
  /** Sends `connection.connect`; resolves with the new status (which may carry an error). */
  onConnect: (input: { token: string; baseUrl?: string }) => Promise<ConnectionStatus>;
  /** Sends `connection.disconnect`. */
  onDisconnect: () => Promise<ConnectionStatus>;
  /** The CRM's own API address, used when the field is left empty (the host knows it). */
  defaultBaseUrl: string;
}

type ErrorKey = 'errorUnauthorized' | 'errorInvalidUrl' | 'errorNetwork' | 'errorOther';

function errorKeyOf(kind: string | undefined): ErrorKey {
  if (kind === 'unauthorized' || kind === 'forbidden') return 'errorUnauthorized';
  if (kind === 'invalid-url') return 'errorInvalidUrl';
  if (kind === 'network') return 'errorNetwork';
  return 'errorOther';
}

/** Options → HubSpot: token entry checked on connect, account facts, missing scopes, disconnect. */
export function ConnectionSettings({ status, onConnect, onDisconnect, defaultBaseUrl }: ConnectionSettingsProps) {
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
  return (
    <section aria-labelledby={`${id}-title`} className="fk-stack" data-testid="connection-settings">
      <h2 id={`${id}-title`} style={{ fontSize: 16, margin: 0 }}>{t('title')}</h2>
      <p role="status" data-testid="connection-state" style={{ margin: 0 }}>
        <strong>{connected ? t('connected') : t('notConnected')}</strong>
      </p>
      {connected && current && (
        <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 12px', margin: 0 }} data-testid="connection-facts">
          <dt>{t('portalId')}</dt>
          <dd style={{ margin: 0 }}>{current.portalId}</dd>
          <dt>{t('accountName')}</dt>
          <dd style={{ margin: 0 }}>{current.accountName}</dd>
          {current.baseUrl && current.baseUrl !== defaultBaseUrl && (
            <>
              <dt>{t('baseUrlValue')}</dt>
              <dd style={{ margin: 0 }}>{current.baseUrl}</dd>
            </>
          )}
          {current.connectedAt && (
            <>
              <dt>{t('connectedAt')}</dt>
              <dd style={{ margin: 0 }}>{formatDateTime(current.connectedAt, locale)}</dd>
            </>
          )}
        </dl>
      )}
      {connected && current && (
        current.missingScopes.length > 0 ? (
          <div className="fk-error" data-testid="missing-scopes">
            <p style={{ margin: 0 }}>{t('missingScopes')}</p>
            <ul>
              {current.missingScopes.map((scope) => (
                <li key={scope}>
                  <code>{scope}</code>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="fk-muted" style={{ margin: 0 }}>{t('allScopes')}</p>
        )
      )}
      {connected && current?.customObjectsSupported !== undefined && (
        <p className="fk-muted" style={{ margin: 0 }}>{t('customObjects', { state: current.customObjectsSupported ? t('customObjectsYes') : t('customObjectsNo') })}</p>
      )}
      {current?.paused === 'unauthorized' && (
        <p role="alert" className="fk-error">{t('paused')}</p>
      )}
      {error && (
        <div role="alert" className="fk-error" data-testid="connection-error">
          <strong>{t(current?.errorKind === 'schema' ? 'errorSchema' : 'errorTitle')}</strong>
          {current?.errorKind !== 'schema' && <p style={{ margin: 0 }}>{t(errorKeyOf(current?.errorKind))}</p>}
          <p style={{ margin: 0 }}>
            <small>
              {t('errorOther')} {error}
            </small>
          </p>
        </div>
      )}

      <form onSubmit={submit} className="fk-stack" noValidate>
        <p className="fk-muted" style={{ margin: 0 }}>{t('intro')}</p>
        <label htmlFor={`${id}-token`}>{t('token')}</label>
        <input
          id={`${id}-token`}
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-describedby={`${id}-token-hint${missingToken ? ` ${id}-token-error` : ''}`}
          aria-invalid={missingToken || undefined}
        />
        <small id={`${id}-token-hint`} className="fk-muted">{t('tokenHint')}</small>
        {missingToken && (
          <small id={`${id}-token-error`} role="alert" className="fk-error">{t('tokenRequired')}</small>
        )}
        <details>
          <summary>{t('advanced')}</summary>
          <div className="fk-stack" style={{ marginTop: 8 }}>
            <label htmlFor={`${id}-base`}>{t('baseUrl')}</label>
            <input
              id={`${id}-base`}
              name="baseUrl"
              type="url"
              inputMode="url"
              placeholder={defaultBaseUrl}
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.target.value)}
              aria-describedby={`${id}-base-hint`}
            />
            <small id={`${id}-base-hint`} className="fk-muted">{t('baseUrlHint', { defaultUrl: defaultBaseUrl })}</small>
          </div>
        </details>
        <div className="fk-row" style={{ gap: 8 }}>
          <button type="submit" className="fk-button fk-button-primary" disabled={busy}>
            {busy ? t('connecting') : connected ? t('reconnect') : t('connect')}
          </button>
          {connected && (
            <button type="button" className="fk-button" onClick={disconnect} disabled={busy} aria-describedby={`${id}-disconnect-hint`}>
              {t('disconnect')}
            </button>
          )}
        </div>
        {connected && <small id={`${id}-disconnect-hint`} className="fk-muted">{t('disconnectHint')}</small>}
        <small className="fk-muted">{t('oauthNote')}</small>
      </form>
    </section>
  );
}
