import type { Translate } from '../../lib/kernel/i18n';
import type { MessageKey } from './messages';
import { NumberField, TextField } from './fields';

type Path = (string | number)[];
type Draft = Record<string, unknown>;
type Localized = { en: string; 'zh-CN': string };

interface ItemFormProps {
  item: Draft;
  path: Path;
  locale: 'en' | 'zh-CN';
  t: Translate<MessageKey>;
  onChange: (path: Path, value: unknown) => void;
}

/** One item of the rule tree as a form: the numbers an admin tunes, and its formula text where it has one. */
export function ItemForm({ item, path, locale, t, onChange }: ItemFormProps) {
  const label = (item.label as Localized | undefined)?.[locale] ?? String(item.id);
  const set = (key: string | number, ...rest: (string | number)[]) => (value: unknown) => onChange([...path, key, ...rest], value);
  const kind = item.kind as string;
  return (
    <fieldset className={`rse-item rse-item-${kind}`}>
      <legend>
        {label} <small>({String(item.id)})</small>
      </legend>
      <NumberField label={`${label} — ${t('weight')}`} value={item.weight ?? 1} onChange={set('weight')} />
      {item.max !== undefined && <NumberField label={`${label} — ${t('max')}`} value={item.max} onChange={set('max')} />}
      {item.floor !== undefined && <NumberField label={`${label} — ${t('floor')}`} value={item.floor} onChange={set('floor')} />}
      {item.cap !== undefined && <NumberField label={`${label} — ${t('cap')}`} value={item.cap} onChange={set('cap')} />}
      {kind === 'formula' && item.score !== undefined && <TextField label={`${label} — ${t('expression')}`} value={item.score} onChange={set('score')} />}
      {kind === 'bands' && (
        <>
          {(item.bands as Draft[]).map((band, index) => (
            <span key={index} className="rse-band">
              {t('band', { index: index + 1 })} {String(band.op)}
              <NumberField label={`${label} — ${t('band', { index: index + 1 })} ${t('bandBound')}`} value={band.bound} onChange={set('bands', index, 'bound')} />
              <NumberField label={`${label} — ${t('band', { index: index + 1 })} ${t('bandScore')}`} value={band.score} onChange={set('bands', index, 'score')} />
            </span>
          ))}
          <NumberField label={`${label} — ${t('otherwise')}`} value={item.otherwise} onChange={set('otherwise')} />
        </>
      )}
      {kind === 'table' &&
        Object.entries(item.table as Record<string, unknown>).map(([value, score]) => (
          <NumberField key={value} label={`${label} — ${t('tableScore', { value })}`} value={score} onChange={set('table', value)} />
        ))}
      {kind === 'deduction' && (
        <>
          <NumberField label={`${label} — ${t('points')}`} value={item.points} onChange={set('points')} />
          {item.limit !== undefined && <NumberField label={`${label} — ${t('limit')}`} value={item.limit} onChange={set('limit')} />}
        </>
      )}
      {kind === 'flag' && <TextField label={`${label} — ${t('condition')}`} value={item.when} onChange={set('when')} />}
      {kind === 'block' && (
        <>
          {item.base !== undefined && item.base !== 0 && <NumberField label={`${label} — ${t('base')}`} value={item.base} onChange={set('base')} />}
          {(item.children as Draft[]).map((child, index) => (
            <ItemForm key={String(child.id)} item={child} path={[...path, 'children', index]} locale={locale} t={t} onChange={onChange} />
          ))}
        </>
      )}
    </fieldset>
  );
}
