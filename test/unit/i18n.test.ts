import { describe, expect, it } from 'vitest';
import { defineMessages, resolveLocale, translator } from '../../lib/kernel/i18n';

const bundle = defineMessages({
  en: { hello: 'Hello {name}', count: '{n} records' },
  'zh-CN': { hello: '你好，{name}', count: '{n} 条记录' },
});

describe('i18n', () => {
  it('translates with variables and locale-aware numbers', () => {
    expect(translator(bundle, 'zh-CN')('hello', { name: '张伟' })).toBe('你好，张伟');
    expect(translator(bundle, 'en')('count', { n: 12000 })).toBe('12,000 records');
  });

  it('follows the browser unless the user chose a language', () => {
    expect(resolveLocale('auto', 'zh-TW')).toBe('zh-CN');
    expect(resolveLocale('auto', 'en-GB')).toBe('en');
    expect(resolveLocale('auto', 'fr')).toBe('en');
    expect(resolveLocale('zh-CN', 'en-US')).toBe('zh-CN');
    expect(resolveLocale(undefined, 'zh')).toBe('zh-CN');
  });

  it('every message bundle has the same non-empty keys in both languages', () => {
    const modules = import.meta.glob<{ [name: string]: unknown }>(['../../lib/**/messages.ts', '../../components/**/messages.ts', '../../entrypoints/**/messages.ts'], { eager: true });
    expect(Object.keys(modules).length).toBeGreaterThan(0);
    for (const [file, module] of Object.entries(modules)) {
      for (const value of Object.values(module)) {
        const b = value as { en?: Record<string, string>; 'zh-CN'?: Record<string, string> };
        if (!b || typeof b !== 'object' || !b.en || !b['zh-CN']) continue;
        expect(Object.keys(b['zh-CN']).sort(), file).toEqual(Object.keys(b.en).sort());
        for (const [key, text] of [...Object.entries(b.en), ...Object.entries(b['zh-CN'])]) expect(text.trim(), `${file} ${key}`).not.toBe('');
      }
    }
  });
});

describe('validation messages', () => {
  it('follow the UI language and keep zod in jitless mode', async () => {
    const { z, setValidationLanguage } = await import('../../lib/kernel/zod');
    try {
      setValidationLanguage('zh-CN');
      expect(z.number().min(0).safeParse(-1).error!.issues[0]!.message).toMatch(/数值过小/);
      setValidationLanguage('en');
      expect(z.number().min(0).safeParse(-1).error!.issues[0]!.message).toMatch(/Too small/);
      expect(z.config().jitless).toBe(true);
    } finally {
      setValidationLanguage('en');
    }
  });
});
