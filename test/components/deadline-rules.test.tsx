// @vitest-environment jsdom
/*
 * Options › Deadlines over a real (fake-indexeddb) database, in both languages: every subject's
 * rule in words, read-only with a hint for non-admins, editable for admins (saved to the
 * `deadlineRules` setting, refused with a message naming the field while the previous rule
 * stays), restoring a default, and a stored override that is not valid. Also the plain
 * functions other UIs use to say a deadline: describeDeadline and formatDueAt.
 */
import { readDeadlineOverrides } from '../../lib/reports/deadline-store';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DeadlineRulesSection } from '../../components/reports/DeadlineRulesSection';
import { describeDeadline, formatDueAt, subjectName } from '../../components/reports/deadline-messages';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import type { Locale } from '../../lib/kernel/i18n';
import { FieldkitDatabase } from '../../lib/store/database';
import { writeSetting } from '../../lib/store/settings';
import { DEADLINE_SUBJECTS, DEFAULT_DEADLINE_RULES as R } from '../../lib/reports/deadline-rules';
import { deadlineOf } from '../../lib/reports/deadlines';

let db: FieldkitDatabase;
afterEach(async () => {
  cleanup();
  await db?.delete();
});

async function show(locale: Locale, canEdit: boolean, overrides?: Record<string, unknown>) {
  db = new FieldkitDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
  if (overrides) await writeSetting(db, 'deadlineRules', overrides);
  render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <DeadlineRulesSection canEdit={canEdit} />
      </LocaleProvider>
    </DatabaseProvider>,
  );
  await screen.findByRole('list');
}

/** The list row of a subject, by its name. */
const row = (name: string) => screen.getAllByRole('listitem').find((li) => li.textContent?.startsWith(name))!;

describe('read-only (not an admin)', () => {
  it('zh-CN: every subject in words, a hint why, no way to edit', async () => {
    await show('zh-CN', false);
    expect(screen.getAllByRole('listitem')).toHaveLength(DEADLINE_SUBJECTS.length);
    expect(row('周报').textContent).toContain('每周五 18:00；周一 09:00 前须说明原因');
    expect(row('经销商终端日报').textContent).toContain('当天 16:00');
    expect(row('返利表').textContent).toContain('每月 25 日前');
    expect(row('月报（区域经理）').textContent).toContain('每月 30 日结束前（小月为当月最后一天）');
    expect(row('考核表（交人事）').textContent).toContain('次月 8 日前');
    expect(row('考核后反馈面谈').textContent).toContain('5 天内');
    expect(screen.getByText('只有管理员可以修改截止时间；如需调整，请联系管理员。')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
    expect(document.body.textContent).not.toMatch(/[A-Za-z]{3,}/); // no English in zh-CN
  });

  it('en: every subject in words, a hint why, no way to edit', async () => {
    await show('en', false);
    expect(row('Weekly report').textContent).toContain('Fridays 18:00; until Monday 09:00 with a reason');
    expect(row('Dealer terminal daily report').textContent).toContain('Same day, 16:00');
    expect(row('Rebate tables').textContent).toContain('Before the 25th of the month');
    expect(row('Monthly report (rep)').textContent).toContain('By the end of the last day of the month');
    expect(row('Assessment forms to HR').textContent).toContain('Before the 8th of the next month');
    expect(screen.getByText('Only an admin can change deadlines; ask yours if one should change.')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
    expect(document.body.textContent).not.toMatch(/[\u4e00-\u9fff]/); // no Chinese in en
  });

  it('shows an admin’s change, marked, with the default beside it', async () => {
    await show('zh-CN', false, { terminalDaily: { type: 'sameDay', time: '17:30' } });
    const terminal = row('经销商终端日报');
    expect(terminal.textContent).toContain('当天 17:30');
    expect(within(terminal).getByText('已调整')).toBeTruthy();
    expect(within(terminal).getByText('默认：当天 16:00')).toBeTruthy();
    expect(within(row('日报')).queryByText('已调整')).toBeNull();
  });
});

describe('an admin edits', () => {
  it('zh-CN: changes the terminal daily report to 17:30, then restores the default', async () => {
    const user = userEvent.setup();
    await show('zh-CN', true);
    await user.click(screen.getByRole('button', { name: '修改：经销商终端日报' }));
    const form = screen.getByRole('form', { name: '修改经销商终端日报的截止时间' });
    const time = within(form).getByLabelText('时间');
    await user.clear(time);
    await user.type(time, '17:30');
    expect(within(form).getByText('即：当天 17:30')).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: '保存' }));
    await screen.findByText('已保存：经销商终端日报改为“当天 17:30”。');
    expect(await readDeadlineOverrides(db)).toEqual({ terminalDaily: { type: 'sameDay', time: '17:30' } });
    await waitFor(() => expect(row('经销商终端日报').textContent).toContain('当天 17:30'));
    expect(screen.queryByRole('form')).toBeNull();

    await user.click(screen.getByRole('button', { name: '恢复默认：经销商终端日报' }));
    await screen.findByText('经销商终端日报已恢复默认截止时间。');
    expect(await readDeadlineOverrides(db)).toEqual({});
    await waitFor(() => expect(row('经销商终端日报').textContent).toContain('当天 16:00'));
    expect(screen.queryByRole('button', { name: '恢复默认：经销商终端日报' })).toBeNull();
  });

  it('zh-CN: refuses a time that is not a time, naming the field; the previous rule stays', async () => {
    const user = userEvent.setup();
    await show('zh-CN', true);
    await user.click(screen.getByRole('button', { name: '修改：周报' }));
    const form = screen.getByRole('form');
    const graceTime = within(form).getByLabelText('说明原因的截止（时间）');
    await user.clear(graceTime);
    await user.type(graceTime, '9点');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts).toContain('说明原因的截止（时间）：请填写 24 小时制时间，如 18:00 或 23:59:59');
    expect(alerts).toContain('未保存：请改正标红的字段，原来的截止时间仍然有效。');
    expect(await readDeadlineOverrides(db)).toEqual({});
    await user.click(within(form).getByRole('button', { name: '取消' }));
    expect(row('周报').textContent).toContain('每周五 18:00；周一 09:00 前须说明原因');
  });

  it('en: refuses 24:00 and a negative number of days, naming each field', async () => {
    const user = userEvent.setup();
    await show('en', true);
    await user.click(screen.getByRole('button', { name: 'Edit: Feedback interview after an assessment' }));
    const form = screen.getByRole('form', { name: 'Change the deadline of Feedback interview after an assessment' });
    await user.clear(within(form).getByLabelText('Number of days'));
    await user.type(within(form).getByLabelText('Number of days'), '-2');
    await user.clear(within(form).getByLabelText('Time'));
    await user.type(within(form).getByLabelText('Time'), '24:00');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts).toEqual([
      'Number of days: enter a whole number from 0 to 366',
      'Time: write a 24-hour time such as 18:00 or 23:59:59',
      'Not saved: fix the field marked in red; the previous deadline stays in force.',
    ]);
    expect(await readDeadlineOverrides(db)).toEqual({});
    // Fixing the fields saves.
    await user.clear(within(form).getByLabelText('Number of days'));
    await user.type(within(form).getByLabelText('Number of days'), '7');
    await user.clear(within(form).getByLabelText('Time'));
    await user.type(within(form).getByLabelText('Time'), '9:00');
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved: Feedback interview after an assessment is now due “7 days later, by 09:00”.');
    expect(await readDeadlineOverrides(db)).toEqual({ feedbackInterview: { type: 'withinDays', days: 7, time: '09:00' } });
  });

  it('en: the weekly report without its grace, then moved to Thursday; a grace not after the due time is refused', async () => {
    const user = userEvent.setup();
    await show('en', true);
    await user.click(screen.getByRole('button', { name: 'Edit: Weekly report' }));
    let form = screen.getByRole('form');
    await user.selectOptions(within(form).getByLabelText('With a reason until (weekday)'), 'Friday');
    await user.clear(within(form).getByLabelText('With a reason until (time)'));
    await user.type(within(form).getByLabelText('With a reason until (time)'), '17:00');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain('With a reason until (time): choose a time after the due time');
    await user.click(within(form).getByLabelText('Accept a later submission with a reason'));
    await user.selectOptions(within(form).getByLabelText('Weekday'), 'Thursday');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved: Weekly report is now due “Thursdays 18:00”.');
    expect(await readDeadlineOverrides(db)).toEqual({ weekly: { type: 'weekday', weekday: 4, time: '18:00' } });

    // Saving the default again removes the override instead of storing a copy.
    await user.click(screen.getByRole('button', { name: 'Edit: Weekly report' }));
    form = screen.getByRole('form');
    await user.selectOptions(within(form).getByLabelText('Weekday'), 'Friday');
    await user.click(within(form).getByLabelText('Accept a later submission with a reason'));
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved: Weekly report is now due “Fridays 18:00; until Monday 09:00 with a reason”.');
    expect(await readDeadlineOverrides(db)).toEqual({});
  });

  it('zh-CN: the 30th rule moved to the next month’s 5th', async () => {
    const user = userEvent.setup();
    await show('zh-CN', true);
    await user.click(screen.getByRole('button', { name: '修改：月报（区域经理）' }));
    const form = screen.getByRole('form');
    await user.selectOptions(within(form).getByLabelText('日期'), '5');
    await user.selectOptions(within(form).getByLabelText('月份'), '次月');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    await screen.findByText('已保存：月报（区域经理）改为“次月 6 日前”。');
    expect(await readDeadlineOverrides(db)).toEqual({ monthlyManager: { type: 'monthDay', day: 5, time: '23:59:59', month: 'next' } });
  });
});

describe('a stored override that is not valid', () => {
  it('says so in the UI language, keeps the default in force, and can be restored', async () => {
    const user = userEvent.setup();
    await show('zh-CN', true, { daily: { type: 'sameDay', time: '25:00' }, notASubject: { type: 'sameDay', time: '18:00' } });
    expect(screen.getByText('已保存的日报截止时间无效，目前按默认执行；请修改或恢复默认。')).toBeTruthy();
    expect(row('日报').textContent).toContain('当天结束前');
    expect(within(row('日报')).getByText('无效')).toBeTruthy();
    expect(within(row('日报')).queryByText('已调整')).toBeNull();
    await user.click(screen.getByRole('button', { name: '恢复默认：日报' }));
    await screen.findByText('日报已恢复默认截止时间。');
    await waitFor(() => expect(screen.queryByText('已保存的日报截止时间无效，目前按默认执行；请修改或恢复默认。')).toBeNull());
    expect(await readDeadlineOverrides(db)).toEqual({ notASubject: { type: 'sameDay', time: '18:00' } });
  });
  it('en, not an admin: says the default applies until an admin corrects it', async () => {
    await show('en', false, { daily: { type: 'sameDay', time: '25:00' } });
    expect(screen.getByText('The saved deadline of Daily report is not valid, so the default applies until an admin corrects it.')).toBeTruthy();
    expect(within(row('Daily report')).getByText('Not valid')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('saying a deadline (for other UIs)', () => {
  it('describeDeadline in both languages', () => {
    expect(describeDeadline(R.weekly, 'zh-CN')).toBe('每周五 18:00；周一 09:00 前须说明原因');
    expect(describeDeadline(R.weekly, 'en')).toBe('Fridays 18:00; until Monday 09:00 with a reason');
    expect(describeDeadline(R.daily, 'zh-CN')).toBe('当天结束前');
    expect(describeDeadline(R.monthlyManager, 'en')).toBe('By the end of the 30th of the month (the last day in shorter months)');
    expect(describeDeadline({ type: 'monthDay', day: 1, time: '09:00', month: 'same' }, 'en')).toBe('The 1st of the month, 09:00');
    expect(describeDeadline({ type: 'monthDay', day: 22, time: '23:59:59', month: 'same' }, 'en')).toBe('Before the 23rd of the month');
    expect(describeDeadline({ type: 'withinDays', days: 1, time: '23:59:59' }, 'en')).toBe('Within 1 day');
    expect(describeDeadline({ type: 'sameDay', time: '16:30:15' }, 'zh-CN')).toBe('当天 16:30:15');
    for (const s of DEADLINE_SUBJECTS) {
      expect(describeDeadline(R[s], 'zh-CN')).not.toMatch(/[A-Za-z]/);
      expect(describeDeadline(R[s], 'en')).not.toMatch(/[\u4e00-\u9fff]/);
      expect(subjectName(s, 'en')).not.toBe(s);
    }
  });

  it('formatDueAt says the author’s wall clock', () => {
    const due = deadlineOf(R.weekly, { start: '2026-11-23', end: '2026-11-29' }, 'Asia/Shanghai').dueAt;
    expect(formatDueAt(due, 'Asia/Shanghai', 'zh-CN')).toBe('11月27日（周五）18:00');
    expect(formatDueAt(due, 'Asia/Shanghai', 'en')).toBe('Fri 27 Nov, 18:00');
    expect(formatDueAt(due, 'Europe/Berlin', 'en')).toBe('Fri 27 Nov, 11:00');
    expect(formatDueAt('2026-11-27T18:30:00Z', 'America/Los_Angeles', 'zh-CN')).toBe('11月27日（周五）10:30');
  });
});
