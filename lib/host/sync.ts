/**
 * Wires sync into the background service worker: alarms, start-up, coming back online, and the
 * connection/sync messages. Listeners are registered synchronously (MV3 wakes a worker for an
 * event only if its listener exists after the first run of the script); all state they act on is
 * read from storage each time, so a freshly woken worker behaves like a long-lived one.
 */
import { browser } from 'wxt/browser';
import { liveQuery } from 'dexie';
import type { FieldkitDatabase } from '../store/database';
import { CrmError, type CrmAdapter } from '../crm/errors';
import type { ConnectionStatus, SyncStatus } from '../messaging/protocol';
import type { Handlers } from '../messaging/router';
import { newId } from '../kernel/ids';
import { SyncEngine } from '../sync/engine';
import { fromCrmAdapter } from '../sync/adapter-port';
import { RequestPacer } from '../sync/pacer';
import { BaseUrlError, normaliseBaseUrl } from '../crm/hubspot/base-url';
import { clearConnection, loadConnection, publicView, restrictStorageAccess, saveConnection, type StoredConnection } from './connection-store';
import { computeSyncStatus } from '../sync/status';
import { readSyncState, updateSyncState } from '../sync/state';
import { retryEntry } from '../sync/batch';
import { dismissConflict } from '../sync/conflicts';
import type { SyncPort } from '../crm/port';
import { adoptOwnerProfile } from '../sync/owner-profile';

export const SYNC_ALARM = 'fieldkit-sync';
/** Chrome's minimum alarm period. */
export const SYNC_PERIOD_MINUTES = 0.5;
/** Dealers change rarely; pulling them on every 30-second alarm would waste the rate limit. */
const DEALER_PULL_EVERY_MS = 15 * 60_000;
export const OWNERS_KEY = 'sync.owners';

export type SyncMessageType =
  | 'sync.now'
  | 'sync.status'
  | 'sync.retry'
  | 'sync.dismissConflict'
  | 'sync.pullDealers'
  | 'sync.pullRecords'
  | 'connection.connect'
  | 'connection.status'
  | 'connection.disconnect';
export type SyncHandlers = Pick<Handlers, SyncMessageType>;

export interface SyncSetupOptions {
  db: FieldkitDatabase;
  createAdapter: (config: { baseUrl: string; token: string }) => CrmAdapter;
  now?: () => number;
  random?: () => number;
  /** Tests may replace the adapter bridge (e.g. to inject faults). */
  toPort?: (adapter: CrmAdapter, db: FieldkitDatabase) => SyncPort;
  /** Tests and the e2e build may skip the global listeners. */
  registerListeners?: boolean;
}

export interface SyncController {
  handlers: SyncHandlers;
  /** Call after saving a record: starts a drain now instead of waiting for the alarm. */
  kickDrain(): void;
  /** One full cycle (pull if due, push); resolves when it ends. */
  runSync(): Promise<SyncStatus>;
}

export function setUpSync(options: SyncSetupOptions): SyncController {
  const { db } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const toPort = options.toPort ?? fromCrmAdapter;
  // One pacer per worker: every engine built here shares the picture of the rate-limit window.
  const pacer = new RequestPacer();

  const engineFor = (connection: StoredConnection) => {
    const adapter = options.createAdapter({ baseUrl: connection.baseUrl, token: connection.token });
    return new SyncEngine({
      db,
      port: toPort(adapter, db),
      now,
      random,
      pacer,
      pullBeforePush: true,
      shouldContinue: async () => (await loadConnection())?.token === connection.token,
      onBatch: async () => {
        // Any extension API call resets the worker's idle timer during a long push.
        try {
          await browser.runtime.getPlatformInfo();
        } catch {
          // Not available (tests): nothing to keep alive.
        }
      },
    });
  };

  const status = async (): Promise<SyncStatus> => computeSyncStatus(db, !!(await loadConnection()), now());

  let running: Promise<SyncStatus> | undefined;
  let again = false;

  async function cycle(): Promise<void> {
    const connection = await loadConnection();
    if (!connection) return;
    const engine = engineFor(connection);
    const state = await readSyncState(db);
    if (!state.paused && (!state.dealersPulledAt || now() - state.dealersPulledAt > DEALER_PULL_EVERY_MS)) {
      const pulled = await engine.pull('dealers', { showProgress: !state.cursors.dealers });
      if (pulled.outcome === 'done') await updateSyncState(db, (s) => void (s.dealersPulledAt = now()));
    }
    await engine.drain();
  }

  /** Coalesces triggers: one run at a time in this worker, and one more if something came in. */
  function runSync(): Promise<SyncStatus> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await cycle();
        } while (again);
      } catch (error) {
        // CRM errors are recorded in the sync state by the engine; this is a bug, and stored
        // state lets the next alarm resume. (No token can appear here: it is in no message.)
        console.warn('[fieldkit sync] drain failed', error);
      } finally {
        running = undefined;
      }
      return status();
    })();
    return running;
  }

  const kickDrain = () => void runSync();

  async function scheduleAlarm(): Promise<void> {
    await browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES, delayInMinutes: SYNC_PERIOD_MINUTES });
  }

  if (options.registerListeners !== false) {
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === SYNC_ALARM) kickDrain();
    });
    browser.runtime.onStartup.addListener(() => kickDrain());
    const global = globalThis as { addEventListener?: (type: string, listener: () => void) => void };
    global.addEventListener?.('online', () => kickDrain());
    void restrictStorageAccess();
    // Alarms are not guaranteed to survive a browser restart: re-create it whenever the worker
    // starts while connected.
    void (async () => {
      if ((await loadConnection()) && !(await browser.alarms.get(SYNC_ALARM))) await scheduleAlarm();
    })().catch(() => undefined);
    // While the worker is awake, a record queued from an extension page (same-origin Dexie)
    // starts a drain at once; pages also send `sync.now`, which wakes a sleeping worker.
    let lastPending = -1;
    liveQuery(() => db.outbox.where('status').equals('pending').count()).subscribe({
      next: (pending) => {
        if (pending > lastPending && lastPending >= 0) kickDrain();
        lastPending = pending;
      },
      error: () => undefined,
    });
  }

  async function connectionStatus(extra: Partial<ConnectionStatus> = {}): Promise<ConnectionStatus> {
    const connection = await loadConnection();
    const state = await readSyncState(db);
    if (!connection) return { connected: false, missingScopes: [], ...extra };
    return { connected: true, ...publicView(connection), ...(state.paused ? { paused: state.paused } : {}), ...extra };
  }

  async function audit(action: 'connect' | 'disconnect', summary: string): Promise<void> {
    await db.audit.add({ id: newId(), at: new Date(now()).toISOString(), actor: 'sync', action, summary });
  }

  const handlers: SyncHandlers = {
    'sync.now': async () => runSync(),
    'sync.status': async () => status(),
    'sync.retry': async ({ outboxId }) => {
      await retryEntry(db, outboxId, now());
      kickDrain();
      return status();
    },
    'sync.dismissConflict': async ({ id }) => {
      await dismissConflict(db, id);
      return status();
    },
    'sync.pullDealers': async () => {
      const connection = await loadConnection();
      if (!connection) return { pulled: 0, status: await status() };
      const engine = engineFor(connection);
      const summary = await engine.pull('dealers', { showProgress: true });
      const port = toPort(options.createAdapter({ baseUrl: connection.baseUrl, token: connection.token }), db);
      if (port.listOwners) {
        const owners = await port.listOwners().catch(() => undefined);
        if (owners) await db.settings.put({ key: OWNERS_KEY, value: owners });
      }
      if (summary.outcome === 'done') await updateSyncState(db, (s) => void (s.dealersPulledAt = now()));
      return { pulled: summary.outcomes.dealers ?? 0, status: await status() };
    },
    'sync.pullRecords': async () => {
      const connection = await loadConnection();
      if (!connection) return { pulled: 0, status: await status() };
      const summary = await engineFor(connection).pull('records', { showProgress: true });
      const pulled = Object.values(summary.outcomes).reduce((a, b) => a + (b ?? 0), 0);
      return { pulled, status: await status() };
    },
    'connection.connect': async ({ token, baseUrl }) => {
      let base: string;
      try {
        base = normaliseBaseUrl(baseUrl);
      } catch (error) {
        return connectionStatus({ error: error instanceof BaseUrlError ? error.message : 'Invalid base URL', errorKind: 'invalid-url' });
      }
      const adapter = options.createAdapter({ baseUrl: base, token });
      let connection: StoredConnection;
      let userId: number | undefined;
      try {
        const info = await adapter.checkConnection();
        userId = info.userId;
        connection = {
          token,
          baseUrl: base,
          portalId: info.portalId,
          accountName: info.accountName,
          missingScopes: info.missingScopes,
          connectedAt: new Date(now()).toISOString(),
        };
      } catch (error) {
        // Never echo the token; the CRM's message says what was wrong with it.
        const crm = error instanceof CrmError ? error : new CrmError('network', error instanceof Error ? error.message : String(error));
        return connectionStatus({ error: crm.message, errorKind: crm.kind });
      }
      let schemaError: string | undefined;
      try {
        const schema = await adapter.ensureSchema();
        connection.customObjectsSupported = schema.customObjectsSupported;
        if (schema.conflicts?.length) schemaError = `Properties with an unexpected type: ${schema.conflicts.join(', ')}`;
      } catch (error) {
        schemaError = error instanceof Error ? error.message : String(error);
      }
      const previous = await loadConnection();
      await saveConnection(connection);
      await updateSyncState(db, (s) => {
        s.paused = undefined;
        s.notBefore = undefined;
        // Another portal: what was pulled from the old one says nothing about this one.
        if (previous && previous.portalId !== connection.portalId) {
          s.cursors = {};
          s.dealersPulledAt = undefined;
        }
      });
      // Owners give reps and managers their CRM identity; a failure here must not undo the connection.
      const owners = await adapter.listOwners().catch(() => undefined);
      if (owners) {
        await db.settings.put({ key: OWNERS_KEY, value: owners });
        await adoptOwnerProfile(db, owners, userId);
      }
      await audit('connect', `connected to portal ${connection.portalId} (${connection.accountName}) at ${connection.baseUrl}`);
      await scheduleAlarm();
      kickDrain();
      return connectionStatus(schemaError ? { error: schemaError, errorKind: 'schema' } : {});
    },
    'connection.status': async () => connectionStatus(),
    'connection.disconnect': async () => {
      const connection = await loadConnection();
      await clearConnection();
      await browser.alarms.clear(SYNC_ALARM);
      await updateSyncState(db, (s) => void (s.paused = undefined));
      if (connection) await audit('disconnect', `disconnected from portal ${connection.portalId}`);
      return connectionStatus();
    },
  };

  return { handlers, kickDrain, runSync };
}
