import { describe, expect, it } from 'vitest';
import { messageArguments } from '../../lib/kernel/i18n';

type Bundle = { en?: Record<string, string>; 'zh-CN'?: Record<string, string> };

/** Every message bundle under components/: both languages, the same keys, no empty strings. */
const modules = import.meta.glob<Record<string, unknown>>('../../components/**/*messages.ts', { eager: true });

function bundlesOf(module: Record<string, unknown>): [string, Bundle][] {
  return Object.entries(module).filter(([, value]) => {
    const b = value as Bundle;
    return b !== null && typeof b === 'object' && typeof b.en === 'object' && typeof b['zh-CN'] === 'object';
  }) as [string, Bundle][];
}

describe('component message bundles', () => {
  it('include the record components', () => {
    const files = Object.keys(modules);
    for (const feature of ['visits', 'reports', 'intel', 'ui']) {
      expect(files.some((file) => file.includes(`/components/${feature}/messages.ts`)), feature).toBe(true);
    }
  });

  for (const [file, module] of Object.entries(modules)) {
    it(`${file.replace('../../', '')} has identical, non-empty keys in en and zh-CN`, () => {
      const bundles = bundlesOf(module);
      expect(bundles.length, file).toBeGreaterThan(0);
      for (const [name, bundle] of bundles) {
        const en = bundle.en!;
        const zh = bundle['zh-CN']!;
        expect(Object.keys(zh).sort(), `${file} ${name}`).toEqual(Object.keys(en).sort());
        for (const [key, text] of [...Object.entries(en), ...Object.entries(zh)]) {
          expect(typeof text === 'string' && text.trim() !== '', `${file} ${name}.${key}`).toBe(true);
        }
        // Every message is valid ICU MessageFormat, and both languages use the same arguments
        // ({name}, {count, plural, …}), so no variable is silently dropped.
        for (const key of Object.keys(en)) {
          const args = (text: string, lang: string) => {
            try {
              return messageArguments(text);
            } catch (error) {
              throw new Error(`${file} ${name}.${key} (${lang}) is not valid ICU MessageFormat: ${String(error)}`, { cause: error });
            }
          };
          expect(args(zh[key] ?? '', 'zh-CN'), `${file} ${name}.${key} placeholders`).toEqual(args(en[key]!, 'en'));
        }
      }
    });
  }
});
