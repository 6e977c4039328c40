import { useMemo, useState, type ComponentProps } from 'react';
import { useT } from '../shell/locale';
import { sidePanelMessages } from '../pages/side-panel/messages';
import { useDatabase, useDealers, useQuery, useSetting } from '../shell/database-context';
import { EmptyState } from '../shell/EmptyState';
import { useHashIntent } from '../shell/hash-intent';
import { Plus } from 'lucide-react';
import { Button, Card, ErrorDetails, Notice, ShowMore, errorMessageOf } from '../ui';
import { IntelForm } from './IntelForm';
import { IntelList } from './IntelList';
import { intelFormMessages } from './messages';
import { intelCompetitorNames, latestIntel } from '../../lib/intel/queries';
import { competitorsByName } from '../../lib/intel/dictionary/queries';
import type { IntelItem } from '../../lib/intel/schema';
import { PAGE_SIZE } from '../../lib/store/query';
import { deleteRecord, saveRecord } from '../../lib/store/records';
import { today } from '../../lib/kernel/dates';

const NO_ARGS = {};

/** What the form is open for: a new observation, or an item from the list. */
type Editing = { item?: IntelItem; dealerId?: string } | null;

/** The Intel section: the latest observations a page at a time; each can be opened, edited and deleted. */
export function IntelView() {
  const t = useT(sidePanelMessages);
  const ti = useT(intelFormMessages);
  const db = useDatabase();
  const [limit, setLimit] = useState(PAGE_SIZE);
  const items = useQuery(latestIntel, { limit });
  const profile = useSetting('profile');
  // Opened as "log intel for this dealer" from a dealer's KPI panel: a new item at that dealer.
  const intentDealer = useHashIntent('logIntel');
  const [editing, setEditing] = useState<Editing>(() => (intentDealer ? { dealerId: intentDealer } : null));
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');

  if (!items || !profile) return null;
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
            {...(editing.dealerId ? { initial: { dealerId: editing.dealerId } } : {})}
            today={today()}
            onSave={async (draft) => {
              await saveRecord(db, 'intelItems', draft, { author });
              setEditing(null);
              setNotice(t('saved'));
            }}
            onCancel={() => setEditing(null)}
          />
        </Card>
      )}
      {items.length === 0 ? (
        !editing && <EmptyState testId="empty-intel" title={t('intelEmptyTitle')} body={t('intelEmptyBody')} />
      ) : (
        <>
          <IntelList
            items={items}
            onOpen={(id) => {
              const item = items.find((i) => i.id === id);
              if (item) open(item);
            }}
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
          <ShowMore shown={items.length} limit={limit} onMore={() => setLimit((n) => n + PAGE_SIZE)} />
        </>
      )}
    </div>
  );
}

/**
 * The intel form with what its pickers offer, read only once it opens: the dictionary's
 * competitors and those already used in intel, and the dealers.
 */
function IntelFormWithChoices(props: Omit<ComponentProps<typeof IntelForm>, 'competitors' | 'dealers'>) {
  const usedNames = useQuery(intelCompetitorNames, NO_ARGS);
  const dictionary = useQuery(competitorsByName, NO_ARGS);
  const dealers = useDealers();
  const competitors = useMemo(
    () => usedNames && dictionary && [...new Set([...dictionary.map((c) => c.name), ...usedNames])].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    [dictionary, usedNames],
  );
  const dealerOptions = useMemo(() => dealers?.map((d) => ({ id: d.id, name: d.name })), [dealers]);
  if (!competitors || !dealerOptions) return null;
  return <IntelForm {...props} competitors={competitors} dealers={dealerOptions} />;
}
