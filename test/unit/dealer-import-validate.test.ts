/*
 * Checking a file before anything is written: every row, which dealer it is about, duplicates,
 * and the mapping; every problem as one sentence in each UI language, naming the row as Excel
 * numbers it and the column by its header.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseImportFile, type ImportTable } from '../../lib/dealers/import/parse';
import { checkImport, dealerDirectory, type DealerDirectory } from '../../lib/dealers/import/validate';
import { fileProblemText, moreProblemsText, problemLines, problemText, type ImportProblem } from '../../lib/dealers/import/problems';
import { proposeMapping, type ColumnTarget } from '../../lib/dealers/import/targets';
import type { Locale } from '../../lib/kernel/i18n';
import { SAMPLE_DEALERS } from '../fixtures/imports/samples';

const NOW = '2026-11-23T08:00:00.000Z';
const directory: DealerDirectory = dealerDirectory([
  ...SAMPLE_DEALERS.map((d, i) => ({ id: `D${i + 1}`, name: d.name, crm: { objectType: 'company', objectId: d.crmId, syncedAt: NOW, syncedVersion: NOW } })),
  { id: 'L1', name: '永盛批发' },
  { id: 'T1', name: '同名商行' },
  { id: 'T2', name: '同名商行 ' },
  { id: 'X1', name: '已删除商行', deletedAt: NOW },
]);

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url)));

/** A table as parsed from rows of text (row 1 is the header). */
function tableOf(rows: (string | number | boolean | Date | null)[][]): ImportTable {
  const [headers, ...data] = rows;
  return {
    fileName: 'test.csv',
    format: 'csv',
    headers: headers!.map(String),
    letters: headers!.map((_, i) => String.fromCharCode(65 + i)),
    headerRow: 1,
    rows: data.map((cells, i) => ({ row: i + 2, cells })),
  };
}

function problemsOf(kind: 'figures' | 'terminals', table: ImportTable, targets: ColumnTarget[] = proposeMapping(kind, table.headers)): ImportProblem[] {
  const check = checkImport(kind, table, targets, directory);
  if (check.ok) throw new Error('the file passed');
  return check.problems;
}
const texts = (problems: ImportProblem[], locale: Locale) => problems.map((p) => problemText(p, locale));

describe('a bad file is refused as a whole, every problem named', () => {
  it('lists the sample bad file’s problems in row order, in Chinese and English', async () => {
    const table = await parseImportFile({ name: 'figures-bad.csv', data: fixture('figures-bad.csv') });
    const problems = problemsOf('figures', table);
    expect(texts(problems, 'zh-CN')).toEqual([
      '第 4 行“欠款”列：应为数字，实际为“约5万”。',
      '第 5 行：与第 2 行的经销商和月份相同（华东润滑油经销有限公司，2026年11月），两行只能保留一行。',
      '第 6 行“经销商名称”列：找不到名为“上海未知汽配有限公司”的经销商，请核对名称或先添加该经销商。',
      '第 7 行“月份”列：应为月份（如 2026-11 或 2026年11月），实际为“2026-13”。',
      '第 7 行“欠款”列：应为不小于 0 的数字，实际为“-200”。',
    ]);
    expect(texts(problems, 'en')).toEqual([
      'Row 4, column “欠款”: expected a number, got “约5万”.',
      'Row 5: same dealer and month as row 2 (华东润滑油经销有限公司, November 2026); keep only one of the two rows.',
      'Row 6, column “经销商名称”: no dealer is named “上海未知汽配有限公司”; check the name or add the dealer first.',
      'Row 7, column “月份”: expected a month such as 2026-11, got “2026-13”.',
      'Row 7, column “欠款”: expected a number of 0 or more, got “-200”.',
    ]);
  });

  it('names an English file’s columns by their English headers', () => {
    const table = tableOf([
      ['Dealer', 'Month', 'Arrears'],
      ['永盛批发', '2026-11', '1200'],
      ['永盛批发', '2026-10', '1,200'],
      ['永盛批发', '2026-09', '约5万'],
    ]);
    expect(texts(problemsOf('figures', table), 'en')).toEqual(['Row 4, column “Arrears”: expected a number, got “约5万”.']);
    expect(texts(problemsOf('figures', table), 'zh-CN')).toEqual(['第 4 行“Arrears”列：应为数字，实际为“约5万”。']);
  });

  it('names a column without a header by its letter', () => {
    const table = tableOf([
      ['经销商', '月份', ''],
      ['永盛批发', '2026-11', 'abc'],
    ]);
    const problems = problemsOf('figures', table, ['dealerName', 'period', 'arrears']);
    expect(texts(problems, 'zh-CN')).toEqual(['第 2 行 C 列：应为数字，实际为“abc”。']);
    expect(texts(problems, 'en')).toEqual(['Row 2, column C: expected a number, got “abc”.']);
  });

  it('lists the first 20 problems, then says how many more', () => {
    const table = tableOf([['经销商', '月份', '欠款'], ...Array.from({ length: 25 }, (_, i) => ['永盛批发', `2026-${String((i % 12) + 1).padStart(2, '0')}`, 'x'])]);
    const problems = problemsOf('figures', table);
    expect(problems).toHaveLength(25 + 13); // 25 bad amounts, and 13 months repeated
    const zh = problemLines(problems, 'zh-CN');
    expect(zh.lines).toHaveLength(20);
    expect(zh.more).toBe(18);
    expect(moreProblemsText(zh.more, 'zh-CN')).toBe('另有 18 个问题未列出。');
    expect(moreProblemsText(18, 'en')).toBe('and 18 more problems.');
    expect(moreProblemsText(1, 'en')).toBe('and 1 more problem.');
    expect(problemLines(problems.slice(0, 3), 'en')).toMatchObject({ more: 0 });
  });
});

describe('dealers', () => {
  it('matches by HubSpot company id first, then by exact name with spaces normalised', () => {
    const table = tableOf([
      ['HubSpot ID', '经销商', '月份', '欠款'],
      ['20002', '写错的名字', '2026-11', '1'],
      [20003, '', '2026-11', '2'],
      ['', '　华东润滑油经销有限公司 ', '2026-11', '3'],
      ['', '永盛批发', '2026-11', '4'],
    ]);
    const check = checkImport('figures', table, proposeMapping('figures', table.headers), directory);
    expect(check.ok && check.plan.rows.map((r) => [r.row, r.dealerId])).toEqual([
      [2, 'D2'],
      [3, 'D3'],
      [4, 'D1'],
      [5, 'L1'],
    ]);
  });

  it('says when an id or a name matches no dealer, two dealers, or the row names none', () => {
    const table = tableOf([
      ['HubSpot ID', '经销商', '月份', '欠款'],
      ['99999', '', '2026-11', '1'],
      ['', '同名商行', '2026-11', '1'],
      ['', '已删除商行', '2026-11', '1'],
      ['', '华东润滑油经销有限公司（上海）', '2026-11', '1'],
      ['', '', '2026-11', '1'],
    ]);
    expect(texts(problemsOf('figures', table), 'zh-CN')).toEqual([
      '第 2 行“HubSpot ID”列：找不到 HubSpot 公司 ID 为“99999”的经销商，请核对 ID 或先与 HubSpot 同步。',
      '第 3 行“经销商”列：有 2 个经销商都叫“同名商行”，请改用 HubSpot 公司 ID 列。',
      '第 4 行“经销商”列：找不到名为“已删除商行”的经销商，请核对名称或先添加该经销商。',
      '第 5 行“经销商”列：找不到名为“华东润滑油经销有限公司（上海）”的经销商，请核对名称或先添加该经销商。',
      '第 6 行“经销商”列：必须填写。',
    ]);
    expect(texts(problemsOf('figures', table), 'en').slice(0, 2)).toEqual([
      'Row 2, column “HubSpot ID”: no dealer has HubSpot company ID “99999”; check the ID or sync with HubSpot first.',
      'Row 3, column “经销商”: 2 dealers are named “同名商行”; use a HubSpot company ID column instead.',
    ]);
    expect(texts(problemsOf('figures', table), 'en')[4]).toBe('Row 6, column “经销商”: a value is required.');
  });
});

describe('the mapping', () => {
  const table = tableOf([
    ['销量', '销售额', '备注'],
    ['1', '2', ''],
  ]);

  it('needs a dealer column, the month and a figure, each target once', () => {
    expect(texts(problemsOf('figures', table, ['sales', 'sales', 'ignore']), 'zh-CN')).toEqual([
      '“销量”和“销售额”两列都对应“本月销量”，请只保留一列。',
      '没有哪一列对应“经销商名称”或“HubSpot 公司 ID”，请在列对应表中选择。',
      '没有哪一列对应“月份”，请在列对应表中选择。',
    ]);
    expect(texts(problemsOf('figures', table, ['sales', 'sales', 'ignore']), 'en')).toEqual([
      'Columns “销量” and “销售额” are both set to “Sales this month”; keep only one.',
      'No column is set to “Dealer name” or “HubSpot company ID”; choose one in the column table.',
      'No column is set to “Month”; choose one in the column table.',
    ]);
    expect(texts(problemsOf('figures', table, ['dealerName', 'period', 'ignore']), 'en')).toEqual([
      'No column is set to a figure (such as “Sales this month”); choose at least one in the column table.',
    ]);
    expect(texts(problemsOf('figures', table, ['dealerName', 'period', 'ignore']), 'zh-CN')).toEqual(['没有哪一列对应月度数据（如“本月销量”），请在列对应表中至少选择一列。']);
    expect(texts(problemsOf('terminals', table, ['dealerName', 'ignore', 'ignore']), 'en')).toEqual(['No column is set to “Terminal name”; choose one in the column table.']);
  });
});

describe('figures', () => {
  it('plans only the figures a row has, skips a totals row, and reads the sample export', async () => {
    const table = await parseImportFile({ name: 'figures-2026-11.csv', data: fixture('figures-2026-11.csv') });
    const check = checkImport('figures', table, proposeMapping('figures', table.headers), directory);
    expect(check.ok).toBe(true);
    if (!check.ok || check.plan.kind !== 'figures') return;
    expect(check.plan.totalsSkipped).toBe(1);
    expect(check.plan.rows).toHaveLength(4);
    expect(check.plan.rows[0]).toEqual({
      row: 2,
      dealerId: 'D1',
      dealerName: '华东润滑油经销有限公司',
      period: '2026-11',
      figures: { sales: 1280, salesTarget: 1500, shipments: 1190, inventory: 340, arrears: 120000, creditLimit: 500000 },
    });
    expect(check.plan.rows[3]!.figures.arrears).toBe(36200.5);
    const sparse = tableOf([
      ['经销商', '月份', '欠款', '授信额度'],
      ['永盛批发', '2026年11月', '', '5,000'],
    ]);
    const plan = checkImport('figures', sparse, proposeMapping('figures', sparse.headers), directory);
    expect(plan.ok && plan.plan.rows[0]).toMatchObject({ figures: { creditLimit: 5000 } });
    expect(plan.ok && Object.keys((plan.plan.rows[0] as { figures: object }).figures)).toEqual(['creditLimit']);
  });
});

describe('terminals', () => {
  it('reads the sample list and refuses wrong yes/no, dates and a terminal listed twice', async () => {
    const table = await parseImportFile({ name: 'terminals.xlsx', data: fixture('terminals.xlsx') });
    const check = checkImport('terminals', table, proposeMapping('terminals', table.headers), directory);
    expect(check.ok && check.plan.rows.map((r) => ('fields' in r ? [r.row, r.dealerId, r.name, r.fields] : []))).toEqual([
      [3, 'D1', '浦东张江汽修厂', { address: '上海市浦东新区张江路 88 号', signed: true, contractedVolume: 120, firstTransactionDay: '2026-03-05' }],
      [4, 'D1', '闵行莘庄快修店', { address: '上海市闵行区沪闵路 1200 号', signed: false, firstTransactionDay: '2026-06-18' }],
      [5, 'D2', '园区星湖汽车服务', { address: '苏州工业园区星湖街 328 号', signed: true, contractedVolume: 80, firstTransactionDay: '2026-09-01' }],
      [6, 'D2', '吴中宝带路养护中心', { address: '苏州市吴中区宝带东路 15 号', signed: false }],
      [7, 'D3', '西湖文三路汽配', { address: '杭州市西湖区文三路 259 号', signed: true, contractedVolume: 60, firstTransactionDay: '2026-10-12' }],
    ]);

    const bad = tableOf([
      ['经销商', '终端名称', '是否签约', '首次交易日期'],
      ['永盛批发', '滨湖店', '也许', '2026-02-30'],
      ['永盛批发', '', '是', ''],
      ['永盛批发', ' 滨湖店', '否', ''],
    ]);
    expect(texts(problemsOf('terminals', bad), 'zh-CN')).toEqual([
      '第 2 行“是否签约”列：应为“是”或“否”，实际为“也许”。',
      '第 2 行“首次交易日期”列：应为日期（如 2026-03-05），实际为“2026-02-30”。',
      '第 3 行“终端名称”列：必须填写。',
      // A row with a bad cell still counts for duplicates, so one round of fixes is enough.
      '第 4 行：与第 2 行是同一经销商的同一终端（滨湖店），两行只能保留一行。',
    ]);
    const twice = tableOf([
      ['经销商', '终端名称'],
      ['永盛批发', '滨湖店'],
      ['永盛批发', '滨湖店 '],
    ]);
    expect(texts(problemsOf('terminals', twice), 'zh-CN')).toEqual(['第 3 行：与第 2 行是同一经销商的同一终端（滨湖店），两行只能保留一行。']);
    expect(texts(problemsOf('terminals', twice), 'en')).toEqual(['Row 3: same terminal of the same dealer as row 2 (滨湖店); keep only one of the two rows.']);
  });
});

describe('files that cannot be read', () => {
  it('say what to do in both languages', () => {
    expect(fileProblemText({ code: 'xls' }, 'zh-CN')).toBe('这是旧版 Excel 文件（.xls），请在 Excel 中另存为 .xlsx 或 CSV 后再选择。');
    expect(fileProblemText({ code: 'xls' }, 'en')).toBe('This is an old Excel file (.xls); save it as .xlsx or CSV in Excel and choose that.');
    expect(fileProblemText({ code: 'tooManyRows', count: 6200, max: 5000 }, 'en')).toBe('The file has 6,200 data rows; import at most 5,000 at a time by splitting it.');
    expect(fileProblemText({ code: 'badQuotes', row: 1234 }, 'zh-CN')).toBe('第 1234 行：有未闭合的引号，请在 Excel 中检查这一行后重新导出。');
  });
});
