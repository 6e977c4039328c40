import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SCRIPT_MESSAGES, createRouter, senderKindOf, type Handlers } from '../../lib/messaging/router';
import { PROTOCOL, type MessageType } from '../../lib/messaging/protocol';

const EXT = 'abcdefghijklmnopabcdefghijklmnop';
const FIREFOX_ORIGIN = 'moz-extension://6a1d2f4e-0000-4000-8000-000000000001/';
const CONTENT = { id: EXT, url: 'https://app.hubspot.com/contacts/1/record/0-2/5', tab: { id: 7 } };
const OPTIONS_PAGE = { id: EXT, url: `chrome-extension://${EXT}/options.html` };
/** The KPI panel: an extension page framed into a HubSpot tab, so it has a tab and our URL. */
const FRAMED_PANEL = { id: EXT, url: `chrome-extension://${EXT}/hubspot-panel.html#1/5`, tab: { id: 7 } };

const status = { connected: false, missingScopes: [] };

function handlers() {
  const connect = vi.fn(async () => status);
  const disconnect = vi.fn(async () => status);
  const all = {
    ping: async () => ({ pong: true, version: '0.1.0' }),
    'settings.language': async () => ({ locale: 'en' }),
    'connection.connect': connect,
    'connection.disconnect': disconnect,
    'connection.status': async () => status,
  } as unknown as Handlers;
  return { all, connect, disconnect };
}

describe('router: what a content script may ask for', () => {
  it('refuses connection.disconnect and connection.connect (to a loopback URL) from a content script with a typed error', async () => {
    const { all, connect, disconnect } = handlers();
    const route = createRouter(all, EXT);
    const disconnectReply = await route({ type: 'connection.disconnect', payload: {} }, CONTENT);
    expect(disconnectReply).toMatchObject({ ok: false, error: { code: 'forbidden-for-sender' } });
    const connectReply = await route({ type: 'connection.connect', payload: { token: 'pat-stolen', baseUrl: 'http://127.0.0.1:9999' } }, CONTENT);
    expect(connectReply).toMatchObject({ ok: false, error: { code: 'forbidden-for-sender', message: expect.stringContaining('connection.connect') } });
    expect(connect).not.toHaveBeenCalled();
    expect(disconnect).not.toHaveBeenCalled();
  });

  it('lets our own pages, the framed panel included, send the same messages', async () => {
    const { all, connect, disconnect } = handlers();
    const route = createRouter(all, EXT);
    expect(await route({ type: 'connection.disconnect', payload: {} }, OPTIONS_PAGE)).toMatchObject({ ok: true });
    expect(await route({ type: 'connection.status', payload: {} }, FRAMED_PANEL)).toMatchObject({ ok: true });
    expect(await route({ type: 'connection.connect', payload: { token: 'pat-1' } }, OPTIONS_PAGE)).toMatchObject({ ok: true });
    expect(disconnect).toHaveBeenCalledOnce();
    expect(connect).toHaveBeenCalledOnce();
  });

  it('still answers what capture needs from a content script, and nothing the framed form reads', async () => {
    const route = createRouter(handlers().all, EXT);
    expect(await route({ type: 'ping', payload: {} }, CONTENT)).toMatchObject({ ok: true });
    // The form, its language, pickers and saving live in the framed extension page, not in the content script.
    expect(await route({ type: 'settings.language', payload: {} }, CONTENT)).toMatchObject({ ok: false, error: { code: 'forbidden-for-sender' } });
  });

  it('allows content scripts exactly opening a capture and a ping, and nothing that connects, syncs or reads records', () => {
    expect([...CONTENT_SCRIPT_MESSAGES].sort()).toEqual(['intel.captureOpen', 'ping']);
    for (const type of Object.keys(PROTOCOL) as MessageType[]) {
      if (/^(connection|sync|panel)\./.test(type)) expect(CONTENT_SCRIPT_MESSAGES.has(type)).toBe(false);
    }
  });

  it('tells pages from content scripts by the extension origin the host gives (Firefox)', () => {
    expect(senderKindOf({ id: EXT, url: `${FIREFOX_ORIGIN}options.html` }, EXT, FIREFOX_ORIGIN)).toBe('extension-page');
    expect(senderKindOf({ id: EXT, url: `${FIREFOX_ORIGIN}hubspot-panel.html`, tab: { id: 1 } }, EXT, FIREFOX_ORIGIN)).toBe('extension-page');
    // Another install's pages are not ours, and a page with our id but a web URL in a tab is a content script.
    expect(senderKindOf({ id: EXT, url: 'moz-extension://another-uuid/options.html' }, EXT, FIREFOX_ORIGIN)).toBeUndefined();
    expect(senderKindOf({ id: EXT, url: 'https://app.hubspot.com/', tab: { id: 1 } }, EXT, FIREFOX_ORIGIN)).toBe('content-script');
    expect(senderKindOf({ id: 'someone-else', url: `${FIREFOX_ORIGIN}options.html` }, EXT, FIREFOX_ORIGIN)).toBeUndefined();
  });
});
