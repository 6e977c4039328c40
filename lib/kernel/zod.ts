/**
 * The one place zod is configured. MV3's content-security policy forbids `new Function`, which
 * zod 4 uses for its JIT-compiled parsers; `jitless` must be set before any schema is built, so
 * every module imports `z` from here and never from 'zod' directly.
 */
import * as z from 'zod';

z.config({ jitless: true });

export { z };

/**
 * Validation messages follow the UI language, so a refused import or form names the problem in
 * the user's language. `z.config` merges, so jitless mode stays set.
 */
export function setValidationLanguage(locale: 'zh-CN' | 'en'): void {
  z.config(locale === 'zh-CN' ? z.locales.zhCN() : z.locales.en());
}
