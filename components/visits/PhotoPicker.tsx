import { useId, useState, useSyncExternalStore, type Dispatch, type SetStateAction } from 'react';
import { Camera, ImagePlus, Trash2 } from 'lucide-react';
import { useLocale, useT } from '../shell/locale';
import { formatNumber } from '../../lib/kernel/format';
import { Button, buttonClass, cn, fieldsetClass, hintClass, inputClass, legendClass } from '../ui';
import { MAX_PHOTOS_PER_VISIT, MAX_PHOTO_BYTES, PhotoError, photoSlotsLeft, type PhotoProblem } from '../../lib/visits/photo-size';
import type { PhotoDraft } from '../../lib/visits/save';
import { PhotoLarge, PhotoThumb } from './PhotoGallery';
import { usePhotoDownscaler } from './photo-downscaler';
import { visitCardMessages, type VisitCardMessageKey } from './messages';

/** A photo in the form: stored (with its id) or new, keyed for React. */
export interface PhotoItem extends PhotoDraft {
  key: string;
}

const PROBLEM_MESSAGES: Record<PhotoProblem, VisitCardMessageKey> = {
  notImage: 'photoNotImage',
  unreadable: 'photoUnreadable',
  tooLarge: 'photoTooLarge',
  tooMany: 'photoTooMany',
};

/** A touch screen (a phone or tablet browser that runs extensions) offers its camera to a file input. */
const COARSE = '(pointer: coarse)';
function subscribeCoarse(onChange: () => void) {
  const query = typeof matchMedia === 'function' ? matchMedia(COARSE) : undefined;
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}
const isCoarse = () => typeof matchMedia === 'function' && matchMedia(COARSE).matches;

let serial = 0;
const nextKey = () => `new-${(serial += 1)}`;

/**
 * The display photos (陈列照片) of a visit card: added from files (or, on a touch device, the
 * camera), downscaled before they are kept, each with an optional caption, a button that opens
 * it larger and one that removes it. A refused file is named in one sentence; the others still
 * go in.
 */
export function PhotoPicker({
  photos,
  onPhotosChange,
  onBusyChange,
}: {
  photos: PhotoItem[];
  onPhotosChange: Dispatch<SetStateAction<PhotoItem[]>>;
  onBusyChange?: (busy: boolean) => void;
}) {
  const t = useT(visitCardMessages);
  const locale = useLocale();
  const downscale = usePhotoDownscaler();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [openKey, setOpenKey] = useState<string>();
  const coarse = useSyncExternalStore(subscribeCoarse, isCoarse, () => false);
  const slots = photoSlotsLeft(photos.length);
  const opened = photos.findIndex((photo) => photo.key === openKey);

  const problemText = (kind: PhotoProblem, name: string) =>
    t(PROBLEM_MESSAGES[kind], { name, max: MAX_PHOTOS_PER_VISIT, limit: `${formatNumber(MAX_PHOTO_BYTES / 1_000_000, locale)} MB` });

  const add = async (files: File[]) => {
    if (files.length === 0) return;
    setProblem(undefined);
    const taken = files.slice(0, slots);
    let first: string | undefined = taken.length < files.length ? problemText('tooMany', files[taken.length]!.name) : undefined;
    setBusy(true);
    onBusyChange?.(true);
    try {
      for (const file of taken) {
        try {
          const photo = await downscale(file);
          onPhotosChange((current) => (current.length >= MAX_PHOTOS_PER_VISIT ? current : [...current, { ...photo, key: nextKey() }]));
        } catch (error) {
          first ??= problemText(error instanceof PhotoError ? error.problem : 'unreadable', file.name);
        }
      }
    } finally {
      setBusy(false);
      onBusyChange?.(false);
      setProblem(first);
    }
  };

  const remove = (key: string) => {
    setProblem(undefined);
    if (openKey === key) setOpenKey(undefined);
    onPhotosChange((current) => current.filter((photo) => photo.key !== key));
  };

  const setCaption = (key: string, caption: string) =>
    onPhotosChange((current) => current.map((photo) => (photo.key === key ? { ...photo, caption } : photo)));

  const chooser = (camera: boolean) => (
    <label
      className={cn(
        buttonClass({ variant: 'secondary', size: 'sm' }),
        'focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-focus',
        (busy || slots === 0) && 'pointer-events-none opacity-55',
      )}
    >
      {camera ? <Camera aria-hidden="true" className="size-3.5" /> : <ImagePlus aria-hidden="true" className="size-3.5" />}
      {camera ? t('takePhoto') : t('addPhoto')}
      <input
        type="file"
        accept="image/*"
        multiple={!camera}
        {...(camera ? { capture: 'environment' } : {})}
        disabled={busy || slots === 0}
        className="sr-only"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Cleared so choosing the same file again still fires a change.
          event.target.value = '';
          void add(files);
        }}
      />
    </label>
  );

  return (
    <fieldset className={fieldsetClass} aria-busy={busy}>
      <legend className={legendClass}>{t('photos')}</legend>
      <p className={hintClass}>{t('photosHint', { max: MAX_PHOTOS_PER_VISIT })}</p>
      {photos.length > 0 && (
        <ul aria-label={t('photos')} className="m-0 flex list-none flex-col gap-2 p-0">
          {photos.map((photo, index) => (
            <li key={photo.key} className="flex items-center gap-2">
              <PhotoThumb photo={photo} n={index + 1} open={openKey === photo.key} controls={`${id}-large`} onToggle={() => setOpenKey(openKey === photo.key ? undefined : photo.key)} />
              <input
                type="text"
                maxLength={200}
                value={photo.caption ?? ''}
                aria-label={t('photoCaption', { n: index + 1 })}
                placeholder={t('captionPlaceholder')}
                onChange={(event) => setCaption(photo.key, event.target.value)}
                className={cn(inputClass, 'flex-1')}
              />
              <Button size="sm" aria-label={t('removePhotoLabel', { n: index + 1 })} onClick={() => remove(photo.key)} className="shrink-0">
                <Trash2 aria-hidden="true" className="size-3.5" />
                {t('removePhoto')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {opened >= 0 && <PhotoLarge id={`${id}-large`} photo={photos[opened]!} n={opened + 1} onClose={() => setOpenKey(undefined)} />}
      <div className="flex flex-wrap items-center gap-2">
        {chooser(false)}
        {coarse && chooser(true)}
        {slots === 0 && <span className={hintClass}>{t('photosFull', { max: MAX_PHOTOS_PER_VISIT })}</span>}
      </div>
      {busy && (
        <p role="status" className={hintClass}>
          {t('photoProcessing')}
        </p>
      )}
      {problem && (
        <p role="alert" className="m-0 text-sm text-danger">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
