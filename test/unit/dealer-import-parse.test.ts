/*
 * Reading imported files: CSV in the encodings Excel and Chinese ERPs write, .xlsx with typed
 * cells, and cells read as numbers, months, days and yes/no the way people write them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText, ImportFileError, parseImportFile, type ImportTable } from '../../lib/dealers/import/parse';
import { readAmount, readDay, readMonth, readNumber, readYesNo, normalizeName, isBlank } from '../../lib/dealers/import/cells';
import { encodeGbk } from '../fixtures/imports/gbk';
import { makeXlsx } from '../fixtures/imports/xlsx';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url)));
const FIGURE_HEADERS = ['客户编码', '客户名称', '月份', '销量（箱）', '月度指标', '出货量', '期末库存', '应收欠款（元）', '授信额度（元）', '备注'];

async function refusal(file: { name: string; data: Uint8Array }) {
  try {
    await parseImportFile(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    return (error as ImportFileError).problem;
  }
  throw new Error('the file was read');
}

describe('CSV files', () => {
  it('reads UTF-8 with a byte-order mark (Excel’s “CSV UTF-8”)', async () => {
    const table = await parseImportFile({ name: 'figures-2026-11.csv', data: fixture('figures-2026-11.csv') });
    expect(table).toMatchObject({ fileName: 'figures-2026-11.csv', format: 'csv', encoding: 'utf-8', headerRow: 1, headers: FIGURE_HEADERS });
    expect(table.letters).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J']);
    expect(table.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
    expect(table.rows[0]!.cells).toEqual(['K0001', '华东润滑油经销有限公司', '2026年11月', '1,280', '1500', '1,190', '340', '¥120,000.00', '¥500,000', '']);
  });

  it('reads GBK (Excel’s plain “CSV” on a Chinese Windows) as the same table', async () => {
    const gbk = fixture('figures-2026-11-gbk.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const table = await parseImportFile({ name: 'figures-2026-11-gbk.csv', data: gbk });
    const utf8 = await parseImportFile({ name: 'figures-2026-11.csv', data: fixture('figures-2026-11.csv') });
    expect(table.encoding).toBe('gb18030');
    expect(table.headers).toEqual(FIGURE_HEADERS);
    expect(table.rows[1]!.cells).toEqual(['K0002', '苏州恒通商贸有限公司', '2026年11月', '860', '1000', '820', '210', '￥48,500', '￥200,000', '新品铺货']);
    // The amounts read the same: ￥ is the full-width ¥.
    expect(table.rows.map((r) => readAmount(r.cells[7]!))).toEqual(utf8.rows.map((r) => readAmount(r.cells[7]!)));
  });

  it('decodes by byte-order mark first, then UTF-8, then GB18030', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ text: 'a', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x4f, 0x5b]))).toEqual({ text: '孏', encoding: 'utf-16le' });
    expect(decodeText(new TextEncoder().encode('经销商'))).toEqual({ text: '经销商', encoding: 'utf-8' });
    expect(decodeText(encodeGbk('经销商'))).toEqual({ text: '经销商', encoding: 'gb18030' });
  });

  it('guesses tab and semicolon separators, keeps quoted commas and line breaks, skips a title row and blank rows', async () => {
    const tabs = await parseImportFile({ name: 'export.txt', data: new TextEncoder().encode('2026年11月数据\n\n经销商\t欠款\n"华东, 上海"\t"1,200"\n\n"多行\n名称"\t5\n') });
    expect(tabs.headerRow).toBe(3);
    expect(tabs.headers).toEqual(['经销商', '欠款']);
    expect(tabs.rows).toEqual([
      { row: 4, cells: ['华东, 上海', '1,200'] },
      { row: 6, cells: ['多行\n名称', '5'] },
    ]);
    const semi = await parseImportFile({ name: 'export.csv', data: new TextEncoder().encode('dealer;arrears\nA;1\n') });
    expect(semi.rows[0]!.cells).toEqual(['A', '1']);
  });

  it('names the row of an unclosed quotation mark', async () => {
    expect(await refusal({ name: 'broken.csv', data: new TextEncoder().encode('dealer,arrears\nA,1\n"B,2\n') })).toEqual({ code: 'badQuotes', row: 3 });
  });
});

describe('.xlsx files', () => {
  it('reads the sample terminal list: title row skipped, typed cells kept, rows numbered as in Excel', async () => {
    const table = await parseImportFile({ name: 'terminals.xlsx', data: fixture('terminals.xlsx') });
    expect(table).toMatchObject({ format: 'xlsx', headerRow: 2, headers: ['经销商', '终端名称', '地址', '是否签约', '合同量（箱/年）', '首次交易日期'] });
    expect(table.encoding).toBeUndefined();
    expect(table.rows.map((r) => r.row)).toEqual([3, 4, 5, 6, 7]);
    expect(table.rows[0]!.cells).toEqual(['华东润滑油经销有限公司', '浦东张江汽修厂', '上海市浦东新区张江路 88 号', '是', 120, new Date('2026-03-05T00:00:00Z')]);
    expect(table.rows[3]!.cells.slice(3)).toEqual([false, null, null]);
    expect(table.rows[4]!.cells.slice(3)).toEqual([1, 60, '2026/10/12']);
  });

  it('reads the first sheet with data and leaves out empty columns', async () => {
    const data = makeXlsx([
      { name: 'Sheet1', rows: [] },
      { name: '数据', startRow: 2, rows: [[null, '经销商', '月份', '欠款'], [null, '华东', new Date('2026-11-01T00:00:00Z'), 1200.5]] },
    ]);
    const table: ImportTable = await parseImportFile({ name: 'erp.xlsx', data });
    expect(table.headers).toEqual(['经销商', '月份', '欠款']);
    expect(table.letters).toEqual(['B', 'C', 'D']);
    expect(table.rows).toEqual([{ row: 3, cells: ['华东', new Date('2026-11-01T00:00:00Z'), 1200.5] }]);
  });

  it('refuses old .xls, other files, damaged and empty ones, saying which', async () => {
    expect(await refusal({ name: 'old.xls', data: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]) })).toEqual({ code: 'xls' });
    expect(await refusal({ name: 'photo.png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) })).toEqual({ code: 'unsupported' });
    expect(await refusal({ name: 'report.docx', data: makeXlsx([{ name: 'x', rows: [['a', 'b']] }]) })).toEqual({ code: 'unsupported' });
    expect((await refusal({ name: 'broken.xlsx', data: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) })).code).toBe('unreadable');
    expect(await refusal({ name: 'empty.csv', data: new Uint8Array() })).toEqual({ code: 'empty' });
    expect(await refusal({ name: 'blank.csv', data: new TextEncoder().encode('\n,,\n') })).toEqual({ code: 'empty' });
    expect(await refusal({ name: 'header-only.csv', data: new TextEncoder().encode('经销商,欠款\n,\n') })).toEqual({ code: 'noRows' });
    const many = ['经销商,欠款', ...Array.from({ length: 5001 }, (_, i) => `D${i},1`)].join('\n');
    expect(await refusal({ name: 'huge.csv', data: new TextEncoder().encode(many) })).toEqual({ code: 'tooManyRows', count: 5001, max: 5000 });
  });
});

describe('cells', () => {
  it('reads numbers with thousands separators, currency, percent and full-width digits', () => {
    const ok = (value: string | number) => readNumber(value);
    expect(ok('1,280')).toEqual({ ok: true, value: 1280 });
    expect(ok('¥120,000.00')).toEqual({ ok: true, value: 120000 });
    expect(ok('￥48,500')).toEqual({ ok: true, value: 48500 });
    expect(ok('3500元')).toEqual({ ok: true, value: 3500 });
    expect(ok('RMB 1,000')).toEqual({ ok: true, value: 1000 });
    expect(ok('85%')).toEqual({ ok: true, value: 0.85 });
    expect(ok('１２，３４５．５')).toEqual({ ok: true, value: 12345.5 });
    expect(ok(' 42 ')).toEqual({ ok: true, value: 42 });
    expect(ok(1190.25)).toEqual({ ok: true, value: 1190.25 });
    expect(ok('(1,200)')).toEqual({ ok: true, value: -1200 });
    for (const bad of ['约5万', '12,80', '1.2.3', 'abc', '5万', '1e5', '¥']) expect(ok(bad), bad).toEqual({ ok: false, problem: 'notNumber' });
    expect(readAmount('-5')).toEqual({ ok: false, problem: 'negative' });
    expect(readAmount('0')).toEqual({ ok: true, value: 0 });
  });

  it('reads months written every usual way, and an Excel date cell', () => {
    for (const text of ['2026-11', '2026/11', '2026.11', '2026年11月', '2026 年 11 月', '202611', '2026-11-01', '2026/11/1', 'Nov 2026', 'November 2026', '２０２６年１１月']) {
      expect(readMonth(text), text).toEqual({ ok: true, value: '2026-11' });
    }
    expect(readMonth(new Date('2026-11-01T00:00:00Z'))).toEqual({ ok: true, value: '2026-11' });
    expect(readMonth(202611)).toEqual({ ok: true, value: '2026-11' });
    for (const bad of ['2026-13', '11月', '2026', 'next month', '2026-02-30']) expect(readMonth(bad), bad).toEqual({ ok: false, problem: 'notMonth' });
  });

  it('reads days, and refuses days that do not exist', () => {
    for (const text of ['2026-03-05', '2026/3/5', '2026.3.5', '2026年3月5日', '20260305', '2026-03-05 00:00:00']) expect(readDay(text), text).toEqual({ ok: true, value: '2026-03-05' });
    expect(readDay(new Date('2026-03-05T00:00:00Z'))).toEqual({ ok: true, value: '2026-03-05' });
    for (const bad of ['2026-02-30', '3/5/2026', '昨天']) expect(readDay(bad), bad).toEqual({ ok: false, problem: 'notDay' });
  });

  it('reads yes and no in both languages and as ticks', () => {
    for (const yes of ['是', '已签约', 'yes', 'Y', 'TRUE', '1', '✓', '√', true, 1]) expect(readYesNo(yes), String(yes)).toEqual({ ok: true, value: true });
    for (const no of ['否', '未签约', 'no', 'N', 'false', '0', '×', '✗', false, 0]) expect(readYesNo(no), String(no)).toEqual({ ok: true, value: false });
    expect(readYesNo('也许')).toEqual({ ok: false, problem: 'notYesNo' });
    expect(readYesNo(2)).toEqual({ ok: false, problem: 'notYesNo' });
  });

  it('treats empty cells and a lone dash as blank, and normalises spaces in names', () => {
    for (const blank of [null, '', '  ', '-', ' — ']) expect(isBlank(blank)).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect(normalizeName('　华东润滑油\u00a0 经销  有限公司 ')).toBe('华东润滑油 经销 有限公司');
  });
});
