import type { FieldkitDatabase } from '../store/database';
import { BACKUP_FORMAT, BACKUP_VERSION, backupTablesOf, type BackupHeader } from './format';

/**
 * Settings that describe this device's sync machinery (cursors, lease, device id, progress) stay
 * out of backups: restoring them elsewhere would make another machine skip pulls or share this
 * device's identity. Conflict copies (`sync.conflict.*`) are the user's data and travel.
 */
export function isDeviceOnlySetting(key: string): boolean {
  return key.startsWith('sync.') && !key.startsWith('sync.conflict.');
}

export async function exportBackup(db: FieldkitDatabase, options: { appVersion: string; now?: Date }): Promise<BackupHeader> {
  const tables: Record<string, unknown[]> = {};
  const names = Object.keys(backupTablesOf(db.kinds.values()));
  await db.transaction('r', names.map((name) => db.table(name)), async () => {
    for (const name of names) {
      const rows = await db.table(name).toArray();
      tables[name] = name === 'settings' ? rows.filter((row: { key: string }) => !isDeviceOnlySetting(row.key)) : rows;
    }
  });
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    appVersion: options.appVersion,
    tables,
  };
}

export function backupFileName(now: Date = new Date()): string {
  return `fieldkit-backup-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`;
}

/** Pretty-printed so a person can read what they are keeping; sorted keys keep diffs stable. */
export function serialiseBackup(backup: BackupHeader): string {
  return JSON.stringify(backup, null, 2);
}
