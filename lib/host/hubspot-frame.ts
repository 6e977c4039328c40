/**
 * The content script's side of the KPI panel on HubSpot company records. It stays tiny (no React,
 * no Dexie, no network): it reads the record from the URL, and frames the panel page
 * (`hubspot-panel.html`, an extension page that loads its own chunk) in a shadow root — docked in
 * the record's right sidebar when HubSpot's anchor is there, else as a fixed dock on the right
 * edge that works whatever HubSpot does to its DOM. In-app navigation swaps the framed record
 * without a reload; leaving company records removes the panel.
 */
import { browser } from 'wxt/browser';
import { z } from '../kernel/zod';
import { companyRecordOf, type CompanyRecordUrl } from '../crm/hubspot/record-urls';
import { findPanelAnchor } from '../crm/hubspot/page-anchors';

export const PANEL_PAGE = '/hubspot-panel.html';
export const PANEL_HOST_TAG = 'fieldkit-kpi-panel';

/** What the framed panel page tells its host: its content height, and collapse / expand. */
export const FrameMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fieldkit-panel:height'), height: z.number().finite().min(0).max(20_000) }),
  z.object({ type: z.literal('fieldkit-panel:collapse'), collapsed: z.boolean() }),
]);

const DOCK_WIDTH = 360;

/** The frame's address for a record: the record rides in the hash, so a change never reloads it. */
export function frameUrlOf(record: CompanyRecordUrl): string {
  return `${browser.runtime.getURL(PANEL_PAGE)}#${record.portalId}/${record.companyId}`;
}

interface Mounted {
  key: string;
  host: HTMLElement;
  frame: HTMLIFrameElement;
  docked: boolean;
}

function mount(record: CompanyRecordUrl, doc: Document): Mounted {
  const host = doc.createElement(PANEL_HOST_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  const anchor = findPanelAnchor(doc);
  const frame = doc.createElement('iframe');
  frame.src = frameUrlOf(record);
  frame.title = 'Fieldkit';
  frame.setAttribute('allow', '');
  // The page's styles never reach into the shadow root; the frame's own page styles the panel.
  const style = doc.createElement('style');
  style.textContent = anchor
    ? `:host{all:initial;display:block;margin:0 0 12px}iframe{display:block;width:100%;height:480px;border:0;border-radius:8px;color-scheme:normal}`
    : `:host{all:initial}iframe{position:fixed;top:64px;right:0;bottom:0;width:${DOCK_WIDTH}px;height:calc(100vh - 64px);border:0;border-left:1px solid #cbd6e2;box-shadow:-4px 0 16px rgba(0,0,0,.08);z-index:2147483000;background:#fff;color-scheme:normal}iframe.collapsed{width:44px;height:132px;top:50%;bottom:auto;border:1px solid #cbd6e2;border-radius:8px 0 0 8px}`;
  shadow.append(style, frame);
  if (anchor?.placement === 'after') anchor.element.after(host);
  else if (anchor?.placement === 'append') anchor.element.append(host);
  else if (anchor) anchor.element.prepend(host);
  else doc.documentElement.append(host);
  return { key: `${record.portalId}/${record.companyId}`, host, frame, docked: !anchor };
}

/**
 * Shows the panel while the tab is on a company record and follows HubSpot's in-app navigation.
 * `onLocationChange` is WXT's location watcher, giving the new address (its listeners are removed
 * when the script is invalidated); the returned function removes the panel and the listeners.
 */
export function setUpHubSpotPanel(onLocationChange: (listener: (url: string) => void) => void, doc: Document = document): () => void {
  let mounted: Mounted | undefined;
  const expectedOrigin = new URL(browser.runtime.getURL('/')).origin;

  const onFrameMessage = (event: MessageEvent) => {
    if (!mounted || event.source !== mounted.frame.contentWindow || event.origin !== expectedOrigin) return;
    const message = FrameMessage.safeParse(event.data);
    if (!message.success) return;
    if (message.data.type === 'fieldkit-panel:height' && !mounted.docked) mounted.frame.style.height = `${Math.ceil(message.data.height)}px`;
    if (message.data.type === 'fieldkit-panel:collapse' && mounted.docked) mounted.frame.classList.toggle('collapsed', message.data.collapsed);
  };
  window.addEventListener('message', onFrameMessage);

  // The new address comes with the event: with the Navigation API it fires before location changes.
  const follow = (url: string) => {
    const record = companyRecordOf(url);
    const key = record ? `${record.portalId}/${record.companyId}` : undefined;
    if (key === mounted?.key) return;
    if (!record) {
      mounted?.host.remove();
      mounted = undefined;
      return;
    }
    if (mounted && mounted.host.isConnected) {
      // Another company in the same app: the frame swaps its record in place (hash change).
      mounted.frame.src = frameUrlOf(record);
      mounted.key = key!;
      return;
    }
    mounted = mount(record, doc);
  };
  onLocationChange(follow);
  follow(location.href);
  return () => {
    window.removeEventListener('message', onFrameMessage);
    mounted?.host.remove();
    mounted = undefined;
  };
}
