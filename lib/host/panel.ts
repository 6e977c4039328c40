/**
 * The background side of the KPI panel on HubSpot company pages: the panel's data (pure handlers
 * in lib/dealers/handlers.ts, fed by the sync service's state) and its quick actions, which need
 * the browser: the side panel opened at the dealer's page, a new visit card or new intel for it.
 */
import { browser } from 'wxt/browser';
import type { FieldkitDatabase } from '../store/database';
import type { Handlers, SenderInfo } from '../messaging/router';
import type { SyncService } from '../sync/service';
import { createPanelHandlers } from '../dealers/handlers';

const SELF: SenderInfo = {};

export function setUpPanelHandlers(db: FieldkitDatabase, sync: SyncService): Pick<Handlers, 'panel.ofCompany' | 'panel.openSidePanel'> {
  const data = createPanelHandlers(db, {
    syncState: async () => {
      const [status, connection] = await Promise.all([sync.handlers['sync.status']({}, SELF), sync.handlers['connection.status']({}, SELF)]);
      return {
        syncedAt: status.lastSuccessAt ?? null,
        connected: connection.connected,
        ...(connection.portalId !== undefined ? { portalId: String(connection.portalId) } : {}),
      };
    },
    refresh: () => sync.runSync(),
  });
  const tabOf = (sender: SenderInfo) => sender.tab as { id?: number; windowId?: number } | undefined;
  return {
    ...data,
    'panel.openSidePanel': async ({ intent, dealerId }, sender) => {
      const tab = tabOf(sender);
      if (!browser.sidePanel || tab?.id === undefined) return { opened: false };
      const hash = intent === 'dealer' ? `dealers/${dealerId}` : intent === 'logVisit' ? `today/visit/${dealerId}` : `intel/new/${dealerId}`;
      await browser.sidePanel.setOptions({ tabId: tab.id, path: `sidepanel.html#${hash}`, enabled: true });
      // Chrome allows open() only in answer to a user gesture; the click in the panel is one.
      const opened = await browser.sidePanel.open({ tabId: tab.id }).then(() => true, () => false);
      return { opened };
    },
  };
}
