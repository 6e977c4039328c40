import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from '../../lib/kernel/zod';
import { isoWeekOf } from '../../lib/kernel/dates';
import type { RecordDraft } from '../../lib/store/records';
import type { VisitCard } from '../../lib/visits/schema';
import { useLocale, useT } from '../shell/locale';
import { formatDay, formatWeek } from '../../lib/kernel/format';
import { formatQuantity, unitLabel, type UnitCode } from '../../lib/kernel/units';
import {
  Cell,
  Checkbox,
  DatePicker,
  Field,
  FormActions,
  Notice,
  TableHead,
  TagsInput,
  cn,
  errorMessageOf,
  fieldsetClass,
  hintClass,
  inputClass,
  legendClass,
  selectClass,
  tableClass,
  textareaClass,
} from '../ui';
import { ErrorDetails } from '../ui/ErrorDetails';
import { visitCardMessages, type VisitCardMessageKey } from './messages';
import { VisitLockedError, type PhotoDraft } from '../../lib/visits/save';
import type { VisitLockReason } from '../../lib/visits/edit-rule';
import { PhotoPicker, type PhotoItem } from './PhotoPicker';
import { ACTION_KEYS, earlierCardsOf, lastInventoryCardOf, previousPeriodSalesOf, recentOrdersOf, recentPurchasesOf } from '../../lib/visits/history';

export interface VisitCardFormProps {
  dealers: { id: string; name: string }[];
  /** Preselects a dealer (e.g. opened from a dealer's page). */
  dealerId?: string;
  /**
   * The dealer's cards up to and including `visitDay`, newest first: the source of every
   * prefilled number. Called whenever the dealer or the day changes; the card being edited may
   * be among them (it is left out here).
   */
  loadHistory(dealerId: string, visitDay: string): Promise<VisitCard[]>;
  requiredSkus?: string[];
  /** Editing an existing card. */
  initial?: VisitCard;
  /** The display photos of the card being edited, in order. */
  initialPhotos?: readonly (PhotoDraft & { id: string })[];
  /** YYYY-MM-DD in the rep's zone. */
  today: string;
  /**
   * Saves the card and exactly `photos` as its display photos (stored ones keep their id). A
   * VisitLockedError is shown as its own sentence; any other rejection as a save failure.
   */
  onSave(draft: RecordDraft<'visitCards'>, photos: PhotoDraft[]): Promise<void>;
  onCancel?(): void;
}

const DEFAULT_UNIT: UnitCode = 'case';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Offered in the unit field, in the UI language; anything else can be typed. */
const UNIT_SUGGESTIONS: UnitCode[] = ['case', 'carton', 'bottle', 'piece', 'drum', 'pack'];

/** What `loadHistory` returned for one dealer and day (or why it failed). */
interface LoadedHistory {
  dealerId: string;
  visitDay: string;
  cards: VisitCard[];
  error?: string;
}

function isQuantity(text: string): boolean {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value >= 0;
}

function toQuantity(text: string): number | undefined {
  return isQuantity(text) ? Number(text) : undefined;
}

function quantityText(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

/** Validates what the form holds (strings from inputs); messages are keys of the feature bundle. */
function visitCardFormSchema(today: string) {
  const quantity = z.string().refine((text) => text.trim() === '' || isQuantity(text), { error: 'errorQuantity' });
  return z.object({
    dealerId: z.string().min(1, { error: 'errorDealerRequired' }),
    visitDay: z.iso.date({ error: 'errorDay' }).refine((day) => day <= today, { error: 'errorFutureDay' }),
    previousPeriodSales: quantity,
    currentInventory: quantity,
    orderQuantity: quantity,
    unit: z.string().trim().min(1, { error: 'errorUnitRequired' }),
    orderedSkus: z.array(z.string()),
    requiredSkus: z.array(z.object({ sku: z.string(), carried: z.boolean() })),
    actions: z.object({
      checkedInventory: z.boolean(),
      didDisplay: z.boolean(),
      tookOrder: z.boolean(),
      recommendedNewProducts: z.boolean(),
    }),
    keyAccount: z.boolean(),
    note: z.string().max(2000, { error: 'errorNoteTooLong' }),
  });
}
type VisitCardFormValues = z.input<ReturnType<typeof visitCardFormSchema>>;

/**
 * The customer card (客户卡): pick a dealer and the history fills in the rest, so the rep types a
 * few numbers. Presentational: data in by props (the dealer's history through `loadHistory`),
 * the draft out through `onSave`.
 */
export function VisitCardForm({ dealers, dealerId: presetDealerId, loadHistory, requiredSkus = [], initial, initialPhotos = [], today, onSave, onCancel }: VisitCardFormProps) {
  const t = useT(visitCardMessages);
  const locale = useLocale();
  const [saveError, setSaveError] = useState<string>();
  const [locked, setLocked] = useState<VisitLockReason>();
  const [photos, setPhotos] = useState<PhotoItem[]>(() => initialPhotos.map((photo) => ({ ...photo, key: photo.id })));
  const [photosBusy, setPhotosBusy] = useState(false);
  const schema = useMemo(() => visitCardFormSchema(today), [today]);

  const defaultValues = useMemo((): VisitCardFormValues => {
    const requiredList = [...new Set([...requiredSkus, ...(initial?.requiredSkus ?? []).map((r) => r.sku)])];
    const carried = new Map((initial?.requiredSkus ?? []).map((r) => [r.sku, r.carried]));
    const base = {
      orderedSkus: initial?.orderedSkus ?? [],
      requiredSkus: requiredList.map((sku) => ({ sku, carried: carried.get(sku) ?? false })),
      actions: initial?.actions ?? { checkedInventory: false, didDisplay: false, tookOrder: false, recommendedNewProducts: false },
      keyAccount: initial?.keyAccount ?? false,
      note: initial?.note ?? '',
    };
    if (initial) {
      return {
        ...base,
        dealerId: initial.dealerId,
        visitDay: initial.visitDay,
        previousPeriodSales: quantityText(initial.previousPeriodSales),
        currentInventory: quantityText(initial.currentInventory),
        orderQuantity: quantityText(initial.orderQuantity),
        unit: initial.unit,
      };
    }
    // 往期销量 and the unit are prefilled once the dealer's history has loaded (see `refillPending`).
    return {
      ...base,
      dealerId: presetDealerId ?? '',
      visitDay: today,
      previousPeriodSales: '',
      currentInventory: '',
      orderQuantity: '',
      unit: unitLabel(DEFAULT_UNIT, locale),
    };
    // The form is initialised once; later prop changes must not wipe what the rep typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const {
    register,
    control,
    handleSubmit,
    setValue,
    getValues,
    getFieldState,
    formState: { errors, isSubmitting },
  } = useForm<VisitCardFormValues>({ resolver: zodResolver(schema), defaultValues });

  const [dealerId, visitDay, currentInventory] = useWatch({ control, name: ['dealerId', 'visitDay', 'currentInventory'] });
  const validDay = DAY.test(visitDay) ? visitDay : today;

  // The chosen dealer's history, loaded again whenever the dealer or the day changes. Only the
  // answer for what is chosen now counts: a late answer for an earlier choice is ignored.
  const [loaded, setLoaded] = useState<LoadedHistory>();
  const load = useEffectEvent((chosen: string, day: string) => loadHistory(chosen, day));
  useEffect(() => {
    if (!dealerId) return;
    let current = true;
    load(dealerId, validDay).then(
      (cards) => current && setLoaded({ dealerId, visitDay: validDay, cards }),
      (error: unknown) => current && setLoaded({ dealerId, visitDay: validDay, cards: [], error: errorMessageOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [dealerId, validDay]);
  const loadedNow = loaded !== undefined && loaded.dealerId === dealerId && loaded.visitDay === validDay ? loaded : undefined;
  const earlier = useMemo(() => (loadedNow ? earlierCardsOf(loadedNow.cards, loadedNow.dealerId, loadedNow.visitDay, initial?.id) : []), [loadedNow, initial?.id]);
  const recentOrders = useMemo(() => recentOrdersOf(earlier), [earlier]);
  const lastInventoryCard = lastInventoryCardOf(earlier);
  const sameInventoryAsLastTime =
    lastInventoryCard !== undefined && isQuantity(currentInventory) && Number(currentInventory) === lastInventoryCard.currentInventory;
  const skuSuggestions = useMemo(
    () => [...new Set([...requiredSkus, ...earlier.flatMap((card) => card.orderedSkus)])],
    [requiredSkus, earlier],
  );

  /**
   * Prefills from the chosen dealer's history, without overwriting what the rep changed: on a new
   * card once its dealer's history arrives, and after every change of dealer or day. An edited
   * card keeps its stored numbers until the rep changes its dealer or day.
   */
  const refillPending = useRef(!initial);
  const refillAfterChange = () => {
    refillPending.current = true;
  };
  useEffect(() => {
    if (!refillPending.current || !loadedNow || loadedNow.error) return;
    const { dealerId: chosen, visitDay: day } = getValues();
    if (chosen !== loadedNow.dealerId || day !== loadedNow.visitDay) return;
    refillPending.current = false;
    if (!getFieldState('previousPeriodSales').isDirty) setValue('previousPeriodSales', quantityText(previousPeriodSalesOf(earlier, day)));
    if (!getFieldState('unit').isDirty && earlier[0]) setValue('unit', unitLabel(earlier[0].unit, locale));
    // dealerId and visitDay: a change back to what is already loaded refills too.
  }, [loadedNow, earlier, dealerId, visitDay, getValues, getFieldState, setValue, locale]);

  /** Typing a count or an order ticks the matching action, unless the rep set it by hand. */
  const autoTick = (action: 'checkedInventory' | 'tookOrder', done: boolean) => {
    if (!getFieldState(`actions.${action}`).isDirty) setValue(`actions.${action}`, done);
  };

  const message = (error: { message?: string } | undefined) => (error?.message ? t(error.message as VisitCardMessageKey) : undefined);

  const submit = handleSubmit(async (values) => {
    setSaveError(undefined);
    setLocked(undefined);
    const day = values.visitDay;
    try {
      // Saved before the history arrived (or after it failed to): ask once more.
      const history =
        loadedNow && !loadedNow.error && loadedNow.dealerId === values.dealerId && loadedNow.visitDay === day
          ? loadedNow.cards
          : await loadHistory(values.dealerId, day);
      const draft: RecordDraft<'visitCards'> = {
        dealerId: values.dealerId,
        visitDay: day,
        // The store derives the week from visitDay on save; the draft type still requires it.
        isoWeek: isoWeekOf(day),
        unit: values.unit.trim(),
        orderedSkus: values.orderedSkus,
        requiredSkus: values.requiredSkus,
        recentPurchases: recentPurchasesOf(earlierCardsOf(history, values.dealerId, day, initial?.id)),
        actions: values.actions,
        keyAccount: values.keyAccount,
        note: values.note.trim(),
      };
      if (initial) draft.id = initial.id;
      if (initial?.terminalId) draft.terminalId = initial.terminalId;
      const previousPeriodSales = toQuantity(values.previousPeriodSales);
      const inventory = toQuantity(values.currentInventory);
      const ordered = toQuantity(values.orderQuantity);
      if (previousPeriodSales !== undefined) draft.previousPeriodSales = previousPeriodSales;
      if (inventory !== undefined) draft.currentInventory = inventory;
      if (ordered !== undefined) draft.orderQuantity = ordered;
      await onSave(
        draft,
        photos.map(({ key: _key, ...photo }) => photo),
      );
    } catch (error) {
      if (error instanceof VisitLockedError) setLocked(error.reason);
      else setSaveError(errorMessageOf(error));
    }
  });

  const dealerKnown = dealers.some((dealer) => dealer.id === dealerId);
  const dealerName = dealers.find((dealer) => dealer.id === dealerId)?.name;
  const numberInput = { type: 'number', inputMode: 'decimal', min: 0, step: 'any', className: inputClass } as const;

  return (
    <form onSubmit={submit} noValidate aria-label={t('formTitle')} className="flex flex-col gap-4">
      <Field label={t('dealer')} error={message(errors.dealerId)}>
        {(control) => (
          <select {...control} {...register('dealerId', { onChange: refillAfterChange })} title={dealerName} className={cn(selectClass, 'truncate')}>
            <option value="">{t('chooseDealer')}</option>
            {dealers.map((dealer) => (
              <option key={dealer.id} value={dealer.id}>
                {dealer.name}
              </option>
            ))}
            {dealerId && !dealerKnown && <option value={dealerId}>{t('unknownDealer')}</option>}
          </select>
        )}
      </Field>
      <Field label={t('visitDay')} hint={t('visitDayHint', { week: formatWeek(isoWeekOf(validDay), locale) })} error={message(errors.visitDay)}>
        {(fieldProps) => (
          <Controller
            control={control}
            name="visitDay"
            render={({ field }) => (
              <DatePicker
                {...fieldProps}
                name={field.name}
                value={field.value}
                max={today}
                onBlur={field.onBlur}
                onValueChange={(value) => {
                  field.onChange(value);
                  refillAfterChange();
                }}
              />
            )}
          />
        )}
      </Field>

      <RecentPurchases
        purchases={recentOrders}
        state={!dealerId ? 'noDealer' : !loadedNow ? 'loading' : loadedNow.error ? { error: loadedNow.error } : 'loaded'}
      />

      <Field label={t('previousPeriodSales')} hint={t('previousPeriodSalesHint')} error={message(errors.previousPeriodSales)} optional>
        {(control) => <input {...numberInput} {...control} {...register('previousPeriodSales')} />}
      </Field>
      <Field
        label={t('currentInventory')}
        hint={t('currentInventoryHint')}
        error={message(errors.currentInventory)}
        signal={
          sameInventoryAsLastTime && lastInventoryCard
            ? t('sameInventory', {
                day: formatDay(lastInventoryCard.visitDay, locale, 'short'),
                quantity: formatQuantity(lastInventoryCard.currentInventory!, lastInventoryCard.unit, locale),
              })
            : undefined
        }
        optional
      >
        {(control) => (
          <input
            {...numberInput}
            {...control}
            {...register('currentInventory', { onChange: (event) => autoTick('checkedInventory', String(event.target.value).trim() !== '') })}
          />
        )}
      </Field>
      {/* The order and its unit side by side: the unit is short, the quantity takes the rest. */}
      <div className="grid grid-cols-[minmax(0,1fr)_112px] items-end gap-3">
        <Field label={t('orderQuantity')} error={message(errors.orderQuantity)} optional>
          {(control) => (
            <input
              {...numberInput}
              {...control}
              {...register('orderQuantity', { onChange: (event) => autoTick('tookOrder', Number(event.target.value) > 0) })}
            />
          )}
        </Field>
        <Field label={t('unit')} error={message(errors.unit)}>
          {(control) => (
            <>
              <input type="text" list={`${control.id}-units`} maxLength={20} {...control} {...register('unit')} className={inputClass} />
              <datalist id={`${control.id}-units`}>
                {UNIT_SUGGESTIONS.map((code) => (
                  <option key={code} value={unitLabel(code, locale)} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      </div>

      <Controller
        control={control}
        name="orderedSkus"
        render={({ field }) => <TagsInput label={t('orderedSkus')} tags={field.value} onChange={field.onChange} suggestions={skuSuggestions} />}
      />

      <Controller
        control={control}
        name="requiredSkus"
        render={({ field }) =>
          field.value.length === 0 ? (
            <></>
          ) : (
            <fieldset className={fieldsetClass}>
              <legend className={legendClass}>{t('requiredSkus')}</legend>
              <p className={hintClass}>{t('requiredSkusHint')}</p>
              <div className="flex flex-wrap gap-x-4 gap-y-1">
                {field.value.map((required, index) => (
                  <Checkbox
                    key={required.sku}
                    label={t('carriedSku', { sku: required.sku })}
                    checked={required.carried}
                    onChange={(event) =>
                      field.onChange(field.value.map((r, i) => (i === index ? { ...r, carried: event.target.checked } : r)))
                    }
                  />
                ))}
              </div>
              {field.value.some((r) => !r.carried) && (
                <p className={hintClass}>{t('notCarried', { n: field.value.filter((r) => !r.carried).length })}</p>
              )}
            </fieldset>
          )
        }
      />

      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t('actions')}</legend>
        <div className="grid grid-cols-[repeat(auto-fit,minmax(180px,1fr))] gap-x-4 gap-y-1">
          {ACTION_KEYS.map((action) => (
            <Checkbox key={action} label={t(action)} {...register(`actions.${action}`)} />
          ))}
        </div>
      </fieldset>

      <PhotoPicker photos={photos} onPhotosChange={setPhotos} onBusyChange={setPhotosBusy} />

      <Checkbox label={t('keyAccount')} {...register('keyAccount')} />

      <Field label={t('note')} error={message(errors.note)} optional>
        {(control) => <textarea rows={2} maxLength={2000} {...control} {...register('note')} className={textareaClass} />}
      </Field>

      {locked && (
        <Notice tone="warn" role="alert">
          {locked === 'notAuthor' ? t('lockedNotAuthor') : t('lockedDay')}
        </Notice>
      )}
      <FormActions saveLabel={t('save')} cancelLabel={t('cancel')} saving={isSubmitting || photosBusy} error={saveError} onCancel={onCancel} />
    </form>
  );
}

type HistoryState = 'noDealer' | 'loading' | 'loaded' | { error: string };

function RecentPurchases({ purchases, state }: { purchases: { day: string; quantity: number; unit: string }[]; state: HistoryState }) {
  const t = useT(visitCardMessages);
  const locale = useLocale();
  return (
    <section aria-label={t('recentPurchases')} aria-busy={state === 'loading'} className="flex flex-col gap-1.5 rounded-lg bg-soft p-3">
      <h5 className="m-0 text-sm font-semibold">{t('recentPurchases')}</h5>
      {state === 'noDealer' ? (
        <p className={hintClass}>{t('recentPurchasesPickDealer')}</p>
      ) : state === 'loading' ? (
        <p className={hintClass}>{t('historyLoading')}</p>
      ) : typeof state === 'object' ? (
        <>
          <Notice tone="warn" role="status">
            {t('historyFailed')}
          </Notice>
          <ErrorDetails summary={t('errorDetails')}>{state.error}</ErrorDetails>
        </>
      ) : purchases.length === 0 ? (
        <p className={hintClass}>{t('recentPurchasesNone')}</p>
      ) : (
        <>
          <table className={tableClass}>
            <TableHead columns={[t('purchaseDay'), t('purchaseQuantity')]} />
            <tbody>
              {purchases.map((purchase, index) => (
                <tr key={`${purchase.day}-${index}`}>
                  <Cell className="w-28 whitespace-nowrap">{purchase.day}</Cell>
                  <Cell className="whitespace-nowrap">{formatQuantity(purchase.quantity, purchase.unit, locale)}</Cell>
                </tr>
              ))}
            </tbody>
          </table>
          <p className={hintClass}>{t('recentPurchasesHint')}</p>
        </>
      )}
    </section>
  );
}
