// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import { TodayView } from '../../components/visits/TodayView';
import { PhotoDownscalerProvider, VisitCardPanel } from '../../components/visits/index';
import { photosOfVisit } from '../../lib/visits/photo';
import { saveVisitCard } from '../../lib/visits/save';
import { addDays } from 'date-fns';
import type { FieldkitDatabase } from '../../lib/store/database';
import { saveRecord } from '../../lib/store/records';
import { writeSetting } from '../../lib/store/settings';
import { addLocalDealer } from '../../lib/dealers/local';
import { isoWeekOf, today as todayOf } from '../../lib/kernel/dates';
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

/** jsdom has no canvas: the photo a file becomes is made up from its name. */
const fakeDownscale = vi.fn(async (file: File) => ({
  mime: 'image/jpeg' as const,
  width: 1600,
  height: 1200,
  dataUrl: `data:image/jpeg;base64,${btoa(encodeURIComponent(file.name))}`,
}));

function renderToday(locale: Locale) {
  return render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <PhotoDownscalerProvider downscale={fakeDownscale}>
          <TodayView />
        </PhotoDownscalerProvider>
      </LocaleProvider>
    </DatabaseProvider>,
  );
}

const yesterday = todayOf(addDays(new Date(), -1));

/** The rep's daily report of `periodStart`, in `status`. */
async function dailyReport(periodStart: string, status: 'draft' | 'submitted') {
  await saveRecord(
    db,
    'diaryEntries',
    {
      periodStart,
      isoWeek: isoWeekOf(periodStart),
      status,
      ...(status === 'submitted' ? { submittedAt: new Date().toISOString() } : {}),
      content: { kind: 'daily', todayWork: ['拜访客户'], tomorrowPlan: [], problems: [] },
      annotations: [],
    } as never,
    { author: REP },
  );
}

const photo = (name: string) => ({ mime: 'image/jpeg' as const, width: 1600, height: 1200, dataUrl: `data:image/jpeg;base64,${btoa(name)}` });

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
    expect(await visits.findByRole('heading', { name: `修改${DEALER} ${formatDay(day, 'zh-CN', 'short')}的客户卡` })).toBeTruthy();
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

  it('saves a card with a display photo, opens it with the photo, removes it and the list follows (zh-CN)', async () => {
    const user = userEvent.setup();
    renderToday('zh-CN');
    const visits = await todaysVisits('今日拜访');
    await user.click(await visits.findByRole('button', { name: '记录拜访' }));
    await user.selectOptions(await screen.findByLabelText('经销商'), dealerId);
    await user.upload(screen.getByLabelText('添加照片'), new File(['jpeg'], 'shelf.jpg', { type: 'image/jpeg' }));
    await user.type(await screen.findByLabelText('照片 1 的说明'), '端架');
    await user.click(screen.getByRole('button', { name: '保存客户卡' }));
    expect(await visits.findByText('已保存。')).toBeTruthy();
    await waitFor(() => expect(within(visits.getByRole('list', { name: '客户卡' })).getAllByRole('listitem')[0]!.textContent).toContain('1 张照片'));
    const [saved] = await liveCards();
    expect(saved!.photoCount).toBe(1);
    const [stored] = await photosOfVisit.run(db, { visitCardId: saved!.id });
    expect(stored).toMatchObject({ caption: '端架', visitCardId: saved!.id, author: { id: REP.id } });

    // Open it again: the photo is there; remove it and save.
    await user.click(visits.getByRole('button', { name: `查看${DEALER} ${day} 的客户卡` }));
    expect(((await screen.findByLabelText('照片 1 的说明')) as HTMLInputElement).value).toBe('端架');
    await user.click(screen.getByRole('button', { name: '移除照片 1' }));
    await user.click(screen.getByRole('button', { name: '保存客户卡' }));
    await waitFor(() => expect(within(visits.getByRole('list', { name: '客户卡' })).getAllByRole('listitem')[0]!.textContent).not.toContain('张照片'));
    expect(await photosOfVisit.run(db, { visitCardId: saved!.id })).toEqual([]);
    expect((await db.visitPhotos.get(stored!.id))?.deletedAt).toBeTruthy();
    expect((await liveCards())[0]!.photoCount).toBeUndefined();

    // Deleting the card tombstones its photos with it.
    await saveVisitCard(db, { ...saved!, id: saved!.id }, [photo('again')], { author: REP });
    await user.click(visits.getByRole('button', { name: `删除客户卡 ${DEALER} ${day}` }));
    await user.click(visits.getByRole('button', { name: `确定删除客户卡 ${DEALER} ${day}` }));
    expect((await visits.findByTestId('empty-visits')).textContent).toContain('今天还没有拜访记录');
    expect((await db.visitPhotos.where('visitCardId').equals(saved!.id).toArray()).every((p) => p.deletedAt)).toBe(true);
  });

  it('opens a card read-only once its day’s daily report is submitted, with no delete (zh-CN)', async () => {
    const user = userEvent.setup();
    const card = await saveVisitCard(db, visitDraft({ dealerId, visitDay: day, isoWeek: isoWeekOf(day), orderQuantity: 12, note: '堆头已调整' }), [photo('a')], { author: REP });
    await dailyReport(day, 'submitted');
    renderToday('zh-CN');
    const visits = await todaysVisits('今日拜访');
    const [row] = await within(await visits.findByRole('list', { name: '客户卡' })).findAllByRole('listitem');
    expect(row!.textContent).toContain('日报已提交');
    expect(within(row!).queryByRole('button', { name: /删除/ })).toBeNull();

    await user.click(within(row!).getByRole('button', { name: `查看${DEALER} ${day} 的客户卡` }));
    expect(await visits.findByRole('heading', { name: `${DEALER} ${formatDay(day, 'zh-CN', 'short')}的客户卡` })).toBeTruthy();
    expect(visits.getByText('当天日报已提交，客户卡不能再改。')).toBeTruthy();
    expect(visits.getByText('堆头已调整')).toBeTruthy();
    expect(visits.getByRole('button', { name: '放大照片 1' })).toBeTruthy();
    expect(visits.queryByRole('button', { name: '保存客户卡' })).toBeNull();
    expect(visits.queryByLabelText('本次进货量')).toBeNull();
    await user.click(visits.getByRole('button', { name: '关闭' }));
    expect(await visits.findByTestId('visits-today')).toBeTruthy();
    expect((await db.visitCards.get(card.id))?.updatedAt).toBe(card.updatedAt);
  });

  it('opens an earlier card for edit while its day’s report is a draft, and read-only once submitted (en)', async () => {
    const user = userEvent.setup();
    const twoDaysAgo = todayOf(addDays(new Date(), -2));
    const open = await saveVisitCard(db, visitDraft({ dealerId, visitDay: yesterday, isoWeek: isoWeekOf(yesterday), orderQuantity: 8 }), [], { author: REP });
    await saveVisitCard(db, visitDraft({ dealerId, visitDay: twoDaysAgo, isoWeek: isoWeekOf(twoDaysAgo), orderQuantity: 5 }), [], { author: REP });
    await dailyReport(yesterday, 'draft');
    await dailyReport(twoDaysAgo, 'submitted');
    renderToday('en');
    const visits = await todaysVisits("Today's visits");
    expect(await visits.findByTestId('empty-visits')).toBeTruthy();
    const earlier = within(await visits.findByTestId('earlier-visits'));
    await user.click(earlier.getByText('Earlier visit cards'));
    const rows = within(earlier.getByRole('list', { name: 'Earlier visit cards' })).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).not.toContain('Report submitted');
    expect(rows[1]!.textContent).toContain('Report submitted');
    expect(within(rows[1]!).queryByRole('button', { name: /^Delete/ })).toBeNull();

    // Yesterday's report is a draft: the card opens for edit and saves.
    await user.click(within(rows[0]!).getByRole('button', { name: `Open the visit card of ${DEALER} on ${yesterday}` }));
    const order = await screen.findByLabelText('Ordered now');
    expect((order as HTMLInputElement).value).toBe('8');
    await user.clear(order);
    await user.type(order, '9');
    await user.click(screen.getByRole('button', { name: 'Save visit card' }));
    expect(await visits.findByText('Saved.')).toBeTruthy();
    expect((await db.visitCards.get(open.id))?.orderQuantity).toBe(9);

    // The day before was submitted: read-only, with the reason.
    const again = within(await visits.findByTestId('earlier-visits'));
    await user.click(again.getByText('Earlier visit cards'));
    const closedRow = within(again.getByRole('list', { name: 'Earlier visit cards' })).getAllByRole('listitem')[1]!;
    await user.click(within(closedRow).getByRole('button', { name: `Open the visit card of ${DEALER} on ${twoDaysAgo}` }));
    expect(await visits.findByText('The daily report of that day has been submitted, so this card can no longer be changed.')).toBeTruthy();
    expect(visits.queryByRole('button', { name: 'Save visit card' })).toBeNull();
  });

  it('refuses a new card for a day whose report is already submitted, in one sentence (en)', async () => {
    const user = userEvent.setup();
    await dailyReport(day, 'submitted');
    renderToday('en');
    const visits = await todaysVisits("Today's visits");
    await user.click(await visits.findByRole('button', { name: 'Log a visit' }));
    await user.selectOptions(await screen.findByLabelText('Dealer'), dealerId);
    await user.click(screen.getByRole('button', { name: 'Save visit card' }));
    expect(await screen.findByText('That day’s daily report has been submitted, so its visit cards can no longer be added or changed.')).toBeTruthy();
    expect(await liveCards()).toHaveLength(0);
  });

  it('shows a rep’s card read-only to anyone else (a manager), report or not (zh-CN)', async () => {
    const card = await saveVisitCard(db, visitDraft({ dealerId, visitDay: day, isoWeek: isoWeekOf(day), note: '补货' }), [photo('a')], { author: REP });
    const onSaved = vi.fn();
    render(
      <DatabaseProvider db={db}>
        <LocaleProvider locale="zh-CN">
          <VisitCardPanel card={card} viewer={{ id: 'owner-900', name: '王经理' }} dealerName={DEALER} today={day} onSaved={onSaved} onClose={vi.fn()} />
        </LocaleProvider>
      </DatabaseProvider>,
    );
    expect(await screen.findByText(`这是${REP.name}的客户卡，只能查看，不能修改。`)).toBeTruthy();
    expect(screen.getByRole('button', { name: '放大照片 1' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '保存客户卡' })).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
  });
});
