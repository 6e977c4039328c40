import type { ReactNode } from 'react';
import { useId, useState } from 'react';
import { useLocale, useT } from '../shell/locale';
import { useDealerNames, useDealers } from '../shell/database-context';
import { DatePicker, Field, Notice, SegmentedControl, cn, controlClass, fieldsetClass, hintClass, inputClass, legendClass, selectClass, uiMessages } from '../ui';
import { unitLabel } from '../../lib/kernel/units';
import type { Template, TemplateField } from '../../lib/reports/schema';
import { TEMPLATE_LIMITS, type TemplateProblem } from '../../lib/reports/template-validate';
import { fieldValueText } from '../../lib/reports/template-render';
import { customFieldsMessages } from './template-messages';

export interface CustomFieldsProps {
  /** The template the entry is written with (for a stored entry: its own version, `templateVersionOf`). */
  template: Template | undefined;
  /** The entry's `extra`: values by field key. */
  values: Record<string, unknown>;
  /** Every change, with all values (write them to the entry's `extra`). */
  onChange?: (values: Record<string, unknown>) => void;
  /** The reading layout: values in words, nothing to edit. */
  readOnly?: boolean;
  /** Reading layout only: what follows each field's value (a manager's notes on it, "Note"). Its path is `extra.<key>`. */
  aside?: (path: string, text: string) => ReactNode;
  /** Problems from `validateEntryAgainstTemplate` (paths `extra.<key>`), shown at their fields. */
  problems?: readonly TemplateProblem[];
}

/** A long answer that wraps and grows in a narrow panel. */
const textClass = cn(controlClass, 'min-h-9 resize-y py-1.75 field-sizing-content');

/**
 * The fields an admin added to a template, for one entry: text, a number with its unit, a choice,
 * a SKU checklist (each SKU yes or no), a customer, a date. Editable in the report editor; in the
 * reading layout (`readOnly`), each filled field as a labelled value in the UI language. Values
 * are kept by field key, as the entry stores them (`extra`), so the entry renders with the
 * template version it was written with even after the template changed.
 */
export function CustomFields({ template, values, onChange, readOnly = false, problems = [], aside }: CustomFieldsProps) {
  const t = useT(customFieldsMessages);
  const fields = template?.fields ?? [];
  const customerIds = readOnly ? fields.filter((f) => f.type === 'customer').flatMap((f) => (typeof values[f.key] === 'string' ? [values[f.key] as string] : [])) : [];
  const names = useDealerNames(customerIds);
  const dealers = useDealers(!readOnly && fields.some((f) => f.type === 'customer'));

  if (!template) {
    return Object.keys(values).length > 0 ? <Notice tone="info">{t('unknownTemplate')}</Notice> : null;
  }
  if (fields.length === 0) return null;
  if (readOnly) return <ReadOnlyFields fields={fields} values={values} dealerName={(id) => names?.[id]} aside={aside} />;

  const set = (key: string, value: unknown) => {
    const next = { ...values };
    if (value === undefined) delete next[key];
    else next[key] = value;
    onChange?.(next);
  };
  return (
    <div className="flex min-w-0 flex-col gap-4" data-testid="custom-fields">
      {fields.map((field) => (
        <FieldInput
          key={field.key}
          field={field}
          value={values[field.key]}
          error={problems.find((p) => p.path === `extra.${field.key}`)}
          dealers={dealers}
          onValue={(value) => set(field.key, value)}
        />
      ))}
    </div>
  );
}

function ReadOnlyFields({
  fields,
  values,
  dealerName,
  aside,
}: {
  fields: readonly TemplateField[];
  values: Record<string, unknown>;
  dealerName: (id: string) => string | undefined;
  aside?: CustomFieldsProps['aside'];
}) {
  const locale = useLocale();
  const t = useT(customFieldsMessages);
  const rows = fields.flatMap((field) => {
    const text = fieldValueText(field, values[field.key], locale, (id) => dealerName(id) ?? t('unknownCustomer'));
    return text === undefined ? [] : [{ field, text }];
  });
  if (rows.length === 0) return null;
  return (
    <dl className="m-0 flex min-w-0 flex-col gap-2 text-sm" data-testid="custom-fields">
      {rows.map(({ field, text }) => (
        <div key={field.key} className="flex min-w-0 flex-col gap-0.5">
          <dt className="font-semibold">{field.label[locale]}</dt>
          <dd className="m-0 break-words whitespace-pre-wrap">
            {text}
            {aside?.(`extra.${field.key}`, text)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function FieldInput({
  field,
  value,
  error,
  dealers,
  onValue,
}: {
  field: TemplateField;
  value: unknown;
  error: TemplateProblem | undefined;
  dealers: readonly { id: string; name: string }[] | undefined;
  onValue: (value: unknown) => void;
}) {
  const locale = useLocale();
  const t = useT(customFieldsMessages);
  const label = field.label[locale];
  const hint = field.hint?.[locale] || undefined;
  const message = error?.message[locale];
  const [numberText, setNumberText] = useState(() => (typeof value === 'number' ? String(value) : ''));
  const [numberInvalid, setNumberInvalid] = useState(false);

  switch (field.type) {
    case 'text':
      return (
        <Field label={label} hint={hint} optional={!field.required} error={message}>
          {(control) => (
            <textarea {...control} rows={1} maxLength={TEMPLATE_LIMITS.text} className={textClass} value={typeof value === 'string' ? value : ''} onChange={(event) => onValue(event.target.value === '' ? undefined : event.target.value)} />
          )}
        </Field>
      );
    case 'number': {
      const unit = unitLabel(field.unit ?? '', locale, typeof value === 'number' ? value : 2);
      return (
        <Field label={label} hint={hint} optional={!field.required} error={numberInvalid ? t('numberInvalid') : message}>
          {(control) => (
            <div className="flex min-w-0 items-center gap-2">
              <input
                {...control}
                className={cn(inputClass, 'w-32 tabular-nums')}
                inputMode="decimal"
                value={numberText}
                onChange={(event) => {
                  const text = event.target.value;
                  setNumberText(text);
                  const trimmed = text.trim().replace(/,/g, '');
                  if (trimmed === '') {
                    setNumberInvalid(false);
                    onValue(undefined);
                    return;
                  }
                  const n = Number(trimmed);
                  setNumberInvalid(!Number.isFinite(n));
                  onValue(Number.isFinite(n) ? n : Number.NaN);
                }}
              />
              {unit && <span className="text-sm text-muted">{unit}</span>}
            </div>
          )}
        </Field>
      );
    }
    case 'choice':
      return (
        <Field label={label} hint={hint} optional={!field.required} error={message}>
          {(control) => (
            <select {...control} className={selectClass} value={typeof value === 'string' ? value : ''} onChange={(event) => onValue(event.target.value || undefined)}>
              <option value="">{t('choose')}</option>
              {(field.choices ?? []).map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label[locale]}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
    case 'customer': {
      const chosen = typeof value === 'string' ? value : '';
      const options = dealers ?? [];
      const chosenName = options.find((d) => d.id === chosen)?.name;
      return (
        <Field label={label} hint={hint} optional={!field.required} error={message}>
          {(control) => (
            <select {...control} className={cn(selectClass, 'truncate')} title={chosenName} value={chosen} onChange={(event) => onValue(event.target.value || undefined)}>
              <option value="">{t('chooseCustomer')}</option>
              {options.map((dealer) => (
                <option key={dealer.id} value={dealer.id}>
                  {dealer.name}
                </option>
              ))}
              {chosen && !chosenName && <option value={chosen}>{t('unknownCustomer')}</option>}
            </select>
          )}
        </Field>
      );
    }
    case 'date':
      return (
        <Field label={label} hint={hint} optional={!field.required} error={message}>
          {(control) => <DatePicker {...control} value={typeof value === 'string' ? value : ''} onValueChange={(day) => onValue(day === '' ? undefined : day)} />}
        </Field>
      );
    case 'skuChecklist':
      return <SkuChecklist field={field} value={value} message={message} onValue={onValue} />;
    default:
      return null;
  }
}

/** Each SKU answered yes or no (carried, displayed … as the field's label says). */
function SkuChecklist({ field, value, message, onValue }: { field: TemplateField; value: unknown; message: string | undefined; onValue: (value: unknown) => void }) {
  const locale = useLocale();
  const t = useT(customFieldsMessages);
  const ui = useT(uiMessages);
  const id = useId();
  const answers = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const label = field.label[locale];
  const hint = field.hint?.[locale];
  return (
    <fieldset className={fieldsetClass} aria-describedby={[hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}>
      <legend className={cn(legendClass, 'text-sm')}>
        {label}
        {!field.required && <span className="text-xs font-normal text-muted"> {ui('optional')}</span>}
      </legend>
      {hint && (
        <p id={`${id}-hint`} className={hintClass}>
          {hint}
        </p>
      )}
      <ul className="m-0 flex list-none flex-col gap-1.5 p-0">
        {(field.skus ?? []).map((sku) => {
          const answer = answers[sku];
          return (
            <li key={sku} className="flex min-w-0 flex-wrap items-center justify-between gap-x-3 gap-y-1">
              <span className="min-w-0 break-words text-sm">{sku}</span>
              <SegmentedControl
                label={sku}
                value={answer === true ? 'yes' : answer === false ? 'no' : ''}
                options={[
                  { value: 'yes', label: t('yes') },
                  { value: 'no', label: t('no') },
                ]}
                onChange={(choice) => onValue({ ...answers, [sku]: choice === 'yes' })}
              />
            </li>
          );
        })}
      </ul>
      {message && (
        <p id={`${id}-error`} role="alert" className="m-0 text-sm text-danger">
          {ui('fieldError', { field: label, message })}
        </p>
      )}
    </fieldset>
  );
}
