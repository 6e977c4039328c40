/**
 * Where CRM calls may go. Production talks only to HubSpot's API host; tests, the demo and e2e
 * point at the local simulator. Anything else is refused so a pasted URL cannot send the token
 * to a third party.
 *
 * HubSpot documents one public API host, api.hubapi.com, for every account (EU-hosted ones
 * included); no other host is accepted until HubSpot documents one.
 */
export const DEFAULT_BASE_URL = 'https://api.hubapi.com';
export const HUBSPOT_API_HOSTS: readonly string[] = ['api.hubapi.com'];

export class BaseUrlError extends Error {
  override readonly name = 'BaseUrlError';
}

export interface BaseUrlPolicy {
  /** Whether `http://127.0.0.1` / `http://localhost` (the simulator) is accepted. */
  allowLoopback: boolean;
}

/** What the build and the install say about loopback, gathered by the host (lib/host/sync.ts). */
export interface LoopbackEvidence {
  /** Vite's `import.meta.env.MODE`: 'production' for `wxt build`; undefined outside a Vite build (Node scripts). */
  mode: string | undefined;
  /** `WXT_ALLOW_LOOPBACK` at build time: '1' builds a production bundle for tests and demos. */
  buildFlag: string | undefined;
  /** `management.getSelf().installType`: 'development' for an unpacked extension (e2e, demo). */
  installType: string | undefined;
}

/**
 * A loopback simulator is accepted outside production builds, in a production build made with
 * WXT_ALLOW_LOOPBACK=1, and in an extension loaded unpacked — the way e2e and the demo run the
 * production build; a store install ('normal') or a policy install ('admin') accepts only HubSpot.
 */
export function loopbackAllowedBy(evidence: LoopbackEvidence): boolean {
  if (evidence.mode !== 'production') return true;
  if (evidence.buildFlag === '1') return true;
  return evidence.installType === 'development';
}

function buildEnv(): { mode: string | undefined; buildFlag: string | undefined } {
  const env = (import.meta as { env?: Record<string, unknown> }).env;
  return { mode: typeof env?.MODE === 'string' ? env.MODE : undefined, buildFlag: typeof env?.WXT_ALLOW_LOOPBACK === 'string' ? env.WXT_ALLOW_LOOPBACK : undefined };
}

let installType: string | undefined;

/** The host tells what kind of install this is once it knows (an async browser call at start-up). */
export function noteInstallType(type: string | undefined): void {
  installType = type;
}

export function currentBaseUrlPolicy(): BaseUrlPolicy {
  return { allowLoopback: loopbackAllowedBy({ ...buildEnv(), installType }) };
}

export function normaliseBaseUrl(input: string | undefined, policy: BaseUrlPolicy = currentBaseUrlPolicy()): string {
  const raw = (input ?? '').trim();
  if (!raw) return DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BaseUrlError(`Not a URL: ${raw.slice(0, 100)}`);
  }
  const local = url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
  const hubspot = url.protocol === 'https:' && HUBSPOT_API_HOSTS.includes(url.hostname) && !url.port;
  if (local && !policy.allowLoopback) throw new BaseUrlError('Only https://api.hubapi.com is allowed in this build; a local simulator is for test and demo builds.');
  if (!local && !hubspot) {
    throw new BaseUrlError(
      policy.allowLoopback ? 'Only https://api.hubapi.com or a local simulator (http://127.0.0.1 or http://localhost) is allowed.' : 'Only https://api.hubapi.com is allowed.',
    );
  }
  if (url.username || url.password || url.search || url.hash) throw new BaseUrlError('The base URL must not carry credentials, a query or a fragment.');
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}
