/**
 * The one message protocol between content scripts / extension pages and the background.
 * Each message type names a zod schema for its request and its response; the router validates
 * requests on receipt and the client validates responses, so neither side trusts the other's
 * shapes. Adding a message means adding one entry here and one handler in the background.
 */
import { z } from '../zod';
import { IntelItem } from '../schema/intel';

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
});

export const SyncStatus = z.object({
  connected: z.boolean(),
  paused: z.enum(['unauthorized', 'disconnected']).optional(),
  pending: z.number().int().nonnegative(),
  needsAttention: z.number().int().nonnegative(),
  lastSuccessAt: z.string().optional(),
  lastError: z.string().optional(),
  running: z.boolean(),
  progress: z.object({ done: z.number(), total: z.number(), phase: z.enum(['push', 'pull']) }).optional(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const PROTOCOL = {
  /** Liveness probe used by pages and tests. */
  ping: { request: Empty, response: z.object({ pong: z.literal(true), version: z.string() }) },
  /** Save competitor intel captured on a web page (content script → background → Dexie). */
  'intel.save': { request: IntelDraftMessage, response: z.object({ id: z.string() }) },
  /** Names for the intel form's pickers, read by content scripts that cannot open Dexie. */
  'intel.pickers': {
    request: Empty,
    response: z.object({
      competitors: z.array(z.string()),
      dealers: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  },
  /** A screenshot of the visible part of the sender's tab. */
  'page.captureVisible': { request: Empty, response: z.object({ dataUrl: z.string() }) },
  /** Ask the background to drain the outbox now. */
  'sync.now': { request: Empty, response: SyncStatus },
  'sync.status': { request: Empty, response: SyncStatus },
  /** The UI language the user chose (content-script UIs cannot read the settings table). */
  'settings.language': { request: Empty, response: z.object({ locale: z.enum(['zh-CN', 'en']) }) },
} as const;

export type MessageType = keyof typeof PROTOCOL;
export type RequestOf<T extends MessageType> = z.input<(typeof PROTOCOL)[T]['request']>;
export type ResponseOf<T extends MessageType> = z.infer<(typeof PROTOCOL)[T]['response']>;

export const ErrorCode = z.enum(['invalid-message', 'unknown-type', 'forbidden-sender', 'invalid-request', 'failed']);
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
