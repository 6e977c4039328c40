// @vitest-environment jsdom
/*
 * The Reports section over a real (fake-indexeddb) database: the period's entry, the kind
 * switcher, earlier reports of the kind (open, delete drafts) and read-only submitted reports.
 * Periods are computed from today, as the view does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { ReportsView } from '../../components/reports/ReportsView';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import { addDays, format, parseISO } from 'date-fns';
import { isoWeekOf, today } from '../../lib/kernel/dates';
import { formatMonth, formatWeek } from '../../lib/kernel/format';
import type { Locale } from '../../lib/kernel/i18n';
import { periodOf } from '../../lib/reports/periods';
import { FieldkitDatabase } from '../../lib/store/database';
import { saveRecord, type RecordDraft } from '../../lib/store/records';
import { writeSetting } from '../../lib/store/settings';
import { takeReviewAction } from '../../lib/reports/submit';
import { visitDraft } from '../fixtures/records';

const REP = { id: 'owner-101', name: '张伟' };
let db: FieldkitDatabase;

afterEach(async () => {
  cleanup();
  await db?.delete();
});

async function freshDb() {
  db = new FieldkitDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
  await writeSetting(db, 'profile', { ...REP, role: 'rep' });
  return db;
}

function renderView(locale: Locale) {
  return render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <ReportsView />
      </LocaleProvider>
    </DatabaseProvider>,
  );
}

const dayOffset = (day: string, days: number) => format(addDays(parseISO(day), days), 'yyyy-MM-dd');
const thisWeek = periodOf('weekly', today());
const lastWeek = periodOf('weekly', dayOffset(thisWeek.start, -7));
const twoWeeksAgo = periodOf('weekly', dayOffset(thisWeek.start, -14));

function weekly(periodStart: string, status: 'draft' | 'submitted', priority: string): RecordDraft<'diaryEntries'> {
  return {
    periodStart,
    isoWeek: isoWeekOf(periodStart),
    status,
    content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [{ priority, support: '' }], keyAccountVisits: [], gradeChanges: [] },
    annotations: [],
  };
}

/** A weekly report's title: the week in words, never "2026-W49". */
const weeklyTitle = (week: { label: string }, locale: Locale) => (locale === 'en' ? `Weekly report · ${formatWeek(week.label, 'en')}` : `周报 · ${formatWeek(week.label, 'zh-CN')}`);

const liveWeeklies = async () => (await db.diaryEntries.toArray()).filter((e) => !e.deletedAt && e.content.kind === 'weekly');

describe('ReportsView', () => {
  it('shows the selected kind as selected, and counts the period’s own visits', async () => {
    await freshDb();
    await saveRecord(db, 'visitCards', visitDraft({ visitDay: today(), isoWeek: isoWeekOf(today()) }), { author: REP });
    await saveRecord(db, 'visitCards', visitDraft({ visitDay: lastWeek.start, isoWeek: lastWeek.label }), { author: REP });
    await saveRecord(db, 'visitCards', visitDraft({ visitDay: today(), isoWeek: isoWeekOf(today()) }), { author: { id: 'someone-else', name: '李' } });
    renderView('en');
    expect((await screen.findByTestId('report-period')).textContent).toBe(`${formatWeek(thisWeek.label, 'en')} · 1 visit card this week, prefilled below`);
    expect(screen.getByRole('form', { name: weeklyTitle(thisWeek, 'en') })).toBeTruthy();
    const kinds = within(screen.getByRole('group', { name: 'Report type' }));
    const weeklyButton = kinds.getByRole('button', { name: 'Weekly' });
    expect(weeklyButton.getAttribute('aria-pressed')).toBe('true');
    expect(kinds.getAllByRole('button').filter((b) => b.getAttribute('aria-pressed') === 'true')).toEqual([weeklyButton]);
    await userEvent.click(kinds.getByRole('button', { name: 'Monthly' }));
    const month = periodOf('monthly', today());
    const monthVisits = lastWeek.start >= month.start ? 2 : 1;
    await waitFor(() => expect(screen.getByTestId('report-period').textContent).toBe(`${formatMonth(month.label, 'en')} · ${monthVisits} visit ${monthVisits === 1 ? 'card' : 'cards'} this month`));
    expect(kinds.getByRole('button', { name: 'Monthly' }).getAttribute('aria-pressed')).toBe('true');
    expect(weeklyButton.getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByRole('form', { name: `Monthly report · ${formatMonth(month.label, 'en')}` })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Earlier monthly reports' })).toBeTruthy();
  });

  it('lists earlier weekly reports under the editor and opens one in the editor; a submitted one stays editable, each change kept as a revision', async () => {
    await freshDb();
    await saveRecord(db, 'diaryEntries', weekly(lastWeek.start, 'submitted', '华联商贸签约 HX7 分销'), { author: REP });
    await saveRecord(db, 'diaryEntries', weekly(twoWeeksAgo.start, 'draft', '永盛批发回款 10 万'), { author: REP });
    renderView('en');

    // This week's editor continues last week's plan.
    expect(await screen.findByDisplayValue('华联商贸签约 HX7 分销')).toBeTruthy();
    const history = within(await screen.findByRole('region', { name: 'Earlier weekly reports' }));
    const rows = history.getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining(`${weeklyTitle(lastWeek, 'en')}Submitted`),
      expect.stringContaining(`${weeklyTitle(twoWeeksAgo, 'en')}Draft`),
    ]);
    // Only drafts can be deleted.
    expect(within(rows[0]!).queryByRole('button', { name: /^Delete/ })).toBeNull();
    expect(within(rows[1]!).getByRole('button', { name: `Delete ${weeklyTitle(twoWeeksAgo, 'en')}` })).toBeTruthy();

    await userEvent.click(history.getByRole('button', { name: `Open ${weeklyTitle(lastWeek, 'en')}` }));
    const editor = await screen.findByRole('form', { name: weeklyTitle(lastWeek, 'en') });
    expect(screen.getByTestId('report-period').textContent).toBe(`${formatWeek(lastWeek.label, 'en')} · 0 visit cards that week`);
    expect(within(editor).getByText('Submitted. You can still change it: every change is kept in the report’s history for your manager.')).toBeTruthy();
    expect(within(editor).queryByRole('button', { name: 'Submit weekly report' })).toBeNull();
    expect(history.getAllByRole('listitem')[0]!.getAttribute('aria-current')).toBe('true');
    await userEvent.type(within(editor).getByDisplayValue('华联商贸签约 HX7 分销'), '（已签）');
    await userEvent.click(within(editor).getByRole('button', { name: 'Save changes' }));
    await waitFor(async () => {
      const saved = (await liveWeeklies()).find((e) => e.periodStart === lastWeek.start);
      expect(saved?.revisions?.map((r) => [r.action, r.changes.map((c) => [c.path, c.before, c.after])])).toEqual([
        ['edited', [['content.nextWeekPlan.0.priority', '华联商贸签约 HX7 分销', '华联商贸签约 HX7 分销（已签）']]],
      ]);
    });
    expect(await within(editor).findByText('Changes saved. Your manager sees them in the report’s history.')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: "Back to this week's report" }));
    expect(await screen.findByRole('form', { name: weeklyTitle(thisWeek, 'en') })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Submit weekly report' })).toBeTruthy();
  });

  it('opens an earlier draft editable and saves it to that same entry', async () => {
    await freshDb();
    await saveRecord(db, 'diaryEntries', weekly(twoWeeksAgo.start, 'draft', '永盛批发回款 10 万'), { author: REP });
    renderView('zh-CN');
    await userEvent.click(await screen.findByRole('button', { name: `打开${weeklyTitle(twoWeeksAgo, 'zh-CN')}` }));
    const editor = await screen.findByRole('form', { name: weeklyTitle(twoWeeksAgo, 'zh-CN') });
    expect(screen.getByTestId('report-period').textContent).toBe(`${formatWeek(twoWeeksAgo.label, 'zh-CN')} · 当周 0 张客户卡`);
    await userEvent.type(within(editor).getByLabelText('重点工作 1'), '，月底前');
    await userEvent.click(within(editor).getByRole('button', { name: '保存草稿' }));
    await waitFor(async () => expect((await liveWeeklies()).map((e) => e.content.kind === 'weekly' && e.content.nextWeekPlan[0]?.priority)).toEqual(['永盛批发回款 10 万，月底前']));
    const [saved] = await liveWeeklies();
    expect(saved).toMatchObject({ periodStart: twoWeeksAgo.start, status: 'draft' });
  });

  it('deletes an earlier draft in two steps', async () => {
    await freshDb();
    await saveRecord(db, 'diaryEntries', weekly(twoWeeksAgo.start, 'draft', '永盛批发回款 10 万'), { author: REP });
    renderView('en');
    const history = within(await screen.findByRole('region', { name: 'Earlier weekly reports' }));
    await userEvent.click(await history.findByRole('button', { name: `Open ${weeklyTitle(twoWeeksAgo, 'en')}` }));
    await screen.findByRole('form', { name: weeklyTitle(twoWeeksAgo, 'en') });
    await userEvent.click(history.getByRole('button', { name: `Delete ${weeklyTitle(twoWeeksAgo, 'en')}` }));
    await userEvent.click(history.getByRole('button', { name: `Yes, delete ${weeklyTitle(twoWeeksAgo, 'en')}` }));
    expect(await history.findByText('None yet.')).toBeTruthy();
    expect(await liveWeeklies()).toEqual([]);
    expect((await db.diaryEntries.toArray())[0]?.deletedAt).toBeTruthy();
    // The deleted report was open: the editor is back at this week.
    expect(await screen.findByRole('form', { name: weeklyTitle(thisWeek, 'en') })).toBeTruthy();
  });

  it('shows this week’s report read-only once the manager has reviewed it (zh-CN)', async () => {
    await freshDb();
    const entry = await saveRecord(db, 'diaryEntries', weekly(thisWeek.start, 'submitted', '拜访 5 家终端'), { author: REP });
    await takeReviewAction(db, entry.id, { action: 'review' }, { id: 'owner-201', name: '王经理' });
    renderView('zh-CN');
    const editor = await screen.findByRole('article', { name: weeklyTitle(thisWeek, 'zh-CN') });
    expect(await within(editor).findByText('经理已批阅，这份报告不能再修改。')).toBeTruthy();
    expect(within(editor).getByText(/^王经理 已批阅 · /)).toBeTruthy();
    expect(within(editor).getByText('拜访 5 家终端')).toBeTruthy();
    expect(within(editor).queryByRole('textbox')).toBeNull();
    expect(within(editor).queryByRole('button', { name: '提交周报' })).toBeNull();
    expect(within(editor).queryByRole('button', { name: '保存草稿' })).toBeNull();
  });
});
