import { useId, useState, type KeyboardEvent } from 'react';
import { useT } from '../shell/locale';
import { uiMessages } from './messages';
import { Button } from './Button';
import { styles } from './styles';

/**
 * Free-form tags (e.g. SKUs). Enter, an ASCII or a full-width comma commits the text; so does
 * leaving the field, so a typed-but-unconfirmed tag is never lost on save.
 */
export function TagsInput({
  label,
  tags,
  onChange,
  suggestions = [],
  maxLength = 200,
  hint,
}: {
  label: string;
  tags: string[];
  onChange: (tags: string[]) => void;
  suggestions?: string[];
  maxLength?: number;
  hint?: string;
}) {
  const t = useT(uiMessages);
  const id = useId();
  const [text, setText] = useState('');

  const commit = (raw: string) => {
    const fresh = raw
      .split(/[,，、]/)
      .map((part) => part.trim())
      .filter((part) => part && !tags.includes(part));
    if (fresh.length > 0) onChange([...tags, ...new Set(fresh)]);
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    if (event.key === 'Enter' || event.key === ',' || event.key === '，') {
      event.preventDefault();
      if (text.trim()) commit(text);
    } else if (event.key === 'Backspace' && text === '' && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  };

  return (
    <div style={styles.field}>
      <label htmlFor={id} style={styles.label}>
        {label}
      </label>
      {tags.length > 0 && (
        <ul style={{ ...styles.list, flexDirection: 'row', flexWrap: 'wrap' }}>
          {tags.map((tag) => (
            <li key={tag} style={styles.chip}>
              <span>{tag}</span>
              <Button variant="icon" aria-label={t('removeTag', { tag })} onClick={() => onChange(tags.filter((x) => x !== tag))}>
                ×
              </Button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        type="text"
        value={text}
        maxLength={maxLength}
        list={suggestions.length > 0 ? `${id}-suggestions` : undefined}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          const value = event.target.value;
          // A pasted "A,B,C" becomes three tags at once.
          if (/[,，、]/.test(value)) commit(value);
          else setText(value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => text.trim() && commit(text)}
        style={styles.input}
      />
      {suggestions.length > 0 && (
        <datalist id={`${id}-suggestions`}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      <p id={`${id}-hint`} style={styles.hint}>
        {hint ?? t('tagsHint')}
      </p>
    </div>
  );
}
