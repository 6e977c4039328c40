import { useId, useState, type FormEvent } from 'react';
import { useT } from '../shell/locale';
import { sidePanelMessages } from '../pages/side-panel/messages';
import { useDatabase, useQuery, useSetting } from '../shell/database-context';
import { EmptyState } from '../shell/EmptyState';
import { Button, DeleteButton, Field, SaveError, ShowMore, errorMessageOf, styles } from '../ui';
import { dealersMessages } from './messages';
import { addLocalDealer } from '../../lib/dealers/local';
import { dealersByName } from '../../lib/dealers/queries';
import { CustomerClass, CustomerGrade, type Dealer } from '../../lib/dealers/schema';
import type { Author } from '../../lib/kernel/record';
import { PAGE_SIZE } from '../../lib/store/query';
import { deleteRecord, saveRecord } from '../../lib/store/records';
import { visitCountOfDealer } from '../../lib/visits/queries';

/**
 * Dealers in name order, a page at a time, searchable by name or city. A dealer opens in place:
 * its fields, the ones Fieldkit keeps (class, grade, credit limit, arrears) editable, and — for a
 * dealer added by hand — delete. Dealers from HubSpot are deleted there.
 */
export function DealersView() {
  const t = useT(sidePanelMessages);
  const td = useT(dealersMessages);
  const db = useDatabase();
  const profile = useSetting('profile');
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [openId, setOpenId] = useState<string>();
  const [name, setName] = useState('');
  const [city, setCity] = useState('');
  const [error, setError] = useState('');
  const dealers = useQuery(dealersByName, { search, limit });

  if (!dealers || !profile) return null;
  const author: Author = { id: profile.id, name: profile.name };
  const searching = search.trim() !== '';

  return (
    <div className="fk-stack">
      <h2>{t('dealersTitle')}</h2>
      {dealers.length === 0 && !searching ? (
        <EmptyState testId="empty-dealers" title={t('dealersEmptyTitle')} body={t('dealersEmptyBody')} />
      ) : (
        <>
          <label>
            {t('dealersSearch')}{' '}
            <input
              type="search"
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                setLimit(PAGE_SIZE);
              }}
            />
          </label>
          {dealers.length === 0 ? (
            <p className="fk-muted" role="status">
              {td('noMatch', { search: search.trim() })}
            </p>
          ) : (
            <ul className="fk-list" aria-label={t('dealersTitle')}>
              {dealers.map((d) => (
                <DealerRow key={d.id} dealer={d} open={openId === d.id} author={author} onToggle={() => setOpenId(openId === d.id ? undefined : d.id)} onClose={() => setOpenId(undefined)} />
              ))}
            </ul>
          )}
          <ShowMore shown={dealers.length} limit={limit} onMore={() => setLimit((n) => n + PAGE_SIZE)} />
        </>
      )}
      <form
        className="fk-row"
        onSubmit={async (event) => {
          event.preventDefault();
          setError('');
          try {
            await addLocalDealer(db, { name, city }, { author });
            setName('');
            setCity('');
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          }
        }}
      >
        <label>
          {t('dealerName')} <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          {t('dealerCity')} <input value={city} onChange={(e) => setCity(e.target.value)} />
        </label>
        <button type="submit" className="fk-button">
          {t('addDealer')}
        </button>
        {error && (
          <p role="alert" className="fk-error">
            {error}
          </p>
        )}
      </form>
    </div>
  );
}

/** One dealer of the list with its own visit count; opens its details below it. */
function DealerRow({ dealer, open, author, onToggle, onClose }: { dealer: Dealer; open: boolean; author: Author; onToggle: () => void; onClose: () => void }) {
  const t = useT(sidePanelMessages);
  const visits = useQuery(visitCountOfDealer, { dealerId: dealer.id });
  const detailId = useId();
  return (
    <li>
      <button type="button" className="fk-plain" aria-expanded={open} aria-controls={open ? detailId : undefined} onClick={onToggle}>
        <strong>{dealer.name}</strong>
      </button>{' '}
      {dealer.city && <span className="fk-muted">· {dealer.city}</span>} {dealer.grade && <span>· {dealer.grade}</span>}{' '}
      {visits !== undefined && <span className="fk-muted">· {t('dealerVisits', { count: visits })}</span>}
      {open && <DealerDetail id={detailId} dealer={dealer} author={author} onClose={onClose} />}
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

  return (
    <section id={id} aria-label={td('details', { name: dealer.name })} className="fk-card fk-stack" style={{ marginTop: 6 }}>
      <dl style={{ ...styles.grid, margin: 0 }}>
        <div>
          <dt style={styles.label}>{td('name')}</dt>
          <dd style={{ margin: 0 }}>{dealer.name}</dd>
        </div>
        <div>
          <dt style={styles.label}>{td('city')}</dt>
          <dd style={{ margin: 0 }}>{shown(dealer.city)}</dd>
        </div>
        <div>
          <dt style={styles.label}>{td('region')}</dt>
          <dd style={{ margin: 0 }}>{shown(dealer.region)}</dd>
        </div>
      </dl>
      <form noValidate style={styles.form} onSubmit={(event) => void save(event)}>
        <div style={styles.grid}>
          <Field label={td('customerClass')}>
            {(control) => (
              <select
                {...control}
                value={customerClass}
                onChange={(e) => {
                  setSaved(false);
                  setCustomerClass(e.target.value as Dealer['customerClass'] | '');
                }}
                style={styles.select}
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
          <Field label={td('grade')} hint={td('gradeHint')}>
            {(control) => (
              <select
                {...control}
                value={grade}
                onChange={(e) => {
                  setSaved(false);
                  setGrade(e.target.value as Dealer['grade'] | '');
                }}
                style={styles.select}
              >
                <option value="">{td('none')}</option>
                {GRADES.map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <AmountField label={td('creditLimit')} error={amountError(credit)} value={creditLimit} onChange={(v) => { setSaved(false); setCreditLimit(v); }} />
          <AmountField label={td('arrears')} error={amountError(owed)} value={arrears} onChange={(v) => { setSaved(false); setArrears(v); }} />
        </div>
        <SaveError error={saveError} />
        {saved && (
          <p role="status" style={{ ...styles.hint, fontSize: 13 }}>
            {td('saved')}
          </p>
        )}
        <div style={styles.actions}>
          <Button type="submit" variant="primary" disabled={saving} aria-busy={saving || undefined}>
            {td('save')}
          </Button>
          <Button onClick={onClose}>{td('close')}</Button>
        </div>
      </form>
      {linked ? (
        <p style={styles.hint}>{td('fromHubSpot')}</p>
      ) : (
        <div className="fk-row">
          <span style={styles.hint}>{td('localDealer')}</span>
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
      )}
      {deleteError && (
        <p role="alert" style={styles.errorBox}>
          {td('deleteFailed', { message: deleteError })}
        </p>
      )}
    </section>
  );
}

/** An amount in the company currency: a number of 0 or more, typed as text until saved. */
function AmountField({ label, error, value, onChange }: { label: string; error?: string; value: string; onChange: (value: string) => void }) {
  return (
    <Field label={label} error={error}>
      {(control) => (
        <input {...control} type="number" inputMode="decimal" min={0} step="any" value={value} onChange={(e) => onChange(e.target.value)} style={styles.input} />
      )}
    </Field>
  );
}
