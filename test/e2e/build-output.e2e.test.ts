/**
 * Checks on the production build itself: the service worker's bundle stays lean (HubSpot's client
 * only through the generated modules we use, not the whole `Client`) and contains no dynamic code
 * generation, which MV3's content-security policy would refuse at run time.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { EXTENSION_PATH } from './fixtures';

/** A file and every chunk it imports statically, transitively. */
function bundleOf(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(join(EXTENSION_PATH, entry), 'utf8');
  for (const [, spec] of source.matchAll(/(?:from|import)\s*["'`](\.{1,2}\/[^"'`]+)["'`]/g)) {
    bundleOf(normalize(join(entry, '..', spec!)), seen);
  }
  return seen;
}

// 800 KiB since the background computes dealer KPI panels and snapshots (the panel on HubSpot asks
// it; the snapshot job runs after each sync): 753 KiB when that landed. 850 KiB since it also
// schedules report reminders (deadlines, templates, the team's roles and rules): 800 KiB then.
// 900 KiB since it also holds the intel capture (photograph, downscale, hand to the form frame),
// checks backups against the rule compiler and settings schemas, and waits out search lag: 851 KiB then.
const BACKGROUND_BUDGET_BYTES = 900 * 1024;

describe('the built extension', () => {
  const background = [...bundleOf('background.js')];
  const code = background.map((file) => readFileSync(join(EXTENSION_PATH, file), 'utf8'));
  const bytes = code.reduce((sum, text) => sum + Buffer.byteLength(text), 0);

  it(`keeps the service worker bundle under ${BACKGROUND_BUDGET_BYTES / 1024} KiB`, () => {
    console.log(`background bundle: ${(bytes / 1024).toFixed(0)} KiB in ${background.length} files (${background.join(', ')})`);
    expect(bytes).toBeLessThan(BACKGROUND_BUDGET_BYTES);
    expect(background).toContain('background.js');
    expect(background.length).toBeGreaterThan(1); // the import scan found the chunks
  });

  it('ships only the HubSpot API modules it uses, and no Bottleneck / Redis scripts', () => {
    const all = code.join('\n');
    expect(all).toContain('/crm/v3/objects/notes');
    for (const unused of ['/marketing/v3/', '/cms/v3/', '/crm/v3/objects/deals', 'bottleneck', 'redis.call']) expect(all, unused).not.toContain(unused);
  });

  it('contains no eval or new Function anywhere in the extension', () => {
    const files = readdirSync(EXTENSION_PATH, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    expect(files).toContain('content-scripts/intel-capture.js');
    for (const file of files) {
      const text = readFileSync(join(EXTENSION_PATH, file), 'utf8');
      expect(text, file).not.toMatch(/\beval\s*\(/);
      expect(text, file).not.toMatch(/new\s+Function\s*\(/);
    }
  });
});
