import { Fragment } from 'react';
import type { IntelItem } from '../../lib/intel/schema';
import { ExternalLink, Pencil } from 'lucide-react';
import { useLocale, useT } from '../shell/locale';
import { formatUnitPrice } from '../../lib/kernel/units';
import { formatDay } from '../../lib/kernel/format';
import type { Locale, Translate } from '../../lib/kernel/i18n';
import { Button, DeleteButton } from '../ui';
import { intelFormMessages, type IntelFormMessageKey } from './messages';
import { intelViewMessages } from './view/messages';

export interface IntelListProps {
  items: IntelItem[];
  /** Opens the item for editing. Without it the list is read-only. */
  onOpen?(id: string): void;
  /** Deletes the item (asked for first). Without it there is no delete button. */
  onDelete?(id: string): Promise<void> | void;
}

/**
 * The page an item was captured from, as a link, only when it is an http(s) URL: its title as the
 * text, and its host beside it (a title alone does not say which site it leads to).
 */
export function sourceLinkOf(item: Pick<IntelItem, 'sourceUrl' | 'sourceTitle'>): { href: string; text: string; host: string } | undefined {
  if (!item.sourceUrl) return undefined;
  let url: URL;
  try {
    url = new URL(item.sourceUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return { href: url.href, text: item.sourceTitle?.trim() || url.host, host: url.host };
}

/** Brand, product, SKU and spec; the brand is left out when it only repeats the competitor. */
function partsOf(item: IntelItem): string[] {
  const brand = item.brand?.trim();
  const repeated = brand !== undefined && brand.toLowerCase() === item.competitorName.trim().toLowerCase();
  return [repeated ? undefined : brand, item.product, item.sku, item.spec].filter((part): part is string => Boolean(part?.trim()));
}

/** A day in the UI language: without the year when it is this year's. */
function dayText(day: string, locale: Locale, thisYear: string): string {
  return formatDay(day, locale, day.startsWith(thisYear) ? 'short' : 'date');
}

/** Captured intel, newest observation first. Text from web pages is rendered as text only. */
export function IntelList({ items, onOpen, onDelete }: IntelListProps) {
  const t = useT(intelFormMessages);
  const tv = useT(intelViewMessages);
  const locale = useLocale();
  const live = items.filter((item) => !item.deletedAt);
  if (live.length === 0) return <p className="m-0 text-muted">{t('listEmpty')}</p>;
  const sorted = [...live].sort((a, b) => b.observedDay.localeCompare(a.observedDay) || b.createdAt.localeCompare(a.createdAt));
  const thisYear = String(new Date().getFullYear());
  return (
    <ul className="m-0 flex list-none flex-col gap-3 p-0" aria-label={t('listTitle')}>
      {sorted.map((item) => {
        const parts = partsOf(item);
        const what = parts.join(' · ');
        const link = sourceLinkOf(item);
        const day = dayText(item.observedDay, locale, thisYear);
        const record = t('recordName', { what: [item.competitorName, what].filter(Boolean).join(' · '), day: formatDay(item.observedDay, locale, 'date') });
        const period = item.promotion && periodOf(item.promotion, locale, thisYear, t);
        const meta = [item.channel, item.region, t('confidenceLine', { level: t(item.confidence) })].filter(Boolean);
        return (
          <li key={item.id} className="flex min-w-0 flex-col gap-2 rounded-lg border border-line bg-surface p-3">
            <div className="flex min-w-0 flex-col gap-0.5">
              <div className="flex min-w-0 items-baseline justify-between gap-3">
                <strong className="min-w-0 font-semibold [overflow-wrap:anywhere]">{item.competitorName}</strong>
                <time dateTime={item.observedDay} className="shrink-0 text-sm whitespace-nowrap text-muted">
                  {day}
                </time>
              </div>
              {/* Each part wraps as a whole ("EDGE-5W30-4L" never breaks at its hyphens) unless it is wider than the line; a line ends with "·", never starts with it. */}
              {parts.length > 0 && (
                <p className="m-0 text-sm text-muted">
                  {parts.map((part, i) => (
                    <Fragment key={i}>
                      {i > 0 && ' '}
                      <span className="inline-block max-w-full [overflow-wrap:anywhere]">
                        {part}
                        {i < parts.length - 1 && '\u00a0·'}
                      </span>
                    </Fragment>
                  ))}
                </p>
              )}
            </div>
            {item.prices.length > 0 && (
              <p className="m-0 flex flex-wrap gap-x-4 gap-y-1">
                {item.prices.map((price, i) => (
                  <span key={i}>{t('priceLine', { kind: t(price.kind), price: formatUnitPrice(price.amount, price.currency, price.unit, locale) })}</span>
                ))}
              </p>
            )}
            {item.promotion && (
              <p className="m-0 text-sm [overflow-wrap:anywhere]">
                {item.promotion.description ? t('promotionLine', { type: t(item.promotion.type), description: item.promotion.description }) : t(item.promotion.type)}
                {period && <span className="text-muted"> · {period}</span>}
              </p>
            )}
            <p className="m-0 flex flex-wrap gap-x-3 gap-y-1 text-sm text-muted">
              {meta.map((text) => (
                <span key={text}>{text}</span>
              ))}
            </p>
            {(link || item.sourceTitle) && (
              <p className="m-0 min-w-0 text-sm [overflow-wrap:anywhere]">
                <span className="text-muted">{t('sourceLabel')}</span>{' '}
                {link ? (
                  <a href={link.href} target="_blank" rel="noopener noreferrer" className="text-accent underline underline-offset-2 hover:text-accent-hover">
                    {link.text}
                    <ExternalLink aria-hidden="true" className="ml-0.5 inline size-3.5 align-[-2px]" />
                  </a>
                ) : (
                  <span>{item.sourceTitle}</span>
                )}
                {link && link.text !== link.host && <span className="text-muted"> {tv('sourceHost', { host: link.host })}</span>}
              </p>
            )}
            {item.screenshot && (
              // Opened on demand: a screenshot is large, and a list of them would bury the text.
              <details className="group text-sm">
                <summary className="cursor-pointer text-accent underline-offset-2 hover:underline">{tv('screenshot')}</summary>
                <img src={item.screenshot} alt={t('screenshotAlt')} className="mt-1.5 block max-w-full rounded-md border border-line" />
              </details>
            )}
            {(onOpen || onDelete) && (
              <div className="flex flex-wrap items-center gap-2">
                {onOpen && (
                  <Button size="sm" aria-label={t('editLabel', { record })} onClick={() => onOpen(item.id)}>
                    <Pencil aria-hidden="true" className="size-3.5" />
                    {t('edit')}
                  </Button>
                )}
                {onDelete && <DeleteButton record={record} onDelete={() => onDelete(item.id)} />}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** A promotion's period in words: "20 Nov – 30 Nov", "from 20 Nov", "until 30 Nov"; undefined without days. */
function periodOf(promotion: NonNullable<IntelItem['promotion']>, locale: Locale, thisYear: string, t: Translate<IntelFormMessageKey>): string | undefined {
  const day = (iso: string) => formatDay(iso, locale, iso.startsWith(thisYear) ? 'short' : 'date');
  const { from, to } = promotion;
  if (from && to) return t('period', { from: day(from), to: day(to) });
  if (from) return t('periodFrom', { from: day(from) });
  if (to) return t('periodTo', { to: day(to) });
  return undefined;
}
