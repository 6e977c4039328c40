import { useId, type ComponentProps, type ReactNode } from 'react';
import { useT } from '../shell/locale';
import { uiMessages } from './messages';
import { hintClass, labelClass } from './controls';
import { cn } from './cn';

export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/**
 * A labelled control: label above, then the control, a hint, a gentle signal and an error. The
 * error is announced (role="alert") and starts with the field's label, so a screen-reader user
 * hears which field.
 */
export function Field({
  label,
  hint,
  signal,
  error,
  optional,
  className,
  children,
}: {
  label: string;
  hint?: ReactNode;
  /** A gentle, non-blocking observation (e.g. "same as last time?"). */
  signal?: ReactNode;
  error?: string;
  optional?: boolean;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const t = useT(uiMessages);
  const id = useId();
  const hintId = `${id}-hint`;
  const signalId = `${id}-signal`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', signal ? signalId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div className={cn('flex min-w-0 flex-col gap-1', className)}>
      <div>
        <label htmlFor={id} className={labelClass}>
          {label}
        </label>
        {/* Outside the label so accessible names stay exactly the label (stable for tests and e2e). */}
        {optional && (
          <span aria-hidden="true" className="text-xs text-muted">
            {' '}
            {t('optional')}
          </span>
        )}
      </div>
      {children({ id, 'aria-describedby': describedBy || undefined, 'aria-invalid': error ? true : undefined })}
      {hint && (
        <p id={hintId} className={hintClass}>
          {hint}
        </p>
      )}
      {signal && (
        <p id={signalId} className="m-0 rounded-md bg-warn-soft px-2 py-1 text-xs text-warn" aria-live="polite">
          {signal}
        </p>
      )}
      {error && (
        <p id={errorId} role="alert" className="m-0 text-sm text-danger">
          {t('fieldError', { field: label, message: error })}
        </p>
      )}
    </div>
  );
}

/** A checkbox whose visible text is its accessible name. Passes every input prop through (ref too). */
export function Checkbox({ label, className, ...input }: { label: ReactNode } & Omit<ComponentProps<'input'>, 'type'>) {
  return (
    <label className={cn('inline-flex min-h-7 cursor-pointer items-center gap-2', className)}>
      <input type="checkbox" className="size-4 accent-accent" {...input} />
      <span>{label}</span>
    </label>
  );
}

/** An announced error for a control that is not a single Field (a line list, a group of rows). */
export function FieldError({ label, message }: { label: string; message: string | undefined }) {
  const t = useT(uiMessages);
  if (!message) return null;
  return (
    <p role="alert" className="m-0 text-sm text-danger">
      {t('fieldError', { field: label, message })}
    </p>
  );
}
