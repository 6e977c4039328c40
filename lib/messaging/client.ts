import { PROTOCOL, ReplyEnvelope, type MessageError, type MessageType, type RequestOf, type ResponseOf } from './protocol';

export class MessageFailure extends Error {
  override readonly name = 'MessageFailure';
  constructor(readonly error: MessageError) {
    super(error.message);
  }
}

export type Transport = (message: { type: string; payload: unknown }) => Promise<unknown>;

/**
 * A typed client over any transport (runtime.sendMessage in the extension, a direct router call in
 * tests). The reply is validated against the protocol before the caller sees it.
 */
export function createMessenger(transport: Transport) {
  return async function send<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
    const raw = await transport({ type, payload });
    const reply = ReplyEnvelope.safeParse(raw);
    if (!reply.success) throw new MessageFailure({ code: 'invalid-message', message: `No valid reply to "${type}".` });
    if (!reply.data.ok) throw new MessageFailure(reply.data.error);
    const data = PROTOCOL[type].response.safeParse(reply.data.data);
    if (!data.success) throw new MessageFailure({ code: 'invalid-message', message: `Malformed reply to "${type}".` });
    return data.data as ResponseOf<T>;
  };
}

export type Messenger = ReturnType<typeof createMessenger>;
