import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Radar, X } from 'lucide-react';
import { LocaleProvider, useT } from '../../shell/locale';
import { IntelForm, type IntelFormProps } from '../index';
import { intelCaptureMessages } from './messages';
import { intelFormMessages } from '../messages';
import type { NearDuplicateProbe } from '../../../lib/intel/near-duplicate-schema';
import { suggestFromPage } from '../../../lib/intel/dictionary/match';
import type { IntelCapture } from '../../../lib/host/intel-form-frame';
import { ErrorBoundary } from '../../shell/ErrorBoundary';
import { Button, Notice, PortalContainerProvider } from '../../ui';

export interface IntelCaptureOverlayProps {
  capture: IntelCapture;
  /** The element popovers (the date picker's calendar) render into; the document's body by default. */
  container?: HTMLElement | null;
}

/** The intel quick form as a floating panel: the whole of the frame the capture puts on the page. */
export function IntelCaptureOverlay({ capture, container = null }: IntelCaptureOverlayProps) {
  return (
    <LocaleProvider locale={capture.locale}>
      <PortalContainerProvider container={container}>
        <Overlay capture={capture} />
      </PortalContainerProvider>
    </LocaleProvider>
  );
}

function Overlay({ capture }: { capture: IntelCapture }) {
  const onClose = capture.close;
  const t = useT(intelCaptureMessages);
  const titleId = useId();
  const body = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLElement>(null);
  const [saved, setSaved] = useState<'new' | 'addedTo' | undefined>();
  const ti = useT(intelFormMessages);

  // Start in the form: the rep came to type, not to find the panel. The mark lets `npm run bench`
  // time the command → form ready from inside the frame.
  useEffect(() => {
    const focusFirstField = () => body.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    focusFirstField();
    performance.mark('fieldkit:intel-form:ready');
    // The frame stays hidden until it has said how tall it is, and a hidden field cannot take
    // focus; the content script then hands the frame the page's focus, and the field takes it.
    const onFrameFocused = () => {
      if (document.activeElement === document.body) focusFirstField();
    };
    window.addEventListener('focus', onFrameFocused, { once: true });
    return () => window.removeEventListener('focus', onFrameFocused);
  }, []);

  // The frame takes the form's natural height (the content script caps it at the window's).
  useEffect(() => {
    const report = () => capture.reportHeight((header.current?.offsetHeight ?? 0) + (body.current?.scrollHeight ?? 0) + 2);
    report();
    const observer = new ResizeObserver(report);
    if (body.current?.firstElementChild) observer.observe(body.current.firstElementChild);
    return () => observer.disconnect();
  }, [capture, saved]);

  // The background reads the synced intel: this page cannot (no Dexie in a content script).
  const findNearDuplicates = useCallback((probe: NearDuplicateProbe) => capture.send('intel.nearDuplicates', probe).then((reply) => reply.items), [capture]);

  // Brand, product, spec and SKU the dictionary recognises in the title and selection.
  const suggest = useCallback((page: { title?: string; text?: string }) => {
    const { competitorName, brand, product, spec, sku } = suggestFromPage(page, capture.dictionary);
    return { competitorName, brand, product, spec, sku };
  }, [capture]);

  const onSave = useCallback(
    async (...[draft, options]: Parameters<IntelFormProps['onSave']>) => {
      // Marks split Save for `npm run bench capture`: the form's checks, the background's save, the notice.
      performance.mark('fieldkit:intel-form:save-sent');
      const reply = await capture.save(draft, options);
      performance.mark('fieldkit:intel-form:save-answered');
      setSaved(reply.addedTo ? 'addedTo' : 'new');
      setTimeout(onClose, 1500);
    },
    [capture, onClose],
  );
  // One element for the frame's life: saving shows the notice and hides the form instead of
  // unmounting it (tearing down its many nodes was most of the time from Save to "saved").
  const form = useMemo(
    () => (
      <ErrorBoundary section={t('title')}>
        <IntelForm
          initial={capture.initial}
          competitors={capture.competitors}
          dealers={capture.dealers}
          today={capture.today}
          findNearDuplicates={findNearDuplicates}
          suggest={suggest}
          onSave={onSave}
          onCancel={onClose}
          stickyActions
        />
      </ErrorBoundary>
    ),
    [capture, findNearDuplicates, suggest, onSave, onClose, t],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Escape from the calendar popover (rendered outside the panel) closes only the calendar.
    if (event.key !== 'Escape' || event.defaultPrevented || !event.currentTarget.contains(event.target as Node)) return;
    onClose();
  };

  return (
    <div
      role="dialog"
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
      className="flex h-screen w-full flex-col overflow-hidden rounded-xl border border-line bg-surface text-base text-ink"
    >
      <header ref={header} className="flex shrink-0 items-center justify-between gap-2 border-b border-line py-2 pr-2 pl-4">
        <h2 id={titleId} className="m-0 flex min-w-0 items-center gap-2 text-lg font-semibold">
          <Radar aria-hidden="true" className="size-4 shrink-0 text-accent" />
          <span className="truncate">{t('title')}</span>
        </h2>
        <Button variant="ghost" size="icon" aria-label={t('close')} title={t('close')} onClick={onClose}>
          <X aria-hidden="true" className="size-4" />
        </Button>
      </header>
      <div ref={body} className="min-h-0 flex-1 overflow-y-auto overscroll-contain p-4">
        {saved && (
          <Notice tone="ok" role="status">
            {saved === 'addedTo' ? ti('addedToEarlier') : t('saved')}
          </Notice>
        )}
        <div hidden={saved !== undefined}>{form}</div>
      </div>
    </div>
  );
}
