/**
 * The CRM token's only home: its own IndexedDB database on the extension's origin
 * (`fieldkit-secrets`). Content scripts run on the page's origin, so they cannot open it in any
 * browser — unlike `storage.local`, which Firefox lets our content scripts read (it has no access
 * levels for it). Not the main Fieldkit database either: backups export and wipe that one, and a
 * token must never be in a backup. Never in a message reply or a log line.
 *
 * Earlier versions kept the token in `storage.local`; the first load moves it here once and
 * removes it there.
 */
import { browser } from 'wxt/browser';
import { Dexie, type EntityTable } from 'dexie';
import { z } from '../kernel/zod';
import type { ConnectionStore, StoredConnection } from '../sync/connection';

export type { StoredConnection } from '../sync/connection';

/** Where earlier versions kept the connection (storage.local); read once to migrate it. */
export const LEGACY_STORAGE_KEY = 'fieldkit.crmConnection';
export const SECRETS_DATABASE = 'fieldkit-secrets';
const CONNECTION_KEY = 'crmConnection';

const StoredConnectionSchema = z.object({
  token: z.string().min(1),
  baseUrl: z.string().min(1),
  portalId: z.number(),
  accountName: z.string(),
  missingScopes: z.array(z.string()),
  customObjectsSupported: z.boolean().optional(),
  recordStorage: z.enum(['properties', 'body']).optional(),
  connectedAt: z.string(),
});

interface SecretRow {
  key: string;
  value: unknown;
}

class SecretsDatabase extends Dexie {
  secrets!: EntityTable<SecretRow, 'key'>;
  constructor(options?: ConstructorParameters<typeof Dexie>[1]) {
    super(SECRETS_DATABASE, options);
    this.version(1).stores({ secrets: 'key' });
  }
}

let database: SecretsDatabase | undefined;
function secrets(): SecretsDatabase {
  database ??= new SecretsDatabase();
  return database;
}

/** Tests: a fresh database per test (fake-indexeddb keeps one per name otherwise). */
export function useSecretsDatabase(options?: ConstructorParameters<typeof Dexie>[1]): void {
  database = new SecretsDatabase(options);
}

let restricted: Promise<void> | undefined;

/**
 * Defence in depth for whatever else lives in storage.local: where the browser offers access
 * levels (Chrome), restrict it to trusted contexts. Firefox and test fakes lack the call.
 */
export function restrictStorageAccess(): Promise<void> {
  restricted ??= (async () => {
    const local = browser.storage?.local as { setAccessLevel?: (o: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> } | undefined;
    if (typeof local?.setAccessLevel !== 'function') return;
    try {
      await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    } catch {
      // Unsupported where storage.local is already private to the extension.
    }
  })();
  return restricted;
}

function parsed(value: unknown): StoredConnection | undefined {
  const result = StoredConnectionSchema.safeParse(value);
  return result.success ? result.data : undefined;
}

/** Moves a token left in storage.local by an earlier version into the secrets database, once. */
async function migrateLegacyConnection(): Promise<StoredConnection | undefined> {
  const stored = (await browser.storage.local.get(LEGACY_STORAGE_KEY)) as Record<string, unknown>;
  if (!(LEGACY_STORAGE_KEY in stored)) return undefined;
  const legacy = parsed(stored[LEGACY_STORAGE_KEY]);
  if (legacy) await secrets().secrets.put({ key: CONNECTION_KEY, value: legacy });
  // Removed even when malformed: a bad row there would only be read (and refused) forever.
  await browser.storage.local.remove(LEGACY_STORAGE_KEY);
  return legacy;
}

export async function saveConnection(connection: StoredConnection): Promise<void> {
  await secrets().secrets.put({ key: CONNECTION_KEY, value: connection });
  // A connect replaces any token an earlier version left behind.
  await browser.storage.local.remove(LEGACY_STORAGE_KEY);
}

export async function loadConnection(): Promise<StoredConnection | undefined> {
  const row = await secrets().secrets.get(CONNECTION_KEY);
  if (row) return parsed(row.value);
  return migrateLegacyConnection();
}

export async function clearConnection(): Promise<void> {
  await secrets().secrets.delete(CONNECTION_KEY);
  await browser.storage.local.remove(LEGACY_STORAGE_KEY);
}

export const connectionStore: ConnectionStore = { load: loadConnection, save: saveConnection, clear: clearConnection };
