import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/**
 * Where a Chromium that can side-load extensions lives: CHROMIUM_PATH, Debian's package, or a
 * browser Playwright downloaded. Branded Chrome refuses --load-extension, so it is not a candidate.
 */
export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // playwright-core without a downloaded browser throws here
  }
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) {
    throw new Error(
      'No Chromium found for the end-to-end tests. Install Debian\'s package (apt-get install -y chromium), ' +
        'or set CHROMIUM_PATH to a Chromium binary. Tried: ' + candidates.filter(Boolean).join(', '),
    );
  }
  return found;
}
