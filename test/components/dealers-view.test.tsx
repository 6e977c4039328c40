// @vitest-environment jsdom
/*
 * The Dealers section over a real (fake-indexeddb) database: paging, visit counts, a dealer's
 * details with Fieldkit's editable fields, and delete — only for dealers added by hand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DealersView } from '../../components/dealers/DealersView';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import { Dealer } from '../../lib/dealers/schema';
import { newId } from '../../lib/kernel/ids';
import type { Locale } from '../../lib/kernel/i18n';
import { FieldkitDatabase } from '../../lib/store/database';
import { saveRecord } from '../../lib/store/records';
import { visitDraft } from '../fixtures/records';
import { today } from '../../lib/kernel/dates';

const REP = { id: 'owner-101', name: '张伟' };
const NOW = '2026-11-23T08:00:00.000Z';
let db: FieldkitDatabase;

afterEach(async () => {
  cleanup();
  // The open dealer lives in the hash (#dealers/<id>): each test starts at the list.
  location.hash = '';
  await db?.delete();
});

function freshDb() {
  db = new FieldkitDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
  return db;
}

function dealer(name: string, fields: Partial<Dealer> = {}): Dealer {
  return Dealer.parse({ id: newId(), schemaVersion: 1, author: REP, createdAt: NOW, updatedAt: NOW, name, ...fields });
}

const HUBSPOT_LINK = { objectType: 'company', objectId: '1001', syncedAt: NOW, syncedVersion: NOW };

function renderView(locale: Locale) {
  return render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <DealersView />
      </LocaleProvider>
    </DatabaseProvider>,
  );
}

const list = () => within(screen.getByRole('list', { name: 'Dealers' }));
const rowOf = (name: string) => screen.getByRole('button', { name }).closest('li')!;

describe('DealersView', () => {
  it('shows the empty state with no dealers', async () => {
    freshDb();
    renderView('zh-CN');
    expect((await screen.findByTestId('empty-dealers')).textContent).toContain('连接 HubSpot');
  });

  it('lists dealers a page at a time, in name order', async () => {
    freshDb();
    await db.dealers.bulkAdd(Array.from({ length: 60 }, (_, i) => dealer(`Dealer ${String(60 - i).padStart(2, '0')}`)));
    renderView('en');
    await waitFor(() => expect(list().getAllByRole('listitem')).toHaveLength(50));
    expect(list().getAllByRole('listitem')[0]!.textContent).toContain('Dealer 01');
    await userEvent.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(list().getAllByRole('listitem')).toHaveLength(60));
    expect(list().getAllByRole('listitem')[59]!.textContent).toContain('Dealer 60');
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();

    // Name or city contains the search: Dealer 50 … Dealer 59.
    await userEvent.click(screen.getByLabelText('Search dealers'));
    await userEvent.paste('Dealer 5');
    await waitFor(() => expect(list().getAllByRole('listitem')).toHaveLength(10), { timeout: 5000 });
    await userEvent.type(screen.getByLabelText('Search dealers'), 'x');
    expect(await screen.findByText('No dealer name or city contains “Dealer 5x”.')).toBeTruthy();
  });

  it('shows the day each dealer was last visited, this year’s without the year', async () => {
    freshDb();
    const visited = dealer('华东润滑油经销有限公司');
    const long = dealer('老客户');
    await db.dealers.bulkAdd([visited, dealer('永盛批发'), long]);
    const thisYear = `${today().slice(0, 4)}-01-05`;
    await saveRecord(db, 'visitCards', visitDraft({ dealerId: visited.id, visitDay: `${today().slice(0, 4)}-01-02` }), { author: REP });
    await saveRecord(db, 'visitCards', visitDraft({ dealerId: visited.id, visitDay: thisYear }), { author: REP });
    await saveRecord(db, 'visitCards', visitDraft({ dealerId: long.id, visitDay: '2024-03-09' }), { author: REP });
    renderView('zh-CN');
    const weekday = new Intl.DateTimeFormat('zh-CN', { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${thisYear}T00:00:00Z`));
    await waitFor(() => expect(within(rowOf('华东润滑油经销有限公司')).getByTestId('dealer-last-visit').textContent).toBe(`最近拜访 1月5日${weekday}`));
    expect(within(rowOf('老客户')).getByTestId('dealer-last-visit').textContent).toBe('最近拜访 2024年3月9日');
    expect(within(rowOf('永盛批发')).getByTestId('dealer-last-visit').textContent).toBe('尚未拜访');
  });

  it('opens a dealer and saves Fieldkit’s fields to it', async () => {
    freshDb();
    const linked = dealer('华东润滑油经销有限公司', { city: '苏州', region: '华东', grade: 'C', crm: HUBSPOT_LINK });
    await db.dealers.add(linked);
    renderView('en');
    // The row reads: name (the button), city, last visit, grade.
    await waitFor(() => expect(rowOf('华东润滑油经销有限公司').textContent).toBe('华东润滑油经销有限公司苏州·Not visited yetGrade C'));
    await userEvent.click(await screen.findByRole('button', { name: '华东润滑油经销有限公司' }));
    const details = within(await screen.findByRole('region', { name: 'Details of 华东润滑油经销有限公司' }));
    expect(details.getByRole('option', { name: 'C · signs in 3–6 months' })).toBeTruthy();
    expect(details.getByText('苏州')).toBeTruthy();
    expect(details.getByText('华东')).toBeTruthy();
    expect((details.getByLabelText('Grade') as HTMLSelectElement).value).toBe('C');

    await userEvent.selectOptions(details.getByLabelText('Grade'), 'B');
    await userEvent.selectOptions(details.getByLabelText('Customer class'), 'distributor');
    await userEvent.type(details.getByLabelText('Credit limit'), '200000');
    await userEvent.type(details.getByLabelText('Arrears'), '-5');
    await userEvent.click(details.getByRole('button', { name: 'Save' }));
    expect(details.getByRole('alert').textContent).toBe('Arrears: enter an amount of 0 or more');
    // Amounts read back as money, and arrears above the credit limit are pointed out.
    expect(details.getByText('¥200,000')).toBeTruthy();
    await userEvent.clear(details.getByLabelText('Arrears'));
    await userEvent.type(details.getByLabelText('Arrears'), '250000');
    expect(details.getByText('More than the credit limit (¥200,000).')).toBeTruthy();
    expect((await db.dealers.get(linked.id))?.grade).toBe('C');

    await userEvent.clear(details.getByLabelText('Arrears'));
    await userEvent.type(details.getByLabelText('Arrears'), '3500.5');
    await userEvent.click(details.getByRole('button', { name: 'Save' }));
    expect((await details.findByRole('status')).textContent).toBe('Saved.');
    const stored = await db.dealers.get(linked.id);
    expect(stored).toMatchObject({ grade: 'B', customerClass: 'distributor', creditLimit: 200000, arrears: 3500.5, city: '苏州', crm: HUBSPOT_LINK });
    await userEvent.click(details.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(rowOf('华东润滑油经销有限公司').textContent).toContain('Grade B'));
    // Queued for HubSpot like any edit.
    expect(await db.outbox.where('[table+recordId]').equals(['dealers', linked.id]).count()).toBe(1);
  });

  it('deletes a dealer added by hand, in two steps', async () => {
    freshDb();
    const local = dealer('永盛批发', { city: '无锡' });
    await db.dealers.bulkAdd([local, dealer('华联商贸')]);
    renderView('en');
    await userEvent.click(await screen.findByRole('button', { name: '永盛批发' }));
    const details = within(await screen.findByRole('region', { name: 'Details of 永盛批发' }));
    await userEvent.click(details.getByRole('button', { name: 'Delete 永盛批发' }));
    await userEvent.click(details.getByRole('button', { name: 'Yes, delete 永盛批发' }));
    // Back at the list, without it.
    await waitFor(() => expect(list().getAllByRole('listitem')).toHaveLength(1));
    expect(screen.queryByRole('button', { name: '永盛批发' })).toBeNull();
    expect((await db.dealers.get(local.id))?.deletedAt).toBeTruthy();
  });

  it.each([
    { locale: 'en' as const, region: 'Details of 华东润滑油经销有限公司', says: 'This dealer comes from HubSpot; delete it there.' },
    { locale: 'zh-CN' as const, region: '华东润滑油经销有限公司的详情', says: '该经销商来自 HubSpot，如需删除，请在 HubSpot 中操作。' },
  ])('refuses to delete a dealer linked to HubSpot, saying where to ($locale)', async ({ locale, region, says }) => {
    freshDb();
    await db.dealers.add(dealer('华东润滑油经销有限公司', { crm: HUBSPOT_LINK }));
    renderView(locale);
    await userEvent.click(await screen.findByRole('button', { name: '华东润滑油经销有限公司' }));
    const details = within(await screen.findByRole('region', { name: region }));
    expect(details.getByText(says)).toBeTruthy();
    expect(details.queryByRole('button', { name: /^(Delete|删除)/ })).toBeNull();
  });
});
