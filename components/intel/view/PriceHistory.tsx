import { useCallback, useEffect, useMemo, useRef, useState, type RefCallback } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useLocale, useT } from '../../shell/locale';
import { Cell, Field, selectClass, tableClass } from '../../ui';
import { intelFormMessages } from '../messages';
import { intelViewMessages } from './messages';
import { CompetitorSelect, PeriodControl, useCompetitorOptions } from './controls';
import { TIMELINE_SCAN } from './IntelTimeline';
import { useBrowse } from './use-browse';
import { productLabel, productOptions, type Period, type ViewResolver } from '../../../lib/intel/browse';
import { OWN_KEY, priceHistoryOf, type PriceHistory as History, type PriceKindName } from '../../../lib/intel/price-history';
import { formatDay, formatMoney } from '../../../lib/kernel/format';
import { unitLabel } from '../../../lib/kernel/units';
import type { Locale } from '../../../lib/kernel/i18n';

// Three hues far apart (accent red-orange, blue, green), so the lines differ by more than shade; the legend names each.
const COLOURS: Record<PriceKindName, string> = { retail: 'var(--color-accent)', wholesale: 'var(--color-info)', supply: 'var(--color-ok)' };
const OWN_LABEL = { retail: 'ownRetail', wholesale: 'ownWholesale', supply: 'ownSupply' } as const;

export interface PriceHistoryViewProps {
  resolver: ViewResolver;
  competitor: string;
  onCompetitorChange(key: string): void;
  period: Period;
  onPeriodChange(period: Period): void;
  from: string | undefined;
  /** Today, the end of the period. */
  today: string;
}

/** The prices tab: one competitor product's prices over the period as a chart, and as a table. */
export function PriceHistoryView({ resolver, competitor: competitorKey, onCompetitorChange, period, onPeriodChange, from, today }: PriceHistoryViewProps) {
  const t = useT(intelViewMessages);
  const competitors = useCompetitorOptions(resolver);
  // Until one is chosen, the first: the tab shows something at once.
  const competitor = competitors?.find((c) => c.key === competitorKey) ?? competitors?.[0];
  const page = useBrowse(competitor ? { competitor: competitor.key, competitorNames: competitor.names, ...(from ? { from } : {}) } : undefined, TIMELINE_SCAN, resolver);
  const products = useMemo(() => (page ? productOptions(page.items, resolver) : []), [page, resolver]);
  const [chosen, setChosen] = useState('');
  const product = products.find((p) => p.key === chosen) ?? products[0];
  const history = useMemo(() => (page && product ? priceHistoryOf(page.items, product.key, { resolver, ...(from ? { from } : {}) }) : undefined), [page, product, resolver, from]);

  if (!competitors) return null;
  return (
    <div className="flex flex-col gap-4">
      <PeriodControl value={period} onChange={onPeriodChange} />
      <div className="grid grid-cols-1 gap-3 min-[440px]:grid-cols-2">
        <CompetitorSelect
          options={competitors}
          value={competitor?.key ?? ''}
          onChange={(key) => {
            setChosen('');
            onCompetitorChange(key);
          }}
        />
        <Field label={t('product')}>
          {(control) => (
            <select {...control} className={selectClass} value={product?.key ?? ''} disabled={products.length === 0} onChange={(e) => setChosen(e.target.value)}>
              {products.length === 0 && <option value="">{t('chooseProduct')}</option>}
              {products.map((p) => (
                <option key={p.key} value={p.key}>
                  {productLabel(p)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {competitor && page && products.length === 0 && <p className="m-0 text-sm text-muted">{t('noProducts', { name: competitor.name })}</p>}
      {history && product && <PriceChartSection history={history} productName={productLabel(product)} from={from} today={today} />}
    </div>
  );
}

/** The width of an element as it lays out (0 until measured, and where nothing lays out, as in jsdom). */
function useWidth(): [RefCallback<HTMLElement>, number] {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | undefined>(undefined);
  const ref = useCallback((element: HTMLElement | null) => {
    observer.current?.disconnect();
    if (!element) return;
    setWidth(element.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    observer.current = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.current.observe(element);
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, width];
}

const msOf = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Up to `count` days spread over the points, first and last included: the x axis's ticks. */
function ticksOf(days: string[], count: number): number[] {
  if (days.length <= count) return days.map(msOf);
  const step = (days.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => msOf(days[Math.round(i * step)]!));
}

function PriceChartSection({ history, productName, from, today }: { history: History; productName: string; from: string | undefined; today: string }) {
  const t = useT(intelViewMessages);
  const tf = useT(intelFormMessages);
  const locale = useLocale();
  const [ref, width] = useWidth();
  const { points, kinds, ownKinds, basis } = history;
  const money = (amount: number | undefined) => (amount === undefined ? '—' : formatMoney(amount, basis.currency, locale));
  const priced = points.filter((p) => p.observed > 0);
  const per = basis.unit.includes('/') ? basis.unit.slice(basis.unit.lastIndexOf('/') + 1).trim() : basis.unit.trim();
  const first = priced[0]?.day ?? from ?? today;
  const last = priced[priced.length - 1]?.day ?? today;
  const data = points.map((p) => ({ ...p, t: msOf(p.day) }));
  const names: Record<string, string> = Object.fromEntries([...kinds.map((k) => [k, tf(k)]), ...ownKinds.map((k) => [OWN_KEY[k], t(OWN_LABEL[k])])]);

  return (
    <section aria-labelledby="intel-price-title" className="flex min-w-0 flex-col gap-2" data-testid="price-history">
      <h3 id="intel-price-title" className="m-0 text-base font-semibold [overflow-wrap:anywhere]">
        {t('chartTitle', { product: productName })}
      </h3>
      {priced.length === 0 ? (
        <p className="m-0 text-sm text-muted">{t('noPrices')}</p>
      ) : (
        <>
          {per && <p className="m-0 text-xs text-muted">{t('basis', { unit: unitLabel(per, locale) })}</p>}
          <div ref={ref} className="w-full min-w-0" role="img" aria-label={t('chartLabel', { product: productName, count: priced.length, from: formatDay(first, locale, 'date'), to: formatDay(last, locale, 'date') })}>
            {width > 0 && (
              <LineChart width={width} height={240} data={data} margin={{ top: 8, right: 28, bottom: 0, left: 0 }} accessibilityLayer={false}>
                <CartesianGrid stroke="var(--color-line)" strokeDasharray="3 3" vertical={false} />
                <XAxis
                  dataKey="t"
                  type="number"
                  domain={['dataMin', 'dataMax']}
                  ticks={ticksOf(
                    points.map((p) => p.day),
                    width < 400 ? 3 : 5,
                  )}
                  tickFormatter={(ms: number) => formatDay(dayOf(ms), locale, 'short')}
                  tick={{ fontSize: 11, fill: 'var(--color-muted)' }}
                  stroke="var(--color-line-strong)"
                  padding={{ left: 12, right: 12 }}
                />
                <YAxis
                  domain={['auto', 'auto']}
                  tickFormatter={(amount: number) => formatMoney(amount, basis.currency, locale)}
                  tick={{ fontSize: 11, fill: 'var(--color-muted)' }}
                  stroke="var(--color-line-strong)"
                  width={56}
                />
                <Tooltip
                  labelFormatter={(ms) => formatDay(dayOf(Number(ms)), locale)}
                  formatter={(value, name) => [money(Number(value)), names[String(name)] ?? String(name)]}
                  contentStyle={{ fontSize: 12, background: 'var(--color-surface)', border: '1px solid var(--color-line)', borderRadius: 6 }}
                />
                {kinds.map((kind) => (
                  <Line key={kind} dataKey={kind} name={kind} type="linear" stroke={COLOURS[kind]} strokeWidth={2} dot={{ r: 3, fill: COLOURS[kind] }} connectNulls isAnimationActive={false} />
                ))}
                {ownKinds.map((kind) => (
                  <Line key={OWN_KEY[kind]} dataKey={OWN_KEY[kind]} name={OWN_KEY[kind]} type="stepAfter" stroke={COLOURS[kind]} strokeWidth={2} strokeDasharray="6 4" dot={false} connectNulls isAnimationActive={false} />
                ))}
              </LineChart>
            )}
          </div>
          {/* The legend in our own markup: in the lines' order, wrapping as words do at 320 px. */}
          <ul className="m-0 flex list-none flex-wrap gap-x-4 gap-y-1 p-0 text-xs" data-testid="price-legend">
            {[...kinds.map((kind) => ({ kind, own: false })), ...ownKinds.map((kind) => ({ kind, own: true }))].map(({ kind, own }) => (
              <li key={`${kind}${own ? '-own' : ''}`} className="flex items-center gap-1.5 whitespace-nowrap">
                <svg width="22" height="8" aria-hidden="true" className="shrink-0">
                  <line x1="1" y1="4" x2="21" y2="4" stroke={COLOURS[kind]} strokeWidth="2" strokeDasharray={own ? '5 3' : undefined} />
                  {!own && <circle cx="11" cy="4" r="3" fill={COLOURS[kind]} />}
                </svg>
                {own ? t(OWN_LABEL[kind]) : tf(kind)}
              </li>
            ))}
          </ul>
          {history.excluded > 0 && <p className="m-0 text-xs text-muted">{t('excluded', { count: history.excluded })}</p>}
          <p className="m-0 text-xs text-muted">{history.ownProductName ? t('ownProduct', { name: history.ownProductName }) : t('ownUnknown')}</p>
          <PriceTable history={history} money={money} locale={locale} names={names} />
        </>
      )}
    </section>
  );
}

/** The chart's numbers for anyone who cannot see it: a day per row, a column per line. */
function PriceTable({ history, money, locale, names }: { history: History; money: (amount: number | undefined) => string; locale: Locale; names: Record<string, string> }) {
  const t = useT(intelViewMessages);
  const columns = [...history.kinds, ...history.ownKinds.map((k) => OWN_KEY[k])];
  return (
    <details className="text-sm" data-testid="price-table">
      <summary className="cursor-pointer text-accent underline-offset-2 hover:underline">{t('asTable')}</summary>
      <div className="mt-2 overflow-x-auto">
        <table className={tableClass}>
          {/* Headers may wrap ("Wholesale / price"): at 320 px the numbers, not the words, need the width. */}
          <thead>
            <tr>
              {[t('day'), ...columns.map((c) => names[c])].map((label, i) => (
                <th key={i} scope="col" className={`border-b border-line px-1.5 py-1 align-bottom text-xs font-semibold text-muted ${i === 0 ? 'text-left' : 'text-right'}`}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...history.points].reverse().map((point) => (
              <tr key={point.day}>
                <Cell className="whitespace-nowrap">
                  <time dateTime={point.day}>{formatDay(point.day, locale, 'date')}</time>
                </Cell>
                {columns.map((c) => (
                  <Cell key={c} className="text-right whitespace-nowrap">
                    {money(point[c])}
                  </Cell>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
