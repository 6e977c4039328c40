import { z } from '../kernel/zod';
import { Envelope, PROTOCOL, type MessageError, type MessageType, type Reply, type RequestOf, type ResponseOf } from './protocol';

/** What the router knows about who sent a message (a subset of runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
}

export type Handlers = {
  [T in MessageType]: (payload: z.infer<(typeof PROTOCOL)[T]['request']>, sender: SenderInfo) => Promise<ResponseOf<T>>;
};

/**
 * Only our own extension pages and our own content scripts may talk to the background. Web pages
 * cannot reach runtime.onMessage without `externally_connectable` (which we do not declare), but
 * the id check makes that a property of this code, not only of the manifest.
 */
export function isTrustedSender(sender: SenderInfo, extensionId: string): boolean {
  if (sender.id !== extensionId) return false;
  if (sender.tab) return true; // our content script in a tab
  const url = sender.url ?? sender.origin ?? '';
  return url.startsWith(`chrome-extension://${extensionId}/`) || url.startsWith(`moz-extension://`) || url === `chrome-extension://${extensionId}`;
}

function fail(code: MessageError['code'], message: string, issues?: MessageError['issues']): Reply<never> {
  return { ok: false, error: { code, message, ...(issues ? { issues } : {}) } };
}

/** Validates, authorises and dispatches one raw message; never throws. */
export function createRouter(handlers: Handlers, extensionId: string) {
  return async function route(raw: unknown, sender: SenderInfo): Promise<Reply<unknown>> {
    if (!isTrustedSender(sender, extensionId)) return fail('forbidden-sender', 'Messages are accepted only from Fieldkit itself.');
    const envelope = Envelope.safeParse(raw);
    if (!envelope.success) return fail('invalid-message', 'A message must be an object with a string "type".');
    const type = envelope.data.type;
    if (!Object.hasOwn(PROTOCOL, type) || typeof handlers[type as MessageType] !== 'function') return fail('unknown-type', `Unknown message type "${type}".`);
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
