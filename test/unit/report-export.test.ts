// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../lib/reports/export/document';
import { PRINT_CSS, escapeHtml, renderHtml, standaloneHtml } from '../../lib/reports/export/html';
import { escapeMarkdownInline, renderMarkdown } from '../../lib/reports/export/markdown';
import { renderPlainText } from '../../lib/reports/export/text';
import { HOSTILE, weeklyEn, weeklyZh } from '../fixtures/report-export/documents';

/** Pipes that separate GFM table cells (not escaped as `\|`). */
function cellBorders(line: string): number {
  return (line.match(/(?<!\\)\|/g) ?? []).length;
}

describe('renderMarkdown', () => {
  it('matches the golden files in both languages', async () => {
    await expect(renderMarkdown(weeklyZh)).toMatchFileSnapshot('../fixtures/report-export/weekly.zh-CN.md');
    await expect(renderMarkdown(weeklyEn)).toMatchFileSnapshot('../fixtures/report-export/weekly.en.md');
  });

  it('is deterministic', () => {
    expect(renderMarkdown(weeklyZh)).toBe(renderMarkdown(structuredClone(weeklyZh)));
  });

  it('puts the unit in the header and formats numbers, percents and days for the locale', () => {
    const zh = renderMarkdown(weeklyZh);
    expect(zh).toContain('| 经销商 | 拜访（次） | 订货量（箱） | 单价（元/箱） | 库存达标率 | 最近拜访 |');
    expect(zh).toContain('| --- | ---: | ---: | ---: | ---: | --- |');
    expect(zh).toContain('| 华联商贸 | 3 | 12,000 | 35.5 | 92.5% | 2026年12月30日 |');
    // A table of days in one year shows them short; one across a year end keeps the year.
    expect(zh).toContain('| 12月28日周一 | 日报 | 按时 |');
    const en = renderMarkdown(weeklyEn);
    expect(en).toContain('| Dealer | Visits | Ordered (cases) | Price (yuan/case) | Stock on target | Last visit |');
    expect(en).toContain('| Mon 28 Dec | Daily report | On time |');
  });

  it('shows a null cell as a dash and a 0 as 0', () => {
    const en = renderMarkdown(weeklyEn);
    expect(en).toContain('| New store | 0 | — | 40 | — | — |');
    expect(en).toMatch(/\| 1 \| 0 \| — \| 0% \| 2 Jan 2027 \|/);
  });

  it('keeps hostile text as text: no raw HTML, no extra cells, no headings, lists or emphasis', () => {
    for (const doc of [weeklyZh, weeklyEn]) {
      const markdown = renderMarkdown(doc);
      expect(markdown).not.toMatch(/(?<!\\)</);
      expect(markdown).not.toMatch(/(?<!\\)\*x/);
      const lines = markdown.split('\n');
      // Every row of a table has as many borders as its header.
      let borders = 0;
      for (const line of lines) {
        if (!line.startsWith('|')) {
          borders = 0;
          continue;
        }
        if (borders === 0) borders = cellBorders(line);
        expect(cellBorders(line), line).toBe(borders);
      }
      // Only the title and the section headings are headings.
      const headings = lines.filter((line) => /^#{1,6}(\s|$)/.test(line));
      expect(headings).toHaveLength(1 + doc.sections.filter((s) => s.blocks.length > 0 || s.empty).length);
      // The paragraph's "# …" and "1. …" lines are not a heading and a list.
      expect(markdown).toMatch(/^\\# /m);
      expect(markdown).toMatch(/^1\\\. /m);
    }
  });

  it('escapes what means something at the start of a line, and leaves numbers alone', () => {
    expect(escapeMarkdownInline('# title')).toBe('\\# title');
    expect(escapeMarkdownInline('> quote')).toBe('\\> quote');
    expect(escapeMarkdownInline('- item')).toBe('\\- item');
    expect(escapeMarkdownInline('---')).toBe('\\---');
    expect(escapeMarkdownInline('2. step')).toBe('2\\. step');
    expect(escapeMarkdownInline('Title ##')).toBe('Title \\#\\#');
    expect(escapeMarkdownInline('a [link](javascript:x) `code` ~~s~~ _u_ &lt;')).toBe('a \\[link\\](javascript:x) \\`code\\` \\~\\~s\\~\\~ \\_u\\_ \\&lt;');
    expect(escapeMarkdownInline('35.5')).toBe('35.5');
    expect(escapeMarkdownInline('-5%')).toBe('-5%');
    expect(escapeMarkdownInline('#3 SKU')).toBe('#3 SKU');
    expect(escapeMarkdownInline('line\nbreak')).toBe('line break');
  });

  it('says an empty section in italics and leaves out a section with nothing to show', () => {
    expect(renderMarkdown(weeklyZh)).toContain('## 市场情报\n\n*本周没有记录情报。*\n');
    expect(renderMarkdown(weeklyZh)).not.toContain('KPI 变化');
    expect(renderMarkdown(weeklyEn)).not.toContain('KPI movements');
  });

  it('writes a report with no fields, subtitle or as-of line as just its title and sections', () => {
    const bare: ReportDocument = { locale: 'en', title: 'Bare', fields: [], sections: [{ id: 'a', heading: 'A', blocks: [{ type: 'paragraph', text: 'Text' }] }], fileName: 'bare' };
    expect(renderMarkdown(bare)).toBe('# Bare\n\n## A\n\nText\n');
  });
});

describe('renderHtml', () => {
  const dom = (html: string) => new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');

  it('lets no script, event handler or tag from user text through, and keeps the text', () => {
    for (const doc of [weeklyZh, weeklyEn]) {
      const html = renderHtml(doc);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<b>/);
      const document = dom(html);
      expect(document.querySelectorAll('script, b, iframe, img, a')).toHaveLength(0);
      for (const element of document.querySelectorAll('*')) {
        expect([...element.attributes].filter((attribute) => attribute.name.startsWith('on'))).toEqual([]);
      }
      expect(document.body.textContent).toContain(HOSTILE);
      expect(document.body.textContent).toContain('<b>');
    }
  });

  it('uses semantic tags: one h1, an h2 per shown section, tables with a header row, lists, field lists', () => {
    const document = dom(renderHtml(weeklyZh));
    const article = document.querySelector('article')!;
    expect(article.getAttribute('lang')).toBe('zh-CN');
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect([...document.querySelectorAll('h2')].map((h) => h.textContent)).toEqual([
      '上周工作总结',
      '上周计划完成情况',
      '经销商拜访',
      '重点客户',
      '市场情报',
      '截止时间',
      '待解决问题',
      '下周计划',
    ]);
    const dealers = document.querySelectorAll('table')[1]!;
    expect([...dealers.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['经销商', '拜访（次）', '订货量（箱）', '单价（元/箱）', '库存达标率', '最近拜访']);
    const rows = [...dealers.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows[1]).toEqual([HOSTILE, '1', '0', '—', '0%', '2027年1月2日']);
    expect(dealers.getAttribute('border')).toBe('1');
    expect(document.querySelectorAll('ul li').length).toBe(5);
    expect([...document.querySelectorAll('header dl dt')].map((dt) => dt.textContent)).toEqual(['周期', '作者', '状态', '截止']);
    expect(document.querySelector('p.empty')!.textContent).toBe('本周没有记录情报。');
    // A paragraph's blank lines start a new paragraph; its single line breaks stay.
    const next = [...document.querySelectorAll('section')].at(-1)!;
    expect(next.querySelectorAll('p')).toHaveLength(2);
  });

  it('escapes every character that could leave text or an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
  });
});

describe('standaloneHtml and PRINT_CSS', () => {
  it('is a whole page in the report language with the print CSS', () => {
    const page = standaloneHtml({ ...weeklyZh, title: `周报 ${HOSTILE}` });
    expect(page.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain(`<title>周报 | # &lt;script&gt;alert(1)&lt;/script&gt; *x*</title>`);
    expect(page).toContain(PRINT_CSS);
    expect(page).not.toMatch(/<script/i);
    const document = new DOMParser().parseFromString(page, 'text/html');
    expect(document.title).toBe(`周报 ${HOSTILE}`);
    expect(document.querySelectorAll('style')).toHaveLength(1);
  });

  it('prints on A4, repeats table headers, keeps rows whole and uses CJK fonts in black', () => {
    expect(PRINT_CSS).toMatch(/@page\s*{[^}]*size:\s*A4/);
    expect(PRINT_CSS).toMatch(/margin:\s*\d/);
    expect(PRINT_CSS).toMatch(/thead\s*{\s*display:\s*table-header-group/);
    expect(PRINT_CSS).toMatch(/tr[^{]*{[^}]*page-break-inside:\s*avoid/);
    expect(PRINT_CSS).toMatch(/section\s*{[^}]*break-inside:\s*avoid/);
    expect(PRINT_CSS).toContain('"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif');
    // Only black and white: nothing that fades or disappears without background graphics.
    expect([...new Set(PRINT_CSS.match(/#[0-9a-f]{3,6}\b/gi))].sort()).toEqual(['#000', '#fff']);
    expect(PRINT_CSS).not.toMatch(/background(-color)?:(?!\s*#fff)/);
  });
});

describe('renderPlainText', () => {
  it('matches the golden files in both languages', async () => {
    await expect(renderPlainText(weeklyZh)).toMatchFileSnapshot('../fixtures/report-export/weekly.zh-CN.txt');
    await expect(renderPlainText(weeklyEn)).toMatchFileSnapshot('../fixtures/report-export/weekly.en.txt');
  });

  it('writes a table row as its lead cell then label–value pairs, units after the values', () => {
    expect(renderPlainText(weeklyZh)).toContain('• 华联商贸 · 拜访：3次 · 订货量：12,000箱 · 单价：35.5元/箱 · 库存达标率：92.5% · 最近拜访：2026年12月30日\n');
    expect(renderPlainText(weeklyEn)).toContain('• New store · Visits: 0 · Ordered: — · Price: 40 yuan/case · Stock on target: — · Last visit: —\n');
    // A row that does not start with text has no lead cell.
    expect(renderPlainText(weeklyEn)).toContain('• Day: Mon 28 Dec · Report: Daily report · Outcome: On time\n');
  });

  it('has no Markdown syntax of its own: headings in brackets, "• " lists, "label: value" fields', () => {
    const zh = renderPlainText(weeklyZh);
    const en = renderPlainText(weeklyEn);
    expect(zh).toContain('\n\n【经销商拜访】\n');
    expect(en).toContain('\n\n■ Dealer visits\n');
    expect(zh).toContain('\n周期：2026年第1周\n');
    expect(en).toContain('\nPeriod: Week 1, 2026\n');
    for (const text of [zh, en]) {
      expect(text).not.toMatch(/^#{2,6} /m);
      expect(text).not.toContain('**');
      expect(text).not.toContain('\\');
      expect(text).not.toMatch(/^\| .* \|$/m);
      expect(text).not.toContain('\n\n\n');
    }
    // User text reaches the chat as typed.
    expect(en).toContain(`Customer said: ${HOSTILE}`);
  });
});

describe('the text exports stay small', () => {
  it('do not import the spreadsheet library', () => {
    for (const file of ['markdown', 'html', 'text', 'cells', 'messages', 'document']) {
      const source = readFileSync(`${process.cwd()}/lib/reports/export/${file}.ts`, 'utf8');
      expect(source, file).not.toMatch(/write-excel-file|from '\.\/xlsx'/);
    }
  });
});
