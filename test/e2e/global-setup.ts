import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { findChromium } from './chromium';

/** Fails the run loudly, never skips, when the browser or the built extension is missing. */
export default function setup() {
  findChromium();
  const manifest = resolve('.output/chrome-mv3/manifest.json');
  if (!existsSync(manifest)) throw new Error(`The built extension is missing (${manifest}). Run \`npm run build\` first.`);
}
