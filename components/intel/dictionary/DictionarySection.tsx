import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useDatabase, useQuery, useSetting } from '../../shell/database-context';
import { useLocale, useT } from '../../shell/locale';
import { useTeamContext } from '../../team/use-team';
import { Badge, Button, Card, DatePicker, Field, FormActions, Notice, RowListFieldset, TagsInput, hintClass, inputClass, selectClass } from '../../ui';
import { X } from 'lucide-react';
import { formatDay } from '../../../lib/kernel/format';
import { formatUnitPrice } from '../../../lib/kernel/units';
import { profileNameFor } from '../../../lib/store/settings';
import { competitorsByName, dictionaryProducts } from '../../../lib/intel/dictionary/queries';
import {
  addDictionaryEntry,
  approveEntry,
  canReviewDictionary,
  DictionaryError,
  mergeEntries,
  rejectEntry,
  updateDictionaryEntry,
  type DictionaryActor,
  type ProductDraft,
} from '../../../lib/intel/dictionary/entries';
import type { Competitor, OwnPrice, Product } from '../../../lib/intel/dictionary/schema';
import { dictionaryMessages, type DictionaryMessageKey } from './messages';

const NO_ARGS = {};
const MAX_NAME = 200;

type Editing = { kind: 'competitor'; entry?: Competitor } | { kind: 'product'; entry?: Product; competitorId?: string };
type Status = { tone: 'ok' | 'danger'; text: string };
type Entry = { kind: 'competitor'; row: Competitor } | { kind: 'product'; row: Product };

/** The words for a refused or failed write, in the UI language. */
function useFailureText() {
  const t = useT(dictionaryMessages);
  return (error: unknown) => (error instanceof DictionaryError ? t(`refused_${error.key}` as DictionaryMessageKey, { existing: error.existing?.name ?? '' }) : t('failed'));
}

/**
 * Options › Competitor dictionary: competitors with their aliases, brands and products, and our
 * own products. Managers and admins add, edit, approve, reject and merge; everyone else reads the
 * dictionary and sees their own additions awaiting review.
 */
export function DictionarySection() {
  const t = useT(dictionaryMessages);
  const locale = useLocale();
  const db = useDatabase();
  const team = useTeamContext();
  const profile = useSetting('profile');
  const competitors = useQuery(competitorsByName, NO_ARGS);
  const products = useQuery(dictionaryProducts, NO_ARGS);
  const failureText = useFailureText();
  const [editing, setEditing] = useState<Editing>();
  const [status, setStatus] = useState<Status>();
  const returnTo = useRef<string | undefined>(undefined);

  // Back from a form, focus returns to what was edited (or the list's add button).
  useEffect(() => {
    if (editing || !returnTo.current) return;
    document.getElementById(returnTo.current)?.focus();
    returnTo.current = undefined;
  }, [editing]);

  if (!competitors || !products || !team || !profile) return null;
  const actor: DictionaryActor = { author: { id: profile.id, name: profile.name }, role: team.role, canAdminister: team.canAdminister };
  const canEdit = canReviewDictionary(actor);
  const mine = (row: { author: { id: string } }) => row.author.id === profile.id;
  // Reps read the reviewed dictionary and their own additions; reviewers see everything.
  const visible = <T extends Competitor | Product>(row: T) => !row.mergedInto && (canEdit || row.status === 'approved' || mine(row));
  // The query reads by code point; people read names in their language's order (pinyin for Chinese).
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, locale);
  const listed = competitors.filter(visible).sort(byName);
  const listedProducts = products.filter(visible).sort((a, b) => byName(a, b) || (a.spec ?? '').localeCompare(b.spec ?? '', locale));
  const pending: Entry[] = [
    ...listed.filter((c) => c.status === 'pending').map((row) => ({ kind: 'competitor' as const, row })),
    ...listedProducts.filter((p) => p.status === 'pending').map((row) => ({ kind: 'product' as const, row })),
  ].filter((e) => canEdit || mine(e.row));
  const competitorName = (id: string | undefined) => competitors.find((c) => c.id === id)?.name;

  const run = async (action: () => Promise<string>) => {
    try {
      setStatus({ tone: 'ok', text: await action() });
      return true;
    } catch (error) {
      setStatus({ tone: 'danger', text: failureText(error) });
      return false;
    }
  };

  if (editing) {
    const close = (focus: string) => {
      returnTo.current = focus;
      setEditing(undefined);
    };
    const back = editing.entry ? `dictionary-${editing.entry.id}` : editing.kind === 'competitor' ? 'dictionary-add-competitor' : `dictionary-${editing.competitorId ?? 'own'}`;
    if (editing.kind === 'competitor') {
      return (
        <CompetitorForm
          entry={editing.entry}
          onCancel={() => close(back)}
          onSave={async (draft) => {
            const saved = editing.entry ? await updateDictionaryEntry(db, editing.entry.id, draft, actor) : await addDictionaryEntry(db, draft, actor);
            setStatus({ tone: 'ok', text: t(saved.status === 'pending' ? 'savedPending' : 'saved', { name: saved.name }) });
            close(`dictionary-${saved.id}`);
          }}
        />
      );
    }
    return (
      <ProductForm
        entry={editing.entry}
        competitorId={editing.entry ? editing.entry.competitorId : editing.competitorId}
        competitors={listed}
        ownProducts={listedProducts.filter((p) => !p.competitorId)}
        onCancel={() => close(back)}
        onSave={async (draft) => {
          const saved = editing.entry ? await updateDictionaryEntry(db, editing.entry.id, draft, actor) : await addDictionaryEntry(db, draft, actor);
          setStatus({ tone: 'ok', text: t(saved.status === 'pending' ? 'savedPending' : 'saved', { name: saved.name }) });
          close(`dictionary-${saved.id}`);
        }}
      />
    );
  }

  const own = listedProducts.filter((p) => !p.competitorId);
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <p className="m-0 text-sm text-muted">{t('intro')}</p>
      {!canEdit && <p className={hintClass}>{t('readOnlyHint')}</p>}
      {status && (
        <Notice tone={status.tone} role={status.tone === 'ok' ? 'status' : 'alert'}>
          {status.text}
        </Notice>
      )}

      {(canEdit || pending.length > 0) && (
        <PendingList
          entries={pending}
          canEdit={canEdit}
          title={canEdit ? t('pendingTitle') : t('myPendingTitle')}
          mergeTargets={{ competitors: listed.filter((c) => c.status === 'approved'), products: listedProducts.filter((p) => p.status === 'approved') }}
          competitorName={competitorName}
          onApprove={(entry) => void run(async () => t('approved', { name: (await approveEntry(db, entry.row.id, actor)).name }))}
          onReject={(entry) =>
            void run(async () => {
              await rejectEntry(db, entry.row.id, actor);
              return t('rejected', { name: entry.row.name });
            })
          }
          onMerge={(entry, targetId) =>
            run(async () => {
              const kept = await mergeEntries(db, targetId, entry.row.id, actor);
              return t('merged', { name: entry.row.name, target: kept.name });
            })
          }
        />
      )}

      <section aria-labelledby="dictionary-competitors-title" className="flex min-w-0 flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 id="dictionary-competitors-title" className="m-0 text-lg font-semibold">
            {t('competitorsTitle')} <span className="text-sm font-normal text-muted">{t('competitorCount', { count: listed.length })}</span>
          </h3>
          {canEdit && (
            <Button id="dictionary-add-competitor" size="sm" variant="primary" onClick={() => setEditing({ kind: 'competitor' })}>
              {t('addCompetitor')}
            </Button>
          )}
        </div>
        {listed.length === 0 ? (
          <p className="m-0 text-sm text-muted">{t('noCompetitors')}</p>
        ) : (
          <ul className="m-0 grid list-none grid-cols-[repeat(auto-fill,minmax(17rem,1fr))] gap-3 p-0">
            {listed.map((competitor) => (
              <li key={competitor.id} className="flex min-w-0">
                <CompetitorCard
                  competitor={competitor}
                  products={listedProducts.filter((p) => p.competitorId === competitor.id)}
                  ownProducts={own}
                  canEdit={canEdit}
                  onEdit={(entry) => setEditing(entry)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="dictionary-own-title" className="flex min-w-0 flex-col gap-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 id="dictionary-own-title" className="m-0 text-lg font-semibold">
            {t('ownTitle')}
          </h3>
          {canEdit && (
            <Button id="dictionary-own" size="sm" onClick={() => setEditing({ kind: 'product' })}>
              {t('addProduct')}
            </Button>
          )}
        </div>
        <p className={hintClass}>{t('ownIntro')}</p>
        {own.length === 0 ? (
          <p className="m-0 text-sm text-muted">{t('noOwn')}</p>
        ) : (
          <ul className="m-0 flex list-none flex-col gap-2 p-0">
            {own.map((product) => (
              <ProductRow key={product.id} product={product} ownProducts={own} canEdit={canEdit} onEdit={() => setEditing({ kind: 'product', entry: product })} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function CompetitorCard({
  competitor,
  products,
  ownProducts,
  canEdit,
  onEdit,
}: {
  competitor: Competitor;
  products: Product[];
  ownProducts: Product[];
  canEdit: boolean;
  onEdit: (editing: Editing) => void;
}) {
  const t = useT(dictionaryMessages);
  const titleId = `dictionary-${competitor.id}-title`;
  return (
    <Card id={`dictionary-${competitor.id}`} tabIndex={-1} aria-labelledby={titleId} className="w-full min-w-0 gap-2 outline-none">
      <div className="flex flex-wrap items-start justify-between gap-x-2 gap-y-1">
        <h4 id={titleId} className="m-0 flex min-w-0 flex-wrap items-center gap-1.5 text-base font-semibold">
          <span className="break-words">{competitor.name}</span>
          {competitor.status === 'pending' && <Badge tone="warn">{t('pendingBadge')}</Badge>}
        </h4>
        {canEdit && (
          <Button size="sm" variant="ghost" onClick={() => onEdit({ kind: 'competitor', entry: competitor })} aria-label={t('editCompetitorLabel', { name: competitor.name })}>
            {t('editCompetitor')}
          </Button>
        )}
      </div>
      <dl className="m-0 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1.5 text-sm">
        {competitor.aliases.length > 0 && (
          <>
            <dt className="text-muted">{t('aliases')}</dt>
            <dd className="m-0">
              <Chips names={competitor.aliases} />
            </dd>
          </>
        )}
        {competitor.brands.length > 0 && (
          <>
            <dt className="text-muted">{t('brands')}</dt>
            <dd className="m-0">
              <Chips names={competitor.brands} />
            </dd>
          </>
        )}
      </dl>
      <div className="flex min-w-0 flex-col gap-1.5">
        <h5 className="m-0 text-sm font-semibold">{t('products')}</h5>
        {products.length === 0 ? (
          <p className="m-0 text-sm text-muted">{t('noProducts')}</p>
        ) : (
          <ul className="m-0 flex list-none flex-col gap-2 p-0">
            {products.map((product) => (
              <ProductRow key={product.id} product={product} ownProducts={ownProducts} canEdit={canEdit} onEdit={() => onEdit({ kind: 'product', entry: product })} />
            ))}
          </ul>
        )}
      </div>
      {canEdit && (
        <div className="mt-auto pt-1">
          <Button size="sm" onClick={() => onEdit({ kind: 'product', competitorId: competitor.id })} aria-label={t('addProductLabel', { name: competitor.name })}>
            {t('addProduct')}
          </Button>
        </div>
      )}
    </Card>
  );
}

function Chips({ names }: { names: string[] }) {
  return (
    <ul className="m-0 flex list-none flex-wrap gap-1 p-0">
      {names.map((name) => (
        <li key={name} className="max-w-full min-w-0 truncate rounded-full border border-line bg-soft px-2 py-px text-xs" title={name}>
          {name}
        </li>
      ))}
    </ul>
  );
}

function ProductRow({ product, ownProducts, canEdit, onEdit }: { product: Product; ownProducts: Product[]; canEdit: boolean; onEdit: () => void }) {
  const t = useT(dictionaryMessages);
  const locale = useLocale();
  const compared = product.comparesWith ? ownProducts.find((p) => p.id === product.comparesWith) : undefined;
  const details = [product.spec, product.sku ? t('skuLine', { sku: product.sku }) : undefined, compared ? t('comparesWith', { name: compared.name }) : undefined].filter((d): d is string => Boolean(d));
  return (
    <li id={`dictionary-${product.id}`} tabIndex={-1} className="flex min-w-0 items-start justify-between gap-2 rounded-md border border-line px-2.5 py-1.5 text-sm outline-none">
      <div className="flex min-w-0 flex-col gap-0.5">
        <span className="flex flex-wrap items-center gap-1.5">
          <span className="font-medium break-words">{product.name}</span>
          {product.status === 'pending' && <Badge tone="warn">{t('pendingBadge')}</Badge>}
        </span>
        {details.length > 0 && (
          // Each detail stays whole (a SKU is not broken at its hyphens) unless it alone is wider than the row.
          <span className="flex flex-wrap gap-x-1.5 text-muted">
            {details.map((detail, index) => (
              <span key={detail} className="max-w-full break-words">
                {index > 0 && <span aria-hidden="true">· </span>}
                {detail}
              </span>
            ))}
          </span>
        )}
        {product.aliases.length > 0 && <span className="break-words text-xs text-muted">{t('aliasesLine', { names: product.aliases.join(locale === 'zh-CN' ? '、' : ', ') })}</span>}
        {(product.prices ?? []).map((price, index) => (
          <span key={index} className="text-muted">
            {t('priceLine', { kind: t(price.kind), price: formatUnitPrice(price.amount, price.currency, price.unit, locale), day: formatDay(price.from, locale, 'date') })}
          </span>
        ))}
      </div>
      {canEdit && (
        <Button size="sm" variant="ghost" className="shrink-0" onClick={onEdit} aria-label={t('editProductLabel', { name: product.name })}>
          {t('editProduct')}
        </Button>
      )}
    </li>
  );
}

function PendingList({
  entries,
  canEdit,
  title,
  mergeTargets,
  competitorName,
  onApprove,
  onReject,
  onMerge,
}: {
  entries: Entry[];
  canEdit: boolean;
  title: string;
  mergeTargets: { competitors: Competitor[]; products: Product[] };
  competitorName: (id: string | undefined) => string | undefined;
  onApprove: (entry: Entry) => void;
  onReject: (entry: Entry) => void;
  onMerge: (entry: Entry, targetId: string) => Promise<boolean>;
}) {
  const t = useT(dictionaryMessages);
  const locale = useLocale();
  const [merging, setMerging] = useState<string>();
  return (
    <section aria-labelledby="dictionary-pending-title" className="flex min-w-0 flex-col gap-2 rounded-lg border border-line bg-surface p-3">
      <h3 id="dictionary-pending-title" className="m-0 flex flex-wrap items-center gap-2 text-lg font-semibold">
        {title}
        {entries.length > 0 && <Badge tone="warn">{entries.length}</Badge>}
      </h3>
      {canEdit && entries.length > 0 && <p className={hintClass}>{t('pendingIntro')}</p>}
      {entries.length === 0 ? (
        <p className="m-0 text-sm text-muted">{t('noPending')}</p>
      ) : (
        <ul className="m-0 flex list-none flex-col gap-2 p-0">
          {entries.map((entry) => {
            const owner = entry.kind === 'product' ? competitorName(entry.row.competitorId) : undefined;
            const kind = entry.kind === 'competitor' ? t('competitorKind') : owner ? t('productOf', { competitor: owner }) : t('productKind');
            return (
              <li key={entry.row.id} className="flex min-w-0 flex-col gap-1.5 border-t border-line pt-2 first:border-t-0 first:pt-0">
                <div className="flex min-w-0 flex-col gap-0.5 text-sm">
                  <span className="font-medium break-words">{entry.row.name}</span>
                  <span className="text-muted">
                    {kind} · {t('addedBy', { author: profileNameFor(entry.row.author.name, locale), day: formatDay(entry.row.createdAt.slice(0, 10), locale, 'date') })}
                  </span>
                </div>
                {canEdit &&
                  (merging === entry.row.id ? (
                    <MergePanel
                      entry={entry}
                      targets={entry.kind === 'competitor' ? mergeTargets.competitors : mergeTargets.products.filter((p) => Boolean(p.competitorId) === Boolean(entry.row.competitorId))}
                      competitorName={competitorName}
                      onCancel={() => setMerging(undefined)}
                      onMerge={async (targetId) => {
                        if (await onMerge(entry, targetId)) setMerging(undefined);
                      }}
                    />
                  ) : (
                    <div className="flex flex-wrap gap-2">
                      <Button size="sm" variant="primary" onClick={() => onApprove(entry)} aria-label={t('approveLabel', { name: entry.row.name })}>
                        {t('approve')}
                      </Button>
                      <Button size="sm" onClick={() => setMerging(entry.row.id)} aria-label={t('mergeLabel', { name: entry.row.name })}>
                        {t('merge')}
                      </Button>
                      <Button size="sm" variant="danger" onClick={() => onReject(entry)} aria-label={t('rejectLabel', { name: entry.row.name })}>
                        {t('reject')}
                      </Button>
                    </div>
                  ))}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function MergePanel({
  entry,
  targets,
  competitorName,
  onCancel,
  onMerge,
}: {
  entry: Entry;
  targets: (Competitor | Product)[];
  competitorName: (id: string | undefined) => string | undefined;
  onCancel: () => void;
  onMerge: (targetId: string) => Promise<void>;
}) {
  const t = useT(dictionaryMessages);
  const headingId = useId();
  const [targetId, setTargetId] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const candidates = targets.filter((target) => target.id !== entry.row.id);
  const target = candidates.find((c) => c.id === targetId);
  const labelOf = (row: Competitor | Product) => {
    const owner = 'competitorId' in row ? competitorName(row.competitorId) : undefined;
    return [row.name, 'spec' in row ? row.spec : undefined, owner].filter(Boolean).join(' · ');
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!targetId) {
      setMissing(true);
      return;
    }
    setBusy(true);
    await onMerge(targetId);
    setBusy(false);
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby={headingId} className="flex min-w-0 flex-col gap-2 rounded-md bg-soft p-2.5">
      <h4 id={headingId} className="m-0 text-sm font-semibold break-words">
        {t('mergeTitle', { name: entry.row.name })}
      </h4>
      <Field label={t('mergeTarget')} error={missing ? t('errorTargetRequired') : undefined}>
        {(control) => (
          <select
            {...control}
            className={selectClass}
            value={targetId}
            onChange={(event) => {
              setTargetId(event.target.value);
              setMissing(false);
            }}
          >
            <option value="">{t('mergeChoose')}</option>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {labelOf(c)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Notice tone="warn">{target ? t('mergeWarning', { name: entry.row.name, target: target.name }) : t('mergeWarningNoTarget', { name: entry.row.name })}</Notice>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" variant="danger" disabled={busy} aria-busy={busy || undefined}>
          {t('mergeConfirm')}
        </Button>
        <Button size="sm" onClick={onCancel} disabled={busy}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}

function nameError(name: string, t: (key: DictionaryMessageKey) => string): string | undefined {
  if (!name.trim()) return t('errorNameRequired');
  if (name.trim().length > MAX_NAME) return t('errorTooLong');
  return undefined;
}

function CompetitorForm({ entry, onSave, onCancel }: { entry?: Competitor; onSave: (draft: { kind: 'competitor'; name: string; aliases: string[]; brands: string[] }) => Promise<void>; onCancel: () => void }) {
  const t = useT(dictionaryMessages);
  const failureText = useFailureText();
  const headingId = useId();
  const [name, setName] = useState(entry?.name ?? '');
  const [aliases, setAliases] = useState<string[]>(entry?.aliases ?? []);
  const [brands, setBrands] = useState<string[]>(entry?.brands ?? []);
  const [shown, setShown] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const problem = nameError(name, t);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    if (problem) return;
    setSaving(true);
    setError(undefined);
    try {
      await onSave({ kind: 'competitor', name: name.trim(), aliases, brands });
    } catch (failure) {
      setError(failureText(failure));
      setSaving(false);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby={headingId} className="flex max-w-xl min-w-0 flex-col gap-3">
      <h3 id={headingId} className="m-0 text-lg font-semibold break-words">
        {entry ? t('editCompetitorLabel', { name: entry.name }) : t('addCompetitor')}
      </h3>
      <Field label={t('competitorName')} hint={t('competitorNameHint')} error={shown ? problem : undefined}>
        {(control) => <input {...control} className={inputClass} value={name} maxLength={MAX_NAME + 20} onChange={(event) => setName(event.target.value)} />}
      </Field>
      <TagsInput label={t('aliases')} tags={aliases} onChange={setAliases} hint={t('aliasesHint')} />
      <TagsInput label={t('brands')} tags={brands} onChange={setBrands} hint={t('brandsHint')} />
      <FormActions saveLabel={t('saveCompetitor')} cancelLabel={t('cancel')} saving={saving} error={error} onCancel={onCancel} />
    </form>
  );
}

function ProductForm({
  entry,
  competitorId: initialCompetitorId,
  competitors,
  ownProducts,
  onSave,
  onCancel,
}: {
  entry?: Product;
  competitorId?: string;
  competitors: Competitor[];
  ownProducts: Product[];
  onSave: (draft: ProductDraft) => Promise<void>;
  onCancel: () => void;
}) {
  const t = useT(dictionaryMessages);
  const failureText = useFailureText();
  const headingId = useId();
  const [competitorId, setCompetitorId] = useState(initialCompetitorId ?? '');
  const [name, setName] = useState(entry?.name ?? '');
  const [brand, setBrand] = useState(entry?.brand ?? '');
  const [spec, setSpec] = useState(entry?.spec ?? '');
  const [sku, setSku] = useState(entry?.sku ?? '');
  const [aliases, setAliases] = useState<string[]>(entry?.aliases ?? []);
  const [comparesWith, setComparesWith] = useState(entry?.comparesWith ?? '');
  const [prices, setPrices] = useState<PriceRow[]>(() => (entry?.prices ?? []).map(priceRowOf));
  const [shown, setShown] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const problem = nameError(name, t);
  const priceProblems = competitorId ? [] : prices.map((row) => priceProblemsOf(row));
  const pricesInvalid = priceProblems.some((p) => Object.keys(p).length > 0);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    if (problem || pricesInvalid) return;
    setSaving(true);
    setError(undefined);
    try {
      await onSave({
        kind: 'product',
        ...(competitorId ? { competitorId } : {}),
        name: name.trim(),
        brand,
        spec,
        sku,
        aliases,
        ...(entry?.unit ? { unit: entry.unit } : {}),
        ...(!competitorId ? { prices: prices.map(ownPriceOf) } : {}),
        ...(competitorId && comparesWith ? { comparesWith } : {}),
      });
    } catch (failure) {
      setError(failureText(failure));
      setSaving(false);
    }
  };
  const heading = entry ? t('editProductLabel', { name: entry.name }) : t('addProduct');
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby={headingId} className="flex max-w-xl min-w-0 flex-col gap-3">
      <h3 id={headingId} className="m-0 text-lg font-semibold break-words">
        {heading}
      </h3>
      <Field label={t('owner')}>
        {(control) => (
          <select {...control} className={selectClass} value={competitorId} onChange={(event) => setCompetitorId(event.target.value)}>
            <option value="">{t('ours')}</option>
            {competitors.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('productName')} hint={t('productNameHint')} error={shown ? problem : undefined}>
        {(control) => <input {...control} className={inputClass} value={name} maxLength={MAX_NAME + 20} onChange={(event) => setName(event.target.value)} />}
      </Field>
      <div className="grid min-w-0 grid-cols-[repeat(auto-fill,minmax(12rem,1fr))] gap-3">
        <Field label={t('brand')} optional>
          {(control) => <input {...control} className={inputClass} value={brand} maxLength={MAX_NAME} onChange={(event) => setBrand(event.target.value)} />}
        </Field>
        <Field label={t('sku')} optional>
          {(control) => <input {...control} className={inputClass} value={sku} maxLength={MAX_NAME} onChange={(event) => setSku(event.target.value)} />}
        </Field>
      </div>
      <Field label={t('spec')} hint={t('specHint')} optional>
        {(control) => <input {...control} className={inputClass} value={spec} maxLength={MAX_NAME} onChange={(event) => setSpec(event.target.value)} />}
      </Field>
      <TagsInput label={t('aliases')} tags={aliases} onChange={setAliases} hint={t('productAliasesHint')} />
      {!competitorId && (
        <RowListFieldset
          legend={t('pricesLegend')}
          hint={t('pricesHint')}
          error={shown && pricesInvalid ? t('errorPrices') : undefined}
          addLabel={t('addPrice')}
          onAdd={() => setPrices([...prices, { key: crypto.randomUUID(), kind: 'retail', amount: '', unit: prices.at(-1)?.unit ?? '', from: '' }])}
        >
          {prices.map((row, index) => (
            <PriceRowFields
              key={row.key}
              row={row}
              n={index + 1}
              problems={shown ? (priceProblems[index] ?? {}) : {}}
              onChange={(next) => setPrices(prices.map((p) => (p.key === row.key ? next : p)))}
              onRemove={() => setPrices(prices.filter((p) => p.key !== row.key))}
            />
          ))}
        </RowListFieldset>
      )}
      {competitorId && ownProducts.length > 0 && (
        <Field label={t('compareWith')} optional>
          {(control) => (
            <select {...control} className={selectClass} value={comparesWith} onChange={(event) => setComparesWith(event.target.value)}>
              <option value="">{t('noCompare')}</option>
              {ownProducts.map((p) => (
                <option key={p.id} value={p.id}>
                  {[p.name, p.spec].filter(Boolean).join(' · ')}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <FormActions saveLabel={t('saveProduct')} cancelLabel={t('cancel')} saving={saving} error={error} onCancel={onCancel} />
    </form>
  );
}

interface PriceRow {
  key: string;
  kind: OwnPrice['kind'];
  amount: string;
  unit: string;
  from: string;
}

function priceRowOf(price: OwnPrice): PriceRow {
  return { key: crypto.randomUUID(), kind: price.kind, amount: String(price.amount), unit: price.unit, from: price.from };
}

function ownPriceOf(row: PriceRow): OwnPrice {
  return { kind: row.kind, amount: Number(row.amount.replace(/,/g, '')), currency: 'CNY', unit: row.unit.trim(), from: row.from };
}

/** What is wrong with a price row, by field; empty when it can be saved. */
function priceProblemsOf(row: PriceRow): Partial<Record<'amount' | 'unit' | 'from', DictionaryMessageKey>> {
  const amount = Number(row.amount.replace(/,/g, ''));
  return {
    ...(row.amount.trim() === '' || !Number.isFinite(amount) || amount < 0 ? { amount: 'errorAmount' as const } : {}),
    ...(row.unit.trim() === '' ? { unit: 'errorUnit' as const } : {}),
    ...(!/^\d{4}-\d{2}-\d{2}$/.test(row.from) || Number.isNaN(Date.parse(row.from)) ? { from: 'errorDay' as const } : {}),
  };
}

function PriceRowFields({
  row,
  n,
  problems,
  onChange,
  onRemove,
}: {
  row: PriceRow;
  n: number;
  problems: Partial<Record<'amount' | 'unit' | 'from', DictionaryMessageKey>>;
  onChange: (row: PriceRow) => void;
  onRemove: () => void;
}) {
  const t = useT(dictionaryMessages);
  const error = (field: 'amount' | 'unit' | 'from') => (problems[field] ? t(problems[field]) : undefined);
  return (
    <div className="flex min-w-0 flex-col gap-2 border-t border-line pt-2 first-of-type:border-t-0 first-of-type:pt-0">
      <div className="grid min-w-0 grid-cols-[repeat(auto-fill,minmax(10.5rem,1fr))] gap-2">
        <Field label={t('priceKind', { n })}>
          {(control) => (
            <select {...control} className={selectClass} value={row.kind} onChange={(event) => onChange({ ...row, kind: event.target.value as OwnPrice['kind'] })}>
              <option value="retail">{t('retail')}</option>
              <option value="wholesale">{t('wholesale')}</option>
              <option value="supply">{t('supply')}</option>
            </select>
          )}
        </Field>
        <Field label={t('priceAmount', { n })} error={error('amount')}>
          {(control) => <input {...control} className={inputClass} inputMode="decimal" value={row.amount} onChange={(event) => onChange({ ...row, amount: event.target.value })} />}
        </Field>
        <Field label={t('priceUnit', { n })} error={error('unit')}>
          {(control) => <input {...control} className={inputClass} value={row.unit} maxLength={50} onChange={(event) => onChange({ ...row, unit: event.target.value })} />}
        </Field>
      </div>
      <div className="flex min-w-0 items-end gap-2">
        <Field label={t('priceFrom', { n })} error={error('from')} className="min-w-0 flex-1">
          {(control) => <DatePicker {...control} value={row.from} onValueChange={(from) => onChange({ ...row, from })} />}
        </Field>
        <Button variant="icon" onClick={onRemove} aria-label={t('removePrice', { n })} title={t('removePrice', { n })} className="mb-1 shrink-0">
          <X aria-hidden="true" className="size-4" />
        </Button>
      </div>
    </div>
  );
}
