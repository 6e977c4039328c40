import { z } from '../kernel/zod';
import { Envelope, PROTOCOL, type MessageError, type MessageType, type Reply, type RequestOf, type ResponseOf } from './protocol';

/** What the router knows about who sent a message (a subset of runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  /** Which frame of the tab sent it (0: the top frame); the intel form's frame holds its capture. */
  frameId?: number;
}

export type Handlers = {
  [T in MessageType]: (payload: z.infer<(typeof PROTOCOL)[T]['request']>, sender: SenderInfo) => Promise<ResponseOf<T>>;
};

/**
 * What content scripts may ask for: opening an intel capture (which hands the background what the
 * page offers and has the tab photographed) and a liveness ping. Content scripts run inside pages
 * we do not control, so a compromised page context must not be able to connect, disconnect, sync
 * or read anything else. The intel form and the KPI panel on HubSpot are extension pages framed
 * into the tab, so they are extension-page senders (their URL is ours) and not limited by this list.
 */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageType> = new Set<MessageType>(['ping', 'intel.captureOpen']);

export type SenderKind = 'extension-page' | 'content-script';

/** The extension's own origin as a URL prefix: Chrome's id-based one unless the host gives the real one (Firefox's is a per-install UUID). */
function originOf(extensionId: string, extensionOrigin?: string): string {
  const origin = extensionOrigin ?? `chrome-extension://${extensionId}/`;
  return origin.endsWith('/') ? origin : `${origin}/`;
}

/**
 * Who sent a message, or undefined for anyone else. Web pages cannot reach runtime.onMessage
 * without `externally_connectable` (which we do not declare), but the id check makes that a
 * property of this code, not only of the manifest. A sender whose URL is one of our pages is an
 * extension page even inside a tab (the framed KPI panel); any other sender in a tab is our
 * content script, whose URL is the page's.
 */
export function senderKindOf(sender: SenderInfo, extensionId: string, extensionOrigin?: string): SenderKind | undefined {
  if (sender.id !== extensionId) return undefined;
  const origin = originOf(extensionId, extensionOrigin);
  const url = sender.url ?? sender.origin ?? '';
  if (url.startsWith(origin) || `${url}/` === origin) return 'extension-page';
  if (sender.tab) return 'content-script';
  return undefined;
}

export function isTrustedSender(sender: SenderInfo, extensionId: string, extensionOrigin?: string): boolean {
  return senderKindOf(sender, extensionId, extensionOrigin) !== undefined;
}

function fail(code: MessageError['code'], message: string, issues?: MessageError['issues']): Reply<never> {
  return { ok: false, error: { code, message, ...(issues ? { issues } : {}) } };
}

/**
 * Validates, authorises and dispatches one raw message; never throws. `extensionOrigin` is
 * `runtime.getURL('/')` in the extension (needed in Firefox, whose page URLs are not id-based).
 */
export function createRouter(handlers: Handlers, extensionId: string, extensionOrigin?: string) {
  return async function route(raw: unknown, sender: SenderInfo): Promise<Reply<unknown>> {
    const kind = senderKindOf(sender, extensionId, extensionOrigin);
    if (!kind) return fail('forbidden-sender', 'Messages are accepted only from Fieldkit itself.');
    const envelope = Envelope.safeParse(raw);
    if (!envelope.success) return fail('invalid-message', 'A message must be an object with a string "type".');
    const type = envelope.data.type;
    if (!Object.hasOwn(PROTOCOL, type) || typeof handlers[type as MessageType] !== 'function') return fail('unknown-type', `Unknown message type "${type}".`);
    if (kind === 'content-script' && !CONTENT_SCRIPT_MESSAGES.has(type as MessageType)) {
      return fail('forbidden-for-sender', `"${type}" is not available to content scripts; only Fieldkit's own pages may send it.`);
    }
    const spec = PROTOCOL[type as MessageType];
    const request = spec.request.safeParse(envelope.data.payload ?? {});
    if (!request.success) {
      const issues = request.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      return fail('invalid-request', `Invalid "${type}" request: ${issues[0]?.path || '(root)'}: ${issues[0]?.message}`, issues);
    }
    try {
      const handler = handlers[type as MessageType] as (p: unknown, s: SenderInfo) => Promise<unknown>;
      const data = await handler(request.data, sender);
      return { ok: true, data };
    } catch (error) {
      return fail('failed', error instanceof Error ? error.message : String(error));
    }
  };
}

export type Route = ReturnType<typeof createRouter>;
export type { RequestOf };
