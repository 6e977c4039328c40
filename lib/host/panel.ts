/**
 * The background side of the KPI panel on HubSpot company pages: the panel's data (pure handlers
 * in lib/dealers/handlers.ts, fed by the sync service's state) and the two actions that need the
 * browser — opening the side panel at a dealer, and the intel overlay in the HubSpot tab.
 */
import { browser } from 'wxt/browser';
import type { FieldkitDatabase } from '../store/database';
import type { Handlers, SenderInfo } from '../messaging/router';
import type { SyncService } from '../sync/service';
import { createPanelHandlers } from '../dealers/handlers';
import { openIntelCapture } from './inject';

const SELF: SenderInfo = {};

export function setUpPanelHandlers(db: FieldkitDatabase, sync: SyncService): Pick<Handlers, 'panel.ofCompany' | 'panel.openDealer' | 'panel.captureIntel'> {
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
    'panel.openDealer': async ({ dealerId }, sender) => {
      const tab = tabOf(sender);
      if (!browser.sidePanel || tab?.id === undefined) return { opened: false };
      await browser.sidePanel.setOptions({ tabId: tab.id, path: `sidepanel.html#dealers/${encodeURIComponent(dealerId)}`, enabled: true });
      // Chrome allows open() only in answer to a user gesture; the click in the panel is one.
      const opened = await browser.sidePanel.open({ tabId: tab.id }).then(() => true, () => false);
      return { opened };
    },
    'panel.captureIntel': async (_payload, sender) => {
      const tab = tabOf(sender);
      if (tab?.id === undefined) return { opened: false };
      await openIntelCapture(tab.id);
      return { opened: true };
    },
  };
}
