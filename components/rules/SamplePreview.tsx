import { useId } from 'react';
import type { Translate } from '../../lib/kernel/i18n';
import type { ItemResult, ScoreResult } from '../../lib/rules/assessment-schema';
import type { MessageKey } from './messages';

interface SamplePreviewProps {
  sampleText: string;
  onSampleTextChange: (text: string) => void;
  result: ScoreResult | undefined;
  sampleError: boolean;
  locale: 'en' | 'zh-CN';
  t: Translate<MessageKey>;
}

/** The score of the sample inputs under the draft, recomputed on every edit. */
export function SamplePreview({ sampleText, onSampleTextChange, result, sampleError, locale, t }: SamplePreviewProps) {
  const id = useId();
  return (
    <section aria-label={t('samplePreview')} className="rse-preview">
      <h3>{t('samplePreview')}</h3>
      <label htmlFor={id}>{t('sampleInputs')}</label>
      <textarea id={id} rows={6} value={sampleText} onChange={(event) => onSampleTextChange(event.target.value)} />
      {sampleError && <p role="alert">{t('sampleInvalid')}</p>}
      {result && (
        <div aria-live="polite" data-testid="sample-score">
          <p>
            {t('total')}: <strong>{result.total ?? '—'}</strong>
            {result.grade !== null && (
              <>
                {' '}
                · {t('grade')}: <strong>{result.grade}</strong>
              </>
            )}
          </p>
          {result.partial && <p>{t('partial', { names: result.missing.join(', ') })}</p>}
          <ul className="rse-explanation">
            <ExplanationNode item={result.root} locale={locale} />
          </ul>
        </div>
      )}
    </section>
  );
}

function ExplanationNode({ item, locale }: { item: ItemResult; locale: 'en' | 'zh-CN' }) {
  return (
    <li>
      {item.explanation?.[locale] ?? item.id}
      {item.children && (
        <ul>
          {item.children.map((child) => (
            <ExplanationNode key={child.id} item={child} locale={locale} />
          ))}
        </ul>
      )}
    </li>
  );
}
