import { useId, useState } from 'react';
import { numberOrText } from './draft';

/** A labelled field for a number that may also be written as an expression (e.g. a parameter name). */
export function NumberField({ label, value, onChange }: { label: string; value: unknown; onChange: (value: number | string) => void }) {
  const id = useId();
  // Keep the typed text ("0." on the way to "0.6") while the draft holds the parsed number; take
  // the draft's value again when it changes from elsewhere (raw JSON, import, another rule set).
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [seen, setSeen] = useState(value);
  if (!Object.is(value, seen)) {
    setSeen(value);
    if (numberOrText(text) !== value) setText(value === undefined ? '' : String(value));
  }
  return (
    <span className="rse-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        onChange={(event) => {
          const parsed = numberOrText(event.target.value);
          setText(event.target.value);
          setSeen(parsed);
          onChange(parsed);
        }}
      />
    </span>
  );
}

export function TextField({ label, value, onChange }: { label: string; value: unknown; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <span className="rse-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" value={value === undefined ? '' : String(value)} onChange={(event) => onChange(event.target.value)} />
    </span>
  );
}

export function CheckboxField({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <span className="rse-field">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </span>
  );
}
