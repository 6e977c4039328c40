/**
 * Where CRM calls may go. Production talks only to HubSpot's API host; tests, the demo and e2e
 * point at the local simulator. Anything else is refused so a pasted URL cannot send the token
 * to a third party.
 */
export const DEFAULT_BASE_URL = 'https://api.hubapi.com';

export class BaseUrlError extends Error {
  override readonly name = 'BaseUrlError';
}

export function normaliseBaseUrl(input: string | undefined): string {
  const raw = (input ?? '').trim();
  if (!raw) return DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BaseUrlError(`Not a URL: ${raw.slice(0, 100)}`);
  }
  const local = url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
  const hubspot = url.protocol === 'https:' && url.hostname === 'api.hubapi.com' && !url.port;
  if (!local && !hubspot) throw new BaseUrlError('Only https://api.hubapi.com or a local simulator (http://127.0.0.1 or http://localhost) is allowed.');
  if (url.username || url.password || url.search || url.hash) throw new BaseUrlError('The base URL must not carry credentials, a query or a fragment.');
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}
