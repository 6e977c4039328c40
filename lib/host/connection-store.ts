/**
 * The CRM token's only home: `browser.storage.local`, restricted to trusted contexts (the
 * background and extension pages) so content scripts cannot read it. Not Dexie — backups export
 * Dexie — and never in a message reply or a log line.
 */
import { browser } from 'wxt/browser';
import type { ConnectionStore, StoredConnection } from '../sync/connection';

export type { StoredConnection } from '../sync/connection';

const STORAGE_KEY = 'fieldkit.crmConnection';

let restricted: Promise<void> | undefined;

/**
 * storage.local is readable by content scripts unless its access level is restricted; this call
 * is what keeps the token out of their reach (an e2e test reads it from a content script and is
 * refused). Firefox and test fakes lack the call: guard it.
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

export async function saveConnection(connection: StoredConnection): Promise<void> {
  await restrictStorageAccess();
  await browser.storage.local.set({ [STORAGE_KEY]: connection });
}

export async function loadConnection(): Promise<StoredConnection | undefined> {
  const stored = (await browser.storage.local.get(STORAGE_KEY)) as Record<string, StoredConnection | undefined>;
  const value = stored[STORAGE_KEY];
  return value && typeof value.token === 'string' && value.token ? value : undefined;
}

export async function clearConnection(): Promise<void> {
  await browser.storage.local.remove(STORAGE_KEY);
}

export const connectionStore: ConnectionStore = { load: loadConnection, save: saveConnection, clear: clearConnection };
