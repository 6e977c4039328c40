import { useId, useState } from 'react';
import { useT } from '../shell/locale';
import { backupMessages } from './messages';
import { useDatabase } from '../shell/database-context';
import { backupFileName, exportBackup, serialiseBackup } from '../../lib/backup/export';
import { BackupRejected, importBackup, wipeLocalData, type ImportSummary } from '../../lib/backup/import';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'exported'; file: string }
  | { kind: 'imported'; summary: ImportSummary }
  | { kind: 'rejected'; path: string; reason: string }
  | { kind: 'wiped' };

export function BackupPanel({ appVersion, actor }: { appVersion: string; actor: string }) {
  const t = useT(backupMessages);
  const db = useDatabase();
  const inputId = useId();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  async function onExport() {
    const file = backupFileName();
    const blob = new Blob([serialiseBackup(await exportBackup(db, { appVersion }))], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setOutcome({ kind: 'exported', file });
  }

  async function onImport(file: File) {
    setOutcome({ kind: 'busy' });
    try {
      const summary = await importBackup(db, await file.text(), { actor });
      setOutcome({ kind: 'imported', summary });
    } catch (error) {
      if (error instanceof BackupRejected) setOutcome({ kind: 'rejected', ...error.problem });
      else setOutcome({ kind: 'rejected', path: '$', reason: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <div className="fk-stack">
      <p className="fk-muted">{t('intro')}</p>
      <div className="fk-row">
        <button type="button" className="fk-button fk-button-primary" onClick={() => void onExport()}>
          {t('export')}
        </button>
        <label htmlFor={inputId} className="fk-button">
          {t('importLabel')}
        </label>
        <input
          id={inputId}
          type="file"
          accept="application/json,.json"
          style={{ position: 'absolute', width: 1, height: 1, opacity: 0 }}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void onImport(file);
          }}
        />
        <button
          type="button"
          className="fk-button"
          onClick={async () => {
            if (!window.confirm(t('wipeConfirm'))) return;
            await wipeLocalData(db);
            setOutcome({ kind: 'wiped' });
          }}
        >
          {t('wipe')}
        </button>
      </div>
      <div aria-live="polite" data-testid="backup-outcome">
        {outcome.kind === 'busy' && <p>{t('importing')}</p>}
        {outcome.kind === 'exported' && <p role="status">{t('exported', { file: outcome.file })}</p>}
        {outcome.kind === 'wiped' && <p role="status">{t('wiped')}</p>}
        {outcome.kind === 'rejected' && (
          <p role="alert" className="fk-error">
            {t('rejected', { path: outcome.path, reason: outcome.reason })}
          </p>
        )}
        {outcome.kind === 'imported' && (
          <div role="status">
            <p>{t('imported', { added: outcome.summary.added, updated: outcome.summary.updated, unchanged: outcome.summary.unchanged })}</p>
            {outcome.summary.conflicts.length > 0 && (
              <>
                <p>{t('conflicts', { count: outcome.summary.conflicts.length })}</p>
                <ul className="fk-list">
                  {outcome.summary.conflicts.map((c) => (
                    <li key={`${c.table}:${c.key}`}>
                      {c.table} {c.key} — {c.kept === 'local' ? t('keptLocal') : t('keptFile')}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
