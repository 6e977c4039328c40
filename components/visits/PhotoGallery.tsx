import { X } from 'lucide-react';
import { useT } from '../shell/locale';
import { Button, cn } from '../ui';
import { visitCardMessages } from './messages';

/** A photo as the gallery shows it. */
export interface ShownPhoto {
  key: string;
  dataUrl: string;
  width: number;
  height: number;
  caption?: string;
}

/**
 * A square thumbnail that opens the photo larger; the button's name says which photo, its state
 * whether it is the one shown large.
 */
export function PhotoThumb({ photo, n, open, controls, onToggle, className }: { photo: ShownPhoto; n: number; open: boolean; controls: string; onToggle: () => void; className?: string }) {
  const t = useT(visitCardMessages);
  return (
    <button
      type="button"
      aria-label={t('openPhoto', { n })}
      aria-expanded={open}
      aria-controls={open ? controls : undefined}
      onClick={onToggle}
      className={cn('size-14 shrink-0 cursor-zoom-in overflow-hidden rounded-md border bg-soft p-0', open ? 'border-accent ring-2 ring-accent' : 'border-line', className)}
    >
      <img src={photo.dataUrl} alt="" width={photo.width} height={photo.height} className="size-full object-cover" />
    </button>
  );
}

/** The photo shown large under the thumbnails, with its caption and a button that closes it. */
export function PhotoLarge({ id, photo, n, onClose }: { id: string; photo: ShownPhoto; n: number; onClose: () => void }) {
  const t = useT(visitCardMessages);
  const caption = photo.caption?.trim();
  return (
    <figure id={id} className="m-0 flex flex-col gap-1.5 rounded-lg border border-line bg-soft p-2">
      <img
        src={photo.dataUrl}
        alt={caption ? t('photoAltCaption', { n, caption }) : t('photoN', { n })}
        width={photo.width}
        height={photo.height}
        className="h-auto max-h-[70vh] w-full rounded-md object-contain"
      />
      <figcaption className="flex items-start justify-between gap-2 text-sm">
        <span className="min-w-0 break-words">{caption ? t('photoAltCaption', { n, caption }) : t('photoN', { n })}</span>
        <Button size="sm" onClick={onClose} className="shrink-0">
          <X aria-hidden="true" className="size-3.5" />
          {t('closePhoto')}
        </Button>
      </figcaption>
    </figure>
  );
}
