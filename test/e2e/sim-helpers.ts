/**
 * Helpers of the e2e tests that drive the built extension against the HubSpot simulator:
 * polling for a condition, a message to the background as a page sends it, and connecting in
 * Options › Connection with a token and the simulator's address.
 */
import type { Page } from 'playwright-core';

/** Polls `probe` until `accept` holds; fails with the last value after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > until) throw new Error(`timed out; last value: ${JSON.stringify(value).slice(0, 800)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A message to the background from an extension page, as the product's pages send them. */
export function send(page: Page, type: string, payload: unknown = {}) {
  return page.evaluate(
    ([t, p]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: t, payload: p }),
    [type, payload] as const,
  ) as Promise<{ ok: boolean; data?: Record<string, unknown>; error?: unknown }>;
}

/** Connects in Options › Connection (labels in the page's language) and waits for the connection facts. */
export async function connect(page: Page, to: { token: string; baseUrl: string }, labels: { token: string; advanced: string; baseUrl: string; connect: string }) {
  const settings = page.getByTestId('connection-settings');
  await settings.getByLabel(labels.token).fill(to.token);
  await settings.getByText(labels.advanced).click();
  await settings.getByLabel(labels.baseUrl).fill(to.baseUrl);
  await settings.getByRole('button', { name: labels.connect }).click();
  await settings.getByTestId('connection-facts').waitFor({ timeout: 20_000 });
}
