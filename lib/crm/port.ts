/**
 * The one CRM port. The sync engine, the host layer and the connection UI speak only this
 * interface, with one result shape; `lib/crm/hubspot/` implements it and is the only code that
 * knows HubSpot's objects, hosts and ids. Tests implement it in memory (test/sync/fake-port.ts).
 * Every value an implementation returns has already been validated (zod) by it.
 */
import type { CrmError, RateLimitSnapshot } from './errors';
import type { ReadableRecord, RecordAttachment } from '../store/kind';
import type { Dealer } from '../dealers/schema';
import type { SnapshotFieldName } from '../dealers/snapshot';

export { CrmError, type CrmErrorKind, type RateLimitSnapshot } from './errors';

/** Maximum inputs one push, lookup or archive call takes (HubSpot's batch limit). */
export const MAX_BATCH = 100;

/** A stored record of any synced kind, as the engine hands it over: the port serialises it. */
export interface SyncedRecord {
  id: string;
  updatedAt: string;
  createdAt?: string;
  deletedAt?: string;
  author: { id: string; name: string };
  crm?: { objectType: string; objectId: string; syncedAt: string; syncedVersion: string; serverVersion?: string; pushedVersion?: string; seenVersion?: string };
  [field: string]: unknown;
}

export interface ConnectionInfo {
  portalId: number;
  accountName: string;
  uiDomain?: string;
  scopes: string[];
  missingScopes: string[];
  /** The CRM user who created the token (HubSpot: the private app's installing user). */
  userId?: number;
  timeZone?: string;
  currency?: string;
}

/**
 * Where the CRM copy of an activity carries Fieldkit's structured record: in custom properties
 * Fieldkit created on the object (`properties`), or inside its readable body when the CRM refuses
 * such properties (`body`). Chosen once per portal at connect.
 */
export type RecordStorage = 'properties' | 'body';

export interface SchemaReport {
  propertyGroupCreated: boolean;
  propertiesCreated: string[];
  customObjectsSupported: boolean;
  /** Where this portal's records keep Fieldkit's data, as found at connect. */
  recordStorage: RecordStorage;
  /** Existing properties whose type differs from what Fieldkit needs: fix them by hand. */
  conflicts?: string[];
}

export interface Page<T> {
  items: T[];
  /** Cursor for the next page; undefined on the last page. */
  after?: string;
  /** Total matching items when the CRM reports it (search does); drives the first-pull progress bar. */
  total?: number;
  /** Items on this page the port could not read (e.g. a hand-edited payload), with the reason. */
  skipped?: { crmId: string; reason: string }[];
}

/**
 * One record to write, prepared by the engine from the kind's declaration (lib/store/kind.ts).
 * - `home: 'activity'`: `crmId` absent → create, associated to `dealerCrmId`; present → update;
 *   `deleted` → the CRM copy is archived.
 * - `home: 'dealer'`: Fieldkit's dealer fields written to the linked CRM dealer `crmId`.
 * - `home: 'dealerFields'`: `fields` written onto the CRM dealer `dealerCrmId` (an update, never a
 *   create; `crmId` is ignored). A field given `''` is cleared.
 * `record` is what other Fieldkit users pull back (JSON-serialisable, without the local CRM link);
 * `readable` is what a CRM user without Fieldkit reads.
 */
export interface PushInput {
  localId: string;
  /** The kind's stable name (`visitCard`, `intelItem`, …). */
  kind: string;
  home: 'activity' | 'dealer' | 'dealerFields';
  crmId?: string;
  deleted: boolean;
  dealerCrmId?: string;
  /**
   * `activity` only: the other dealers the record is about (a weekly report covering several),
   * associated with the CRM copy when it is created, after `dealerCrmId`.
   */
  coveredDealerCrmIds?: readonly string[];
  /** `dealerFields` only: every field to write, by the kind's CRM-agnostic names. */
  fields?: Readonly<Record<string, string | number>>;
  /** The CRM user credited with the activity (the author), when known. */
  ownerId?: string;
  record: SyncedRecord;
  readable: ReadableRecord;
  /** When the activity happened (ISO instant): its place on the CRM timeline. */
  timestamp?: string;
  /**
   * `activity` only, for kinds that declare attachments: the files to attach to the CRM copy
   * (uploaded once each, found again by name after a lost answer). `record` never holds them.
   * Empty: nothing to attach, and whatever is attached stays (a device without the local copy of
   * a screenshot must not remove it from the CRM).
   */
  attachments?: readonly RecordAttachment[];
}

/**
 * `operation: 'none'`: nothing needed writing (a record deleted before it ever reached the CRM);
 * it has no `crmId`.
 */
export type PushResult =
  | {
      localId: string;
      ok: true;
      crmId: string;
      objectType: string;
      operation: 'created' | 'updated' | 'archived';
      /** The CRM's last-modified time of the object this write produced, when it said. */
      modifiedAt?: string;
      /**
       * The record was written but its attachments were not (a missing scope, a file too large,
       * an outage): the engine retries or reports it, the record itself is not failed.
       */
      attachmentError?: CrmError;
    }
  | { localId: string; ok: true; crmId?: undefined; objectType: string; operation: 'none' }
  | { localId: string; ok: false; error: CrmError };

/** A record someone (possibly this user on another machine) wrote, read back from the CRM. */
export interface RemoteRecord {
  kind: string;
  crmId: string;
  objectType: string;
  /** The CRM's last-modified time: the incremental-pull cursor. */
  modifiedAt: string;
  record: SyncedRecord;
}

/** A CRM dealer: the dealer fields the CRM holds plus its id and modification time. */
export type RemoteDealer = Partial<Omit<Dealer, 'id' | 'crm'>> & {
  crmId: string;
  objectType: string;
  modifiedAt: string;
  name: string;
  /** The local dealer id Fieldkit stored on the CRM dealer, when one did. */
  localId?: string;
  /**
   * The summary of the KPI snapshot the CRM dealer holds (lib/dealers/snapshot.ts field names,
   * values as the CRM stores them), when it holds one. Not merged into any record: the snapshot
   * goes one way, from Fieldkit to the CRM. The detail is not read by dealer pulls (it is large).
   */
  kpi?: Partial<Record<Exclude<SnapshotFieldName, 'kpiDetail'>, string>>;
};

/** A CRM user who can own records, with the teams they belong to (reps and managers alike). */
export interface CrmOwner {
  id: string;
  /** The CRM user id behind the owner (differs from the owner id in HubSpot). */
  userId?: number;
  email?: string;
  firstName?: string;
  lastName?: string;
  /** Display name; Chinese names are family name first (张伟). */
  name: string;
  teams: { id: string; name: string; primary: boolean }[];
  archived: boolean;
}

export interface CrmPort {
  /** A real call: who the token belongs to and which required scopes it lacks. */
  checkConnection(): Promise<ConnectionInfo>;
  /** Idempotent: creates whatever Fieldkit needs in the CRM (fields, groups) that is missing. */
  ensureSchema(): Promise<SchemaReport>;
  /** All owners with their teams (archived ones flagged). */
  listOwners(): Promise<CrmOwner[]>;
  /**
   * At most MAX_BATCH inputs, each localId once; one result per input, in any order. Per-record
   * failures come back as `ok: false`; a failure of the whole call (auth, rate limit, 5xx,
   * network) throws CrmError and nothing can be assumed about which records were written.
   */
  pushRecords(inputs: PushInput[]): Promise<PushResult[]>;
  /**
   * localId → the CRM object holding that record (and its owner), for activity records that exist
   * in the CRM; used before re-sending a create.
   */
  findRecordsByLocalIds(localIds: string[]): Promise<Map<string, FoundRecord>>;
  /** Fieldkit records changed at or after `since`, oldest change first. */
  pullRecords(since: string | undefined, after: string | undefined): Promise<Page<RemoteRecord>>;
  /**
   * The records among these CRM ids whose objects were archived (deleted) in the CRM, as they were
   * last written — a tombstone, when Fieldkit deleted them. At most 100 ids. Search never returns
   * archived objects, so this is how a device learns a deletion it did not pull in time.
   */
  readArchivedRecords?(crmIds: string[]): Promise<RemoteRecord[]>;
  /** Dealers changed at or after `since` (all when undefined), oldest change first. */
  pullDealers(since: string | undefined, after: string | undefined): Promise<Page<RemoteDealer>>;
  /** The rate-limit headers of the most recent response, if any came. */
  rateLimit(): RateLimitSnapshot | undefined;
}

/** How to reach a CRM: checks a user-given address and builds the port. */
export interface CrmConnector {
  /** The address calls go to; throws an Error whose message tells the user what is allowed. */
  normaliseBaseUrl(input: string | undefined): string;
  createPort(config: { baseUrl: string; token: string; recordStorage?: RecordStorage }): CrmPort;
}

/** A CRM object found by a record's local id: its id, and the CRM owner it belongs to, if any. */
export interface FoundRecord {
  crmId: string;
  ownerId?: string;
}
