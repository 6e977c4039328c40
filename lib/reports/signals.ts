/**
 * Gentle signals for diaries (seeds 000 and 003): lines copied from the previous entry
 * ("同昨日") and plan lines with vague words but no number. They are hints for the rep and the
 * manager, never a reason to refuse a save.
 */

/** Vague plan words from seed 003, with the English a rep would write for them. */
export const VAGUE_PLAN_WORDS = ['基本', '进一步', '尽量', '加强', '争取', '努力', 'basically', 'further', 'try to', 'as much as possible', 'strengthen', 'improve'];

/** Lines that are a copy by their very wording. */
const COPY_MARKERS = ['同昨日', '同上', '同前', '同上周', '同上月', 'same as yesterday', 'same as above', 'ditto'];

export function normalizeLine(line: string): string {
  return line.trim().replace(/\s+/g, ' ').replace(/[。.！!；;，,]+$/, '').toLowerCase();
}

/** True when the whole line just says "same as before" (同昨日, 同上, ditto…). */
export function isCopyMarker(line: string): boolean {
  return COPY_MARKERS.includes(normalizeLine(line));
}

/** True when the line repeats one of `previousLines`, or just says "same as before". */
export function isCopiedLine(line: string, previousLines: readonly string[]): boolean {
  const normalized = normalizeLine(line);
  if (!normalized) return false;
  if (isCopyMarker(line)) return true;
  return previousLines.some((previous) => normalizeLine(previous) === normalized);
}

/**
 * A number makes a goal measurable: Arabic digits, or a Chinese numeral used as one (两家, 三次,
 * 一百箱). The vague words are removed first because 进一步 contains 一.
 */
function hasNumber(text: string): boolean {
  if (/\d/.test(text)) return true;
  return /[两二三四五六七八九十百千万]|一[个家次箱条瓶件天周月名位场户台吨]/.test(text);
}

/** The first vague word of a line that states no number, if any. */
export function vagueWordWithoutNumber(line: string): string | undefined {
  const lower = line.toLowerCase();
  const found = VAGUE_PLAN_WORDS.find((word) => lower.includes(word));
  if (!found) return undefined;
  const rest = VAGUE_PLAN_WORDS.reduce((text, word) => text.split(word).join(' '), lower);
  return hasNumber(rest) ? undefined : found;
}
