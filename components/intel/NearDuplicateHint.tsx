import { Copy } from 'lucide-react';
import { useLocale, useT } from '../shell/locale';
import { Button } from '../ui';
import { formatDay } from '../../lib/kernel/format';
import { priceText } from '../../lib/store/readable';
import type { NearDuplicateView } from '../../lib/intel/near-duplicate-schema';
import { intelFormMessages } from './messages';

/**
 * Shown above Save when someone logged the same competitor product at almost the same price in
 * the last week: the earlier item, and one click either way — add to it here, or the form's Save,
 * which then says "Save as a new observation".
 */
export function NearDuplicateHint({
  items,
  busy,
  onAddTo,
}: {
  items: readonly NearDuplicateView[];
  busy: boolean;
  onAddTo(id: string): void;
}) {
  const t = useT(intelFormMessages);
  const locale = useLocale();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="near-duplicate-title" data-testid="near-duplicate" className="flex flex-col gap-2 rounded-lg border border-line bg-warn-soft p-3">
      <h3 id="near-duplicate-title" className="m-0 flex items-center gap-2 text-base font-semibold text-warn">
        <Copy aria-hidden="true" className="size-4 shrink-0" />
        {t('nearDuplicateTitle', { count: items.length })}
      </h3>
      <ul className="m-0 flex list-none flex-col gap-2 p-0">
        {items.map((item) => (
          <li key={item.id} className="flex flex-col gap-1.5 rounded-md bg-surface p-2 text-sm">
            <p className="m-0 font-semibold [overflow-wrap:anywhere]">{[item.competitorName, item.product, item.spec].filter(Boolean).join(' · ')}</p>
            <p className="m-0 text-muted [overflow-wrap:anywhere]">
              {t('nearDuplicateLine', {
                author: item.authorName,
                byMe: String(item.byMe),
                day: formatDay(item.observedDay, locale, 'date'),
                kind: t(item.match.kind),
                price: priceText(item.match.earlier, locale),
              })}
              {item.sightings > 0 && ` ${t('nearDuplicateSightings', { count: item.sightings })}`}
            </p>
            {item.sourceTitle && <p className="m-0 truncate text-xs text-muted">{item.sourceTitle}</p>}
            <div>
              <Button size="sm" disabled={busy} onClick={() => onAddTo(item.id)} aria-label={t('addToEarlierLabel', { author: item.authorName,
                byMe: String(item.byMe), day: formatDay(item.observedDay, locale, 'date') })}>
                {t('addToEarlier')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <p className="m-0 text-sm text-muted">{t('nearDuplicateOr')}</p>
    </section>
  );
}
