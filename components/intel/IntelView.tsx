import { useCallback, useMemo, useState, type ComponentProps } from 'react';
import { useT } from '../shell/locale';
import { sidePanelMessages } from '../pages/side-panel/messages';
import { useDatabase, useDealers, useQuery, useSetting } from '../shell/database-context';
import { EmptyState } from '../shell/EmptyState';
import { useCaptureIntent, useHashIntent } from '../shell/hash-intent';
import { Plus } from 'lucide-react';
import { Button, Card, ErrorDetails, Notice, SegmentedControl, errorMessageOf } from '../ui';
import { IntelForm } from './IntelForm';
import { intelFormMessages } from './messages';
import { intelViewMessages } from './view/messages';
import { IntelBrowser } from './view/IntelBrowser';
import { IntelTimeline } from './view/IntelTimeline';
import { PriceHistoryView } from './view/PriceHistory';
import { INTEL_TABS, useIntelTab, type IntelTab } from './view/tabs';
import { CompetitiveAnalysis } from './analysis/CompetitiveAnalysis';
import { intelCompetitorNames, latestIntel } from '../../lib/intel/queries';
import { competitorsByName, dictionaryProducts } from '../../lib/intel/dictionary/queries';
import { createResolver } from '../../lib/intel/dictionary/resolve';
import { periodStart, type IntelFilters, type Period, type ViewResolver } from '../../lib/intel/browse';
import type { IntelItem } from '../../lib/intel/schema';
import { deleteRecord } from '../../lib/store/records';
import { saveIntel } from '../../lib/intel/save';
import { findNearDuplicates } from '../../lib/intel/near-duplicates';
import type { NearDuplicateProbe } from '../../lib/intel/near-duplicate-schema';
import { suggestFromPage } from '../../lib/intel/dictionary/match';
import { pickerDictionary } from '../../lib/intel/dictionary/picker';
import { today } from '../../lib/kernel/dates';

const NO_ARGS = {};
const ANY = { limit: 1 };
const TAB_KEYS: Record<IntelTab, 'tabList' | 'tabTimeline' | 'tabPrices' | 'tabAnalysis'> = { list: 'tabList', timeline: 'tabTimeline', prices: 'tabPrices', analysis: 'tabAnalysis' };

/**
 * What the form is open for: a new observation (at a dealer, or from a page the capture could not
 * be injected into), or an item from the list.
 */
type Editing = { item?: IntelItem; dealerId?: string; page?: { sourceUrl?: string; sourceTitle?: string } } | null;

export interface IntelViewProps {
  /**
   * Canonical competitor and product names; by default the dictionary's (`createResolver` over
   * its competitors and products: aliases, merges, our product's prices), which resolves a name
   * it does not know to itself. Keep it stable between renders.
   */
  resolver?: ViewResolver;
}

/**
 * The Intel section, in tabs: the list (search and filters; each item opens for edit and deletes),
 * a competitor's timeline with how often each competitor ran promotions, a product's price
 * history, and the competitive analysis. The tab is in the hash (#intel/timeline, …).
 */
export function IntelView({ resolver: given }: IntelViewProps) {
  const t = useT(sidePanelMessages);
  const ti = useT(intelFormMessages);
  const tv = useT(intelViewMessages);
  const db = useDatabase();
  const any = useQuery(latestIntel, ANY);
  const dictionary = useQuery(competitorsByName, given ? undefined : NO_ARGS);
  const products = useQuery(dictionaryProducts, given ? undefined : NO_ARGS);
  const resolver = useMemo(() => given ?? (dictionary && products ? createResolver(dictionary, products) : undefined), [given, dictionary, products]);
  const [tab, setTab] = useIntelTab();
  const [filters, setFilters] = useState<IntelFilters>({});
  // The competitor and period the timeline and the price chart look at, shared between them.
  const [competitor, setCompetitor] = useState('');
  const [period, setPeriod] = useState<Period>('90');
  const day = today();
  const from = periodStart(period, day);
  const profile = useSetting('profile');
  // Opened as "log intel for this dealer" from a dealer's KPI panel: a new item at that dealer.
  const intentDealer = useHashIntent('logIntel');
  // Opened by a capture on a page no extension may script (a browser page, the PDF viewer).
  const capturedPage = useCaptureIntent();
  const [editing, setEditing] = useState<Editing>(() => (intentDealer ? { dealerId: intentDealer } : capturedPage ? { page: capturedPage } : null));
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');

  if (!any || !profile || !resolver) return null;
  const author = { id: profile.id, name: profile.name };

  const open = (item?: IntelItem) => {
    setNotice('');
    setError('');
    setEditing({ item });
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2">
        <h2 className="m-0 text-xl font-semibold">{t('intelTitle')}</h2>
        {!editing && (
          <Button variant="primary" onClick={() => open()}>
            <Plus aria-hidden="true" className="size-4" />
            {t('newIntel')}
          </Button>
        )}
      </div>
      {notice && (
        <Notice tone="ok" role="status">
          {notice}
        </Notice>
      )}
      {error && (
        <div role="alert" className="flex flex-col gap-1">
          <Notice tone="danger">{ti('deleteFailed')}</Notice>
          <ErrorDetails summary={ti('technicalDetails')}>{error}</ErrorDetails>
        </div>
      )}
      {editing && (
        <Card>
          <IntelFormWithChoices
            // A fresh form per item: its fields start from the item it was opened for.
            key={editing.item?.id ?? 'new'}
            item={editing.item}
            {...(editing.dealerId || editing.page ? { initial: { ...editing.page, ...(editing.dealerId ? { dealerId: editing.dealerId } : {}) } } : {})}
            today={today()}
            meId={author.id}
            onSave={async (draft, options) => {
              const saved = await saveIntel(db, draft, { author, ...options });
              setEditing(null);
              setNotice(saved.addedTo ? ti('addedToEarlier') : t('saved'));
            }}
            onCancel={() => setEditing(null)}
          />
        </Card>
      )}
      {any.length === 0 ? (
        !editing && <EmptyState testId="empty-intel" title={t('intelEmptyTitle')} body={t('intelEmptyBody')} />
      ) : (
        <>
          <SegmentedControl label={tv('tabsLabel')} options={INTEL_TABS.map((value) => ({ value, label: tv(TAB_KEYS[value]) }))} value={tab} onChange={setTab} />
          {tab === 'list' && (
            <IntelBrowser
              resolver={resolver}
              filters={filters}
              onFiltersChange={setFilters}
              onOpen={open}
              onDelete={async (id) => {
                setNotice('');
                setError('');
                try {
                  await deleteRecord(db, 'intelItems', id, { author });
                  if (editing?.item?.id === id) setEditing(null);
                  setNotice(ti('deleted'));
                } catch (e) {
                  setError(errorMessageOf(e));
                }
              }}
            />
          )}
          {tab === 'timeline' && <IntelTimeline resolver={resolver} competitor={competitor} onCompetitorChange={setCompetitor} period={period} onPeriodChange={setPeriod} from={from} />}
          {tab === 'prices' && <PriceHistoryView resolver={resolver} competitor={competitor} onCompetitorChange={setCompetitor} period={period} onPeriodChange={setPeriod} from={from} today={day} />}
          {tab === 'analysis' && <CompetitiveAnalysis />}
        </>
      )}
    </div>
  );
}

/**
 * The intel form with what its pickers offer, read only once it opens: the dictionary's
 * competitors and those already used in intel, and the dealers.
 */
function IntelFormWithChoices({ meId, ...props }: Omit<ComponentProps<typeof IntelForm>, 'competitors' | 'dealers' | 'suggest' | 'findNearDuplicates'> & { meId: string }) {
  const db = useDatabase();
  const usedNames = useQuery(intelCompetitorNames, NO_ARGS);
  const dictionary = useQuery(competitorsByName, NO_ARGS);
  const products = useQuery(dictionaryProducts, NO_ARGS);
  const dealers = useDealers();
  // The same suggestions and near-duplicate hint as the capture overlay, read here directly.
  const matchable = useMemo(() => dictionary && products && pickerDictionary({ competitors: dictionary, products }), [dictionary, products]);
  const suggest = useCallback(
    (page: { title?: string; text?: string }) => {
      if (!matchable) return {};
      const { competitorName, brand, product, spec, sku } = suggestFromPage(page, matchable);
      return { competitorName, brand, product, spec, sku };
    },
    [matchable],
  );
  const nearDuplicates = useCallback((probe: NearDuplicateProbe) => findNearDuplicates(db, probe, { meId }), [db, meId]);
  const competitors = useMemo(
    () => usedNames && dictionary && [...new Set([...dictionary.map((c) => c.name), ...usedNames])].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    [dictionary, usedNames],
  );
  const dealerOptions = useMemo(() => dealers?.map((d) => ({ id: d.id, name: d.name })), [dealers]);
  if (!competitors || !dealerOptions || !matchable) return null;
  return <IntelForm {...props} competitors={competitors} dealers={dealerOptions} suggest={suggest} findNearDuplicates={nearDuplicates} />;
}
