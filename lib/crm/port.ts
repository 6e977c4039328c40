/**
 * The narrow slice of the CRM adapter the sync engine needs. The HubSpot adapter
 * (`lib/crm/hubspot`) satisfies it through `fromCrmAdapter` in ./adapter-port.ts; tests satisfy it
 * with an in-memory fake. Keeping the engine on this port means it never learns HubSpot's shapes.
 */
import type { CrmError, RateLimitSnapshot } from './errors';
import type { SyncedTable } from '../store/outbox';
import type { Dealer } from '../dealers/schema';

/** A stored record of any synced table, as the engine hands it over: the adapter serialises it. */
export interface SyncedRecord {
  id: string;
  updatedAt: string;
  deletedAt?: string;
  author: { id: string; name: string };
  crm?: { objectType: string; objectId: string; syncedAt: string; syncedVersion: string };
  [field: string]: unknown;
}

/** One record to write. `crmId` set means update that object; absent means create. */
export interface PushInput {
  localId: string;
  table: SyncedTable;
  crmId?: string;
  record: SyncedRecord;
}

export type PushResult =
  | { localId: string; ok: true; crmId: string; objectType?: string }
  | { localId: string; ok: false; error: CrmError };

/** A record someone (possibly this user on another machine) wrote, read back from the CRM. */
export interface RemoteRecord {
  table: SyncedTable;
  crmId: string;
  objectType?: string;
  /** The CRM's last-modified time: the incremental-pull cursor. */
  modifiedAt: string;
  record: SyncedRecord;
  /** The device that pushed this version, when it said (./device.ts). */
  writtenBy?: string;
}

/** A CRM company as a dealer: the dealer fields the CRM holds plus its id and modification time. */
export type RemoteDealer = Partial<Omit<Dealer, 'id' | 'crm'>> & {
  crmId: string;
  modifiedAt: string;
  name: string;
  /** The local dealer id Fieldkit stored on the company, when one did. */
  localId?: string;
};

export interface RemoteOwner {
  id: string;
  name: string;
  email?: string;
  teams: { id: string; name: string }[];
}

export interface PortPage<T> {
  items: T[];
  after?: string;
  /** Total matching items when the CRM reports it (search does); drives the first-pull progress bar. */
  total?: number;
}

export interface SyncPort {
  /** At most 100 inputs; one result per input, in any order. A whole-call failure throws CrmError. */
  pushRecords(inputs: PushInput[]): Promise<PushResult[]>;
  /** Looks up records created earlier whose create response may have been lost. */
  findRecordsByLocalIds(localIds: string[]): Promise<Map<string, string>>;
  pullRecords?(since: string | undefined, after: string | undefined): Promise<PortPage<RemoteRecord>>;
  pullDealers?(since: string | undefined, after: string | undefined): Promise<PortPage<RemoteDealer>>;
  listOwners?(): Promise<RemoteOwner[]>;
  /** The rate-limit headers of the most recent response, if any. */
  rateLimit?(): RateLimitSnapshot | undefined;
}

/** Maximum inputs HubSpot's batch endpoints accept in one call. */
export const MAX_BATCH = 100;
