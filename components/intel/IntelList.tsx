import type { IntelItem } from '../../lib/intel/schema';
import { useT } from '../shell/locale';
import { styles } from '../ui';
import { intelFormMessages } from './messages';

export interface IntelListProps {
  items: IntelItem[];
}

/** Captured intel, newest observation first. Text from web pages is rendered as text only. */
export function IntelList({ items }: IntelListProps) {
  const t = useT(intelFormMessages);
  const live = items.filter((item) => !item.deletedAt);
  if (live.length === 0) return <p style={{ ...styles.muted, margin: 0 }}>{t('listEmpty')}</p>;
  const sorted = [...live].sort((a, b) => b.observedDay.localeCompare(a.observedDay) || b.createdAt.localeCompare(a.createdAt));
  return (
    <ul style={styles.list} aria-label={t('listTitle')}>
      {sorted.map((item) => {
        const what = [item.brand, item.product, item.sku, item.spec].filter(Boolean).join(' · ');
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
                    {t('priceLine', { kind: t(price.kind), amount: String(price.amount), unit: price.unit })}
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
              {item.sourceTitle && <span style={{ overflowWrap: 'anywhere' }}>{item.sourceTitle}</span>}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
