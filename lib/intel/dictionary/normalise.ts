/**
 * One way to compare names, so 'Ｍｏｂｉｌ', 'MOBIL' and 'mobil' are the same competitor and
 * '美孚 1号' is '美孚1号': full-width forms folded to half-width (NFKC), lower case, dashes and
 * multiplication signs unified, and spaces kept only between Latin letters or digits (where they
 * separate words) — never next to a Chinese character, where writers put them or leave them out.
 */

const DASHES = /[‐‑‒–—―−﹣－]/g;
const TIMES = /[×✕✖╳*]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const TO_FOLD = /[‐‑‒–—―−﹣－×✕✖╳*\u200B-\u200D\u2060\uFEFF]/;

/** The comparable form of a name or of page text (see the module comment). Total: any input gives a string. */
export function normaliseName(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  // Written as one pass, not a chain of regular expressions: the capture form compiles a
  // dictionary of thousands of names as it opens.
  let text = value.normalize('NFKC').toLowerCase();
  if (TO_FOLD.test(text)) text = text.replace(ZERO_WIDTH, '').replace(DASHES, '-').replace(TIMES, '×');
  let out = '';
  let space = false;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 32 && code !== 0x2028 && code !== 0x2029 && code !== 0x85) continue;
    // A run of whitespace ends the word before it: keep one space only between two non-Chinese characters.
    if (i > start) {
      out += space && !isHan(out.charCodeAt(out.length - 1)) && !isHan(text.charCodeAt(start)) ? ` ${text.slice(start, i)}` : text.slice(start, i);
      space = true;
    }
    start = i + 1;
  }
  if (start === 0) return text;
  if (start < text.length) out += space && !isHan(out.charCodeAt(out.length - 1)) && !isHan(text.charCodeAt(start)) ? ` ${text.slice(start)}` : text.slice(start);
  return out;
}

/** Han ideographs of the basic, extension A and compatibility blocks (what names use). */
function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}

/**
 * Whether the character at `index` of normalised text continues a Latin word or number, so a
 * match may not start or end there ('Mobil' is not in 'mobile'; '1L' is not in '11L'). Chinese
 * characters run together without spaces, so they never count as a continuation.
 */
export function continuesWord(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (Number.isNaN(code)) return false;
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  // Accented Latin letters (é, ü …) continue a word; Chinese and everything else do not.
  return code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7;
}
