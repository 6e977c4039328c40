import { useId, useState, type KeyboardEvent } from 'react';
import { X } from 'lucide-react';
import { useT } from '../shell/locale';
import { uiMessages } from './messages';
import { hintClass, inputClass, labelClass } from './controls';

/**
 * Free-form tags (e.g. SKUs). Enter, an ASCII or a full-width comma commits the text; so does
 * leaving the field, so a typed-but-unconfirmed tag is never lost on save. Each tag is a chip
 * with its own remove button, named after the tag.
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
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {tags.length > 0 && (
        <ul className="m-0 flex list-none flex-wrap gap-1.5 p-0">
          {tags.map((tag) => (
            <li key={tag} className="inline-flex h-7 max-w-full min-w-0 items-center gap-0.5 rounded-full border border-line bg-soft pr-0.5 pl-2.5 text-sm text-ink">
              <span className="truncate" title={tag}>
                {tag}
              </span>
              <button
                type="button"
                aria-label={t('removeTag', { tag })}
                title={t('removeTag', { tag })}
                onClick={() => onChange(tags.filter((x) => x !== tag))}
                className="inline-flex size-6 shrink-0 cursor-pointer items-center justify-center rounded-full text-muted hover:bg-line hover:text-ink"
              >
                <X aria-hidden="true" className="size-3.5" />
              </button>
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
        className={inputClass}
      />
      {suggestions.length > 0 && (
        <datalist id={`${id}-suggestions`}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      <p id={`${id}-hint`} className={hintClass}>
        {hint ?? t('tagsHint')}
      </p>
    </div>
  );
}
