/**
 * The one message protocol between content scripts / extension pages and the background.
 * Each message type names a zod schema for its request and its response; the router validates
 * requests on receipt and the client validates responses, so neither side trusts the other's
 * shapes. Adding a message means adding one entry here and one handler in the background.
 */
import { z } from '../kernel/zod';
import { IntelItem } from '../intel/schema';
import { PickerDictionary } from '../intel/dictionary/picker';
import { NearDuplicateProbe, NearDuplicateView } from '../intel/near-duplicate-schema';
import { CompanyPanelReply } from '../dealers/panel-schema';
import { CAPTURE_ID_PATTERN } from '../intel/capture-frame';

const CrmNumericId = z.string().regex(/^\d{1,20}$/, 'expected a HubSpot numeric id');

const Empty = z.object({}).strict();

/** What the intel form sends from a page: the draft fields, no identity or timestamps. */
export const IntelDraftMessage = IntelItem.omit({
  id: true,
  schemaVersion: true,
  author: true,
  createdAt: true,
  updatedAt: true,
  crm: true,
  deletedAt: true,
  // Sightings are added by the background ("add to it"), never sent by a page.
  sightings: true,
});

/** What a capture read from the page it was opened on (lib/host/intel-capture.ts), as plain text. */
export const CapturedPage = z.object({
  sourceUrl: z.string().max(2048).optional(),
  sourceTitle: z.string().max(500).optional(),
  // One character over the schema's 5,000, so the form can say it cut the selection.
  sourceText: z.string().max(5001).optional(),
});

/**
 * Saving from a page: the draft, or `addTo` an earlier item as a sighting of it (near-duplicates).
 * `captureId` asks the background to attach the screenshot it took when the capture opened: the
 * picture never travels back with the save.
 */
export const IntelSaveMessage = IntelDraftMessage.extend({
  addTo: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/).optional(),
  captureId: z.string().regex(CAPTURE_ID_PATTERN).optional(),
});

export const SyncStatus = z.object({
  connected: z.boolean(),
  paused: z.enum(['unauthorized', 'disconnected', 'portal-switch']).optional(),
  pending: z.number().int().nonnegative(),
  needsAttention: z.number().int().nonnegative(),
  lastSuccessAt: z.string().optional(),
  lastError: z.string().optional(),
  running: z.boolean(),
  progress: z.object({ done: z.number(), total: z.number(), phase: z.enum(['push', 'pull']) }).optional(),
  /** Records the CRM refused, with its message, each retryable after a fix (lib/sync). */
  attention: z
    .array(
      z.object({
        outboxId: z.string(),
        table: z.string(),
        recordId: z.string(),
        kind: z.string(),
        message: z.string(),
        status: z.number().optional(),
        at: z.string(),
      }),
    )
    .optional(),
  /** Edits that lost the two-machine conflict rule, kept as copies (docs/sync.md). */
  conflicts: z
    .array(
      z.object({
        id: z.string(),
        table: z.string(),
        recordId: z.string(),
        at: z.string(),
        kept: z.enum(['local', 'remote']),
        losingVersion: z.string(),
        losingAuthor: z.string(),
      }),
    )
    .optional(),
  /** When the next automatic attempt is due (ISO), if anything is waiting. */
  nextAttemptAt: z.string().optional(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** The CRM connection as pages may see it. The token itself never appears in any message reply. */
export const ConnectionStatus = z.object({
  connected: z.boolean(),
  baseUrl: z.string().optional(),
  portalId: z.number().optional(),
  accountName: z.string().optional(),
  missingScopes: z.array(z.string()),
  customObjectsSupported: z.boolean().optional(),
  /** Where this portal's notes keep Fieldkit's data: their own properties, or the note text. */
  recordStorage: z.enum(['properties', 'body']).optional(),
  connectedAt: z.string().optional(),
  paused: z.enum(['unauthorized', 'disconnected', 'portal-switch']).optional(),
  /** Connected to another portal than the one this browser's records are linked to: the user decides. */
  portalSwitch: z.object({ from: z.number(), to: z.number(), linked: z.number().int().nonnegative() }).optional(),
  /** Why the last connect attempt failed, in the CRM's words. */
  error: z.string().optional(),
  errorKind: z.string().optional(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const PROTOCOL = {
  /** Liveness probe used by pages and tests. */
  ping: { request: Empty, response: z.object({ pong: z.literal(true), version: z.string() }) },
  /** Save competitor intel captured on a web page (content script → background → Dexie). */
  'intel.save': { request: IntelSaveMessage, response: z.object({ id: z.string(), addedTo: z.boolean().optional() }) },
  /** Earlier items anyone saved that the draft may repeat (lib/intel/near-duplicates.ts). */
  'intel.nearDuplicates': { request: NearDuplicateProbe, response: z.object({ items: z.array(NearDuplicateView).max(10) }) },
  /** Names for the intel form's pickers, read by content scripts that cannot open Dexie. */
  'intel.pickers': {
    request: Empty,
    response: z.object({
      competitors: z.array(z.string()),
      dealers: z.array(z.object({ id: z.string(), name: z.string() })),
      /** The competitor dictionary, compact, for suggestions from the page's title and selection. */
      dictionary: PickerDictionary.default({ competitors: [], products: [] }),
    }),
  },
  /**
   * A content script opens a capture under an id it made: the background keeps what it read from
   * the page with a screenshot of the tab taken now, before the form is drawn over it, for the
   * form's frame (which loads meanwhile).
   */
  'intel.captureOpen': { request: CapturedPage.extend({ captureId: z.string().regex(CAPTURE_ID_PATTERN) }).strict(), response: z.object({}) },
  /** The framed form (intel-form.html) reads the capture it was opened for, in the same tab only. */
  'intel.captureContext': {
    request: z.object({ captureId: z.string().regex(CAPTURE_ID_PATTERN) }).strict(),
    response: CapturedPage.extend({ screenshot: z.string().optional() }),
  },
  /** Ask the background to drain the outbox now. */
  'sync.now': { request: Empty, response: SyncStatus },
  'sync.status': { request: Empty, response: SyncStatus },
  /** The UI language the user chose (content-script UIs cannot read the settings table). */
  'settings.language': { request: Empty, response: z.object({ locale: z.enum(['zh-CN', 'en']) }) },
  /** Check a token with a real CRM call, store it (trusted contexts only), create the schema. */
  'connection.connect': {
    request: z.object({ token: z.string().trim().min(1).max(1000), baseUrl: z.string().max(300).optional() }).strict(),
    response: ConnectionStatus,
  },
  'connection.status': { request: Empty, response: ConnectionStatus },
  /** After connecting to another portal: drop every old link and send the user's records to this one. */
  'connection.relinkAsNew': { request: Empty, response: ConnectionStatus },
  /** Forget the token and stop sync. */
  'connection.disconnect': { request: Empty, response: ConnectionStatus },
  /** "Fix and retry": put a record the CRM refused back in the queue. */
  'sync.retry': { request: z.object({ outboxId: z.string().min(1) }).strict(), response: SyncStatus },
  /** A record whose note was deleted in HubSpot: create the note again… */
  'sync.recreate': { request: z.object({ outboxId: z.string().min(1) }).strict(), response: SyncStatus },
  /** …or delete the record here too. */
  'sync.acceptDeletion': { request: z.object({ outboxId: z.string().min(1) }).strict(), response: SyncStatus },
  /** A record whose dealer was deleted in HubSpot: keep it on this device only (sync stops asking). */
  'sync.keepLocal': { request: z.object({ outboxId: z.string().min(1) }).strict(), response: SyncStatus },
  /** Acknowledge a conflict copy (the user has looked at it). */
  'sync.dismissConflict': { request: z.object({ id: z.string().min(1) }).strict(), response: SyncStatus },
  /**
   * The KPI panel of the dealer a CRM company record is (content script on a HubSpot company
   * page → background). `refresh` pulls from the CRM first (the panel's Refresh and "add" buttons).
   */
  'panel.ofCompany': {
    request: z.object({ portalId: CrmNumericId, companyId: CrmNumericId, refresh: z.boolean().optional() }).strict(),
    response: CompanyPanelReply,
  },
  /**
   * Open the side panel for a dealer (the KPI panel's quick actions on HubSpot): its page, a new
   * visit card at it, or new intel for it.
   */
  'panel.openSidePanel': {
    request: z.object({ intent: z.enum(['dealer', 'logVisit', 'logIntel']), dealerId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/) }).strict(),
    response: z.object({ opened: z.boolean() }),
  },
  /** Pull dealers (CRM companies) changed since the last pull, and the owners/teams. */
  'sync.pullDealers': { request: Empty, response: z.object({ pulled: z.number().int().nonnegative(), status: SyncStatus }) },
  /** Pull other users' Fieldkit records changed since the last pull. */
  'sync.pullRecords': { request: Empty, response: z.object({ pulled: z.number().int().nonnegative(), status: SyncStatus }) },
} as const;

export type MessageType = keyof typeof PROTOCOL;
export type RequestOf<T extends MessageType> = z.input<(typeof PROTOCOL)[T]['request']>;
export type ResponseOf<T extends MessageType> = z.infer<(typeof PROTOCOL)[T]['response']>;

export const ErrorCode = z.enum(['invalid-message', 'unknown-type', 'forbidden-sender', 'forbidden-for-sender', 'invalid-request', 'failed']);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const MessageError = z.object({
  code: ErrorCode,
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type MessageError = z.infer<typeof MessageError>;

export const Envelope = z.object({ type: z.string(), payload: z.unknown().optional() });

export type Reply<T> = { ok: true; data: T } | { ok: false; error: MessageError };

export const ReplyEnvelope = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: MessageError }),
]);
