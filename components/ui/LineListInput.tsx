import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Plus, X } from 'lucide-react';
import { useT } from '../shell/locale';
import { uiMessages } from './messages';
import { Button } from './Button';
import { fieldsetClass, legendClass } from './RowList';
import { controlClass, hintClass } from './controls';
import { cn } from './cn';

/** One line that wraps instead of being cut off in a narrow panel: a textarea that grows with its text. */
const lineClass = cn(controlClass, 'min-h-9 resize-none py-1.75 field-sizing-content');

/**
 * A list of short lines: Enter adds a line below and moves there, Backspace on an empty line
 * removes it, pasted text with line breaks becomes one line each. Always shows at least one
 * line; empty lines are the caller's to drop on save. A long line wraps (it is never cut off at
 * 320 px). Each line's remove button sits at the end of its own line and names the line it removes.
 */
export function LineListInput({
  label,
  lines,
  onChange,
  hint,
  flagsFor,
  maxLength,
  invalidLines,
}: {
  label: string;
  lines: string[];
  onChange: (lines: string[]) => void;
  hint?: ReactNode;
  /** Gentle signals about one line (e.g. "same as yesterday"); rendered under it. */
  flagsFor?: (line: string, index: number) => ReactNode[];
  maxLength?: number;
  invalidLines?: ReadonlySet<number>;
}) {
  const t = useT(uiMessages);
  const hintId = useId();
  const inputs = useRef<(HTMLTextAreaElement | null)[]>([]);
  const focusNext = useRef<number | null>(null);
  const shown = lines.length > 0 ? lines : [''];

  useEffect(() => {
    if (focusNext.current === null) return;
    inputs.current[focusNext.current]?.focus();
    focusNext.current = null;
  });

  const update = (index: number, value: string) => {
    // A line break can only come from pasting: the pasted lines become lines of the list.
    const parts = value.split(/\r?\n/);
    if (parts.length > 1) focusNext.current = index + parts.length - 1;
    onChange([...shown.slice(0, index), ...parts, ...shown.slice(index + 1)]);
  };
  const insertAfter = (index: number) => {
    focusNext.current = index + 1;
    onChange([...shown.slice(0, index + 1), '', ...shown.slice(index + 1)]);
  };
  const remove = (index: number) => {
    focusNext.current = Math.max(0, index - 1);
    onChange(shown.filter((_, i) => i !== index));
  };

  const onKeyDown = (index: number) => (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter that confirms a Chinese IME candidate must not add a line.
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      insertAfter(index);
    } else if (event.key === 'Backspace' && shown[index] === '' && shown.length > 1) {
      event.preventDefault();
      remove(index);
    }
  };

  return (
    <fieldset className={fieldsetClass} aria-describedby={hint ? hintId : undefined}>
      <legend className={legendClass}>{label}</legend>
      {hint && (
        <p id={hintId} className={hintClass}>
          {hint}
        </p>
      )}
      <ol className="m-0 flex list-none flex-col gap-1.5 p-0">
        {shown.map((line, index) => {
          const flags = line.trim() ? (flagsFor?.(line, index) ?? []).filter(Boolean) : [];
          const invalid = invalidLines?.has(index);
          // A single empty line has nothing to remove: no button, but the same room, so the input keeps its width.
          const removable = !(shown.length === 1 && line === '');
          const removeLabel = t('removeLine', { label, n: index + 1 });
          return (
            <li key={index} className="flex min-w-0 flex-col gap-1">
              <div className="flex min-w-0 items-start gap-1.5">
                <span aria-hidden="true" className="mt-2.5 w-4 shrink-0 text-right text-xs text-muted tabular-nums">
                  {index + 1}
                </span>
                <textarea
                  ref={(element) => {
                    inputs.current[index] = element;
                  }}
                  rows={1}
                  value={line}
                  maxLength={maxLength}
                  aria-label={t('lineLabel', { label, n: index + 1 })}
                  aria-invalid={invalid || undefined}
                  onChange={(event) => update(index, event.target.value)}
                  onKeyDown={onKeyDown(index)}
                  className={lineClass}
                />
                {removable ? (
                  <Button
                    variant="ghost"
                    size="icon"
                    className="mt-1 shrink-0 text-muted hover:text-danger"
                    aria-label={removeLabel}
                    title={removeLabel}
                    onClick={() => (shown.length === 1 ? onChange([]) : remove(index))}
                  >
                    <X aria-hidden="true" className="size-4" />
                  </Button>
                ) : (
                  <span aria-hidden="true" className="size-7 shrink-0" />
                )}
              </div>
              {flags.map((flag, i) => (
                <p key={i} className="m-0 mr-8.5 ml-5.5 rounded-md bg-warn-soft px-2 py-1 text-xs text-warn">
                  {flag}
                </p>
              ))}
            </li>
          );
        })}
      </ol>
      <div className="pl-5.5">
        <Button size="sm" aria-label={t('addLineTo', { label })} onClick={() => insertAfter(shown.length - 1)}>
          <Plus aria-hidden="true" className="size-3.5" />
          {t('addLine')}
        </Button>
      </div>
    </fieldset>
  );
}

/** Trimmed, non-empty lines: what a line list saves. */

export { cleanLines } from '../../lib/kernel/text';
