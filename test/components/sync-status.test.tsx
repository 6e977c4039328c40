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
  const NOW = new Date('2026-11-23T08:32:00.000Z');

  it('shows the pending count with plurals, when it last worked, and what needs attention', () => {
    inLocale('en', <SyncStatusBadge status={{ ...BASE, pending: 12, needsAttention: 2 }} now={NOW} />);
    const badge = screen.getByRole('status');
    expect(badge.textContent).toContain('12 records to sync');
    expect(badge.textContent).toContain('last synced 2 minutes ago');
    expect(badge.textContent).toContain('2 need attention');
    cleanup();
    inLocale('en', <SyncStatusBadge status={{ ...BASE, pending: 1 }} now={NOW} />);
    expect(screen.getByRole('status').textContent).toContain('1 record to sync');
  });

  it('says in Chinese when everything is synced, and how long ago', () => {
    inLocale('zh-CN', <SyncStatusBadge status={BASE} now={NOW} />);
    expect(screen.getByRole('status').textContent).toBe('已同步 · 2分钟前');
  });

  it('says "not connected", never "all synced · not synced yet", before HubSpot is connected', () => {
    inLocale('zh-CN', <SyncStatusBadge status={{ connected: false, paused: 'disconnected', pending: 5, needsAttention: 0, running: false }} />);
    expect(screen.getByRole('status').textContent).toBe('未连接 HubSpot');
    cleanup();
    inLocale('en', <SyncStatusBadge status={{ connected: false, pending: 0, needsAttention: 0, running: false }} />);
    expect(screen.getByRole('status').textContent).toBe('Not connected to HubSpot');
  });

  it('says when the token stopped working', () => {
    inLocale('zh-CN', <SyncStatusBadge status={{ ...BASE, paused: 'unauthorized' }} />);
    const badge = screen.getByRole('status');
    expect(badge.textContent).toContain('同步已暂停');
    expect(badge.textContent).toContain('重新连接');
    expect(badge.textContent).not.toContain('已同步');
  });

  it('says sync waits for a choice after a switch to another portal, never "synced"', () => {
    for (const [locale, text] of [
      ['zh-CN', '同步已暂停 · 请在设置中选择'],
      ['en', 'Sync paused · choose in Settings'],
    ] as const) {
      inLocale(locale, <SyncStatusBadge status={{ ...BASE, pending: 0, paused: 'portal-switch' }} />);
      expect(screen.getByRole('status').textContent).toBe(text);
      cleanup();
    }
  });
});

describe('SyncStatusPanel', () => {
  it('never says "everything is synced" while a record needs the user', () => {
    for (const [locale, text] of [
      ['zh-CN', '除 2 条需处理的记录外，已全部同步'],
      ['en', 'Synced, except 2 records that need you'],
    ] as const) {
      inLocale(locale, <SyncStatusPanel status={{ ...BASE, needsAttention: 2 }} onRetry={vi.fn()} />);
      expect(screen.getByTestId('sync-panel').textContent).toContain(text);
      cleanup();
    }
    inLocale('en', <SyncStatusPanel status={{ ...BASE, needsAttention: 1 }} onRetry={vi.fn()} />);
    expect(screen.getByTestId('sync-panel').textContent).toContain('Synced, except 1 record that needs you');
  });

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
    // One sentence for people; HubSpot's own words only inside the technical details.
    expect(within(list).getByText('HubSpot refused this record as it is: correct it, then retry.')).toBeTruthy();
    const details = list.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(details.textContent).toMatch(/HubSpot said: One or more associations are invalid/);
    await user.click(within(list).getByRole('button', { name: 'Retry 华联商贸 · 2026-11-23' }));
    expect(onRetry).toHaveBeenCalledWith('OB1');
  });

  it("says plainly when a record's id belongs to someone else's note in HubSpot, in both languages", () => {
    const status: SyncStatus = {
      ...BASE,
      needsAttention: 1,
      attention: [{ outboxId: 'OB2', table: 'intelItems', recordId: 'R2', kind: 'owned-by-another', message: 'The CRM object 90001 found for this record belongs to owner 102, not to its author 101; it was not overwritten.', at: BASE.lastSuccessAt! }],
    };
    inLocale('zh-CN', <SyncStatusPanel status={status} onRetry={vi.fn()} describeRecord={() => '美孚 · 2026-11-23'} />);
    expect(within(screen.getByTestId('sync-attention')).getByText('HubSpot 中已有一条带此记录编号的笔记，且属于其他人。Fieldkit 没有改动那条笔记，也没有发送这条记录：请联系管理员。')).toBeTruthy();
    cleanup();
    inLocale('en', <SyncStatusPanel status={status} onRetry={vi.fn()} describeRecord={() => 'Mobil · 2026-11-23'} />);
    expect(within(screen.getByTestId('sync-attention')).getByText(/belongs to someone else\. Fieldkit left that note untouched/)).toBeTruthy();
  });

  it('offers the two ways out for a record whose note was deleted in HubSpot, instead of a Retry that cannot help, in both languages', async () => {
    const user = userEvent.setup();
    const status: SyncStatus = {
      ...BASE,
      needsAttention: 2,
      attention: [
        { outboxId: 'OB3', table: 'intelItems', recordId: 'R3', kind: 'deleted-in-crm', message: 'The HubSpot note 90002 of this record no longer exists: it was deleted in HubSpot.', at: BASE.lastSuccessAt! },
        { outboxId: 'OB4', table: 'visitCards', recordId: 'R4', kind: 'dealer-gone', message: 'One or more associations are invalid: companies 20003 does not exist.', at: BASE.lastSuccessAt! },
      ],
    };
    for (const [locale, texts] of [
      ['zh-CN', { deleted: '这条记录的笔记已在 HubSpot 中被删除。可以在 HubSpot 中重新创建，或在本机也删除这条记录。', gone: '这条记录所属的经销商已在 HubSpot 中被删除。请打开记录，改选其他经销商并保存，之后会重新发送；也可以只保留在本机。', recreate: '在 HubSpot 中重新创建：美孚 · 2026-11-23', accept: '在本机也删除：美孚 · 2026-11-23', retry: '重试：美孚 · 2026-11-23', choose: '为美孚 · 2026-11-23改选其他经销商', keep: '只在本机保留：美孚 · 2026-11-23' }],
      ['en', { deleted: "This record's note was deleted in HubSpot. Create it in HubSpot again, or delete the record here too.", gone: 'The dealer this record is filed under was deleted in HubSpot. Open the record, choose another dealer and save it: it is then sent again. Or keep it on this device only.', recreate: 'Create 美孚 · 2026-11-23 again in HubSpot', accept: 'Delete 美孚 · 2026-11-23 here too', retry: 'Retry 美孚 · 2026-11-23', choose: 'Choose another dealer for 美孚 · 2026-11-23', keep: 'Keep 美孚 · 2026-11-23 on this device only' }],
    ] as const) {
      const onRecreate = vi.fn();
      const onAcceptDeletion = vi.fn();
      const onRetry = vi.fn();
      const onKeepLocal = vi.fn();
      const onOpenRecord = vi.fn();
      inLocale(
        locale,
        <SyncStatusPanel status={status} onRetry={onRetry} onRecreate={onRecreate} onAcceptDeletion={onAcceptDeletion} onKeepLocal={onKeepLocal} onOpenRecord={onOpenRecord} describeRecord={() => '美孚 · 2026-11-23'} />,
      );
      const [deleted, gone] = within(screen.getByTestId('sync-attention')).getAllByRole('listitem');
      expect(within(deleted!).getByText(texts.deleted)).toBeTruthy();
      expect(within(deleted!).queryByRole('button', { name: texts.retry })).toBeNull();
      await user.click(within(deleted!).getByRole('button', { name: texts.recreate }));
      await user.click(within(deleted!).getByRole('button', { name: texts.accept }));
      expect(onRecreate).toHaveBeenCalledWith('OB3');
      expect(onAcceptDeletion).toHaveBeenCalledWith('OB3');
      expect(within(gone!).getByText(texts.gone)).toBeTruthy();
      // Retrying would be refused again: choose another dealer (opens the record), or keep it here.
      expect(within(gone!).queryByRole('button', { name: texts.retry })).toBeNull();
      await user.click(within(gone!).getByRole('button', { name: texts.choose }));
      expect(onOpenRecord).toHaveBeenCalledWith('visitCards', 'R4');
      await user.click(within(gone!).getByRole('button', { name: texts.keep }));
      expect(onKeepLocal).toHaveBeenCalledWith('OB4');
      expect(onRetry).not.toHaveBeenCalled();
      cleanup();
    }
  });

  it('says sync waits for a choice after a switch to another portal, and leads to it', async () => {
    const user = userEvent.setup();
    const onReconnect = vi.fn();
    inLocale('zh-CN', <SyncStatusPanel status={{ ...BASE, paused: 'portal-switch', pending: 3 }} onRetry={vi.fn()} onReconnect={onReconnect} />);
    expect(screen.getByRole('alert').textContent).toContain('已连接到另一个 HubSpot 账户：同步已暂停');
    expect(screen.getByText('已暂停')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '去选择' }));
    expect(onReconnect).toHaveBeenCalledOnce();
    cleanup();
    inLocale('en', <SyncStatusPanel status={{ ...BASE, paused: 'portal-switch', pending: 3 }} onRetry={vi.fn()} onReconnect={onReconnect} />);
    expect(screen.getByRole('alert').textContent).toContain('Connected to another HubSpot account: sync is paused');
    expect(screen.getByRole('button', { name: 'Choose now' })).toBeTruthy();
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
    expect(screen.getByRole('alert').textContent).toContain('no longer accepts the token');
    expect(screen.getByRole('button', { name: 'Sync now' })).toHaveProperty('disabled', true);
  });

  it('offers to connect when HubSpot is not connected yet, without sync facts that do not apply', async () => {
    const user = userEvent.setup();
    const onReconnect = vi.fn();
    inLocale('zh-CN', <SyncStatusPanel status={{ connected: false, paused: 'disconnected', pending: 4, needsAttention: 0, running: false }} onRetry={vi.fn()} onReconnect={onReconnect} onSyncNow={vi.fn()} />);
    const panel = screen.getByTestId('sync-panel');
    expect(panel.textContent).toContain('尚未连接 HubSpot');
    expect(panel.textContent).not.toContain('上次同步');
    expect(screen.queryByRole('button', { name: '立即同步' })).toBeNull();
    await user.click(screen.getByRole('button', { name: '连接 HubSpot' }));
    expect(onReconnect).toHaveBeenCalledOnce();
  });
});
