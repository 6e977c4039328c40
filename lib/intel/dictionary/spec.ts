/**
 * Pack specs read from a product title: viscosity grades (0W-40, 5W-30, 75W-90), contents
 * (4L, 946mL, 18kg, 5 qt) and pack counts (1L×12, 4L×4). Found even when the product is not in
 * the dictionary, and compared with a dictionary product's own spec to tell its packs apart.
 */
import { normaliseName } from './normalise';

export type SpecToken =
  | { kind: 'viscosity'; text: string }
  /** `volume` is the contents of one unit (1L); `text` adds the count of a case (1L×12). */
  | { kind: 'contents'; text: string; volume: string; count?: number };

/**
 * Latin letters and digits (after normalising): what continues a word or number; Chinese
 * characters do not. Plain ranges, not Unicode properties: a property class costs milliseconds to
 * compile, paid on every capture form that opens.
 */
const WORD = String.raw`a-z0-9\u00c0-\u024f`;
const VISCOSITY = new RegExp(String.raw`(?<![${WORD}.])(\d{1,2})w\s?-?\s?(\d{2,3})(?![${WORD}])`, 'gu');
const UNIT = String.raw`quarts?|qt|gallons?|gal|ml|毫升|公升|升|kg|公斤|千克|l`;
const PACKAGE = String.raw`瓶|桶|罐|听|支|包|袋|盒|pcs|bottles?|packs?|cans?`;
const CONTENTS = new RegExp(
  String.raw`(?<![${WORD}.])(?:(\d{1,3})\s?[×x]\s?)?(\d{1,4}(?:\.\d{1,3})?)\s?(${UNIT})(?:\s?[×x]\s?(\d{1,3})(?!\d)(?:\s?(?:${PACKAGE}))?)?(?![${WORD}])`,
  'gu',
);

const UNIT_TEXT: Record<string, string> = {
  ml: 'mL',
  毫升: 'mL',
  l: 'L',
  升: 'L',
  公升: 'L',
  kg: 'kg',
  公斤: 'kg',
  千克: 'kg',
  qt: ' qt',
  quart: ' qt',
  quarts: ' qt',
  gal: ' gal',
  gallon: ' gal',
  gallons: ' gal',
};

/** Titles are short; a selection is read this far for specs. */
const MAX_SPEC_TEXT = 2000;
/** A title names a handful of specs at most; more is a list page, not one product. */
const MAX_TOKENS = 4;

/** The spec tokens of a text, in the order written, each once. Total: any input gives a list. */
export function specTokensOf(text: unknown): SpecToken[] {
  const normal = normaliseName(typeof text === 'string' ? text.slice(0, MAX_SPEC_TEXT) : '');
  if (!normal) return [];
  const found: { at: number; token: SpecToken }[] = [];
  for (const m of normal.matchAll(VISCOSITY)) {
    found.push({ at: m.index, token: { kind: 'viscosity', text: `${Number(m[1])}W-${m[2]}` } });
  }
  for (const m of normal.matchAll(CONTENTS)) {
    const amount = Number(m[2]);
    if (!Number.isFinite(amount) || amount <= 0) continue;
    const volume = `${amount}${UNIT_TEXT[m[3]!] ?? m[3]}`;
    const count = Number(m[4] ?? m[1] ?? 0);
    const token: SpecToken = count > 1 ? { kind: 'contents', text: `${volume}×${count}`, volume, count } : { kind: 'contents', text: volume, volume };
    found.push({ at: m.index, token });
  }
  found.sort((a, b) => a.at - b.at);
  const seen = new Set<string>();
  const tokens: SpecToken[] = [];
  for (const { token } of found) {
    if (seen.has(token.text)) continue;
    seen.add(token.text);
    tokens.push(token);
    if (tokens.length === MAX_TOKENS) break;
  }
  return tokens;
}

/** The tokens as one spec, as the form shows it: "0W-40 4L". */
export function specText(tokens: readonly SpecToken[]): string | undefined {
  return tokens.length > 0 ? tokens.map((t) => t.text).join(' ') : undefined;
}

/**
 * How a dictionary product's spec relates to what a page says: `agrees` when the page names all
 * of the product's specs, `conflicts` when the page names a different grade or contents (the same
 * line in another pack), `unknown` otherwise (the page does not say, or the product has no spec).
 */
export function specRelation(product: readonly SpecToken[], page: readonly SpecToken[]): 'agrees' | 'conflicts' | 'unknown' {
  if (product.length === 0 || page.length === 0) return 'unknown';
  const pageTexts = new Set(page.map((t) => t.text));
  if (product.every((t) => pageTexts.has(t.text))) return 'agrees';
  for (const kind of ['viscosity', 'contents'] as const) {
    const ours = product.filter((t) => t.kind === kind);
    const theirs = page.filter((t) => t.kind === kind);
    if (ours.length === 0 || theirs.length === 0) continue;
    const key = (t: SpecToken) => (t.kind === 'contents' ? t.volume : t.text);
    const theirKeys = new Set(theirs.map(key));
    if (!ours.some((t) => theirKeys.has(key(t)))) return 'conflicts';
    // The same contents, a different case size (a 1L bottle against a case of 12): another SKU.
    if (kind === 'contents' && ours.every((t) => !pageTexts.has(t.text))) return 'conflicts';
  }
  return 'unknown';
}
