import { useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { RefreshCw, Sparkles } from 'lucide-react';
import type { Author } from '../../lib/kernel/record';
import type { DiaryEntry } from '../../lib/reports/diary-schema';
import type { ReportPeriod } from '../../lib/reports/periods';
import { buildReportDraft } from '../../lib/reports/compose/build';
import { asOfText, documentOfEntry } from '../../lib/reports/export/entry-document';
import { postingStateOf } from '../../lib/reports/posting';
import { useLocale, useT } from '../shell/locale';
import { useDatabase } from '../shell/database-context';
import { Button, Card, ErrorDetails, Notice, errorMessageOf, hintClass } from '../ui';
import { DocumentSections } from './DocumentView';
import { ExportMenu } from './ExportMenu';
import { exportBarMessages } from './export-messages';
import { diaryEditorMessages } from './messages';

/** The sections a report's snapshot adds to what the rep wrote (lib/reports/export/entry-document.ts). */
const SNAPSHOT_SECTIONS = new Set(['planVsActual', 'work', 'dealers', 'keyAccountGaps', 'intel', 'kpis', 'deadlines', 'openProblems']);

/**
 * One click: builds the period's report from the rep's records and saves it as a draft; on a draft
 * that has numbers already, refreshes them (what the rep saved stays). `auto` builds once on mount —
 * the popup's button and the keyboard command open the panel that way.
 */
export function BuildReport({ kind, period, author, entry, auto }: { kind: 'weekly' | 'monthly'; period: ReportPeriod; author: Author; entry: DiaryEntry | undefined; auto: boolean }) {
  const t = useT(exportBarMessages);
  const te = useT(diaryEditorMessages);
  const locale = useLocale();
  const db = useDatabase();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const started = useRef(false);

  async function build() {
    setBusy(true);
    setFailure(undefined);
    try {
      await buildReportDraft(db, { author, kind, periodStart: period.start, words: { locale, ordered: (quantity) => te('outcomeOrdered', { quantity }) } });
    } catch (error) {
      setFailure(errorMessageOf(error));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (!auto || started.current) return;
    started.current = true;
    void build();
    // Once per mount; `build` reads the latest props.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [auto]);

  const refresh = Boolean(entry?.snapshot);
  return (
    <Card className="gap-2" data-testid="build-report">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant={refresh ? 'secondary' : 'primary'} disabled={busy} onClick={() => void build()}>
          {refresh ? <RefreshCw aria-hidden="true" className="size-4" /> : <Sparkles aria-hidden="true" className="size-4" />}
          {busy ? t('building') : refresh ? t('rebuild') : t(kind === 'weekly' ? 'buildWeekly' : 'buildMonthly')}
        </Button>
      </div>
      {entry?.snapshot ? (
        // What the draft was built from stays said under the button, however the panel re-renders.
        <p className="m-0 text-sm" role="status">
          {t('built', { visits: entry.snapshot.dealers.reduce((n, d) => n + d.visits, 0), dailies: entry.snapshot.work.length, intel: entry.snapshot.intel.length })}
          <span className="block text-xs text-muted">{asOfText(entry.snapshot, locale)}</span>
        </p>
      ) : (
        <p className={hintClass}>{t('buildHint')}</p>
      )}
      {refresh && <p className={hintClass}>{t('rebuildHint')}</p>}
      {failure && (
        <>
          <Notice tone="danger" role="alert">
            {t('buildFailed')}
          </Notice>
          <ErrorDetails summary={t('technicalDetails')}>{failure}</ErrorDetails>
        </>
      )}
    </Card>
  );
}

/**
 * Under a saved weekly or monthly report: the numbers it was built from (as of when), the exports,
 * and where it stands with HubSpot.
 */
export function ReportOutputs({ entry, dealersById, onSyncNow }: { entry: DiaryEntry; dealersById: Record<string, string>; onSyncNow: (() => void) | undefined }) {
  const t = useT(exportBarMessages);
  const locale = useLocale();
  const document = useMemo(() => documentOfEntry(entry, { locale, dealerName: (id) => dealersById[id] }), [entry, locale, dealersById]);
  const numbers = document.sections.filter((section) => SNAPSHOT_SECTIONS.has(section.id) && (section.blocks.length > 0 || section.empty));
  return (
    <div className="flex min-w-0 flex-col gap-3">
      {document.asOf && (
        <details className="group rounded-lg border border-line bg-surface p-3" data-testid="report-numbers">
          <summary className="cursor-pointer text-sm font-semibold">
            {t('numbersHeading')}
            <span className="block text-xs font-normal text-muted">{document.asOf}</span>
          </summary>
          <div className="mt-3">
            <DocumentSections document={document} sections={numbers} />
          </div>
        </details>
      )}
      <ExportMenu document={document} printHref={`report-print.html#entry=${entry.id}&print=1`} />
      <PostStatus entry={entry} onSyncNow={onSyncNow} />
    </div>
  );
}

/** One note in HubSpot per report: posted (on how many customers), waiting for the next sync, or stuck. */
function PostStatus({ entry, onSyncNow }: { entry: DiaryEntry; onSyncNow: (() => void) | undefined }) {
  const t = useT(exportBarMessages);
  const db = useDatabase();
  const state = useLiveQuery(() => postingStateOf(db, entry), [db, entry]);
  if (!state) return null;
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="report-posting" data-state={state.state}>
      <Notice tone={state.state === 'posted' ? 'ok' : state.state === 'needsAttention' ? 'warn' : 'info'} className="min-w-0 flex-1 basis-60">
        {state.state === 'posted'
          ? t(entry.status === 'draft' ? 'postPostedDraft' : 'postPosted', { dealers: state.dealers })
          : state.state === 'pending'
            ? t('postPending')
            : t('postFailed', { reason: t('postNeedsAttention') })}
      </Notice>
      {state.state !== 'posted' && onSyncNow && (
        <Button size="sm" onClick={onSyncNow}>
          {t('postNow')}
        </Button>
      )}
    </div>
  );
}
