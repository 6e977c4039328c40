import type { IntelItem } from '../../lib/intel/schema';
import { useLocale, useT } from '../shell/locale';
import { formatUnitPrice } from '../../lib/kernel/units';
import { Button, DeleteButton, styles } from '../ui';
import { intelFormMessages } from './messages';

export interface IntelListProps {
  items: IntelItem[];
  /** Opens the item for editing. Without it the list is read-only. */
  onOpen?(id: string): void;
  /** Deletes the item (asked for first). Without it there is no delete button. */
  onDelete?(id: string): Promise<void> | void;
}

/** The page an item was captured from, as a link, only when it is an http(s) URL. */
function sourceLinkOf(item: IntelItem): { href: string; text: string } | undefined {
  if (!item.sourceUrl) return undefined;
  let url: URL;
  try {
    url = new URL(item.sourceUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return { href: url.href, text: item.sourceTitle?.trim() || url.host };
}

/** Brand, product, SKU and spec; the brand is left out when it only repeats the competitor. */
function whatOf(item: IntelItem): string {
  const brand = item.brand?.trim();
  const repeated = brand !== undefined && brand.toLowerCase() === item.competitorName.trim().toLowerCase();
  return [repeated ? undefined : brand, item.product, item.sku, item.spec].filter(Boolean).join(' · ');
}

/** Captured intel, newest observation first. Text from web pages is rendered as text only. */
export function IntelList({ items, onOpen, onDelete }: IntelListProps) {
  const t = useT(intelFormMessages);
  const locale = useLocale();
  const live = items.filter((item) => !item.deletedAt);
  if (live.length === 0) return <p style={{ ...styles.muted, margin: 0 }}>{t('listEmpty')}</p>;
  const sorted = [...live].sort((a, b) => b.observedDay.localeCompare(a.observedDay) || b.createdAt.localeCompare(a.createdAt));
  return (
    <ul style={styles.list} aria-label={t('listTitle')}>
      {sorted.map((item) => {
        const what = whatOf(item);
        const link = sourceLinkOf(item);
        const record = t('recordName', { what: [item.competitorName, what].filter(Boolean).join(' · '), day: item.observedDay });
        return (
          <li key={item.id} style={{ ...styles.listItem, display: 'flex', flexDirection: 'column', gap: 2 }}>
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'baseline' }}>
              <strong>{item.competitorName}</strong>
              {what && <span>{what}</span>}
              <span style={{ ...styles.muted, fontSize: 12 }}>{item.observedDay}</span>
            </div>
            {item.prices.length > 0 && (
              <div style={{ fontSize: 13 }}>
                {item.prices.map((price, i) => (
                  <span key={i} style={{ marginRight: 12 }}>
                    {t('priceLine', { kind: t(price.kind), price: formatUnitPrice(price.amount, price.currency, price.unit, locale) })}
                  </span>
                ))}
              </div>
            )}
            {item.promotion && (
              <div style={{ fontSize: 13 }}>
                {item.promotion.description
                  ? t('promotionLine', { type: t(item.promotion.type), description: item.promotion.description })
                  : t(item.promotion.type)}
                {(item.promotion.from || item.promotion.to) && (
                  <span style={styles.muted}> ({t('period', { from: item.promotion.from ?? '…', to: item.promotion.to ?? '…' })})</span>
                )}
              </div>
            )}
            <div style={{ ...styles.muted, fontSize: 12, display: 'flex', gap: 12, flexWrap: 'wrap' }}>
              {item.channel && <span>{item.channel}</span>}
              {item.region && <span>{item.region}</span>}
              <span>{t('confidenceLine', { level: t(item.confidence) })}</span>
              {link ? (
                <span style={{ overflowWrap: 'anywhere' }}>
                  {t('sourceLabel')}{' '}
                  <a href={link.href} target="_blank" rel="noopener noreferrer">
                    {link.text}
                  </a>
                </span>
              ) : (
                item.sourceTitle && <span style={{ overflowWrap: 'anywhere' }}>{item.sourceTitle}</span>
              )}
            </div>
            {(onOpen || onDelete) && (
              <div style={styles.actions}>
                {onOpen && (
                  <Button variant="small" aria-label={t('editLabel', { record })} onClick={() => onOpen(item.id)}>
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
