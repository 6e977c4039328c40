import { useId, useState, type ReactNode } from 'react';
import { ArrowDownRight, ArrowRight, ArrowUpRight, ChevronDown, ClipboardPen, PanelRight, Radar, RefreshCw, TriangleAlert, Upload } from 'lucide-react';
import { Line, LineChart } from 'recharts';
import { useLocale, useT } from '../shell/locale';
import { Badge, Button, Notice, cn } from '../ui';
import { panelMessages } from './panel-messages';
import { FIGURE_LABELS, sourceText } from '../../lib/dealers/kind';
import type { DealerPanelModel, PanelInput, PanelKpi, PanelWarning } from '../../lib/dealers/panel';
import type { InputSource, MissingInput } from '../../lib/dealers/kpi-inputs';
import type { Locale } from '../../lib/kernel/i18n';
import { formatDay, formatMonth, formatMoney, formatNumber, formatRelativeTime } from '../../lib/kernel/format';
import { formatQuantity } from '../../lib/kernel/units';
import { formatWithUnit } from '../../lib/rules/units';

type T = ReturnType<typeof useT<keyof (typeof panelMessages)['en']>>;

export interface DealerPanelActions {
  logVisit?(): void;
  logIntel?(): void;
  openInPanel?(): void;
  importData?(): void;
}

export interface DealerPanelProps {
  model: DealerPanelModel;
  /** The last pull from HubSpot: an instant, null when never; absent when the host does not know. */
  syncedAt?: string | null;
  /** The data may be out of date (the host decides how old is too old). */
  stale?: boolean;
  onRefresh?(): Promise<void> | void;
  actions?: DealerPanelActions;
  /** The heading level of the panel's title (2 in the side panel, 2 on HubSpot). */
  headingLevel?: 2 | 3;
}

/**
 * A dealer's KPI panel: score and grade with the rule-set version and month; every KPI with value,
 * target, trend (last month, last year, 12 months) and, on click, how it is scored and where each
 * input comes from; the warnings; the latest visits and intel; quick actions. Renders a view-model
 * (lib/dealers/panel.ts) and nothing else: mountable in the side panel or a shadow root on HubSpot.
 */
export function DealerPanel({ model, syncedAt, stale, onRefresh, actions = {}, headingLevel = 2 }: DealerPanelProps) {
  const t = useT(panelMessages);
  const locale = useLocale();
  const Heading = `h${headingLevel}` as 'h2';
  const Sub = `h${headingLevel + 1}` as 'h3';
  const [refreshing, setRefreshing] = useState(false);
  const { score } = model;
  const words = (text: { en: string; 'zh-CN': string }) => text[locale];

  const refresh = async () => {
    if (!onRefresh) return;
    setRefreshing(true);
    try {
      await onRefresh();
    } finally {
      setRefreshing(false);
    }
  };

  return (
    <section aria-label={t('panelTitle', { name: model.dealer.name })} className="flex min-w-0 flex-col gap-4" data-testid="dealer-panel">
      <header className="flex flex-col gap-1">
        <Heading className="m-0 text-lg font-semibold break-words">{model.dealer.name}</Heading>
        <p className="m-0 text-xs text-muted">
          {[...new Set([model.dealer.city, model.dealer.region].filter(Boolean))].join(' · ')}
          {(model.dealer.city || model.dealer.region) && ' · '}
          {t('periodLine', { month: formatMonth(model.period, locale), ruleSet: words(model.ruleSet.name), version: model.ruleSet.version })}
        </p>
      </header>

      {(stale || syncedAt === null) && (
        <Notice tone="warn" role="status">
          <span className="flex flex-wrap items-center justify-between gap-2">
            <span>{syncedAt ? t('stale', { time: formatRelativeTime(syncedAt, locale) }) : t('neverSynced')}</span>
            {onRefresh && (
              <Button size="sm" onClick={() => void refresh()} disabled={refreshing} aria-busy={refreshing || undefined}>
                <RefreshCw aria-hidden="true" className={cn('size-3.5', refreshing && 'animate-spin')} />
                {refreshing ? t('refreshing') : t('refresh')}
              </Button>
            )}
          </span>
        </Notice>
      )}

      <div className="flex flex-wrap items-end justify-between gap-3 rounded-lg border border-line bg-surface p-3" data-testid="panel-score">
        <div className="flex min-w-0 flex-col gap-1">
          <span className="text-xs text-muted">{t('score')}</span>
          {score.total !== null ? (
            <span className="flex flex-wrap items-baseline gap-2">
              <span className="text-2xl font-semibold tabular-nums">{formatNumber(score.total, locale, { maximumFractionDigits: 1 })}</span>
              {score.grade && <Badge tone="accent">{score.gradeLabel ? words(score.gradeLabel) : t('grade', { grade: score.grade })}</Badge>}
              <Delta value={score.total} previous={score.previous} better="higher" unit={undefined} label={t('vsLastMonth')} />
            </span>
          ) : (
            <span className="text-sm">{t('partialScore', { known: formatNumber(score.knownTotal, locale, { maximumFractionDigits: 1 }) })}</span>
          )}
          {score.gradeNote && score.total !== null && <span className="text-xs text-muted">{words(score.gradeNote)}</span>}
          {score.partial && <span className="text-xs text-muted">{t('partialHint')}</span>}
        </div>
        <Sparkline label={t('trendOf', { label: t('score') })} values={score.series.map((s) => s.total)} />
      </div>

      <section aria-labelledby={`${model.dealer.id}-kpis`} className="flex flex-col gap-2">
        <Sub id={`${model.dealer.id}-kpis`} className="m-0 text-base font-semibold">
          {t('kpisTitle')}
        </Sub>
        <ul className="m-0 flex list-none flex-col divide-y divide-line rounded-lg border border-line bg-surface p-0">
          {model.kpis.map((kpi) => (
            <KpiRow key={kpi.id} kpi={kpi} t={t} locale={locale} onImport={actions.importData} />
          ))}
        </ul>
      </section>

      <Warnings warnings={model.warnings} t={t} locale={locale} Sub={Sub} id={`${model.dealer.id}-warnings`} />

      <section aria-labelledby={`${model.dealer.id}-visits`} className="flex flex-col gap-2">
        <Sub id={`${model.dealer.id}-visits`} className="m-0 text-base font-semibold">
          {t('visitsTitle')}
        </Sub>
        {model.visits.length === 0 ? (
          <p className="m-0 text-sm text-muted">{t('noVisits')}</p>
        ) : (
          <ul className="m-0 flex list-none flex-col gap-1.5 p-0 text-sm" data-testid="panel-visits">
            {model.visits.map((visit) => (
              <li key={visit.id} className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-medium whitespace-nowrap">{formatDay(visit.day, locale, 'short')}</span>
                <span className="text-muted">
                  {t('visitLine', {
                    author: visit.author,
                    order: visit.orderQuantity !== undefined ? t('ordered', { quantity: formatQuantity(visit.orderQuantity, visit.unit, locale) }) : '',
                    inventory: visit.currentInventory !== undefined ? t('inventory', { quantity: formatQuantity(visit.currentInventory, visit.unit, locale) }) : '',
                  })}
                </span>
                {visit.keyAccount && <Badge>{t('keyAccount')}</Badge>}
                {visit.skusNotCarried > 0 && <Badge tone="warn">{t('notCarried', { count: visit.skusNotCarried })}</Badge>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby={`${model.dealer.id}-intel`} className="flex flex-col gap-2">
        <Sub id={`${model.dealer.id}-intel`} className="m-0 text-base font-semibold">
          {t('intelTitle')}
        </Sub>
        {model.intel.length === 0 ? (
          <p className="m-0 text-sm text-muted">{t('noIntel')}</p>
        ) : (
          <ul className="m-0 flex list-none flex-col gap-1.5 p-0 text-sm" data-testid="panel-intel">
            {model.intel.map((item) => (
              <li key={item.id} className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-medium whitespace-nowrap">{formatDay(item.day, locale, 'short')}</span>
                <span className="min-w-0 break-words">{[item.competitor, item.product].filter(Boolean).join(' · ')}</span>
                {item.price && <span className="text-muted tabular-nums">{formatMoney(item.price.amount, item.price.currency, locale)}</span>}
                {item.promotion && <span className="w-full text-xs text-muted">{item.promotion}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      {(actions.logVisit || actions.logIntel || actions.openInPanel) && (
        <div className="flex flex-wrap gap-2">
          {actions.logVisit && (
            <Button size="sm" variant="primary" onClick={actions.logVisit}>
              <ClipboardPen aria-hidden="true" className="size-3.5" />
              {t('logVisit')}
            </Button>
          )}
          {actions.logIntel && (
            <Button size="sm" onClick={actions.logIntel}>
              <Radar aria-hidden="true" className="size-3.5" />
              {t('logIntel')}
            </Button>
          )}
          {actions.openInPanel && (
            <Button size="sm" onClick={actions.openInPanel}>
              <PanelRight aria-hidden="true" className="size-3.5" />
              {t('openInPanel')}
            </Button>
          )}
        </div>
      )}
      <p className="m-0 text-xs text-muted">{t('computedAt', { time: formatTime(model.computedAt, locale) })}</p>
    </section>
  );
}

function KpiRow({ kpi, t, locale, onImport }: { kpi: PanelKpi; t: T; locale: Locale; onImport?: () => void }) {
  const [open, setOpen] = useState(false);
  const detailId = useId();
  const label = kpi.label[locale];
  const missing = kpi.inputs.filter((input) => input.missing);
  return (
    <li className="flex flex-col" data-testid={`kpi-${kpi.id}`}>
      <div className={cn('relative flex items-center gap-3 px-3 py-2.5 hover:bg-soft has-[button:focus-visible]:outline-2 has-[button:focus-visible]:-outline-offset-2 has-[button:focus-visible]:outline-focus', open && 'bg-soft')}>
        <div className="flex min-w-0 flex-1 flex-col gap-0.5">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={open ? detailId : undefined}
            onClick={() => setOpen(!open)}
            className="cursor-pointer text-left text-sm font-semibold break-words text-ink outline-none after:absolute after:inset-0 after:content-['']"
          >
            {label}
          </button>
          {kpi.value !== null ? (
            <span className="flex flex-wrap items-baseline gap-x-2 text-xs text-muted">
              <span className="text-base font-semibold text-ink tabular-nums">{formatWithUnit(kpi.value, kpi.unit)[locale]}</span>
              {kpi.target !== null && <span className="whitespace-nowrap">{t('target', { target: formatWithUnit(kpi.target, kpi.unit)[locale] })}</span>}
              <Delta value={kpi.value} previous={kpi.previous} better={kpi.better} unit={kpi.unit} label={t('vsLastMonth')} />
            </span>
          ) : (
            <span className="text-xs text-warn">{t('notComputable')}</span>
          )}
        </div>
        <Sparkline label={t('trendOf', { label })} values={kpi.series.map((s) => s.value)} />
        <ChevronDown aria-hidden="true" className={cn('size-4 shrink-0 text-muted transition-transform', open && 'rotate-180')} />
      </div>
      {kpi.value === null && missing.length > 0 && !open && (
        <p className="m-0 px-3 pb-2.5 text-xs text-muted">
          {t('missingLine', { what: missing.map((input) => t('missingInput', { input: input.label[locale], what: missingText(input.missing!, t, locale) })).join(t('listSeparator')) })}
        </p>
      )}
      {open && (
        <div id={detailId} role="region" aria-label={t('explain', { label })} className="flex flex-col gap-2 border-t border-line px-3 py-2.5 text-sm">
          {kpi.explanation.explanation && <p className="m-0">{kpi.explanation.explanation[locale]}</p>}
          <dl className="m-0 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
            <dt className="text-muted">{t('vsLastMonth')}</dt>
            <dd className="m-0 tabular-nums">{kpi.previous !== null ? formatWithUnit(kpi.previous, kpi.unit)[locale] : t('noComparison')}</dd>
            <dt className="text-muted">{t('vsLastYear')}</dt>
            <dd className="m-0 tabular-nums">{kpi.lastYear !== null ? formatWithUnit(kpi.lastYear, kpi.unit)[locale] : t('noComparison')}</dd>
          </dl>
          <h4 className="m-0 text-xs font-semibold text-muted">{t('sourcesTitle')}</h4>
          <ul className="m-0 flex list-none flex-col gap-1 p-0 text-xs">
            {kpi.inputs.map((input) => (
              <InputLine key={input.name} input={input} t={t} locale={locale} />
            ))}
          </ul>
          {missing.length > 0 && onImport && (
            <div>
              <Button size="sm" onClick={onImport}>
                <Upload aria-hidden="true" className="size-3.5" />
                {t('importData')}
              </Button>
            </div>
          )}
        </div>
      )}
    </li>
  );
}

/** An input's value in words: a series reads oldest to newest with arrows. */
function valueText(input: PanelInput, locale: Locale): string | undefined {
  if (input.value === undefined) return undefined;
  return Array.isArray(input.value) ? input.value.map((v) => formatWithUnit(v, input.unit)[locale]).join(' → ') : formatWithUnit(input.value, input.unit)[locale];
}

function InputLine({ input, t, locale }: { input: PanelInput; t: T; locale: Locale }) {
  const value = valueText(input, locale);
  return (
    <li className="flex flex-col" data-testid={`input-${input.name}`}>
      <span className="font-medium">{value !== undefined ? t('valueOf', { label: input.label[locale], value }) : input.label[locale]}</span>
      <span className={cn('text-muted', input.missing && 'text-warn')}>
        {input.source ? sourceWords(input.source, t, locale) : input.missing ? t('missingLine', { what: missingText(input.missing, t, locale) }) : null}
      </span>
    </li>
  );
}

function Warnings({ warnings, t, locale, Sub, id }: { warnings: PanelWarning[]; t: T; locale: Locale; Sub: 'h3'; id: string }) {
  const raised = warnings.filter((w) => w.raised);
  const unknown = warnings.filter((w) => !w.raised && w.missing.length > 0);
  return (
    <section aria-labelledby={id} className="flex flex-col gap-2" data-testid="panel-warnings">
      <Sub id={id} className="m-0 text-base font-semibold">
        {t('warningsTitle')}
      </Sub>
      {raised.length === 0 && <p className="m-0 text-sm text-muted">{t('noWarnings')}</p>}
      {raised.map((warning) => (
        <Notice key={warning.id} tone="danger">
          <span className="flex flex-col gap-0.5">
            <span className="font-semibold">{warning.label[locale]}</span>
            {warning.inputs.map((input) => (
              <span key={input.name} className="text-xs">
                {t('valueOf', { label: input.label[locale], value: valueText(input, locale) ?? '' })}
              </span>
            ))}
          </span>
        </Notice>
      ))}
      {unknown.map((warning) => (
        <p key={warning.id} className="m-0 flex items-start gap-1.5 text-xs text-muted">
          <TriangleAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
          <span>
            <span className="font-medium text-ink">{warning.label[locale]}</span>
            {locale === 'zh-CN' ? '：' : ': '}
            {t('warningUnknown', { inputs: warning.missing.map((input) => input.label[locale]).join(locale === 'zh-CN' ? '、' : ', ') })}
          </span>
        </p>
      ))}
    </section>
  );
}

/** The change against a comparison value, coloured by which way is better. */
function Delta({ value, previous, better, unit, label }: { value: number; previous: number | null; better?: 'higher' | 'lower'; unit: string | undefined; label: string }) {
  const locale = useLocale();
  const t = useT(panelMessages);
  if (previous === null) return null;
  const change = value - previous;
  const Icon = change > 0 ? ArrowUpRight : change < 0 ? ArrowDownRight : ArrowRight;
  const good = better === undefined || change === 0 ? undefined : (change > 0) === (better === 'higher');
  // A rate's change is in percentage points, not percent.
  const magnitude =
    unit === 'percent'
      ? t('percentPoints', { points: formatNumber(Math.abs(change) * 100, locale, { maximumFractionDigits: 1 }) })
      : unit
        ? formatWithUnit(Math.abs(change), unit)[locale]
        : formatNumber(Math.abs(change), locale, { maximumFractionDigits: 1 });
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  return (
    <span className={cn('inline-flex items-center gap-0.5 text-xs whitespace-nowrap tabular-nums', good === true && 'text-ok', good === false && 'text-danger', good === undefined && 'text-muted')}>
      <Icon aria-hidden="true" className="size-3.5" />
      {`${sign}${magnitude} ${label}`}
    </span>
  );
}

/** A 12-month line, too small for axes: the shape of the trend (gaps where a month is missing). */
function Sparkline({ values, label }: { values: (number | null)[]; label: string }): ReactNode {
  if (values.filter((v) => v !== null).length < 2) return null;
  return (
    <span role="img" aria-label={label} className="shrink-0 text-accent">
      <LineChart width={72} height={28} data={values.map((value, i) => ({ i, value }))} margin={{ top: 3, right: 2, bottom: 3, left: 2 }}>
        <Line type="monotone" dataKey="value" stroke="currentColor" strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </span>
  );
}

/** A time of day, with the day when it is not today: "10:32" / "11月28日 10:32". */
function formatTime(iso: string, locale: Locale): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', ...(sameDay ? {} : { month: 'short', day: 'numeric' }) }).format(at);
}

function sourceWords(source: InputSource, t: T, locale: Locale): string {
  const figureName = (figure: string) => (figure in FIGURE_LABELS ? FIGURE_LABELS[figure as keyof typeof FIGURE_LABELS][locale] : t(`fig_${figure as 'inventoryCover' | 'achievement'}`));
  switch (source.kind) {
    case 'figure':
      return t('src_figure', { figure: figureName(source.figure), month: formatMonth(source.period, locale), source: sourceText(source.source, locale), at: formatDay(source.source.at.slice(0, 10), locale, 'date') });
    case 'figures':
      return t('src_figures', { figure: figureName(source.figure), months: source.months, from: formatMonth(source.from, locale), to: formatMonth(source.to, locale) });
    case 'terminals':
      return t('src_terminals', { count: source.count });
    case 'visits':
      return t('src_visits', { cards: source.cards, from: formatDay(source.from, locale, 'date'), to: formatDay(source.to, locale, 'date') });
    case 'visitCard':
      return t('src_visitCard', { day: formatDay(source.day, locale, 'date') });
    case 'dealerFile':
      return t('src_dealerFile');
  }
}

function missingText(missing: MissingInput, t: T, locale: Locale): string {
  switch (missing.need) {
    case 'terminalList':
      return t('miss_terminalList');
    case 'figure':
      return t('miss_figure', { figure: FIGURE_LABELS[missing.figure][locale], month: formatMonth(missing.period, locale) });
    case 'figureMonths':
      return t('miss_figureMonths', { figure: FIGURE_LABELS[missing.figure][locale], months: missing.months, month: formatMonth(missing.period, locale) });
    case 'visits':
      return t('miss_visits', { month: formatMonth(missing.period, locale) });
  }
}
