// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor as waitForDefault } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import { ReminderSettings, type NotificationPermission } from '../../components/reports/ReminderSettings';
import type { FieldkitDatabase } from '../../lib/store/database';
import { readSetting } from '../../lib/store/settings';
import type { Locale } from '../../lib/kernel/i18n';
import { freshDatabase } from '../fixtures/records';

/** Live queries answer after a write; a loaded machine can take more than the default second. */
const waitFor = <T,>(check: () => T | Promise<T>) => waitForDefault(check, { timeout: 10_000 });

let db: FieldkitDatabase;
beforeEach(() => {
  db = freshDatabase();
});
afterEach(() => {
  cleanup();
  db.close();
});

function renderSettings(locale: Locale, permission?: NotificationPermission) {
  render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <ReminderSettings {...(permission ? { getPermission: vi.fn(async () => permission) } : {})} />
      </LocaleProvider>
    </DatabaseProvider>,
  );
}

const checkbox = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
const time = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe('reminder settings', () => {
  it('shows the defaults in Chinese and saves quiet hours across midnight', async () => {
    renderSettings('zh-CN', 'granted');
    await screen.findByRole('heading', { name: '提醒' });
    expect(checkbox('报告到期前提醒我').checked).toBe(true);
    expect(checkbox('免打扰时段').checked).toBe(true);
    expect(time('免打扰开始').value).toBe('21:00');
    expect(time('免打扰结束').value).toBe('08:00');
    expect(await screen.findByText('此浏览器会显示 Fieldkit 的通知。')).toBeTruthy();

    fireEvent.change(time('免打扰开始'), { target: { value: '22:30' } });
    await waitFor(async () => expect(await readSetting(db, 'reminders')).toEqual({ enabled: true, quietFrom: '22:30', quietTo: '08:00' }));
    fireEvent.change(time('免打扰结束'), { target: { value: '07:15' } });
    await waitFor(async () => expect(await readSetting(db, 'reminders')).toEqual({ enabled: true, quietFrom: '22:30', quietTo: '07:15' }));
  });

  it('refuses an empty range and an empty time, saying what to fix, and keeps the saved hours', async () => {
    renderSettings('zh-CN');
    await screen.findByRole('heading', { name: '提醒' });
    fireEvent.change(time('免打扰结束'), { target: { value: '21:00' } });
    expect((await screen.findByRole('alert')).textContent).toBe('免打扰结束：请选择与开始时间不同的结束时间');
    expect(time('免打扰结束').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(time('免打扰开始'), { target: { value: '' } });
    expect(screen.getByRole('alert').textContent).toBe('免打扰开始：请输入时间，例如 21:00');
    expect(await readSetting(db, 'reminders')).toEqual({ enabled: true, quietFrom: '21:00', quietTo: '08:00' });
  });

  it('turns quiet hours and reminders off and on, in English', async () => {
    const user = userEvent.setup();
    renderSettings('en', 'denied');
    await screen.findByRole('heading', { name: 'Reminders' });
    expect(await screen.findByText(/This browser blocks Fieldkit’s notifications/)).toBeTruthy();
    await user.click(checkbox('Quiet hours'));
    await waitFor(async () => expect(await readSetting(db, 'reminders')).toEqual({ enabled: true, quietFrom: '00:00', quietTo: '00:00' }));
    await waitFor(() => expect(screen.queryByLabelText('Quiet from')).toBeNull());
    await user.click(checkbox('Quiet hours'));
    await waitFor(async () => expect(await readSetting(db, 'reminders')).toEqual({ enabled: true, quietFrom: '21:00', quietTo: '08:00' }));
    // The form remounts when the stored setting arrives; a click on the old form's checkbox would be lost.
    await waitFor(() => expect(time('Quiet from').value).toBe('21:00'));
    await user.click(checkbox('Remind me before a report is due'));
    await waitFor(async () => expect((await readSetting(db, 'reminders')).enabled).toBe(false));
    await waitFor(() => expect(checkbox('Quiet hours').disabled).toBe(true));
    expect(document.body.textContent).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
