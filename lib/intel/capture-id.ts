/**
 * The capture's id, apart from the frame messages' schemas: the form page's early script reads it
 * before any module loads, and should not carry a validation library to do so.
 *
 * 128 random bits, base64url, made by the content script. The page can read it off the frame's
 * address, and that gives it nothing: a capture is read only by our form page in the same tab, and
 * only by the first frame that asks (lib/host/capture-store.ts).
 */
export const CAPTURE_ID_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

/** A new capture id (crypto-random; available in workers and pages). */
export function newCaptureId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The capture id a form page was opened for, from its address's hash. */
export function captureIdOf(hash: string): string | undefined {
  const id = hash.replace(/^#/, '');
  return CAPTURE_ID_PATTERN.test(id) ? id : undefined;
}
