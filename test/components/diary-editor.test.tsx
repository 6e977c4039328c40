// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DiaryEditor, isCopiedLine, vagueWordWithoutNumber } from '../../components/reports/index';
import { DiaryEntry } from '../../lib/reports/diary-schema';
import { VisitCard } from '../../lib/visits/schema';
import type { RecordDraft } from '../../lib/store/records';
import { LocaleProvider } from '../../components/shell/locale';
import { alertTexts, fillIn, inLocale, pendingSave, valueOf } from './helpers';

afterEach(cleanup);

const DEALER_A = '01JD0000000000000000000001';
const DEALER_B = '01JD0000000000000000000002';
const dealersById = { [DEALER_A]: '华联商贸', [DEALER_B]: '永盛批发' };
const AUTHOR = { id: 'owner-101', name: '张伟' };
type OnSave = (draft: RecordDraft<'diaryEntries'>, options: { submit: boolean }) => Promise<void>;

function entry(periodStart: string, content: unknown, overrides: Record<string, unknown> = {}): DiaryEntry {
  return DiaryEntry.parse({
    id: `01JG0000000000000000000${periodStart.replace(/-/g, '').slice(5)}`,
    schemaVersion: 1,
    author: AUTHOR,
    createdAt: `${periodStart}T10:00:00.000Z`,
    updatedAt: `${periodStart}T10:00:00.000Z`,
    periodStart,
    isoWeek: '2026-W48',
    content,
    ...overrides,
  });
}

function visit(overrides: Partial<VisitCard>): VisitCard {
  return VisitCard.parse({
    id: '01JE0000000000000000000001',
    schemaVersion: 2,
    author: AUTHOR,
    createdAt: '2026-11-23T08:00:00.000Z',
    updatedAt: '2026-11-23T08:00:00.000Z',
    dealerId: DEALER_A,
    visitDay: '2026-11-23',
    isoWeek: '2026-W48',
    orderQuantity: 25,
    actions: { checkedInventory: true, didDisplay: true, tookOrder: true, recommendedNewProducts: false },
    ...overrides,
  });
}

/** What the host (side panel) adds before storing; the result must satisfy the schema. */
function asRecord(draft: RecordDraft<'diaryEntries'>) {
  return DiaryEntry.safeParse({
    ...draft,
    id: draft.id ?? '01JH0000000000000000000001',
    schemaVersion: 1,
    author: AUTHOR,
    createdAt: '2026-11-23T18:00:00.000Z',
    updatedAt: '2026-11-23T18:00:00.000Z',
  });
}

const line = (label: string, n: number) => screen.getByLabelText(`${label}第 ${n} 行`) as HTMLInputElement;

describe('DiaryEditor, daily', () => {
  const yesterday = entry('2026-11-22', {
    kind: 'daily',
    todayWork: ['拜访永盛批发'],
    tomorrowPlan: ['拜访华联商贸，铺货 HX7 共 3 家终端', '跟进永盛回款'],
    problems: ['华联库存积压'],
  });

  it("prefills today's work from yesterday's plan, attaches today's visits and saves a draft (zh-CN)", async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<OnSave>().mockResolvedValue();
    inLocale(
      'zh-CN',
      <DiaryEditor kind="daily" periodStart="2026-11-23" previousEntry={yesterday} visitsOfPeriod={[visit({})]} dealersById={dealersById} onSave={onSave} />,
    );
    expect(line('今日工作内容', 1).value).toBe('拜访华联商贸，铺货 HX7 共 3 家终端');
    expect(line('今日工作内容', 2).value).toBe('跟进永盛回款');
    expect(screen.getByText('已把昨天写的“明日计划”填进来，请按实际完成情况修改。')).toBeTruthy();
    const visits = within(screen.getByRole('region', { name: '今日拜访（1 家）' }));
    expect(visits.getByText('华联商贸')).toBeTruthy();
    expect(visits.getByText('下单 25 箱')).toBeTruthy();

    // Enter adds a line below and moves the caret there.
    await user.type(line('明日计划', 1), '拜访 5 家终端{Enter}');
    expect(document.activeElement).toBe(line('明日计划', 2));
    await user.keyboard('陈列检查');
    await user.type(line('需解决的问题', 1), '华联库存积压');
    await user.click(screen.getByRole('button', { name: '保存草稿' }));

    expect(onSave).toHaveBeenCalledTimes(1);
    const [draft, options] = onSave.mock.calls[0]!;
    expect(options).toEqual({ submit: false });
    expect(draft).toMatchObject({
      periodStart: '2026-11-23',
      isoWeek: '2026-W48',
      month: '2026-11',
      status: 'draft',
      content: {
        kind: 'daily',
        todayWork: ['拜访华联商贸，铺货 HX7 共 3 家终端', '跟进永盛回款'],
        tomorrowPlan: ['拜访 5 家终端', '陈列检查'],
        problems: ['华联库存积压'],
      },
    });
    expect(asRecord(draft).success).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('草稿已保存。');
  });

  it('gently flags lines copied from yesterday and vague plans without a number, without blocking', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<OnSave>().mockResolvedValue();
    inLocale('zh-CN', <DiaryEditor kind="daily" periodStart="2026-11-23" previousEntry={yesterday} visitsOfPeriod={[]} dealersById={dealersById} onSave={onSave} />);
    await user.type(line('需解决的问题', 1), '华联库存积压。');
    expect(screen.getByText('同昨日？这一行和昨天写的一模一样，如有新进展可以补充。')).toBeTruthy();
    await user.type(line('明日计划', 1), '进一步加强客情关系');
    expect(screen.getByText('“进一步”没有具体数字，建议写成可衡量的目标，例如“周五前拜访 5 家终端”。')).toBeTruthy();
    await user.clear(line('明日计划', 1));
    await user.type(line('明日计划', 1), '加强陈列，周三前完成 4 家');
    expect(screen.queryByText(/没有具体数字/)).toBeNull();
    await user.click(screen.getByRole('button', { name: '提交日报' }));
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ status: 'submitted' }), { submit: true });
  });

  it('turns pasted lines into lines of the list, and never submits on Enter in a weekly row (zh-CN)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<OnSave>().mockResolvedValue();
    inLocale('zh-CN', <DiaryEditor kind="daily" periodStart="2026-11-23" visitsOfPeriod={[]} dealersById={dealersById} onSave={onSave} />);
    await user.click(line('需解决的问题', 1));
    await user.paste('华联库存积压\n永盛回款慢');
    expect(line('需解决的问题', 1).value).toBe('华联库存积压');
    expect(line('需解决的问题', 2).value).toBe('永盛回款慢');
    expect(document.activeElement).toBe(line('需解决的问题', 2));
    cleanup();
    inLocale('zh-CN', <DiaryEditor kind="weekly" periodStart="2026-11-23" visitsOfPeriod={[]} dealersById={dealersById} onSave={onSave} />);
    await user.click(screen.getByRole('button', { name: '添加重点工作' }));
    await user.type(screen.getByLabelText('重点工作 1'), '拜访 5 家终端{Enter}');
    expect(valueOf('重点工作 1')).toBe('拜访 5 家终端');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('requires the template fields only on submit, naming the field (en)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<OnSave>().mockResolvedValue();
    inLocale('en', <DiaryEditor kind="daily" periodStart="2026-11-23" visitsOfPeriod={[]} dealersById={{}} onSave={onSave} />);
    expect(screen.getByText('No visit cards for this day yet.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Submit daily report' }));
    expect(alertTexts()).toEqual(["Today's work: write at least one line before submitting", "Tomorrow's plan: write at least one line before submitting"]);
    expect(onSave).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByLabelText("Today's work, line 1"));
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(asRecord(onSave.mock.calls[0]![0]).success).toBe(true);
  });

  it('keeps everything typed when the save fails, with both buttons disabled meanwhile', async () => {
    const user = userEvent.setup();
    const { onSave, reject } = pendingSave<Parameters<OnSave>>();
    const existing = entry('2026-11-23', { kind: 'daily', todayWork: ['盘点'], tomorrowPlan: [], problems: [] }, { status: 'draft' });
    inLocale('zh-CN', <DiaryEditor kind="daily" periodStart="2026-11-23" entry={existing} visitsOfPeriod={[]} dealersById={dealersById} onSave={onSave} />);
    await user.type(line('明日计划', 1), '拜访 3 家');
    await user.click(screen.getByRole('button', { name: '提交日报' }));
    expect((screen.getByRole('button', { name: '提交日报' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: '保存草稿' }) as HTMLButtonElement).disabled).toBe(true);
    expect(onSave.mock.calls[0]![0].id).toBe(existing.id);
    reject(new Error('网络断开'));
    await screen.findByText('保存失败：网络断开。已填写的内容都还在，可以直接重试。');
    expect((screen.getByRole('button', { name: '提交日报' }) as HTMLButtonElement).disabled).toBe(false);
    expect(line('今日工作内容', 1).value).toBe('盘点');
    expect(line('明日计划', 1).value).toBe('拜访 3 家');
  });

  it("shows the manager's annotations read-only", () => {
    const reviewed = entry(
      '2026-11-23',
      { kind: 'daily', todayWork: ['盘点'], tomorrowPlan: ['拜访'], problems: [] },
      { status: 'reviewed', annotations: [{ id: '01JK0000000000000000000001', author: { id: 'mgr-1', name: '李经理' }, at: '2026-11-24T01:00:00.000Z', path: 'tomorrowPlan.0', text: '<b>写清楚拜访几家</b>' }] },
    );
    const { container } = inLocale('zh-CN', <DiaryEditor kind="daily" periodStart="2026-11-23" entry={reviewed} visitsOfPeriod={[]} dealersById={dealersById} onSave={vi.fn()} />);
    const notes = within(screen.getByRole('region', { name: '主管批注' }));
    expect(notes.getByText('<b>写清楚拜访几家</b>')).toBeTruthy();
    const author = notes.getByText('李经理');
    expect(author.closest('li')!.textContent).toMatch(/^李经理 · 2026年11月24日 \d\d:00针对：明日计划 #1/);
    expect(notes.getByText('针对：明日计划 #1')).toBeTruthy();
    expect(notes.queryByRole('textbox')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByText('已批阅')).toBeTruthy();
  });
});

describe('DiaryEditor, weekly', () => {
  const lastWeek = entry('2026-11-16', {
    kind: 'weekly',
    nextWeekPlan: [
      { priority: '华联商贸签约 HX7 分销', support: '' },
      { priority: '进一步加强终端拜访', support: '' },
    ],
  });
  const keyVisit = visit({ keyAccount: true, note: '谈年度返利', orderQuantity: 40 });

  it("turns last week's plan into summary lines, prefills key-account visits and counts them against the minimum (en)", async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<OnSave>().mockResolvedValue();
    inLocale(
      'en',
      <DiaryEditor kind="weekly" periodStart="2026-11-23" previousEntry={lastWeek} visitsOfPeriod={[keyVisit, visit({ id: '01JE0000000000000000000002', dealerId: DEALER_B })]} dealersById={dealersById} onSave={onSave} />,
    );
    expect(valueOf('Plan item 1')).toBe('华联商贸签约 HX7 分销');
    expect(valueOf('Plan item 2')).toBe('进一步加强终端拜访');
    expect(screen.getByText('1 key-account visit this week; at least 2 expected. 1 more would meet the minimum.')).toBeTruthy();
    expect(valueOf('Customer of visit 1')).toBe(DEALER_A);
    expect(valueOf('Purpose of visit 1')).toBe('谈年度返利');
    expect(valueOf('Outcome of visit 1')).toBe('Ordered 40 cases');

    await user.click(screen.getByRole('button', { name: 'Submit weekly report' }));
    expect(alertTexts()).toEqual(
      expect.arrayContaining([
        'Item 1 completion (%): enter how far it got before submitting',
        "Next week's plan: write at least one line before submitting",
      ]),
    );
    expect(onSave).not.toHaveBeenCalled();

    await fillIn(user, { 'Item 1 completion (%)': '80', 'Item 2 completion (%)': '150', 'Item 2 problem': '人手不足' });
    await user.click(screen.getByRole('button', { name: 'Add a priority' }));
    await user.type(screen.getByLabelText('Priority 1'), '尽量多拜访');
    expect(screen.getByText('"尽量" without a number: make it measurable, e.g. "visit 5 terminals by Friday".')).toBeTruthy();
    await user.clear(screen.getByLabelText('Priority 1'));
    await user.type(screen.getByLabelText('Priority 1'), '永盛批发回款 10 万');
    await user.type(screen.getByLabelText('Support needed for priority 1'), '财务对账');
    await user.click(screen.getByRole('button', { name: 'Add a visit' }));
    await user.selectOptions(screen.getByLabelText('Customer of visit 2'), DEALER_B);
    expect(screen.getByText('2 key-account visits this week; at least 2 expected.')).toBeTruthy();
    await fillIn(user, { 'Purpose of visit 2': '处理窜货投诉', 'Outcome of visit 2': '已协调' });
    await user.click(screen.getByRole('button', { name: 'Add a grade change' }));
    await user.selectOptions(screen.getByLabelText('Customer 1'), DEALER_B);
    await user.selectOptions(screen.getByLabelText('Grade before, customer 1'), 'C');
    await user.selectOptions(screen.getByLabelText('New grade, customer 1'), 'B');
    await user.type(screen.getByLabelText('Reason for late submission'), '周五在外地出差');

    await user.click(screen.getByRole('button', { name: 'Submit weekly report' }));
    // Not fully done needs the reason (seed 000: completion and problems).
    expect(alertTexts()).toEqual(['Item 1 problem: not fully done: say what held it back before submitting', 'Item 2 completion (%): enter a percentage from 0 to 100']);
    await fillIn(user, { 'Item 1 problem': '合同待盖章' });
    await user.click(screen.getByRole('button', { name: 'Submit weekly report' }));
    expect(screen.getByRole('alert').textContent).toBe('Item 2 completion (%): enter a percentage from 0 to 100');
    await user.clear(screen.getByLabelText('Item 2 completion (%)'));
    await user.type(screen.getByLabelText('Item 2 completion (%)'), '50');
    await user.click(screen.getByRole('button', { name: 'Submit weekly report' }));

    const [draft, options] = onSave.mock.calls[0]!;
    expect(options).toEqual({ submit: true });
    expect(draft.content).toEqual({
      kind: 'weekly',
      lastWeekSummary: [
        { item: '华联商贸签约 HX7 分销', completion: 80, problem: '合同待盖章' },
        { item: '进一步加强终端拜访', completion: 50, problem: '人手不足' },
      ],
      nextWeekPlan: [{ priority: '永盛批发回款 10 万', support: '财务对账' }],
      keyAccountVisits: [
        { dealerId: DEALER_A, day: '2026-11-23', purpose: '谈年度返利', outcome: 'Ordered 40 cases' },
        { dealerId: DEALER_B, day: '2026-11-23', purpose: '处理窜货投诉', outcome: '已协调' },
      ],
      gradeChanges: [{ dealerId: DEALER_B, from: 'C', to: 'B' }],
      lateReason: '周五在外地出差',
    });
    expect(asRecord(draft).success).toBe(true);
  });

  it('removes a row with the button inside it, named after the row and its list (zh-CN)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<OnSave>().mockResolvedValue();
    inLocale('zh-CN', <DiaryEditor kind="weekly" periodStart="2026-11-23" visitsOfPeriod={[]} dealersById={dealersById} onSave={onSave} />);
    await user.click(screen.getByRole('button', { name: '添加重点工作' }));
    await user.click(screen.getByRole('button', { name: '添加重点工作' }));
    await fillIn(user, { '重点工作 1': '拜访 5 家终端', '重点工作 2': '永盛批发回款 10 万' });
    await user.click(screen.getByRole('button', { name: '删除第 1 行（下周工作计划）' }));
    expect(valueOf('重点工作 1')).toBe('永盛批发回款 10 万');
    expect(screen.queryByLabelText('重点工作 2')).toBeNull();
    expect(screen.queryByRole('button', { name: '删除第 2 行（下周工作计划）' })).toBeNull();
  });

  it('requires no blank key-account fields on submit, in Chinese', async () => {
    const user = userEvent.setup();
    inLocale('zh-CN', <DiaryEditor kind="weekly" periodStart="2026-11-23" visitsOfPeriod={[visit({ keyAccount: true, orderQuantity: undefined })]} dealersById={dealersById} onSave={vi.fn()} />);
    expect(screen.getByText('本周大客户走访 1 次，要求至少 2 次，还差 1 次。')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '提交周报' }));
    expect(alertTexts()).toEqual(expect.arrayContaining(['走访 1 的目的：提交前不能留空', '走访 1 的结果：提交前不能留空', '下周工作计划：提交前请至少写一行']));
  });
});

describe('DiaryEditor, submitted entries', () => {
  const submittedWeek = entry(
    '2026-11-23',
    {
      kind: 'weekly',
      lastWeekSummary: [{ item: '华联商贸签约 HX7 分销', completion: 80, problem: '' }],
      nextWeekPlan: [{ priority: '永盛批发回款 10 万', support: '' }],
    },
    { status: 'submitted', submittedAt: '2026-11-27T09:00:00.000Z' },
  );

  /** A submitted report is text to read: no control left to type into or press. */
  function expectNoControls(report: HTMLElement) {
    expect(report.querySelectorAll('input, select, textarea, button')).toHaveLength(0);
  }

  it.each([
    { locale: 'en' as const, title: 'Weekly report · Week 48, 2026', note: "Submitted reports can't be changed here; revisions come with the manager's review.", badge: 'Submitted', summary: '80% done', submittedOn: 'Submitted 27 Nov 2026' },
    { locale: 'zh-CN' as const, title: '周报 · 2026年第48周', note: '报告提交后不能在这里修改，如需改动，会随主管批阅一并处理。', badge: '已提交', summary: '完成 80%', submittedOn: '2026年11月27日' },
  ])('shows a submitted weekly report as text, with no controls and one line saying why ($locale)', ({ locale, title, note, badge, summary, submittedOn }) => {
    const onSave = vi.fn<OnSave>().mockResolvedValue();
    inLocale(locale, <DiaryEditor kind="weekly" periodStart="2026-11-23" entry={submittedWeek} visitsOfPeriod={[]} dealersById={dealersById} onSave={onSave} />);
    const report = screen.getByRole('article', { name: title });
    expect(screen.queryByRole('form')).toBeNull();
    expect(within(report).getByText(note)).toBeTruthy();
    expect(within(report).getByText(badge)).toBeTruthy();
    expect(within(report).getByText(new RegExp(submittedOn))).toBeTruthy();
    expect(within(report).getByText('华联商贸签约 HX7 分销')).toBeTruthy();
    expect(within(report).getByText(summary)).toBeTruthy();
    expect(within(report).getByText('永盛批发回款 10 万')).toBeTruthy();
    expectNoControls(report);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('keeps a draft editable, without the read-only line', () => {
    const draft = entry('2026-11-23', { kind: 'weekly', nextWeekPlan: [{ priority: '拜访 5 家终端', support: '' }] }, { status: 'draft' });
    inLocale('en', <DiaryEditor kind="weekly" periodStart="2026-11-23" entry={draft} visitsOfPeriod={[]} dealersById={dealersById} onSave={vi.fn()} />);
    expect(screen.queryByText(/can't be changed here/)).toBeNull();
    expect(screen.getByDisplayValue('拜访 5 家终端').matches(':disabled')).toBe(false);
    expect(screen.getByRole('button', { name: 'Save draft' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Submit weekly report' })).toBeTruthy();
  });

  it('turns read-only once the host reports the entry submitted, keeping the notice', async () => {
    const user = userEvent.setup();
    const draft = entry('2026-11-23', { kind: 'inspection', learned: ['竞品降价 10%'], handled: ['窜货投诉'], guided: ['陈列'] }, { status: 'draft' });
    const onSave = vi.fn<OnSave>().mockResolvedValue();
    const { rerender } = inLocale('en', <DiaryEditor kind="inspection" periodStart="2026-11-23" entry={draft} visitsOfPeriod={[]} dealersById={{}} onSave={onSave} />);
    await user.click(screen.getByRole('button', { name: 'Submit inspection report' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    const submitted = DiaryEntry.parse({ ...draft, status: 'submitted' });
    rerender(
      <LocaleProvider locale="en">
        <DiaryEditor kind="inspection" periodStart="2026-11-23" entry={submitted} visitsOfPeriod={[]} dealersById={{}} onSave={onSave} />
      </LocaleProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe('Submitted.');
    expect(screen.getByText("Submitted reports can't be changed here; revisions come with the manager's review.")).toBeTruthy();
    const report = screen.getByRole('article', { name: 'Market inspection · Mon, 23 Nov 2026' });
    expect(within(report).getByText('竞品降价 10%')).toBeTruthy();
    expect(report.querySelectorAll('input, button')).toHaveLength(0);
  });
});

describe('DiaryEditor, monthly and inspection', () => {
  it('saves a monthly report with an optional local proposal and flags last month copies (zh-CN)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<OnSave>().mockResolvedValue();
    const lastMonth = entry('2026-10-01', { kind: 'monthly', results: ['完成销量 1200 箱'], problems: ['回款慢'], nextMonthPlan: ['新增 3 家终端'] });
    inLocale('zh-CN', <DiaryEditor kind="monthly" periodStart="2026-11-01" previousEntry={lastMonth} visitsOfPeriod={[]} dealersById={dealersById} onSave={onSave} />);
    expect(within(screen.getByRole('region', { name: '上期计划（供对照）' })).getByText('新增 3 家终端')).toBeTruthy();
    await user.type(line('工作成果', 1), '完成销量 1350 箱');
    await user.type(line('存在问题', 1), '回款慢');
    expect(screen.getByText('同上月？这一行和上个月写的一模一样，如有新进展可以补充。')).toBeTruthy();
    await user.type(line('下月工作计划', 1), '基本完成回款');
    expect(screen.getByText(/“基本”没有具体数字/)).toBeTruthy();
    await user.type(screen.getByLabelText('合理化方案'), '在县城增设二批');
    await user.click(screen.getByRole('button', { name: '提交月报' }));
    const [draft] = onSave.mock.calls[0]!;
    expect(draft.content).toEqual({ kind: 'monthly', results: ['完成销量 1350 箱'], problems: ['回款慢'], nextMonthPlan: ['基本完成回款'], localProposal: '在县城增设二批' });
    expect(draft.month).toBe('2026-11');
    expect(asRecord(draft).success).toBe(true);
  });

  it('saves a market inspection report (en)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<OnSave>().mockResolvedValue();
    inLocale('en', <DiaryEditor kind="inspection" periodStart="2026-11-23" visitsOfPeriod={[]} dealersById={{}} onSave={onSave} />);
    await fillIn(user, {
      'What I learned, line 1': 'Competitor cut retail price by 10%',
      'What I handled, line 1': 'Settled a cross-territory complaint',
      'Whom I guided, and how, line 1': 'Coached Wang on end-cap display',
    });
    await user.click(screen.getByRole('button', { name: 'Submit inspection report' }));
    const [draft] = onSave.mock.calls[0]!;
    expect(draft.content).toEqual({
      kind: 'inspection',
      learned: ['Competitor cut retail price by 10%'],
      handled: ['Settled a cross-territory complaint'],
      guided: ['Coached Wang on end-cap display'],
    });
    expect(asRecord(draft).success).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('Submitted.');
  });
});

describe('diary signals', () => {
  it('finds vague words only when no number is stated', () => {
    expect(vagueWordWithoutNumber('进一步加强终端拜访')).toBe('进一步');
    expect(vagueWordWithoutNumber('加强陈列，本周完成 5 家')).toBeUndefined();
    expect(vagueWordWithoutNumber('争取两家签约')).toBeUndefined();
    expect(vagueWordWithoutNumber('拜访华联')).toBeUndefined();
    expect(vagueWordWithoutNumber('Try to visit more stores')).toBe('try to');
  });

  it('treats whitespace and trailing punctuation as the same line, and 同昨日 as a copy', () => {
    expect(isCopiedLine(' 华联库存积压。', ['华联库存积压'])).toBe(true);
    expect(isCopiedLine('同昨日', [])).toBe(true);
    expect(isCopiedLine('华联库存已消化', ['华联库存积压'])).toBe(false);
  });
});
