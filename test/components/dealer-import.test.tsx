// @vitest-environment jsdom
/*
 * The dealer-data import section over a real (fake-indexeddb) database: a file is chosen, its
 * columns are checked and changed, the import writes and says what it wrote in words; a bad
 * file lists its problems and writes nothing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { ImportData } from '../../components/dealers/import/ImportData';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import { Dealer } from '../../lib/dealers/schema';
import type { Locale } from '../../lib/kernel/i18n';
import { FieldkitDatabase } from '../../lib/store/database';
import { SAMPLE_DEALERS } from '../fixtures/imports/samples';

const REP = { id: 'owner-101', name: '张伟' };
const NOW = '2026-11-23T08:00:00.000Z';
let db: FieldkitDatabase;

afterEach(async () => {
  cleanup();
  await db?.delete();
});

async function freshDb() {
  db = new FieldkitDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
  await db.settings.put({ key: 'profile', value: { ...REP, role: 'rep' } });
  await db.dealers.bulkAdd(
    SAMPLE_DEALERS.map((d) =>
      Dealer.parse({
        id: dealerIdOf(d.crmId),
        schemaVersion: 1,
        author: REP,
        createdAt: NOW,
        updatedAt: NOW,
        name: d.name,
        crm: { objectType: 'company', objectId: d.crmId, syncedAt: NOW, syncedVersion: NOW },
      }),
    ),
  );
}

function renderImport(locale: Locale) {
  return render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <ImportData />
      </LocaleProvider>
    </DatabaseProvider>,
  );
}

/** A ULID-shaped id that shows the dealer's HubSpot company id. */
const dealerIdOf = (crmId: string) => `01JC${crmId.padStart(22, '0')}`;
const fixtureFile = (name: string, type = 'text/csv') => new File([readFileSync(resolve('test/fixtures/imports', name))], name, { type });
const csvFile = (name: string, text: string) => new File([text], name, { type: 'text/csv' });
const selectFor = (column: string) => screen.getByLabelText(column) as HTMLSelectElement;

describe('ImportData', () => {
  it('imports a CSV after the user changes a column’s target, and says what it wrote (en)', async () => {
    await freshDb();
    const user = userEvent.setup();
    renderImport('en');
    expect(screen.getByRole('heading', { level: 2, name: 'Import dealer data' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Monthly figures' }).getAttribute('aria-pressed')).toBe('true');

    const csv = ['客户名称,月份,销量（箱）,终端数,欠款', '华东润滑油经销有限公司,2026-11,"1,280",18,"¥120,000"', '苏州恒通商贸有限公司,2026/11,860,9,0', ''].join('\n');
    await user.upload(screen.getByLabelText('Choose a file'), csvFile('erp-november.csv', csv));
    expect((await screen.findByTestId('import-file')).textContent).toBe('erp-november.csv2 data rows');

    // Proposed from the headers; the column nobody named is not imported until the user says so.
    const table = within(screen.getByRole('table', { name: 'Columns' }));
    expect(table.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Column in the file', 'Import as']);
    expect(selectFor('客户名称').value).toBe('dealerName');
    expect(selectFor('月份').value).toBe('period');
    expect(selectFor('销量（箱）').value).toBe('sales');
    expect(selectFor('欠款').value).toBe('arrears');
    expect(selectFor('终端数').value).toBe('ignore');
    expect(table.getByRole('rowheader', { name: /终端数/ }).textContent).toBe('终端数18 · 9');
    expect(screen.getByText('Matched by column name. Check each column, then import.')).toBeTruthy();
    await user.selectOptions(selectFor('终端数'), 'Signed terminals');
    expect(selectFor('终端数').value).toBe('signedTerminals');

    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect((await screen.findByTestId('import-summary')).textContent).toBe('Imported 2 rows: 6 figures for 2 dealers in November 2026.');
    expect(screen.queryByRole('table')).toBeNull();

    const facts = await db.dealerFacts.where('[dealerId+period]').equals([dealerIdOf('20001'), '2026-11']).first();
    expect(facts?.figures.signedTerminals).toMatchObject({ value: 18, source: { kind: 'import', file: 'erp-november.csv', row: 2 } });
    expect(facts?.author).toEqual(REP);
    expect(await db.outbox.count()).toBe(2);

    // The same columns next month: the changed mapping is proposed again.
    await user.upload(screen.getByLabelText('Choose a file'), csvFile('erp-december.csv', csv.replaceAll('2026-11', '2026-12').replaceAll('2026/11', '2026/12')));
    await screen.findByRole('table', { name: 'Columns' });
    expect(selectFor('终端数').value).toBe('signedTerminals');
    expect(screen.getByText('Set as you chose last time for files with these columns.')).toBeTruthy();
  });

  it('imports the sample export and the sample terminal list (zh-CN)', async () => {
    await freshDb();
    const user = userEvent.setup();
    renderImport('zh-CN');
    expect(screen.getByRole('heading', { name: '导入经销商数据' })).toBeTruthy();
    await user.upload(screen.getByLabelText('选择文件'), fixtureFile('figures-2026-11-gbk.csv'));
    expect((await screen.findByTestId('import-file')).textContent).toBe('figures-2026-11-gbk.csv5 行数据，按 GBK 编码读取');
    expect(selectFor('客户编码').value).toBe('ignore');
    expect(selectFor('应收欠款（元）').value).toBe('arrears');
    await user.click(screen.getByRole('button', { name: '导入' }));
    expect((await screen.findByTestId('import-summary')).textContent).toBe('已导入 4 行：4 个经销商共 24 项数据，月份为2026年11月。合计行未导入（共 1 行）。');

    await user.click(screen.getByRole('button', { name: '终端清单' }));
    await user.upload(screen.getByLabelText('选择文件'), fixtureFile('terminals.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
    await screen.findByRole('table', { name: '列对应' });
    expect(selectFor('是否签约').value).toBe('signed');
    expect(screen.getByRole('rowheader', { name: /首次交易日期/ }).textContent).toBe('首次交易日期2026-03-05 · 2026-06-18 · 2026-09-01');
    await user.click(screen.getByRole('button', { name: '导入' }));
    expect((await screen.findByTestId('import-summary')).textContent).toBe('已导入 5 行，涉及 3 个经销商：新增 5 个终端，更新 0 个，0 个已是最新。');
    expect(await db.terminals.count()).toBe(5);
  });

  it('lists the problems of a bad file and writes nothing (zh-CN)', async () => {
    await freshDb();
    const user = userEvent.setup();
    renderImport('zh-CN');
    await user.upload(screen.getByLabelText('选择文件'), fixtureFile('figures-bad.csv'));
    await screen.findByRole('table', { name: '列对应' });
    await user.click(screen.getByRole('button', { name: '导入' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('未导入任何内容。请改正以下 5 个问题后重新导入：')).toBeTruthy();
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '第 4 行“欠款”列：应为数字，实际为“约5万”。',
      '第 5 行：与第 2 行的经销商和月份相同（华东润滑油经销有限公司，2026年11月），两行只能保留一行。',
      '第 6 行“经销商名称”列：找不到名为“上海未知汽配有限公司”的经销商，请核对名称或先添加该经销商。',
      '第 7 行“月份”列：应为月份（如 2026-11 或 2026年11月），实际为“2026-13”。',
      '第 7 行“欠款”列：应为不小于 0 的数字，实际为“-200”。',
    ]);
    expect(await db.dealerFacts.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.audit.count()).toBe(0);
    // The columns stay, so a mapping mistake can be fixed without choosing the file again.
    expect(screen.getByRole('table', { name: '列对应' })).toBeTruthy();
  });

  it('lists the first 20 problems, then how many more (en)', async () => {
    await freshDb();
    const user = userEvent.setup();
    renderImport('en');
    const rows = Array.from({ length: 23 }, (_, i) => `华东润滑油经销有限公司,2025-${String((i % 12) + 1).padStart(2, '0')},x`);
    await user.upload(screen.getByLabelText('Choose a file'), csvFile('many.csv', ['Dealer,Month,Arrears', ...rows].join('\n')));
    await user.click(await screen.findByRole('button', { name: 'Import' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Nothing was imported. Fix these 34 problems and import again:')).toBeTruthy();
    expect(within(alert).getAllByRole('listitem')).toHaveLength(20);
    expect(within(alert).getAllByRole('listitem')[0]!.textContent).toBe('Row 2, column “Arrears”: expected a number, got “x”.');
    expect(within(alert).getByText('and 14 more problems.')).toBeTruthy();
  });

  it('says what to do with a file it cannot read (en)', async () => {
    await freshDb();
    // The picker offers CSV and .xlsx, but a person can still choose "All files".
    const user = userEvent.setup({ applyAccept: false });
    renderImport('en');
    await user.upload(screen.getByLabelText('Choose a file'), new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])], 'old.xls'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('This is an old Excel file (.xls); save it as .xlsx or CSV in Excel and choose that.'));
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('refuses a mapping without a dealer or month column, naming the targets (en)', async () => {
    await freshDb();
    const user = userEvent.setup();
    renderImport('en');
    await user.upload(screen.getByLabelText('Choose a file'), csvFile('x.csv', 'Name,When,Arrears\n华东润滑油经销有限公司,2026-11,1\n'));
    await screen.findByRole('table', { name: 'Columns' });
    expect(selectFor('Name').value).toBe('ignore');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(within(await screen.findByRole('alert')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'No column is set to “Dealer name” or “HubSpot company ID”; choose one in the column table.',
      'No column is set to “Month”; choose one in the column table.',
    ]);
    await user.selectOptions(selectFor('Name'), 'Dealer name');
    await user.selectOptions(selectFor('When'), 'Month');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect((await screen.findByTestId('import-summary')).textContent).toBe('Imported 1 row: 1 figure for 1 dealer in November 2026.');
  });
});
