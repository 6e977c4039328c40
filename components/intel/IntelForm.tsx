import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type BaseSyntheticEvent, type ReactNode } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { Trash2, X } from 'lucide-react';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from '../../lib/kernel/zod';
import type { RecordDraft } from '../../lib/store/records';
import { IntelItem, PriceKind, PromotionType } from '../../lib/intel/schema';
import { parseIntelText, type ParsedIntel } from '../../lib/intel/parse';
import type { NearDuplicateProbe, NearDuplicateView } from '../../lib/intel/near-duplicate-schema';
import { NearDuplicateHint } from './NearDuplicateHint';
import { useT } from '../shell/locale';
import {
  AddRowButton,
  Button,
  DatePicker,
  Field,
  FieldError,
  FormActions,
  Notice,
  cn,
  errorMessageOf,
  fieldsetClass,
  hintClass,
  inputClass,
  labelClass,
  legendClass,
  selectClass,
  textareaClass,
  type FieldControlProps,
} from '../ui';
import { intelFormMessages, type IntelFormMessageKey } from './messages';

export interface IntelFormProps {
  /** What the capture found on the page. Untrusted: shown as plain text only. */
  initial?: { sourceUrl?: string; sourceTitle?: string; sourceText?: string; screenshot?: string; dealerId?: string };
  /**
   * A stored item to edit: every field starts from it, its source and screenshot are kept, and
   * the draft carries its `id` so saving updates it instead of adding a new one.
   */
  item?: IntelItem;
  /** Known competitor names, offered as suggestions. */
  competitors: string[];
  dealers?: { id: string; name: string }[];
  /** YYYY-MM-DD in the rep's zone. */
  today: string;
  /** `addTo`: the rep chose to add this as a sighting of an earlier near-duplicate item. */
  onSave(draft: RecordDraft<'intelItems'>, options?: { addTo?: string }): Promise<void>;
  onCancel?(): void;
  /** Keep Save in view at the bottom of a scrolling host padded `p-4` (the capture overlay). */
  stickyActions?: boolean;
  /**
   * What the page's title and selection name through the competitor dictionary (competitor,
   * brand, product, spec, SKU), for a new item: the rep confirms or changes it.
   */
  suggest?(page: { title?: string; text?: string }): PageSuggestion;
  /** Earlier items the draft may repeat (anyone's, last 7 days); absent: no hint. */
  findNearDuplicates?(probe: NearDuplicateProbe): Promise<NearDuplicateView[]>;
}

/** What the dictionary recognised on the page. */
export type PageSuggestion = Partial<Record<'competitorName' | 'brand' | 'product' | 'spec' | 'sku', string>>;

/** How long the form waits after the last keystroke before asking for near-duplicates. */
const NEAR_DUPLICATE_DELAY_MS = 250;

/** The schema's caps, read from it so the form and the store never disagree. */
const SOURCE_TEXT_MAX = IntelItem.shape.sourceText.unwrap().maxLength ?? 5000;
const SOURCE_TITLE_MAX = IntelItem.shape.sourceTitle.unwrap().maxLength ?? 500;
const SCREENSHOT_PATTERN = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/;
const PRICE_UNITS = ['元/条', '元/包', '元/箱', '元/瓶', '元/件', '元/桶', '元/升'];
const PRICE_KINDS = PriceKind.options;
const PROMOTION_TYPES = PromotionType.options;

type PriceKindValue = (typeof PRICE_KINDS)[number];
type PromotionTypeValue = (typeof PROMOTION_TYPES)[number];

function isAmount(text: string): boolean {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value >= 0;
}

/** A source URL is kept only when it is a well-formed http(s) URL within the schema's cap. */
function safeSourceUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  } catch {
    return undefined;
  }
  return IntelItem.shape.sourceUrl.safeParse(url).success ? url : undefined;
}

function intelFormSchema(today: string) {
  const text200 = z.string().max(200, { error: 'errorTooLong' });
  const optionalDay = z.union([z.literal(''), z.iso.date({ error: 'errorDay' })]);
  return z
    .object({
      observedDay: z.iso.date({ error: 'errorDay' }).refine((day) => day <= today, { error: 'errorFutureDay' }),
      competitorName: z.string().trim().min(1, { error: 'errorCompetitorRequired' }).max(200, { error: 'errorTooLong' }),
      brand: text200,
      product: text200,
      sku: text200,
      spec: text200,
      prices: z.array(
        // A price without a unit is the price the page lists for the product (its spec says the pack).
        z.object({
          kind: PriceKind,
          currency: z.string(),
          amount: z.string().refine((text) => text.trim() === '' || isAmount(text), { error: 'errorAmount' }),
          unit: z.string().trim().max(50, { error: 'errorTooLong' }),
        }),
      ),
      promotionType: z.union([z.literal(''), PromotionType]),
      promotionDescription: z.string().max(2000, { error: 'errorTooLong' }),
      promotionFrom: optionalDay,
      promotionTo: optionalDay,
      channel: text200,
      region: text200,
      dealerId: z.string(),
      confidence: z.enum(['low', 'medium', 'high']),
    })
    .refine((values) => values.promotionType !== '' || values.promotionDescription.trim() === '', {
      error: 'errorPromotionTypeRequired',
      path: ['promotionType'],
    })
    .refine((values) => !values.promotionFrom || !values.promotionTo || values.promotionTo >= values.promotionFrom, {
      error: 'errorPeriodOrder',
      path: ['promotionTo'],
    });
}
type IntelFormValues = z.input<ReturnType<typeof intelFormSchema>>;

type PriceRow = { kind: PriceKindValue; currency: string; amount: string; unit: string };
const emptyPrice = (): PriceRow => ({ kind: 'retail', currency: 'CNY', amount: '', unit: '' });

/** A parsed price as a form row: "元/条" for yuan, "$/bottle" otherwise; no unit when the text said none. */
function priceRowOf(price: ParsedIntel['prices'][number]): PriceRow {
  const money = price.currency === 'CNY' ? '元' : price.currency;
  return { kind: price.kind, currency: price.currency, amount: String(price.amount), unit: price.unit ? `${money}/${price.unit}` : '' };
}

/**
 * What the selected text suggests (lib/intel/parse.ts): the prices it sells at now (a struck-out
 * original only when it is the only price) and its promotion. The rep confirms or changes them.
 */
function suggestedFrom(text: string | undefined, today: string): Partial<IntelFormValues> {
  if (!text?.trim()) return {};
  const parsed = parseIntelText(text, { today });
  const now = parsed.prices.filter((price) => price.label !== 'original');
  const prices = (now.length > 0 ? now : parsed.prices).slice(0, 4).map(priceRowOf);
  const promotion = parsed.promotion;
  return {
    ...(prices.length > 0 ? { prices } : {}),
    ...(promotion
      ? { promotionType: promotion.type, promotionDescription: promotion.terms, promotionFrom: promotion.from ?? '', promotionTo: promotion.to ?? '' }
      : {}),
  };
}

/** The form's values: blank for a new observation (with what the selection suggests), or those of the item being edited. */
function valuesOf(item: IntelItem | undefined, today: string, dealerId = '', selection?: string, page: PageSuggestion = {}): IntelFormValues {
  if (!item) {
    return {
      observedDay: today,
      competitorName: '',
      brand: '',
      product: '',
      sku: '',
      spec: '',
      prices: [emptyPrice()],
      promotionType: '',
      promotionDescription: '',
      promotionFrom: '',
      promotionTo: '',
      channel: '',
      region: '',
      dealerId,
      confidence: 'medium',
      ...Object.fromEntries(Object.entries(page).filter(([, value]) => typeof value === 'string' && value.trim() !== '').map(([key, value]) => [key, value!.slice(0, 200)])),
      ...suggestedFrom(selection, today),
    };
  }
  return {
    observedDay: item.observedDay,
    competitorName: item.competitorName,
    brand: item.brand ?? '',
    product: item.product ?? '',
    sku: item.sku,
    spec: item.spec ?? '',
    prices: item.prices.length > 0 ? item.prices.map((price) => ({ kind: price.kind, currency: price.currency, amount: String(price.amount), unit: price.unit })) : [emptyPrice()],
    promotionType: item.promotion?.type ?? '',
    promotionDescription: item.promotion?.description ?? '',
    promotionFrom: item.promotion?.from ?? '',
    promotionTo: item.promotion?.to ?? '',
    channel: item.channel ?? '',
    region: item.region ?? '',
    dealerId: item.dealerId ?? '',
    confidence: item.confidence,
  };
}

/**
 * Competitor intel in one step: only the competitor is required. Whatever the capture brought
 * from the page (URL, title, selected text, screenshot) is shown as text and saved with it.
 */
export function IntelForm({ initial, item, competitors, dealers = [], today, onSave, onCancel, suggest, findNearDuplicates, stickyActions = false }: IntelFormProps) {
  const t = useT(intelFormMessages);
  const [saveError, setSaveError] = useState<string>();
  const schema = useMemo(() => intelFormSchema(today), [today]);

  // Captured once: the page may change under an open form, what the rep saw must not. An edited
  // item keeps the source it was saved with.
  const [source] = useState(() => {
    const from = item ?? initial;
    const text = from?.sourceText ?? '';
    return {
      url: safeSourceUrl(from?.sourceUrl),
      title: from?.sourceTitle?.slice(0, SOURCE_TITLE_MAX) || undefined,
      text: text.slice(0, SOURCE_TEXT_MAX) || undefined,
      truncated: text.length > SOURCE_TEXT_MAX,
    };
  });
  const [screenshot, setScreenshot] = useState(() => {
    const shot = (item ?? initial)?.screenshot;
    return shot && SCREENSHOT_PATTERN.test(shot) && shot.length <= 3_000_000 ? shot : undefined;
  });
  // A dealer the item names that is not among `dealers` (no longer assigned) stays selectable.
  const missingDealer = item?.dealerId && !dealers.some((dealer) => dealer.id === item.dealerId) ? item.dealerId : undefined;

  const {
    register,
    control: formControl,
    handleSubmit,
    getValues,
    watch,
    formState: { errors },
  } = useForm<IntelFormValues>({
    resolver: zodResolver(schema),
    defaultValues: valuesOf(item, today, initial?.dealerId, initial?.sourceText, item ? {} : suggestSafely(suggest, { title: initial?.sourceTitle, text: initial?.sourceText })),
  });
  const prices = useFieldArray({ control: formControl, name: 'prices' });

  const message = (error: { message?: string } | undefined) => (error?.message ? t(error.message as IntelFormMessageKey) : undefined);

  // Near-duplicates of what the form holds now, asked again a moment after the rep stops typing.
  const [duplicates, setDuplicates] = useState<NearDuplicateView[]>([]);
  const probeKey = JSON.stringify(probeOf(watch(), item?.id));
  useEffect(() => {
    if (!findNearDuplicates) return;
    const probe = JSON.parse(probeKey) as NearDuplicateProbe | null;
    if (!probe) {
      setDuplicates([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      findNearDuplicates(probe).then(
        (found) => current && setDuplicates(found),
        () => current && setDuplicates([]), // a hint that cannot be had is no reason to stop a save
      );
    }, NEAR_DUPLICATE_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [probeKey, findNearDuplicates]);
  /** Set by the hint's "add to this one" for the submit it starts. */
  const addToRef = useRef<string | undefined>(undefined);

  const save = async (values: IntelFormValues) => {
    const addTo = addToRef.current;
    addToRef.current = undefined;
    setSaveError(undefined);
    const optional = (text: string) => text.trim() || undefined;
    const competitorName = values.competitorName.trim();
    const draft: RecordDraft<'intelItems'> = {
      observedDay: values.observedDay,
      competitorName,
      sku: values.sku.trim(),
      prices: values.prices
        .filter((price) => price.amount.trim() !== '')
        .map((price) => ({ kind: price.kind, amount: Number(price.amount), currency: price.currency || 'CNY', unit: price.unit.trim() })),
      confidence: values.confidence,
    };
    const extras = {
      id: item?.id,
      // Fields the form does not show survive an edit; the dictionary link only while the name is unchanged.
      competitorId: item && competitorName === item.competitorName ? item.competitorId : undefined,
      terminalId: item?.terminalId,
      sightings: item?.sightings,
      brand: optional(values.brand),
      product: optional(values.product),
      spec: optional(values.spec),
      channel: optional(values.channel),
      region: optional(values.region),
      dealerId: optional(values.dealerId),
      sourceUrl: source.url,
      sourceTitle: source.title,
      sourceText: source.text,
      screenshot,
    };
    for (const [key, value] of Object.entries(extras)) if (value !== undefined) Object.assign(draft, { [key]: value });
    if (values.promotionType) {
      draft.promotion = { type: values.promotionType, description: values.promotionDescription.trim() };
      if (values.promotionFrom) draft.promotion.from = values.promotionFrom;
      if (values.promotionTo) draft.promotion.to = values.promotionTo;
    }
    try {
      await onSave(draft, addTo ? { addTo } : undefined);
    } catch (error) {
      setSaveError(errorMessageOf(error));
    }
  };
  // Values that fail the checks go through the form library, which shows each error by its field.
  const submitWithErrors = handleSubmit(save);
  const [busy] = useState(createFlag);
  const submit = async (event?: BaseSyntheticEvent) => {
    event?.preventDefault();
    if (busy.get()) return;
    // The usual save holds valid values: checked here, outside the form library's submit state,
    // so saving re-renders only the buttons, not the whole form twice (`npm run bench capture`).
    const checked = schema.safeParse(getValues());
    if (!checked.success) return submitWithErrors(event);
    busy.set(true);
    try {
      await save(checked.data as IntelFormValues);
    } finally {
      busy.set(false);
    }
  };

  const listId = useId();
  const competitorListId = `${listId}-competitors`;
  const unitListId = `${listId}-units`;
  const hasSource = source.url || source.title || screenshot;
  const dealerId = watch('dealerId');
  const dealerName = dealerId ? (dealers.find((dealer) => dealer.id === dealerId)?.name ?? t('unlistedDealer')) : t('noDealer');

  return (
    <form onSubmit={submit} noValidate aria-label={t(item ? 'editTitle' : 'formTitle')} className="@container flex flex-col gap-4">
      {source.text && (
        // What the rep selected, on top: the words the suggestions below were read from. Page text
        // is rendered as a text node only, never as HTML.
        <figure className="m-0 flex min-w-0 flex-col gap-1">
          <figcaption className="text-sm text-muted">{t('selectionQuote')}</figcaption>
          <blockquote
            className="m-0 max-h-32 overflow-y-auto rounded-md border-l-4 border-accent bg-soft px-2.5 py-2 text-sm whitespace-pre-wrap [overflow-wrap:anywhere]"
            data-testid="intel-source-text"
          >
            {source.text}
          </blockquote>
          {source.truncated && <p className={hintClass}>{t('sourceTextTruncated', { max: String(SOURCE_TEXT_MAX) })}</p>}
        </figure>
      )}
      <div className="grid grid-cols-1 gap-3 @min-[400px]:grid-cols-2">
        <Field label={t('competitor')} hint={t('competitorHint')} error={message(errors.competitorName)}>
          {(control) => <input type="text" list={competitorListId} aria-required="true" maxLength={200} {...control} {...register('competitorName')} className={inputClass} />}
        </Field>
        <Field label={t('observedDay')} error={message(errors.observedDay)}>
          {(control) => (
            <Controller
              control={formControl}
              name="observedDay"
              render={({ field }) => <DatePicker {...control} name={field.name} value={field.value} onValueChange={field.onChange} onBlur={field.onBlur} max={today} />}
            />
          )}
        </Field>
      </div>
      <datalist id={competitorListId}>
        {competitors.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>

      {/* The product needs the width; brand and spec are short, side by side; then the SKU. */}
      <div className="grid grid-cols-2 gap-3">
        {(['product', 'brand', 'spec', 'sku'] as const).map((name) => (
          <Field key={name} label={t(name)} error={message(errors[name])} optional className={name === 'product' || name === 'sku' ? 'col-span-2' : undefined}>
            {(control) => <input type="text" maxLength={200} {...control} {...register(name)} className={inputClass} />}
          </Field>
        ))}
      </div>

      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t('prices')}</legend>
        <datalist id={unitListId}>
          {PRICE_UNITS.map((unit) => (
            <option key={unit} value={unit} />
          ))}
        </datalist>
        {prices.fields.map((field, index) => {
          const n = index + 1;
          const rowErrors = errors.prices?.[index];
          return (
            <div key={field.id} role="group" aria-label={t('priceRow', { n })} className="flex flex-col gap-2 rounded-md bg-soft p-2">
              {prices.fields.length > 1 && (
                <div className="flex min-h-7 items-center justify-between gap-2">
                  <span className="text-sm font-semibold text-muted" aria-hidden="true">
                    {t('priceRow', { n })}
                  </span>
                  <Button variant="ghost" size="sm" aria-label={t('removePrice', { n })} onClick={() => prices.remove(index)}>
                    <X aria-hidden="true" className="size-3.5" />
                    {t('remove')}
                  </Button>
                </div>
              )}
              <div className="grid grid-cols-2 gap-2 @min-[400px]:grid-cols-[minmax(0,4fr)_minmax(0,3fr)_minmax(0,3fr)]">
                <PriceField label={t('priceKindShort')} name={t('priceKind', { n })} className="col-span-2 @min-[400px]:col-span-1">
                  {(control) => (
                    <select {...control} {...register(`prices.${index}.kind`)} className={selectClass}>
                      {PRICE_KINDS.map((kind) => (
                        <option key={kind} value={kind}>
                          {t(kind)}
                        </option>
                      ))}
                    </select>
                  )}
                </PriceField>
                <PriceField label={t('priceAmountShort')} name={t('priceAmount', { n })} error={message(rowErrors?.amount)}>
                  {(control) => (
                    <input type="number" inputMode="decimal" min={0} step="any" {...control} {...register(`prices.${index}.amount`)} className={cn(inputClass, 'tabular-nums')} />
                  )}
                </PriceField>
                <PriceField label={t('priceUnitShort')} name={t('priceUnit', { n })} error={message(rowErrors?.unit)}>
                  {(control) => <input type="text" list={unitListId} maxLength={50} {...control} {...register(`prices.${index}.unit`)} className={inputClass} />}
                </PriceField>
              </div>
            </div>
          );
        })}
        <AddRowButton onClick={() => prices.append(emptyPrice())}>{t('addPrice')}</AddRowButton>
      </fieldset>

      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t('promotion')}</legend>
        <Field label={t('promotionType')} error={message(errors.promotionType)}>
          {(control) => (
            <select {...control} {...register('promotionType')} className={selectClass}>
              <option value="">{t('noPromotion')}</option>
              {PROMOTION_TYPES.map((type: PromotionTypeValue) => (
                <option key={type} value={type}>
                  {t(type)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('promotionDescription')} error={message(errors.promotionDescription)} optional>
          {(control) => <textarea rows={2} maxLength={2000} {...control} {...register('promotionDescription')} className={textareaClass} />}
        </Field>
        <div className="grid grid-cols-1 gap-3 @min-[400px]:grid-cols-2">
          {(['promotionFrom', 'promotionTo'] as const).map((name) => (
            <Field key={name} label={t(name)} error={message(errors[name])} optional>
              {(control) => (
                <Controller
                  control={formControl}
                  name={name}
                  render={({ field }) => <DatePicker {...control} name={field.name} value={field.value} onValueChange={field.onChange} onBlur={field.onBlur} />}
                />
              )}
            </Field>
          ))}
        </div>
      </fieldset>

      <div className="grid grid-cols-2 gap-3">
        <Field label={t('channel')} error={message(errors.channel)} optional>
          {(control) => <input type="text" maxLength={200} {...control} {...register('channel')} className={inputClass} />}
        </Field>
        <Field label={t('region')} error={message(errors.region)} optional>
          {(control) => <input type="text" maxLength={200} {...control} {...register('region')} className={inputClass} />}
        </Field>
        {(dealers.length > 0 || missingDealer) && (
          <Field label={t('dealer')} optional className="col-span-2">
            {(control) => (
              <select {...control} {...register('dealerId')} title={dealerName} className={cn(selectClass, 'truncate')}>
                <option value="">{t('noDealer')}</option>
                {missingDealer && <option value={missingDealer}>{t('unlistedDealer')}</option>}
                {dealers.map((dealer) => (
                  <option key={dealer.id} value={dealer.id}>
                    {dealer.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('confidence')} className="col-span-2 @min-[400px]:col-span-1">
          {(control) => (
            <select {...control} {...register('confidence')} className={cn(selectClass, 'truncate')}>
              {(['low', 'medium', 'high'] as const).map((level) => (
                <option key={level} value={level}>
                  {t(level)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      {hasSource && (
        <section aria-labelledby={`${listId}-source`} className="flex min-w-0 flex-col gap-2 rounded-lg border border-line p-3">
          <h3 id={`${listId}-source`} className="m-0 text-base font-semibold">
            {t('source')}
          </h3>
          {/* Everything here came from a web page: rendered as text nodes only, never as HTML. */}
          {(source.title || source.url) && (
            <dl className="m-0 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
              {source.title && (
                <>
                  <dt className="text-muted">{t('sourceTitle')}</dt>
                  <dd className="m-0 break-words [overflow-wrap:anywhere]">{source.title}</dd>
                </>
              )}
              {source.url && (
                <>
                  <dt className="text-muted">{t('sourceUrl')}</dt>
                  <dd className="m-0 [overflow-wrap:anywhere]">
                    <a href={source.url} target="_blank" rel="noopener noreferrer" className={linkClass}>
                      {source.url}
                    </a>
                  </dd>
                </>
              )}
            </dl>
          )}
          {screenshot && (
            <div className="flex flex-col items-start gap-2">
              <p className="m-0 text-sm text-muted">{t('screenshot')}</p>
              <img src={screenshot} alt={t('screenshotAlt')} className="max-h-44 max-w-full rounded-md border border-line" />
              <Button size="sm" onClick={() => setScreenshot(undefined)}>
                <Trash2 aria-hidden="true" className="size-3.5" />
                {t('removeScreenshot')}
              </Button>
            </div>
          )}
        </section>
      )}

      {saveError !== undefined && (
        <div role="alert" className="flex flex-col gap-1">
          <Notice tone="danger">{t('saveFailed')}</Notice>
          {saveError && (
            <details className="text-xs text-muted">
              <summary className="cursor-pointer">{t('technicalDetails')}</summary>
              <p className="m-0 mt-1 font-mono [overflow-wrap:anywhere]">{saveError}</p>
            </details>
          )}
        </div>
      )}
      <WhileSubmitting busy={busy}>
        {(submitting) => (
          <>
            <NearDuplicateHint
              items={duplicates}
              busy={submitting}
              onAddTo={(id) => {
                addToRef.current = id;
                void submit();
              }}
            />
            <FormActions saveLabel={t(duplicates.length > 0 ? 'saveAsNew' : 'save')} cancelLabel={t('cancel')} saving={submitting} error={undefined} onCancel={onCancel} sticky={stickyActions} />
          </>
        )}
      </WhileSubmitting>
    </form>
  );
}

/** Only the buttons follow the save in progress. */
function WhileSubmitting({ busy, children }: { busy: Flag; children: (submitting: boolean) => ReactNode }) {
  return children(useSyncExternalStore(busy.subscribe, busy.get));
}

/** A boolean the form sets and only its buttons follow. */
interface Flag {
  get(): boolean;
  set(value: boolean): void;
  subscribe(listener: () => void): () => void;
}

function createFlag(): Flag {
  let value = false;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      if (next === value) return;
      value = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Links to pages the intel came from. */
const linkClass = 'text-accent underline underline-offset-2 hover:text-accent-hover';

/**
 * A control of one price row: a short visible label ("Amount") in the row, while its accessible
 * name says which row ("Price 2 amount"), as do its announced errors.
 */
function PriceField({
  label,
  name,
  error,
  className,
  children,
}: {
  label: string;
  name: string;
  error?: string;
  className?: string;
  children: (control: FieldControlProps & { 'aria-label': string }) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={cn('flex min-w-0 flex-col gap-1', className)}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children({ id, 'aria-label': name, 'aria-describedby': error ? errorId : undefined, 'aria-invalid': error ? true : undefined })}
      <div id={errorId}>
        <FieldError label={name} message={error} />
      </div>
    </div>
  );
}

/** A suggestion that fails (a broken dictionary row) leaves the form as it would be without one. */
function suggestSafely(suggest: IntelFormProps['suggest'], page: { title?: string; text?: string }): PageSuggestion {
  try {
    return suggest?.(page) ?? {};
  } catch {
    return {};
  }
}

/** What the near-duplicate check compares, or null while there is nothing to compare (no competitor or price). */
function probeOf(values: IntelFormValues, excludeId: string | undefined): NearDuplicateProbe | null {
  const competitorName = values.competitorName.trim();
  const prices = values.prices
    .filter((price) => isAmount(price.amount))
    .map((price) => ({ kind: price.kind, amount: Number(price.amount), currency: price.currency || 'CNY', unit: price.unit.trim() }));
  if (!competitorName || prices.length === 0 || !/^\d{4}-\d{2}-\d{2}$/.test(values.observedDay)) return null;
  return {
    competitorName: competitorName.slice(0, 200),
    ...(values.product.trim() ? { product: values.product.trim().slice(0, 200) } : {}),
    sku: values.sku.trim().slice(0, 200),
    observedDay: values.observedDay,
    prices: prices.slice(0, 20),
    ...(excludeId ? { excludeId } : {}),
  };
}
