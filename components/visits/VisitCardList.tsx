import type { VisitCard } from '../../lib/visits/schema';
import { useLocale, useT } from '../shell/locale';
import { formatQuantity } from '../../lib/kernel/units';
import { Button, Cell, DeleteButton, TableHead, styles } from '../ui';
import { visitCardMessages } from './messages';
import { ACTION_KEYS, actionsDone } from '../../lib/visits/history';

export interface VisitCardListProps {
  cards: VisitCard[];
  dealersById: Record<string, string>;
  onOpen?(id: string): void;
  /** Shows a two-step delete on every row; the host deletes the card. */
  onDelete?(id: string): Promise<void> | void;
}

/** Visit cards as a compact table: date, dealer, order quantity, mandatory actions done; optionally open and delete. */
export function VisitCardList({ cards, dealersById, onOpen, onDelete }: VisitCardListProps) {
  const t = useT(visitCardMessages);
  const locale = useLocale();
  if (cards.length === 0) return <p style={{ ...styles.muted, margin: 0 }}>{t('listEmpty')}</p>;
  const sorted = [...cards].sort((a, b) => b.visitDay.localeCompare(a.visitDay) || b.createdAt.localeCompare(a.createdAt));
  const total = ACTION_KEYS.length;
  const manage = Boolean(onOpen || onDelete);
  return (
    <table style={styles.table} aria-label={t('listTitle')}>
      <TableHead columns={[t('columnDay'), t('columnDealer'), t('columnOrder'), t('columnActions')]}>{manage && <Cell />}</TableHead>
      <tbody>
        {sorted.map((card) => {
          const dealer = dealersById[card.dealerId] ?? t('unknownDealer');
          const done = actionsDone(card);
          return (
            <tr key={card.id}>
              <Cell>{card.visitDay}</Cell>
              <Cell>
                {dealer}
                {card.keyAccount && (
                  <>
                    {' '}
                    <span style={styles.badge}>{t('keyAccountBadge')}</span>
                  </>
                )}
              </Cell>
              <Cell>{card.orderQuantity ? formatQuantity(card.orderQuantity, card.unit, locale) : t('noOrder')}</Cell>
              <Cell>
                <span aria-hidden="true" title={t('actionsDoneLabel', { done, total })}>
                  {t('actionsDone', { done, total })}
                </span>
                <span style={styles.srOnly}>{t('actionsDoneLabel', { done, total })}</span>
              </Cell>
              {manage && (
                <Cell>
                  {onOpen && (
                    <Button variant="small" aria-label={t('openCard', { dealer, day: card.visitDay })} onClick={() => onOpen(card.id)}>
                      {t('open')}
                    </Button>
                  )}
                  {onOpen && onDelete && ' '}
                  {onDelete && <DeleteButton record={t('cardRecord', { dealer, day: card.visitDay })} onDelete={() => onDelete(card.id)} />}
                </Cell>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
