import type { ReactNode } from 'react';
import { Plus } from 'lucide-react';
import { Button } from './Button';
import { FieldError } from './Field';
import { hintClass } from './controls';

/** "+ Add …" under a list of rows; the icon is decoration, so the accessible name is the label. */
export function AddRowButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <div>
      <Button size="sm" onClick={onClick}>
        <Plus aria-hidden="true" className="size-3.5" />
        {children}
      </Button>
    </div>
  );
}

/** The frame of a group of fields: a bordered fieldset with its legend. */
export const fieldsetClass = 'm-0 flex min-w-0 flex-col gap-2 rounded-lg border border-line px-3 pt-2 pb-3';
export const legendClass = 'px-1 text-base font-semibold';

/**
 * A fieldset of repeated rows: legend, optional hint, the rows, an announced error about the
 * whole list (named after the legend) and the button that adds a row.
 */
export function RowListFieldset({
  legend,
  hint,
  error,
  addLabel,
  onAdd,
  children,
}: {
  legend: string;
  hint?: ReactNode;
  error?: string;
  addLabel: string;
  onAdd: () => void;
  children: ReactNode;
}) {
  return (
    <fieldset className={fieldsetClass}>
      <legend className={legendClass}>{legend}</legend>
      {hint && <p className={hintClass}>{hint}</p>}
      {children}
      <FieldError label={legend} message={error} />
      <AddRowButton onClick={onAdd}>{addLabel}</AddRowButton>
    </fieldset>
  );
}
