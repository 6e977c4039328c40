/**
 * What a HubSpot web-app URL says about the page: which portal, which kind of record, which id.
 * The dealer KPI panel shows on company records only, and it decides that from the URL alone —
 * the DOM of a contact, deal or ticket record looks the same (see page-anchors.ts). Sources for
 * every host and path form are in docs/hubspot-pages.md; the URLs that prove them are in
 * record-urls.test-urls.ts.
 */

/**
 * The web-app hosts, one per data-hosting region ("hublet"). HubSpot's UI-extension `context`
 * reference lists the regions `na1 | na2 | na3 | ap1 | eu1`; the account-info API returns the
 * portal's `uiDomain`, which is `app.hubspot.com` for na1 and `app-<region>.hubspot.com` for the
 * others (HubSpot's engineering blog names `app-eu1.hubspot.com`). `app-na1.hubspot.com` is not a
 * documented `uiDomain` but answers and is used in public extensions' match lists, so it is kept
 * (it is HubSpot's own host either way). Hosts are compared exactly: a lookalike such as
 * `app.hubspot.com.evil.example` is not HubSpot.
 */
export const HUBSPOT_APP_HOSTS = [
  'app.hubspot.com',
  'app-na1.hubspot.com',
  'app-na2.hubspot.com',
  'app-na3.hubspot.com',
  'app-eu1.hubspot.com',
  'app-ap1.hubspot.com',
] as const;

export type HubSpotAppHost = (typeof HUBSPOT_APP_HOSTS)[number];

export type HubSpotObjectType = 'company' | 'contact' | 'deal' | 'ticket' | 'other';

export interface HubSpotRecordUrl {
  portalId: string;
  objectType: HubSpotObjectType;
  /** The record's id: for a company, the company id the CRM API uses. */
  recordId: string;
  host: string;
}

export interface CompanyRecordUrl {
  portalId: string;
  companyId: string;
  host: string;
}

/**
 * HubSpot's object type ids ("Understanding the CRM": 0-1 contacts, 0-2 companies, 0-3 deals,
 * 0-5 tickets). Every other id — products, leads, custom objects (`2-<n>`) — is 'other'.
 */
const OBJECT_TYPE_IDS: Readonly<Record<string, HubSpotObjectType>> = {
  '0-1': 'contact',
  '0-2': 'company',
  '0-3': 'deal',
  '0-5': 'ticket',
};

/** The older path names (`/contacts/{portal}/company/{id}`) that integrations still link to. */
const LEGACY_OBJECT_NAMES: Readonly<Record<string, HubSpotObjectType>> = {
  contact: 'contact',
  company: 'company',
  deal: 'deal',
  ticket: 'ticket',
};

const PORTAL_ID = /^\d{1,15}$/;
const RECORD_ID = /^\d{1,20}$/;
const OBJECT_TYPE_ID = /^\d{1,3}-\d{1,15}$/;

const APP_HOSTS: ReadonlySet<string> = new Set(HUBSPOT_APP_HOSTS);

export function isHubSpotAppHost(hostname: string): hostname is HubSpotAppHost {
  return APP_HOSTS.has(hostname);
}

/**
 * The record a HubSpot web-app URL shows, or undefined when it is not a record page (index pages,
 * lists, reports, settings, other sites). Accepts both path forms —
 * `/contacts/{portalId}/record/{objectTypeId}/{recordId}` and the legacy
 * `/contacts/{portalId}/{company|contact|deal|ticket}/{recordId}` — with anything after the record
 * id (`/view/1`, a trailing slash), any query and any fragment.
 */
export function parseHubSpotRecordUrl(url: string): HubSpotRecordUrl | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  // The web app is https-only on the default port; a URL with credentials is never a tab HubSpot shows.
  if (parsed.protocol !== 'https:' || parsed.port !== '' || parsed.username !== '' || parsed.password !== '') return undefined;
  if (!isHubSpotAppHost(parsed.hostname)) return undefined;

  // ['', 'contacts', portalId, …]: positions are fixed, so `//` or a missing segment fails.
  const [root, app, portalId, kind, a, b] = parsed.pathname.split('/');
  if (root !== '' || app !== 'contacts' || !portalId || !PORTAL_ID.test(portalId) || !kind) return undefined;

  if (kind === 'record') {
    if (!a || !b || !OBJECT_TYPE_ID.test(a) || !RECORD_ID.test(b)) return undefined;
    return { portalId, objectType: OBJECT_TYPE_IDS[a] ?? 'other', recordId: b, host: parsed.hostname };
  }
  const legacy = Object.hasOwn(LEGACY_OBJECT_NAMES, kind) ? LEGACY_OBJECT_NAMES[kind] : undefined;
  if (legacy && a && RECORD_ID.test(a)) return { portalId, objectType: legacy, recordId: a, host: parsed.hostname };
  return undefined;
}

/** The company record a URL shows, or undefined for anything else (other records included). */
export function companyRecordOf(url: string): CompanyRecordUrl | undefined {
  const record = parseHubSpotRecordUrl(url);
  if (record?.objectType !== 'company') return undefined;
  return { portalId: record.portalId, companyId: record.recordId, host: record.host };
}

/**
 * The narrowest manifest `matches` that cover a company record when the page is *loaded*, per host:
 * `https://<host>/contacts/* /record/0-2/*` and the legacy `https://<host>/contacts/* /company/*`
 * (without the spaces). Match patterns have one wildcard, `*`, which matches any run of characters
 * including `/`, so `0-2` cannot be pinned to the object-type position: `/contacts/1/x/record/0-2/y`
 * and `/contacts/1/company/` match too. The patterns only decide where the script is injected;
 * `companyRecordOf` decides whether the panel shows.
 *
 * HubSpot is a single-page app (as extensions that inject into it observe): going from the companies
 * index or a contact record to a company record changes the URL with `history.pushState`, and
 * browsers inject content scripts only when a document loads. A script injected by these patterns
 * therefore misses every company record reached by an in-app click. Use HUBSPOT_CRM_MATCHES for a content script that must follow the user, and
 * decide on `wxt:locationchange` with `companyRecordOf(location.href)`.
 */
export const COMPANY_RECORD_MATCHES: readonly string[] = HUBSPOT_APP_HOSTS.flatMap((host) => [
  `https://${host}/contacts/*/record/0-2/*`,
  `https://${host}/contacts/*/company/*`,
]);

/**
 * Every page of the CRM app (`/contacts/…`: records and index pages of every object type) on every
 * host: the narrowest `matches` from which in-app navigation can reach a company record without a
 * new document. Not verified: whether going from another HubSpot app (reports, marketing, the home
 * page) into the CRM loads a new document. If a real portal shows it does not, widen these to
 * `https://<host>/*` — the URL check stays the same.
 */
export const HUBSPOT_CRM_MATCHES: readonly string[] = HUBSPOT_APP_HOSTS.map((host) => `https://${host}/contacts/*`);
