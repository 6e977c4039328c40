// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor as waitForDefault, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import { DueList } from '../../components/reports/DueList';
import type { FieldkitDatabase } from '../../lib/store/database';
import { saveRecord } from '../../lib/store/records';
import { writeSetting } from '../../lib/store/settings';
import type { Locale } from '../../lib/kernel/i18n';
import { freshDatabase, REP, visitDraft } from '../fixtures/records';

/** Live queries answer after a write; a loaded machine can take more than the default second. */
const waitFor = <T,>(check: () => T | Promise<T>) => waitForDefault(check, { timeout: 10_000 });

let db: FieldkitDatabase;
const sh = (local: string) => new Date(`${local}+08:00`);
const weeklyContent = { kind: 'weekly' as const, lastWeekSummary: [], nextWeekPlan: [], keyAccountVisits: [], gradeChanges: [] };

beforeEach(async () => {
  db = freshDatabase();
  await writeSetting(db, 'profile', { ...REP, role: 'rep', timeZone: 'Asia/Shanghai' });
  const context = { author: REP, now: sh('2026-12-01T09:00:00') };
  // Last month's report is in; last week's weekly is not (overdue); this week's is a draft.
  await saveRecord(db, 'diaryEntries', { periodStart: '2026-11-01', isoWeek: '2026-W44', month: '2026-11', status: 'submitted', content: { kind: 'monthly', results: [], problems: [], nextMonthPlan: [] }, annotations: [] }, context);
  await saveRecord(db, 'diaryEntries', { periodStart: '2026-11-30', isoWeek: '2026-W49', status: 'draft', content: weeklyContent, annotations: [] }, context);
  // Visits on Wednesday and no daily report for it.
  await saveRecord(db, 'visitCards', visitDraft({ visitDay: '2026-12-02', isoWeek: '2026-W49' }), context);
});

afterEach(() => {
  cleanup();
  db.close();
});

function renderList(locale: Locale, now: Date, onOpen = vi.fn()) {
  render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <DueList onOpen={onOpen} now={() => now} />
      </LocaleProvider>
    </DatabaseProvider>,
  );
  return onOpen;
}

/** Each row's text; non-breaking spaces (they keep "30 Nov" on one line) read as spaces. */
const rows = () => within(screen.getByRole('region')).getAllByRole('listitem').map((li) => li.textContent?.replace(/\u00a0/g, ' '));

describe('the due list', () => {
  it('lists what is due and overdue in Chinese, most urgent first, with when and a way to the form', async () => {
    const onOpen = renderList('zh-CN', sh('2026-12-04T16:30:00'));
    await screen.findByRole('heading', { name: '待交报告' });
    expect(screen.getByText('共 4 份，其中 2 份已过截止时间')).toBeTruthy();
    expect(rows()).toEqual([
      '周报 第48周（11月23日–11月29日）填写已逾期 7 天已于11月27日周五 18:00 截止',
      '日报 12月2日周三填写已逾期 2 天已于12月2日周三 23:59 截止',
      '周报 第49周（11月30日–12月6日）继续填写即将到期今天 18:00 截止',
      '日报 12月4日周五填写今天截止今天 23:59 截止',
    ]);
    await userEvent.click(screen.getByRole('button', { name: '继续填写：周报，第49周（11月30日–12月6日）' }));
    expect(onOpen).toHaveBeenCalledWith('weekly', '2026-11-30');
    await userEvent.click(screen.getByRole('button', { name: '填写：日报，12月2日周三' }));
    expect(onOpen).toHaveBeenLastCalledWith('daily', '2026-12-02');
  });

  it('says the same in English, with the grace and its reason', async () => {
    renderList('en', sh('2026-12-05T10:00:00'));
    await screen.findByRole('heading', { name: 'Reports due' });
    expect(rows()).toContain('Weekly report Week 49 (30 Nov – 6 Dec)ContinueNeeds a reasonWas due yesterday at 18:00; on time until Mon 7 Dec at 09:00 with a reason');
    expect(rows()).toContain('Weekly report Week 48 (23 Nov – 29 Nov)Write8 days overdueWas due Fri 27 Nov at 18:00');
    expect(screen.getByRole('button', { name: 'Continue: Weekly report, Week 49 (30\u00a0Nov – 6\u00a0Dec)' })).toBeTruthy();
    // No Chinese in English.
    expect(screen.getByRole('region').textContent).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('drops a report once it is submitted, and shows nothing when nothing is due', async () => {
    renderList('zh-CN', sh('2026-12-04T16:30:00'));
    await screen.findByRole('heading', { name: '待交报告' });
    await saveRecord(db, 'diaryEntries', { periodStart: '2026-11-23', isoWeek: '2026-W48', status: 'submitted', content: weeklyContent, annotations: [] }, { author: REP });
    await waitFor(() => expect(rows()).toHaveLength(3));
    await writeSetting(db, 'profile', { ...REP, role: 'admin', timeZone: 'Asia/Shanghai' });
    await waitFor(() => expect(screen.queryByRole('region')).toBeNull());
  });
});
