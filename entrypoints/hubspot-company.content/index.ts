import { defineContentScript } from 'wxt/utils/define-content-script';
import { HUBSPOT_CRM_MATCHES } from '../../lib/crm/hubspot/record-urls';
import { setUpHubSpotPanel } from '../../lib/host/hubspot-frame';

/**
 * Only on the HubSpot app's CRM pages (`/contacts/*` of its hosts): HubSpot moves between records
 * without reloading, so the script must be there when the user navigates in-app to a company; it
 * shows the KPI panel only on company records (lib/crm/hubspot/record-urls.ts decides).
 */
export default defineContentScript({
  matches: [...HUBSPOT_CRM_MATCHES],
  runAt: 'document_idle',
  main(ctx) {
    const stop = setUpHubSpotPanel((listener) => ctx.addEventListener(window, 'wxt:locationchange', (event) => listener(event.newUrl.href)));
    ctx.onInvalidated(stop);
  },
});
