/**
 * Where the intel capture can open. On most pages the quick form is injected into the page; a
 * browser cannot inject into its own pages, the extension store, other extensions' pages (the PDF
 * viewer is one) or view-source, so there the capture opens in the side panel with what can still
 * be captured — the address and title — instead of failing.
 */

/** Schemes no extension may script. */
const BLOCKED_SCHEMES = /^(chrome|chrome-extension|chrome-search|chrome-untrusted|devtools|edge|brave|opera|vivaldi|about|moz-extension|resource|view-source|data|javascript|blob|filesystem):/i;

/** Web pages the browsers keep extensions out of (their extension stores). */
const BLOCKED_PAGES: readonly RegExp[] = [
  /^https:\/\/chromewebstore\.google\.com(\/|$)/i,
  /^https:\/\/chrome\.google\.com\/webstore(\/|$)/i,
  /^https:\/\/microsoftedge\.microsoft\.com\/addons(\/|$)/i,
  /^https:\/\/addons\.mozilla\.org(\/|$)/i,
];

/**
 * Whether the quick form cannot be injected into a tab at this address. An address the browser
 * did not tell us (no access to the tab) counts as blocked: after a gesture that grants access the
 * address is known, so an unknown one means there is none to have. A PDF (by its path) opens in
 * the browser's viewer, which no extension can script.
 */
export function injectionBlocked(url: string | undefined): boolean {
  if (!url) return true;
  if (BLOCKED_SCHEMES.test(url) || BLOCKED_PAGES.some((page) => page.test(url))) return true;
  try {
    return /\.pdf$/i.test(new URL(url).pathname);
  } catch {
    return true;
  }
}

const CAPTURE_HASH = '#intel/capture';
/** Page titles and addresses kept in the hash are capped like the record's fields. */
const MAX_URL = 2048;
const MAX_TITLE = 500;

/** The side panel's hash that opens a new intel item from a page it could not inject into. */
export function captureHashOf(page: { url?: string; title?: string }): string {
  const params = new URLSearchParams();
  if (page.url) params.set('url', page.url.slice(0, MAX_URL));
  if (page.title) params.set('title', page.title.slice(0, MAX_TITLE));
  const query = params.toString();
  return query ? `${CAPTURE_HASH}?${query}` : CAPTURE_HASH;
}

/**
 * The page a capture hash names: an http(s) address (anything else — a browser page, a PDF
 * viewer's extension URL — is kept as text in the title's place, never as a link) and its title.
 */
export function captureOfHash(hash: string): { sourceUrl?: string; sourceTitle?: string } | undefined {
  if (hash !== CAPTURE_HASH && !hash.startsWith(`${CAPTURE_HASH}?`)) return undefined;
  const params = new URLSearchParams(hash.slice(CAPTURE_HASH.length + 1));
  const url = params.get('url')?.slice(0, MAX_URL) ?? '';
  const title = params.get('title')?.trim().slice(0, MAX_TITLE) ?? '';
  const web = /^https?:\/\//i.test(url) && URL.canParse(url);
  const sourceTitle = title || (!web && url ? url.slice(0, MAX_TITLE) : '');
  return { ...(web ? { sourceUrl: url } : {}), ...(sourceTitle ? { sourceTitle } : {}) };
}
