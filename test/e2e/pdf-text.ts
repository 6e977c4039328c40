import { extractText, getDocumentProxy } from 'unpdf';

/**
 * CJK fonts (Noto Sans CJK among them) draw some ideographs with the same glyph as a radical, and
 * Chromium's PDF maps such a glyph back to the radical's code point: "⽉" (U+2F49) for 月, "⻔"
 * (U+2ED4) for 门. Kangxi radicals come back through NFKC; the simplified forms of the radicals
 * supplement, and 户 (whose Kangxi radical ⼾ normalises to the traditional 戶), need this table.
 */
const RADICAL_TO_SIMPLIFIED: Record<string, string> = {
  '\u2F3E': '户',
  '\u2EC4': '西',
  '\u2EC5': '见',
  '\u2EC6': '角',
  '\u2EC9': '贝',
  '\u2ECB': '车',
  '\u2ED3': '长',
  '\u2ED4': '门',
  '\u2ED8': '青',
  '\u2ED9': '韦',
  '\u2EDA': '页',
  '\u2EDB': '风',
  '\u2EDC': '飞',
  '\u2EDD': '食',
  '\u2EE2': '马',
  '\u2EE3': '骨',
  '\u2EE4': '鬼',
  '\u2EE5': '鱼',
  '\u2EE6': '鸟',
  '\u2EE7': '卤',
  '\u2EE8': '麦',
  '\u2EE9': '黄',
  '\u2EEC': '齐',
  '\u2EEE': '齿',
  '\u2EF0': '龙',
  '\u2EA0': '民',
};

/** Radicals (U+2E80–U+2FDF) back to the ideographs they stand for; nothing else is touched. */
export function unifyRadicals(text: string): string {
  return text.replace(/[\u2E80-\u2FDF]/g, (char) => RADICAL_TO_SIMPLIFIED[char] ?? char.normalize('NFKC'));
}

/**
 * The text of a PDF (e.g. one Chromium printed with `page.pdf()`), pages joined by a blank line,
 * radicals mapped back to ideographs (see unifyRadicals), for checking the print page's words.
 * unpdf bundles a serverless build of PDF.js, so it runs in Node without a canvas or workers.
 */
export async function pdfText(buffer: Uint8Array): Promise<string> {
  // PDF.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    return unifyRadicals(text.join('\n\n'));
  } finally {
    await pdf.destroy();
  }
}
