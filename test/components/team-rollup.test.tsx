// @vitest-environment jsdom
/*
 * The manager's team roll-up over a real (fake-indexeddb) database, in both languages: a team of
 * 50 reps (test/fixtures/rollup.ts) two weeks back, every deadline passed. Missing and late open
 * first, the rest collapsed with their counts; a group opens and closes; sorting changes the order
 * within a group; a rep's row opens to the problems that need the manager; posting twice keeps one
 * report and one outbox entry; the Team tab switches between the inbox and the roll-up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor as waitForDefault, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { addDays, format, parseISO } from 'date-fns';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import { TeamRollup } from '../../components/reports/TeamRollup';
import { TeamView } from '../../components/reports/TeamView';
import { useTeamContext } from '../../components/team/use-team';
import type { CrmOwner } from '../../lib/crm/port';
import { today } from '../../lib/kernel/dates';
import type { Locale } from '../../lib/kernel/i18n';
import { periodOf } from '../../lib/reports/periods';
import type { FieldkitDatabase } from '../../lib/store/database';
import { writeSetting } from '../../lib/store/settings';
import { OWNERS_SETTING } from '../../lib/team/queries';
import { fiftyRepTeam } from '../fixtures/rollup';
import { freshDatabase } from '../fixtures/records';

const waitFor = <T,>(check: () => T | Promise<T>) => waitForDefault(check, { timeout: 10_000 });

const EAST = { id: 't-east', name: '华东区', primary: true };
const MANAGER = { id: '103', name: '王强' };
// Two weeks back: every deadline and grace of that week has passed, whatever today is.
const WEEK = periodOf('weekly', format(addDays(parseISO(periodOf('weekly', today()).start), -14), 'yyyy-MM-dd'));

let db: FieldkitDatabase;

async function managerDevice() {
  db = freshDatabase('team-rollup');
  const { members, entries } = fiftyRepTeam(WEEK);
  const owners: CrmOwner[] = [MANAGER, ...members].map((m) => ({ id: m.id, name: m.name, teams: [EAST], archived: false }));
  await db.settings.put({ key: OWNERS_SETTING, value: owners });
  await writeSetting(db, 'profile', { ...MANAGER, role: 'manager' });
  await db.diaryEntries.bulkPut(entries);
}

function Rollup() {
  const team = useTeamContext();
  return team ? <TeamRollup team={team} initial={{ kind: 'weekly', periodStart: WEEK.start }} actions={(doc) => <button type="button">{`export ${doc.fileName}`}</button>} /> : null;
}

function View() {
  const team = useTeamContext();
  return team ? <TeamView team={team} /> : null;
}

function renderIn(locale: Locale, ui: React.ReactNode) {
  return render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>{ui}</LocaleProvider>
    </DatabaseProvider>,
  );
}

const WORDS = {
  en: {
    missing: 'Missing (10)',
    late: 'Late (5)',
    onTime: 'On time (30)',
    summary: '40 of 50 submitted · 10 missing · 5 late',
    sortPlan: 'Plan',
    support: 'Asks for support on “新开终端 3 家”: 需要公司支持陈列物料',
    planProblem: '两家终端关门装修',
    post: 'Post to HubSpot',
    postAgain: 'Post again',
    posted: /^Posted “Team weekly roll-up · 华东区 · Week \d+, \d{4}” on .+\. Posting again updates the same HubSpot note/,
    rollupTab: 'Roll-up',
    inboxTab: 'Inbox',
  },
  'zh-CN': {
    missing: '未交（10）',
    late: '迟交（5）',
    onTime: '按时（30）',
    summary: '已提交 40 / 50 · 未交 10 · 迟交 5',
    sortPlan: '计划完成度',
    support: '“新开终端 3 家”需要支持：需要公司支持陈列物料',
    planProblem: '两家终端关门装修',
    post: '发布到 HubSpot',
    postAgain: '再次发布',
    posted: /^已于 .+发布“团队周汇总 · 华东区 · \d{4}年第\d+周”。再次发布会更新同一条 HubSpot 备注/,
    rollupTab: '团队汇总',
    inboxTab: '收件箱',
  },
} as const;

const groupOf = (status: string) => screen.getAllByTestId('rollup-group').find((g) => g.getAttribute('data-status') === status)!;
const namesIn = (group: HTMLElement) => within(group).queryAllByTestId('rollup-rep-name').map((n) => n.textContent);

afterEach(async () => {
  cleanup();
  await db?.delete();
});

describe.each(['en', 'zh-CN'] as const)('the team roll-up (%s)', (locale) => {
  const w = WORDS[locale];

  it('50 reps: missing and late first and open, the rest collapsed with counts; a group opens and closes', async () => {
    await managerDevice();
    const user = userEvent.setup();
    renderIn(locale, <Rollup />);
    await waitFor(() => expect(screen.getAllByTestId('rollup-group')).toHaveLength(4));
    expect(screen.getByTestId('rollup-summary').textContent).toContain(w.summary);
    expect(screen.getAllByTestId('rollup-group').map((g) => g.getAttribute('data-status'))).toEqual(['missing', 'late', 'onTimeWithReason', 'onTime']);
    // Only what needs the manager is listed at first: 10 missing and 5 late rows.
    expect(screen.getAllByTestId('rollup-rep')).toHaveLength(15);
    const onTime = within(groupOf('onTime')).getByRole('button', { name: w.onTime });
    expect(onTime.getAttribute('aria-expanded')).toBe('false');
    await user.click(onTime);
    expect(onTime.getAttribute('aria-expanded')).toBe('true');
    expect(namesIn(groupOf('onTime'))).toHaveLength(30);
    const missing = within(groupOf('missing')).getByRole('button', { name: w.missing });
    await user.click(missing);
    expect(namesIn(groupOf('missing'))).toHaveLength(0);
    expect(screen.getAllByTestId('rollup-rep')).toHaveLength(35);
    // The export slot gets the roll-up's document.
    expect(screen.getByRole('button', { name: `export team-rollup-${WEEK.label}` })).toBeTruthy();
  });

  it('sorting changes the order within a group; a rep’s row opens to the problems that need the manager', async () => {
    await managerDevice();
    const user = userEvent.setup();
    renderIn(locale, <Rollup />);
    await waitFor(() => expect(screen.getAllByTestId('rollup-group')).toHaveLength(4));
    // The late reps (1, 11, 21, 31, 41): by name (pinyin) 敏 娜 强 伟 洋; by plan completion 56.5, 64, 71, 85.5, 100.
    expect(namesIn(groupOf('late'))).toEqual(['李敏41', '李娜11', '李强21', '李伟1', '李洋31']);
    await user.click(screen.getByRole('button', { name: w.sortPlan }));
    expect(namesIn(groupOf('late'))).toEqual(['李伟1', '李敏41', '李娜11', '李强21', '李洋31']);

    const row = within(groupOf('late')).getAllByTestId('rollup-rep')[0]!;
    const toggle = within(row).getAllByRole('button')[0]!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    const details = within(row).getByTestId('rollup-rep-details');
    expect(details.textContent).toContain(w.support);
    expect(details.textContent).toContain(w.planProblem);
    await user.click(toggle);
    expect(within(row).queryByTestId('rollup-rep-details')).toBeNull();
  });

  it('posting twice keeps one report and one outbox entry, and says the note is updated', async () => {
    await managerDevice();
    const user = userEvent.setup();
    renderIn(locale, <Rollup />);
    await user.click(await screen.findByRole('button', { name: w.post }));
    await waitFor(() => expect(screen.getByTestId('rollup-posted').textContent).toMatch(w.posted));
    await user.click(await screen.findByRole('button', { name: w.postAgain }));
    await waitFor(async () => expect((await db.reports.toArray()).map((r) => r.kind)).toEqual(['teamRollup']));
    const outbox = await db.outbox.where('table').equals('reports').toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.status).toBe('pending');
  });

  it('the Team tab switches between the inbox and the roll-up', async () => {
    await managerDevice();
    const user = userEvent.setup();
    renderIn(locale, <View />);
    await screen.findByTestId('team-inbox');
    expect(screen.queryByTestId('team-rollup')).toBeNull();
    await user.click(screen.getByRole('button', { name: w.rollupTab }));
    await screen.findByTestId('team-rollup');
    expect(screen.queryByTestId('team-inbox')).toBeNull();
    await user.click(screen.getByRole('button', { name: w.inboxTab }));
    await screen.findByTestId('team-inbox');
  });
});

it('in zh-CN, no English but the rep’s own words, product names and SKUs', async () => {
  await managerDevice();
  const user = userEvent.setup();
  renderIn('zh-CN', <Rollup />);
  await waitFor(() => expect(screen.getAllByTestId('rollup-group')).toHaveLength(4));
  for (const group of screen.getAllByTestId('rollup-group')) {
    const toggle = within(group).getAllByRole('button')[0]!;
    if (toggle.getAttribute('aria-expanded') === 'false') await user.click(toggle);
  }
  // Rows of submitted reports open; a missing one has nothing to open.
  const rows = screen.getAllByTestId('rollup-rep');
  expect(within(rows[0]!).queryByRole('button')).toBeNull();
  for (const row of rows) {
    const toggle = within(row).queryAllByRole('button')[0];
    if (toggle) await user.click(toggle);
  }
  expect(screen.getAllByTestId('rollup-rep-details')).toHaveLength(40);
  const text = screen.getByTestId('team-rollup').textContent!;
  const stripped = text.replace(/export team-rollup-\d{4}-W\d{2}|HubSpot|KPI|SHELL|HX\d(-4L)?/g, '');
  expect(stripped).not.toMatch(/[A-Za-z]{2,}/);
  // Aria labels and titles too.
  for (const el of screen.getByTestId('team-rollup').querySelectorAll('[aria-label],[title]')) {
    expect(`${el.getAttribute('aria-label') ?? ''}${el.getAttribute('title') ?? ''}`).not.toMatch(/[A-Za-z]{2,}/);
  }
});
