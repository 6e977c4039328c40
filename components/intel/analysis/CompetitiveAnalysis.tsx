/**
 * The competitive product analysis (竞争产品分析报告) for a chosen period — a month, a week, or a
 * range of days — as the Intel view's analysis tab: the report as every export says it
 * (lib/intel/analysis/document.ts, laid out by DocumentSections) and its exports (Markdown, the
 * print page for PDF, the workbook, the copy for chat), and "Post to HubSpot": one Report of kind
 * `competitorAnalysis` per author and period (lib/intel/analysis/post.ts), a CRM note on the next
 * sync. It reads the period's intel live, so an item saved or deleted meanwhile changes the report
 * at once; "as of" is the moment it was read.
 */
import { useId, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { differenceInCalendarDays, isValid, parseISO } from 'date-fns';
import { today } from '../../../lib/kernel/dates';
import { dealersByIds } from '../../../lib/dealers/queries';
import { composeCompetitiveAnalysis, type AnalysisPeriod, type AnalysisResolver } from '../../../lib/intel/analysis/compose';
import { documentOfAnalysis } from '../../../lib/intel/analysis/document';
import { postedAnalysis, saveAnalysisReport } from '../../../lib/intel/analysis/post';
import { competitorsByName, dictionaryProducts } from '../../../lib/intel/dictionary/queries';
import { createResolver } from '../../../lib/intel/dictionary/resolve';
import { readAnalysisItems } from '../../../lib/intel/analysis/read';
import { deviceTimeZone } from '../../../lib/reports/deadlines';
import { shownSections } from '../../../lib/reports/export/document';
import { periodOf } from '../../../lib/reports/periods';
import { profileNameFor } from '../../../lib/store/settings';
import { useDatabase, useQuery, useSetting } from '../../shell/database-context';
import { useLocale, useT } from '../../shell/locale';
import { DocumentSections } from '../../reports/DocumentView';
import { ExportMenu, type ExportMenuProps } from '../../reports/ExportMenu';
import { PeriodStepper } from '../../reports/PeriodStepper';
import { Button, DatePicker, FieldError, Notice, SegmentedControl, hintClass, labelClass } from '../../ui';
import { formatInstant } from '../../reports/period';
import { analysisWords } from '../../../lib/intel/analysis/words';
import { analysisMessages } from './messages';

type Mode = 'monthly' | 'weekly' | 'custom';
const MODES = ['monthly', 'weekly', 'custom'] as const satisfies readonly Mode[];

/** A custom range longer than this is refused: a year of intel is already a long read. */
export const MAX_CUSTOM_DAYS = 366;

const NO_ARGS = {};
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (value: string) => DAY.test(value) && isValid(parseISO(value));

export interface CompetitiveAnalysisProps {
  /** The period it opens on; this month by default. */
  initial?: { mode: Mode; from: string; to?: string };
  /** Canonical competitor and product names; by default the dictionary's (createResolver over its competitors and products). */
  resolver?: AnalysisResolver;
  /** How exports leave the page (tests pass their own); the browser's download and clipboard by default. */
  save?: ExportMenuProps['save'];
  copy?: ExportMenuProps['copy'];
}

export function CompetitiveAnalysis({ initial, resolver, save, copy }: CompetitiveAnalysisProps = {}) {
  const t = useT(analysisMessages);
  const w = useT(analysisWords);
  const locale = useLocale();
  const db = useDatabase();
  const headingId = useId();
  const fromId = useId();
  const toId = useId();
  const profile = useSetting('profile');
  // Canonical names from the dictionary (aliases, merges) unless the host passes its own resolver.
  const competitors = useQuery(competitorsByName, resolver ? undefined : NO_ARGS);
  const products = useQuery(dictionaryProducts, resolver ? undefined : NO_ARGS);
  const names = useMemo(() => resolver ?? (competitors && products ? createResolver(competitors, products) : undefined), [resolver, competitors, products]);
  const [mode, setMode] = useState<Mode>(initial?.mode ?? 'monthly');
  const [start, setStart] = useState(() => periodOf(initial?.mode === 'weekly' ? 'weekly' : 'monthly', initial?.from ?? today()).start);
  const [customFrom, setCustomFrom] = useState(initial?.mode === 'custom' ? initial.from : periodOf('monthly', today()).start);
  const [customTo, setCustomTo] = useState(initial?.mode === 'custom' && initial.to ? initial.to : today());

  // The period asked for, or why the custom range cannot be read.
  const chosen = useMemo((): { period: AnalysisPeriod } | { error: { from?: string; to?: string } } => {
    if (mode !== 'custom') {
      const period = periodOf(mode, start);
      return { period: { from: period.start, to: period.end } };
    }
    const error: { from?: string; to?: string } = {};
    if (!isDay(customFrom)) error.from = t('invalidDay');
    if (!isDay(customTo)) error.to = t('invalidDay');
    if (!error.from && !error.to) {
      const days = differenceInCalendarDays(parseISO(customTo), parseISO(customFrom)) + 1;
      if (days < 1) error.to = t('endsBeforeStart');
      else if (days > MAX_CUSTOM_DAYS) error.to = t('tooLong', { days: MAX_CUSTOM_DAYS });
    }
    return error.from || error.to ? { error } : { period: { from: customFrom, to: customTo } };
  }, [mode, start, customFrom, customTo, t]);
  const period = 'period' in chosen ? chosen.period : undefined;

  const read = useLiveQuery(async () => {
    if (!period) return undefined;
    const items = await readAnalysisItems(db, period);
    const dealerIds = [...new Set(items.flatMap((item) => [item.dealerId, ...(item.sightings ?? []).map((s) => s.dealerId)]).filter((id): id is string => Boolean(id)))].sort();
    const dealers = await dealersByIds.run(db, { ids: dealerIds });
    const posted = profile ? await postedAnalysis(db, profile.id, period) : undefined;
    return { period, items, dealers, posted, readAt: new Date() };
  }, [db, period?.from, period?.to, profile?.id]);

  const analysis = useMemo(() => {
    if (!read || !period || !names || read.period.from !== period.from || read.period.to !== period.to) return undefined;
    const dealerNames = new Map(read.dealers.map((d) => [d.id, d.name]));
    return composeCompetitiveAnalysis(read.items, {
      period,
      now: read.readAt,
      timeZone: deviceTimeZone(),
      dealerName: (id) => dealerNames.get(id),
      resolver: names,
    });
  }, [read, period, names]);
  const document = useMemo(
    () => (analysis ? documentOfAnalysis(analysis, { locale, ...(profile ? { preparedBy: profileNameFor(profile.name, locale) } : {}) }) : undefined),
    [analysis, locale, profile],
  );
  const [posting, setPosting] = useState(false);
  const [postError, setPostError] = useState(false);
  const posted = read?.posted;

  async function post() {
    if (!analysis || !document || !profile) return;
    setPosting(true);
    setPostError(false);
    try {
      await saveAnalysisReport(db, analysis, document, { id: profile.id, name: profile.name });
    } catch {
      setPostError(true);
    } finally {
      setPosting(false);
    }
  }

  const current = periodOf(mode === 'weekly' ? 'weekly' : 'monthly', today()).start;
  const monthly = mode === 'monthly';

  return (
    <section aria-labelledby={headingId} className="flex min-w-0 flex-col gap-3" data-testid="competitive-analysis">
      <h3 id={headingId} className="m-0 text-lg font-semibold">
        {w('title')}
      </h3>
      <div>
        <SegmentedControl
          label={t('periodKind')}
          options={MODES.map((m) => ({ value: m, label: t(`kind_${m}`) }))}
          value={mode}
          onChange={(next) => {
            setMode(next);
            if (next !== 'custom') setStart(periodOf(next, today()).start);
          }}
        />
      </div>
      {mode === 'custom' ? (
        <div className="flex flex-wrap gap-x-4 gap-y-2" data-testid="analysis-range">
          <div className="flex min-w-0 flex-col gap-1">
            <label htmlFor={fromId} className={labelClass}>
              {t('from')}
            </label>
            <DatePicker id={fromId} value={customFrom} onValueChange={setCustomFrom} aria-invalid={'error' in chosen && Boolean(chosen.error.from)} />
            <FieldError label={t('from')} message={'error' in chosen ? chosen.error.from : undefined} />
          </div>
          <div className="flex min-w-0 flex-col gap-1">
            <label htmlFor={toId} className={labelClass}>
              {t('to')}
            </label>
            <DatePicker id={toId} value={customTo} onValueChange={setCustomTo} aria-invalid={'error' in chosen && Boolean(chosen.error.to)} />
            <FieldError label={t('to')} message={'error' in chosen ? chosen.error.to : undefined} />
          </div>
        </div>
      ) : (
        <PeriodStepper
          kind={mode}
          start={start}
          current={current}
          labels={{ previous: t(monthly ? 'previousMonth' : 'previousWeek'), next: t(monthly ? 'nextMonth' : 'nextWeek') }}
          testId="analysis-period"
          onChange={setStart}
        />
      )}

      {!period ? null : !document ? (
        <p className={hintClass}>{t('loading')}</p>
      ) : (
        <>
          {/* One line per field that wraps as a whole: a long English label never squeezes its value into a sliver at 320 px. */}
          <dl className="m-0 flex flex-col gap-0.5 text-sm" data-testid="analysis-fields">
            {document.fields.map((field) => (
              <div key={field.label} className="flex min-w-0 flex-wrap gap-x-2">
                <dt className="text-muted">{field.label}</dt>
                <dd className="m-0 min-w-0 break-words">{field.value}</dd>
              </div>
            ))}
          </dl>
          {document.asOf && <p className={hintClass}>{document.asOf}</p>}
          <div role="group" aria-label={t('exportBar')} className="flex min-w-0 flex-col gap-2" data-testid="analysis-actions">
            <ExportMenu document={document} {...(save ? { save } : {})} {...(copy ? { copy } : {})} />
            {profile && (
              <div>
                <Button size="sm" variant="primary" disabled={posting} onClick={() => void post()}>
                  {posting ? t('posting') : posted ? t('postAgain') : t('post')}
                </Button>
              </div>
            )}
          </div>
          {postError && (
            <Notice tone="danger" role="alert">
              {t('postFailed')}
            </Notice>
          )}
          {posted?.postedAt && (
            <Notice tone="ok" role="status" data-testid="analysis-posted">
              {t('postedAt', { title: posted.title, time: formatInstant(posted.postedAt, locale) })}{' '}
              {posted.crm && posted.crm.syncedVersion >= posted.updatedAt ? t('postedSynced', { time: formatInstant(posted.crm.syncedAt, locale) }) : t('postedWaiting')}
            </Notice>
          )}
          <div className="min-w-0 break-words" data-testid="analysis-document">
            <DocumentSections document={document} sections={shownSections(document)} headingLevel={4} />
          </div>
        </>
      )}
    </section>
  );
}
