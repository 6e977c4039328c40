/**
 * The URLs record-urls.ts must understand, each with what it must read from them (in the spirit of
 * refined-github's test URLs beside each page detector). test/crm/record-urls.test.ts runs every
 * one; the forms and their sources are listed in docs/hubspot-pages.md. A separate module so the
 * list never reaches a bundle.
 */
import type { HubSpotRecordUrl } from './record-urls';

export interface RecordUrlExample {
  url: string;
  expected: HubSpotRecordUrl | undefined;
  /** Which form this is (the headings of docs/hubspot-pages.md). */
  form: string;
}

const PORTAL = '20369857';
const COMPANY = '9876543210';

const company = (host: string, recordId = COMPANY, portalId = PORTAL): HubSpotRecordUrl => ({ portalId, objectType: 'company', recordId, host });
const record = (objectType: HubSpotRecordUrl['objectType'], recordId: string, host = 'app.hubspot.com'): HubSpotRecordUrl => ({ portalId: PORTAL, objectType, recordId, host });

export const RECORD_URL_EXAMPLES: readonly RecordUrlExample[] = [
  // ── company records ──
  { form: 'record path', url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: company('app.hubspot.com') },
  { form: 'record path', url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}/`, expected: company('app.hubspot.com') },
  { form: 'record path + view', url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}/view/1`, expected: company('app.hubspot.com') },
  { form: 'record path + view', url: `https://app-eu1.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}/view/1?engagement=45201193`, expected: company('app-eu1.hubspot.com') },
  { form: 'record path + query', url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}?tab=activities`, expected: company('app.hubspot.com') },
  { form: 'record path + query', url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}/?interaction=note&tab=overview`, expected: company('app.hubspot.com') },
  { form: 'record path + fragment', url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}#activity`, expected: company('app.hubspot.com') },
  { form: 'record path + fragment', url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}/view/1?a=b#c/d`, expected: company('app.hubspot.com') },
  { form: 'regional host', url: `https://app-na1.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: company('app-na1.hubspot.com') },
  { form: 'regional host', url: `https://app-na2.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: company('app-na2.hubspot.com') },
  { form: 'regional host', url: `https://app-na3.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: company('app-na3.hubspot.com') },
  { form: 'regional host', url: `https://app-eu1.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: company('app-eu1.hubspot.com') },
  { form: 'regional host', url: `https://app-ap1.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: company('app-ap1.hubspot.com') },
  { form: 'host case and default port', url: `https://APP.HubSpot.com:443/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: company('app.hubspot.com') },
  { form: 'legacy company path', url: `https://app.hubspot.com/contacts/${PORTAL}/company/${COMPANY}`, expected: company('app.hubspot.com') },
  { form: 'legacy company path', url: `https://app.hubspot.com/contacts/${PORTAL}/company/${COMPANY}/`, expected: company('app.hubspot.com') },
  { form: 'legacy company path', url: `https://app-eu1.hubspot.com/contacts/${PORTAL}/company/${COMPANY}/?engagement=45201193`, expected: company('app-eu1.hubspot.com') },
  { form: 'legacy company path', url: `https://app.hubspot.com/contacts/${PORTAL}/company/${COMPANY}#notes`, expected: company('app.hubspot.com') },
  { form: 'record path', url: 'https://app.hubspot.com/contacts/1/record/0-2/1', expected: company('app.hubspot.com', '1', '1') },

  // ── other records: parsed, but not companies ──
  { form: 'other object types', url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-1/7007`, expected: record('contact', '7007') },
  { form: 'other object types', url: `https://app-na3.hubspot.com/contacts/${PORTAL}/record/0-1/273899549679/view/1`, expected: record('contact', '273899549679', 'app-na3.hubspot.com') },
  { form: 'other object types', url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-3/163831689925`, expected: record('deal', '163831689925') },
  { form: 'other object types', url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-5/789`, expected: record('ticket', '789') },
  { form: 'other object types', url: `https://app.hubspot.com/contacts/${PORTAL}/record/2-130916146/555`, expected: record('other', '555') },
  { form: 'other object types', url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-7/42`, expected: record('other', '42') },
  { form: 'other object types', url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-20/42`, expected: record('other', '42') },
  { form: 'legacy paths of other objects', url: `https://app.hubspot.com/contacts/${PORTAL}/contact/7007`, expected: record('contact', '7007') },
  { form: 'legacy paths of other objects', url: `https://app-eu1.hubspot.com/contacts/${PORTAL}/deal/67890`, expected: record('deal', '67890', 'app-eu1.hubspot.com') },
  { form: 'legacy paths of other objects', url: `https://app.hubspot.com/contacts/${PORTAL}/ticket/789/`, expected: record('ticket', '789') },

  // ── HubSpot pages that are not records ──
  { form: 'not a record', url: `https://app.hubspot.com/contacts/${PORTAL}/objects/0-2/views/all/list`, expected: undefined },
  { form: 'not a record', url: `https://app-ap1.hubspot.com/contacts/${PORTAL}/objects/0-2/views/all/list?query=acme`, expected: undefined },
  { form: 'not a record', url: `https://app.hubspot.com/contacts/${PORTAL}/objects/0-2/views/353515006/board`, expected: undefined },
  { form: 'not a record', url: `https://app.hubspot.com/contacts/${PORTAL}/companies`, expected: undefined },
  { form: 'not a record', url: `https://app.hubspot.com/contacts/${PORTAL}/companies/list/view/all/`, expected: undefined },
  { form: 'not a record', url: `https://app.hubspot.com/contacts/${PORTAL}/objects/0-1/views/all/list`, expected: undefined },
  { form: 'not a record', url: `https://app.hubspot.com/contacts/${PORTAL}/objectLists/12`, expected: undefined },
  { form: 'not a record', url: `https://app.hubspot.com/contacts/${PORTAL}/lists/12`, expected: undefined },
  { form: 'not a record', url: `https://app.hubspot.com/contacts/${PORTAL}`, expected: undefined },
  { form: 'not a record', url: `https://app.hubspot.com/contacts/${PORTAL}/`, expected: undefined },
  { form: 'not a record', url: `https://app.hubspot.com/reports-dashboard/${PORTAL}/view/1234`, expected: undefined },
  { form: 'not a record', url: `https://app.hubspot.com/reports-list/${PORTAL}/`, expected: undefined },
  { form: 'not a record', url: `https://app.hubspot.com/settings/${PORTAL}/objects/companies`, expected: undefined },
  { form: 'not a record', url: `https://app.hubspot.com/property-settings/${PORTAL}/properties?type=0-2`, expected: undefined },
  { form: 'not a record', url: `https://app.hubspot.com/workflows/${PORTAL}/view/all`, expected: undefined },
  { form: 'not a record', url: `https://app.hubspot.com/sales-workspace/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not a record', url: `https://app.hubspot.com/home?portalId=${PORTAL}`, expected: undefined },
  { form: 'not a record', url: 'https://app.hubspot.com/login', expected: undefined },

  // ── malformed record paths ──
  { form: 'malformed', url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-2/`, expected: undefined },
  { form: 'malformed', url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-2`, expected: undefined },
  { form: 'malformed', url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-2/new`, expected: undefined },
  { form: 'malformed', url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-2/12a`, expected: undefined },
  { form: 'malformed', url: `https://app.hubspot.com/contacts/${PORTAL}/record/company/${COMPANY}`, expected: undefined },
  { form: 'malformed', url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-2%2F${COMPANY}`, expected: undefined },
  { form: 'malformed', url: `https://app.hubspot.com/contacts/${PORTAL}/company/`, expected: undefined },
  { form: 'malformed', url: `https://app.hubspot.com/contacts/${PORTAL}/companies/${COMPANY}`, expected: undefined },
  { form: 'malformed', url: `https://app.hubspot.com/contacts/${PORTAL}/Company/${COMPANY}`, expected: undefined },
  { form: 'malformed', url: `https://app.hubspot.com/contacts/${PORTAL}/constructor/${COMPANY}`, expected: undefined },
  { form: 'malformed', url: `https://app.hubspot.com/contacts/portal/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'malformed', url: `https://app.hubspot.com/contacts//${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'malformed', url: `https://app.hubspot.com//contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'malformed', url: `https://app.hubspot.com/Contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'malformed', url: `https://app.hubspot.com/x/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'malformed', url: 'not a url', expected: undefined },
  { form: 'malformed', url: '', expected: undefined },
  { form: 'malformed', url: `/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },

  // ── not HubSpot's web app: lookalikes, other HubSpot hosts, other schemes ──
  { form: 'not the web app', url: `https://app.hubspot.com.evil.example/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `https://app-eu1.hubspot.com.evil.example/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `https://hubspot.com.example/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `https://app.hubspot.co/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `https://app-hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `https://evilapp.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `https://app.hubspot.com@evil.example/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `https://user:pass@app.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `https://evil.example/app.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `https://evil.example/?next=https://app.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `https://evil.example/#https://app.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `https://www.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `https://hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `https://api.hubapi.com/crm/v3/objects/companies/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `https://app-eu2.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `http://app.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `https://app.hubspot.com:8443/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `https://app.hubspot.com./contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `http://127.0.0.1:5173/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
  { form: 'not the web app', url: `javascript:location='https://app.hubspot.com/contacts/${PORTAL}/record/0-2/${COMPANY}'`, expected: undefined },
  { form: 'not the web app', url: `chrome-extension://abcdefghijklmnop/contacts/${PORTAL}/record/0-2/${COMPANY}`, expected: undefined },
];
