import { useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from '../../lib/kernel/zod';
import { isoWeekOf } from '../../lib/kernel/dates';
import type { RecordDraft } from '../../lib/store/records';
import type { VisitCard } from '../../lib/visits/schema';
import { useT } from '../shell/locale';
import { Cell, Checkbox, Field, FormActions, TableHead, TagsInput, errorMessageOf, styles } from '../ui';
import { visitCardMessages, type VisitCardMessageKey } from './messages';
import { ACTION_KEYS, earlierCardsOf, lastInventoryCardOf, previousPeriodSalesOf, recentOrdersOf, recentPurchasesOf } from '../../lib/visits/history';

export interface VisitCardFormProps {
  dealers: { id: string; name: string }[];
  /** Preselects a dealer (e.g. opened from a dealer's page). */
  dealerId?: string;
  /** This rep's earlier cards, any dealers: the source of every prefilled number. */
  history: VisitCard[];
  requiredSkus?: string[];
  /** Editing an existing card. */
  initial?: VisitCard;
  /** YYYY-MM-DD in the rep's zone. */
  today: string;
  onSave(draft: RecordDraft<'visitCards'>): Promise<void>;
  onCancel?(): void;
}

const DEFAULT_UNIT = '箱';
const UNIT_SUGGESTIONS = ['箱', '条', '瓶', '件', '桶', '包'];

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
 * few numbers. Presentational: data in by props, the draft out through `onSave`.
 */
export function VisitCardForm({ dealers, dealerId: presetDealerId, history, requiredSkus = [], initial, today, onSave, onCancel }: VisitCardFormProps) {
  const t = useT(visitCardMessages);
  const [saveError, setSaveError] = useState<string>();
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
    const dealerId = presetDealerId ?? '';
    const earlier = dealerId ? earlierCardsOf(history, dealerId, today) : [];
    return {
      ...base,
      dealerId,
      visitDay: today,
      previousPeriodSales: quantityText(previousPeriodSalesOf(earlier, today)),
      currentInventory: '',
      orderQuantity: '',
      unit: earlier[0]?.unit ?? DEFAULT_UNIT,
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
  const validDay = /^\d{4}-\d{2}-\d{2}$/.test(visitDay) ? visitDay : today;
  const earlier = useMemo(() => (dealerId ? earlierCardsOf(history, dealerId, validDay, initial?.id) : []), [history, dealerId, validDay, initial?.id]);
  const recentOrders = useMemo(() => recentOrdersOf(earlier), [earlier]);
  const lastInventoryCard = lastInventoryCardOf(earlier);
  const sameInventoryAsLastTime =
    lastInventoryCard !== undefined && isQuantity(currentInventory) && Number(currentInventory) === lastInventoryCard.currentInventory;
  const skuSuggestions = useMemo(
    () => [...new Set([...requiredSkus, ...earlier.flatMap((card) => card.orderedSkus)])],
    [requiredSkus, earlier],
  );

  /** Prefills from the chosen dealer's history, without overwriting what the rep changed. */
  const refill = () => {
    const { dealerId: chosen, visitDay: day } = getValues();
    if (!chosen || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
    const cards = earlierCardsOf(history, chosen, day, initial?.id);
    if (!getFieldState('previousPeriodSales').isDirty) setValue('previousPeriodSales', quantityText(previousPeriodSalesOf(cards, day)));
    if (!getFieldState('unit').isDirty && cards[0]) setValue('unit', cards[0].unit);
  };

  /** Typing a count or an order ticks the matching action, unless the rep set it by hand. */
  const autoTick = (action: 'checkedInventory' | 'tookOrder', done: boolean) => {
    if (!getFieldState(`actions.${action}`).isDirty) setValue(`actions.${action}`, done);
  };

  const message = (error: { message?: string } | undefined) => (error?.message ? t(error.message as VisitCardMessageKey) : undefined);

  const submit = handleSubmit(async (values) => {
    setSaveError(undefined);
    const day = values.visitDay;
    const draft: RecordDraft<'visitCards'> = {
      dealerId: values.dealerId,
      visitDay: day,
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
    try {
      await onSave(draft);
    } catch (error) {
      setSaveError(errorMessageOf(error));
    }
  });

  const dealerKnown = dealers.some((dealer) => dealer.id === dealerId);
  const numberInput = { type: 'number', inputMode: 'decimal', min: 0, step: 'any', style: styles.input } as const;

  return (
    <form onSubmit={submit} noValidate aria-label={t('formTitle')} style={styles.form}>
      <div style={styles.grid}>
        <Field label={t('dealer')} error={message(errors.dealerId)}>
          {(control) => (
            <select {...control} {...register('dealerId', { onChange: refill })} style={styles.select}>
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
        <Field label={t('visitDay')} hint={t('visitDayHint', { week: isoWeekOf(validDay) })} error={message(errors.visitDay)}>
          {(control) => <input type="date" max={today} {...control} {...register('visitDay', { onChange: refill })} style={styles.input} />}
        </Field>
      </div>

      <RecentPurchases purchases={recentOrders} dealerChosen={Boolean(dealerId)} />

      <div style={styles.grid}>
        <Field label={t('previousPeriodSales')} hint={t('previousPeriodSalesHint')} error={message(errors.previousPeriodSales)} optional>
          {(control) => <input {...numberInput} {...control} {...register('previousPeriodSales')} />}
        </Field>
        <Field
          label={t('currentInventory')}
          hint={t('currentInventoryHint')}
          error={message(errors.currentInventory)}
          signal={
            sameInventoryAsLastTime && lastInventoryCard
              ? t('sameInventory', { day: lastInventoryCard.visitDay, quantity: lastInventoryCard.currentInventory!, unit: lastInventoryCard.unit })
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
              <input type="text" list={`${control.id}-units`} maxLength={20} {...control} {...register('unit')} style={styles.input} />
              <datalist id={`${control.id}-units`}>
                {UNIT_SUGGESTIONS.map((u) => (
                  <option key={u} value={u} />
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
            <fieldset style={styles.fieldset}>
              <legend style={styles.legend}>{t('requiredSkus')}</legend>
              <p style={styles.hint}>{t('requiredSkusHint')}</p>
              <div style={{ ...styles.row, gap: 12 }}>
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
                <p style={styles.hint}>{t('notCarried', { n: field.value.filter((r) => !r.carried).length })}</p>
              )}
            </fieldset>
          )
        }
      />

      <fieldset style={styles.fieldset}>
        <legend style={styles.legend}>{t('actions')}</legend>
        <div style={{ ...styles.row, gap: 12 }}>
          {ACTION_KEYS.map((action) => (
            <Checkbox key={action} label={t(action)} {...register(`actions.${action}`)} />
          ))}
        </div>
      </fieldset>

      <Checkbox label={t('keyAccount')} {...register('keyAccount')} />

      <Field label={t('note')} error={message(errors.note)} optional>
        {(control) => <textarea rows={2} maxLength={2000} {...control} {...register('note')} style={styles.textarea} />}
      </Field>

      <FormActions saveLabel={t('save')} cancelLabel={t('cancel')} saving={isSubmitting} error={saveError} onCancel={onCancel} />
    </form>
  );
}

function RecentPurchases({ purchases, dealerChosen }: { purchases: { day: string; quantity: number; unit: string }[]; dealerChosen: boolean }) {
  const t = useT(visitCardMessages);
  return (
    <section aria-label={t('recentPurchases')} style={{ ...styles.section, gap: 4 }}>
      <h4 style={{ ...styles.label, margin: 0 }}>{t('recentPurchases')}</h4>
      {!dealerChosen ? (
        <p style={styles.hint}>{t('recentPurchasesPickDealer')}</p>
      ) : purchases.length === 0 ? (
        <p style={styles.hint}>{t('recentPurchasesNone')}</p>
      ) : (
        <>
          <table style={styles.table}>
            <TableHead columns={[t('purchaseDay'), t('purchaseQuantity')]} />
            <tbody>
              {purchases.map((purchase, index) => (
                <tr key={`${purchase.day}-${index}`}>
                  <Cell>{purchase.day}</Cell>
                  <Cell>
                    {purchase.quantity} {purchase.unit}
                  </Cell>
                </tr>
              ))}
            </tbody>
          </table>
          <p style={styles.hint}>{t('recentPurchasesHint')}</p>
        </>
      )}
    </section>
  );
}
