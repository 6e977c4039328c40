import type { VisitCard } from '../../lib/schema/visit-card';
import { useT } from '../i18n/locale';
import { Button, styles } from '../ui';
import { visitCardMessages } from './messages';
import { ACTION_KEYS, actionsDone } from './history';

export interface VisitCardListProps {
  cards: VisitCard[];
  dealersById: Record<string, string>;
  onOpen?(id: string): void;
}

/** Visit cards as a compact table: date, dealer, order quantity, mandatory actions done. */
export function VisitCardList({ cards, dealersById, onOpen }: VisitCardListProps) {
  const t = useT(visitCardMessages);
  if (cards.length === 0) return <p style={{ ...styles.muted, margin: 0 }}>{t('listEmpty')}</p>;
  const sorted = [...cards].sort((a, b) => b.visitDay.localeCompare(a.visitDay) || b.createdAt.localeCompare(a.createdAt));
  const total = ACTION_KEYS.length;
  return (
    <table style={styles.table} aria-label={t('listTitle')}>
      <thead>
        <tr>
          <th scope="col" style={styles.cell}>
            {t('columnDay')}
          </th>
          <th scope="col" style={styles.cell}>
            {t('columnDealer')}
          </th>
          <th scope="col" style={styles.cell}>
            {t('columnOrder')}
          </th>
          <th scope="col" style={styles.cell}>
            {t('columnActions')}
          </th>
          {onOpen && <td style={styles.cell} />}
        </tr>
      </thead>
      <tbody>
        {sorted.map((card) => {
          const dealer = dealersById[card.dealerId] ?? t('unknownDealer');
          const done = actionsDone(card);
          return (
            <tr key={card.id}>
              <td style={styles.cell}>{card.visitDay}</td>
              <td style={styles.cell}>
                {dealer}
                {card.keyAccount && (
                  <>
                    {' '}
                    <span style={styles.badge}>{t('keyAccountBadge')}</span>
                  </>
                )}
              </td>
              <td style={styles.cell}>{card.orderQuantity ? `${card.orderQuantity} ${card.unit}` : t('noOrder')}</td>
              <td style={styles.cell}>
                <span aria-hidden="true" title={t('actionsDoneLabel', { done, total })}>
                  {t('actionsDone', { done, total })}
                </span>
                <span style={styles.srOnly}>{t('actionsDoneLabel', { done, total })}</span>
              </td>
              {onOpen && (
                <td style={styles.cell}>
                  <Button variant="small" aria-label={t('openCard', { dealer, day: card.visitDay })} onClick={() => onOpen(card.id)}>
                    {t('open')}
                  </Button>
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
