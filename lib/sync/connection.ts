import type { RecordStorage } from '../crm/port';

/**
 * The stored CRM connection as sync sees it. Where it is kept is the host's business
 * (lib/host/connection-store.ts keeps it where no content script can read it); sync only asks.
 */
export interface StoredConnection {
  token: string;
  baseUrl: string;
  portalId: number;
  accountName: string;
  missingScopes: string[];
  customObjectsSupported?: boolean;
  /** Where notes keep Fieldkit's data on this portal (absent: properties, as before body mode). */
  recordStorage?: RecordStorage;
  connectedAt: string;
}

/** What may leave the background: everything but the token. */
export type PublicConnection = Omit<StoredConnection, 'token'>;

export interface ConnectionStore {
  load(): Promise<StoredConnection | undefined>;
  save(connection: StoredConnection): Promise<void>;
  clear(): Promise<void>;
}

export function publicView(connection: StoredConnection): PublicConnection {
  const { token: _token, ...rest } = connection;
  return rest;
}
