import { useId, useState, type ReactNode } from 'react';
import { cn, hintClass, inputClass, labelClass } from '../ui/index';
import { numberOrText } from './draft';

/** A number as typed into a field: no grouping, no float noise (0.6 × 100 → 60). */
export function plainNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

const shown = (value: unknown, percent: boolean): string => {
  if (value === undefined) return '';
  if (percent && typeof value === 'number') return plainNumber(value * 100);
  return String(value);
};

const parsed = (text: string, percent: boolean): number | string => {
  const value = numberOrText(text);
  return percent && typeof value === 'number' ? Number((value / 100).toPrecision(12)) : value;
};

/**
 * The label of a field inside an item: the visible text is short ("第 2 档得分"); the accessible
 * name starts with the item ("订单改动率 — 第 2 档得分") so every field is named uniquely.
 */
export function FieldLabel({ htmlFor, context, children, className }: { htmlFor: string; context?: string; children: ReactNode; className?: string }) {
  return (
    <label htmlFor={htmlFor} className={cn(labelClass, className)}>
      {context && <span className="sr-only">{context} — </span>}
      {children}
    </label>
  );
}

/**
 * A number an admin tunes, with its unit after it ("分", "%"). `percent` shows a stored fraction as
 * a percentage (0.6 ↔ 60). Text that is not a number is kept as typed (e.g. "18%", or a mistake
 * the validator names).
 */
export function NumberField({
  label,
  context,
  value,
  onChange,
  unit,
  percent = false,
  hint,
  hideLabel = false,
  className,
}: {
  label: string;
  context?: string;
  value: unknown;
  onChange: (value: number | string) => void;
  unit?: string;
  percent?: boolean;
  hint?: ReactNode;
  hideLabel?: boolean;
  className?: string;
}) {
  const id = useId();
  // Keep the typed text ("0." on the way to "0.6") while the draft holds the parsed number; take
  // the draft's value again when it changes from elsewhere (raw JSON, import, another rule set).
  const [text, setText] = useState(shown(value, percent));
  const [seen, setSeen] = useState(value);
  if (!Object.is(value, seen)) {
    setSeen(value);
    if (parsed(text, percent) !== value) setText(shown(value, percent));
  }
  const describedBy = [unit ? `${id}-unit` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cn('flex min-w-0 flex-col gap-1', className)}>
      <FieldLabel htmlFor={id} context={context} className={hideLabel ? 'sr-only' : undefined}>
        {label}
      </FieldLabel>
      <div className="flex min-w-0 items-center gap-1.5">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          value={text}
          aria-describedby={describedBy}
          className={cn(inputClass, 'w-24 shrink-0 tabular-nums')}
          onChange={(event) => {
            const next = parsed(event.target.value, percent);
            setText(event.target.value);
            setSeen(next);
            onChange(next);
          }}
        />
        {unit && (
          <span id={`${id}-unit`} className="text-sm whitespace-nowrap text-muted">
            {unit}
          </span>
        )}
      </div>
      {hint && (
        <p id={`${id}-hint`} className={hintClass}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** A formula as typed, monospace (behind the "Edit formulas" disclosure). */
export function ExpressionField({ label, context, value, onChange }: { label: string; context?: string; value: unknown; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <FieldLabel htmlFor={id} context={context}>
        {label}
      </FieldLabel>
      <input
        id={id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        className={cn(inputClass, 'font-mono text-sm')}
        value={value === undefined ? '' : String(value)}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
