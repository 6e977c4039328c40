/**
 * Sync as a service the host wires up: runs (coalesced, one at a time per worker), the
 * connection flow, and every `sync.*` / `connection.*` message handler. Pure TypeScript: the host
 * layer (lib/host/sync.ts) supplies the alarm, the keep-alive and the connection store, so this
 * runs in Node tests with no browser fakes.
 */
import type { FieldkitDatabase } from '../store/database';
import { CrmError } from '../crm/errors';
import type { CrmConnector, CrmPort, RecordStorage } from '../crm/port';

export type { CrmConnector } from '../crm/port';
import type { ConnectionStatus, SyncStatus } from '../messaging/protocol';
import type { Handlers } from '../messaging/router';
import { newId } from '../kernel/ids';
import { SyncEngine } from './engine';
import { RequestPacer } from './pacer';
import { computeSyncStatus } from './status';
import { readSyncState, updateSyncState } from './state';
import { keepEntryLocal, recreateEntry, retryEntry } from './batch';
import { portalStateAtConnect, relinkAsNew } from './portal-switch';
import { deleteRecord, type RecordTable } from '../store/records';
import { readSetting } from '../store/settings';
import { dismissConflict } from './conflicts';
import { adoptOwnerProfile } from './owner-profile';
import { publicView, type ConnectionStore, type StoredConnection } from './connection';
import { refreshKpiSnapshots, type KpiRefreshOptions } from '../dealers/kpi-snapshot';

/** Dealers change rarely; pulling them on every 30-second alarm would waste the rate limit. */
const DEALER_PULL_EVERY_MS = 15 * 60_000;
export const OWNERS_KEY = 'sync.owners';

export type SyncMessageType =
  | 'sync.now'
  | 'sync.status'
  | 'sync.retry'
  | 'sync.recreate'
  | 'sync.acceptDeletion'
  | 'sync.keepLocal'
  | 'sync.dismissConflict'
  | 'sync.pullDealers'
  | 'sync.pullRecords'
  | 'connection.connect'
  | 'connection.status'
  | 'connection.relinkAsNew'
  | 'connection.disconnect';
export type SyncHandlers = Pick<Handlers, SyncMessageType>;

export interface SyncServiceOptions {
  db: FieldkitDatabase;
  crm: CrmConnector;
  connections: ConnectionStore;
  /** The periodic wake-up: scheduled while connected, cleared on disconnect. */
  schedule: { start(): Promise<void>; stop(): Promise<void> };
  /** Called between batches of a long push: keeps a worker from being stopped as idle. */
  keepAlive?: () => Promise<void>;
  now?: () => number;
  random?: () => number;
  /** Tests may wrap the port (e.g. to inject faults). */
  wrapPort?: (port: CrmPort) => CrmPort;
  /** Bounds of the KPI snapshot refresh each cycle runs; `false` turns it off (tests of other things). */
  kpiRefresh?: KpiRefreshOptions | false;
}

export interface SyncService {
  handlers: SyncHandlers;
  /** Call after saving a record: starts a drain now instead of waiting for the alarm. */
  kickDrain(): void;
  /** One full cycle (pull dealers if due, pull records, push); resolves when it ends. */
  runSync(): Promise<SyncStatus>;
}

export function createSyncService(options: SyncServiceOptions): SyncService {
  const { db, connections } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  // One pacer per worker: every engine built here shares the picture of the rate-limit window.
  const pacer = new RequestPacer();
  const portFor = (connection: { baseUrl: string; token: string; recordStorage?: RecordStorage }) => {
    const port = options.crm.createPort({
      baseUrl: connection.baseUrl,
      token: connection.token,
      ...(connection.recordStorage ? { recordStorage: connection.recordStorage } : {}),
    });
    return options.wrapPort ? options.wrapPort(port) : port;
  };

  /**
   * The KPI snapshot refresh (lib/dealers/kpi-snapshot.ts) of a sync cycle: after the pulls (so it
   * scores with what other devices wrote) and before the push (so what it queues leaves in the same
   * drain, with no extra request). Bounded per run; a failure is logged, never stops the push.
   */
  const refreshSnapshots = async () => {
    try {
      const summary = await refreshKpiSnapshots(db, new Date(now()), options.kpiRefresh || {});
      if (summary.failures.length > 0) console.warn('[fieldkit sync] KPI snapshots not computed', summary.failures.slice(0, 3));
    } catch (error) {
      console.warn('[fieldkit sync] KPI snapshot refresh failed', error);
    }
  };

  const engineFor = (connection: StoredConnection, refresh = false) =>
    new SyncEngine({
      db,
      port: portFor(connection),
      now,
      random,
      pacer,
      pullBeforePush: true,
      ...(refresh && options.kpiRefresh !== false ? { beforePush: refreshSnapshots } : {}),
      shouldContinue: async () => (await connections.load())?.token === connection.token,
      onBatch: async () => options.keepAlive?.(),
    });

  const status = async (): Promise<SyncStatus> => computeSyncStatus(db, !!(await connections.load()), now());

  let running: Promise<SyncStatus> | undefined;
  let again = false;

  async function cycle(): Promise<void> {
    const connection = await connections.load();
    if (!connection) return;
    const engine = engineFor(connection, true);
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

  async function connectionStatus(extra: Partial<ConnectionStatus> = {}): Promise<ConnectionStatus> {
    const connection = await connections.load();
    const state = await readSyncState(db);
    if (!connection) return { connected: false, missingScopes: [], ...extra };
    const portalSwitch = state.paused === 'portal-switch' && state.portalSwitch ? { portalSwitch: { from: state.portalSwitch.from, to: state.portalSwitch.to, linked: state.portalSwitch.linked } } : {};
    return { connected: true, ...publicView(connection), ...(state.paused ? { paused: state.paused } : {}), ...portalSwitch, ...extra };
  }

  async function audit(action: 'connect' | 'disconnect', summary: string): Promise<void> {
    await db.audit.add({ id: newId(), at: new Date(now()).toISOString(), actor: 'sync', action, summary });
  }

  async function connect(token: string, baseUrl: string | undefined): Promise<ConnectionStatus> {
    let base: string;
    try {
      base = options.crm.normaliseBaseUrl(baseUrl);
    } catch (error) {
      return connectionStatus({ error: error instanceof Error ? error.message : 'Invalid base URL', errorKind: 'invalid-url' });
    }
    const previous = await connections.load();
    let port = portFor({ baseUrl: base, token });
    let connection: StoredConnection;
    let userId: number | undefined;
    try {
      const info = await port.checkConnection();
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
      // A portal whose notes already hold their data in the body keeps that mode (../crm/port.ts).
      // Kept even if this connect's schema check fails for a passing reason.
      if (previous?.portalId === connection.portalId && previous.recordStorage === 'body') {
        connection.recordStorage = 'body';
        port = portFor({ baseUrl: base, token, recordStorage: 'body' });
      }
      const schema = await port.ensureSchema();
      connection.customObjectsSupported = schema.customObjectsSupported;
      connection.recordStorage = schema.recordStorage;
      if (schema.conflicts?.length) schemaError = `Properties with an unexpected type: ${schema.conflicts.join(', ')}`;
    } catch (error) {
      schemaError = error instanceof Error ? error.message : String(error);
    }
    await connections.save(connection);
    // Whose records these are under the old portal's identity, before the new one is adopted.
    const previousProfileId = (await readSetting(db, 'profile')).id;
    const atConnect = await portalStateAtConnect(db, await readSyncState(db), connection.portalId, previousProfileId);
    await updateSyncState(db, (s) => {
      Object.assign(s, atConnect);
      if (s.paused !== 'portal-switch') s.paused = undefined;
      s.notBefore = undefined;
      // Another portal: what was pulled from the old one says nothing about this one.
      if (previous && previous.portalId !== connection.portalId) {
        s.cursors = {};
        s.dealersPulledAt = undefined;
      }
    });
    // Owners give reps and managers their CRM identity; a failure here must not undo the connection.
    const owners = await port.listOwners().catch(() => undefined);
    if (owners) {
      await db.settings.put({ key: OWNERS_KEY, value: owners });
      await adoptOwnerProfile(db, owners, userId);
    }
    await audit('connect', `connected to portal ${connection.portalId} (${connection.accountName}) at ${connection.baseUrl}`);
    await options.schedule.start();
    kickDrain();
    return connectionStatus(schemaError ? { error: schemaError, errorKind: 'schema' } : {});
  }

  const handlers: SyncHandlers = {
    'sync.now': async () => runSync(),
    'sync.status': async () => status(),
    'sync.retry': async ({ outboxId }) => {
      await retryEntry(db, outboxId, now());
      kickDrain();
      return status();
    },
    'sync.recreate': async ({ outboxId }) => {
      if (await recreateEntry(db, outboxId, now())) kickDrain();
      return status();
    },
    'sync.acceptDeletion': async ({ outboxId }) => {
      // The note is already gone in HubSpot: the record becomes a tombstone like any delete, and its
      // push finds nothing left to archive (the adapter counts a gone note as deleted).
      const entry = await db.outbox.get(outboxId);
      if (entry?.status === 'needsAttention' && entry.lastError?.kind === 'deleted-in-crm') {
        const profile = await readSetting(db, 'profile');
        await deleteRecord(db, entry.table as RecordTable, entry.recordId, { author: { id: profile.id, name: profile.name } });
        kickDrain();
      }
      return status();
    },
    'sync.keepLocal': async ({ outboxId }) => {
      await keepEntryLocal(db, outboxId, now());
      return status();
    },
    'sync.dismissConflict': async ({ id }) => {
      await dismissConflict(db, id);
      return status();
    },
    'sync.pullDealers': async () => {
      const connection = await connections.load();
      if (!connection) return { pulled: 0, status: await status() };
      const summary = await engineFor(connection).pull('dealers', { showProgress: true });
      const owners = await portFor(connection).listOwners().catch(() => undefined);
      if (owners) await db.settings.put({ key: OWNERS_KEY, value: owners });
      if (summary.outcome === 'done') await updateSyncState(db, (s) => void (s.dealersPulledAt = now()));
      return { pulled: summary.outcomes.dealers ?? 0, status: await status() };
    },
    'sync.pullRecords': async () => {
      const connection = await connections.load();
      if (!connection) return { pulled: 0, status: await status() };
      const summary = await engineFor(connection).pull('records', { showProgress: true });
      const pulled = Object.values(summary.outcomes).reduce((a, b) => a + (b ?? 0), 0);
      return { pulled, status: await status() };
    },
    'connection.connect': async ({ token, baseUrl }) => connect(token, baseUrl),
    'connection.status': async () => connectionStatus(),
    'connection.relinkAsNew': async () => {
      const relinked = await relinkAsNew(db, new Date(now()));
      if (relinked) kickDrain();
      return connectionStatus();
    },
    'connection.disconnect': async () => {
      const connection = await connections.load();
      await connections.clear();
      await options.schedule.stop();
      await updateSyncState(db, (s) => void (s.paused = undefined));
      if (connection) await audit('disconnect', `disconnected from portal ${connection.portalId}`);
      return connectionStatus();
    },
  };

  return { handlers, kickDrain, runSync };
}
