// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { LocaleProvider } from '../../components/shell/locale';
import { ConnectionSettings } from '../../components/sync/connection-index';
import type { ConnectionStatus } from '../../lib/messaging/protocol';
import type { Locale } from '../../lib/kernel/i18n';

afterEach(cleanup);

function inLocale(locale: Locale, ui: ReactNode) {
  return render(<LocaleProvider locale={locale}>{ui}</LocaleProvider>);
}

const DISCONNECTED: ConnectionStatus = { connected: false, missingScopes: [] };
const CONNECTED: ConnectionStatus = {
  connected: true,
  baseUrl: 'http://127.0.0.1:4010',
  portalId: 24681357,
  accountName: '华东润滑油销售公司',
  missingScopes: ['crm.objects.owners.read'],
  customObjectsSupported: false,
  connectedAt: '2026-11-23T08:00:00.000Z',
};

describe('ConnectionSettings', () => {
  it('connects with a password-type token field and an advanced base URL, then clears the token', async () => {
    const user = userEvent.setup();
    const onConnect = vi.fn(async () => CONNECTED);
    inLocale('en', <ConnectionSettings status={DISCONNECTED} onConnect={onConnect} onDisconnect={vi.fn()} defaultBaseUrl="https://api.hubapi.com" />);

    const token = screen.getByLabelText('Access token');
    expect(token).toHaveProperty('type', 'password');
    await user.type(token, 'pat-na1-secret');
    await user.click(screen.getByText('Advanced'));
    await user.type(screen.getByLabelText('API base URL'), 'http://127.0.0.1:4010');
    await user.click(screen.getByRole('button', { name: 'Connect' }));

    expect(onConnect).toHaveBeenCalledWith({ token: 'pat-na1-secret', baseUrl: 'http://127.0.0.1:4010' });
    expect(screen.getByTestId('connection-state').textContent).toContain('Connected');
    expect(screen.getByText('24681357')).toBeTruthy();
    expect(screen.getByText('华东润滑油销售公司')).toBeTruthy();
    expect(screen.getByTestId('missing-scopes').textContent).toContain('crm.objects.owners.read');
    expect((screen.getByLabelText('Access token') as HTMLInputElement).value).toBe('');
  });

  it('asks for a token instead of sending an empty one', async () => {
    const user = userEvent.setup();
    const onConnect = vi.fn(async () => CONNECTED);
    inLocale('en', <ConnectionSettings status={DISCONNECTED} onConnect={onConnect} onDisconnect={vi.fn()} defaultBaseUrl="https://api.hubapi.com" />);
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(onConnect).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('Enter the access token');
  });

  it('shows why HubSpot refused the token, in the CRM’s words', async () => {
    const user = userEvent.setup();
    const onConnect = vi.fn(async () => ({ ...DISCONNECTED, error: 'Authentication credentials not found.', errorKind: 'unauthorized' }));
    inLocale('zh-CN', <ConnectionSettings status={DISCONNECTED} onConnect={onConnect} onDisconnect={vi.fn()} defaultBaseUrl="https://api.hubapi.com" />);
    await user.type(screen.getByLabelText('访问令牌'), 'wrong');
    await user.keyboard('{Enter}');
    const alert = await screen.findByTestId('connection-error');
    expect(alert.textContent).toContain('HubSpot 不接受此令牌');
    // HubSpot's own (English) words only inside the technical details.
    const details = alert.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(details.textContent).toContain('Authentication credentials not found.');
  });

  it('says in one sentence when HubSpot cannot be reached', async () => {
    const user = userEvent.setup();
    const onConnect = vi.fn(async () => ({ ...DISCONNECTED, error: 'fetch failed', errorKind: 'network' }));
    inLocale('en', <ConnectionSettings status={DISCONNECTED} onConnect={onConnect} onDisconnect={vi.fn()} defaultBaseUrl="https://api.hubapi.com" />);
    await user.type(screen.getByLabelText('Access token'), 'pat-na1-secret');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    const alert = await screen.findByTestId('connection-error');
    expect(alert.querySelector('p')!.textContent).toBe('HubSpot could not be reached: check the network connection and try again.');
  });

  it('disconnects with one click and says sync is paused after a 401', async () => {
    const user = userEvent.setup();
    const onDisconnect = vi.fn(async () => DISCONNECTED);
    inLocale('en', <ConnectionSettings status={{ ...CONNECTED, paused: 'unauthorized' }} onConnect={vi.fn()} onDisconnect={onDisconnect} defaultBaseUrl="https://api.hubapi.com" />);
    expect(screen.getByText(/no longer accepts the stored token/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    expect(onDisconnect).toHaveBeenCalledOnce();
    expect(screen.getByTestId('connection-state').textContent).toContain('Not connected');
  });

  it('after a switch to another portal, says what is linked where and re-links on request, in both languages', async () => {
    const user = userEvent.setup();
    const switched: ConnectionStatus = { ...CONNECTED, missingScopes: [], paused: 'portal-switch', portalSwitch: { from: 4827391, to: 24681357, linked: 16 } };
    for (const [locale, words] of [
      ['zh-CN', { said: '这个浏览器中有 16 条记录关联的是另一个 HubSpot 账户（门户 4827391）。同步已暂停，等你选择。', button: '作为新记录发送到门户 24681357', hint: /如果想保留原来的关联，请断开连接，再连接门户 4827391/ }],
      ['en', { said: '16 records in this browser are linked to another HubSpot account (portal 4827391). Sync is paused until you choose.', button: 'Send them to portal 24681357 as new', hint: /To keep the old links instead, disconnect and connect to portal 4827391/ }],
    ] as const) {
      const onRelinkAsNew = vi.fn(async () => ({ ...switched, paused: undefined, portalSwitch: undefined }));
      inLocale(locale, <ConnectionSettings status={switched} onConnect={vi.fn()} onDisconnect={vi.fn()} onRelinkAsNew={onRelinkAsNew} defaultBaseUrl="https://api.hubapi.com" />);
      const notice = screen.getByTestId('portal-switch');
      expect(notice.getAttribute('role')).toBe('alert');
      expect(notice.textContent).toContain(words.said);
      expect(screen.getByText(words.hint)).toBeTruthy();
      await user.click(screen.getByRole('button', { name: words.button }));
      expect(onRelinkAsNew).toHaveBeenCalledOnce();
      expect(screen.queryByTestId('portal-switch')).toBeNull();
      cleanup();
    }
  });

  it('says where this portal keeps the records, in both languages', () => {
    for (const [locale, body, properties] of [
      ['zh-CN', '备注正文（此门户不允许为备注添加自定义属性）', '备注的 Fieldkit 属性'],
      ['en', 'The note text (this portal does not allow custom note properties)', "Fieldkit's note properties"],
    ] as const) {
      inLocale(locale, <ConnectionSettings status={{ ...CONNECTED, recordStorage: 'body' }} onConnect={vi.fn()} onDisconnect={vi.fn()} defaultBaseUrl="https://api.hubapi.com" />);
      expect(screen.getByTestId('record-storage').textContent).toBe(body);
      cleanup();
      inLocale(locale, <ConnectionSettings status={{ ...CONNECTED, recordStorage: 'properties' }} onConnect={vi.fn()} onDisconnect={vi.fn()} defaultBaseUrl="https://api.hubapi.com" />);
      expect(screen.getByTestId('record-storage').textContent).toBe(properties);
      cleanup();
    }
    // A connection stored before body mode existed says nothing rather than guess.
    inLocale('en', <ConnectionSettings status={CONNECTED} onConnect={vi.fn()} onDisconnect={vi.fn()} defaultBaseUrl="https://api.hubapi.com" />);
    expect(screen.queryByTestId('record-storage')).toBeNull();
  });

  it('is reachable by keyboard: token, advanced, connect', async () => {
    const user = userEvent.setup();
    inLocale('en', <ConnectionSettings status={DISCONNECTED} onConnect={vi.fn()} onDisconnect={vi.fn()} defaultBaseUrl="https://api.hubapi.com" />);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText('Access token'));
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Advanced');
    const connect = screen.getByRole('button', { name: 'Connect' });
    // jsdom keeps a closed <details>' field in the tab order; a browser skips it.
    for (let i = 0; i < 3 && document.activeElement !== connect; i++) await user.tab();
    expect(document.activeElement).toBe(connect);
  });
});
