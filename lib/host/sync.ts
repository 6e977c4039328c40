/**
 * Wires sync into the background service worker: the periodic alarm, start-up, coming back
 * online, a live watch on the outbox, the keep-alive and the token's storage. Listeners are
 * registered synchronously (MV3 wakes a worker for an event only if its listener exists after the
 * first run of the script); all state they act on is read from storage each time, so a freshly
 * woken worker behaves like a long-lived one. The service itself is lib/sync/service.ts.
 */
import { browser } from 'wxt/browser';
import { liveQuery } from 'dexie';
import type { FieldkitDatabase } from '../store/database';
import { createSyncService, type CrmConnector, type SyncService, type SyncServiceOptions } from '../sync/service';
import { connectionStore, restrictStorageAccess } from './connection-store';
import { noteInstallType } from '../crm/hubspot/base-url';

export const SYNC_ALARM = 'fieldkit-sync';
/** Chrome's minimum alarm period. */
export const SYNC_PERIOD_MINUTES = 0.5;

export interface SyncSetupOptions {
  db: FieldkitDatabase;
  crm: CrmConnector;
  now?: () => number;
  random?: () => number;
  wrapPort?: SyncServiceOptions['wrapPort'];
  /** Tests may skip the global listeners. */
  registerListeners?: boolean;
}

const alarm = {
  start: async () => {
    await browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES, delayInMinutes: SYNC_PERIOD_MINUTES });
  },
  stop: async () => {
    await browser.alarms.clear(SYNC_ALARM);
  },
};

async function keepAlive(): Promise<void> {
  // Any extension API call resets the worker's idle timer during a long push.
  try {
    await browser.runtime.getPlatformInfo();
  } catch {
    // Not available (tests): nothing to keep alive.
  }
}

/**
 * Tells the base-URL check whether this is an unpacked install (e2e and the demo load the
 * production build unpacked and connect to a loopback simulator; a store install may not).
 * `management.getSelf` needs no permission; where it is missing the install counts as a normal one.
 */
function learnInstallType(): Promise<void> {
  const management = (browser as { management?: { getSelf?: () => Promise<{ installType?: string }> } }).management;
  if (typeof management?.getSelf !== 'function') return Promise.resolve();
  try {
    return management
      .getSelf()
      .then((self) => noteInstallType(self.installType))
      .catch(() => undefined);
  } catch {
    // Test fakes throw "not implemented" synchronously.
    return Promise.resolve();
  }
}

export function setUpSync(options: SyncSetupOptions): SyncService {
  const { db } = options;
  const installTypeKnown = learnInstallType();
  const service = createSyncService({
    db,
    crm: options.crm,
    connections: connectionStore,
    schedule: alarm,
    keepAlive,
    ...(options.now ? { now: options.now } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.wrapPort ? { wrapPort: options.wrapPort } : {}),
  });
  // A connect that wakes the worker must not be judged before the install type is known.
  const connect = service.handlers['connection.connect'];
  service.handlers['connection.connect'] = async (payload, sender) => {
    await installTypeKnown;
    return connect(payload, sender);
  };
  if (options.registerListeners === false) return service;

  browser.alarms.onAlarm.addListener((fired) => {
    if (fired.name === SYNC_ALARM) service.kickDrain();
  });
  browser.runtime.onStartup.addListener(() => service.kickDrain());
  const global = globalThis as { addEventListener?: (type: string, listener: () => void) => void };
  global.addEventListener?.('online', () => service.kickDrain());
  void restrictStorageAccess();
  // Alarms are not guaranteed to survive a browser restart: re-create it whenever the worker
  // starts while connected.
  void (async () => {
    if ((await connectionStore.load()) && !(await browser.alarms.get(SYNC_ALARM))) await alarm.start();
  })().catch(() => undefined);
  // While the worker is awake, a record queued from an extension page (same-origin Dexie) starts
  // a drain at once; pages also send `sync.now`, which wakes a sleeping worker.
  let lastPending = -1;
  liveQuery(() => db.outbox.where('status').equals('pending').count()).subscribe({
    next: (pending) => {
      if (pending > lastPending && lastPending >= 0) service.kickDrain();
      lastPending = pending;
    },
    error: () => undefined,
  });
  return service;
}
