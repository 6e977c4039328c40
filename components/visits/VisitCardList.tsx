import type { VisitCard } from '../../lib/visits/schema';
import { useLocale, useT } from '../shell/locale';
import { formatDay } from '../../lib/kernel/format';
import { formatQuantity } from '../../lib/kernel/units';
import { CalendarDays, Camera, ListChecks, Lock, Package } from 'lucide-react';
import { Badge, Button, DeleteButton } from '../ui';
import { visitCardMessages } from './messages';
import { ACTION_KEYS, actionsDone } from '../../lib/visits/history';

const META = 'inline-flex items-center gap-1 whitespace-nowrap';
const ICON = 'size-3.5 shrink-0';

export interface VisitCardListProps {
  cards: VisitCard[];
  dealersById: Record<string, string>;
  onOpen?(id: string): void;
  /** Shows a two-step delete on every row; the host deletes the card. */
  onDelete?(id: string): Promise<void> | void;
  /** Leaves the day out when every card is of the same, known day (Today). */
  hideDay?: boolean;
  /** Cards whose day's daily report is submitted: marked so, and offered no delete. */
  lockedIds?: ReadonlySet<string>;
  /** Names the list for assistive technology (default: "Visit cards"). */
  label?: string;
}

/**
 * Visit cards as a compact list that reads at 320 px: the dealer (and the key-account flag), then
 * the day, the order and the mandatory actions done on one line; optionally open and delete.
 */
export function VisitCardList({ cards, dealersById, onOpen, onDelete, hideDay = false, lockedIds, label }: VisitCardListProps) {
  const t = useT(visitCardMessages);
  const locale = useLocale();
  if (cards.length === 0) return <p className="m-0 text-sm text-muted">{t('listEmpty')}</p>;
  const sorted = [...cards].sort((a, b) => b.visitDay.localeCompare(a.visitDay) || b.createdAt.localeCompare(a.createdAt));
  const total = ACTION_KEYS.length;
  return (
    <ul aria-label={label ?? t('listTitle')} className="m-0 flex list-none flex-col divide-y divide-line rounded-lg border border-line bg-surface p-0">
      {sorted.map((card) => {
        const dealer = dealersById[card.dealerId] ?? t('unknownDealer');
        const done = actionsDone(card);
        const locked = lockedIds?.has(card.id) ?? false;
        return (
          <li key={card.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-2.5">
            <div className="flex min-w-44 flex-1 flex-col gap-0.5">
              <p className="m-0 font-medium break-words">
                {dealer}
                {card.keyAccount && (
                  <>
                    {' '}
                    <Badge tone="accent" className="align-text-bottom">
                      {t('keyAccountBadge')}
                    </Badge>
                  </>
                )}
              </p>
              <p className="m-0 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-muted tabular-nums">
                {!hideDay && (
                  <span className={META}>
                    <CalendarDays aria-hidden="true" className={ICON} />
                    {formatDay(card.visitDay, locale, 'short')}
                  </span>
                )}
                <span className={META}>
                  <Package aria-hidden="true" className={ICON} />
                  {card.orderQuantity ? t('ordered', { quantity: formatQuantity(card.orderQuantity, card.unit, locale) }) : t('noOrder')}
                </span>
                <span className={META} aria-hidden="true" title={t('actionsDoneLabel', { done, total })}>
                  <ListChecks className={ICON} />
                  {t('actionsDone', { done, total })}
                </span>
                <span className="sr-only">{t('actionsDoneLabel', { done, total })}</span>
                {card.photoCount ? (
                  <span className={META}>
                    <Camera aria-hidden="true" className={ICON} />
                    {t('photosCount', { count: card.photoCount })}
                  </span>
                ) : null}
                {locked && (
                  <span className={META}>
                    <Lock aria-hidden="true" className={ICON} />
                    {t('lockedBadge')}
                  </span>
                )}
              </p>
            </div>
            {(onOpen || onDelete) && (
              <div className="ml-auto flex flex-wrap items-center justify-end gap-1.5 whitespace-nowrap">
                {onOpen && (
                  <Button size="sm" aria-label={t('openCard', { dealer, day: card.visitDay })} onClick={() => onOpen(card.id)}>
                    {t('open')}
                  </Button>
                )}
                {onDelete && !locked && <DeleteButton record={t('cardRecord', { dealer, day: card.visitDay })} onDelete={() => onDelete(card.id)} />}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
