import type { FieldkitDatabase } from '../store/database';
import { saveRecord } from '../store/records';
import { readSetting } from '../store/settings';
import { resolveLocale } from '../kernel/i18n';
import type { Handlers, SenderInfo } from './router';
import type { SyncStatus } from './protocol';

export interface BackgroundContext {
  db: FieldkitDatabase;
  version: string;
  uiLanguage: () => string;
  captureVisibleTab: (sender: SenderInfo) => Promise<string>;
  onRecordSaved?: () => void;
}

/** Outbox counts when no sync engine is connected: what is waiting, nothing running. */
export async function localSyncStatus(db: FieldkitDatabase): Promise<SyncStatus> {
  const [pending, needsAttention] = await Promise.all([
    db.outbox.where('status').anyOf('pending', 'inFlight').count(),
    db.outbox.where('status').equals('needsAttention').count(),
  ]);
  return { connected: false, paused: 'disconnected', pending, needsAttention, running: false };
}

/**
 * Handlers for the messages the background answers itself. Sync and connection handlers come
 * from lib/sync and are merged over these by the background entrypoint.
 */
export type BaseHandlers = Pick<Handlers, 'ping' | 'intel.save' | 'intel.pickers' | 'page.captureVisible' | 'sync.now' | 'sync.status' | 'settings.language'>;

export function createBaseHandlers(context: BackgroundContext): BaseHandlers {
  const { db } = context;
  return {
    ping: async () => ({ pong: true as const, version: context.version }),
    'intel.save': async (draft) => {
      const author = await readSetting(db, 'profile');
      const record = await saveRecord(db, 'intelItems', draft, { author: { id: author.id, name: author.name } });
      context.onRecordSaved?.();
      return { id: record.id };
    },
    'intel.pickers': async () => {
      const [competitors, intel, dealers] = await Promise.all([db.competitors.toArray(), db.intelItems.toArray(), db.dealers.orderBy('name').toArray()]);
      const names = new Set([...competitors.map((c) => c.name), ...intel.map((i) => i.competitorName)]);
      return {
        competitors: [...names].sort((a, b) => a.localeCompare(b, 'zh-CN')),
        dealers: dealers.filter((d) => !d.deletedAt).map((d) => ({ id: d.id, name: d.name })),
      };
    },
    'page.captureVisible': async (_payload, sender) => ({ dataUrl: await context.captureVisibleTab(sender) }),
    'sync.now': async () => localSyncStatus(db),
    'sync.status': async () => localSyncStatus(db),
    'settings.language': async () => ({ locale: resolveLocale(await readSetting(db, 'language'), context.uiLanguage()) }),
  };
}
