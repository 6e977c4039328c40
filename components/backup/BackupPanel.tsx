import { useId, useState } from 'react';
import { Download } from 'lucide-react';
import type { Translate } from '../../lib/kernel/i18n';
import { useT } from '../shell/locale';
import { backupMessages } from './messages';
import { backupAuthorityMessages } from './authority-messages';
import { useDatabase } from '../shell/database-context';
import { backupFileName, exportBackup, serialiseBackup } from '../../lib/backup/export';
import { BackupRejected, checkBackupSize, importBackup, wipeLocalData, type BackupProblem, type ImportSummary } from '../../lib/backup/import';
import { Button, FileButton, Notice, hintClass } from '../ui/index';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'exported'; file: string }
  | { kind: 'imported'; summary: ImportSummary }
  | { kind: 'rejected'; path: string; reason: string; code?: BackupProblem['code']; detail?: BackupProblem['detail'] }
  | { kind: 'wiped' };

type TableKey = 'table_visitCards' | 'table_diaryEntries' | 'table_reports' | 'table_intelItems' | 'table_dealers';
const TABLE_KEYS: Record<string, TableKey> = {
  visitCards: 'table_visitCards',
  diaryEntries: 'table_diaryEntries',
  reports: 'table_reports',
  intelItems: 'table_intelItems',
  dealers: 'table_dealers',
};

type BackupKey = keyof (typeof backupMessages)['en'];
type RejectedKey = 'rejectedEmpty' | 'rejectedTruncated' | 'rejectedNotBackup' | 'rejectedNewer' | 'rejectedUnknownTable' | 'rejectedRecord' | 'rejectedOther';

/** What the person can do about a refused file, from the importer's technical reason. */
function rejectedSentence(path: string, reason: string, t: Translate<BackupKey>): string {
  let key: RejectedKey = 'rejectedOther';
  if (/file is empty/.test(reason)) key = 'rejectedEmpty';
  else if (/not valid JSON/.test(reason)) key = 'rejectedTruncated';
  else if (/not a Fieldkit backup/.test(reason)) key = 'rejectedNotBackup';
  else if (/newer Fieldkit/.test(reason)) key = 'rejectedNewer';
  else if (/unknown table/.test(reason)) key = 'rejectedUnknownTable';
  const row = /^\$\.tables\.(\w+)\[(\d+)\]/.exec(path);
  if (key === 'rejectedOther' && row) {
    const table = TABLE_KEYS[row[1]!];
    return t('rejectedRecord', { kind: table ? t(table) : t('table_other'), n: Number(row[2]) + 1 });
  }
  return t(key);
}

/** The sentence for refusals that name what to fix (size, a rule set, a setting); undefined for the others. */
function authoritySentence(outcome: Extract<Outcome, { kind: 'rejected' }>, t: Translate<keyof (typeof backupAuthorityMessages)['en']>): string | undefined {
  const detail = outcome.detail ?? {};
  switch (outcome.code) {
    case 'tooLarge':
      return t('rejectedTooLarge', { sizeMb: detail.sizeMb ?? '?', limitMb: detail.limitMb ?? '?' });
    case 'ruleSet':
      return t('rejectedRuleSet', { ruleSet: detail.ruleSet ?? '?', version: detail.version ?? '?' });
    case 'setting':
      return t('rejectedSetting', { key: detail.key ?? '?' });
    default:
      return undefined;
  }
}

export function BackupPanel({ appVersion, actor }: { appVersion: string; actor: string }) {
  const t = useT(backupMessages);
  const ta = useT(backupAuthorityMessages);
  const db = useDatabase();
  const dangerId = useId();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const [confirming, setConfirming] = useState(false);

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
      // Refused before the file is read into memory.
      checkBackupSize(file.size);
      const summary = await importBackup(db, await file.text(), { actor });
      setOutcome({ kind: 'imported', summary });
    } catch (error) {
      if (error instanceof BackupRejected) setOutcome({ kind: 'rejected', ...error.problem });
      else setOutcome({ kind: 'rejected', path: '$', reason: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <div className="flex min-w-0 flex-col gap-4">
      <p className="m-0 text-sm">{t('intro')}</p>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="primary" onClick={() => void onExport()}>
          <Download aria-hidden="true" className="size-4" />
          {t('export')}
        </Button>
        <FileButton accept="application/json,.json" onFile={(file) => void onImport(file)}>
          {t('importLabel')}
        </FileButton>
      </div>
      <p className={hintClass}>{t('importHint')}</p>

      <div aria-live="polite" data-testid="backup-outcome" className="empty:hidden">
        {outcome.kind === 'busy' && <p className="m-0 text-sm text-muted">{t('importing')}</p>}
        {outcome.kind === 'exported' && (
          <Notice tone="ok" role="status">
            {t('exported', { file: outcome.file })}
          </Notice>
        )}
        {outcome.kind === 'wiped' && (
          <Notice tone="ok" role="status">
            {t('wiped')}
          </Notice>
        )}
        {outcome.kind === 'rejected' && (
          <div role="alert" className="flex min-w-0 flex-col gap-1">
            <Notice tone="danger">{t('rejected', { problem: authoritySentence(outcome, ta) ?? rejectedSentence(outcome.path, outcome.reason, t) })}</Notice>
            <details className="text-xs text-muted">
              <summary className="cursor-pointer">{t('technical')}</summary>
              <p className="m-0 mt-1 font-mono break-all">
                {outcome.path}: {outcome.reason}
              </p>
            </details>
          </div>
        )}
        {outcome.kind === 'imported' && (
          <div role="status" className="flex min-w-0 flex-col gap-2">
            <Notice tone="ok">{t('imported', { added: outcome.summary.added, updated: outcome.summary.updated, unchanged: outcome.summary.unchanged })}</Notice>
            {outcome.summary.readCopies > 0 && <p className="m-0 text-sm">{ta('readCopies', { count: outcome.summary.readCopies })}</p>}
            {outcome.summary.conflicts.length > 0 && (
              <div className="flex min-w-0 flex-col gap-1 text-sm">
                <p className="m-0">{t('conflicts', { count: outcome.summary.conflicts.length })}</p>
                <ul className="m-0 flex list-disc flex-col gap-0.5 pl-5">
                  {outcome.summary.conflicts.map((c) => (
                    <li key={`${c.table}:${c.key}`}>
                      {TABLE_KEYS[c.table] ? t(TABLE_KEYS[c.table]!) : t('table_other')} — {c.kept === 'local' ? t('keptLocal') : t('keptFile')}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        )}
      </div>

      <section aria-labelledby={dangerId} className="flex min-w-0 flex-col gap-2 rounded-lg border border-danger/40 p-3">
        <h3 id={dangerId} className="m-0 text-base font-semibold text-danger">
          {t('dangerTitle')}
        </h3>
        <p className="m-0 text-sm">{t('wipeIntro')}</p>
        {!confirming ? (
          <div>
            <Button variant="danger" onClick={() => setConfirming(true)}>
              {t('wipe')}
            </Button>
          </div>
        ) : (
          <div role="group" aria-label={t('wipeConfirm')} className="flex min-w-0 flex-col gap-2">
            <Notice tone="warn">{t('wipeConfirm')}</Notice>
            <div className="flex flex-wrap gap-2">
              <Button
                variant="danger"
                onClick={async () => {
                  await wipeLocalData(db);
                  setConfirming(false);
                  setOutcome({ kind: 'wiped' });
                }}
              >
                {t('wipeYes')}
              </Button>
              <Button onClick={() => setConfirming(false)}>{t('wipeNo')}</Button>
            </div>
          </div>
        )}
      </section>
    </div>
  );
}
