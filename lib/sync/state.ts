/**
 * Sync state that must survive the service worker: kept in `settings` rows under `sync.*` so a
 * worker stopped at any instant resumes from what is stored. (The token is NOT here: Dexie is
 * exported by backups; see ./connection.ts.)
 */
import type { FieldkitDatabase } from '../store/database';

export const SYNC_STATE_KEY = 'sync.state';
export const SYNC_PROGRESS_KEY = 'sync.progress';

export type PauseReason = 'unauthorized' | 'disconnected' | 'portal-switch';

export interface SyncState {
  paused?: PauseReason;
  lastSuccessAt?: string;
  lastError?: string;
  /** Incremental-pull cursors: the largest CRM modification time already merged. */
  cursors: { records?: string; dealers?: string };
  /** No CRM call before this epoch-ms instant (a 429 with Retry-After applies to every record). */
  notBefore?: number;
  /** Epoch ms of the last complete dealer pull. */
  dealersPulledAt?: number;
  /** Where the sweep for deletions made on other devices stopped (`table:id`), and when it last finished (./pull.ts). */
  deletionsCursor?: string;
  deletionsCheckedAt?: number;
  /** The HubSpot portal this database's CRM links point into (./portal-switch.ts). */
  linkedPortalId?: number;
  /** Connected to another portal than the links': sync waits for the user's choice. */
  portalSwitch?: { from: number; to: number; linked: number; previousProfileId: string };
}

export interface SyncProgress {
  phase: 'push' | 'pull';
  done: number;
  total: number;
}

const EMPTY: SyncState = { cursors: {} };

export async function readSyncState(db: FieldkitDatabase): Promise<SyncState> {
  const row = await db.settings.get(SYNC_STATE_KEY);
  const value = row?.value as Partial<SyncState> | undefined;
  return { ...EMPTY, ...value, cursors: { ...value?.cursors } };
}

/** Read-modify-write in one transaction so concurrent writers (drain + UI handler) never clobber. */
export async function updateSyncState(db: FieldkitDatabase, change: (state: SyncState) => SyncState | void): Promise<SyncState> {
  return db.transaction('rw', db.settings, async () => {
    const current = await readSyncState(db);
    const next = change(current) ?? current;
    await db.settings.put({ key: SYNC_STATE_KEY, value: next });
    return next;
  });
}

export async function writeProgress(db: FieldkitDatabase, progress: SyncProgress | undefined): Promise<void> {
  if (progress) await db.settings.put({ key: SYNC_PROGRESS_KEY, value: progress });
  else await db.settings.delete(SYNC_PROGRESS_KEY);
}

export async function readProgress(db: FieldkitDatabase): Promise<SyncProgress | undefined> {
  return (await db.settings.get(SYNC_PROGRESS_KEY))?.value as SyncProgress | undefined;
}
