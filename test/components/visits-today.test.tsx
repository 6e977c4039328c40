// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import { TodayView } from '../../components/visits/TodayView';
import type { FieldkitDatabase } from '../../lib/store/database';
import { saveRecord } from '../../lib/store/records';
import { writeSetting } from '../../lib/store/settings';
import { addLocalDealer } from '../../lib/dealers/local';
import { today as todayOf } from '../../lib/kernel/dates';
import { formatDay } from '../../lib/kernel/format';
import type { Locale } from '../../lib/kernel/i18n';
import { freshDatabase, REP, visitDraft } from '../fixtures/records';
import { valueOf } from './helpers';

let db: FieldkitDatabase;
let dealerId: string;
const DEALER = '华东润滑油';
const day = todayOf();

beforeEach(async () => {
  db = freshDatabase();
  await writeSetting(db, 'profile', { ...REP, role: 'rep' });
  dealerId = (await addLocalDealer(db, { name: DEALER }, { author: REP })).id;
});

afterEach(async () => {
  cleanup();
  db.close();
});

function renderToday(locale: Locale) {
  return render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <TodayView />
      </LocaleProvider>
    </DatabaseProvider>,
  );
}

/** The Today section's own list (the daily report below lists the same cards, read-only). */
async function todaysVisits(name: string) {
  return within(await screen.findByRole('region', { name }));
}

async function liveCards() {
  return (await db.visitCards.toArray()).filter((card) => !card.deletedAt);
}

describe('TodayView', () => {
  it('logs a card, opens it for edit, saves it under the same id, and deletes it (zh-CN)', async () => {
    const user = userEvent.setup();
    renderToday('zh-CN');
    const visits = await todaysVisits('今日拜访');
    expect((await visits.findByTestId('empty-visits')).textContent).toContain('今天还没有拜访记录');

    // Log a visit.
    await user.click(visits.getByRole('button', { name: '记录拜访' }));
    await user.selectOptions(await screen.findByLabelText('经销商'), dealerId);
    expect(await screen.findByText('该客户还没有进货记录。')).toBeTruthy();
    await user.type(screen.getByLabelText('当期库存'), '40');
    await user.type(screen.getByLabelText('本次进货量'), '25');
    await user.click(screen.getByRole('button', { name: '保存客户卡' }));
    expect(await visits.findByText('已保存。')).toBeTruthy();
    expect((await visits.findByTestId('visits-today')).textContent).toBe('今天已记录 1 张客户卡，已附在下方日报中。');
    const rows = within(visits.getByRole('list', { name: '客户卡' })).getAllByRole('listitem');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain(DEALER);
    expect(rows[0]!.textContent).toContain('进货 25 箱');
    const [saved] = await liveCards();
    expect(saved).toMatchObject({ dealerId, visitDay: day, currentInventory: 40, orderQuantity: 25, author: { id: REP.id } });

    // Open it: the form shows what was saved; change the order.
    await user.click(visits.getByRole('button', { name: `查看${DEALER} ${day} 的客户卡` }));
    expect(visits.getByRole('heading', { name: `修改${DEALER} ${formatDay(day, 'zh-CN', 'short')}的客户卡` })).toBeTruthy();
    expect(((await screen.findByLabelText('经销商')) as HTMLSelectElement).value).toBe(dealerId);
    expect(valueOf('当期库存')).toBe('40');
    expect(valueOf('本次进货量')).toBe('25');
    const order = screen.getByLabelText('本次进货量');
    await user.clear(order);
    await user.type(order, '30');
    await user.click(screen.getByRole('button', { name: '保存客户卡' }));
    await waitFor(() => expect(visits.getAllByRole('listitem')[0]!.textContent).toContain('进货 30 箱'));
    expect(visits.getByText('已保存。')).toBeTruthy();
    const afterEdit = await liveCards();
    expect(afterEdit).toHaveLength(1);
    expect(afterEdit[0]).toMatchObject({ id: saved!.id, orderQuantity: 30, currentInventory: 40, createdAt: saved!.createdAt });
    expect(afterEdit[0]!.updatedAt > saved!.updatedAt).toBe(true);

    // Delete it: asked first, then gone from the list and tombstoned in the store.
    await user.click(visits.getByRole('button', { name: `删除客户卡 ${DEALER} ${day}` }));
    expect(await liveCards()).toHaveLength(1);
    await user.click(visits.getByRole('button', { name: `确定删除客户卡 ${DEALER} ${day}` }));
    expect((await visits.findByTestId('empty-visits')).textContent).toContain('今天还没有拜访记录');
    expect(visits.getByRole('status').textContent).toBe('客户卡已删除。');
    expect(await liveCards()).toHaveLength(0);
    expect((await db.visitCards.get(saved!.id))?.deletedAt).toBeTruthy();
  });

  it("lists only this rep's cards of today, prefills from the dealer's history, and keeps a card on second thought (en)", async () => {
    const user = userEvent.setup();
    const firstOfMonth = day.endsWith('-01') ? undefined : `${day.slice(0, 8)}01`;
    await saveRecord(db, 'visitCards', visitDraft({ dealerId, visitDay: day, orderQuantity: 12, note: 'today' }), { author: REP });
    // Not today's, or not this rep's: history for the form, never rows of today's list.
    if (firstOfMonth) await saveRecord(db, 'visitCards', visitDraft({ dealerId, visitDay: firstOfMonth, orderQuantity: 7 }), { author: REP });
    await saveRecord(db, 'visitCards', visitDraft({ dealerId, visitDay: day, orderQuantity: 99 }), { author: { id: 'owner-102', name: '李娜' } });

    renderToday('en');
    const visits = await todaysVisits("Today's visits");
    expect((await visits.findByTestId('visits-today')).textContent).toBe('1 visit card today, attached to your daily report below.');
    const rows = within(visits.getByRole('list', { name: 'Visit cards' })).getAllByRole('listitem');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain('Ordered 12 cases');

    await user.click(visits.getByRole('button', { name: `Delete visit card ${DEALER} ${day}` }));
    await user.click(visits.getByRole('button', { name: 'Keep' }));
    // On the 1st of a month there is no earlier day of the month to put a history card on.
    expect(await liveCards()).toHaveLength(firstOfMonth ? 3 : 2);

    // A new card for the same dealer sees this rep's and the colleague's orders of the dealer.
    await user.click(visits.getByRole('button', { name: 'Log a visit' }));
    await user.selectOptions(await screen.findByLabelText('Dealer'), dealerId);
    const recent = within(screen.getByRole('region', { name: 'Recent purchases' }));
    await waitFor(() => expect(recent.getAllByRole('row').slice(1)).toHaveLength(firstOfMonth ? 3 : 2));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    await user.click(visits.getByRole('button', { name: `Delete visit card ${DEALER} ${day}` }));
    await user.click(visits.getByRole('button', { name: `Yes, delete visit card ${DEALER} ${day}` }));
    expect((await visits.findByTestId('empty-visits')).textContent).toContain('No visits logged today');
    expect(visits.getByRole('status').textContent).toBe('Visit card deleted.');
    expect(await liveCards()).toHaveLength(firstOfMonth ? 2 : 1);
  });

  it('opens a new card at the dealer when the side panel is opened to log a visit there (#today/visit/<id>)', async () => {
    location.hash = `#today/visit/${dealerId}`;
    renderToday('en');
    expect(((await screen.findByLabelText('Dealer')) as HTMLSelectElement).value).toBe(dealerId);
    // The intent is taken once: the hash is the bare section again.
    await waitFor(() => expect(location.hash).toBe('#today'));
    location.hash = '';
  });
});
