// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { LocaleProvider } from '../../components/shell/locale';
import { SyncStatusBadge, SyncStatusPanel } from '../../components/sync/index';
import type { SyncStatus } from '../../lib/messaging/protocol';
import type { Locale } from '../../lib/kernel/i18n';

afterEach(cleanup);

function inLocale(locale: Locale, ui: ReactNode) {
  return render(<LocaleProvider locale={locale}>{ui}</LocaleProvider>);
}

const BASE: SyncStatus = { connected: true, pending: 0, needsAttention: 0, running: false, lastSuccessAt: '2026-11-23T08:30:00.000Z' };

describe('SyncStatusBadge', () => {
  it('shows the pending count, last success and what needs attention', () => {
    inLocale('en', <SyncStatusBadge status={{ ...BASE, pending: 12, needsAttention: 2 }} />);
    const badge = screen.getByRole('status');
    expect(badge.textContent).toContain('12 waiting to sync');
    expect(badge.textContent).toContain('Last synced');
    expect(badge.textContent).toContain('2 need attention');
  });

  it('says in Chinese when everything is synced, and when the token stopped working', () => {
    inLocale('zh-CN', <SyncStatusBadge status={{ ...BASE, paused: 'unauthorized' }} />);
    const badge = screen.getByRole('status');
    expect(badge.textContent).toContain('已全部同步');
    expect(badge.textContent).toContain('重新连接');
  });
});

describe('SyncStatusPanel', () => {
  it('lists refused records with HubSpot’s message and a retry action', async () => {
    const user = userEvent.setup();
    const onRetry = vi.fn();
    const status: SyncStatus = {
      ...BASE,
      needsAttention: 1,
      attention: [{ outboxId: 'OB1', table: 'visitCards', recordId: 'R1', kind: 'validation', message: 'One or more associations are invalid: companies 999999 does not exist.', status: 400, at: BASE.lastSuccessAt! }],
    };
    inLocale('en', <SyncStatusPanel status={status} onRetry={onRetry} describeRecord={() => '华联商贸 · 2026-11-23'} />);

    const list = screen.getByTestId('sync-attention');
    expect(within(list).getByText(/HubSpot said: One or more associations are invalid/)).toBeTruthy();
    await user.click(within(list).getByRole('button', { name: 'Retry 华联商贸 · 2026-11-23' }));
    expect(onRetry).toHaveBeenCalledWith('OB1');
  });

  it('shows a progress bar while a large push runs', () => {
    inLocale('zh-CN', <SyncStatusPanel status={{ ...BASE, running: true, pending: 7000, progress: { phase: 'push', done: 3000, total: 10000 } }} onRetry={vi.fn()} onSyncNow={vi.fn()} />);
    const bar = screen.getByRole('progressbar', { name: '正在上传 3,000/10,000' });
    expect(bar.getAttribute('value')).toBe('3000');
    expect(bar.getAttribute('max')).toBe('10000');
    expect(screen.getByRole('button', { name: '正在同步…' })).toHaveProperty('disabled', true);
  });

  it('surfaces two-device conflicts and lets the user dismiss them', async () => {
    const user = userEvent.setup();
    const onDismiss = vi.fn();
    const status: SyncStatus = {
      ...BASE,
      conflicts: [{ id: 'C1', table: 'diaryEntries', recordId: 'D1', at: BASE.lastSuccessAt!, kept: 'remote', losingVersion: '2026-11-23T08:00:00.000Z', losingAuthor: '张伟' }],
    };
    inLocale('en', <SyncStatusPanel status={status} onRetry={vi.fn()} onDismissConflict={onDismiss} />);
    const list = screen.getByTestId('sync-conflicts');
    expect(list.textContent).toContain('saved as a copy');
    await user.click(within(list).getByRole('button', { name: /Dismiss the conflict note for Diary/ }));
    expect(onDismiss).toHaveBeenCalledWith('C1');
  });

  it('offers to reconnect when sync is paused for a bad token', async () => {
    const user = userEvent.setup();
    const onReconnect = vi.fn();
    inLocale('en', <SyncStatusPanel status={{ ...BASE, pending: 3, paused: 'unauthorized' }} onRetry={vi.fn()} onReconnect={onReconnect} onSyncNow={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Reconnect' }));
    expect(onReconnect).toHaveBeenCalledOnce();
    expect(screen.getByRole('button', { name: 'Sync now' })).toHaveProperty('disabled', true);
  });
});
