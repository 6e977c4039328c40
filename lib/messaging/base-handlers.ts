import type { FieldkitDatabase } from '../store/database';
import { readSetting } from '../store/settings';
import { resolveLocale } from '../kernel/i18n';
import type { Handlers } from './router';

export interface BackgroundContext {
  db: FieldkitDatabase;
  version: string;
  uiLanguage: () => string;
}

/**
 * The messages the background answers for every surface. Capabilities add their own
 * (lib/intel/handlers.ts, lib/sync/service.ts); the host merges them (lib/host/background.ts).
 */
export type BaseHandlers = Pick<Handlers, 'ping' | 'settings.language'>;

export function createBaseHandlers(context: BackgroundContext): BaseHandlers {
  const { db } = context;
  return {
    ping: async () => ({ pong: true as const, version: context.version }),
    'settings.language': async () => ({ locale: resolveLocale(await readSetting(db, 'language'), context.uiLanguage()) }),
  };
}
