// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { addDays } from 'date-fns';
import { FieldkitDatabase } from '../../lib/store/database';
import { saveRecord } from '../../lib/store/records';
import { writeSetting } from '../../lib/store/settings';
import { addLocalDealer } from '../../lib/dealers/local';
import { isoWeekOf, today } from '../../lib/kernel/dates';
import { formatDay } from '../../lib/kernel/format';
import type { Locale } from '../../lib/kernel/i18n';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import { PopupApp, type PopupActions } from '../../components/pages/popup/PopupApp';
import { intelDraft, REP, visitDraft } from '../fixtures/records';

const OTHER = { id: 'owner-202', name: '李娜' };
/** A day `n` days from today (negative: in the past). */
const day = (n: number) => today(addDays(new Date(), n));
/** That day as the popup writes it: in the UI language, without this year's year. */
const shown = (n: number, locale: Locale) => formatDay(day(n), locale, day(n).slice(0, 4) === day(1).slice(0, 4) ? 'short' : 'date');

let db: FieldkitDatabase;
beforeEach(() => {
  db = new FieldkitDatabase({ name: 'fieldkit-popup', indexedDB: new IDBFactory(), IDBKeyRange });
});
afterEach(() => {
  cleanup();
  db.close();
});

function renderPopup(locale: Locale, actions: PopupActions) {
  return render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <PopupApp actions={actions} />
      </LocaleProvider>
    </DatabaseProvider>,
  );
}

const fakeActions = () => ({ openSidePanel: vi.fn<PopupActions['openSidePanel']>(), captureIntel: vi.fn<PopupActions['captureIntel']>().mockResolvedValue() });

async function daily(n: number, author = REP) {
  const periodStart = day(n);
  return saveRecord(
    db,
    'diaryEntries',
    { periodStart, isoWeek: isoWeekOf(periodStart), status: 'draft', content: { kind: 'daily', todayWork: ['拜访'], tomorrowPlan: [], problems: [] }, annotations: [] },
    { author },
  );
}

/** The rep's visits, anyone's intel and the rep's daily reports, over the last days. */
async function seed() {
  await writeSetting(db, 'profile', { ...REP, role: 'rep' });
  const dealer = await addLocalDealer(db, { name: '华东润滑油经销有限公司' }, { author: REP });
  const visit = (n: number, author = REP) => saveRecord(db, 'visitCards', visitDraft({ dealerId: dealer.id, visitDay: day(n), isoWeek: isoWeekOf(day(n)) }), { author });
  await visit(0);
  await daily(0); // same day as the visit, saved later: listed first
  await saveRecord(db, 'intelItems', intelDraft({ competitorName: 'Shell', sku: 'HX7-4L', observedDay: day(-1) }), { author: OTHER });
  await saveRecord(db, 'intelItems', intelDraft({ competitorName: '美孚', product: '美孚1号', sku: '', observedDay: day(-2) }), { author: REP });
  await visit(-3);
  await daily(-4);
  await visit(-10); // the seventh: not listed
  await visit(1, OTHER); // another rep's: not listed
  await daily(1); // starts tomorrow: not listed
  await daily(-5, OTHER);
  await saveRecord(
    db,
    'diaryEntries',
    { periodStart: day(-1), isoWeek: isoWeekOf(day(-1)), status: 'draft', content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [], keyAccountVisits: [], gradeChanges: [] }, annotations: [] },
    { author: REP },
  ); // not a daily: not listed
}

const rows = () => within(screen.getByTestId('recent-records')).queryAllByRole('button');

describe('PopupApp recent records', () => {
  it('says so when nothing is recorded (en and zh-CN)', async () => {
    const { unmount } = renderPopup('en', fakeActions());
    expect(await screen.findByText('Nothing recorded yet. Log a visit or capture intel to get started.')).toBeTruthy();
    expect(rows()).toHaveLength(0);
    unmount();
    renderPopup('zh-CN', fakeActions());
    expect(await screen.findByText('还没有记录。先记录一次拜访或采集一条竞品信息吧。')).toBeTruthy();
  });

  it('merges the latest visits, intel and daily reports by day, newest first, and opens each at its section (en)', async () => {
    await seed();
    const actions = fakeActions();
    const user = userEvent.setup();
    renderPopup('en', actions);
    await waitFor(() => expect(rows()).toHaveLength(6), { timeout: 5000 });
    // What the record is, then its kind and day in words (a daily report is its kind and day).
    expect(rows().map((row) => row.textContent)).toEqual([
      `Daily report ${shown(0, 'en')}`,
      `华东润滑油经销有限公司 Visit · ${shown(0, 'en')}`,
      `Shell · HX7-4L Intel · ${shown(-1, 'en')}`,
      `美孚 · 美孚1号 Intel · ${shown(-2, 'en')}`,
      `华东润滑油经销有限公司 Visit · ${shown(-3, 'en')}`,
      `Daily report ${shown(-4, 'en')}`,
    ]);
    expect(rows()[0]!.textContent).not.toContain(day(0));
    expect(screen.queryByText('Nothing recorded yet.', { exact: false })).toBeNull();

    await user.click(rows()[0]!);
    await user.click(rows()[1]!);
    await user.click(rows()[2]!);
    expect(actions.openSidePanel.mock.calls).toEqual([['reports'], ['today'], ['intel']]);
    expect(rows()[2]!.getAttribute('title')).toBe('Open in the side panel');
  });

  it('is translated, and follows new records live (zh-CN)', async () => {
    await seed();
    const actions = fakeActions();
    const user = userEvent.setup();
    renderPopup('zh-CN', actions);
    await waitFor(() => expect(rows()).toHaveLength(6), { timeout: 5000 });
    expect(rows().map((row) => row.textContent)).toEqual([
      `日报 ${shown(0, 'zh-CN')}`,
      `华东润滑油经销有限公司 拜访 · ${shown(0, 'zh-CN')}`,
      `Shell · HX7-4L 竞品 · ${shown(-1, 'zh-CN')}`,
      `美孚 · 美孚1号 竞品 · ${shown(-2, 'zh-CN')}`,
      `华东润滑油经销有限公司 拜访 · ${shown(-3, 'zh-CN')}`,
      `日报 ${shown(-4, 'zh-CN')}`,
    ]);
    expect(screen.getByRole('heading', { name: '最近记录' })).toBeTruthy();

    await saveRecord(db, 'intelItems', intelDraft({ competitorName: '嘉实多', sku: '', observedDay: day(0) }), { author: OTHER });
    await waitFor(() => expect(rows()[0]!.textContent).toBe(`嘉实多 竞品 · ${shown(0, 'zh-CN')}`));
    expect(rows()).toHaveLength(6);
    expect(rows()[0]!.getAttribute('title')).toBe('在侧边栏中打开');
    await user.click(rows()[0]!);
    expect(actions.openSidePanel).toHaveBeenCalledWith('intel');
  });
});

describe('PopupApp quick actions', () => {
  it('offers the four actions at one size, and says in one sentence when a page cannot be captured (zh-CN)', async () => {
    const actions = fakeActions();
    actions.captureIntel.mockRejectedValue(new Error('Cannot access contents of url "chrome://extensions/"'));
    const user = userEvent.setup();
    renderPopup('zh-CN', actions);
    const quick = screen.getByRole('region', { name: '快捷操作' });
    const buttons = within(quick).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['记录拜访', '记录本页竞品信息', '一键生成周报', '打开侧边栏']);
    expect(new Set(buttons.map((b) => b.className.match(/\bh-\d+\b/)?.[0]))).toEqual(new Set(['h-9']));

    await user.click(within(quick).getByRole('button', { name: '记录本页竞品信息' }));
    expect((await screen.findByRole('alert')).textContent).toBe('这个页面无法记录竞品信息，请打开商城或资讯网页后再试。');
    expect(screen.queryByText(/chrome:/)).toBeNull();
    await user.click(within(quick).getByRole('button', { name: '一键生成周报' }));
    expect(actions.openSidePanel).toHaveBeenCalledWith('reports/build/weekly');
    await user.click(within(quick).getByRole('button', { name: '打开侧边栏' }));
    expect(actions.openSidePanel).toHaveBeenLastCalledWith();
  });

  it('offers the side panel when the page refuses the quick form, and opens the capture there (en and zh-CN)', async () => {
    for (const [locale, capture, instead, says] of [
      ['en', 'Capture intel on this page', 'Log intel in the side panel', 'This page does not let Fieldkit in. Log the intel in the side panel instead: the page’s address comes along.'],
      ['zh-CN', '记录本页竞品信息', '在侧边栏中记录竞品信息', '这个页面不允许 Fieldkit 打开表单，可以改在侧边栏中记录，网页地址会一并带上。'],
    ] as const) {
      const actions = { ...fakeActions(), captureInSidePanel: vi.fn() };
      actions.captureIntel.mockRejectedValue(new Error('Cannot access contents of the page'));
      const user = userEvent.setup();
      const view = renderPopup(locale, actions);
      await user.click(screen.getByRole('button', { name: capture }));
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toContain(says);
      await user.click(within(alert).getByRole('button', { name: instead }));
      expect(actions.captureInSidePanel).toHaveBeenCalledTimes(1);
      view.unmount();
    }
  });
});
