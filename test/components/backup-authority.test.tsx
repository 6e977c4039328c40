// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackupPanel } from '../../components/backup/BackupPanel';
import { backupAuthorityMessages } from '../../components/backup/authority-messages';
import { backupMessages } from '../../components/backup/messages';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import { exportBackup, serialiseBackup } from '../../lib/backup/export';
import { MAX_BACKUP_BYTES } from '../../lib/backup/import';
import { saveRecord } from '../../lib/store/records';
import { writeSetting } from '../../lib/store/settings';
import { freshDatabase, intelDraft } from '../fixtures/records';

afterEach(cleanup);

const ME = { id: '101', name: '张伟' };
const OTHER = { id: '102', name: '李娜' };

function renderPanel(locale: 'en' | 'zh-CN', db = freshDatabase()) {
  render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <BackupPanel appVersion="0.1.0" actor={ME.id} />
      </LocaleProvider>
    </DatabaseProvider>,
  );
  return { db, user: userEvent.setup() };
}

describe('BackupPanel: refusals that name what to fix', () => {
  it('has the same message keys in both languages', () => {
    expect(Object.keys(backupAuthorityMessages['zh-CN']).sort()).toEqual(Object.keys(backupAuthorityMessages.en).sort());
  });

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`refuses an oversized file before reading it, in ${locale}`, async () => {
      const { user, db } = renderPanel(locale);
      const file = new File(['{}'], 'huge.json', { type: 'application/json' });
      Object.defineProperty(file, 'size', { value: MAX_BACKUP_BYTES + 5 * 1024 * 1024 });
      const read = vi.spyOn(file, 'text');
      await user.upload(screen.getByLabelText(backupMessages[locale].importLabel), file);
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toContain(locale === 'en' ? 'the file is 105 MB and Fieldkit reads backups up to 100 MB' : '文件大小为 105 MB，Fieldkit 只读取不超过 100 MB 的备份');
      expect(read).not.toHaveBeenCalled();
      expect(await db.audit.count()).toBe(0);
    });

    it(`says how many of other people's records were kept as local copies, in ${locale}`, async () => {
      const source = freshDatabase();
      await saveRecord(source, 'intelItems', intelDraft(), { author: OTHER });
      const text = serialiseBackup(await exportBackup(source, { appVersion: '0.1.0' }));
      const db = freshDatabase();
      await writeSetting(db, 'profile', { ...ME, role: 'rep' });
      const { user } = renderPanel(locale, db);
      await user.upload(screen.getByLabelText(backupMessages[locale].importLabel), new File([text], 'backup.json', { type: 'application/json' }));
      const status = await screen.findByRole('status');
      await vi.waitFor(() => expect(status.textContent).toContain(locale === 'en' ? '1 record written by HubSpot users other than you was restored on this computer only' : '有 1 条由其他 HubSpot 用户填写的记录只恢复到这台电脑'));
      expect(await db.outbox.count()).toBe(0);
    });
  }
});
