import type { ReactNode } from 'react';
import { Button } from './Button';
import { FieldError } from './Field';
import { styles } from './styles';

/** "+ Add …" under a list of rows; the "+" is decoration, so the accessible name is the label. */
export function AddRowButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <div>
      <Button variant="small" onClick={onClick}>
        <span aria-hidden="true">+ </span>
        {children}
      </Button>
    </div>
  );
}

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
    <fieldset style={styles.fieldset}>
      <legend style={styles.legend}>{legend}</legend>
      {hint && <p style={styles.hint}>{hint}</p>}
      {children}
      <FieldError label={legend} message={error} />
      <AddRowButton onClick={onAdd}>{addLabel}</AddRowButton>
    </fieldset>
  );
}
