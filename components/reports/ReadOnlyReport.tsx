/**
 * A submitted or reviewed report as its reader sees it: the manager's notes in red pen (who, when,
 * about which part), then every part of the report as text under its heading. Nothing here can
 * be edited; changes come with the manager's review.
 */
import { useId, type ReactNode } from 'react';
import { PenLine } from 'lucide-react';
import { formatDay } from '../../lib/kernel/format';
import type { Locale } from '../../lib/kernel/i18n';
import { profileNameFor } from '../../lib/store/settings';
import type { DiaryEntry, DiaryKind } from '../../lib/reports/diary-schema';
import type { EditorState } from '../../lib/reports/prefill';
import { useT } from '../shell/locale';
import { diaryEditorMessages } from './messages';
import { formatInstant } from './period';
import { usePathLabel } from './ReviewPanel';

/** The manager's red pen, read-only for the rep: who wrote it, when, about which part, and the note. */
export function Annotations({ entry, kind, locale }: { entry: DiaryEntry; kind: DiaryKind; locale: Locale }) {
  const t = useT(diaryEditorMessages);
  // The same words for a field as the review uses ("上周工作总结 #2").
  const fieldLabel = usePathLabel(kind);
  return (
    <section aria-label={t('annotations')} className="flex flex-col gap-2 rounded-md border border-l-4 border-danger bg-danger-soft px-3 py-2.5">
      <h4 className="m-0 flex items-center gap-1.5 text-sm font-semibold text-danger">
        <PenLine aria-hidden="true" className="size-4 shrink-0" />
        {t('annotations')}
      </h4>
      <ul className="m-0 flex list-none flex-col gap-2.5 p-0">
        {entry.annotations.map((note) => {
          const on = fieldLabel(note.path);
          return (
            <li key={note.id} className="flex flex-col gap-0.5">
              <span className="text-xs text-muted">
                <span className="inline-block font-semibold text-danger">{profileNameFor(note.author.name, locale)}</span>
                {' · '}
                <span className="inline-block">{formatInstant(note.at, locale)}</span>
              </span>
              {on && <span className="text-xs text-muted">{t('annotationOn', { field: on })}</span>}
              <span className="text-base whitespace-pre-wrap text-danger">{note.text}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** One part of a submitted report: its heading and what was written, or a quiet "not filled in". */
function ReadOnlyPart({ label, children, empty }: { label: string; children: ReactNode; empty: boolean }) {
  const t = useT(diaryEditorMessages);
  const id = useId();
  return (
    <section aria-labelledby={id} className="flex min-w-0 flex-col gap-1 px-3 py-2.5">
      <h4 id={id} className="m-0 text-sm font-semibold text-muted">
        {label}
      </h4>
      {empty ? <p className="m-0 text-sm text-muted italic">{t('notFilled')}</p> : children}
    </section>
  );
}

const listClass = 'm-0 flex list-decimal flex-col gap-1.5 pl-5 text-base text-ink marker:text-muted break-words';
const metaClass = 'block text-sm text-muted';

/**
 * What a reader can add after a line: the notes on it and, for a manager, a way to note it.
 * `path` names the line as the review does ("todayWork.0"), `text` is the line as written.
 */
export type LineAside = (path: string, text: string) => ReactNode;

function ReadOnlyLines({ label, field, lines, aside }: { label: string; field: string; lines: string[]; aside?: LineAside }) {
  const shown = lines.map((line, index) => ({ line, index })).filter(({ line }) => line.trim());
  return (
    <ReadOnlyPart label={label} empty={shown.length === 0}>
      <ol className={listClass}>
        {shown.map(({ line, index }) => (
          <li key={index}>
            {line}
            {aside?.(`${field}.${index}`, line)}
          </li>
        ))}
      </ol>
    </ReadOnlyPart>
  );
}

/** A submitted report as the manager reads it: every part with its heading, values as text. */
export function ReadOnlyReport({ state, dealersById, locale, aside }: { state: EditorState; dealersById: Record<string, string>; locale: Locale; aside?: LineAside }) {
  const t = useT(diaryEditorMessages);
  const dealer = (id: string) => dealersById[id] ?? t('unknownDealer');
  return (
    <div className="flex min-w-0 flex-col divide-y divide-line rounded-lg border border-line bg-surface">
      {state.kind === 'daily' && (
        <>
          <ReadOnlyLines label={t('todayWork')} field="todayWork" lines={state.todayWork} aside={aside} />
          <ReadOnlyLines label={t('tomorrowPlan')} field="tomorrowPlan" lines={state.tomorrowPlan} aside={aside} />
          <ReadOnlyLines label={t('problems')} field="problems" lines={state.problems} aside={aside} />
        </>
      )}
      {state.kind === 'weekly' && (
        <>
          <ReadOnlyPart label={t('lastWeekSummary')} empty={state.lastWeekSummary.length === 0}>
            <ol className={listClass}>
              {state.lastWeekSummary.map((row, i) => (
                <li key={i}>
                  {row.item}
                  <span className={metaClass}>
                    {row.completion.trim() ? t('roCompletion', { percent: row.completion.trim() }) : t('roNoCompletion')}
                    {row.problem.trim() && ` · ${t('roProblem', { text: row.problem.trim() })}`}
                  </span>
                  {aside?.(`lastWeekSummary.${i}`, row.item)}
                </li>
              ))}
            </ol>
          </ReadOnlyPart>
          <ReadOnlyPart label={t('nextWeekPlan')} empty={state.nextWeekPlan.length === 0}>
            <ol className={listClass}>
              {state.nextWeekPlan.map((row, i) => (
                <li key={i}>
                  {row.priority}
                  {row.support.trim() && <span className={metaClass}>{t('roSupport', { text: row.support.trim() })}</span>}
                  {aside?.(`nextWeekPlan.${i}`, row.priority)}
                </li>
              ))}
            </ol>
          </ReadOnlyPart>
          <ReadOnlyPart label={t('keyAccountVisits')} empty={state.keyAccountVisits.length === 0}>
            <ol className={listClass}>
              {state.keyAccountVisits.map((row, i) => (
                <li key={i}>
                  <span className="block font-medium">{dealer(row.dealerId)}</span>
                  <span className={metaClass}>{formatDay(row.day, locale, 'short')}</span>
                  {row.purpose.trim() && <span className={metaClass}>{t('roPurpose', { text: row.purpose.trim() })}</span>}
                  {row.outcome.trim() && <span className={metaClass}>{t('roOutcome', { text: row.outcome.trim() })}</span>}
                  {aside?.(`keyAccountVisits.${i}`, `${dealer(row.dealerId)} ${row.purpose}`.trim())}
                </li>
              ))}
            </ol>
          </ReadOnlyPart>
          <ReadOnlyPart label={t('gradeChanges')} empty={state.gradeChanges.length === 0}>
            <ol className={listClass}>
              {state.gradeChanges.map((row, i) => (
                <li key={i}>
                  <span className="inline-block">{dealer(row.dealerId)}</span>
                  <span className="whitespace-nowrap">
                    {' '}
                    {row.from || t('roGradeNew')} → {row.to}
                  </span>
                  {aside?.(`gradeChanges.${i}`, `${dealer(row.dealerId)} ${row.from ?? ''} → ${row.to}`)}
                </li>
              ))}
            </ol>
          </ReadOnlyPart>
          {state.lateReason.trim() && (
            <ReadOnlyPart label={t('lateReason')} empty={false}>
              <p className="m-0 text-base break-words whitespace-pre-wrap">{state.lateReason}</p>
            </ReadOnlyPart>
          )}
        </>
      )}
      {state.kind === 'monthly' && (
        <>
          <ReadOnlyLines label={t('results')} field="results" lines={state.results} aside={aside} />
          <ReadOnlyLines label={t('monthProblems')} field="problems" lines={state.problems} aside={aside} />
          <ReadOnlyLines label={t('nextMonthPlan')} field="nextMonthPlan" lines={state.nextMonthPlan} aside={aside} />
          {state.localProposal.trim() && (
            <ReadOnlyPart label={t('localProposal')} empty={false}>
              <p className="m-0 text-base break-words whitespace-pre-wrap">{state.localProposal}</p>
            </ReadOnlyPart>
          )}
        </>
      )}
      {state.kind === 'inspection' && (
        <>
          <ReadOnlyLines label={t('learned')} field="learned" lines={state.learned} aside={aside} />
          <ReadOnlyLines label={t('handled')} field="handled" lines={state.handled} aside={aside} />
          <ReadOnlyLines label={t('guided')} field="guided" lines={state.guided} aside={aside} />
        </>
      )}
    </div>
  );
}

