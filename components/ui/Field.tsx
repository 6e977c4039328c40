import { useId, type ComponentProps, type ReactNode } from 'react';
import { useT } from '../shell/locale';
import { uiMessages } from './messages';
import { styles } from './styles';

export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/**
 * A labelled control with an optional hint, signal and error. The error is announced
 * (role="alert") and starts with the field's label, so a screen-reader user hears which field.
 */
export function Field({
  label,
  hint,
  signal,
  error,
  optional,
  children,
}: {
  label: string;
  hint?: ReactNode;
  /** A gentle, non-blocking observation (e.g. "same as last time?"). */
  signal?: ReactNode;
  error?: string;
  optional?: boolean;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const t = useT(uiMessages);
  const id = useId();
  const hintId = `${id}-hint`;
  const signalId = `${id}-signal`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', signal ? signalId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div style={styles.field}>
      <div>
        <label htmlFor={id} style={styles.label}>
          {label}
        </label>
        {/* Outside the label so accessible names stay exactly the label (stable for tests and e2e). */}
        {optional && (
          <span aria-hidden="true" style={{ ...styles.muted, fontSize: 12 }}>
            {' '}
            {t('optional')}
          </span>
        )}
      </div>
      {children({ id, 'aria-describedby': describedBy || undefined, 'aria-invalid': error ? true : undefined })}
      {hint && (
        <p id={hintId} style={styles.hint}>
          {hint}
        </p>
      )}
      {signal && (
        <p id={signalId} style={styles.signal} aria-live="polite">
          {signal}
        </p>
      )}
      {error && (
        <p id={errorId} role="alert" style={styles.error}>
          {t('fieldError', { field: label, message: error })}
        </p>
      )}
    </div>
  );
}

/** A checkbox whose visible text is its accessible name. Passes every input prop through (ref too). */
export function Checkbox({ label, ...input }: { label: ReactNode } & Omit<ComponentProps<'input'>, 'type'>) {
  return (
    <label style={styles.checkboxLabel}>
      <input type="checkbox" {...input} />
      <span>{label}</span>
    </label>
  );
}

/** An announced error for a control that is not a single Field (a line list, a group of rows). */
export function FieldError({ label, message }: { label: string; message: string | undefined }) {
  const t = useT(uiMessages);
  if (!message) return null;
  return (
    <p role="alert" style={styles.error}>
      {t('fieldError', { field: label, message })}
    </p>
  );
}
