import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { ChevronRight, Plus } from 'lucide-react';
import { DealerPage } from './DealerPage';
import { Rankings } from './Rankings';
import { useLocale, useT } from '../shell/locale';
import { sidePanelMessages } from '../pages/side-panel/messages';
import { useDatabase, useQuery, useSetting } from '../shell/database-context';
import { EmptyState } from '../shell/EmptyState';
import { Badge, Button, DeleteButton, Field, Notice, SaveError, SearchInput, SegmentedControl, ShowMore, cn, errorMessageOf, hintClass, inputClass, selectClass } from '../ui';
import { ErrorDetails } from '../ui/ErrorDetails';
import { dealersMessages } from './messages';
import { formatDay, formatMoney } from '../../lib/kernel/format';
import { addMonthsTo, monthOf, today } from '../../lib/kernel/dates';
import { addLocalDealer } from '../../lib/dealers/local';
import { dealersByName } from '../../lib/dealers/queries';
import { CustomerClass, CustomerGrade, type Dealer } from '../../lib/dealers/schema';
import type { Author } from '../../lib/kernel/record';
import { PAGE_SIZE } from '../../lib/store/query';
import { deleteRecord, saveRecord } from '../../lib/store/records';
import { lastVisitDayOfDealers } from '../../lib/visits/queries';

const RANKINGS = 'rankings';

/**
 * What the Dealers section shows, from the hash (so a link, the popup or a reload keeps it):
 * `#dealers` the list, `#dealers/rankings` the rankings, `#dealers/<id>` a dealer's page.
 */
function useOpenDealer(): [string | undefined, (id: string | undefined) => void] {
  const read = () => {
    const [section, id] = location.hash.replace(/^#/, '').split('/');
    return section === 'dealers' && id ? decodeURIComponent(id) : undefined;
  };
  const [openId, setOpenId] = useState(read);
  useEffect(() => {
    const onHash = () => setOpenId(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const open = (id: string | undefined) => {
    location.hash = id ? `#dealers/${encodeURIComponent(id)}` : '#dealers';
    setOpenId(id);
  };
  return [openId, open];
}

/**
 * Dealers in name order, a page at a time, searchable by name or city. A dealer opens as its page:
 * the KPI panel, the fields Fieldkit keeps (class, grade, credit limit, arrears) editable, the
 * customer file, and — for a dealer added by hand — delete. Dealers from HubSpot are deleted there.
 */
export function DealersView() {
  const profile = useSetting('profile');
  const [openId, open] = useOpenDealer();
  if (openId === RANKINGS) {
    return (
      <div className="flex min-w-0 flex-col gap-4">
        <DealersTabs current="rankings" onChange={(tab) => open(tab === 'rankings' ? RANKINGS : undefined)} />
        {/* A closed month is what a team is ranked on; the current one is a pick away. */}
        <Rankings defaultPeriod={addMonthsTo(monthOf(today()), -1)} />
      </div>
    );
  }
  if (openId && profile) {
    const author: Author = { id: profile.id, name: profile.name };
    return (
      <DealerPage key={openId} dealerId={openId} onBack={() => open(undefined)}>
        {(dealer) => <DealerDetail id={`fk-dealer-${dealer.id}`} dealer={dealer} author={author} onClose={() => open(undefined)} />}
      </DealerPage>
    );
  }
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <DealersTabs current="list" onChange={(tab) => open(tab === 'rankings' ? RANKINGS : undefined)} />
      <DealerList onOpen={(id) => open(id)} />
    </div>
  );
}

/** The list of dealers, or their rankings by score. */
function DealersTabs({ current, onChange }: { current: 'list' | 'rankings'; onChange(tab: 'list' | 'rankings'): void }) {
  const td = useT(dealersMessages);
  return (
    <div>
      <SegmentedControl
        label={td('dealersViews')}
        options={[
          { value: 'list', label: td('tabList') },
          { value: 'rankings', label: td('tabRankings') },
        ]}
        value={current}
        onChange={onChange}
      />
    </div>
  );
}

function DealerList({ onOpen }: { onOpen(id: string): void }) {
  const t = useT(sidePanelMessages);
  const td = useT(dealersMessages);
  const profile = useSetting('profile');
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const dealers = useQuery(dealersByName, { search, limit });
  const dealerIds = useMemo(() => dealers?.map((d) => d.id), [dealers]);
  // One read for the whole page (a cursor step per dealer), not a live query per row.
  const lastVisits = useQuery(lastVisitDayOfDealers, dealerIds && { dealerIds });

  if (!dealers || !profile || !lastVisits) return null;
  const author: Author = { id: profile.id, name: profile.name };
  const searching = search.trim() !== '';

  return (
    <div className="flex flex-col gap-4">
      <h2 className="text-xl font-semibold">{t('dealersTitle')}</h2>
      {dealers.length === 0 && !searching ? (
        <EmptyState testId="empty-dealers" title={t('dealersEmptyTitle')} body={t('dealersEmptyBody')} />
      ) : (
        <div className="flex flex-col gap-3">
          <Field label={t('dealersSearch')}>
            {(control) => (
              <SearchInput
                {...control}
                value={search}
                onChange={(e) => {
                  setSearch(e.target.value);
                  setLimit(PAGE_SIZE);
                }}
              />
            )}
          </Field>
          {dealers.length === 0 ? (
            <Notice role="status">{td('noMatch', { search: search.trim() })}</Notice>
          ) : (
            <ul aria-label={t('dealersTitle')} className="m-0 flex list-none flex-col divide-y divide-line rounded-lg border border-line bg-surface p-0">
              {dealers.map((d) => (
                <DealerRow key={d.id} dealer={d} lastVisit={lastVisits[d.id]} onOpen={() => onOpen(d.id)} />
              ))}
            </ul>
          )}
          <div className="empty:hidden">
            <ShowMore shown={dealers.length} limit={limit} onMore={() => setLimit((n) => n + PAGE_SIZE)} />
          </div>
        </div>
      )}
      <AddDealerForm author={author} />
    </div>
  );
}

/** A dealer added by hand (a prospect not in the CRM, or before HubSpot is connected): a name and a city. */
function AddDealerForm({ author }: { author: Author }) {
  const t = useT(sidePanelMessages);
  const db = useDatabase();
  const titleId = useId();
  const [name, setName] = useState('');
  const [city, setCity] = useState('');
  const [nameMissing, setNameMissing] = useState(false);
  const [failed, setFailed] = useState<string>();
  const [adding, setAdding] = useState(false);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setFailed(undefined);
    if (!name.trim()) {
      setNameMissing(true);
      return;
    }
    setAdding(true);
    try {
      await addLocalDealer(db, { name, city }, { author });
      setName('');
      setCity('');
    } catch (error) {
      setFailed(errorMessageOf(error));
    } finally {
      setAdding(false);
    }
  };

  return (
    <form noValidate aria-labelledby={titleId} onSubmit={(event) => void add(event)} className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-3">
      <h3 id={titleId} className="text-base font-semibold">
        {t('addDealerTitle')}
      </h3>
      <div className="grid grid-cols-[repeat(auto-fit,minmax(150px,1fr))] items-start gap-3">
        <Field label={t('dealerName')} error={nameMissing ? t('dealerNameRequired') : undefined}>
          {(control) => (
            <input
              {...control}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                if (e.target.value.trim()) setNameMissing(false);
              }}
              className={inputClass}
            />
          )}
        </Field>
        <Field label={t('dealerCity')} optional>
          {(control) => <input {...control} value={city} onChange={(e) => setCity(e.target.value)} className={inputClass} />}
        </Field>
      </div>
      {failed && (
        <div className="flex flex-col gap-1">
          <Notice tone="danger" role="alert">
            {t('addDealerFailed')}
          </Notice>
          <ErrorDetails summary={t('errorDetails')}>{failed}</ErrorDetails>
        </div>
      )}
      <div>
        <Button type="submit" disabled={adding} aria-busy={adding || undefined}>
          <Plus aria-hidden="true" className="size-4" />
          {t('addDealer')}
        </Button>
      </div>
    </form>
  );
}

/**
 * One dealer of the list: its name (the button that opens it, stretched over the whole row),
 * city and the day it was last visited (who has gone unvisited shows at a glance), its grade;
 * its details open below it.
 */
function DealerRow({ dealer, lastVisit, onOpen }: { dealer: Dealer; lastVisit: string | undefined; onOpen: () => void }) {
  const t = useT(sidePanelMessages);
  const td = useT(dealersMessages);
  const locale = useLocale();
  return (
    <li className="flex flex-col">
      <div className="relative flex items-center gap-2 px-3 py-2.5 hover:bg-soft has-[button:focus-visible]:outline-2 has-[button:focus-visible]:-outline-offset-2 has-[button:focus-visible]:outline-focus">
        <div className="flex min-w-0 flex-1 flex-col gap-0.5">
          <button type="button" onClick={onOpen} className="cursor-pointer text-left font-semibold break-words text-ink outline-none after:absolute after:inset-0 after:content-['']">
            {dealer.name}
          </button>
          <p className="m-0 flex flex-wrap gap-x-1.5 text-xs text-muted">
            {dealer.city && (
              <>
                <span>{dealer.city}</span>
                <span aria-hidden="true">·</span>
              </>
            )}
            <span className="whitespace-nowrap" data-testid="dealer-last-visit">
              {lastVisit ? t('dealerLastVisit', { day: formatDay(lastVisit, locale, lastVisit.slice(0, 4) === today().slice(0, 4) ? 'short' : 'date') }) : t('dealerNotVisited')}
            </span>
          </p>
        </div>
        {dealer.grade && <Badge className="shrink-0">{td('gradeBadge', { grade: dealer.grade })}</Badge>}
        <ChevronRight aria-hidden="true" className="size-4 shrink-0 text-muted" />
      </div>
    </li>
  );
}

type Amount = { text: string; value: number | undefined; valid: boolean };

/** '' is "not set"; anything else must be a number of 0 or more. */
function amountOf(text: string): Amount {
  const trimmed = text.trim();
  if (!trimmed) return { text, value: undefined, valid: true };
  const value = Number(trimmed);
  return { text, value, valid: Number.isFinite(value) && value >= 0 };
}

const CLASSES = CustomerClass.options;
const GRADES = CustomerGrade.options;

/** A dealer's fields; Fieldkit's own are editable, and a dealer added by hand can be deleted. */
function DealerDetail({ id, dealer, author, onClose }: { id: string; dealer: Dealer; author: Author; onClose: () => void }) {
  const td = useT(dealersMessages);
  const locale = useLocale();
  const db = useDatabase();
  const [customerClass, setCustomerClass] = useState<Dealer['customerClass'] | ''>(dealer.customerClass ?? '');
  const [grade, setGrade] = useState<Dealer['grade'] | ''>(dealer.grade ?? '');
  const [creditLimit, setCreditLimit] = useState(dealer.creditLimit?.toString() ?? '');
  const [arrears, setArrears] = useState(dealer.arrears?.toString() ?? '');
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const [deleteError, setDeleteError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const credit = amountOf(creditLimit);
  const owed = amountOf(arrears);
  const amountError = (amount: Amount) => (checked && !amount.valid ? td('errorAmount') : undefined);
  const linked = Boolean(dealer.crm);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setSaveError(undefined);
    setChecked(true);
    if (!credit.valid || !owed.valid) return;
    setSaving(true);
    try {
      const changes = { customerClass: customerClass || undefined, grade: grade || undefined, creditLimit: credit.value, arrears: owed.value };
      await saveRecord(db, 'dealers', { ...dealer, ...changes }, { author });
      setSaved(true);
    } catch (error) {
      setSaveError(errorMessageOf(error));
    } finally {
      setSaving(false);
    }
  };

  const shown = (value: string | undefined) => value || td('notSet');
  const money = (amount: Amount) => (amount.valid && amount.value !== undefined ? formatMoney(amount.value, 'CNY', locale) : undefined);
  const overLimit = credit.valid && owed.valid && credit.value !== undefined && owed.value !== undefined && owed.value > credit.value;

  return (
    <section id={id} aria-label={td('details', { name: dealer.name })} className="flex flex-col gap-4 border-t border-line bg-soft px-3 pt-3 pb-4">
      <dl className="m-0 grid grid-cols-2 gap-3">
        <div className="flex min-w-0 flex-col gap-0.5">
          <dt className="text-xs text-muted">{td('city')}</dt>
          <dd className="m-0 break-words">{shown(dealer.city)}</dd>
        </div>
        <div className="flex min-w-0 flex-col gap-0.5">
          <dt className="text-xs text-muted">{td('region')}</dt>
          <dd className="m-0 break-words">{shown(dealer.region)}</dd>
        </div>
      </dl>
      <form noValidate aria-label={td('customerFile')} className="flex flex-col gap-3" onSubmit={(event) => void save(event)}>
        <Field label={td('customerClass')}>
          {(control) => (
            <select
              {...control}
              value={customerClass}
              onChange={(e) => {
                setSaved(false);
                setCustomerClass(e.target.value as Dealer['customerClass'] | '');
              }}
              className={cn(selectClass, 'truncate')}
            >
              <option value="">{td('none')}</option>
              {CLASSES.map((c) => (
                <option key={c} value={c}>
                  {td(`class_${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={td('grade')}>
          {(control) => (
            <select
              {...control}
              value={grade}
              onChange={(e) => {
                setSaved(false);
                setGrade(e.target.value as Dealer['grade'] | '');
              }}
              title={grade ? td(`grade_${grade}`) : undefined}
              className={cn(selectClass, 'truncate')}
            >
              <option value="">{td('none')}</option>
              {GRADES.map((g) => (
                <option key={g} value={g}>
                  {td(`grade_${g}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="grid grid-cols-[repeat(auto-fit,minmax(150px,1fr))] items-start gap-3">
          <AmountField
            label={td('creditLimit')}
            error={amountError(credit)}
            hint={money(credit)}
            value={creditLimit}
            onChange={(v) => {
              setSaved(false);
              setCreditLimit(v);
            }}
          />
          <AmountField
            label={td('arrears')}
            error={amountError(owed)}
            hint={money(owed)}
            signal={overLimit ? td('arrearsOverLimit', { limit: money(credit) ?? '' }) : undefined}
            value={arrears}
            onChange={(v) => {
              setSaved(false);
              setArrears(v);
            }}
          />
        </div>
        <SaveError error={saveError} />
        {saved && (
          <Notice tone="ok" role="status">
            {td('saved')}
          </Notice>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" variant="primary" disabled={saving} aria-busy={saving || undefined}>
            {td('save')}
          </Button>
          <Button onClick={onClose}>{td('close')}</Button>
        </div>
      </form>
      <div className="flex flex-col gap-2 border-t border-line pt-3">
        {linked ? (
          <p className={hintClass}>{td('fromHubSpot')}</p>
        ) : (
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className={cn(hintClass, 'min-w-40 flex-1')}>{td('localDealer')}</p>
            <div className="ml-auto whitespace-nowrap">
              <DeleteButton
                record={dealer.name}
                onDelete={async () => {
                  setDeleteError(undefined);
                  try {
                    await deleteRecord(db, 'dealers', dealer.id, { author });
                    onClose();
                  } catch (error) {
                    setDeleteError(errorMessageOf(error));
                  }
                }}
              />
            </div>
          </div>
        )}
        {deleteError && (
          <div className="flex flex-col gap-1">
            <Notice tone="danger" role="alert">
              {td('deleteFailed')}
            </Notice>
            <ErrorDetails summary={td('errorDetails')}>{deleteError}</ErrorDetails>
          </div>
        )}
      </div>
    </section>
  );
}

/** An amount in the company currency: a number of 0 or more, typed as text until saved; read back as money below. */
function AmountField({
  label,
  error,
  hint,
  signal,
  value,
  onChange,
}: {
  label: string;
  error?: string;
  hint?: string;
  signal?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={label} error={error} hint={hint} signal={signal}>
      {(control) => <input {...control} type="number" inputMode="decimal" min={0} step="any" value={value} onChange={(e) => onChange(e.target.value)} className={cn(inputClass, 'tabular-nums')} />}
    </Field>
  );
}
