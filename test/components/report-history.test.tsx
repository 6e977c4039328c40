// @vitest-environment jsdom
/*
 * The history of earlier reports over a real (fake-indexeddb) database: listed by period with
 * where each review stands, searched by text (the match marked in an excerpt) and by a customer
 * the report names (a generated report's snapshot too), cleared, opened; in both languages.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReportHistory } from '../../components/reports/ReportHistory';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import { isoWeekOf } from '../../lib/kernel/dates';
import { formatWeek } from '../../lib/kernel/format';
import type { Locale } from '../../lib/kernel/i18n';
import type { DiaryEntry } from '../../lib/reports/diary-schema';
import type { ReportSnapshot } from '../../lib/reports/snapshot-schema';
import { takeReviewAction } from '../../lib/reports/submit';
import type { FieldkitDatabase } from '../../lib/store/database';
import { saveRecord, type RecordDraft } from '../../lib/store/records';
import { REP, freshDatabase } from '../fixtures/records';

const MANAGER = { id: 'owner-201', name: '王经理' };
const CURRENT = '2026-11-30';
const WEEKS = ['2026-11-23', '2026-11-16', '2026-11-09'] as const;

let db: FieldkitDatabase;
afterEach(async () => {
  cleanup();
  await db?.delete();
});

function snapshotCovering(dealerId: string): ReportSnapshot {
  return {
    asOf: '2026-11-13T10:00:00.000Z',
    timeZone: 'Asia/Shanghai',
    from: '2026-11-09',
    to: '2026-11-15',
    plan: [],
    work: [],
    dealers: [{ dealerId, visits: 2, days: ['2026-11-10', '2026-11-12'], orderQuantity: 30, unit: '箱', missingSkus: [], keyAccount: false }],
    keyAccounts: { required: 2, visited: 0, checks: [] },
    intel: [],
    kpis: [],
    deadlines: [],
    problems: [],
    grades: [],
  };
}

function weekly(periodStart: string, status: DiaryEntry['status'], content: Partial<Extract<DiaryEntry['content'], { kind: 'weekly' }>>, more: Partial<DiaryEntry> = {}): RecordDraft<'diaryEntries'> {
  return {
    periodStart,
    isoWeek: isoWeekOf(periodStart),
    status,
    content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [], keyAccountVisits: [], gradeChanges: [], ...content },
    annotations: [],
    ...more,
  };
}

/** Three earlier weekly reports: one names 华联 (a key-account visit), one is a draft, one was generated and covers 金马. */
async function seed() {
  db = freshDatabase();
  const hualian = await saveRecord(db, 'dealers', { name: '华联商贸', shared: false }, { author: REP });
  const jinma = await saveRecord(db, 'dealers', { name: '金马商行', shared: false }, { author: REP });
  const reviewed = await saveRecord(
    db,
    'diaryEntries',
    weekly(WEEKS[0], 'submitted', {
      lastWeekSummary: [{ item: '华联商贸签约年度协议', completion: 100, problem: '' }],
      keyAccountVisits: [{ dealerId: hualian.id, day: '2026-11-24', purpose: '核对库存并补货', outcome: '追加订单三十箱' }],
    }),
    { author: REP },
  );
  await takeReviewAction(db, reviewed.id, { action: 'review' }, MANAGER);
  await saveRecord(db, 'diaryEntries', weekly(WEEKS[1], 'draft', { nextWeekPlan: [{ priority: '永盛批发回款十万', support: '需要财务对账' }] }), { author: REP });
  await saveRecord(db, 'diaryEntries', weekly(WEEKS[2], 'submitted', { nextWeekPlan: [{ priority: '走访县城新网点', support: '' }] }, { snapshot: snapshotCovering(jinma.id) }), { author: REP });
  // Not listed: the current week (the editor shows it), another rep's report, another kind.
  await saveRecord(db, 'diaryEntries', weekly(CURRENT, 'draft', { nextWeekPlan: [{ priority: '本周回款', support: '' }] }), { author: REP });
  await saveRecord(db, 'diaryEntries', weekly(WEEKS[0], 'submitted', { nextWeekPlan: [{ priority: '回款', support: '' }] }), { author: { id: 'owner-999', name: '李' } });
  return { hualian, jinma };
}

function renderHistory(locale: Locale, onOpen = vi.fn()) {
  render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <ReportHistory kind="weekly" before={CURRENT} author={REP} opened={undefined} onOpen={onOpen} onDeleted={() => {}} />
      </LocaleProvider>
    </DatabaseProvider>,
  );
  return onOpen;
}

const title = (periodStart: string, locale: Locale) => `${locale === 'en' ? 'Weekly report' : '周报'} · ${formatWeek(isoWeekOf(periodStart), locale)}`;
const rowTitles = (region: HTMLElement) => within(region).queryAllByRole('listitem').map((li) => li.querySelector('[title]')!.textContent);
const marks = (region: HTMLElement) => [...region.querySelectorAll('mark')].map((m) => m.textContent);

describe('ReportHistory', () => {
  it('lists earlier reports by period, newest first, each with where its review stands; drafts can be deleted', async () => {
    await seed();
    renderHistory('en');
    const region = await screen.findByRole('region', { name: 'Earlier weekly reports' });
    await waitFor(() => expect(rowTitles(region)).toEqual(WEEKS.map((w) => title(w, 'en'))));
    const rows = within(region).getAllByRole('listitem');
    expect(within(rows[0]!).getByText('Reviewed')).toBeTruthy();
    expect(within(rows[1]!).getByText('Draft')).toBeTruthy();
    expect(within(rows[2]!).getByText('Submitted')).toBeTruthy();
    expect(within(rows[1]!).getByRole('button', { name: `Delete ${title(WEEKS[1], 'en')}` })).toBeTruthy();
    expect(within(rows[0]!).queryByRole('button', { name: /^Delete/ })).toBeNull();
    // Nothing searched yet: no excerpts, no count.
    expect(marks(region)).toEqual([]);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('finds reports by text with the match marked, says when none match, and clearing brings the list back', async () => {
    await seed();
    const onOpen = renderHistory('en');
    const region = await screen.findByRole('region', { name: 'Earlier weekly reports' });
    await waitFor(() => expect(rowTitles(region)).toHaveLength(3));
    const box = within(region).getByRole('searchbox', { name: 'Search reports' });

    await userEvent.type(box, '补货');
    await waitFor(() => expect(rowTitles(region)).toEqual([title(WEEKS[0], 'en')]));
    expect(marks(region)).toEqual(['补货']);
    expect(within(region).getByTestId('history-excerpt').textContent).toBe('核对库存并补货');
    expect(screen.getByRole('status').textContent).toBe('1 report matches');

    // A phrase from a line of another report (its plan's support).
    await userEvent.clear(box);
    await userEvent.type(box, '  财务  ');
    await waitFor(() => expect(rowTitles(region)).toEqual([title(WEEKS[1], 'en')]));
    expect(marks(region)).toEqual(['财务']);

    await userEvent.clear(box);
    await userEvent.type(box, '价格战');
    expect(await within(region).findByText('No report matches “价格战”.')).toBeTruthy();
    expect(within(region).queryAllByRole('listitem')).toEqual([]);

    await userEvent.click(within(region).getByRole('button', { name: 'Clear search' }));
    await waitFor(() => expect(rowTitles(region)).toEqual(WEEKS.map((w) => title(w, 'en'))));
    expect((box as HTMLInputElement).value).toBe('');
    expect(marks(region)).toEqual([]);
    expect(within(region).queryByRole('button', { name: 'Clear search' })).toBeNull();

    // Opening an earlier report hands its period to the editor above.
    await userEvent.click(within(region).getByRole('button', { name: `Open ${title(WEEKS[2], 'en')}` }));
    expect(onOpen).toHaveBeenCalledWith(WEEKS[2]);
  });

  it('filters by a customer the reports name, a generated report’s covered dealers included', async () => {
    await seed();
    renderHistory('en');
    const region = await screen.findByRole('region', { name: 'Earlier weekly reports' });
    const select = (await within(region).findByRole('combobox', { name: 'Customer' })) as HTMLSelectElement;
    await waitFor(() => expect([...select.options].map((o) => o.textContent)).toEqual(['All customers', '华联商贸', '金马商行']));

    await userEvent.selectOptions(select, '金马商行');
    await waitFor(() => expect(rowTitles(region)).toEqual([title(WEEKS[2], 'en')]));
    expect(screen.getByRole('status').textContent).toBe('1 report matches');

    await userEvent.selectOptions(select, '华联商贸');
    await waitFor(() => expect(rowTitles(region)).toEqual([title(WEEKS[0], 'en')]));

    // Customer and text together: the customer's report lacks the words.
    await userEvent.type(within(region).getByRole('searchbox', { name: 'Search reports' }), '县城');
    expect(await within(region).findByText('No report that names 华联商贸 matches “县城”.')).toBeTruthy();

    await userEvent.click(within(region).getByRole('button', { name: 'Clear search' }));
    await waitFor(() => expect(rowTitles(region)).toHaveLength(3));
    expect(select.value).toBe('');

    // Typing a customer's name finds the reports that name it, the name marked.
    await userEvent.type(within(region).getByRole('searchbox', { name: 'Search reports' }), '金马');
    await waitFor(() => expect(rowTitles(region)).toEqual([title(WEEKS[2], 'en')]));
    expect(within(region).getByTestId('history-excerpt').textContent).toBe('金马商行');
    expect(marks(region)).toEqual(['金马']);
  });

  it('reads entirely in Chinese in zh-CN, search included', async () => {
    await seed();
    const onOpen = renderHistory('zh-CN');
    const region = await screen.findByRole('region', { name: '以往周报' });
    await waitFor(() => expect(rowTitles(region)).toEqual(WEEKS.map((w) => title(w, 'zh-CN'))));
    expect(within(region).getByText('已批阅')).toBeTruthy();
    expect(within(region).getByText('草稿')).toBeTruthy();
    expect(within(region).getByText('已提交')).toBeTruthy();
    expect(await within(region).findByRole('combobox', { name: '客户' })).toBeTruthy();

    await userEvent.type(within(region).getByRole('searchbox', { name: '搜索报告' }), '签约');
    await waitFor(() => expect(rowTitles(region)).toEqual([title(WEEKS[0], 'zh-CN')]));
    expect(marks(region)).toEqual(['签约']);
    expect(screen.getByRole('status').textContent).toBe('1 份报告符合');
    const text = region.textContent!;
    expect(text).not.toMatch(/[A-Za-z]/);
    const labels = [...region.querySelectorAll('[aria-label],[title]')].map((el) => `${el.getAttribute('aria-label') ?? ''}${el.getAttribute('title') ?? ''}`);
    for (const label of labels) expect(label).not.toMatch(/[A-Za-z]/);

    await userEvent.click(within(region).getByRole('button', { name: `打开${title(WEEKS[0], 'zh-CN')}` }));
    expect(onOpen).toHaveBeenCalledWith(WEEKS[0]);

    await userEvent.clear(within(region).getByRole('searchbox', { name: '搜索报告' }));
    await userEvent.type(within(region).getByRole('searchbox', { name: '搜索报告' }), '价格战');
    expect(await within(region).findByText('没有报告包含“价格战”。')).toBeTruthy();
    expect(region.textContent).not.toMatch(/[A-Za-z]/);
  });

  it('shows a page at a time, searched or not; clearing the search goes back to the first page', async () => {
    db = freshDatabase();
    // 55 earlier daily reports, every fifth one about 回款.
    const days = Array.from({ length: 55 }, (_, i) => new Date(Date.UTC(2026, 9, 1 + i)).toISOString().slice(0, 10));
    await db.transaction('rw', [db.diaryEntries, db.outbox, db.audit], async () => {
      for (const [i, day] of days.entries()) {
        await saveRecord(db, 'diaryEntries', { periodStart: day, isoWeek: isoWeekOf(day), status: 'submitted', content: { kind: 'daily', todayWork: [i % 5 === 0 ? `第${i}天催回款` : `第${i}天陈列`], tomorrowPlan: [], problems: [] }, annotations: [] }, { author: REP });
      }
    });
    render(
      <DatabaseProvider db={db}>
        <LocaleProvider locale="en">
          <ReportHistory kind="daily" before="2026-12-01" author={REP} opened={undefined} onOpen={() => {}} onDeleted={() => {}} />
        </LocaleProvider>
      </DatabaseProvider>,
    );
    const region = await screen.findByRole('region', { name: 'Earlier daily reports' });
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(50));
    await userEvent.click(within(region).getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(55));
    expect(within(region).queryByRole('button', { name: 'Show more' })).toBeNull();

    await userEvent.type(within(region).getByRole('searchbox', { name: 'Search reports' }), '回款');
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(11));
    expect(screen.getByRole('status').textContent).toBe('11 reports match');
    expect(within(region).queryByRole('button', { name: 'Show more' })).toBeNull();
    // Newest first.
    expect(within(region).getAllByTestId('history-excerpt').slice(0, 2).map((e) => e.textContent)).toEqual(['第50天催回款', '第45天催回款']);

    await userEvent.click(within(region).getByRole('button', { name: 'Clear search' }));
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(50));
    expect(within(region).getByRole('button', { name: 'Show more' })).toBeTruthy();
  });

  it('says so when there are no earlier reports, and offers no search', async () => {
    db = freshDatabase();
    renderHistory('en');
    const region = await screen.findByRole('region', { name: 'Earlier weekly reports' });
    expect(within(region).getByText('None yet.')).toBeTruthy();
    expect(within(region).queryByRole('searchbox')).toBeNull();
  });
});
