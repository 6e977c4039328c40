import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useT } from '../shell/locale';
import { sidePanelMessages } from '../pages/side-panel/messages';
import { useDatabase, useDealers, useSetting } from '../shell/database-context';
import { DiaryEditor } from './index';
import { listRecords } from '../../lib/store/records';
import { daysOfIsoWeek, isoWeekOf, monthOf, today } from '../../lib/kernel/dates';
import type { DiaryKind } from '../../lib/reports/diary-schema';
import { saveDiary } from '../../lib/reports/submit';

const KINDS = ['weekly', 'monthly', 'inspection'] as const satisfies readonly DiaryKind[];
type ReportKind = (typeof KINDS)[number];
const KIND_LABELS = { weekly: 'reportWeekly', monthly: 'reportMonthly', inspection: 'reportInspection' } as const;

/** The first day of the period a report of this kind covers, as of `day`. */
function periodStartOf(kind: ReportKind, day: string): string {
  if (kind === 'weekly') return daysOfIsoWeek(day)[0]!;
  if (kind === 'monthly') return `${monthOf(day)}-01`;
  return day;
}

/**
 * Weekly and monthly reports and market inspections, each prefilled from what the rep already
 * recorded: last period's plan, this period's key-account visits. One entry per period: opening
 * the section again continues the same report.
 */
export function ReportsView() {
  const t = useT(sidePanelMessages);
  const db = useDatabase();
  const profile = useSetting('profile');
  const dealers = useDealers();
  const [kind, setKind] = useState<ReportKind>('weekly');
  const day = today();
  const periodStart = periodStartOf(kind, day);
  const diaries = useLiveQuery(() => listRecords(db, 'diaryEntries'), [db]);
  const cards = useLiveQuery(() => listRecords(db, 'visitCards'), [db]);
  const dealersById = useMemo(() => Object.fromEntries((dealers ?? []).map((d) => [d.id, d.name])), [dealers]);
  if (!profile || !diaries || !cards || !dealers) return null;

  const ofKind = diaries.filter((d) => d.content.kind === kind).sort((a, b) => b.periodStart.localeCompare(a.periodStart));
  const entry = ofKind.find((d) => d.periodStart === periodStart);
  const previousEntry = ofKind.find((d) => d.periodStart < periodStart);
  const inPeriod = (visitDay: string) =>
    kind === 'weekly' ? isoWeekOf(visitDay) === isoWeekOf(day) : kind === 'monthly' ? monthOf(visitDay) === monthOf(day) : visitDay === day;
  const visitsOfPeriod = cards.filter((c) => inPeriod(c.visitDay));

  return (
    <div className="fk-stack">
      <h2>{t('reportsTitle')}</h2>
      <div role="group" aria-label={t('reportKind')} className="fk-row">
        {KINDS.map((k) => (
          <button key={k} type="button" className="fk-button" aria-pressed={kind === k} onClick={() => setKind(k)}>
            {t(KIND_LABELS[k])}
          </button>
        ))}
      </div>
      <p className="fk-muted" data-testid="report-period">
        {kind === 'weekly' ? t('periodWeek', { week: isoWeekOf(day), visits: visitsOfPeriod.length }) : kind === 'monthly' ? t('periodMonth', { month: monthOf(day), visits: visitsOfPeriod.length }) : t('periodDay', { day })}
      </p>
      <DiaryEditor
        key={`${kind}:${entry?.id ?? 'new'}`}
        kind={kind}
        periodStart={periodStart}
        entry={entry}
        previousEntry={previousEntry}
        visitsOfPeriod={visitsOfPeriod}
        dealersById={dealersById}
        onSave={(draft, { submit }) => saveDiary(db, draft, { submit, author: { id: profile.id, name: profile.name } })}
      />
    </div>
  );
}
