import { useId } from 'react';
import type { ItemResult, ScoreResult } from '../../lib/rules/assessment-schema';
import { Badge, Button, Checkbox, Notice, cn, hintClass, inputClass, labelClass, selectClass } from '../ui/index';
import { Disclosure } from './Disclosure';
import { NumberField, plainNumber } from './fields';
import { cleanHelp, isRecord, localized, numberText, unitWord, type Reader } from './readable';

type Inputs = Record<string, unknown>;

interface SamplePreviewProps {
  /** The draft's input definitions (name → type, unit, label). */
  definitions: unknown;
  inputs: Inputs;
  onInputsChange: (inputs: Inputs) => void;
  onReset: () => void;
  /** Changes when the example is replaced as a whole (reset, another rule set): the fields start over. */
  epoch: string;
  result: ScoreResult | undefined;
  reader: Reader;
}

/** The score of an example under the draft, recomputed on every edit, with the example's values as a form. */
export function SamplePreview({ definitions, inputs, onInputsChange, onReset, epoch, result, reader }: SamplePreviewProps) {
  const { t, locale } = reader;
  const headingId = useId();
  const entries = isRecord(definitions) ? Object.entries(definitions).filter((entry): entry is [string, Record<string, unknown>] => isRecord(entry[1])) : [];
  const labelOf = (name: string) => reader.names.get(name)?.label ?? name;
  const set = (name: string, value: unknown) => {
    const next = { ...inputs };
    if (value === undefined || value === '') delete next[name];
    else next[name] = value;
    onInputsChange(next);
  };
  const unit = result ? unitWord(result.totalUnit, t) : '';
  const grade = result?.grade ? (localized(result.gradeLabel, locale) ?? result.grade) : undefined;

  return (
    <section aria-labelledby={headingId} className="flex min-w-0 flex-col gap-3">
      <h3 id={headingId} className="m-0 text-lg font-semibold">
        {t('samplePreview')}
      </h3>
      <p className={hintClass}>{t('sampleIntro')}</p>
      {result && (
        <div aria-live="polite" data-testid="sample-score" className="flex min-w-0 flex-col gap-2 rounded-lg border border-line bg-surface p-3">
          <p className="m-0 flex flex-wrap items-baseline gap-x-2 gap-y-1">
            <span className="text-sm text-muted">{t('totalLabel')}</span>
            <strong className="text-2xl font-semibold tabular-nums">{result.total === null ? '—' : numberText(result.total, locale)}</strong>
            {unit && <span className="text-sm text-muted">{unit}</span>}
            {grade && (
              <span className="ml-1 inline-flex items-center gap-1">
                <span className="sr-only">{t('gradeLabel')}</span>
                <Badge tone="accent">{grade}</Badge>
              </span>
            )}
          </p>
          {result.partial && <Notice tone="warn">{t('partial', { names: result.missing.map(labelOf).join(locale === 'zh-CN' ? '、' : ', ') })}</Notice>}
          {result.inputProblems.map((problem) => (
            <Notice key={problem.field} tone="warn">
              {t('sampleProblem', { label: labelOf(problem.field) })}
            </Notice>
          ))}
          <ul className="m-0 flex list-none flex-col gap-1 p-0 text-sm">
            <ExplanationNode item={result.root} reader={reader} depth={0} />
          </ul>
        </div>
      )}
      {entries.length > 0 && (
        <Disclosure summary={t('sampleInputs', { count: entries.length })}>
          <div key={epoch} className="grid grid-cols-[repeat(auto-fill,minmax(220px,1fr))] gap-3">
            {entries.map(([name, definition]) => (
              <SampleField key={name} name={name} definition={definition} value={inputs[name]} onChange={(value) => set(name, value)} reader={reader} />
            ))}
          </div>
          <div>
            <Button size="sm" onClick={onReset}>
              {t('sampleReset')}
            </Button>
          </div>
        </Disclosure>
      )}
    </section>
  );
}

function SampleField({ name, definition, value, onChange, reader }: { name: string; definition: Record<string, unknown>; value: unknown; onChange: (value: unknown) => void; reader: Reader }) {
  const { t, locale } = reader;
  const id = useId();
  const label = localized(definition.label, locale) ?? name;
  const description = localized(definition.description, locale);
  const hint = description ? cleanHelp(description, reader) : undefined;
  const unit = typeof definition.unit === 'string' ? definition.unit : undefined;
  switch (definition.type) {
    case 'boolean':
      return (
        <div className="flex min-w-0 flex-col justify-end">
          <Checkbox label={label} checked={value === true} onChange={(event) => onChange(event.target.checked)} />
        </div>
      );
    case 'enum': {
      const values = Array.isArray(definition.values) ? definition.values.map(String) : [];
      return (
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor={id} className={labelClass}>
            {label}
          </label>
          <select id={id} className={selectClass} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.target.value || undefined)}>
            <option value="">{t('sampleEmpty')}</option>
            {values.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
      );
    }
    case 'series': {
      const text = Array.isArray(value) ? value.map((v) => (typeof v === 'number' ? plainNumber(v) : '')).join(', ') : '';
      return (
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor={id} className={labelClass}>
            {label}
          </label>
          <input
            id={id}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            className={cn(inputClass, 'tabular-nums')}
            defaultValue={text}
            aria-describedby={`${id}-hint`}
            onChange={(event) => {
              const parts = event.target.value.split(/[,，\s]+/).filter((part) => part !== '');
              onChange(parts.length ? parts.map((part) => (Number.isFinite(Number(part)) ? Number(part) : null)) : undefined);
            }}
          />
          <p id={`${id}-hint`} className={hintClass}>
            {t('seriesHint')}
          </p>
        </div>
      );
    }
    default:
      return (
        <NumberField
          label={label}
          value={value}
          unit={unit === 'percent' ? '%' : unitWord(unit, t) || undefined}
          percent={unit === 'percent'}
          hint={hint}
          className="[&_input]:w-36"
          onChange={(next) => onChange(next === '' ? undefined : next)}
        />
      );
  }
}

function ExplanationNode({ item, reader, depth }: { item: ItemResult; reader: Reader; depth: number }) {
  return (
    <li className={cn('min-w-0 break-words', depth === 0 ? 'font-medium' : 'font-normal')}>
      {item.explanation?.[reader.locale] ?? item.label[reader.locale]}
      {item.children && item.children.length > 0 && (
        <ul className="mt-1 flex list-none flex-col gap-1 border-l-2 border-line pl-2 text-ink">
          {item.children.map((child) => (
            <ExplanationNode key={child.id} item={child} reader={reader} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}
