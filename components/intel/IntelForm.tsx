import { useId, useMemo, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from '../../lib/kernel/zod';
import type { RecordDraft } from '../../lib/store/records';
import { IntelItem, PriceKind, PromotionType } from '../../lib/intel/schema';
import { useT } from '../shell/locale';
import { AddRowButton, Button, Field, FormActions, errorMessageOf, styles } from '../ui';
import { intelFormMessages, type IntelFormMessageKey } from './messages';

export interface IntelFormProps {
  /** What the capture found on the page. Untrusted: shown as plain text only. */
  initial?: { sourceUrl?: string; sourceTitle?: string; sourceText?: string; screenshot?: string };
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
  onSave(draft: RecordDraft<'intelItems'>): Promise<void>;
  onCancel?(): void;
}

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
        z
          .object({
            kind: PriceKind,
            currency: z.string(),
            amount: z.string().refine((text) => text.trim() === '' || isAmount(text), { error: 'errorAmount' }),
            unit: z.string().trim().max(50, { error: 'errorTooLong' }),
          })
          .refine((price) => price.amount.trim() === '' || price.unit !== '', { error: 'errorUnitRequired', path: ['unit'] }),
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

/** The form's values: blank for a new observation, or those of the item being edited. */
function valuesOf(item: IntelItem | undefined, today: string): IntelFormValues {
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
      dealerId: '',
      confidence: 'medium',
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
export function IntelForm({ initial, item, competitors, dealers = [], today, onSave, onCancel }: IntelFormProps) {
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
    control,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<IntelFormValues>({
    resolver: zodResolver(schema),
    defaultValues: valuesOf(item, today),
  });
  const prices = useFieldArray({ control, name: 'prices' });

  const message = (error: { message?: string } | undefined) => (error?.message ? t(error.message as IntelFormMessageKey) : undefined);

  const submit = handleSubmit(async (values) => {
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
      await onSave(draft);
    } catch (error) {
      setSaveError(errorMessageOf(error));
    }
  });

  const listId = useId();
  const competitorListId = `${listId}-competitors`;
  const unitListId = `${listId}-units`;
  const hasSource = source.url || source.title || source.text || screenshot;

  return (
    <form onSubmit={submit} noValidate aria-label={t(item ? 'editTitle' : 'formTitle')} style={styles.form}>
      <div style={styles.grid}>
        <Field label={t('competitor')} hint={t('competitorHint')} error={message(errors.competitorName)}>
          {(control) => (
            <input type="text" list={competitorListId} aria-required="true" maxLength={200} {...control} {...register('competitorName')} style={styles.input} />
          )}
        </Field>
        <Field label={t('observedDay')} error={message(errors.observedDay)}>
          {(control) => <input type="date" max={today} {...control} {...register('observedDay')} style={styles.input} />}
        </Field>
      </div>
      <datalist id={competitorListId}>
        {competitors.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>

      <div style={styles.grid}>
        {(['brand', 'product', 'sku', 'spec'] as const).map((name) => (
          <Field key={name} label={t(name)} error={message(errors[name])} optional>
            {(control) => <input type="text" maxLength={200} {...control} {...register(name)} style={styles.input} />}
          </Field>
        ))}
      </div>

      <fieldset style={styles.fieldset}>
        <legend style={styles.legend}>{t('prices')}</legend>
        <datalist id={unitListId}>
          {PRICE_UNITS.map((unit) => (
            <option key={unit} value={unit} />
          ))}
        </datalist>
        {prices.fields.map((field, index) => {
          const n = index + 1;
          const rowErrors = errors.prices?.[index];
          return (
            <div key={field.id} style={styles.row}>
              <Field label={t('priceKind', { n })}>
                {(control) => (
                  <select {...control} {...register(`prices.${index}.kind`)} style={styles.select}>
                    {PRICE_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(kind)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('priceAmount', { n })} error={message(rowErrors?.amount)}>
                {(control) => (
                  <input type="number" inputMode="decimal" min={0} step="any" {...control} {...register(`prices.${index}.amount`)} style={styles.narrowInput} />
                )}
              </Field>
              <Field label={t('priceUnit', { n })} error={message(rowErrors?.unit)}>
                {(control) => <input type="text" list={unitListId} maxLength={50} {...control} {...register(`prices.${index}.unit`)} style={styles.narrowInput} />}
              </Field>
              <Button variant="small" aria-label={t('removePrice', { n })} onClick={() => prices.remove(index)} disabled={prices.fields.length === 1}>
                ×
              </Button>
            </div>
          );
        })}
        <AddRowButton onClick={() => prices.append(emptyPrice())}>{t('addPrice')}</AddRowButton>
      </fieldset>

      <fieldset style={styles.fieldset}>
        <legend style={styles.legend}>{t('promotion')}</legend>
        <div style={styles.grid}>
          <Field label={t('promotionType')} error={message(errors.promotionType)}>
            {(control) => (
              <select {...control} {...register('promotionType')} style={styles.select}>
                <option value="">{t('noPromotion')}</option>
                {PROMOTION_TYPES.map((type: PromotionTypeValue) => (
                  <option key={type} value={type}>
                    {t(type)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('promotionFrom')} error={message(errors.promotionFrom)} optional>
            {(control) => <input type="date" {...control} {...register('promotionFrom')} style={styles.input} />}
          </Field>
          <Field label={t('promotionTo')} error={message(errors.promotionTo)} optional>
            {(control) => <input type="date" {...control} {...register('promotionTo')} style={styles.input} />}
          </Field>
        </div>
        <Field label={t('promotionDescription')} error={message(errors.promotionDescription)} optional>
          {(control) => <textarea rows={2} maxLength={2000} {...control} {...register('promotionDescription')} style={styles.textarea} />}
        </Field>
      </fieldset>

      <div style={styles.grid}>
        <Field label={t('channel')} error={message(errors.channel)} optional>
          {(control) => <input type="text" maxLength={200} {...control} {...register('channel')} style={styles.input} />}
        </Field>
        <Field label={t('region')} error={message(errors.region)} optional>
          {(control) => <input type="text" maxLength={200} {...control} {...register('region')} style={styles.input} />}
        </Field>
        {(dealers.length > 0 || missingDealer) && (
          <Field label={t('dealer')} optional>
            {(control) => (
              <select {...control} {...register('dealerId')} style={styles.select}>
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
        <Field label={t('confidence')}>
          {(control) => (
            <select {...control} {...register('confidence')} style={styles.select}>
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
        <section aria-label={t('source')} style={styles.fieldset}>
          <h4 style={{ ...styles.label, margin: 0 }}>{t('source')}</h4>
          {/* Everything here came from a web page: rendered as text nodes only, never as HTML. */}
          {(source.title || source.url) && (
            <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 8px' }}>
              {source.title && (
                <>
                  <dt style={styles.muted}>{t('sourceTitle')}</dt>
                  <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>{source.title}</dd>
                </>
              )}
              {source.url && (
                <>
                  <dt style={styles.muted}>{t('sourceUrl')}</dt>
                  <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>
                    <a href={source.url} target="_blank" rel="noopener noreferrer">
                      {source.url}
                    </a>
                  </dd>
                </>
              )}
            </dl>
          )}
          {source.text && (
            <div>
              <p style={{ ...styles.muted, margin: '0 0 4px' }}>{t('sourceText')}</p>
              <p style={styles.plainText} data-testid="intel-source-text">
                {source.text}
              </p>
              {source.truncated && <p style={styles.hint}>{t('sourceTextTruncated', { max: String(SOURCE_TEXT_MAX) })}</p>}
            </div>
          )}
          {screenshot && (
            <div style={{ ...styles.section, alignItems: 'flex-start' }}>
              <img src={screenshot} alt={t('screenshotAlt')} style={{ maxWidth: '100%', maxHeight: 180, border: '1px solid #d9e2ec', borderRadius: 4 }} />
              <Button variant="small" onClick={() => setScreenshot(undefined)}>
                {t('removeScreenshot')}
              </Button>
            </div>
          )}
        </section>
      )}

      <FormActions saveLabel={t('save')} cancelLabel={t('cancel')} saving={isSubmitting} error={saveError} onCancel={onCancel} />
    </form>
  );
}
