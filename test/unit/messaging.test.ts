import { describe, expect, it, vi } from 'vitest';
import { createRouter, isTrustedSender, type Handlers } from '../../lib/messaging/router';
import { createMessenger, MessageFailure } from '../../lib/messaging/client';

const EXT = 'abcdefghijklmnopabcdefghijklmnop';
const PAGE = { id: EXT, url: `chrome-extension://${EXT}/sidepanel.html` };
const CONTENT = { id: EXT, url: 'https://app.hubspot.com/contacts/1/record/0-2/5', tab: { id: 7 } };
/** The capture's form: our page framed in a tab, which is where intel is saved from. */
const FORM = { id: EXT, url: `chrome-extension://${EXT}/intel-form.html#capture`, tab: { id: 7 }, frameId: 3 };

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const status = { connected: false, pending: 0, needsAttention: 0, running: false };
  return {
    ping: async () => ({ pong: true, version: '0.1.0' }),
    'intel.save': vi.fn(async () => ({ id: '01JD0000000000000000000001' })),
    'intel.pickers': async () => ({ competitors: [], dealers: [] }),
    'sync.now': async () => status,
    'sync.status': async () => status,
    'settings.language': async () => ({ locale: 'zh-CN' }),
    ...overrides,
  } as Handlers;
}

describe('message router', () => {
  it('answers a valid message from our page and our content script', async () => {
    const route = createRouter(handlers(), EXT);
    expect(await route({ type: 'ping', payload: {} }, PAGE)).toEqual({ ok: true, data: { pong: true, version: '0.1.0' } });
    expect(await route({ type: 'ping' }, CONTENT)).toMatchObject({ ok: true });
  });

  it('refuses other extensions and web pages', async () => {
    const route = createRouter(handlers(), EXT);
    expect(await route({ type: 'ping' }, { id: 'other-extension', url: 'chrome-extension://other/x.html' })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await route({ type: 'ping' }, { url: 'https://evil.example/' })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(isTrustedSender({ id: EXT, url: 'https://evil.example/' }, EXT)).toBe(false);
  });

  it('rejects malformed envelopes, unknown types and invalid payloads with typed errors', async () => {
    const save = vi.fn();
    const route = createRouter(handlers({ 'intel.save': save }), EXT);
    expect(await route('ping', PAGE)).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    expect(await route({ type: '__proto__' }, PAGE)).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
    const reply = await route({ type: 'intel.save', payload: { observedDay: 'yesterday', competitorName: '' } }, FORM);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    if (!reply.ok) expect(reply.error.issues!.map((i) => i.path)).toEqual(expect.arrayContaining(['observedDay', 'competitorName']));
    expect(save).not.toHaveBeenCalled();
  });

  it('turns a handler failure into a typed error instead of a dropped reply', async () => {
    const route = createRouter(handlers({ ping: async () => { throw new Error('database closed'); } }), EXT);
    expect(await route({ type: 'ping' }, PAGE)).toEqual({ ok: false, error: { code: 'failed', message: 'database closed' } });
  });

  it('a hostile page selection is passed as data, capped by the schema', async () => {
    const save = vi.fn(async (_draft: unknown) => ({ id: '01JD0000000000000000000001' }));
    const route = createRouter(handlers({ 'intel.save': save }), EXT);
    const hostile = '<img src=x onerror=alert(1)>'.repeat(10);
    expect(await route({ type: 'intel.save', payload: { observedDay: '2026-11-23', competitorName: '壳牌', sourceText: hostile } }, FORM)).toMatchObject({ ok: true });
    expect(save.mock.calls[0]![0]).toMatchObject({ sourceText: hostile });
    const tooLong = await route({ type: 'intel.save', payload: { observedDay: '2026-11-23', competitorName: '壳牌', sourceText: 'x'.repeat(5001) } }, FORM);
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('messenger', () => {
  it('round-trips through the router and validates the reply', async () => {
    const route = createRouter(handlers(), EXT);
    const send = createMessenger((message) => route(message, PAGE));
    expect(await send('ping', {})).toEqual({ pong: true, version: '0.1.0' });
  });

  it('raises the typed error of a failed reply', async () => {
    const send = createMessenger(async () => ({ ok: false, error: { code: 'failed', message: 'boom' } }));
    await expect(send('ping', {})).rejects.toBeInstanceOf(MessageFailure);
  });

  it('rejects a reply that does not match the protocol', async () => {
    const send = createMessenger(async () => ({ ok: true, data: { pong: 'yes' } }));
    await expect(send('ping', {})).rejects.toThrow(/Malformed reply/);
  });
});
