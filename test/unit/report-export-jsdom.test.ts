// @vitest-environment jsdom
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { renderXlsx, renderXlsxBytes } from '../../lib/reports/export/xlsx';
import { weeklyEn } from '../fixtures/report-export/documents';

/** Component tests run in jsdom: the workbook must come out there too (jsdom's Blob, no Worker). */
describe('renderXlsx under jsdom', () => {
  it('writes a workbook that reads back', async () => {
    const blob = await renderXlsx(weeklyEn);
    expect(blob.size).toBeGreaterThan(1000);
    const sheets = await readXlsxFile(Buffer.from(await renderXlsxBytes(weeklyEn)));
    expect(sheets.map((sheet) => sheet.sheet)).toContain('Dealer visits');
  });
});
