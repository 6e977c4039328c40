import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ChevronLeft, ChevronRight, Store } from 'lucide-react';
import { useT } from '../shell/locale';
import { Button, Notice, cn, errorMessageOf } from '../ui';
import { ErrorDetails } from '../ui/ErrorDetails';
import { DealerPanel } from './DealerPanel';
import { panelMessages } from './panel-messages';
import type { Messenger } from '../../lib/messaging/client';
import type { CompanyPanelReply } from '../../lib/dealers/panel-schema';
import type { PanelFrame } from '../../lib/host/panel-frame';

/** Re-read while visible, so a sync made elsewhere shows without a click. */
const POLL_MS = 30_000;

/**
 * The KPI panel on a HubSpot company record (framed by the content script): the dealer's panel
 * from the local cache at once, refreshed from HubSpot on request, or one line saying the company
 * is not a Fieldkit dealer, with a way to add it (pull it from HubSpot).
 */
export function CompanyPanel({ send, frame }: { send: Messenger; frame: PanelFrame }) {
  const t = useT(panelMessages);
  const record = useSyncExternalStore(
    useCallback((listener: () => void) => frame.onRecordChange(listener), [frame]),
    () => {
      const r = frame.record();
      return r ? `${r.portalId}/${r.companyId}` : '';
    },
  );
  const [reply, setReply] = useState<{ record: string; value: CompanyPanelReply }>();
  const [failed, setFailed] = useState<string>();
  const [collapsed, setCollapsed] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  const load = useCallback(
    async (refresh = false) => {
      const [portalId, companyId] = record.split('/');
      if (!portalId || !companyId) return;
      try {
        const value = await send('panel.ofCompany', { portalId, companyId, ...(refresh ? { refresh } : {}) });
        setReply({ record, value });
        setFailed(undefined);
      } catch (error) {
        setFailed(errorMessageOf(error));
      }
    },
    [record, send],
  );

  useEffect(() => {
    void load();
    const timer = setInterval(() => document.visibilityState === 'visible' && void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  useLayoutEffect(() => {
    const element = root.current;
    if (!element) return;
    const observer = new ResizeObserver(() => frame.reportHeight(element.scrollHeight + 2));
    observer.observe(element);
    return () => observer.disconnect();
  }, [frame]);

  // Another company's answer never shows under this one's URL.
  const current = reply?.record === record ? reply.value : undefined;

  // Shown from the local cache at once; when that is stale, a sync runs in the background (once
  // per record) and the panel updates when it ends.
  const autoRefreshed = useRef(new Set<string>());
  const isStale = current?.kind === 'dealer' && current.stale && current.syncedAt !== null;
  useEffect(() => {
    if (!isStale || autoRefreshed.current.has(record)) return;
    autoRefreshed.current.add(record);
    void load(true);
  }, [isStale, record, load]);

  if (collapsed) {
    return (
      <div ref={root} className="p-1">
        <Button
          size="icon"
          aria-label={t('expandPanel')}
          title={t('expandPanel')}
          onClick={() => {
            setCollapsed(false);
            frame.setCollapsed(false);
          }}
        >
          <ChevronLeft aria-hidden="true" className="size-4" />
        </Button>
      </div>
    );
  }

  return (
    <div ref={root} className={cn('flex flex-col gap-3 bg-bg p-3 text-sm text-ink')}>
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs font-semibold tracking-wide text-muted uppercase">Fieldkit</span>
        <Button
          size="icon"
          variant="ghost"
          aria-label={t('collapsePanel')}
          title={t('collapsePanel')}
          onClick={() => {
            setCollapsed(true);
            frame.setCollapsed(true);
          }}
        >
          <ChevronRight aria-hidden="true" className="size-4" />
        </Button>
      </div>
      {failed && (
        <div role="alert" className="flex flex-col gap-1">
          <Notice tone="danger">{t('loadFailed')}</Notice>
          <ErrorDetails summary={t('technicalDetails')}>{failed}</ErrorDetails>
        </div>
      )}
      {current?.kind === 'dealer' && (
        <DealerPanel
          model={current.model}
          syncedAt={current.syncedAt}
          stale={current.stale}
          onRefresh={() => load(true)}
          actions={{
            logVisit: () => void send('panel.openSidePanel', { intent: 'logVisit', dealerId: current.model.dealer.id }),
            logIntel: () => void send('panel.openSidePanel', { intent: 'logIntel', dealerId: current.model.dealer.id }),
            openInPanel: () => void send('panel.openSidePanel', { intent: 'dealer', dealerId: current.model.dealer.id }),
          }}
        />
      )}
      {current?.kind === 'notDealer' && <NotADealer reply={current} onAdd={() => load(true)} />}
    </div>
  );
}

function NotADealer({ reply, onAdd }: { reply: Extract<CompanyPanelReply, { kind: 'notDealer' }>; onAdd: () => Promise<void> }) {
  const t = useT(panelMessages);
  const [adding, setAdding] = useState(false);
  return (
    <div className="flex flex-col gap-2" data-testid="not-a-dealer">
      <p className="m-0 flex items-start gap-1.5">
        <Store aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted" />
        <span>{!reply.samePortal ? t('otherPortal') : reply.connected ? t('notADealer') : t('notConnected')}</span>
      </p>
      {reply.samePortal && reply.connected && (
        <div>
          <Button
            size="sm"
            disabled={adding}
            aria-busy={adding || undefined}
            onClick={async () => {
              setAdding(true);
              await onAdd();
              setAdding(false);
            }}
          >
            {adding ? t('refreshing') : t('addDealer')}
          </Button>
        </div>
      )}
    </div>
  );
}
