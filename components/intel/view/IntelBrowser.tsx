import { useMemo, useState } from 'react';
import { SlidersHorizontal, X } from 'lucide-react';
import { useT } from '../../shell/locale';
import { useDealers } from '../../shell/database-context';
import { Button, DatePicker, Field, Notice, SearchInput, ShowMore, inputClass, selectClass } from '../../ui';
import { IntelList } from '../IntelList';
import { intelFormMessages } from '../messages';
import { intelViewMessages } from './messages';
import { CompetitorSelect, useCompetitorOptions } from './controls';
import { useBrowse } from './use-browse';
import { activeFilterCount, periodStart, productLabel, productOptions, type IntelFilters, type ViewResolver } from '../../../lib/intel/browse';
import { today } from '../../../lib/kernel/dates';
import { PriceKind, type IntelItem } from '../../../lib/intel/schema';
import { PAGE_SIZE } from '../../../lib/store/query';

/** How many of one competitor's items are read to offer its products. */
const PRODUCT_SCAN = 2000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface IntelBrowserProps {
  resolver: ViewResolver;
  /** The filters, kept by the view so switching tabs keeps them. */
  filters: IntelFilters;
  onFiltersChange(filters: IntelFilters): void;
  onOpen(item: IntelItem): void;
  onDelete(id: string): Promise<void>;
}

/**
 * The list tab: search and filters over intel, read a page at a time through the index that
 * bounds them best (a dealer's, a competitor's, or the days of the date range).
 */
export function IntelBrowser({ resolver, filters, onFiltersChange, onOpen, onDelete }: IntelBrowserProps) {
  const t = useT(intelViewMessages);
  const tf = useT(intelFormMessages);
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [open, setOpen] = useState(() => activeFilterCount({ ...filters, search: undefined }) > 0);
  const competitors = useCompetitorOptions(resolver, open || Boolean(filters.competitor));
  const dealers = useDealers(open);
  const competitor = competitors?.find((c) => c.key === filters.competitor);

  // A half-typed day is not a filter yet; an end before the start is said, not silently empty.
  const from = filters.from && DAY.test(filters.from) ? filters.from : undefined;
  const to = filters.to && DAY.test(filters.to) ? filters.to : undefined;
  const wrongOrder = Boolean(from && to && from > to);
  // Search, region and price type are not indexed: with nothing else bounding the read (no days,
  // dealer or competitor), they look through the last 12 months, never through every year kept.
  const unbounded = !from && !to && !filters.dealerId && !competitor && Boolean(filters.search?.trim() || filters.region?.trim() || filters.priceKind);
  const lastYear = unbounded ? periodStart('365', today()) : undefined;
  const effective = useMemo<IntelFilters | undefined>(() => {
    if (wrongOrder || (filters.competitor && !competitors)) return undefined;
    const { from: _f, to: _t, ...rest } = filters;
    const start = from ?? lastYear;
    return { ...rest, ...(start ? { from: start } : {}), ...(to ? { to } : {}), ...(competitor ? { competitorNames: competitor.names } : {}) };
  }, [filters, from, to, lastYear, wrongOrder, competitor, competitors]);
  const page = useBrowse(effective, limit, resolver);

  const productScan = useBrowse(competitor && open ? { competitor: competitor.key, competitorNames: competitor.names } : undefined, PRODUCT_SCAN, resolver);
  const products = useMemo(() => (productScan ? productOptions(productScan.items, resolver) : []), [productScan, resolver]);

  const set = (change: Partial<IntelFilters>) => {
    const next: IntelFilters = { ...filters, ...change };
    for (const key of Object.keys(next) as (keyof IntelFilters)[]) if (next[key] === undefined || next[key] === '') delete next[key];
    setLimit(PAGE_SIZE);
    onFiltersChange(next);
  };
  const count = activeFilterCount(filters);
  const panelCount = activeFilterCount({ ...filters, search: undefined });

  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-end gap-2">
        <Field label={t('search')} className="min-w-0 flex-1">
          {(control) => <SearchInput {...control} value={filters.search ?? ''} onChange={(e) => set({ search: e.target.value })} />}
        </Field>
        <Button aria-expanded={open} onClick={() => setOpen(!open)} className="shrink-0">
          <SlidersHorizontal aria-hidden="true" className="size-4" />
          {panelCount > 0 ? t('filtersCount', { count: panelCount }) : t('filters')}
        </Button>
      </div>
      {open && (
        <div className="grid grid-cols-1 gap-3 rounded-lg border border-line bg-surface p-3 min-[440px]:grid-cols-2" data-testid="intel-filters">
          {competitors && (
            <CompetitorSelectOrAll
              options={competitors}
              value={filters.competitor ?? ''}
              onChange={(key) => set({ competitor: key || undefined, product: undefined })}
              allLabel={t('anyCompetitor')}
            />
          )}
          <Field label={t('product')}>
            {(control) => (
              <select {...control} className={selectClass} value={filters.product ?? ''} disabled={!competitor} onChange={(e) => set({ product: e.target.value || undefined })}>
                <option value="">{t('anyProduct')}</option>
                {products.map((p) => (
                  <option key={p.key} value={p.key}>
                    {productLabel(p)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('priceKind')}>
            {(control) => (
              <select {...control} className={selectClass} value={filters.priceKind ?? ''} onChange={(e) => set({ priceKind: (e.target.value || undefined) as IntelFilters['priceKind'] })}>
                <option value="">{t('anyPriceKind')}</option>
                {PriceKind.options.map((kind) => (
                  <option key={kind} value={kind}>
                    {tf(kind)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('dealer')}>
            {(control) => (
              <select {...control} className={selectClass} value={filters.dealerId ?? ''} onChange={(e) => set({ dealerId: e.target.value || undefined })}>
                <option value="">{t('anyDealer')}</option>
                {(dealers ?? []).map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('region')}>{(control) => <input {...control} className={inputClass} value={filters.region ?? ''} onChange={(e) => set({ region: e.target.value })} />}</Field>
          <span className="hidden min-[440px]:block" />
          <Field label={t('from')}>{(control) => <DatePicker {...control} value={filters.from ?? ''} onValueChange={(from) => set({ from })} />}</Field>
          <Field label={t('to')}>{(control) => <DatePicker {...control} value={filters.to ?? ''} onValueChange={(to) => set({ to })} />}</Field>
        </div>
      )}
      {wrongOrder && <Notice tone="warn">{t('dateOrder')}</Notice>}
      {unbounded && <p className="m-0 text-xs text-muted">{t('lastYearOnly')}</p>}
      {count > 0 && (
        <div className="flex min-h-7 flex-wrap items-center justify-between gap-2">
          {page ? (
            <p className="m-0 text-sm text-muted" aria-live="polite" data-testid="intel-found">
              {page.more ? t('foundMore', { count: page.items.length }) : t('found', { count: page.items.length })}
            </p>
          ) : (
            <span />
          )}
          <Button size="sm" variant="ghost" onClick={() => onFiltersChange({})}>
            <X aria-hidden="true" className="size-3.5" />
            {t('clearFilters')}
          </Button>
        </div>
      )}
      {page &&
        (page.items.length === 0 ? (
          count > 0 && <p className="m-0 text-muted">{t('noMatches')}</p>
        ) : (
          <>
            <IntelList
              items={page.items}
              onOpen={(id) => {
                const item = page.items.find((i) => i.id === id);
                if (item) onOpen(item);
              }}
              onDelete={onDelete}
            />
            <ShowMore shown={page.more ? limit : page.items.length} limit={limit} onMore={() => setLimit((n) => n + PAGE_SIZE)} />
          </>
        ))}
    </div>
  );
}

/** The competitor filter: every competitor, or one. */
function CompetitorSelectOrAll({ allLabel, ...props }: Parameters<typeof CompetitorSelect>[0] & { allLabel: string }) {
  const t = useT(intelViewMessages);
  return (
    <Field label={t('competitor')}>
      {(control) => (
        <select {...control} className={selectClass} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          <option value="">{allLabel}</option>
          {props.options.map((option) => (
            <option key={option.key} value={option.key}>
              {option.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
