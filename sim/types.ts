import type { SimStrictness } from './strict';

/** The simulator's stored shapes. Close to HubSpot's public JSON so dumps read like API answers. */

export type ObjectType = 'companies' | 'notes';

export type PropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';

export interface SimOption {
  label: string;
  value: string;
  displayOrder?: number;
  hidden?: boolean;
  description?: string;
}

export interface SimProperty {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description: string;
  options: SimOption[];
  displayOrder: number;
  hasUniqueValue: boolean;
  hubspotDefined: boolean;
  /** HubSpot-maintained values (ids, timestamps) that API writes may not set. */
  readOnlyValue: boolean;
  formField: boolean;
  calculated: boolean;
  externalOptions: boolean;
  hidden: boolean;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface SimGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

export interface SimObject {
  id: string;
  /** Stored as HubSpot returns them: strings, datetimes as ISO 8601. */
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

export interface SimAssociation {
  fromType: ObjectType;
  fromId: string;
  toType: ObjectType;
  toId: string;
  typeId: number;
  category: 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';
}

export interface SimTeam {
  id: string;
  name: string;
  primary: boolean;
}

export interface SimOwner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  userIdIncludingInactive: number;
  type: 'PERSON' | 'QUEUE';
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  teams: SimTeam[];
}

/** A file in the simulated file manager (Files API v3). */
export interface SimFile {
  id: string;
  /** Without extension, as HubSpot returns it. */
  name: string;
  extension: string;
  /** Folder path + name + extension, e.g. `/fieldkit/intelItem/shot.jpg`. */
  path: string;
  parentFolderId: string;
  size: number;
  type: 'IMG' | 'DOCUMENT' | 'OTHER';
  access: string;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  /** The uploaded bytes (not dumped by `/__sim/state`). */
  bytes: Buffer;
  mime: string;
}

export interface SimFolder {
  id: string;
  path: string;
}

/** What `--seed <file>` may contain; every key is optional and falls back to the built-in data. */
export interface SimSeed {
  portalId?: number;
  timeZone?: string;
  companyCurrency?: string;
  companies?: { id?: string; properties: Record<string, string>; createdAt?: string; updatedAt?: string }[];
  notes?: { id?: string; properties: Record<string, string>; createdAt?: string; updatedAt?: string }[];
  associations?: SimAssociation[];
  owners?: (Partial<SimOwner> & { id: string; email: string })[];
  /** Extra property definitions (e.g. a portal that already has some fieldkit_* properties). */
  properties?: Partial<Record<ObjectType, (Partial<SimProperty> & { name: string; type: PropertyType })[]>>;
  groups?: Partial<Record<ObjectType, SimGroup[]>>;
}

/** How `/crm/v3/schemas` answers: custom objects exist only on Enterprise portals. */
export type CustomObjectsMode = 'forbidden' | 'empty' | 'enterprise';
export type NotePropertiesMode = 'accepted' | 'refused';

/** Search limits: HubSpot raised them on 2024-08-26 (5 groups × 10 filters, 25 in all); 'legacy' is 3 × 3. */
export type SearchLimits = 'current' | 'legacy';

export interface SimConfig {
  token: string;
  /** How strict the simulator is (./strict.ts); every switch on unless a test turns it off. */
  strict: SimStrictness;
  /**
   * More people's tokens, each identifying its HubSpot user (token → userId): a rep and their
   * manager each connect with their own token, as each HubSpot user does with their own OAuth
   * access token. `token` is the user 5101's (owner 101).
   */
  userTokens?: Record<string, number>;
  scopes: string[];
  customObjects: CustomObjectsMode;
  /**
   * `refused`: the portal will not take custom properties (or groups) on notes, as a real portal
   * may (HubSpot's docs do not confirm they are allowed; docs/hubspot.md). Fieldkit then keeps
   * its data in the note body.
   */
  noteProperties: NotePropertiesMode;
  searchLimits: SearchLimits;
  /** Requests per rolling 10 s window per token (HubSpot private apps: 100 or 190 by tier). */
  rate: number;
  /** Requests per day, reported in the daily headers and enforced with policyName DAILY. */
  daily: number;
  /**
   * Largest file `POST /files/v3/files` accepts, in bytes; larger → 413. HubSpot publishes its
   * limits in a Knowledge Base article we could not read; 20 MB is a stand-in (docs/hubspot.md).
   */
  fileSizeLimit: number;
}
