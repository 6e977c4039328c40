import { useMemo, useState } from 'react';
import { useLocale, useT } from '../../shell/locale';
import { useDealerNames } from '../../shell/database-context';
import { SegmentedControl, ShowMore } from '../../ui';
import { intelFormMessages } from '../messages';
import { intelViewMessages } from './messages';
import { CompetitorSelect, PeriodControl, useCompetitorOptions } from './controls';
import { PromotionFrequencyList } from './PromotionFrequency';
import { useBrowse } from './use-browse';
import { productLabel, timelineOf, type Period, type ViewResolver } from '../../../lib/intel/browse';
import { formatDay, formatWeek } from '../../../lib/kernel/format';
import { formatUnitPrice } from '../../../lib/kernel/units';
import { PAGE_SIZE } from '../../../lib/store/query';

/** The most of one competitor's items the timeline reads for a period. */
export const TIMELINE_SCAN = 2000;

export interface IntelTimelineProps {
  resolver: ViewResolver;
  competitor: string;
  onCompetitorChange(key: string): void;
  period: Period;
  onPeriodChange(period: Period): void;
  /** The first day of the period (undefined: all time). */
  from: string | undefined;
}

/**
 * The timeline tab: how often each competitor ran promotions in the period, then one
 * competitor's observations (prices and promotions, later sightings included) newest first,
 * grouped by day or by week.
 */
export function IntelTimeline({ resolver, competitor: competitorKey, onCompetitorChange, period, onPeriodChange, from }: IntelTimelineProps) {
  const t = useT(intelViewMessages);
  const tf = useT(intelFormMessages);
  const locale = useLocale();
  const [by, setBy] = useState<'day' | 'week'>('day');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const competitors = useCompetitorOptions(resolver);
  // Until one is chosen, the first: the tab shows something at once.
  const competitor = competitors?.find((c) => c.key === competitorKey) ?? competitors?.[0];
  const page = useBrowse(competitor ? { competitor: competitor.key, competitorNames: competitor.names, ...(from ? { from } : {}) } : undefined, TIMELINE_SCAN, resolver);
  const groups = useMemo(() => (page ? timelineOf(page.items, by, { ...(from ? { from } : {}) }) : []), [page, by, from]);
  const dealerNames = useDealerNames(groups.flatMap((g) => g.observations.flatMap((o) => (o.dealerId ? [o.dealerId] : []))));

  // A page of observations, whole groups only (a day is never cut in half).
  const shown: typeof groups = [];
  let count = 0;
  for (const group of groups) {
    if (count >= limit) break;
    shown.push(group);
    count += group.observations.length;
  }
  const total = groups.reduce((sum, g) => sum + g.observations.length, 0);

  if (!competitors) return null;
  return (
    <div className="flex flex-col gap-4">
      <PeriodControl value={period} onChange={onPeriodChange} />
      <PromotionFrequencyList resolver={resolver} from={from} selected={competitor?.key} onSelect={onCompetitorChange} />
      <section className="flex flex-col gap-3">
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-0 flex-1 basis-40">
            <CompetitorSelect options={competitors} value={competitor?.key ?? ''} onChange={onCompetitorChange} />
          </div>
          <SegmentedControl
            label={t('groupBy')}
            options={[
              { value: 'day', label: t('byDay') },
              { value: 'week', label: t('byWeek') },
            ]}
            value={by}
            onChange={setBy}
          />
        </div>
        {!competitor ? (
          <p className="m-0 text-sm text-muted">{t('chooseCompetitorHint')}</p>
        ) : (
          <>
            <h3 id="intel-timeline-title" className="m-0 text-base font-semibold">
              {t('timelineOf', { name: competitor.name })}
              {page && total > 0 && <span className="ml-2 text-sm font-normal text-muted">{t('observations', { count: total })}</span>}
            </h3>
            {page && groups.length === 0 && <p className="m-0 text-sm text-muted">{t('timelineEmpty', { name: competitor.name })}</p>}
            <ol className="m-0 flex list-none flex-col gap-3 p-0" aria-labelledby="intel-timeline-title" data-testid="intel-timeline">
              {shown.map((group) => (
                <li key={group.key} className="flex flex-col gap-1.5">
                  <h4 className="m-0 border-b border-line pb-1 text-sm font-semibold">
                    {by === 'day' ? <time dateTime={group.key}>{formatDay(group.key, locale)}</time> : formatWeek(group.key, locale)}
                  </h4>
                  <ul className="m-0 flex list-none flex-col gap-2 p-0">
                    {group.observations.map((o) => {
                      const product = resolver.productOf(o.item);
                      const where = [o.dealerId ? dealerNames?.[o.dealerId] : undefined, o.region].filter(Boolean).join(' · ');
                      return (
                        <li key={`${o.item.id}:${o.sighting ?? ''}`} className="flex min-w-0 flex-col gap-0.5 rounded-md bg-soft px-2.5 py-2 text-sm">
                          <span className="flex min-w-0 flex-wrap items-baseline justify-between gap-x-2">
                            <span className="min-w-0 font-medium [overflow-wrap:anywhere]">{productLabel(product) || competitor.name}</span>
                            {by === 'week' && <span className="shrink-0 text-xs text-muted">{formatDay(o.day, locale, 'short')}</span>}
                          </span>
                          <span className="flex flex-wrap gap-x-3 tabular-nums">
                            {o.prices.length === 0 ? (
                              <span className="text-muted">{t('noPrice')}</span>
                            ) : (
                              o.prices.map((p, i) => <span key={i}>{tf('priceLine', { kind: tf(p.kind), price: formatUnitPrice(p.amount, p.currency, p.unit, locale) })}</span>)
                            )}
                          </span>
                          {o.item.promotion && o.sighting === undefined && (
                            <span className="[overflow-wrap:anywhere]">
                              {o.item.promotion.description ? tf('promotionLine', { type: tf(o.item.promotion.type), description: o.item.promotion.description }) : tf(o.item.promotion.type)}
                            </span>
                          )}
                          <span className="text-xs text-muted [overflow-wrap:anywhere]">
                            {[o.sighting !== undefined ? t('seenAgain', { name: o.by.name }) : t('by', { name: o.by.name }), where].filter(Boolean).join(' · ')}
                          </span>
                        </li>
                      );
                    })}
                  </ul>
                </li>
              ))}
            </ol>
            <ShowMore shown={count < total ? limit : 0} limit={limit} onMore={() => setLimit((n) => n + PAGE_SIZE)} />
          </>
        )}
      </section>
    </div>
  );
}
