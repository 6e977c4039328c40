import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import {
  COMPANY_RECORD_MATCHES,
  HUBSPOT_APP_HOSTS,
  HUBSPOT_CRM_MATCHES,
  companyRecordOf,
  isHubSpotAppHost,
  parseHubSpotRecordUrl,
} from '../../lib/crm/hubspot/record-urls';
import { RECORD_URL_EXAMPLES } from '../../lib/crm/hubspot/record-urls.test-urls';

const companies = RECORD_URL_EXAMPLES.filter((e) => e.expected?.objectType === 'company');
const notCompanies = RECORD_URL_EXAMPLES.filter((e) => e.expected?.objectType !== 'company');

/** Whether a browser would inject a script declared with these `matches` into this URL. */
function injectedBy(patterns: readonly string[], url: string): boolean {
  return patterns.some((p) => new MatchPattern(p).includes(url));
}

describe('parseHubSpotRecordUrl reads every test URL as stated', () => {
  it.each(RECORD_URL_EXAMPLES.map((e) => [e.form, e.url, e] as const))('%s: %s', (_form, url, { expected }) => {
    expect(parseHubSpotRecordUrl(url)).toEqual(expected);
  });
});

describe('companyRecordOf', () => {
  it.each(companies.map((e) => [e.url, e] as const))('is the company of %s', (url, { expected }) => {
    expect(companyRecordOf(url)).toEqual({ portalId: expected!.portalId, companyId: expected!.recordId, host: expected!.host });
  });

  it.each(notCompanies.map((e) => [e.url] as const))('is undefined for %s', (url) => {
    expect(companyRecordOf(url)).toBeUndefined();
  });
});

describe('the test URLs cover what the detector must know', () => {
  it('a company record on every host, in both path forms', () => {
    for (const host of HUBSPOT_APP_HOSTS) expect(companies.some((e) => new URL(e.url).hostname === host), host).toBe(true);
    expect(companies.some((e) => e.url.includes('/record/0-2/'))).toBe(true);
    expect(companies.some((e) => e.url.includes('/company/'))).toBe(true);
    expect(companies.some((e) => e.url.includes('/view/1'))).toBe(true);
    expect(companies.some((e) => e.url.includes('?'))).toBe(true);
    expect(companies.some((e) => e.url.includes('#'))).toBe(true);
  });

  it('every other object type, and lookalike hosts that are not HubSpot', () => {
    const types = new Set(RECORD_URL_EXAMPLES.map((e) => e.expected?.objectType));
    expect([...types].sort()).toEqual(['company', 'contact', 'deal', 'other', 'ticket', undefined].sort());
    const lookalikes = RECORD_URL_EXAMPLES.filter((e) => e.form === 'not the web app');
    expect(lookalikes.some((e) => e.url.includes('app.hubspot.com.evil.example'))).toBe(true);
    expect(lookalikes.some((e) => e.url.includes('hubspot.com.example'))).toBe(true);
  });

  it('each form is named, with its sources, in docs/hubspot-pages.md', () => {
    const doc = readFileSync(new URL('../../docs/hubspot-pages.md', import.meta.url), 'utf8');
    for (const form of new Set(RECORD_URL_EXAMPLES.map((e) => e.form))) expect(doc, form).toContain(`### ${form}`);
  });
});

describe('hosts', () => {
  it('are exact web-app hosts, never a suffix match', () => {
    expect(isHubSpotAppHost('app.hubspot.com')).toBe(true);
    expect(isHubSpotAppHost('app-eu1.hubspot.com')).toBe(true);
    expect(isHubSpotAppHost('app.hubspot.com.evil.example')).toBe(false);
    expect(isHubSpotAppHost('www.hubspot.com')).toBe(false);
    expect(isHubSpotAppHost('hubspot.com')).toBe(false);
    expect(isHubSpotAppHost('')).toBe(false);
  });

  it('are lower-case host names without scheme, port or path', () => {
    for (const host of HUBSPOT_APP_HOSTS) expect(new URL(`https://${host}`).host).toBe(host);
  });
});

describe('manifest match patterns', () => {
  it('are valid match patterns, one pair per host for company records and one per host for the CRM app', () => {
    for (const p of [...COMPANY_RECORD_MATCHES, ...HUBSPOT_CRM_MATCHES]) expect(() => new MatchPattern(p)).not.toThrow();
    expect(COMPANY_RECORD_MATCHES).toHaveLength(HUBSPOT_APP_HOSTS.length * 2);
    expect(HUBSPOT_CRM_MATCHES).toHaveLength(HUBSPOT_APP_HOSTS.length);
  });

  it('inject into every company record test URL', () => {
    for (const { url } of companies) {
      expect(injectedBy(COMPANY_RECORD_MATCHES, url), url).toBe(true);
      expect(injectedBy(HUBSPOT_CRM_MATCHES, url), url).toBe(true);
    }
  });

  it('keep the company-record patterns off other records and index pages', () => {
    const kept = notCompanies.filter((e) => ['other object types', 'legacy paths of other objects', 'not a record'].includes(e.form));
    expect(kept.length).toBeGreaterThan(20);
    for (const { url, form } of kept) expect(injectedBy(COMPANY_RECORD_MATCHES, url), `${form}: ${url}`).toBe(false);
    expect(injectedBy(HUBSPOT_CRM_MATCHES, 'https://app.hubspot.com/reports-dashboard/1/view/2')).toBe(false);
  });

  it('keep both pattern sets off every other site', () => {
    const foreign = RECORD_URL_EXAMPLES.filter((e) => /^https?:/.test(e.url) && !isHubSpotAppHost(new URL(e.url).hostname));
    expect(foreign.length).toBeGreaterThan(10);
    for (const { url } of foreign) {
      expect(injectedBy(COMPANY_RECORD_MATCHES, url), url).toBe(false);
      expect(injectedBy(HUBSPOT_CRM_MATCHES, url), url).toBe(false);
    }
  });

  it('cannot pin 0-2 to the object-type segment: the URL check decides (documented false positives)', () => {
    // Patterns have no way to say "digits only", and a pattern without a port matches every port.
    const looseButInjected = [
      'https://app.hubspot.com/contacts/1/x/record/0-2/5',
      'https://app.hubspot.com/contacts/1/company/',
      'https://app.hubspot.com/contacts/1/record/0-2/new',
      'https://app.hubspot.com:8443/contacts/1/record/0-2/5',
      'https://user:pass@app.hubspot.com/contacts/1/record/0-2/5',
    ];
    for (const url of looseButInjected) {
      expect(injectedBy(COMPANY_RECORD_MATCHES, url), url).toBe(true);
      expect(companyRecordOf(url), url).toBeUndefined();
    }
  });
});
