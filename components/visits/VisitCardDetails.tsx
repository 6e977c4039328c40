import { useId, useState, type ReactNode } from 'react';
import { useLocale, useT } from '../shell/locale';
import { formatDay } from '../../lib/kernel/format';
import { formatQuantity } from '../../lib/kernel/units';
import { ACTION_KEYS } from '../../lib/visits/history';
import type { VisitLockReason } from '../../lib/visits/edit-rule';
import type { VisitPhoto } from '../../lib/visits/photo';
import type { VisitCard } from '../../lib/visits/schema';
import { Badge, Button, Notice, cn } from '../ui';
import { PhotoLarge, PhotoThumb } from './PhotoGallery';
import { visitCardMessages } from './messages';

/** One labelled value; nothing when there is nothing to say. */
function Item({ label, wide, children }: { label: string; wide?: boolean; children: ReactNode }) {
  if (children === undefined || children === null || children === '') return null;
  return (
    <div className={cn('flex min-w-0 flex-col gap-0.5', wide && 'col-span-full')}>
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="m-0 text-base break-words whitespace-pre-line">{children}</dd>
    </div>
  );
}

/**
 * A visit card read-only, under its own heading: why it cannot be changed (one line), its numbers, actions and note, and
 * its display photos, each opening larger. Shown to the author once the day's report is in, and
 * to anyone reading someone else's card (a manager).
 */
export function VisitCardDetails({
  card,
  dealerName,
  photos,
  reason,
  onClose,
}: {
  card: VisitCard;
  dealerName: string;
  photos: readonly VisitPhoto[];
  reason?: VisitLockReason;
  onClose?: () => void;
}) {
  const t = useT(visitCardMessages);
  const locale = useLocale();
  const id = useId();
  const [openId, setOpenId] = useState<string>();
  const quantity = (value: number | undefined) => (value === undefined ? undefined : formatQuantity(value, card.unit, locale));
  const done = ACTION_KEYS.filter((key) => card.actions[key]);
  const notDone = ACTION_KEYS.filter((key) => !card.actions[key]);
  const carried = card.requiredSkus.filter((sku) => sku.carried).map((sku) => sku.sku);
  const missing = card.requiredSkus.filter((sku) => !sku.carried).map((sku) => sku.sku);
  const list = (items: readonly string[]) => (items.length > 0 ? items.join(locale === 'zh-CN' ? '、' : ', ') : undefined);
  const opened = photos.findIndex((photo) => photo.id === openId);
  const elsewhere = (card.photoCount ?? 0) - photos.length;

  return (
    <div className="flex flex-col gap-3" data-testid="visit-card-details">
      <h4 className="text-base font-semibold">{t('viewing', { dealer: dealerName, day: formatDay(card.visitDay, locale, 'short') })}</h4>
      {reason && <Notice tone="info">{reason === 'daySubmitted' ? t('readOnlyDaySubmitted') : t('readOnlyNotAuthor', { author: card.author.name })}</Notice>}
      <dl className="m-0 grid grid-cols-[repeat(auto-fill,minmax(132px,1fr))] gap-x-4 gap-y-2.5">
        <Item label={t('previousPeriodSales')}>{quantity(card.previousPeriodSales)}</Item>
        <Item label={t('currentInventory')}>{quantity(card.currentInventory)}</Item>
        <Item label={t('orderQuantity')}>{quantity(card.orderQuantity) ?? t('noOrder')}</Item>
        <Item label={t('actionsDoneList')} wide>
          {list(done.map((key) => t(key))) ?? t('none')}
        </Item>
        <Item label={t('actionsNotDone')} wide>
          {list(notDone.map((key) => t(key)))}
        </Item>
        <Item label={t('orderedSkus')} wide>
          {list(card.orderedSkus)}
        </Item>
        <Item label={t('carriedRequired')} wide>
          {list(carried)}
        </Item>
        <Item label={t('missingRequired')} wide>
          {list(missing)}
        </Item>
        {card.keyAccount && (
          <Item label={t('keyAccount')}>
            <Badge tone="accent">{t('keyAccountBadge')}</Badge>
          </Item>
        )}
        <Item label={t('recentPurchases')} wide>
          {list(card.recentPurchases.map((p) => t('purchaseOn', { day: formatDay(p.day, locale, 'short'), quantity: formatQuantity(p.quantity, card.unit, locale) })))}
        </Item>
        <Item label={t('note')} wide>
          {card.note.trim() || undefined}
        </Item>
      </dl>

      <section aria-label={t('photos')} className="flex flex-col gap-2">
        <h5 className="m-0 text-sm font-semibold">{t('photos')}</h5>
        {photos.length === 0 ? (
          <p className="m-0 text-sm text-muted">{elsewhere > 0 ? t('photosElsewhere', { count: elsewhere }) : t('noPhotos')}</p>
        ) : (
          <>
            <ul className="m-0 flex list-none flex-wrap gap-2 p-0">
              {photos.map((photo, index) => (
                <li key={photo.id}>
                  <PhotoThumb
                    photo={{ ...photo, key: photo.id }}
                    n={index + 1}
                    open={openId === photo.id}
                    controls={`${id}-large`}
                    onToggle={() => setOpenId(openId === photo.id ? undefined : photo.id)}
                  />
                </li>
              ))}
            </ul>
            {opened >= 0 && <PhotoLarge id={`${id}-large`} photo={{ ...photos[opened]!, key: photos[opened]!.id }} n={opened + 1} onClose={() => setOpenId(undefined)} />}
            {elsewhere > 0 && <p className="m-0 text-xs text-muted">{t('photosElsewhere', { count: elsewhere })}</p>}
          </>
        )}
      </section>

      {onClose && (
        <div>
          <Button onClick={onClose}>{t('close')}</Button>
        </div>
      )}
    </div>
  );
}
