import { strFromU8, unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { composeCompetitiveAnalysis } from '../../lib/intel/analysis/compose';
import { documentOfAnalysis } from '../../lib/intel/analysis/document';
import { renderXlsxBytes, workbookSheets } from '../../lib/reports/export/xlsx';
import { AS_OF, HOSTILE_TERMS, HOSTILE_TITLE, NOVEMBER, SHANGHAI, dealerName, novemberItems } from '../fixtures/competitive-analysis/items';

const documentIn = (locale: 'zh-CN' | 'en') =>
  documentOfAnalysis(composeCompetitiveAnalysis(novemberItems(), { period: NOVEMBER, now: AS_OF, timeZone: SHANGHAI, dealerName }), { locale, preparedBy: '王强' });

describe('the competitive analysis workbook', () => {
  it('has an overview and a sheet per section, named in the reader’s language', () => {
    expect(workbookSheets(documentIn('zh-CN')).map((s) => s.name)).toEqual(['概览', '概要', '价格走势', '调价记录', '促销活动', '在哪里看到、谁上报', '信息来源']);
    expect(workbookSheets(documentIn('en')).map((s) => s.name)).toEqual(['Overview', 'Summary', 'Prices', 'Price changes', 'Promotions', 'Where seen and by whom', 'Sources']);
  });

  it('reads back with read-excel-file: prices as numbers, days as dates, changes as signed fractions, empty cells empty', async () => {
    const sheets = await readXlsxFile(Buffer.from(await renderXlsxBytes(documentIn('zh-CN'))));
    const overview = sheets[0]!.data;
    expect(overview[0]![0]).toBe('竞争产品分析报告');
    expect(overview).toContainEqual(['周期', '2026年11月']);
    expect(overview).toContainEqual(['价格变动', '上涨 2 次，下降 4 次']);
    expect(overview.at(-1)![0]).toBe('数据截至 2026年12月1日 17:30（中国标准时间）');

    const prices = sheets.find((s) => s.sheet === '价格走势')!.data;
    expect(prices[0]).toEqual(['竞品', '产品', '价格类型', '单位', '首次日期', '首次价格', '最近日期', '最近价格', '最低价', '最高价', '变动', '调价次数']);
    expect(prices[1]).toEqual(['美孚', '美孚1号 全合成机油 0W-40 4L（M1-0W40-4L）', '零售价', '元/桶', new Date(Date.UTC(2026, 10, 3)), 468, new Date(Date.UTC(2026, 10, 20)), 449, 429, 468, expect.closeTo(-0.041, 12), 3]);
    // Seen on one day: no change claimed, an empty cell rather than 0 %.
    expect(prices[2]![10]).toBeNull();

    const changes = sheets.find((s) => s.sheet === '调价记录')!.data;
    expect(changes).toHaveLength(7);
    expect(changes[2]).toEqual([new Date(Date.UTC(2026, 10, 12)), '美孚', '美孚1号 全合成机油 0W-40 4L（M1-0W40-4L）', '零售价', 468, 429, '元/桶', expect.closeTo(-0.083, 12), new Date(Date.UTC(2026, 10, 3))]);

    const promotions = sheets.find((s) => s.sheet === '促销活动')!.data;
    expect(promotions.map((row) => row[3])).toContain(HOSTILE_TERMS);
    const sources = sheets.find((s) => s.sheet === '信息来源')!.data;
    expect(sources.map((row) => row[3])).toContain(HOSTILE_TITLE);
  });

  it('writes a rise with its plus sign, in the cell format', async () => {
    const files = unzipSync(await renderXlsxBytes(documentIn('en')));
    expect(strFromU8(files['xl/styles.xml']!)).toContain('formatCode="+0.0%;-0.0%;0%"');
  });

  it('is a workbook for an empty period too', async () => {
    const empty = documentOfAnalysis(composeCompetitiveAnalysis([], { period: NOVEMBER, now: AS_OF, timeZone: SHANGHAI }), { locale: 'en' });
    const sheets = await readXlsxFile(Buffer.from(await renderXlsxBytes(empty)));
    expect(sheets.find((s) => s.sheet === 'Prices')!.data).toEqual([['Prices'], ['No prices recorded in this period.']]);
  });
});
