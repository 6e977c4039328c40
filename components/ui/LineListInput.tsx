import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useT } from '../shell/locale';
import { uiMessages } from './messages';
import { Button } from './Button';
import { styles } from './styles';

/**
 * A list of short lines: Enter adds a line below and moves there, Backspace on an empty line
 * removes it. Always shows at least one input; empty lines are the caller's to drop on save.
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
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const focusNext = useRef<number | null>(null);
  const shown = lines.length > 0 ? lines : [''];

  useEffect(() => {
    if (focusNext.current === null) return;
    inputs.current[focusNext.current]?.focus();
    focusNext.current = null;
  });

  const update = (index: number, value: string) => onChange(shown.map((line, i) => (i === index ? value : line)));
  const insertAfter = (index: number) => {
    focusNext.current = index + 1;
    onChange([...shown.slice(0, index + 1), '', ...shown.slice(index + 1)]);
  };
  const remove = (index: number) => {
    focusNext.current = Math.max(0, index - 1);
    onChange(shown.filter((_, i) => i !== index));
  };

  const onKeyDown = (index: number) => (event: KeyboardEvent<HTMLInputElement>) => {
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
    <fieldset style={styles.fieldset} aria-describedby={hint ? hintId : undefined}>
      <legend style={styles.legend}>{label}</legend>
      {hint && (
        <p id={hintId} style={styles.hint}>
          {hint}
        </p>
      )}
      <ol style={{ ...styles.list, gap: 4 }}>
        {shown.map((line, index) => {
          const flags = line.trim() ? (flagsFor?.(line, index) ?? []).filter(Boolean) : [];
          const invalid = invalidLines?.has(index);
          return (
            <li key={index} style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
              <div style={{ display: 'flex', gap: 4, alignItems: 'center' }}>
                <span aria-hidden="true" style={{ ...styles.muted, minWidth: 18, textAlign: 'right', fontSize: 12 }}>
                  {index + 1}.
                </span>
                <input
                  ref={(element) => {
                    inputs.current[index] = element;
                  }}
                  type="text"
                  value={line}
                  maxLength={maxLength}
                  aria-label={t('lineLabel', { label, n: index + 1 })}
                  aria-invalid={invalid || undefined}
                  onChange={(event) => update(index, event.target.value)}
                  onKeyDown={onKeyDown(index)}
                  style={{ ...styles.input, ...(invalid ? styles.invalid : null) }}
                />
                <Button
                  variant="icon"
                  aria-label={t('removeLine', { label, n: index + 1 })}
                  title={t('removeLine', { label, n: index + 1 })}
                  disabled={shown.length === 1 && line === ''}
                  onClick={() => (shown.length === 1 ? onChange([]) : remove(index))}
                >
                  ×
                </Button>
              </div>
              {flags.map((flag, i) => (
                <p key={i} style={{ ...styles.signal, marginLeft: 22 }}>
                  {flag}
                </p>
              ))}
            </li>
          );
        })}
      </ol>
      <div>
        <Button variant="small" aria-label={t('addLineTo', { label })} onClick={() => insertAfter(shown.length - 1)}>
          + {t('addLine')}
        </Button>
      </div>
    </fieldset>
  );
}

/** Trimmed, non-empty lines: what a line list saves. */

export { cleanLines } from '../../lib/kernel/text';
