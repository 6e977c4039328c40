/**
 * The messages of the KPI panel on a HubSpot company page. The content script cannot open the
 * database; it asks the background for the dealer's panel by the company's CRM id.
 */
import type { FieldkitDatabase } from '../store/database';
import type { Handlers } from '../messaging/router';
import { today } from '../kernel/dates';
import { dealerByCrmId } from './queries';
import { defaultPanelPeriod, loadDealerPanel } from './panel-data';

export type PanelHandlers = Pick<Handlers, 'panel.ofCompany'>;

/** Data older than this since the last successful sync is called stale. */
export const STALE_AFTER_MS = 15 * 60_000;

export interface PanelDependencies {
  /** The last successful sync (null: never) and the connected CRM account, if any. */
  syncState(): Promise<{ syncedAt: string | null; connected: boolean; portalId?: string }>;
  /** A sync cycle that pulls dealers and records (the Refresh button). */
  refresh(): Promise<unknown>;
  now?(): Date;
}

export function createPanelHandlers(db: FieldkitDatabase, deps: PanelDependencies): PanelHandlers {
  return {
    'panel.ofCompany': async ({ portalId, companyId, refresh }) => {
      if (refresh) await deps.refresh().catch(() => undefined); // offline: answer from the cache
      const state = await deps.syncState();
      const samePortal = !state.portalId || state.portalId === portalId;
      const dealer = samePortal ? await dealerByCrmId.run(db, { crmId: companyId }) : undefined;
      const now = deps.now?.() ?? new Date();
      const model = dealer && !dealer.deletedAt ? await loadDealerPanel(db, dealer.id, await defaultPanelPeriod(db, dealer.id, today(now)), { now }) : undefined;
      if (!model) return { kind: 'notDealer', samePortal, connected: state.connected };
      const stale = state.syncedAt === null || now.getTime() - Date.parse(state.syncedAt) > STALE_AFTER_MS;
      return { kind: 'dealer', model, syncedAt: state.syncedAt, stale };
    },
  };
}
