import { useMemo } from 'react';
import { useT } from '../../shell/locale';
import { cn } from '../../ui';
import { intelFormMessages } from '../messages';
import { intelViewMessages } from './messages';
import { useBrowse } from './use-browse';
import { promotionFrequency } from '../../../lib/intel/promotion-frequency';
import type { ViewResolver } from '../../../lib/intel/browse';

/** The most items of a period read for the counts: the newest, through the day index. */
export const PROMOTION_SCAN = 5000;

/**
 * How many distinct promotions each competitor ran in the period, by type, in words; a bar
 * shows each competitor's total against the busiest one. A row picks that competitor.
 */
export function PromotionFrequencyList({ resolver, from, selected, onSelect }: { resolver: ViewResolver; from: string | undefined; selected?: string; onSelect?(key: string): void }) {
  const t = useT(intelViewMessages);
  const tf = useT(intelFormMessages);
  const page = useBrowse(from ? { from } : {}, PROMOTION_SCAN, resolver);
  const rows = useMemo(() => (page ? promotionFrequency(page.items, { resolver, ...(from ? { from } : {}) }) : undefined), [page, resolver, from]);
  if (!rows) return null;
  const busiest = Math.max(1, ...rows.map((r) => r.total));
  return (
    <section aria-labelledby="intel-promotions-title" className="flex flex-col gap-2" data-testid="promotion-frequency">
      <h3 id="intel-promotions-title" className="m-0 text-base font-semibold">
        {t('promotionsTitle')}
      </h3>
      {rows.length === 0 ? (
        <p className="m-0 text-sm text-muted">{t('noPromotions')}</p>
      ) : (
        <ul className="m-0 flex list-none flex-col gap-1 p-0">
          {rows.map((row) => {
            const types = row.byType.map(({ type, count }) => t('promotionTypeCount', { type: tf(type), count })).join(t('listSeparator'));
            const content = (
              <>
                <span className="flex items-baseline justify-between gap-2">
                  <span className="min-w-0 font-semibold [overflow-wrap:anywhere]">{row.name}</span>
                  <span className="shrink-0 text-sm text-muted tabular-nums">{t('promotionsTotal', { count: row.total })}</span>
                </span>
                <span aria-hidden="true" className="block h-1.5 rounded-full bg-soft">
                  <span className="block h-full rounded-full bg-accent" style={{ width: `${(row.total / busiest) * 100}%` }} />
                </span>
                <span className="text-sm">{types}</span>
              </>
            );
            return (
              <li key={row.key}>
                {onSelect ? (
                  <button
                    type="button"
                    aria-pressed={selected === row.key}
                    onClick={() => onSelect(row.key)}
                    className={cn(
                      'flex w-full cursor-pointer flex-col gap-1 rounded-md border px-2.5 py-2 text-left hover:bg-soft',
                      selected === row.key ? 'border-accent bg-accent-soft/40' : 'border-line bg-surface',
                    )}
                  >
                    {content}
                  </button>
                ) : (
                  <div className="flex flex-col gap-1 rounded-md border border-line bg-surface px-2.5 py-2">{content}</div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {page?.more ? <p className="m-0 text-xs text-muted">{t('capped', { count: PROMOTION_SCAN })}</p> : <p className="m-0 text-xs text-muted">{t('promotionsHint')}</p>}
    </section>
  );
}
