/**
 * The CRM port. The sync engine, the background and the UI speak only this interface; the HubSpot
 * implementation in `lib/crm/hubspot/` is the only module that knows HubSpot's paths and shapes.
 * Every value returned here has already been parsed with zod by the adapter.
 */

/** Why a CRM call failed, in terms the sync engine can act on without knowing the CRM. */
export type CrmErrorKind =
  | 'unauthorized' // 401: token revoked or wrong — pause sync, ask to reconnect
  | 'forbidden' // 403: a scope is missing
  | 'rate-limited' // 429: wait `retryAfterMs`
  | 'validation' // 4xx the user must fix: park as "needs attention", never retry blindly
  | 'not-found'
  | 'conflict'
  | 'server' // 5xx: retry with backoff
  | 'network' // no response at all (offline, dropped connection, response lost)
  | 'invalid-response'; // the CRM answered with a shape we do not understand

export class CrmError extends Error {
  override readonly name = 'CrmError';
  constructor(
    readonly kind: CrmErrorKind,
    message: string,
    readonly details: {
      status?: number;
      category?: string;
      correlationId?: string;
      retryAfterMs?: number;
    } = {},
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind === 'rate-limited' || this.kind === 'server' || this.kind === 'network';
  }
}

/** What the rate-limit headers of the most recent response said. */
export interface RateLimitSnapshot {
  max: number;
  remaining: number;
  intervalMs: number;
  observedAt: number;
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

export interface SchemaReport {
  propertyGroupCreated: boolean;
  propertiesCreated: string[];
  customObjectsSupported: boolean;
  /** Existing properties whose type differs from what Fieldkit needs: fix them by hand. */
  conflicts?: string[];
}

export interface Page<T> {
  items: T[];
  /** Cursor for the next page; undefined on the last page. */
  after?: string;
  /** Total matching items when the CRM reports it (search does). */
  total?: number;
  /** Items on this page the adapter could not read (e.g. a hand-edited payload), with the reason. */
  skipped?: { crmId: string; reason: string }[];
}

// ---------------------------------------------------------------------------------------------
// The adapter interface. Everything below is CRM-agnostic: HubSpot's names (companies, notes,
// owners, property groups) appear only in `lib/crm/hubspot/`.
// ---------------------------------------------------------------------------------------------

/** Fieldkit record types the CRM stores as activity on a dealer. */
export type CrmRecordType = 'visitCard' | 'diaryEntry' | 'report' | 'intelItem';
export const CRM_RECORD_TYPES: readonly CrmRecordType[] = ['visitCard', 'diaryEntry', 'report', 'intelItem'];

/** A dealer as the CRM holds it (a HubSpot company). Fields are absent when the CRM has no value. */
export interface CrmCompany {
  crmId: string;
  name: string;
  domain?: string;
  city?: string;
  /** State / province (HubSpot `state`). */
  region?: string;
  /** The CRM record owner. */
  ownerId?: string;
  /** 责任人: Fieldkit's responsible rep; falls back to the CRM owner when unset. */
  responsibleRepId?: string;
  customerClass?: 'distributor' | 'potential' | 'downstream';
  grade?: 'A' | 'B' | 'C';
  creditLimit?: number;
  arrears?: number;
  /** Fieldkit's local dealer id, when this company was linked from Fieldkit (unique per portal). */
  localId?: string;
  /** The latest KPI snapshot Fieldkit wrote, for HubSpot users and reports. */
  kpi?: { snapshot?: unknown; score?: number; grade?: string; ruleSetVersion?: string; computedAt?: string };
  createdAt: string;
  /** The CRM's last modification time: the incremental-pull cursor. */
  updatedAt: string;
}

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

/**
 * One Fieldkit record to write as CRM activity.
 * - `crmId` absent → create, associated to `dealerCrmId` when given; `crmId` present → update.
 * - `payload` is the record itself (JSON-serialisable); the CRM stores it verbatim so other
 *   Fieldkit users can pull it back. `readableHtml` is what a CRM user without Fieldkit reads on
 *   the dealer's timeline; it must already be escaped HTML.
 * - `timestamp` is when the activity happened (where it sits on the timeline); `updatedAt` is the
 *   local version the CRM copy reflects (compare with `CrmLink.syncedVersion`).
 * - Changing the dealer of an existing record is not supported by update: the association stays.
 */
export interface PushInput {
  localId: string;
  recordType: CrmRecordType;
  crmId?: string;
  dealerCrmId?: string;
  /** The CRM owner credited with the activity (the author). */
  ownerId?: string;
  payload: unknown;
  readableHtml: string;
  timestamp: string;
  updatedAt: string;
}

export type PushResult =
  | { localId: string; ok: true; crmId: string; operation: 'created' | 'updated' }
  | { localId: string; ok: false; error: CrmError };

/** A Fieldkit record read back from the CRM, possibly written by another user. */
export interface PulledRecord {
  crmId: string;
  localId: string;
  recordType: CrmRecordType;
  payload: unknown;
  /** The local `updatedAt` the writer stored (the record's version). */
  version?: string;
  authorOwnerId?: string;
  dealerCrmId?: string;
  /** When the activity happened. */
  timestamp?: string;
  /** The CRM's last modification time: the incremental-pull cursor. */
  updatedAt: string;
}

/** Fieldkit's dealer fields written back to the CRM company (KPI snapshot, grading, customer file). */
export interface DealerUpdate {
  crmId: string;
  /** Local dealer id, stored in a unique property so the company can be found again. */
  localId?: string;
  customerClass?: 'distributor' | 'potential' | 'downstream';
  grade?: 'A' | 'B' | 'C';
  creditLimit?: number;
  arrears?: number;
  responsibleRepId?: string;
  kpi?: { snapshot: unknown; score: number; grade: string; ruleSetVersion: string; computedAt: string };
}

export interface CrmAdapter {
  /** A real call: who the token belongs to and which required scopes it lacks. */
  checkConnection(): Promise<ConnectionInfo>;
  /** Idempotent: creates the Fieldkit property group and properties that are missing. */
  ensureSchema(): Promise<SchemaReport>;
  /** Dealers changed at or after `sinceIso` (all when undefined), oldest change first. */
  pullDealers(sinceIso: string | undefined, after?: string): Promise<Page<CrmCompany>>;
  /** All active owners with their teams. */
  listOwners(): Promise<CrmOwner[]>;
  /**
   * At most 100 inputs, each localId once. One result per input (in input order). Per-record
   * failures come back as `ok: false`; a failure of the whole call (auth, rate limit, 5xx,
   * network) throws CrmError and nothing can be assumed about which records were written.
   */
  pushRecords(inputs: PushInput[]): Promise<PushResult[]>;
  /** localId → crmId for records that exist in the CRM; used before re-sending a create. */
  findRecordsByLocalIds(localIds: string[]): Promise<Map<string, string>>;
  /** Fieldkit records changed at or after `sinceIso`, oldest change first. */
  pullRecords(sinceIso: string | undefined, after?: string): Promise<Page<PulledRecord>>;
  /** Deletes (archives) records; ids that are already gone are fine. At most 100. */
  archiveRecords(crmIds: string[]): Promise<void>;
  /** Writes Fieldkit's dealer fields to the companies. At most 100; results keyed by crmId. */
  updateDealers(updates: DealerUpdate[]): Promise<PushResult[]>;
  /** The rate-limit headers of the most recent response, if any came. */
  rateLimit(): RateLimitSnapshot | undefined;
}
