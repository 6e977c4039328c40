import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, readRows, type ExtensionSession } from './fixtures';

/**
 * Every record in every list opens, edits and deletes, in the built extension: a delete is a
 * tombstone queued for the CRM like an edit, never a row that silently disappears.
 */
let session: ExtensionSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

type Row = { id: string; deletedAt?: string; currentInventory?: number; competitorName?: string; grade?: string; name?: string };

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const end = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function addDealer(panel: Page, name: string, labels: { nav: string; name: string; add: string }) {
  await panel.getByRole('button', { name: labels.nav, exact: true }).click();
  await panel.getByLabel(labels.name).fill(name);
  await panel.getByRole('button', { name: labels.add }).click();
  await panel.getByText(name).first().waitFor();
}

describe('open, edit and delete, in real Chromium', () => {
  it('a visit card on Today opens, saves an edit under the same id, and deletes as a queued tombstone (zh-CN)', async () => {
    session = await launchExtension({ locale: 'zh-CN' });
    const panel = await session.openPage('sidepanel.html');
    const dealer = '华东润滑油经销有限公司';
    await addDealer(panel, dealer, { nav: '经销商', name: '经销商名称', add: '添加经销商' });
    await panel.getByRole('button', { name: '今日', exact: true }).click();
    await panel.getByRole('button', { name: '记录拜访' }).click();
    await panel.getByLabel('经销商', { exact: true }).selectOption({ label: dealer });
    await panel.getByLabel('当期库存', { exact: true }).fill('36');
    await panel.getByRole('button', { name: '保存客户卡' }).click();
    const [saved] = await until(() => readRows<Row>(panel, 'visitCards'), (rows) => rows.length === 1, 'the card');

    await panel.getByRole('button', { name: new RegExp(`^查看${dealer}`) }).click();
    await expect(panel.getByLabel('当期库存', { exact: true }).inputValue()).resolves.toBe('36');
    await panel.getByLabel('当期库存', { exact: true }).fill('30');
    await panel.getByRole('button', { name: '保存客户卡' }).click();
    const edited = await until(() => readRows<Row>(panel, 'visitCards'), (rows) => rows[0]?.currentInventory === 30, 'the edit');
    expect(edited.map((r) => r.id)).toEqual([saved!.id]);

    await panel.getByRole('button', { name: new RegExp(`^删除客户卡 ${dealer}`) }).click();
    await panel.getByRole('button', { name: new RegExp(`^确定删除客户卡 ${dealer}`) }).click();
    await panel.getByTestId('empty-visits').waitFor();
    const [tombstone] = await until(() => readRows<Row>(panel, 'visitCards'), (rows) => !!rows[0]?.deletedAt, 'the tombstone');
    expect(tombstone!.id).toBe(saved!.id);
    const outbox = await readRows<{ recordId: string; operation: string; status: string }>(panel, 'outbox');
    expect(outbox).toEqual([expect.objectContaining({ recordId: saved!.id, operation: 'delete', status: 'pending' })]);
  });

  it('an intel item opens for edit and deletes; a dealer opens, saves its grade, and a local one deletes (en)', async () => {
    session = await launchExtension({ locale: 'en' });
    const panel = await session.openPage('sidepanel.html#intel');
    await panel.getByRole('button', { name: 'New intel' }).click();
    await panel.getByLabel('Competitor', { exact: true }).fill('Shell');
    await panel.getByLabel('Product', { exact: true }).fill('HX7 4L');
    await panel.getByRole('button', { name: 'Save intel' }).click();
    const [item] = await until(() => readRows<Row>(panel, 'intelItems'), (rows) => rows.length === 1, 'the intel item');

    await panel.getByRole('button', { name: /^Edit intel/ }).click();
    await expect(panel.getByLabel('Competitor', { exact: true }).inputValue()).resolves.toBe('Shell');
    await panel.getByLabel('Competitor', { exact: true }).fill('Shell Helix');
    await panel.getByRole('button', { name: 'Save intel' }).click();
    const edited = await until(() => readRows<Row>(panel, 'intelItems'), (rows) => rows[0]?.competitorName === 'Shell Helix', 'the edit');
    expect(edited.map((r) => r.id)).toEqual([item!.id]);
    await panel.getByRole('button', { name: /^Delete intel/ }).click();
    await panel.getByRole('button', { name: /^Yes, delete intel/ }).click();
    await until(() => readRows<Row>(panel, 'intelItems'), (rows) => !!rows[0]?.deletedAt, 'the tombstone');
    await panel.getByTestId('empty-intel').waitFor();

    await addDealer(panel, 'Suzhou Auto Parts', { nav: 'Dealers', name: 'Dealer name', add: 'Add dealer' });
    await panel.getByRole('button', { name: 'Suzhou Auto Parts' }).click();
    const details = panel.getByRole('region', { name: 'Details of Suzhou Auto Parts' });
    await details.getByLabel('Grade').selectOption('B');
    await details.getByRole('button', { name: 'Save' }).click();
    await until(() => readRows<Row>(panel, 'dealers'), (rows) => rows[0]?.grade === 'B', 'the grade');
    // A dealer no CRM company is linked to stays local: nothing is queued for HubSpot.
    expect((await readRows<{ table: string }>(panel, 'outbox')).filter((e) => e.table === 'dealers')).toEqual([]);
    await details.getByRole('button', { name: /^Delete/ }).click();
    await details.getByRole('button', { name: /^Yes, delete/ }).click();
    await until(() => readRows<Row>(panel, 'dealers'), (rows) => !!rows[0]?.deletedAt, 'the dealer tombstone');
    await panel.getByTestId('empty-dealers').waitFor();
  });
});
