// @vitest-environment jsdom
/*
 * The manager's team inbox over a real (fake-indexeddb) database, in both languages: the team
 * comes from the profile, the CRM owners sync keeps (`sync.owners`) and the role assignments, as
 * the side panel reads it. Last week's reports, unread first; who has not submitted; opening a
 * report leaves a read receipt; a line note and a return are the manager's own review events.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor as waitForDefault, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { addDays, format, parseISO } from 'date-fns';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import { TeamInbox } from '../../components/reports/TeamInbox';
import { useTeamContext } from '../../components/team/use-team';
import type { CrmOwner } from '../../lib/crm/port';
import { isoWeekOf, today } from '../../lib/kernel/dates';
import type { Locale } from '../../lib/kernel/i18n';
import type { DiaryEntry } from '../../lib/reports/diary-schema';
import { periodOf } from '../../lib/reports/periods';
import { markRead } from '../../lib/reports/submit';
import { copyBuiltIn, saveTemplateVersion } from '../../lib/reports/template-store';
import type { FieldkitDatabase } from '../../lib/store/database';
import { saveRecord } from '../../lib/store/records';
import { writeSetting } from '../../lib/store/settings';
import { OWNERS_SETTING } from '../../lib/team/queries';
import { freshDatabase } from '../fixtures/records';

/** Live queries answer after a write; a loaded machine can take more than the default second. */
const waitFor = <T,>(check: () => T | Promise<T>) => waitForDefault(check, { timeout: 10_000 });

const EAST = { id: 't-east', name: '华东区', primary: true };
const SOUTH = { id: 't-south', name: '华南区', primary: true };
const owner = (id: string, name: string, team = EAST): CrmOwner => ({ id, name, teams: [team], archived: false });
const MANAGER = { id: '103', name: '王强' };
const ZHANG = { id: '101', name: '张伟' };
const LI = { id: '102', name: '李娜' };
const LIU = { id: '104', name: '刘洋' };
const ZHAO = { id: '106', name: '赵磊' };
const ZHOU = { id: '107', name: '周敏' };
const SUN = { id: '108', name: '孙浩' };
const OWNERS = [owner(ZHANG.id, ZHANG.name), owner(LI.id, LI.name), owner(MANAGER.id, MANAGER.name), owner(LIU.id, LIU.name), owner(ZHAO.id, ZHAO.name), owner(ZHOU.id, ZHOU.name), owner(SUN.id, SUN.name, SOUTH)];

const lastWeek = periodOf('weekly', format(addDays(parseISO(periodOf('weekly', today()).start), -7), 'yyyy-MM-dd'));
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

let db: FieldkitDatabase;
const entries: Record<string, DiaryEntry> = {};

async function weekly(author: { id: string; name: string }, submittedHoursAgo: number | undefined, priority: string, late = false): Promise<DiaryEntry> {
  const at = hoursAgo(submittedHoursAgo ?? 30);
  const submitted = submittedHoursAgo !== undefined;
  return (await saveRecord(
    db,
    'diaryEntries',
    {
      periodStart: lastWeek.start,
      isoWeek: isoWeekOf(lastWeek.start),
      status: submitted ? 'submitted' : 'draft',
      ...(submitted
        ? {
            submittedAt: at.toISOString(),
            revisions: [{ at: at.toISOString(), by: author, action: 'submitted' as const, changes: [] }],
            deadline: { outcome: late ? ('late' as const) : ('onTime' as const), dueAt: hoursAgo(late ? 80 : 10).toISOString(), timeZone: 'Asia/Shanghai', submittedAt: at.toISOString() },
          }
        : {}),
      content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [{ priority, support: '' }], keyAccountVisits: [], gradeChanges: [] },
      annotations: [],
    },
    { author, now: at },
  )) as DiaryEntry;
}

/**
 * A regional manager's device: the CRM's owners (the manager's team 华东区 and 孙浩 on another
 * team), 赵磊 assigned as a manager too, and last week's reports: 张伟's already read, 李娜's
 * (late) and 刘洋's not yet, 周敏's still a draft; 孙浩's is another team's.
 */
async function managerDevice(role: 'manager' | 'rep' = 'manager') {
  db = freshDatabase();
  await db.settings.put({ key: OWNERS_SETTING, value: OWNERS });
  await writeSetting(db, 'profile', { ...MANAGER, role });
  await saveRecord(db, 'roleAssignments', { ownerId: ZHAO.id, ownerName: ZHAO.name, role: 'manager', managesTeamIds: [] }, { author: MANAGER });
  entries.zhang = await weekly(ZHANG, 20, '拜访苏南汽配城');
  entries.li = await weekly(LI, 2, '拜访 5 家终端，铺货 HX7', true);
  entries.liu = await weekly(LIU, 40, '新开终端 3 家');
  entries.zhou = await weekly(ZHOU, undefined, '草稿');
  entries.sun = await weekly(SUN, 5, '华南区的周报');
  await markRead(db, entries.zhang.id, MANAGER, hoursAgo(10));
}

/** The Team tab as the side panel shows it: the team context from the database, live. */
function Inbox() {
  const team = useTeamContext();
  return team ? <TeamInbox team={team} /> : null;
}

function renderInbox(locale: Locale) {
  return render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <Inbox />
      </LocaleProvider>
    </DatabaseProvider>,
  );
}

const WORDS = {
  en: {
    earlier: 'Earlier',
    counts: '3 of 4 submitted · 2 unread',
    countsAfter: '3 of 4 submitted · 1 unread',
    notSubmitted: 'Not submitted (1)',
    unread: 'Unread',
    late: 'Late',
    submitted: 'Submitted',
    returned: 'Returned for revision',
    noteOn: "Add a note on Next week's plan #1",
    noteBox: "Your note on Next week's plan #1",
    addNote: 'Add note',
    returnIt: 'Return for revision',
    reason: 'What should be changed (the rep reads this)',
    confirmReturn: 'Return to 李娜',
    reasonRequired: 'Say what should be changed before returning the report.',
    back: 'Back to the inbox',
    historyTitle: /^History of this report/,
    changes: ['Customer of visit 1: 华东润滑油 → 苏南汽配城', 'Support needed for priority 1: added “样品 6 桶”', 'End-cap display: added “美孚占 2 层”', 'Added field: added “旧字段”'],
    forManagers: 'The team inbox is for managers. Your role is set in Options › Team and roles.',
  },
  'zh-CN': {
    earlier: '更早',
    counts: '已提交 3/4 · 未读 2',
    countsAfter: '已提交 3/4 · 未读 1',
    notSubmitted: '未提交（1）',
    unread: '未读',
    late: '迟交',
    submitted: '已提交',
    returned: '已退回修改',
    noteOn: '批注：下周工作计划 #1',
    noteBox: '对 下周工作计划 #1 的批注',
    addNote: '添加批注',
    returnIt: '退回修改',
    reason: '需要修改什么（业务员会看到）',
    confirmReturn: '退回给 李娜',
    reasonRequired: '退回前请写明需要修改什么。',
    back: '返回收件箱',
    historyTitle: /^这份报告的记录/,
    changes: ['走访 1 的客户：华东润滑油 → 苏南汽配城', '重点工作 1 需要的支持：新增「样品 6 桶」', '端架情况：新增「美孚占 2 层」', '自定义字段：新增「旧字段」'],
    forManagers: '团队收件箱供经理使用。角色在“选项 › 团队与角色”中设置。',
  },
} as const;

const eventsOf = (entryId: string) => db.reviewEvents.where('entryId').equals(entryId).toArray();

beforeEach(() => {
  for (const key of Object.keys(entries)) delete entries[key];
});

afterEach(async () => {
  cleanup();
  await db?.delete();
});

describe.each(['en', 'zh-CN'] as const)('the team inbox (%s)', (locale) => {
  const w = WORDS[locale];

  it("lists the team's reports unread first, counts them, and names who has not submitted", async () => {
    await managerDevice();
    const user = userEvent.setup();
    renderInbox(locale);
    const inbox = await screen.findByTestId('team-inbox');
    // This week nobody has submitted yet; last week's reports are one period earlier.
    await user.click(within(inbox).getByRole('button', { name: w.earlier }));
    await waitFor(() => expect(within(inbox).getAllByTestId('inbox-row')).toHaveLength(3));

    const rows = within(inbox).getAllByTestId('inbox-row');
    // Unread first (the latest submission first), then what the manager has read.
    expect(rows.map((row) => row.textContent!.match(/^(张伟|李娜|刘洋)/)?.[1])).toEqual(['李娜', '刘洋', '张伟']);
    expect(rows.map((row) => row.getAttribute('data-unread'))).toEqual(['true', 'true', null]);
    expect(within(rows[0]!).getByText(w.unread)).toBeTruthy();
    expect(within(rows[0]!).getByText(w.late)).toBeTruthy();
    expect(within(rows[2]!).queryByText(w.unread)).toBeNull();
    expect(screen.getByTestId('inbox-counts').textContent).toBe(w.counts);

    // Not submitted: the rep with a draft. Not the other manager, not the other team's rep, not the manager.
    const missing = screen.getByTestId('not-submitted');
    expect(within(missing).getByRole('heading').textContent).toBe(w.notSubmitted);
    expect(within(missing).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['周敏']);
    // Another team's report and a draft are not in the inbox.
    expect(within(inbox).queryByText('孙浩')).toBeNull();
    expect(within(inbox).queryAllByTestId('inbox-row').some((row) => row.textContent?.includes('周敏'))).toBe(false);
  });

  it('opening a report leaves one read receipt; a line note and a return are saved as the manager’s review events', async () => {
    await managerDevice();
    const user = userEvent.setup();
    renderInbox(locale);
    const inbox = await screen.findByTestId('team-inbox');
    await user.click(within(inbox).getByRole('button', { name: w.earlier }));
    const row = await waitFor(() => within(inbox).getAllByTestId('inbox-row').find((r) => r.textContent?.startsWith('李娜'))!);
    await user.click(within(row).getByRole('button'));

    const reader = await screen.findByTestId('review-reader');
    expect(within(reader).getByText('拜访 5 家终端，铺货 HX7')).toBeTruthy();
    // The read receipt: one 'read' event by the manager, about 李娜's entry.
    await waitFor(async () => expect((await eventsOf(entries.li!.id)).map((e) => e.action)).toEqual(['read']));
    const [read] = await eventsOf(entries.li!.id);
    expect(read).toMatchObject({ author: MANAGER, entryAuthorId: LI.id, entryKind: 'weekly', entryPeriodStart: lastWeek.start });
    await within(reader).findByTestId('read-receipt');

    // A note on the first line of next week's plan.
    await user.click(within(reader).getByRole('button', { name: w.noteOn }));
    await user.type(within(reader).getByRole('textbox', { name: w.noteBox }), '哪 5 家？写出名称。');
    await user.click(within(reader).getByRole('button', { name: w.addNote }));
    const note = await within(reader).findByTestId('line-note');
    expect(within(note).getByText('哪 5 家？写出名称。').className).toContain('text-danger');
    expect(note.textContent).toContain('王强');
    await waitFor(async () => expect((await eventsOf(entries.li!.id)).filter((e) => e.action === 'annotate')).toHaveLength(1));
    const annotation = (await eventsOf(entries.li!.id)).find((e) => e.action === 'annotate');
    expect(annotation).toMatchObject({ author: MANAGER, path: 'nextWeekPlan.0', quote: '拜访 5 家终端，铺货 HX7', text: '哪 5 家？写出名称。' });

    // Returning without a reason is refused and saves nothing; with one, it is the manager's return.
    await user.click(within(reader).getByRole('button', { name: w.returnIt }));
    await user.click(within(reader).getByRole('button', { name: w.confirmReturn }));
    expect((await within(reader).findByRole('alert')).textContent).toBe(w.reasonRequired);
    expect((await eventsOf(entries.li!.id)).some((e) => e.action === 'return')).toBe(false);
    await user.type(within(reader).getByRole('textbox', { name: w.reason }), '写出终端名称后重新提交');
    await user.click(within(reader).getByRole('button', { name: w.confirmReturn }));
    await waitFor(async () => expect((await eventsOf(entries.li!.id)).map((e) => e.action).sort()).toEqual(['annotate', 'read', 'return']));
    const returned = (await eventsOf(entries.li!.id)).find((e) => e.action === 'return');
    expect(returned).toMatchObject({ author: MANAGER, entryAuthorId: LI.id, text: '写出终端名称后重新提交' });
    // Nothing was written on the rep's record itself, and only one receipt was left.
    expect((await db.diaryEntries.get(entries.li!.id))?.updatedAt).toBe(entries.li!.updatedAt);
    expect((await eventsOf(entries.li!.id)).filter((e) => e.action === 'read')).toHaveLength(1);

    // Back in the inbox: read now, and returned.
    await user.click(within(reader).getByRole('button', { name: w.back }));
    const again = await waitFor(() => within(screen.getByTestId('team-inbox')).getAllByTestId('inbox-row').find((r) => r.textContent?.startsWith('李娜'))!);
    // Focus is back on the report's row, not lost with the reader.
    await waitFor(() => expect(document.activeElement).toBe(within(again).getByRole('button')));
    expect(again.getAttribute('data-unread')).toBeNull();
    expect(within(again).getByText(w.returned)).toBeTruthy();
    expect(screen.getByTestId('inbox-counts').textContent).toBe(w.countsAfter);
  });

  it('the history names what changed as the report does: customers by name, added fields by their label, never a key or an id', async () => {
    await managerDevice();
    const [east, south] = [await saveRecord(db, 'dealers', { name: '华东润滑油', shared: false }, { author: MANAGER }), await saveRecord(db, 'dealers', { name: '苏南汽配城', shared: false }, { author: MANAGER })];
    const template = await saveRecord(
      db,
      'templates',
      {
        kind: 'weekly',
        familyId: '01KB0000000000000000TEMP01',
        version: 1,
        name: { 'zh-CN': '华东周报', en: 'East weekly' },
        sections: [],
        fields: [{ key: 'shelf', type: 'text', label: { 'zh-CN': '端架情况', en: 'End-cap display' }, required: false }],
      },
      { author: MANAGER },
    );
    const at = hoursAgo(1).toISOString();
    await db.diaryEntries.update(entries.liu!.id, {
      templateId: template.id,
      templateVersion: 1,
      extra: { shelf: '美孚占 2 层', oldKey: '旧字段' },
      revisions: [
        ...entries.liu!.revisions!,
        {
          at,
          by: LIU,
          action: 'edited',
          changes: [
            { path: 'content.keyAccountVisits.0.dealerId', before: east.id, after: south.id },
            { path: 'content.nextWeekPlan.0.support', before: '', after: '样品 6 桶' },
            { path: 'extra.shelf', after: '美孚占 2 层' },
            { path: 'extra.oldKey', after: '旧字段' },
          ],
        },
      ],
    });
    const user = userEvent.setup();
    renderInbox(locale);
    const inbox = await screen.findByTestId('team-inbox');
    await user.click(within(inbox).getByRole('button', { name: w.earlier }));
    const row = await waitFor(() => within(inbox).getAllByTestId('inbox-row').find((r) => r.textContent?.startsWith('刘洋'))!);
    await user.click(within(row).getByRole('button'));
    const trail = await screen.findByTestId('audit-trail');
    await user.click(within(trail).getByText(w.historyTitle));
    const changes = await waitFor(() => {
      const items = within(trail).getAllByRole('listitem').filter((li) => li.closest('ul'));
      expect(items.map((li) => li.textContent)).toContain(w.changes[0]);
      return items.map((li) => li.textContent);
    });
    expect(changes).toEqual(w.changes);
    expect(trail.textContent).not.toMatch(/oldKey|shelf|01KB|content\./);
  });

  it('tells a rep that the inbox is for managers, and lists nothing', async () => {
    await managerDevice('rep');
    renderInbox(locale);
    expect(await screen.findByText(w.forManagers)).toBeTruthy();
    expect(screen.queryByTestId('team-inbox')).toBeNull();
    expect(screen.queryByText('李娜')).toBeNull();
  });
});

describe('notes on a field an admin added to the template', () => {
  it('the manager notes the added field of the version the report was written with, named by its label', async () => {
    await managerDevice();
    const draft = copyBuiltIn('weekly');
    draft.fields = [{ key: 'endCap', type: 'text', label: { 'zh-CN': '端架情况', en: 'End-cap display' }, required: false }];
    const saved = await saveTemplateVersion(db, draft, MANAGER);
    if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
    await db.diaryEntries.update(entries.li!.id, { templateId: saved.template.id, templateVersion: saved.template.version, extra: { endCap: '美孚占 2 层' } });
    const user = userEvent.setup();
    renderInbox('en');
    const inbox = await screen.findByTestId('team-inbox');
    await user.click(within(inbox).getByRole('button', { name: 'Earlier' }));
    const row = await waitFor(() => within(inbox).getAllByTestId('inbox-row').find((r) => r.textContent?.startsWith('李娜'))!);
    await user.click(within(row).getByRole('button'));
    const reader = await screen.findByTestId('review-reader');
    await waitFor(() => expect(within(reader).getByText('美孚占 2 层')).toBeTruthy());
    await user.click(await within(reader).findByRole('button', { name: 'Add a note on End-cap display' }, { timeout: 10_000 }));
    await user.type(within(reader).getByRole('textbox', { name: 'Your note on End-cap display' }), 'Photo please');
    await user.click(within(reader).getByRole('button', { name: 'Add note' }));
    await waitFor(async () => expect((await eventsOf(entries.li!.id)).filter((e) => e.action === 'annotate').map((e) => [e.path, e.quote, e.text])).toEqual([['extra.endCap', '美孚占 2 层', 'Photo please']]));
    await waitFor(() => expect(within(reader).getAllByTestId('line-note').map((n) => n.textContent)).toEqual([expect.stringContaining('Photo please')]));
  });
});
