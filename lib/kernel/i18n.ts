/**
 * Fieldkit's own i18n. The browser's `i18n.getMessage` cannot switch language at run time, and
 * users switch between 中文 and English in options, so every feature declares a message bundle
 * (`defineMessages`) with both languages and identical keys, checked by the type system and by
 * test/unit/i18n.test.ts. `_locales/` holds only what the manifest itself needs.
 *
 * Messages are ICU MessageFormat (through `intl-messageformat`), so English can say
 * "{count, plural, one {# visit card} other {# visit cards}}" where Chinese says "{count} 张客户卡".
 * A plain `{name}` is replaced by the value; a number given for it is formatted with Intl in the
 * UI language (12,000). Write `'` as in ordinary text: ICU only treats an apostrophe as a quote
 * right before `{`, `}` or (inside a plural) `#`.
 */
import IntlMessageFormat from 'intl-messageformat';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type LanguagePreference = Locale | 'auto';

export type MessageBundle<K extends string> = { readonly en: Record<K, string>; readonly 'zh-CN': Record<K, string> };

export function defineMessages<K extends string>(bundle: MessageBundle<K>): MessageBundle<K> {
  return bundle;
}

export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

type Ast = ReturnType<IntlMessageFormat['getAst']>;
type AstElement = Ast[number];

/** `TYPE` of @formatjs/icu-messageformat-parser (not a direct dependency, so mirrored here). */
const ELEMENT = { literal: 0, argument: 1, number: 2, date: 3, time: 4, select: 5, plural: 6, pound: 7, tag: 8 } as const;

interface Compiled {
  format: IntlMessageFormat;
  /** Arguments used only as a plain `{name}`: numbers given for them are formatted here. */
  plain: ReadonlySet<string>;
}

/** Compiled messages per bundle, by `locale\u0000key`; `null` marks a template that is not valid ICU. */
const compiledByBundle = new WeakMap<object, Map<string, Compiled | null>>();

export function translator<K extends string>(bundle: MessageBundle<K>, locale: Locale): Translate<K> {
  const messages = bundle[locale];
  let compiled = compiledByBundle.get(bundle);
  if (!compiled) {
    compiled = new Map();
    compiledByBundle.set(bundle, compiled);
  }
  const cache = compiled;
  return (key, vars) => {
    const template = messages[key] ?? bundle.en[key] ?? key;
    // Text without arguments or quotes reads the same through ICU: skip it.
    if (!template.includes('{') && !template.includes("'")) return template;
    const cacheKey = `${locale}\u0000${key}`;
    let entry = cache.get(cacheKey);
    if (entry === undefined) {
      entry = compile(template, locale);
      cache.set(cacheKey, entry);
    }
    if (entry) {
      try {
        return String(entry.format.format(valuesFor(entry, vars, locale)));
      } catch {
        // A missing or unusable value: fall through, like a template that is not valid ICU.
      }
    }
    return substitute(template, vars, locale);
  };
}

function compile(template: string, locale: Locale): Compiled | null {
  try {
    const format = new IntlMessageFormat(template, locale, undefined, { ignoreTag: true });
    const used = argumentUses(format.getAst());
    const plain = new Set([...used].filter(([, kinds]) => kinds.size === 1 && kinds.has(ELEMENT.argument)).map(([name]) => name));
    return { format, plain };
  } catch {
    return null;
  }
}

function valuesFor(entry: Compiled, vars: Record<string, string | number> | undefined, locale: Locale): Record<string, string | number> {
  if (!vars) return {};
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(vars)) {
    values[name] = typeof value === 'number' && entry.plain.has(name) ? formatValue(value, locale) : value;
  }
  return values;
}

/** Each argument name with the kinds of element that use it (plain, plural, select, number…). */
function argumentUses(ast: Ast, uses = new Map<string, Set<number>>()): Map<string, Set<number>> {
  const note = (el: AstElement & { value: string }) => {
    let kinds = uses.get(el.value);
    if (!kinds) uses.set(el.value, (kinds = new Set()));
    kinds.add(el.type);
  };
  for (const el of ast) {
    switch (el.type) {
      case ELEMENT.argument:
      case ELEMENT.number:
      case ELEMENT.date:
      case ELEMENT.time:
        note(el);
        break;
      case ELEMENT.select:
      case ELEMENT.plural:
        note(el);
        for (const option of Object.values(el.options)) argumentUses(option.value, uses);
        break;
      case ELEMENT.tag:
        argumentUses(el.children, uses);
        break;
    }
  }
  return uses;
}

/**
 * The argument names a message uses, sorted: "{count, plural, one {# card} other {# cards}} in
 * {week}" → ['count', 'week']. Throws when the message is not valid ICU MessageFormat.
 */
export function messageArguments(template: string): string[] {
  const ast = new IntlMessageFormat(template, 'en', undefined, { ignoreTag: true }).getAst();
  return [...argumentUses(ast).keys()].sort();
}

/** The fallback: `{name}` replaced where a value is given, everything else left as written. */
function substitute(template: string, vars: Record<string, string | number> | undefined, locale: Locale): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? formatValue(vars[name]!, locale) : whole));
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();

function formatValue(value: string | number, locale: Locale): string {
  if (typeof value !== 'number') return value;
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(value);
}

/** Chinese in any variant reads the zh-CN bundle; everything else falls back to English. */
export function resolveLocale(preference: LanguagePreference | undefined, browserLanguage: string): Locale {
  if (preference && preference !== 'auto') return preference;
  return browserLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
