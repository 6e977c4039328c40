import { inflateSync, strFromU8, unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../lib/reports/export/document';
import {
  InPageDeflateWorker,
  XLSX_MIME,
  displayWidth,
  legalSheetName,
  renderXlsx,
  renderXlsxBytes,
  uniqueSheetNames,
  withInPageDeflate,
  workbookSheets,
} from '../../lib/reports/export/xlsx';
import { HOSTILE, weeklyEn, weeklyZh } from '../fixtures/report-export/documents';

describe('workbookSheets', () => {
  it('is an overview sheet, then a sheet per shown section named by its heading', () => {
    expect(workbookSheets(weeklyZh).map((sheet) => sheet.name)).toEqual([
      '概览',
      '上周工作总结',
      '上周计划完成情况',
      '经销商拜访',
      '重点客户',
      '市场情报',
      '截止时间',
      '待解决问题',
      '下周计划',
    ]);
    expect(workbookSheets(weeklyEn).map((sheet) => sheet.name)).toEqual([
      'Overview',
      'Last week in summary',
      "Last week's plan",
      'Dealer visits',
      'Key accounts',
      'Market intel',
      'Deadlines',
      'Open problems',
      'Next week',
    ]);
  });

  it('freezes a bold header row on every section sheet, not on the overview', () => {
    const [overview, ...sections] = workbookSheets(weeklyEn);
    expect(overview!.stickyRowsCount).toBe(0);
    for (const sheet of sections) {
      expect(sheet.stickyRowsCount, sheet.name).toBe(1);
      expect(sheet.rows[0]!.every((cell) => cell.bold), sheet.name).toBe(true);
    }
  });

  it('types the cells: numbers, fractions of one for percents, dates, text, empty', () => {
    const dealers = workbookSheets(weeklyEn).find((sheet) => sheet.name === 'Dealer visits')!;
    expect(dealers.rows[0]!.map((cell) => cell.value)).toEqual(['Dealer', 'Visits', 'Ordered (cases)', 'Price (yuan/case)', 'Stock on target', 'Last visit']);
    const [hualian, hostile, store] = dealers.rows.slice(1);
    expect(hualian!.map((cell) => [cell.type, cell.format])).toEqual([
      ['text', '@'],
      ['number', '#,##0'],
      ['number', '#,##0'],
      ['number', '#,##0.00'],
      ['number', '0.0%'],
      ['date', 'yyyy-mm-dd'],
    ]);
    expect(hualian!.slice(1, 5).map((cell) => cell.value)).toEqual([3, 12000, 35.5, 0.925]);
    expect(hualian![5]!.value).toEqual(new Date(Date.UTC(2026, 11, 30)));
    // A 0 is a number; an empty cell is empty.
    expect(hostile!.map((cell) => cell.value)).toEqual([HOSTILE, 1, 0, null, 0, new Date(Date.UTC(2027, 0, 2))]);
    expect(store!.map((cell) => cell.value)).toEqual(['New store', 0, null, 40, null, null]);
  });

  it('sets column widths from Column.width, else from the content, CJK counting double', () => {
    const zh = workbookSheets(weeklyZh);
    expect(zh.find((sheet) => sheet.name === '上周计划完成情况')!.columns[0]).toEqual({ width: 30 });
    const dealers = zh.find((sheet) => sheet.name === '经销商拜访')!;
    // The hostile dealer name (33 characters) is the widest in its column; "订货量（箱）" is 12 wide.
    expect(dealers.columns.map((column) => column.width)).toEqual([35, 12, 14, 15, 12, 12]);
    expect(displayWidth('订货量（箱）')).toBe(12);
    expect(displayWidth('Ordered')).toBe(7);
  });

  it('lays out lists and paragraphs as one column under the section heading, and an empty section says so', () => {
    const zh = workbookSheets(weeklyZh);
    const problems = zh.find((sheet) => sheet.name === '待解决问题')!;
    expect(problems.rows.map((row) => row.map((cell) => cell.value))).toEqual([['待解决问题'], ['[紧急] 华联商贸账期超期'], ['<b>加粗</b> & 转义']]);
    expect(problems.columns).toEqual([{ width: 80 }]);
    const next = zh.find((sheet) => sheet.name === '下周计划')!;
    expect(next.rows.map((row) => row[0]!.value)).toEqual(['下周计划', '周二拜访华联商贸，订货 ≥ 150 箱。', '周四回访新开门店。']);
    const intel = zh.find((sheet) => sheet.name === '市场情报')!;
    expect(intel.rows).toEqual([[expect.objectContaining({ value: '市场情报', bold: true })], [expect.objectContaining({ value: '本周没有记录情报。', italic: true })]]);
  });

  it('keeps what does not fit a column type as text rather than dropping it; a number that is not finite is empty', () => {
    const doc: ReportDocument = {
      locale: 'en',
      title: 'T',
      fields: [],
      sections: [
        {
          id: 'odd',
          heading: 'Odd',
          blocks: [{ type: 'table', columns: [{ label: 'Day', type: 'date' }, { label: 'N', type: 'number' }], rows: [['next week', 'many'], ['2026-02-30', Number.NaN]] }],
        },
      ],
      fileName: 't',
    };
    const [, sheet] = workbookSheets(doc);
    expect(sheet!.rows.slice(1).map((row) => row.map((cell) => [cell.type, cell.value]))).toEqual([
      [['text', 'next week'], ['text', 'many']],
      [['text', '2026-02-30'], ['text', null]],
    ]);
  });
});

describe('sheet names', () => {
  it('drops the characters Excel refuses and keeps to 31 characters', () => {
    expect(legalSheetName('Plan: [week]*?/\\ 49', 'x')).toBe('Plan week 49');
    expect(legalSheetName("'quoted'", 'x')).toBe('quoted');
    expect(legalSheetName('', 'Sheet2')).toBe('Sheet2');
    expect(legalSheetName('***', 'Sheet2')).toBe('Sheet2');
    expect(Array.from(legalSheetName('经销商拜访'.repeat(10), 'x'))).toHaveLength(31);
  });

  it('makes repeated names unique, ignoring case, and avoids the reserved "History"', () => {
    expect(uniqueSheetNames(['Dealers', 'dealers', 'DEALERS', 'History'])).toEqual(['Dealers', 'dealers (2)', 'DEALERS (3)', 'History (2)']);
    const long = 'A'.repeat(40);
    expect(uniqueSheetNames([long, long])).toEqual(['A'.repeat(31), `${'A'.repeat(27)} (2)`]);
  });

  it('keeps the overview name free when a section is called the same', () => {
    const doc: ReportDocument = { ...weeklyEn, sections: [{ id: 'o', heading: 'overview', blocks: [{ type: 'list', items: ['x'] }] }] };
    expect(workbookSheets(doc).map((sheet) => sheet.name)).toEqual(['Overview', 'overview (2)']);
  });
});

describe('renderXlsx', () => {
  it('writes a Blob of the xlsx type', async () => {
    const blob = await renderXlsx(weeklyEn);
    expect(blob.type).toBe(XLSX_MIME);
    expect(blob.size).toBeGreaterThan(1000);
  });

  it('reads back with read-excel-file: sheets, headers, numbers as numbers, dates as dates, empty cells empty', async () => {
    const bytes = await renderXlsxBytes(weeklyZh);
    const sheets = await readXlsxFile(Buffer.from(bytes));
    expect(sheets.map((sheet) => sheet.sheet)).toEqual(workbookSheets(weeklyZh).map((sheet) => sheet.name));

    const overview = sheets[0]!.data;
    expect(overview[0]![0]).toBe('周报 · 张伟');
    expect(overview).toContainEqual(['周期', '2026年第1周']);
    expect(overview.at(-1)![0]).toBe('数据截至 2027年1月2日 17:05（北京时间）');

    const dealers = sheets.find((sheet) => sheet.sheet === '经销商拜访')!.data;
    expect(dealers[0]).toEqual(['经销商', '拜访（次）', '订货量（箱）', '单价（元/箱）', '库存达标率', '最近拜访']);
    const [name, visits, ordered, price, stock, day] = dealers[1]!;
    expect(name).toBe('华联商贸');
    expect(typeof visits).toBe('number');
    expect([visits, ordered, price, stock]).toEqual([3, 12000, 35.5, 0.925]);
    expect(day).toBeInstanceOf(Date);
    expect((day as unknown as Date).toISOString()).toBe('2026-12-30T00:00:00.000Z');
    // The hostile row: its text intact, a real 0, an empty cell.
    expect(dealers[2]).toEqual([HOSTILE, 1, 0, null, 0, new Date(Date.UTC(2027, 0, 2))]);

    const deadlines = sheets.find((sheet) => sheet.sheet === '截止时间')!.data;
    expect(deadlines[1]![0]).toEqual(new Date(Date.UTC(2026, 11, 28)));
  });

  it('freezes the header row and sets column widths in the sheet XML, and formats numbers, percents and dates', async () => {
    const files = unzipSync(await renderXlsxBytes(weeklyZh));
    const workbook = strFromU8(files['xl/workbook.xml']!);
    expect(workbook).toContain('name="经销商拜访"');
    // Sheet 4 is 经销商拜访 (the overview is sheet 1).
    const dealers = strFromU8(files['xl/worksheets/sheet4.xml']!);
    expect(dealers).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(dealers).toMatch(/<col [^>]*min="1"[^>]*width="35"/);
    expect(dealers.match(/<col [^>]*width=/g)).toHaveLength(6);
    const overview = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(overview).not.toContain('state="frozen"');
    const styles = strFromU8(files['xl/styles.xml']!);
    for (const format of ['#,##0', '#,##0.00', '0.0%', 'yyyy-mm-dd']) expect(styles).toContain(`formatCode="${format}"`);
    expect(styles).toMatch(/<b\s*\/>/);
  });

  it('writes the English workbook with the same structure', async () => {
    const sheets = await readXlsxFile(Buffer.from(await renderXlsxBytes(weeklyEn)));
    expect(sheets[0]!.sheet).toBe('Overview');
    const plan = sheets.find((sheet) => sheet.sheet === "Last week's plan")!.data;
    expect(plan[0]).toEqual(['Plan item', 'Done?', 'Note']);
    expect(plan[2]).toEqual(['Follow up the new store', 'Partly', null]);
  });
});

/**
 * In an extension page fflate's blob: Worker is blocked by the CSP and a file over 160 kB would
 * never finish (checked in Chromium with the extension's CSP: 20 s and no answer; with the
 * stand-in, a 4,000-row workbook in about a second). Node's fflate uses worker_threads, so here
 * the stand-in is checked against fflate's worker protocol directly.
 */
describe('InPageDeflateWorker', () => {
  it("answers fflate's [data, options] message with raw DEFLATE and ignores the first (globals) message", async () => {
    const worker = new InPageDeflateWorker();
    const answers: unknown[] = [];
    worker.onmessage = (event) => answers.push(event.data);
    worker.postMessage({ u8: Uint8Array });
    const data = new TextEncoder().encode('经销商拜访 '.repeat(20_000));
    worker.postMessage([data, {}]);
    await expect.poll(() => answers.length).toBe(1);
    const deflated = answers[0] as Uint8Array;
    expect(deflated.length).toBeLessThan(data.length / 10);
    expect(inflateSync(deflated)).toEqual(data);
  });

  it('says nothing once terminated', async () => {
    const worker = new InPageDeflateWorker();
    const answers: unknown[] = [];
    worker.onmessage = (event) => answers.push(event.data);
    worker.postMessage([new Uint8Array(10), {}]);
    worker.terminate();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answers).toEqual([]);
  });

  it('stands in for Worker only while a workbook is written', async () => {
    const scope = globalThis as { Worker?: unknown };
    class PageWorker {}
    scope.Worker = PageWorker;
    try {
      let during: unknown;
      await withInPageDeflate(async () => {
        during = scope.Worker;
      });
      expect(during).toBe(InPageDeflateWorker);
      expect(scope.Worker).toBe(PageWorker);
      await expect(withInPageDeflate(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(scope.Worker).toBe(PageWorker);
    } finally {
      delete scope.Worker;
    }
  });
});
